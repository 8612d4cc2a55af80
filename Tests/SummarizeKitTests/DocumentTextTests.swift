import Testing
@testable import SummarizeKit

/// How a sentence's bytes become a bullet's text: white space collapsed
/// (``Document/collapsedString(in:)``) and inline markup read as its text
/// (``MarkdownCleaner/displayText(_:in:)``), wherever a run of spaces or a
/// mark falls relative to the eight-byte words those helpers read.
@Suite("Document text helpers")
struct DocumentTextTests {
    /// The white space `collapsedString` collapses, written out scalar by scalar.
    static func isCollapsedSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00, 0x09...0x0D, 0x20, 0x85, 0xA0, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            return true
        default:
            return false
        }
    }

    /// The collapsed text by the definition: white-space runs to one space, ends trimmed.
    static func reference(_ text: Substring) -> String {
        var out = ""
        var pending = false
        for scalar in text.unicodeScalars {
            if isCollapsedSpace(scalar) {
                pending = !out.isEmpty
                continue
            }
            if pending { out.append(" "); pending = false }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    @Test("collapsedString matches the definition on generated text and on every sub-range")
    func collapsedStringMatchesDefinition() {
        let pieces = ["a", "bc", "word", "x.y", "é", "日本", " ", " ", "  ", "\t", "\n", "\r\n", "\u{00A0}",
                      "\u{2009}", "\u{3000}", "\u{FEFF}", "\u{7F}", "longerword,"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15   // a fixed LCG: the same texts on every run
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var checked = 0
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<(1 + next(24)) { text += pieces[next(pieces.count)] }
            let document = Document(text)
            let utf8 = Array(text.utf8)
            // Every range that starts and ends on a scalar boundary.
            let boundaries = (0...utf8.count).filter { $0 == utf8.count || utf8[$0] & 0xC0 != 0x80 }
            for lower in boundaries.prefix(12) {
                for upper in boundaries where upper >= lower {
                    let slice = String(decoding: utf8[lower..<upper], as: UTF8.self)
                    #expect(document.collapsedString(in: lower..<upper) == Self.reference(slice[...]),
                            "text \(text.debugDescription), range \(lower)..<\(upper)")
                    checked += 1
                }
            }
        }
        #expect(checked > 10_000)
    }

    @Test("collapsedString keeps single spaces and drops doubled, leading and trailing ones at every offset")
    func collapsedStringSpacesAtEveryOffset() {
        for offset in 0..<20 {
            let lead = String(repeating: "x", count: offset)
            let document = Document("  \(lead) ab  cd\t\tef gh  ijklmnop q \n")
            let expected = (lead.isEmpty ? "" : lead + " ") + "ab cd ef gh ijklmnop q"
            #expect(document.collapsedString(in: 0..<document.byteCount) == expected, "offset \(offset)")
        }
    }

    @Test("displayText reads a link and inline code as their text wherever they fall")
    func displayTextFindsMarkupAtEveryOffset() {
        for offset in 0..<20 {
            let lead = String(repeating: "y", count: offset)
            let link = Document("\(lead) see [the report](https://example.org/report) today.")
            #expect(MarkdownCleaner.displayText(0..<link.byteCount, in: link) == String("\(lead) see the report today.".trimmingPrefix(" ")), "offset \(offset)")
            let code = Document("\(lead) run ``make test`` now.")
            #expect(MarkdownCleaner.displayText(0..<code.byteCount, in: code) == String("\(lead) run make test now.".trimmingPrefix(" ")), "offset \(offset)")
            let plain = Document("\(lead) nothing to clean here at all.")
            #expect(MarkdownCleaner.displayText(0..<plain.byteCount, in: plain) == plain.collapsedString(in: 0..<plain.byteCount))
        }
    }

    @Test("UTF-8 validation reports the first bad byte wherever it falls in a long ASCII run")
    func validationFindsBadByteAtEveryOffset() {
        let ascii = Array("The quick brown fox jumps over the lazy dog again and again.".utf8)
        for offset in 0..<ascii.count {
            for bad: [UInt8] in [[0xFF], [0xC3], [0xE2, 0x80], [0xED, 0xA0, 0x80]] {
                let bytes = Array(ascii[..<offset]) + bad + Array(ascii[offset...])
                #expect(UTF8Validation.firstInvalidOffset(in: bytes) == offset, "offset \(offset), \(bad)")
            }
            // A valid two-byte scalar there is no error.
            #expect(UTF8Validation.firstInvalidOffset(in: Array(ascii[..<offset]) + [0xC3, 0xA9] + Array(ascii[offset...])) == nil)
        }
    }
}
