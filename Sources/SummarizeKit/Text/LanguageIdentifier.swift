import CUTF8Proc

/// Tells the language of a text: by its script, and for Latin-script text by a word profile.
///
/// Letters are counted by script over the first ``Configuration/scanBytes`` bytes (at most 600 letters). Han and kana give
/// Japanese when kana are at least 5 % of them, Chinese otherwise; Hangul Korean; Cyrillic Russian;
/// Greek, Arabic, Hebrew, Devanagari and Thai their main language. Latin-script text is scored by naive
/// Bayes over its words and their letter pairs against the profiles of English, French, German, Spanish, Italian, Portuguese,
/// Dutch, Turkish, Finnish and Polish (each language's 400 most frequent words and 300 letter pairs, fitted by
/// `scripts/derive_language_data.py`; held-out accuracy from `scripts/check_language_id.py`).
///
/// Text with fewer than ``Configuration/minimumLetters`` letters, text in which no script has enough of the
/// letters (mixed: see ``Configuration/minimumScriptShare``), and Latin text whose best two languages are
/// closer than ``Configuration/minimumMargin`` is ``Language/undetermined``: never an error.
///
/// ```swift
/// LanguageIdentifier().identify("Le conseil municipal a voté mardi le budget de la ville pour l'année prochaine.")
/// // .french
/// ```
///
/// - Complexity: O(min(*n*, ``Configuration/scanBytes``)); one hash lookup per Latin word and per letter pair,
///   up to the word at which one language leads by ``Configuration/decisiveMargin``.
public struct LanguageIdentifier: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// How many bytes from the start of the text are read (the whole text when shorter).
        public var scanBytes: Int
        /// Fewest letters (a Han, kana or Hangul character counts as three) for any answer but `.undetermined`.
        public var minimumLetters: Int
        /// Share of the letters Latin script needs to be the text's, in (0, 1]; another script needs a third of all
        /// letters and this share of the letters outside Latin. Otherwise the text is mixed.
        public var minimumScriptShare: Double
        /// Least difference, in nats, between the log-likelihoods of the best and second Latin-script languages.
        public var minimumMargin: Double

        /// Lead, in nats, at which Latin-script scoring stops before the end of the scanned bytes.
        public var decisiveMargin: Double

        public init(scanBytes: Int = 4096, minimumLetters: Int = 24, minimumScriptShare: Double = 0.6,
                    minimumMargin: Double = 4, decisiveMargin: Double = 20) {
            self.scanBytes = scanBytes
            self.minimumLetters = minimumLetters
            self.minimumScriptShare = minimumScriptShare
            self.minimumMargin = minimumMargin
            self.decisiveMargin = decisiveMargin
        }
    }

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// The language of `text`.
    public func identify(_ text: String) -> Language {
        identify(Document(text))
    }

    /// The language of `document`.
    public func identify(_ document: Document) -> Language {
        document.withUTF8 { identify($0) }
    }

    /// How many letters (weighted as in ``Configuration/minimumLetters``) the script count reads at most.
    static let scriptLetters = 600

    /// Scripts counted, in the order of the counts.
    enum Script: Int, CaseIterable {
        case latin, cyrillic, greek, arabic, hebrew, devanagari, thai, hangul, kana, han
    }

    func identify(_ all: UnsafeBufferPointer<UInt8>) -> Language {
        // Whole scalars only: stop before a lead byte at or past the limit.
        var end = min(all.count, configuration.scanBytes)
        while end < all.count, end > 0, all[end] & 0xC0 == 0x80 { end -= 1 }
        let bytes = UnsafeBufferPointer(rebasing: all[0..<end])
        // The counts on the stack: an array would cost a heap allocation per text.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: Script.allCases.count) { counts in
            counts.initialize(repeating: 0)
            return identify(bytes, counts: counts)
        }
    }

    /// ``identify(_:)`` of `bytes` (whole scalars), with `counts` (one zero per script) to count in.
    private func identify(_ bytes: UnsafeBufferPointer<UInt8>, counts: UnsafeMutableBufferPointer<Int>) -> Language {
        var i = 0, letters = 0
        // Scripts are counted over the first `scriptLetters` letters (their shares are settled by then).
        while i < bytes.count, letters < Self.scriptLetters {
            // Eight ASCII bytes at a time while the letter count cannot pass the limit inside them.
            if i + 8 <= bytes.count, letters + 8 <= Self.scriptLetters {
                let word = ByteClass.word(bytes, at: i)
                if word & ByteClass.highBits == 0 {
                    // The flags moved to each byte's low bit and summed into the top byte (at most 8).
                    let latin = Int(((ByteClass.letterMask(word) >> 7) &* ByteClass.ones) >> 56)
                    counts[Script.latin.rawValue] += latin
                    letters += latin
                    i += 8
                    continue
                }
            }
            let b = bytes[i]
            if b < 0x80 {
                if (b | 0x20) &- 0x61 < 26 { counts[Script.latin.rawValue] += 1; letters += 1 }
                i += 1
                continue
            }
            let (scalar, width) = UTF8Scalars.decode(bytes, at: i)
            i += width
            if let script = Self.script(of: scalar) {
                let weight = script == .han || script == .kana || script == .hangul ? 3 : 1
                counts[script.rawValue] += weight
                letters += weight
            }
        }
        let total = counts.reduce(0, +)
        guard total >= configuration.minimumLetters, total > 0 else { return .undetermined }
        let cjk = counts[Script.han.rawValue] + counts[Script.kana.rawValue]
        // Han and kana are one writing system (Japanese mixes them); the rest one script each. Text in another
        // script often quotes Latin names, menus or code, so a non-Latin script is the text's when it holds at
        // least a third of the letters and `minimumScriptShare` of the non-Latin ones; Latin when it holds
        // `minimumScriptShare` of all letters.
        let latin = counts[Script.latin.rawValue]
        var best = Script.latin, bestCount = 0
        for script in Script.allCases where script != .han && script != .kana && script != .latin {
            if counts[script.rawValue] > bestCount { best = script; bestCount = counts[script.rawValue] }
        }
        if cjk > bestCount { best = .han; bestCount = cjk }
        if bestCount * 3 >= total, Double(bestCount) >= configuration.minimumScriptShare * Double(total - latin) {
            // `best` is the text's script.
        } else if Double(latin) >= configuration.minimumScriptShare * Double(total) {
            best = .latin
        } else {
            return .undetermined
        }
        switch best {
        case .latin: return latinLanguage(bytes)
        case .cyrillic: return .russian
        case .greek: return .greek
        case .arabic: return .arabic
        case .hebrew: return .hebrew
        case .devanagari: return .hindi
        case .thai: return .thai
        case .hangul: return .korean
        case .han, .kana: return counts[Script.kana.rawValue] * 20 >= cjk ? .japanese : .chinese
        }
    }

    /// The script of a non-ASCII letter, nil for anything else.
    static func script(of scalar: UInt32) -> Script? {
        switch scalar {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x3FFFF: return .han
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return .kana
        case 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F: return .hangul
        case 0x0400...0x04FF, 0x0500...0x052F: return .cyrillic
        case 0x0370...0x03FF, 0x1F00...0x1FFF: return .greek
        case 0x0600...0x06FF, 0x0750...0x077F, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return .arabic
        case 0x0590...0x05FF: return .hebrew
        case 0x0900...0x097F: return .devanagari
        case 0x0E00...0x0E7F: return .thai
        case 0x00C0...0x024F, 0x1E00...0x1EFF:
            return scalar == 0xD7 || scalar == 0xF7 ? nil : .latin   // × and ÷ are not letters
        default: return nil
        }
    }

    /// The Latin-script language whose profile explains the words best, or `.undetermined` when the best two
    /// are too close.
    func latinLanguage(_ bytes: UnsafeBufferPointer<UInt8>) -> Language {
        let model = Self.model
        let languageCount = model.languages.count
        // One lane per language (at most 16, checked when the model is built), summed in single precision: a row
        // of the model is four vector additions, where ten conversions and additions in double precision cost
        // several times as many instructions. The margins compared (`minimumMargin`, `decisiveMargin`) are
        // nats, far above the rounding of a few hundred terms.
        var scores = SIMD16<Float>.zero
        // An ASCII word is lower-cased into `key`, grown for a word longer than any before it.
        var keyCapacity = min(bytes.count, 64)
        var key = UnsafeMutablePointer<UInt8>.allocate(capacity: keyCapacity)
        defer { key.deallocate() }
        var folded: [UInt8] = []
        var pair: [UInt8] = []
        pair.reserveCapacity(8)
        var scratch = Normalizer.Scratch()
        let normalizer = Normalizer()
        var i = 0, words = 0
        while i < bytes.count {
            // A word: a run of Latin letters (an apostrophe ends it, as elision does).
            var start = i
            var ascii = true
            while start < bytes.count {
                let b = bytes[start]
                if b < 0x80 {
                    if (b | 0x20) &- 0x61 < 26 { break }
                    start += 1
                } else {
                    let (scalar, width) = UTF8Scalars.decode(bytes, at: start)
                    if Self.script(of: scalar) == .latin { break }
                    start += width
                }
            }
            guard start < bytes.count else { break }
            var end = start
            while end < bytes.count {
                let b = bytes[end]
                if b < 0x80 {
                    guard (b | 0x20) &- 0x61 < 26 else { break }
                    end += 1
                } else {
                    let (scalar, width) = UTF8Scalars.decode(bytes, at: end)
                    guard Self.script(of: scalar) == .latin || Self.isMark(scalar) else { break }
                    ascii = false
                    end += width
                }
            }
            i = end
            // Stop early once one language leads by `decisiveMargin`: most texts are told within a few dozen words.
            words += 1
            if words & 3 == 0, Self.margin(scores, count: languageCount).margin >= configuration.decisiveMargin { break }
            let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
            let id: TermID?
            if ascii {
                if word.count > keyCapacity {
                    key.deallocate()
                    keyCapacity = word.count
                    key = .allocate(capacity: keyCapacity)
                }
                for k in 0..<word.count { key[k] = word[k] | 0x20 }
                id = model.words.id(of: UnsafeBufferPointer(start: key, count: word.count))
            } else {
                normalizer.normalize(word, into: &folded, scratch: &scratch)
                id = folded.withUnsafeBufferPointer { model.words.id(of: $0) }
            }
            scores += id.map { model.wordRows[Int($0)] } ?? model.otherWordRow
            // The word's letter pairs, "_" at both ends; an ASCII word's from the table of ASCII pairs.
            if ascii {
                model.asciiPairs.withUnsafeBufferPointer { asciiPairs in
                    do {
                        var previous = 0   // "_"
                        for k in 0...word.count {
                            let letter = k < word.count ? Int(key[k]) - 0x60 : 0
                            let id = asciiPairs[previous * 27 + letter]
                            scores += id >= 0 ? model.pairRows[Int(id)] : model.otherPairRow
                            previous = letter
                        }
                    }
                }
                continue
            }
            var previous: Range<Int> = 0..<0   // the previous letter's bytes in `folded`; empty: the word's start
            var j = 0
            folded.withUnsafeBufferPointer { letters in
                while j <= letters.count {
                    let width = j < letters.count ? UTF8Scalars.decode(letters, at: j).width : 0
                    pair.removeAll(keepingCapacity: true)
                    if previous.isEmpty { pair.append(0x5F) } else { pair.append(contentsOf: letters[previous]) }
                    if width == 0 { pair.append(0x5F) } else { pair.append(contentsOf: letters[j..<(j + width)]) }
                    let id = pair.withUnsafeBufferPointer { model.pairs.id(of: $0) }
                    scores += id.map { model.pairRows[Int($0)] } ?? model.otherPairRow
                    previous = j..<(j + width)
                    j += max(width, 1)
                }
            }
        }
        let (best, margin) = Self.margin(scores, count: languageCount)
        guard margin >= configuration.minimumMargin else { return .undetermined }
        return model.languages[best]
    }

    /// The best language's index and its lead over the second.
    @inline(__always)
    static func margin(_ scores: SIMD16<Float>, count: Int) -> (best: Int, margin: Double) {
        var best = 0, second = -1
        for l in 1..<count {
            if scores[l] > scores[best] { second = best; best = l } else if second < 0 || scores[l] > scores[second] { second = l }
        }
        return (best, Double(scores[best] - scores[second]))
    }

    @inline(__always)
    static func isMark(_ scalar: UInt32) -> Bool {
        let category = utf8proc_category(Int32(bitPattern: scalar)).rawValue
        return category >= UTF8PROC_CATEGORY_MN.rawValue && category <= UTF8PROC_CATEGORY_ME.rawValue
    }

    /// A language's word profile, as `scripts/derive_language_data.py` writes it.
    struct Profile {
        let language: Language
        /// The natural log of the frequency of any one word outside `words`.
        let otherWord: Float
        /// The natural log of the frequency of any one letter pair outside `pairs`.
        let otherPair: Float
        /// Frequent words with the natural log of their relative frequency.
        let words: [(String, Float)]
        /// Frequent letter pairs ("_" marks a word's start and end) with the natural log of their relative frequency.
        let pairs: [(String, Float)]
    }

    /// The profiles as one table: each word of any profile, and per word a row of log frequencies
    /// (a language's `otherWord` where the word is not in its profile).
    struct Model: Sendable {
        let languages: [Language]
        let words: Vocabulary
        /// Per word of `words`, its log frequency in each language (lane `l` for `languages[l]`, 0 past them).
        let wordRows: ContiguousArray<SIMD16<Float>>
        /// Each language's log frequency of a word outside `words`.
        let otherWordRow: SIMD16<Float>
        let pairs: Vocabulary
        /// Per letter pair of `pairs`, its log frequency in each language.
        let pairRows: ContiguousArray<SIMD16<Float>>
        let otherPairRow: SIMD16<Float>
        /// The ID in `pairs` of each pair of ASCII letters or "_" (index 27 × first + second, "_" = 0,
        /// a–z = 1–26), -1 for a pair of no profile.
        let asciiPairs: ContiguousArray<Int32>
    }

    /// Each entry of any profile's `entries` with a row of log frequencies, `other` where a profile lacks it.
    static func table(_ entries: (Profile) -> [(String, Float)], other: [Float]) -> (Vocabulary, ContiguousArray<Float>) {
        var keys = Vocabulary(minimumCapacity: 4096)
        var rows = ContiguousArray<Float>()
        for (l, profile) in profiles.enumerated() {
            for (key, logFrequency) in entries(profile) {
                let id = Int(keys.intern(key))
                if id * other.count == rows.count { rows.append(contentsOf: other) }
                rows[id * other.count + l] = logFrequency
            }
        }
        return (keys, rows)
    }

    static let model: Model = {
        let languages = profiles.map(\.language)
        let otherWords = profiles.map(\.otherWord), otherPairs = profiles.map(\.otherPair)
        let (words, logFrequency) = table(\.words, other: otherWords)
        let (pairs, pairLogFrequency) = table(\.pairs, other: otherPairs)
        var asciiPairs = ContiguousArray<Int32>(repeating: -1, count: 27 * 27)
        for first in 0..<27 {
            for second in 0..<27 {
                let key = [first == 0 ? 0x5F : UInt8(0x60 + first), second == 0 ? 0x5F : UInt8(0x60 + second)]
                if let id = key.withUnsafeBufferPointer({ pairs.id(of: $0) }) { asciiPairs[27 * first + second] = Int32(id) }
            }
        }
        precondition(languages.count <= 16, "a model row holds at most 16 languages")
        /// The rows of a table of `languages.count` columns, one vector each.
        func rows(_ table: ContiguousArray<Float>) -> ContiguousArray<SIMD16<Float>> {
            ContiguousArray(stride(from: 0, to: table.count, by: languages.count).map { row(table[$0..<($0 + languages.count)]) })
        }
        func row<C: Collection<Float>>(_ values: C) -> SIMD16<Float> {
            var vector = SIMD16<Float>.zero
            for (l, value) in values.enumerated() { vector[l] = value }
            return vector
        }
        return Model(languages: languages, words: words, wordRows: rows(logFrequency), otherWordRow: row(otherWords),
                     pairs: pairs, pairRows: rows(pairLogFrequency), otherPairRow: row(otherPairs), asciiPairs: asciiPairs)
    }()
}
