import Foundation
@testable import SummarizeKit
import Testing

/// Issue 15, item 8: what a bullet shows is capped and cannot reorder the text after it.
@Suite("Bullet text")
struct BulletTextTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        var expected: String
        var testDescription: String { name }
    }

    @Test("the separator count read eight bytes at a time equals the count byte by byte, at every length and alignment")
    func separatorCount() {
        var rng = SeededGenerator(seed: 1512)
        // Each byte value at least once, then random bytes weighted to the edges of the three classes.
        let all = (0...255).map { UInt8($0) }
        #expect(all.withUnsafeBufferPointer(BulletText.separatorCount) == 1 + 5 + 64)
        let edges: [UInt8] = [0x20, 0x1F, 0x21, 0xA0, 0x08, 0x09, 0x0D, 0x0E, 0x89, 0x8D, 0xBF, 0xC0, 0xFF, 0x7F, 0x80, 0x61, 0x00]
        for length in 0..<90 {
            for _ in 0..<4 {
                let bytes = (0..<length).map { _ in Bool.random(using: &rng) ? edges.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng) }
                let expected = bytes.filter { $0 == 0x20 || $0 &- 0x09 < 5 || $0 >= 0xC0 }.count
                #expect(bytes.withUnsafeBufferPointer(BulletText.separatorCount) == expected, "\(bytes)")
            }
        }
    }

    static let sixtyWords = (1...60).map { "w\($0)" }.joined(separator: " ")

    static let cases: [Case] = [
        Case(name: "a normal sentence is unchanged", input: "The council approved the bridge on Tuesday.",
             expected: "The council approved the bridge on Tuesday."),
        Case(name: "exactly 60 words is unchanged", input: sixtyWords + ".", expected: sixtyWords + "."),
        Case(name: "61 words are cut after the 60th, with an ellipsis", input: sixtyWords + " w61 w62.",
             expected: sixtyWords + "…"),
        Case(name: "a comma before the cut is dropped", input: sixtyWords + ", w61.", expected: sixtyWords + "…"),
        Case(name: "over 400 characters is cut at a word boundary",
             input: String(repeating: "abcdefghi ", count: 45),
             expected: String(repeating: "abcdefghi ", count: 40).dropLast() + "…"),
        Case(name: "text without spaces is cut at 400 characters",
             input: String(repeating: "東", count: 1000), expected: String(repeating: "東", count: 400) + "…"),
        Case(name: "an emoji sequence is never split",
             input: String(repeating: "👩‍👩‍👧‍👦", count: 500), expected: String(repeating: "👩‍👩‍👧‍👦", count: 400) + "…"),
        Case(name: "an unclosed right-to-left override is removed", input: "Price \u{202E}reversed text.",
             expected: "Price reversed text."),
        Case(name: "a balanced isolate is kept", input: "Name \u{2067}שלום\u{2069} said hello.",
             expected: "Name \u{2067}שלום\u{2069} said hello."),
        Case(name: "a stray closer is removed", input: "Stray \u{202C}pop and \u{2069}isolate end.",
             expected: "Stray pop and isolate end."),
        Case(name: "an embedding left open inside an isolate is removed",
             input: "A \u{2066}x \u{202B}y\u{2069} z.", expected: "A \u{2066}x y\u{2069} z."),
        Case(name: "a balanced embedding is kept", input: "A \u{202B}b\u{202C} c.", expected: "A \u{202B}b\u{202C} c."),
    ]

    @Test("display text", arguments: cases)
    func display(_ c: Case) {
        #expect(BulletText.display(c.input) == c.expected)
    }

    @Test("a cut that splits a balanced pair removes the unclosed half")
    func cutThenBalance() {
        let input = sixtyWordsWithOpenIsolate()
        let shown = BulletText.display(input)
        #expect(shown.hasSuffix("…"))
        #expect(!shown.unicodeScalars.contains("\u{2067}"))
    }

    func sixtyWordsWithOpenIsolate() -> String {
        (1...59).map { "w\($0)" }.joined(separator: " ") + " \u{2067}w60 w61 w62\u{2069}."
    }

    @Test("a 2 MB single-sentence article gives a short bullet")
    func hugeSentence() throws {
        let text = String(repeating: "word ", count: 400_000)   // 2 MB, no punctuation (20 MB by hand: docs/reliability.md)
        let summary = try Summarizer().summarize(text)
        let bullet = try #require(summary.keyPoints.first)
        #expect(bullet.text.split(separator: " ").count <= BulletText.maxWords)
        #expect(bullet.text.hasSuffix("…"))
        #expect(bullet.utf8Range.count > 1_000_000, "the range still spans the sentence")
    }
}
