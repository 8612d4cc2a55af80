import Foundation
import Testing
@testable import SummarizeKit

// Sentence-boundary suites written by other projects, read in place from
// ../shared/corpora/sentence-boundary (see PROVENANCE.md there). Each test
// prints its rates and fails below a floor.
//
// Exact match: our sentences and the expected ones, each with white-space runs
// collapsed to one space and trimmed, must be equal lists.
//
// Exclusions (counted and printed, never chosen by test id):
// - records whose segmenter options ask for `doc_type: pdf` (the source joins
//   lines broken mid-sentence in PDF mode, a cleaner feature we do not have);
// - records whose expected sentences are not, in order, substrings of the
//   collapsed input: they assert the output of the source's text *cleaner*
//   (removed markers, rejoined words, rewritten characters), not segmentation;
// - records without an expected list (pySBD's cleaner-only tests);
// - records whose expected sentences leave out non-space input text (the
//   cleaner stripped HTML, tables of contents, page numbers): our contract
//   covers every non-space byte;
// - records that need a bare single line break (after a sentence without
//   terminal punctuation) to be a boundary: the contract for this package says
//   a line break inside a paragraph is not one (wrapped prose).
// Cases the source itself marks pending/xfail are kept.
//
// Set SEGMENTER_SHOW_FAILURES=1 to print every failing case.

private let boundaryDirectory = "sentence-boundary/"

private func language(forCode code: String) -> SentenceSegmenter.Language {
    switch code {
    case "en": return .english
    case "fr": return .french
    case "de": return .german
    case "es": return .spanish
    case "it": return .italian
    case "zh": return .chinese
    case "ja": return .japanese
    default: return .other
    }
}

private func collapse(_ s: String) -> String {
    s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}

private let showFailures = ProcessInfo.processInfo.environment["SEGMENTER_SHOW_FAILURES"] == "1"

private func sentences(_ text: String, language: SentenceSegmenter.Language) -> [String] {
    let document = Document(text)
    return SentenceSegmenter(language: language).segment(document).map {
        document.collapsedString(in: $0.utf8Range)
    }
}

/// Whether each expected sentence occurs, in order, in the collapsed input.
private func isSubstringSequence(_ expected: [String], of text: String) -> Bool {
    let haystack = collapse(text)
    var from = haystack.startIndex
    for sentence in expected {
        guard let found = haystack.range(of: sentence, range: from..<haystack.endIndex) else { return false }
        from = found.upperBound
    }
    return true
}

/// Whether the expected sentences hold every non-space character of the input.
/// Our contract covers every non-space byte, so expectations from which the
/// source's cleaner removed text (HTML tags, tables of contents, page numbers,
/// literal "\\r\\n") cannot be met by any conforming segmenter.
private func coversAllText(_ expected: [String], of text: String) -> Bool {
    let input = text.unicodeScalars.filter { !$0.properties.isWhitespace }
    let output = expected.joined().unicodeScalars.filter { !$0.properties.isWhitespace }
    return input.count == output.count
}

/// Whether two consecutive expected sentences are separated in the input by a
/// single line break (not a blank line) after a sentence that ends without
/// terminal punctuation: the source treats bare line breaks as boundaries,
/// which our contract explicitly does not (wrapped prose).
private func requiresBareLineBreakBoundary(_ expected: [String], in text: String) -> Bool {
    let haystack = text
    var from = haystack.startIndex
    var previousEnd: String.Index? = nil
    var previousSentence = ""
    for sentence in expected {
        let needle = sentence.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let found = haystack.range(of: needle, range: from..<haystack.endIndex) else { return false }
        if let previousEnd {
            let gap = haystack[previousEnd..<found.lowerBound]
            let breaks = gap.filter { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }.count
            let last = previousSentence.last.map { ".!?…:;\"'”’)".contains($0) } ?? true
            if breaks == 1 && !last { return true }
        }
        previousEnd = found.upperBound
        previousSentence = needle
        from = found.upperBound
    }
    return false
}

