/// The English words that tell whose voice a sentence speaks in: the writer's own ("I", "me", "my", "we",
/// "our" ...) and reported speech ("said", "says", "told", "according"). ``Candidates`` reads them in a
/// sentence's bytes (``Candidates/voice(_:_:)``); the ``Tokenizer`` flags each token that may hold one
/// (``TokenTable/mayHoldVoiceWord``), so that scan reads only those tokens.
///
/// A word is a run of ASCII letters, its first eight letters packed little-endian into one integer.
enum EnglishVoiceWords {
    /// "me", "my", "mine", "myself", "we", "our", "ours" ("ourselves" has more than 8 letters), packed as in
    /// ``Candidates/voice(_:_:)``; a capital is allowed only on the opening word.
    static let firstPersonWords = packed(["me", "my", "mine", "myself", "we", "our", "ours"])
    /// Words of reported speech in English news (the first 8 letters of "according").
    static let attributionWords = packed(["said", "says", "told", "accordin"])

    /// ``firstPersonWords`` (kind 1) and ``attributionWords`` (kind 2) in one open-addressing table.
    static let table = PackedWords([(firstPersonWords, 1), (attributionWords, 2)])

    /// Whether some capitalization of a run of ASCII letters in `key` (a normalized token key, lower case)
    /// is a voice word as ``Candidates/voice(_:_:)`` reads it: "i" alone, a first-person word of 2 to 6
    /// letters, a word of reported speech of 4 letters, or 9 letters opening with "accordin". A token
    /// whose key has none holds no voice word whatever its case: the scan may skip it.
    static func mayHold(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < key.count {
            guard (key[i] | 0x20) &- 0x61 < 26 else { i += 1; continue }
            var j = i + 1
            while j < key.count, (key[j] | 0x20) &- 0x61 < 26 { j += 1 }
            let length = j - i
            // Every voice word opens with one of "i m w o s t a" and has 1 to 6 letters or 9.
            if length <= 6 || length == 9, voiceInitials & (1 << UInt32((key[i] | 0x20) &- 0x61)) != 0 {
                if length == 1 { if key[i] | 0x20 == 0x69 { return true } } else {
                    var packed: UInt64 = 0
                    for k in 0..<min(length, 8) { packed |= UInt64(key[i + k] | 0x20) << (8 * UInt64(k)) }
                    let kind = table.kind(of: packed)
                    if (length <= 6 && kind & 1 != 0) || ((length == 4 || length == 9) && kind & 2 != 0) { return true }
                }
            }
            i = j
        }
        return false
    }

    /// The first letters of the voice words, one bit per letter ('a' = bit 0): a, i, m, o, s, t, w.
    private static var voiceInitials: UInt32 { 1 << 0 | 1 << 8 | 1 << 12 | 1 << 14 | 1 << 18 | 1 << 19 | 1 << 22 }

    /// Each word's first 8 bytes as one integer.
    static func packed(_ words: [String]) -> [UInt64] {
        words.map { word in
            var packed: UInt64 = 0
            for (k, byte) in word.utf8.prefix(8).enumerated() { packed |= UInt64(byte) << (8 * UInt64(k)) }
            return packed
        }
    }

    /// Words packed into integers, each with a kind: a table of 64 slots probed from a multiplicative hash
    /// (one multiply and, almost always, one comparison per word looked up).
    struct PackedWords: Sendable {
        private var keys = [UInt64](repeating: 0, count: 64)
        private var kinds = [UInt8](repeating: 0, count: 64)

        init(_ lists: [([UInt64], UInt8)]) {
            for (words, kind) in lists {
                for word in words where word != 0 {
                    var slot = Self.slot(word)
                    while keys[slot] != 0, keys[slot] != word { slot = (slot + 1) & 63 }
                    keys[slot] = word
                    kinds[slot] |= kind
                }
            }
        }

        @inline(__always)
        private static func slot(_ word: UInt64) -> Int { Int(truncatingIfNeeded: (word &* 0x9E37_79B9_7F4A_7C15) >> 58) }

        /// The kinds of `word` (0 when it is not in the table, or is 0).
        @inline(__always)
        func kind(of word: UInt64) -> UInt8 {
            var slot = Self.slot(word)
            while true {
                let key = keys[slot]
                if key == word { return word == 0 ? 0 : kinds[slot] }
                if key == 0 { return 0 }
                slot = (slot + 1) & 63
            }
        }
    }
}
