// libFuzzer entry point. Built only when SUMMARIZE_FUZZ is set (see Package.swift and scripts/fuzz.sh):
//
//   SUMMARIZE_FUZZ=1 swift build -c debug --product SummarizeFuzz \
//       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --scratch-path .build-fuzz
//
// Three targets, chosen by SUMMARIZE_FUZZ_TARGET (scripts/fuzz.sh runs each in turn):
// - summarize (default): the whole path. The first input byte chooses the options (lossy
//   decoding, HTML or plain text, language, bullet count); the rest is the article's bytes.
// - record: one JSON Lines record through JSONRecordParser and BatchSummarizer, as
//   `summarize batch` reads it. The first byte chooses extra fields and the line flags.
// - body: one POST /v1/summarize body through the server's request handling (the first
//   byte chooses application/json or text/plain), without the network.
import Foundation
import SummarizeKit
import SummarizeServer

enum FuzzTarget: String {
    case summarize, record, body

    nonisolated(unsafe) static let current: FuzzTarget = {
        guard let name = ProcessInfo.processInfo.environment["SUMMARIZE_FUZZ_TARGET"] else { return .summarize }
        guard let target = FuzzTarget(rawValue: name) else { fatalError("SUMMARIZE_FUZZ_TARGET must be summarize, record or body") }
        return target
    }()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    switch FuzzTarget.current {
    case .summarize: return summarizeFuzzTestOneInput(start, count)
    case .record: return recordFuzzTestOneInput(start, count)
    case .body: return bodyFuzzTestOneInput(start, count)
    }
}

/// A batch record: the outcome is always exactly one line of valid JSON, the same on a second run,
/// with an "error" exactly when the record failed; a string id survives the round trip.
func recordFuzzTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let input = UnsafeBufferPointer(start: start, count: count)
    let flags = input[0]
    let bytes = Array(input.dropFirst())
    let parser = JSONRecordParser(idField: "id", textField: "text", extraFields: flags & 1 != 0 ? ["bullets", "highlights"] : [])
    var configuration = Summarizer.Configuration()
    configuration.maxInputBytes = 1 << 16
    let batch = BatchSummarizer(summarizer: Summarizer(configuration: configuration), parser: parser)
    let line = BatchLine(bytes: bytes, lineNumber: 1, source: flags & 2 != 0 ? "in.jsonl" : nil,
                         isOversized: flags & 4 != 0 && bytes.isEmpty, isTerminated: flags & 8 == 0)
    let outcome = batch.process(line)
    check(!outcome.json.contains("\n"), "an outcome spans several lines")
    check((try? JSONSerialization.jsonObject(with: Data(outcome.json.utf8))) is [String: Any], "outcome is not a JSON object")
    check(outcome.json.contains("\"error\":") == (outcome.error != nil), "error field and error disagree")
    check(batch.process(line) == outcome, "record outcome not deterministic")
    if let record = try? parser.parse(bytes) {
        check(record.extras.count == parser.extraFields.count, "extras count")
        if let text = record.text { check(String(validating: text, as: UTF8.self) != nil || String(validating: bytes, as: UTF8.self) == nil, "decoded text is not UTF-8") }
        for case .raw(let raw)? in record.extras { _ = JSONRecordParser.strings(in: .raw(raw)) }
    }
    return 0
}

/// An HTTP body: a 200 carries one JSON object; an error is a 4xx with a code and a message, never a 500.
func bodyFuzzTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let input = UnsafeBufferPointer(start: start, count: count)
    let json = input[0] & 1 == 0
    let body = Array(input.dropFirst())
    switch SummarizeRoute.answer(body: body, json: json, maxBodyBytes: 1 << 16) {
    case .success(let answer):
        check((try? JSONSerialization.jsonObject(with: Data(answer.utf8))) is [String: Any], "answer is not a JSON object")
    case .failure(let error):
        check((400..<500).contains(error.status.code), "status \(error.status.code) for a body: \(error.message)")
        check(!error.code.isEmpty && !error.message.isEmpty, "error without code or message")
        check((try? JSONSerialization.jsonObject(with: Data(error.json.utf8))) is [String: Any], "error is not JSON")
    }
    return 0
}

