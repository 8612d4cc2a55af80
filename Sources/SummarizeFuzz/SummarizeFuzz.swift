// libFuzzer entry point over the whole summarize path. Built only when
// SUMMARIZE_FUZZ is set (see Package.swift and scripts/fuzz.sh):
//
//   SUMMARIZE_FUZZ=1 swift build -c debug --product SummarizeFuzz \
//       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --scratch-path .build-fuzz
//
// The first input byte chooses the options (lossy decoding, HTML or plain
// text, language, bullet count); the rest is the article's bytes.
import SummarizeKit

@_cdecl("LLVMFuzzerTestOneInput")
public func summarizeFuzzTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
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
    return LLVMFuzzerRunDriver(&argc, &argv) { data, count in summarizeFuzzTestOneInput(data, count) }
}
