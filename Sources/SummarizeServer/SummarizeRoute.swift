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
struct SummarizeRoute: Sendable {
    let maxBodyBytes: Int
    let workers: SummaryWorkers

    static let defaultBullets = 3

    enum BodyKind: Sendable { case json, plainText, html }

    func handle(_ request: Request, context: some RequestContext) async throws -> Response {
        let kind = try Self.bodyKind(request.headers[.contentType])
        let query = request.uri.queryParameters
        let queryBullets = try query["bullets"].map { try Self.parseBullets(String($0)) }
        let includeSentences = query["sentences"].map { $0 == "true" || $0 == "1" } ?? false

        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw APIError.bodyTooLarge(limit: maxBodyBytes)
        }

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
            throw invalidBullets("\"\(value.prefix(40))\"")
        }
        return bullets
    }

    static func invalidBullets(_ got: String) -> APIError {
        APIError(.unprocessableContent, code: "invalid_bullets",
                 message: "bullets must be a whole number from 1 to 1000 (got \(got)).")
    }

    struct JSONRequest: Decodable {
        var text: String
        /// nil when absent or null; a deferred error when not a whole number,
        /// so that it is reported as 422 (unusable value), not 400 (bad JSON).
        var bullets: Result<Int?, APIError>
        /// What `text` holds: "text" (the default), "html" or "auto".
        var input: Result<InputKind, APIError>

        enum InputKind: String { case text, html, auto }
        enum CodingKeys: String, CodingKey { case text, bullets, input }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            text = try container.decode(String.self, forKey: .text)
            if !container.contains(.bullets) {
                bullets = .success(nil)
            } else if try container.decodeNil(forKey: .bullets) {
                bullets = .success(nil)
            } else if let value = try? container.decode(Int.self, forKey: .bullets) {
                bullets = .success(value)
            } else {
                bullets = .failure(SummarizeRoute.invalidBullets("a value that is not a whole number"))
            }
            if try !container.contains(.input) || container.decodeNil(forKey: .input) {
                input = .success(.text)
            } else if let name = try? container.decode(String.self, forKey: .input), let kind = InputKind(rawValue: name) {
                input = .success(kind)
            } else {
                input = .failure(APIError(.unprocessableContent, code: "invalid_input",
                                          message: "input must be \"text\", \"html\" or \"auto\"."))
            }
        }
    }

    static func decodeJSONRequest(_ bytes: [UInt8]) throws -> JSONRequest {
        // JSON text must be UTF-8 (RFC 8259 §8.1); say where it is not, as for plain text.
        _ = try Document(validatingUTF8: bytes)
        do {
            return try JSONDecoder().decode(JSONRequest.self, from: Data(bytes))
        } catch DecodingError.keyNotFound(let key, _) where key.stringValue == "text" {
            throw APIError(.badRequest, code: "invalid_json",
                           message: "The JSON body needs a \"text\" field holding the article as a string.")
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.map(\.stringValue) == ["text"] {
            throw APIError(.badRequest, code: "invalid_json", message: "\"text\" must be a string.")
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty {
            throw APIError(.badRequest, code: "invalid_json",
                           message: "The JSON body must be an object: {\"text\": \"...\", \"bullets\": 3}.")
        } catch {
            throw APIError(.badRequest, code: "invalid_json",
                           message: "The body is not valid JSON. Send {\"text\": \"...\", \"bullets\": 3}.")
        }
    }
}
