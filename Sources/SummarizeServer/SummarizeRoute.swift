#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Hummingbird
import NIOCore
import SummarizeKit

/// `POST /v1/summarize`: a text in, the key points out, as the same versioned
/// JSON as `summarize --format json` (``SummaryJSON``).
///
/// Bodies:
/// - `application/json`: `{"text": "...", "bullets": 3}` (`bullets` optional).
/// - `text/plain`: the article itself, UTF-8 (or UTF-16 with a byte-order
///   mark); `?bullets=N` sets the count.
/// - `text/html`: a web page; its article is extracted (``HTMLExtractor``)
///   and only the article is summarized. In JSON, `"input": "html"` does the
///   same for `text` (`"auto"` detects HTML; the default is `"text"`).
///
/// For HTML, the response adds `"article": {"title", "published", "text"}`
/// after the schema-1 fields, and every `utf8Range` indexes `article.text`.
///
/// `?sentences=true` adds a `"sentences"` array after the schema-1 fields,
/// one `{"utf8Range":[start,end],"score":s}` per sentence in document order,
/// for the preview page. Ranges are UTF-8 byte offsets into the text as sent.
package struct SummarizeRoute: Sendable {
    let maxBodyBytes: Int
    let workers: SummaryWorkers

    static let defaultBullets = 3

    enum BodyKind: Sendable { case json, plainText, html }

    func handle(_ request: Request, context: some RequestContext) async throws -> Response {
        let kind = try Self.bodyKind(request.headers[.contentType])
        let query = request.uri.queryParameters
        let queryBullets = try query["bullets"].map { try Self.parseBullets(String($0)) }
        let includeSentences = query["sentences"].map { $0 == "true" || $0 == "1" } ?? false

        // Admission before the body is read: a full queue costs the server nothing more.
        guard workers.admission.admit() else {
            // Read and drop the body (nothing is kept) so that the client gets to read the answer;
            // closing on an unread upload would reset the connection under it.
            var dropped = 0
            for try await part in request.body {
                dropped += part.readableBytes
                if dropped > maxBodyBytes { break }
            }
            throw APIError(.serviceUnavailable, code: "overloaded",
                           message: "The server has \(workers.admission.limit) requests in progress. Retry in a moment.",
                           retryAfterSeconds: 1)
        }
        var bodyBytes = 0
        defer { workers.admission.release(bodyBytes: bodyBytes) }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw APIError.bodyTooLarge(limit: maxBodyBytes)
        }
        bodyBytes = body.readableBytes

        let limit = maxBodyBytes
        let result: Result<String, APIError>
        do {
            result = try await workers.run {
                Self.summarize(body, kind: kind, queryBullets: queryBullets,
                               includeSentences: includeSentences, limit: limit)
            }
        } catch {
            // The pool refuses work only once it is shutting down.
            throw APIError(.serviceUnavailable, code: "shutting_down",
                           message: "The server is shutting down. Retry in a moment.")
        }
        let json = try result.get()
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: json)))
    }

    /// The whole CPU-bound part of a request, run on a worker thread:
    /// decoding, validation, summarizing and encoding.
    static func summarize(_ body: ByteBuffer, kind: BodyKind, queryBullets: Int?,
                          includeSentences: Bool, limit: Int) -> Result<String, APIError> {
        do {
            let bytes = Array(body.readableBytesView)
            var document: Document
            let bullets: Int
            var html = false
            switch kind {
            case .plainText, .html:
                document = try InputDecoder(maxInputBytes: limit).decode(bytes)
                bullets = queryBullets ?? defaultBullets
                html = kind == .html
            case .json:
                let request = try decodeJSONRequest(bytes)
                document = try InputDecoder(maxInputBytes: limit).decode(Array(request.text.utf8))
                let fieldBullets = try request.bullets.get()
                bullets = fieldBullets ?? queryBullets ?? defaultBullets
                switch try request.input.get() {
                case .html: html = true
                case .auto: html = HTMLExtractor.looksLikeHTML(document)
                case .text: html = false
                }
            }
            var article: Article?
            if html {
                article = try HTMLExtractor().extractArticle(document)
                document = article!.text
            }
            let configuration = Summarizer.Configuration(bullets: bullets, maxInputBytes: limit)
            // Only `bullets` comes from the request, so an invalid configuration is about it.
            if case .failure(let error) = Result(catching: { () throws(SummarizeError) in try configuration.validate() }) {
                return .failure(APIError(.unprocessableContent, code: "invalid_bullets", message: error.message))
            }
            let summary = try Summarizer(configuration: configuration).summarize(document)
            return .success(encode(summary, includeSentences: includeSentences, article: article))
        } catch let error as APIError {
            return .failure(error)
        } catch let error as SummarizeError {
            return .failure(APIError(error))
        } catch {
            return .failure(APIError(.internalServerError, code: "internal_error", message: "\(error)"))
        }
    }

    /// The answer for one request body, as `POST /v1/summarize` computes it on a worker:
    /// the JSON of a 200, or the error. For the fuzz target (`scripts/fuzz.sh`).
    package static func answer(body: [UInt8], json: Bool, maxBodyBytes: Int) -> Result<String, APIError> {
        summarize(ByteBuffer(bytes: body), kind: json ? .json : .plainText, queryBullets: nil,
                  includeSentences: true, limit: maxBodyBytes)
    }

    /// Schema 1 exactly as the CLI writes it, plus `"sentences"` when asked
    /// and `"article"` for HTML input.
    static func encode(_ summary: Summary, includeSentences: Bool, article: Article? = nil) -> String {
        var json = SummaryJSON.encode(summary)
        guard includeSentences || article != nil else { return json }
        precondition(json.last == "}", "SummaryJSON.encode writes one JSON object")
        json.removeLast()
        if includeSentences {
            json += ",\"sentences\":["
            for (n, sentence) in summary.sentences.enumerated() {
                if n > 0 { json += "," }
                json += "{\"utf8Range\":[\(sentence.utf8Range.lowerBound),\(sentence.utf8Range.upperBound)]"
                json += ",\"score\":\(SummaryJSON.formatScore(sentence.score))}"
            }
            json += "]"
        }
        if let article {
            json += ",\"article\":{\"title\":"
            if let title = article.title { SummaryJSON.appendString(title, to: &json) } else { json += "null" }
            json += ",\"published\":"
            if let published = article.published { SummaryJSON.appendString(published, to: &json) } else { json += "null" }
            json += ",\"text\":"
            SummaryJSON.appendString(article.text.text, to: &json)
            json += "}"
        }
        json += "}"
        return json
    }

    // MARK: Request parsing

    /// 415 unless the body is JSON or plain text.
    static func bodyKind(_ contentType: String?) throws(APIError) -> BodyKind {
        // "text/plain; charset=utf-8" -> "text/plain"
        var media = contentType?.split(separator: ";", maxSplits: 1).first ?? ""
        while let c = media.first, c == " " || c == "\t" { media.removeFirst() }
        while let c = media.last, c == " " || c == "\t" { media.removeLast() }
        let mediaType = media.lowercased()
        switch mediaType {
        case "application/json": return .json
        case "text/plain": return .plainText
        case "text/html", "application/xhtml+xml": return .html
        default:
            let got = mediaType.isEmpty ? "no Content-Type" : "Content-Type \(mediaType)"
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type",
                           message: "Send the text as application/json ({\"text\": ..., \"bullets\": 3}), "
                            + "as text/plain or a web page as text/html (with ?bullets=N); got \(got).")
        }
    }

    static func parseBullets(_ value: String) throws(APIError) -> Int {
        guard let bullets = Int(value) else {
            // A whole number too long for an Int is simply out of range.
            if !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return Int.max }
            throw invalidBullets("\"\(value.prefix(40))\"")
        }
        return bullets
    }

    static func invalidBullets(_ got: String) -> APIError {
        APIError(.unprocessableContent, code: "invalid_bullets",
                 message: "bullets must be a whole number from 1 to 1000 (got \(got)).")
    }

    /// The fields of a JSON body.
    struct JSONRequest {
        var text: String
        /// nil when absent or null; a deferred error when not a whole number,
        /// so that it is reported as 422 (unusable value), not 400 (bad JSON).
        var bullets: Result<Int?, APIError>
        /// What `text` holds: "text" (the default), "html" or "auto".
        var input: Result<InputKind, APIError>

        enum InputKind: String { case text, html, auto }
    }

    /// The project's one JSON record reader (the same rules as `summarize batch` and
    /// `summarize eval`: duplicate fields refused, lone surrogates as U+FFFD, no trailing
    /// commas, a leading byte-order mark skipped).
    static let requestParser = JSONRecordParser(idField: "", textField: "text", extraFields: ["bullets", "input"])

    static func decodeJSONRequest(_ bytes: [UInt8]) throws -> JSONRequest {
        // JSON text must be UTF-8 (RFC 8259 §8.1); say where it is not, as for plain text.
        _ = try Document(validatingUTF8: bytes)
        let record: JSONRecordParser.Record
        do {
            record = try requestParser.parse(bytes)
        } catch {
            if error.reason.hasPrefix("expected '{'") {
                throw APIError(.badRequest, code: "invalid_json",
                               message: "The JSON body must be an object: {\"text\": \"...\", \"bullets\": 3}.",
                               utf8Offset: error.utf8Offset)
            }
            throw APIError(.badRequest, code: "invalid_json",
                           message: "The body is not valid JSON: \(error.reason) at byte \(error.utf8Offset). "
                            + "Send {\"text\": \"...\", \"bullets\": 3}.",
                           utf8Offset: error.utf8Offset)
        }
        guard let text = record.text else {
            if record.textType != nil {
                throw APIError(.badRequest, code: "invalid_json", message: "\"text\" must be a string.")
            }
            throw APIError(.badRequest, code: "invalid_json",
                           message: "The JSON body needs a \"text\" field holding the article as a string.")
        }
        let bullets: Result<Int?, APIError>
        switch record.extras[0] {
        case nil, .raw("null")?: bullets = .success(nil)
        case .raw(let json)?:
            if let count = wholeNumber(json) {
                bullets = .success(count)
            } else if json.first == "-" || json.first?.isNumber == true, !json.contains("."), !json.contains(where: { $0 == "e" || $0 == "E" }) {
                bullets = .failure(invalidBullets(String(json.prefix(40))))   // digits too many for an Int
            } else {
                bullets = .failure(invalidBullets("a value that is not a whole number"))
            }
        case .some:
            bullets = .failure(invalidBullets("a value that is not a whole number"))
        }
        let input: Result<JSONRequest.InputKind, APIError>
        switch record.extras[1] {
        case nil, .raw("null")?: input = .success(.text)
        case .string(let name)?:
            if let kind = JSONRequest.InputKind(rawValue: name) {
                input = .success(kind)
            } else {
                input = .failure(Self.invalidInput)
            }
        case .some: input = .failure(Self.invalidInput)
        }
        return JSONRequest(text: String(decoding: text, as: UTF8.self), bullets: bullets, input: input)
    }

    static let invalidInput = APIError(.unprocessableContent, code: "invalid_input",
                                       message: "input must be \"text\", \"html\" or \"auto\".")

    /// A JSON integer (`-?[0-9]+`) that fits in an Int.
    static func wholeNumber(_ json: String) -> Int? {
        guard json.utf8.allSatisfy({ $0 == 0x2D || ($0 >= 0x30 && $0 <= 0x39) }) else { return nil }
        return Int(json)
    }
}