/// The whole summarize path.
func summarizeFuzzTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let input = UnsafeBufferPointer(start: start, count: count)
    let flags = input[0]
    let bytes = Array(input.dropFirst())

    let decoder = InputDecoder(lossy: flags & 1 != 0, maxInputBytes: 1 << 20)
    let document: Document
    do {
        document = try decoder.decode(bytes)
    } catch {
        // A refused input must say why; an offset, when given, must be inside it.
        check(!error.message.isEmpty, "empty error message")
        if let offset = error.utf8Offset { check(offset >= 0 && offset <= bytes.count, "error offset out of range") }
        check(!(flags & 1 != 0 && error.code == .invalidUTF8), "lossy decoding still refused invalid UTF-8")
        return 0
    }
    check(String(validating: document.utf8, as: UTF8.self) != nil, "decoder produced invalid UTF-8")

    // HTML: detection never crashes; extraction always gives valid UTF-8.
    let looksHTML = HTMLExtractor.looksLikeHTML(document)
    // Extraction either gives valid UTF-8 or refuses the page with .invalidHTML (nested too deeply).
    let extracted: Document
    do {
        extracted = try HTMLExtractor().extract(document)
    } catch {
        check(error.code == .invalidHTML || error.code == .inputTooLarge, "unexpected HTML extraction error \(error.code)")
        extracted = Document("")
    }
    check(String(validating: extracted.utf8, as: UTF8.self) != nil, "HTML extraction produced invalid UTF-8")
    let text = (flags & 2 != 0 || looksHTML) ? extracted : document

    var configuration = Summarizer.Configuration()
    configuration.bullets = Int(flags >> 5) + 1
    let languages = SentenceSegmenter.Language.allCases
    configuration.segmentation = .init(language: languages[Int((flags >> 2) & 7) % languages.count])
    let summarizer = Summarizer(configuration: configuration)
    let summary: Summary
    do {
        summary = try summarizer.summarize(text)
    } catch {
        fatalError("summarize threw for a decoded document: \(error.code) \(error.message)")
    }

    // Invariants: bullets in document order, inside the text, no more than asked, no duplicates.
    check(summary.keyPoints.count <= configuration.bullets, "too many key points")
    var previous = -1
    for point in summary.keyPoints {
        check(point.utf8Range.lowerBound >= 0 && point.utf8Range.upperBound <= text.byteCount, "range out of bounds")
        check(point.sentenceIndex > previous, "key points not in document order")
        previous = point.sentenceIndex
        check(point.score.isFinite && point.score >= 0, "score not finite")
        check(!point.text.isEmpty, "empty bullet")
    }
    let texts = summary.keyPoints.map(\.text)
    check(Set(texts).count == texts.count, "duplicate bullets")
    for sentence in summary.sentences {
        check(sentence.utf8Range.upperBound <= text.byteCount && !sentence.utf8Range.isEmpty, "bad sentence range")
    }
    for format in KeyPointsRenderer.Format.allCases {
        let rendered = summary.rendered(format)
        check(rendered.hasSuffix("\n"), "rendering does not end with a newline")
    }
    // Deterministic.
    if let again = try? summarizer.summarize(text) { check(again == summary, "output not deterministic") }
    return 0
}

@inline(never)
func check(_ condition: Bool, _ message: String) {
    if !condition { fatalError("invariant failed: \(message)") }
}

// SwiftPM links an executable target's entry point as `<Module>_main` (and
// points `main` at it), so libFuzzer's own `main` is not used: this one hands
// control to libFuzzer's driver instead.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("SummarizeFuzz_main")
func summarizeFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, count in fuzzTestOneInput(data, count) }
}