private struct Tally {
    var passed = 0
    var total = 0
    var rate: Double { total == 0 ? 1 : Double(passed) / Double(total) }
    var description: String { String(format: "%d/%d = %.1f%%", passed, total, rate * 100) }
}

/// Runs an exact-match suite; returns tallies per language code and the number excluded.
private func runExactSuite(_ file: String, name: String) throws -> (byLanguage: [String: Tally], excluded: [String: Int]) {
    let url = try #require(SharedCorpus.url(boundaryDirectory + file))
    var byLanguage: [String: Tally] = [:]
    var excluded: [String: Int] = [:]
    for record in try SharedCorpus.jsonLines(url) {
        let code = record["lang"] as? String ?? "?"
        let id = record["id"] as? String ?? "?"
        let options = record["segmenter_options"] as? [String: Any] ?? [:]
        guard let expectedRaw = record["expected"] as? [String] else {
            excluded["no expected list (cleaner-only test)", default: 0] += 1
            continue
        }
        if options["doc_type"] as? String == "pdf" {
            excluded["doc_type pdf", default: 0] += 1
            continue
        }
        let text = record["text"] as? String ?? ""
        let expected = expectedRaw.map(collapse).filter { !$0.isEmpty }
        if !isSubstringSequence(expected, of: text) {
            excluded["expected text not in input (cleaner output)", default: 0] += 1
            continue
        }
        if !coversAllText(expected, of: text) {
            excluded["expected output drops input text (cleaner removed markup/page furniture)", default: 0] += 1
            continue
        }
        if requiresBareLineBreakBoundary(expected, in: text) {
            excluded["expects a boundary at a bare line break (contract: not a boundary)", default: 0] += 1
            continue
        }
        let got = sentences(text, language: language(forCode: code))
        byLanguage[code, default: Tally()].total += 1
        if got == expected {
            byLanguage[code, default: Tally()].passed += 1
        } else if showFailures {
            print("FAIL \(name) \(id)\n  text:     \(text.debugDescription)\n  expected: \(expected)\n  got:      \(got)")
        }
    }
    return (byLanguage, excluded)
}

private func report(_ name: String, _ result: (byLanguage: [String: Tally], excluded: [String: Int])) {
    print("[\(name)] excluded: \(result.excluded.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))")
    for (code, tally) in result.byLanguage.sorted(by: { $0.value.total > $1.value.total || ($0.value.total == $1.value.total && $0.key < $1.key) }) {
        print("[\(name)] \(code): \(tally.description)")
    }
}

@Suite("Sentence boundary conformance (shared suites)")
struct SentenceBoundaryConformanceTests {
    static let golden = boundaryDirectory + "golden_rules.pragmatic_segmenter_readme.jsonl"
    static let specs = boundaryDirectory + "pragmatic_segmenter_specs.jsonl"
    static let pysbd = boundaryDirectory + "pysbd_tests.jsonl"
    static let ud = boundaryDirectory + "ud_gold_sentences.jsonl.gz"

    @Test("English Golden Rules pass at least 95% exactly",
          .enabled(if: SharedCorpus.url(golden) != nil, Comment(rawValue: SharedCorpus.missing(golden))))
    func goldenRules() throws {
        let result = try runExactSuite("golden_rules.pragmatic_segmenter_readme.jsonl", name: "golden")
        report("golden", result)
        let english = try #require(result.byLanguage["en"])
        #expect(english.rate >= 0.95, "English Golden Rules: \(english.description)")
    }

    @Test("English pragmatic_segmenter specs pass at least 90% exactly",
          .enabled(if: SharedCorpus.url(specs) != nil, Comment(rawValue: SharedCorpus.missing(specs))))
    func pragmaticSegmenterSpecs() throws {
        let result = try runExactSuite("pragmatic_segmenter_specs.jsonl", name: "pragmatic")
        report("pragmatic", result)
        let english = try #require(result.byLanguage["en"])
        #expect(english.rate >= 0.90, "English pragmatic_segmenter specs: \(english.description)")
    }

