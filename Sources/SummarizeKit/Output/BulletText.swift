/// What a bullet shows: the sentence's display text, capped at a readable
/// length and with unbalanced bidirectional controls removed.
///
/// ```swift
/// BulletText.display(String(repeating: "word ", count: 500))   // 60 words, then "…"
/// BulletText.display("Price \u{202E}reversed")                  // "Price reversed"
/// ```
///
/// - Length: a sentence of more than ``maxWords`` words or ``maxCharacters``
///   characters (grapheme clusters) is cut at the last word boundary inside both
///   limits (or at the character limit when there is none, as in text written
///   without spaces), trailing commas, colons and dashes are dropped, and "…" is
///   appended. Only the prefix up to the limits is examined, so a 20 MB
///   "sentence" costs no more than a short one. The key point's `utf8Range`
///   still spans the whole sentence in the input.
/// - Bidirectional controls: an embedding or override (U+202A–U+202E) or an
///   isolate (U+2066–U+2069) that is not closed inside the bullet, or a closer
///   with nothing to close, is removed, so a bullet cannot reverse the
///   direction of whatever is printed after it. Balanced pairs are kept.
///
/// - Complexity: O(min(n, limit)) for the length check; O(shown length) for the
///   bidi pass, which runs only when the text has a bidi control.
public enum BulletText {
    /// Most words a bullet shows.
    public static let maxWords = 60
    /// Most characters (grapheme clusters) a bullet shows, the ellipsis not counted.
    public static let maxCharacters = 400

    /// The text a bullet shows for `displayText`.
    public static func display(_ displayText: String) -> String {
        let shown = shortened(displayText)
        return hasBidiControl(shown) ? removingUnbalancedBidiControls(shown) : shown
    }

    /// `text` cut at the limits, with "…", or `text` itself when it is within them.
    static func shortened(_ text: String) -> String {
        // Fast exit: maxWords + 1 words take at least 2 * maxWords + 1 bytes (a byte
        // each and a separator between), and a character at least one byte.
        if text.utf8.count <= min(maxCharacters, 2 * maxWords) { return text }
        // Fast exit for the usual bullet, on the bytes: at most maxCharacters bytes (so characters), and fewer
        // than maxWords bytes that could start white space (ASCII white space, or the lead byte of any
        // non-ASCII scalar), so at most maxWords words.
        if text.utf8.count <= maxCharacters {
            // Over the string's contiguous bytes (a native string's always are): no index arithmetic per byte.
            let separators = text.utf8.withContiguousStorageIfAvailable(Self.separatorCount)
                ?? text.utf8.reduce(0) { $0 + ($1 == 0x20 || $1 &- 0x09 < 5 || $1 >= 0xC0 ? 1 : 0) }
            if separators < maxWords { return text }
        }
        var characters = 0
        var words = 0
        var inWord = false
        var lastBreak: String.Index? = nil    // start of the white space before the current word
        var index = text.startIndex
        var cut: String.Index? = nil
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace {
                if inWord { lastBreak = index }
                inWord = false
            } else if !inWord {
                words += 1
                inWord = true
                if words > maxWords { cut = lastBreak ?? index; break }
            }
            characters += 1
            if characters > maxCharacters {
                // Inside a word: go back to the space before it, unless that drops too much.
                if inWord, let lastBreak, text.distance(from: lastBreak, to: index) < maxCharacters / 2 {
                    cut = lastBreak
                } else {
                    cut = index
                }
                break
            }
            index = text.index(after: index)
        }
        guard let cut else { return text }
        var kept = text[..<cut]
        while let last = kept.last, last.isWhitespace || ",;:–—-".contains(last) { kept.removeLast() }
        return kept + "…"
    }

    /// How many bytes of `bytes` could start white space: a space, ASCII white space from tab to carriage return
    /// (0x09–0x0D), or the lead byte of a scalar of two bytes or more (0xC0 and up). Eight bytes at a time: each
    /// such byte flagged with 0x80 (``ByteClass``), the flags counted.
    static func separatorCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let ones = ByteClass.ones, high = ByteClass.highBits
        var total = 0, i = 0
        while i + 8 <= bytes.count {
            let word = ByteClass.word(bytes, at: i)
            // With the top bits cleared, adding at most 0x77 carries into no other byte; the top bit of
            // x + 0x80 − c is set iff x ≥ c.
            let low = word & ~high
            let control = (low &+ ones &* (0x80 - 0x09)) & ~(low &+ ones &* (0x80 - 0x0E)) & ~word
            let lead = word & (word << 1)   // the top two bits of a byte set: 0xC0 and up
            total += ((ByteClass.equalMask(word, 0x20) | control | lead) & high).nonzeroBitCount
            i += 8
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x20 || b &- 0x09 < 5 || b >= 0xC0 { total += 1 }
            i += 1
        }
        return total
    }

    /// Whether the UTF-8 of `text` holds U+202A–U+202E or U+2066–U+2069 (E2 80 AA–AE, E2 81 A6–A9).
    static func hasBidiControl(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var i = 0
            while i + 2 < bytes.count {
                if bytes[i] == 0xE2 {
                    let b1 = bytes[i + 1], b2 = bytes[i + 2]
                    if (b1 == 0x80 && (0xAA...0xAE).contains(b2)) || (b1 == 0x81 && (0xA6...0xA9).contains(b2)) { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// `text` without the bidi controls that are not balanced within it.
    static func removingUnbalancedBidiControls(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var remove = [Bool](repeating: false, count: scalars.count)
        var open: [(index: Int, isolate: Bool)] = []
        for (i, scalar) in scalars.enumerated() {
            switch scalar.value {
            case 0x202A, 0x202B, 0x202D, 0x202E:            // LRE RLE LRO RLO
                open.append((i, false))
            case 0x2066, 0x2067, 0x2068:                    // LRI RLI FSI
                open.append((i, true))
            case 0x202C:                                    // PDF closes the innermost embedding
                if let top = open.last, !top.isolate { open.removeLast() } else { remove[i] = true }
            case 0x2069:                                    // PDI closes the innermost isolate
                if let k = open.lastIndex(where: { $0.isolate }) {
                    for inner in open[(k + 1)...] { remove[inner.index] = true }   // embeddings left open inside it
                    open.removeSubrange(k...)
                } else {
                    remove[i] = true
                }
            default:
                break
            }
        }
        for unclosed in open { remove[unclosed.index] = true }
        var out = String.UnicodeScalarView()
        for (i, scalar) in scalars.enumerated() where !remove[i] { out.append(scalar) }
        return String(out)
    }
}
