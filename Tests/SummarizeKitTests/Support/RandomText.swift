/// A small deterministic generator (SplitMix64), so property tests are repeatable per seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random inputs for property tests.
enum RandomText {
    /// Pieces chosen to stress segmentation and tokenization: words, numbers,
    /// punctuation, abbreviations, quotes, white space of every kind, and
    /// non-Latin scripts, combining marks and emoji.
    static let pieces: [String] = [
        "the", "Market", "rose", "U.S.", "Dr.", "e.g.", "3.14", "1,000", "$5", "Mr.", "J.", "don't", "well-known",
        ".", ".", ".", "!", "?", "?!", "...", "…", ",", ";", ":", "\"", "“", "”", "'", "’", "(", ")", "[", "]",
        " ", " ", " ", " ", "\n", "\n\n", "\r\n", "\t", "\u{00A0}", "\u{3000}",
        "# Heading", "- item", "1. first", "http://example.com/a.b", "mail@example.org",
        "日本語", "。", "！", "中文句子", "Ελληνικά", "русский", "עברית", "العربية", "é", "e\u{301}", "ﬁ", "Ⅻ",
        "👩‍👩‍👧", "🇫🇷", "\u{200D}", "\u{FEFF}", "\u{0}", "İ", "ß", "Σ",
    ]

    static func string(pieces count: Int, using rng: inout SeededGenerator) -> String {
        var out = ""
        for _ in 0..<count { out += pieces.randomElement(using: &rng)! }
        return out
    }

    /// Random scalars from across the Unicode planes (no surrogates).
    static func unicodeString(length: Int, using rng: inout SeededGenerator) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<length {
            let ranges: [ClosedRange<UInt32>] = [0x20...0x7E, 0xA0...0x24F, 0x300...0x36F, 0x370...0x52F,
                                                  0x1100...0x11FF, 0x1E00...0x1FFF, 0x2000...0x2BFF,
                                                  0x3000...0x30FF, 0x4E00...0x4FFF, 0xAC00...0xAD00,
                                                  0xF900...0xFFEF, 0x1D400...0x1D7FF, 0x1F300...0x1F6FF]
            let range = ranges.randomElement(using: &rng)!
            if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &rng)) { scalars.append(scalar) }
        }
        return String(scalars)
    }
}
