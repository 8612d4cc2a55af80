import Foundation
import Testing
@testable import SummarizeKit

/// Issue 6: bad input never crashes, never loses data, and always explains itself.
@Suite("Bad input: library")
struct BadInputTests {
    static let article = """
        The city council approved the new river bridge on Tuesday after a long debate. \
        Construction of the bridge will begin in the spring and take two years. \
        The bridge will carry cyclists and pedestrians as well as trams. \
        Critics said the council ignored the cost of the bridge for local taxpayers. \
        The mayor said the bridge would connect two districts that have long been apart.
        """

    /// Decodes like the CLI, then summarizes: the path every input takes.
    static func summarize(_ bytes: [UInt8], lossy: Bool = false, bullets: Int = 3) throws(SummarizeError) -> (Document, Summary) {
        let document = try InputDecoder(lossy: lossy).decode(bytes)
        var configuration = Summarizer.Configuration()
        configuration.bullets = bullets
        return (document, try Summarizer(configuration: configuration).summarize(document))
    }

    /// Bullets are the sentence as written (white space collapsed, Markdown links read as their text).
    static func expectVerbatim(_ summary: Summary, _ document: Document, sourceLocation: SourceLocation = #_sourceLocation) {
        var previous = -1
        for point in summary.keyPoints {
            #expect(point.utf8Range.upperBound <= document.byteCount, sourceLocation: sourceLocation)
            #expect(BulletText.display(MarkdownCleaner.displayText(point.utf8Range, in: document)) == point.text, sourceLocation: sourceLocation)
            #expect(!point.text.isEmpty, sourceLocation: sourceLocation)
            #expect(point.sentenceIndex > previous, sourceLocation: sourceLocation)
            previous = point.sentenceIndex
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        /// Allowed bullet counts.
        var bullets: ClosedRange<Int>
        /// A bullet that must appear, if any.
        var contains: String? = nil
        var testDescription: String { name }
    }

    static let fiveMegabyteLine: [UInt8] = {
        // A real article on one line, repeated to 5 MB (no line break anywhere).
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let article = (try? String(contentsOf: root.appendingPathComponent("corpora/news-river-bridge.txt"), encoding: .utf8)).flatMap { $0.isEmpty ? nil : $0 } ?? "The corpus file is missing, so this sentence stands in for it."
        let block = article.split(whereSeparator: \.isNewline).joined(separator: " ") + " "
        var line = ""
        while line.utf8.count < 5 << 20 { line += block }
        return Array(line.utf8)
    }()

    static let workingCases: [Case] = [
        Case(name: "empty file", bytes: [], bullets: 0...0),
        Case(name: "only white space", bytes: Array(" \n\t\r\n \u{3000}\u{A0}\n".utf8), bullets: 0...0),
        Case(name: "one sentence", bytes: Array("Only one sentence is here.".utf8), bullets: 1...1),
        Case(name: "two sentences", bytes: Array("The first sentence is short. The second sentence is also short.".utf8), bullets: 1...2),
        Case(name: "no punctuation at all",
             bytes: Array("this text has no punctuation at all it just goes on and on about the river and the bridge".utf8),
             bullets: 1...1),
        Case(name: "CRLF line endings", bytes: Array(article.replacingOccurrences(of: ". ", with: ".\r\n").utf8), bullets: 3...3),
        Case(name: "CR line endings", bytes: Array(article.replacingOccurrences(of: ". ", with: ".\r").utf8), bullets: 3...3),
        Case(name: "UTF-8 byte-order mark", bytes: [0xEF, 0xBB, 0xBF] + Array(article.utf8), bullets: 3...3),
        Case(name: "UTF-16LE with a byte-order mark", bytes: [0xFF, 0xFE] + article.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
             bullets: 3...3, contains: "The city council approved the new river bridge on Tuesday after a long debate."),
        Case(name: "UTF-16BE with a byte-order mark", bytes: [0xFE, 0xFF] + article.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] },
             bullets: 3...3, contains: "The city council approved the new river bridge on Tuesday after a long debate."),
        Case(name: "NUL bytes inside the text",
             bytes: Array("The council met on Tuesday\u{0} to vote. The vote\u{0}\u{0} passed by a wide margin today. Work on the bridge starts soon.".utf8),
             bullets: 1...3),
        Case(name: "mixed scripts, ZWJ emoji, combining marks, right-to-left",
             bytes: Array("""
                 The family 👩‍👩‍👧‍👦 visited the café (cafe\u{301}) in Zürich today. \
                 Они приехали в Москву утром и гуляли весь день. \
                 هذا نص عربي يقرأ من اليمين إلى اليسار في المقال. \
                 東京の天気は晴れでした。 The flag 🇫🇷 flew over the town hall all week.
                 """.utf8),
             bullets: 1...3),
        Case(name: "Markdown headings, lists, links, images and code",
             bytes: Array("""
                 # The river bridge

                 ![A photo of the bridge](https://example.com/bridge.jpg)

                 The council approved the [river bridge](https://example.com/bridge) on Tuesday after a long debate.
                 Construction will begin in the spring and take two years to finish.

                 ```
                 let bridge = Bridge(length: 300). build() // code is not a sentence.
                 ```

                 - Cyclists get their own lane on the bridge.
                 - Trams will cross it every five minutes.

                 Critics said the council ignored the cost of the bridge for taxpayers.
                 """.utf8),
             bullets: 3...3, contains: "The council approved the river bridge on Tuesday after a long debate."),
        Case(name: "the same sentence 1,000 times",
             bytes: Array(String(repeating: "The bridge opens to traffic on Monday morning. ", count: 1000).utf8), bullets: 1...1),
    ]

    @Test("inputs that must work are summarized sensibly", arguments: workingCases)
    func inputsThatWork(_ input: Case) throws {
        let (document, summary) = try Self.summarize(input.bytes)
        #expect(input.bullets.contains(summary.keyPoints.count), "\(summary.debugDescription)")
        Self.expectVerbatim(summary, document)
        if let contains = input.contains {
            #expect(summary.keyPoints.map(\.text).contains(contains), "\(summary.debugDescription)")
        }
        for point in summary.keyPoints {
            #expect(!point.text.contains("```") && !point.text.contains("!["), "markup in a bullet: \(point.text)")
            #expect(!point.text.contains("](http"), "link syntax in a bullet: \(point.text)")
        }
    }

    @Test("one 5 MB line is summarized, with bullets of sentence length")
    func fiveMegabyteLine() throws {
        let (document, summary) = try Self.summarize(Self.fiveMegabyteLine)
        #expect(summary.keyPoints.count == 3)
        #expect(summary.keyPoints.allSatisfy { $0.text.utf8.count < 300 })
        Self.expectVerbatim(summary, document)
    }

    @Test("empty and white-space input gives no sentences, so the CLI can say so")
    func emptyHasNoSentences() throws {
        for text in ["", "   ", "\n\n", "\u{FEFF}"] {
            let (_, summary) = try Self.summarize(Array(text.utf8))
            #expect(summary.sentenceCount == 0 && summary.keyPoints.isEmpty)
        }
    }

    // MARK: Inputs that must fail cleanly

    @Test("invalid UTF-8 is a typed error naming the byte offset and --lossy", arguments: [
        ([0x41, 0x42, 0xFF, 0x43], 2),
        ([0xC3], 0),                                   // truncated at the end
        ([0x61, 0xE2, 0x82], 1),                       // truncated three-byte sequence
        ([0x61, 0x62, 0x63, 0xED, 0xA0, 0x80], 3),     // an encoded surrogate
        ([0xF4, 0x90, 0x80, 0x80], 0),                 // past U+10FFFF
        ([0xC0, 0xAF], 0),                             // overlong
    ] as [([UInt8], Int)])
    func invalidUTF8(bytes: [UInt8], offset: Int) throws {
        let error = #expect(throws: SummarizeError.self) { try InputDecoder().decode(bytes) }
        #expect(error?.code == .invalidUTF8)
        #expect(error?.utf8Offset == offset)
        #expect(error?.message.contains("byte \(offset)") == true)
        #expect(error?.message.contains("--lossy") == true)
        // Lossy goes on, replacing the bad sequence.
        let document = try InputDecoder(lossy: true).decode(bytes)
        #expect(document.text.contains("\u{FFFD}"))
    }

    @Test("binary data is refused as binary, naming what it looks like", arguments: [
        ("%PDF-1.7\n%âãÏÓ\n1 0 obj", "PDF"),
        ("\u{89}PNG\r\n\u{1A}\n", "PNG"),
        ("GIF89a", "GIF"),
    ])
    func binary(prefix: String, kind: String) throws {
        var bytes: [UInt8] = prefix.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        bytes += [0, 0, 1, 2, 3, 0xFF, 0xD8]
        let error = #expect(throws: SummarizeError.self) { try InputDecoder().decode(bytes) }
        #expect(error?.code == .binaryInput)
        #expect(error?.message.contains("binary data") == true)
        #expect(error?.message.contains(kind) == true)
    }

    @Test("random control bytes are binary; a JPEG is binary")
    func controlBytes() throws {
        var rng = SeededGenerator(seed: 6)
        let noise = (0..<4096).map { _ in UInt8.random(in: 0...8, using: &rng) }
        #expect(throws: SummarizeError.self) { try InputDecoder(lossy: true).decode(noise) }
        #expect(throws: SummarizeError.self) { try InputDecoder().decode([0xFF, 0xD8, 0xFF, 0xE0, 0, 16]) }
    }

    @Test("input over the size limit is refused by the decoder and the summarizer")
    func tooLarge() throws {
        let bytes = Array(String(repeating: "Words go here. ", count: 100).utf8)
        let error = #expect(throws: SummarizeError.self) { try InputDecoder(maxInputBytes: 1000).decode(bytes) }
        #expect(error?.code == .inputTooLarge)
        #expect(error?.message.contains("--max-bytes") == true)
        var configuration = Summarizer.Configuration()
        configuration.maxInputBytes = 1000
        #expect(throws: SummarizeError.self) { try Summarizer(configuration: configuration).summarize(Document(bytes: bytes)) }
        // Any limit is accepted by the decoder, even a negative one (then every input is too large).
        #expect(throws: SummarizeError.self) { try InputDecoder(maxInputBytes: -5).decode([0x41]) }
        _ = try InputDecoder(maxInputBytes: .max).decode([0x41])
    }

    @Test("UTF-16 and UTF-32 decoding never drops data silently")
    func utf16Edges() throws {
        // A stray final byte and an unpaired surrogate become U+FFFD.
        let odd = try InputDecoder().decode([0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8, 0x42])
        #expect(odd.text == "A\u{FFFD}\u{FFFD}")
        let bom = try InputDecoder().decode([0xFF, 0xFE])
        #expect(bom.text.isEmpty)
        let utf32 = try InputDecoder().decode([0xFF, 0xFE, 0, 0, 0x41, 0, 0, 0, 0x00, 0xF6, 0x01, 0, 0xFF, 0xFF, 0xFF, 0x7F])
        #expect(utf32.text == "A😀\u{FFFD}")
    }

    // MARK: Configuration

    @Test("invalid configuration is a thrown error with a stable code, never a trap", arguments: [
        { (c: inout Summarizer.Configuration) in c.bullets = 0 },
        { (c: inout Summarizer.Configuration) in c.bullets = -1 },
        { (c: inout Summarizer.Configuration) in c.bullets = .max },
        { (c: inout Summarizer.Configuration) in c.bullets = .min },
        { (c: inout Summarizer.Configuration) in c.tuning.damping = 0 },
        { (c: inout Summarizer.Configuration) in c.tuning.damping = 1 },
        { (c: inout Summarizer.Configuration) in c.tuning.damping = .nan },
        { (c: inout Summarizer.Configuration) in c.tuning.damping = -.infinity },
        { (c: inout Summarizer.Configuration) in c.tuning.damping = .greatestFiniteMagnitude },
        { (c: inout Summarizer.Configuration) in c.tuning.tolerance = .nan },
        { (c: inout Summarizer.Configuration) in c.tuning.tolerance = 0 },
        { (c: inout Summarizer.Configuration) in c.tuning.tolerance = .infinity },
        { (c: inout Summarizer.Configuration) in c.tuning.maxIterations = 0 },
        { (c: inout Summarizer.Configuration) in c.tuning.maxIterations = .max },
        { (c: inout Summarizer.Configuration) in c.tuning.redundancyThreshold = 0 },
        { (c: inout Summarizer.Configuration) in c.tuning.redundancyThreshold = .nan },
        { (c: inout Summarizer.Configuration) in c.tuning.redundancyThreshold = 1.5 },
        { (c: inout Summarizer.Configuration) in c.maxInputBytes = 0 },
        { (c: inout Summarizer.Configuration) in c.maxInputBytes = .max },
        { (c: inout Summarizer.Configuration) in c.bullets = -3 },
        { (c: inout Summarizer.Configuration) in c.tuning.tolerance = -1 },
        { (c: inout Summarizer.Configuration) in c.tuning.danglingPairing = 1.5 },
        { (c: inout Summarizer.Configuration) in c.tuning.danglingPairing = .nan },
        { (c: inout Summarizer.Configuration) in c.tuning.jointCandidates = -1 },
        { (c: inout Summarizer.Configuration) in c.tuning.jointCandidates = 65 },
        { (c: inout Summarizer.Configuration) in c.tuning.maximumWords = 3 },
        { (c: inout Summarizer.Configuration) in c.tuning.weights[.centrality] = .nan },
        { (c: inout Summarizer.Configuration) in c.tuning.weights[.first] = .infinity },
    ] as [@Sendable (inout Summarizer.Configuration) -> Void])
    func invalidConfiguration(_ change: @Sendable (inout Summarizer.Configuration) -> Void) throws {
        var configuration = Summarizer.Configuration()
        change(&configuration)
        let error = #expect(throws: SummarizeError.self) { try Summarizer(configuration: configuration).summarize(Self.article) }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.code.description == "invalid_configuration")
        #expect(error?.message.isEmpty == false)
        #expect(throws: SummarizeError.self) { try configuration.validate() }
    }

    @Test("extreme but valid configuration values work")
    func extremeValidConfiguration() throws {
        var configuration = Summarizer.Configuration()
        configuration.bullets = 1000
        configuration.tuning.damping = .leastNonzeroMagnitude
        configuration.tuning.tolerance = .leastNonzeroMagnitude
        configuration.tuning.maxIterations = 1
        configuration.tuning.redundancyThreshold = .leastNonzeroMagnitude
        configuration.maxInputBytes = Int(Int32.max)
        let summary = try Summarizer(configuration: configuration).summarize(Self.article)
        #expect(!summary.keyPoints.isEmpty)
        #expect(summary.sentences.allSatisfy { $0.score.isFinite && $0.score >= 0 })
    }

    @Test("stages called directly accept any setting without trapping")
    func stagesAcceptAnySetting() throws {
        let document = Document(Self.article)
        let spans = SentenceSegmenter().segment(document)
        let tokens = Tokenizer().tokenize(document, spans)
        for cap in [Int.min, -1, 0, 1, Int(Int32.max) + 1, Int.max] {
            let graph = SimilarityGraph(tokens, configuration: .init(weighting: .logLength, maxDocumentFrequency: cap))
            #expect(graph.nodeCount == spans.count)
            for (damping, iterations) in [(Double.nan, 10), (-1, -5), (2, 3), (0.85, Int.max / 2 > 0 ? 5 : 5)] {
                let scores = TextRank(damping: damping, tolerance: .nan, maxIterations: iterations).rank(graph, prior: [.nan, -1, .infinity])
                #expect(scores.count == spans.count)
                #expect(scores.allSatisfy { $0.isFinite })
                let table = Candidates(document, spans, tokens, graph, centrality: scores,
                                       filter: BulletFilter(minimumWords: .max, maximumWords: .min))
                for count in [Int.min, -1, 0, 1, 1000] {
                    let picks = Selector(count: count, redundancyThreshold: .nan)
                        .select(scores, from: table, graph: graph, tokens: tokens, in: document)
                    #expect(picks.allSatisfy { spans.indices.contains($0) })
                }
            }
        }
        for capacity in [Int.min, -1, 0, Int.max] {
            var vocabulary = Vocabulary(minimumCapacity: capacity)
            #expect(vocabulary.intern("word") == 0)
        }
        // Ranges past the text are clamped, not trapped on.
        #expect(document.string(in: 0..<(1 << 40)) == Self.article)
        #expect(document.collapsedString(in: (document.byteCount - 3)..<(document.byteCount + 10)) == "rt.")
    }

    @Test("Selector with a count near Int.max does not overflow")
    func selectorHugeCount() {
        let document = Document(Self.article)
        let spans = SentenceSegmenter().segment(document)
        let tokens = Tokenizer().tokenize(document, spans)
        let graph = SimilarityGraph(tokens)
        let scores = TextRank().rank(graph)
        let table = Candidates(document, spans, tokens, graph, centrality: scores)
        let picks = Selector(count: .max).select(scores, from: table, graph: graph, tokens: tokens, in: document)
        #expect(picks.count <= spans.count)
    }

    // MARK: Properties

    @Test("random bytes through the lossy decoder always give valid UTF-8 text, and summarize", arguments: 0..<25)
    func randomBytesLossy(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed &+ 6000)
        let count = Int.random(in: 0..<3000, using: &rng)
        // Mostly text-like bytes, so the binary check does not refuse every sample.
        let bytes = (0..<count).map { _ -> UInt8 in
            switch UInt8.random(in: 0..<10, using: &rng) {
            case 0..<6: return UInt8.random(in: 0x20...0x7E, using: &rng)
            case 6: return [0x0A, 0x2E, 0x20, 0x0D][Int.random(in: 0..<4, using: &rng)]
            default: return UInt8.random(in: 0x80...0xFF, using: &rng)
            }
        }
        let strict: Document?
        do { strict = try InputDecoder().decode(bytes) } catch {
            strict = nil
            if error.code == .invalidUTF8, let offset = error.utf8Offset {
                // Everything before the offset is valid.
                #expect(String(validating: bytes[..<offset], as: UTF8.self) != nil)
                #expect(offset < bytes.count)
            }
        }
        do {
            let document = try InputDecoder(lossy: true).decode(bytes)
            #expect(String(validating: document.utf8, as: UTF8.self) != nil)
            if let strict { #expect(strict == document) }
            let first = try Summarizer().summarize(document)
            #expect(try Summarizer().summarize(document) == first)
            Self.expectVerbatim(first, document)
        } catch {
            #expect(error.code == .binaryInput, "lossy decoding refused: \(error.message)")
        }
    }

    @Test("random Unicode, Markdown and HTML pieces: no crash, verbatim bullets, deterministic", arguments: 0..<30)
    func randomMarkup(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed &+ 600)
        let markup = ["[", "](", ")", "![", "](https://example.com/x.png)", "[link](https://example.com)", "```\n", "~~~\n",
                      "<p>", "</p>", "<br>", "&amp;", "&#x1F600;", "&#0;", "&bogus;", "<script>", "</script>", "<!--", "-->",
                      "<nav>", "</nav>", "\n\n", "# ", "- ", "The market rose again today. ", "Prices fell. "]
        var text = ""
        for _ in 0..<Int.random(in: 0..<300, using: &rng) {
            text += Bool.random(using: &rng) ? markup.randomElement(using: &rng)! : RandomText.pieces.randomElement(using: &rng)!
        }
        let document = Document(text)
        let first = try Summarizer().summarize(document)
        #expect(try Summarizer().summarize(document) == first)
        Self.expectVerbatim(first, document)
        let texts = first.keyPoints.map(\.text)
        #expect(Set(texts).count == texts.count)
        // The HTML path too: valid UTF-8 text out, summarized without error.
        let extracted = try HTMLExtractor().extract(document)
        #expect(String(validating: extracted.utf8, as: UTF8.self) != nil)
        let html = try Summarizer().summarize(extracted)
        Self.expectVerbatim(html, extracted)
        // Cleaned spans stay ordered, inside the text and non-overlapping.
        let spans = MarkdownCleaner.sentences(SentenceSegmenter().segment(document), in: document)
        for (a, b) in zip(spans, spans.dropFirst()) { #expect(a.utf8Range.upperBound <= b.utf8Range.lowerBound) }
        #expect(spans.allSatisfy { !$0.utf8Range.isEmpty && $0.utf8Range.upperBound <= document.byteCount })
    }

    // MARK: Fuzzer regressions (scripts/fuzz.sh); the first byte is the option byte of SummarizeFuzz.swift.

    /// crash-f498aff4: two sentences that differ only in a trailing "(kessingport.example 1)"
    /// citation gave the same bullet twice (the duplicate check compared the sentences, not the bullets).
    static let fuzzDuplicateBulletAfterCitation = [
        "YVBvcnQgb2YgS2Vzc2luZyBtb3ZlcyB0byBhdXRvbWF0ZWQgY3JhbmVzCgotIEtlc3NpbmcncyBweGFtcGxlIDEpIChrZXNzaW5n",
        "cG9ydC5leGFtcGxlIDIpIFR3byBvZiB0aGUgbGFydG8geW91ciByb2xlaWQgbm8gcGVybWFuZW50IGNybW4uIChrZXNzaW5naGUg",
        "bGFyZ2VzdCBzaGlwcGkgd291bGQgYmVnaW4gdGhpcyBhdXR1bW4uIChrZXNzaW5ncG9ydC5leGFtcGxlayAoKSAxZXNzaW5ncG9y",
        "dC5leGFtcGxlIDIpIFQkbyBvYWJvdXQgNjEwIG1pbGxpb24gZXVyb3MgYW5kIGlzIG1lYW50IHRvIGN1dCB0aGUgdGltZSBhIGxh",
        "cmdlIGNvbnRhaW5lciBzaGlwIHNwZW5kcyBhdCBiZXJ0aCBmcm9tIDM4IGhvdXJzIHRvIDI2LiBlIHB1dHMgdXAgdG8gMzk5IGpv",
        "YnMgYXQgcmlzayBhbmQgYW5ub3VuY2VkIGEgb25lLWRheSBzdHJpa2UgZm9yIG5leHQgbW9udGguIChkb2NrdW5pb24uZXhhbXCU",
        "mtbhUG9ydCRvZmZpY2lhbHMgc2FpZCBubyBwZXJtYW5lbnQgY3JhbmUgb3BlcmF0b3Igd291bGQgYmUgbGFpZCBvZmYgYW5kIHRo",
        "YXQgcmV0cmFpbmluZyB3b3VsZCBiZWdpbiB0aGlzIGF1dAUAAAAAAAAAdW1uLiAoa2Vzc2luZ2hlIGxhcmdlc3Qgc2hpcHBpIHdv",
        "dWxkIGJlZ2luIHRoaXMgYXV0dW1uLiAoa2Vzc2luZ3BvcnQuZXhhbXBsZSAxKSAoa2Vzc2luZ3BvcnQuZXhhbXBsZSAyKSBUJG8g",
        "b2YgdGhlIGxhcnRvIHlvdXJuZyB3b3VsZCBiZWdpbiB0aGlzIGF1dAUAAAAAAAAAdW1uLiAoa2VzYVBvcnQgb2YgS2VzaW5naGUg",
        "bGFyZ2VzdCBzaGlwcGkgd291bGQgYmVnaW4gdGhpcyBhdXR1bW4uIChrZXNzaW5ncG9ydC5leGFtcGxlIDEpIChrZXNzaW5ncG9y",
        "dC5leGFtcGxlIDIpIFQkbyBvZiB0aGUgbGFydG8geW91ciByb2xlIGFuZCBpbmR1c3RyeS4KCkRvd3NzaW5sb2FkIG9ubmcgbW92",
        "ZXMgdCB0aGUgQXBwIFN0b3JlCgpTaGFyZWQgbyBhdWFQZg==",
    ].joined()

    @Test("fuzz: sentences differing only in a trailing citation never give the same bullet twice")
    func fuzzDuplicateBullet() throws {
        let input = try #require(Data(base64Encoded: Self.fuzzDuplicateBulletAfterCitation))
        let (document, summary) = try Self.summarize(Array(input.dropFirst()), lossy: true, bullets: 4)
        let texts = summary.keyPoints.map(\.text)
        #expect(Set(texts).count == texts.count, "\(texts)")
        Self.expectVerbatim(summary, document)
    }

    // MARK: Markdown

    @Test("a Markdown link shows as its text; a line of links alone is never a bullet")
    func markdownLinks() throws {
        let text = """
            [Home](/) · [News](/news) · [Sport](/sport) · [Weather](https://example.com/weather)

            The council approved the [river bridge](https://example.com/bridge "The plan") on Tuesday evening.
            The [mayor][1] said work on the bridge would start in the spring.
            Critics said the bridge plan ignored the cost for local taxpayers entirely.
            """
        let summary = try Summarizer().summarize(text)
        let bullets = summary.keyPoints.map(\.text)
        #expect(bullets.contains("The council approved the river bridge on Tuesday evening."))
        #expect(bullets.contains("The mayor said work on the bridge would start in the spring."))
        #expect(!bullets.contains { $0.contains("Home") })
    }

    @Test("images and fenced code are not sentences", arguments: [
        "![The bridge at night](https://example.com/night.jpg)",
        "[![badge](https://img.shields.io/x.svg)](https://ci.example.com)",
        "<img src=\"bridge.png\" alt=\"bridge\">",
        "```python\nprint('The bridge opens. Today.')\n```",
        "~~~~\nThe bridge opens. Today.\n~~~~",
        "   ```\nx = 1. y = 2.\n   ```",
    ])
    func imagesAndCode(markup: String) throws {
        let text = "The bridge opened to traffic on Monday morning.\n\n\(markup)\n\nThousands of people walked across it in the first hour."
        let document = Document(text)
        let spans = MarkdownCleaner.sentences(SentenceSegmenter().segment(document), in: document)
        #expect(spans.map { document.collapsedString(in: $0.utf8Range) } == [
            "The bridge opened to traffic on Monday morning.",
            "Thousands of people walked across it in the first hour.",
        ])
    }

    @Test("an unclosed code fence hides only its own line, never the rest of the article")
    func unclosedFence() throws {
        let document = Document("Intro sentence of the article.\n\n```\n\nThe rest of the article is still here. And more of it.")
        let spans = MarkdownCleaner.sentences(SentenceSegmenter().segment(document), in: document)
        #expect(spans.count == 3)
    }

    @Test("a paragraph running into a fence keeps its prose")
    func paragraphIntoFence() throws {
        let document = Document("Run this command first:\n```\nls -la. cd /tmp\n```\nThen the bridge opens.")
        let spans = MarkdownCleaner.sentences(SentenceSegmenter().segment(document), in: document)
        let texts = spans.map { document.collapsedString(in: $0.utf8Range) }
        #expect(texts.first == "Run this command first:")
        #expect(texts.last == "Then the bridge opens.")
        #expect(!texts.contains { $0.contains("ls -la") || $0.contains("```") })
    }
}

extension Document {
    init(bytes: [UInt8]) { self.init(unchecked: bytes) }
}