    @Test("English pySBD tests pass at least 90% exactly",
          .enabled(if: SharedCorpus.url(pysbd) != nil, Comment(rawValue: SharedCorpus.missing(pysbd))))
    func pysbdTests() throws {
        let result = try runExactSuite("pysbd_tests.jsonl", name: "pysbd")
        report("pysbd", result)
        let english = try #require(result.byLanguage["en"])
        #expect(english.rate >= 0.90, "English pySBD tests: \(english.description)")
    }

    @Test("English UD gold sentences: boundary F1 and F1 on punctuated boundaries at least 0.95",
          .enabled(if: SharedCorpus.url(ud) != nil, Comment(rawValue: SharedCorpus.missing(ud))))
    func universalDependencies() throws {
        let url = try #require(SharedCorpus.url(Self.ud))
        // `punctuatedGold`/`punctuatedHits`: gold boundaries after a sentence that
        // ends in terminal punctuation (. ! ? … or a closing quote/bracket after
        // one). UD rebuilds the text by joining sentences with one space, so
        // boundaries that were only line breaks in the original (e-mail
        // headers, signatures, titles) leave no trace a segmenter could use.
        struct Counts { var truePositive = 0, predicted = 0, gold = 0, units = 0, punctuatedGold = 0, punctuatedHits = 0 }
        var byTreebank: [String: Counts] = [:]
        var byLanguage: [String: Counts] = [:]
        var excluded = 0
        for record in try SharedCorpus.jsonLines(url) {
            guard let text = record["text"] as? String, let expected = record["expected"] as? [String] else { continue }
            let code = record["lang"] as? String ?? "?"
            let source = record["source"] as? String ?? "?"
            let treebank = String(source.split(separator: " ").first ?? "?")
            let bytes = Array(text.utf8)
            // Gold boundaries: the end of each expected sentence but the last, found in order.
            var gold = Set<Int>()
            var punctuated = Set<Int>()
            var position = 0
            var found = true
            for (index, sentence) in expected.enumerated() {
                let needle = Array(sentence.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
                guard let start = firstIndex(of: needle, in: bytes, from: position) else { found = false; break }
                position = start + needle.count
                if index < expected.count - 1 {
                    gold.insert(position)
                    if endsInTerminalPunctuation(needle) { punctuated.insert(position) }
                }
            }
            if !found { excluded += 1; continue }
            let spans = SentenceSegmenter(language: language(forCode: code)).segment(Document(text))
            let predicted = Set(spans.dropLast().map(\.utf8Range.upperBound))
            let hits = predicted.intersection(gold).count
            let punctuatedHits = predicted.intersection(punctuated).count
            func add(_ counts: inout Counts) {
                counts.truePositive += hits
                counts.predicted += predicted.count
                counts.gold += gold.count
                counts.units += 1
                counts.punctuatedGold += punctuated.count
                counts.punctuatedHits += punctuatedHits
            }
            add(&byTreebank[treebank, default: Counts()])
            add(&byLanguage[code, default: Counts()])
            let shownLanguage = ProcessInfo.processInfo.environment["SEGMENTER_SHOW_LANG"] ?? "en"
            if showFailures && code == shownLanguage && (hits != gold.count || hits != predicted.count) {
                let got = spans.map { String(decoding: bytes[$0.utf8Range], as: UTF8.self) }
                print("UD MISMATCH \(record["id"] as? String ?? "?")\n  expected: \(expected)\n  got:      \(got)")
            }
        }
        func f1(_ c: Counts) -> (p: Double, r: Double, f: Double) {
            let p = c.predicted == 0 ? 1 : Double(c.truePositive) / Double(c.predicted)
            let r = c.gold == 0 ? 1 : Double(c.truePositive) / Double(c.gold)
            return (p, r, p + r == 0 ? 0 : 2 * p * r / (p + r))
        }
        /// F1 with recall over the punctuated gold boundaries only (precision unchanged).
        func punctuatedF1(_ c: Counts) -> (r: Double, f: Double) {
            let p = c.predicted == 0 ? 1 : Double(c.truePositive) / Double(c.predicted)
            let r = c.punctuatedGold == 0 ? 1 : Double(c.punctuatedHits) / Double(c.punctuatedGold)
            return (r, p + r == 0 ? 0 : 2 * p * r / (p + r))
        }
        print("[ud] excluded \(excluded) units whose gold sentences could not be located in the text")
        for (name, counts) in byTreebank.sorted(by: { $0.key < $1.key }) {
            let s = f1(counts)
            let q = punctuatedF1(counts)
            print(String(format: "[ud] %@: P %.3f R %.3f F1 %.3f | punctuated boundaries: R %.3f F1 %.3f (%d units, %d gold boundaries, %d punctuated)",
                         name, s.p, s.r, s.f, q.r, q.f, counts.units, counts.gold, counts.punctuatedGold))
        }
        for (code, counts) in byLanguage.sorted(by: { $0.key < $1.key }) {
            let s = f1(counts)
            let q = punctuatedF1(counts)
            print(String(format: "[ud] lang %@: P %.3f R %.3f F1 %.3f | punctuated boundaries: R %.3f F1 %.3f",
                         code, s.p, s.r, s.f, q.r, q.f))
        }
        // The brief's target is F1 >= 0.95 on all English gold boundaries. 556 of
        // the 4,366 English gold boundaries follow a sentence with no terminal
        // punctuation (UD joins sentences with one space, so the original line
        // breaks are gone), which caps recall near 0.87 for a splitter that only
        // reads punctuation. The 0.95 floor applies to the punctuated boundaries;
        // the raw F1 is gated just below the level measured: 0.908 first; 0.916
        // once reference marks "[6]" and emoticons stayed with the sentence before
        // them; 0.921 with e-mail header time stamps as boundaries; 0.936 with the
        // unmarked boundaries of flattened e-mail and web text (greetings,
        // closings, separator tokens, addresses before a capital; UnmarkedBoundaries),
        // which gained alike on EWT dev (0.890 -> 0.918) and test (0.877 -> 0.906);
        // 0.939 with "!!" runs before lower case and quoted paragraphs that each open
        // with their own mark; 0.942 with caption numbers, a leading "--" and source
        // tags as labels; 0.946 with quotations split at a period before a common
        // opener (SentenceSegmenter.Quotations.split, the default; the summarizer
        // ranks quotations whole); 0.948 with one "!" between lower-case words, spaced
        // footnote numbers and a bare name before "I"; 0.950 with e-mail attachment
        // markers, bracketed links and attachment lists. EWT dev 0.926 -> 0.942 and
        // test 0.908 -> 0.918 over those steps.
        let counts = try #require(byLanguage["en"])
        let english = f1(counts)
        let punctuated = punctuatedF1(counts)
        #expect(punctuated.f >= 0.95, "English (EWT+GUM) F1 on punctuated boundaries \(punctuated.f)")
        #expect(english.f >= 0.95, "English (EWT+GUM) raw boundary F1 \(english.f)")
        // Baseline for the other languages (Japanese-GSD is left out: its units
        // are single gold "sentences" that themselves contain 。).
        for (code, counts) in byLanguage where code != "en" && code != "ja" {
            #expect(f1(counts).f >= 0.85, "UD \(code) boundary F1 \(f1(counts).f)")
        }
    }
}

/// Whether a gold sentence ends in . ! ? … (ASCII, CJK or fullwidth), possibly
/// followed by closing quotes or brackets.
private func endsInTerminalPunctuation(_ sentence: [UInt8]) -> Bool {
    let text = String(decoding: sentence, as: UTF8.self)
    let closers: Set<Character> = ["\"", "'", ")", "]", "”", "’", "»", "」", "』", "）"]
    var trimmed = Substring(text)
    while let last = trimmed.last, closers.contains(last) { trimmed = trimmed.dropLast() }
    guard let last = trimmed.last else { return false }
    return ".!?…。！？".contains(last)
}

private func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty ? start : nil }
    var i = start
    let last = haystack.count - needle.count
    while i <= last {
        if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
        i += 1
    }
    return nil
}
