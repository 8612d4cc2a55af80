/// The original Porter (1980) stemmer, in the variant NLTK runs by default
/// (`nltk.stem.porter.PorterStemmer()`, mode `NLTK_EXTENSIONS`).
///
/// ROUGE as computed by Google's `rouge-score` package stems with exactly this
/// variant, so `summarize eval` uses it to report comparable scores. This is our
/// own implementation of M. F. Porter, "An algorithm for suffix stripping",
/// *Program* 14(3), 1980, with Martin Porter's later adjustments and NLTK's
/// extensions, which depart from Martin Porter's reference output on purpose:
/// - a table of irregular forms (`dying` → `die`, `skies` → `sky`, `innings` → `inning`,
///   `proceed`, `exceed`, `succeed`, `news`, `howe` kept as they are);
/// - words of one or two characters are returned unchanged;
/// - `-ies` and `-ied` become `-ie` in four-letter words (`dies` → `die`, `tied` → `tie`)
///   and `-i` otherwise (`-ied` → `-i` even when Porter would keep it, `bied` aside);
/// - a two-letter vowel–consonant stem counts as a short syllable in Step 1b;
/// - Step 1c turns `y` into `i` only after a consonant that is not the first letter
///   (`enjoy` stays, `happy` → `happi`, `by` stays);
/// - Step 2 reduces `-alli` first and runs again, and adds `-fulli` → `-ful` and
///   `-logi` → `-log` (measured with the `l`).
///
/// ``Variant/original`` turns the extensions off and gives the algorithm as published,
/// which reproduces Snowball's `porter/voc.txt` → `output.txt` (Martin Porter's
/// reference vocabulary) exactly, as NLTK's `ORIGINAL_ALGORITHM` mode does.
///
/// Input is one lower-cased word as UTF-8 bytes; like NLTK (which counts Unicode
/// code points) a non-ASCII character is one consonant. Any byte sequence is
/// accepted; invalid UTF-8 never traps.
///
/// ```swift
/// let stemmer = PorterStemmer()
/// stemmer.stem("relational")   // "relat"
/// stemmer.stem("dying")        // "die"
/// ```
///
/// - Complexity: O(*n*) in the length of the word (a few passes for the measure);
///   no allocation when `output` already has the capacity of the input.
public struct PorterStemmer: Sendable {
    /// Which Porter variant to follow.
    public enum Variant: Sendable, Hashable {
        /// NLTK's default `NLTK_EXTENSIONS` mode, as used by `rouge-score`. The default.
        case nltk
        /// The 1980 algorithm as published (NLTK's `ORIGINAL_ALGORITHM`).
        case original
    }

    /// The variant this stemmer follows.
    public var variant: Variant

    /// A stemmer that agrees with NLTK's default Porter stemmer.
    public init() { self.variant = .nltk }

    /// A stemmer for a chosen Porter variant.
    public init(variant: Variant) { self.variant = variant }

    /// Stems a lower-case word given as UTF-8 bytes, writing the stem into `output` (cleared first).
    /// No allocation when `output` has capacity.
    public func stem(_ word: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        guard word.count > 0 else {
            output.removeAll(keepingCapacity: true)
            return
        }
        let nltk = variant == .nltk
        if nltk, let replacement = Self.irregularForm(word) {
            StemmerText.assign(UnsafeBufferPointer(start: replacement.utf8Start,
                                                   count: replacement.utf8CodeUnitCount), to: &output)
            return
        }
        StemmerText.withScratch(copying: word, into: &output) { base, capacity -> Int in
            let isASCII = StemmerText.isASCII(word)
            let symbolCount = isASCII ? word.count : StemmerText.collapse(base, count: word.count)
            // NLTK returns words of at most two characters unchanged.
            guard symbolCount > 2 || !nltk else {
                if !isASCII { base.update(from: word.baseAddress!, count: word.count) }
                return word.count
            }
            var text = StemmerText(base: base, count: symbolCount)
            let original: UnsafeBufferPointer<UInt8>? = isASCII ? nil : word
            Self.step1a(&text, nltk: nltk)
            Self.step1b(&text, original: original, nltk: nltk)
            Self.step1c(&text, nltk: nltk)
            Self.step2(&text, nltk: nltk)
            Self.step3(&text)
            Self.step4(&text)
            Self.step5(&text, nltk: nltk)
            if isASCII { return text.count }
            return StemmerText.expand(base, symbolCount: text.count, capacity: capacity, original: word)
        }
    }

    /// Stems a lower-case word.
    public func stem(_ word: String) -> String {
        var word = word
        var output: [UInt8] = []
        word.withUTF8 { stem($0, into: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: - Letters and measure

    @inline(__always)
    private static func isVowelLetter(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"):
            return true
        default:
            return false
        }
    }

    /// Porter's consonant: not a, e, i, o, u, and not a y after a consonant.
    @inline(__always)
    private static func isConsonant(_ w: StemmerText, _ index: Int) -> Bool {
        let c = w[index]
        if isVowelLetter(c) { return false }
        if c != UInt8(ascii: "y") { return true }
        // A run of y's alternates, starting from the letter before the run.
        var i = index
        var flip = false
        while i > 0 && w[i] == UInt8(ascii: "y") {
            flip.toggle()
            i -= 1
        }
        return !isVowelLetter(w[i]) != flip
    }

    /// *m*, the number of vowel-run → consonant-run changes in the first `end` letters.
    @inline(__always)
    private static func measure(_ w: StemmerText, _ end: Int) -> Int {
        var m = 0
        var previousIsConsonant = true
        var i = 0
        while i < end {
            let c = w[i]
            let consonant: Bool
            if isVowelLetter(c) {
                consonant = false
            } else if c == UInt8(ascii: "y") {
                consonant = i == 0 ? true : !previousIsConsonant
            } else {
                consonant = true
            }
            if consonant && !previousIsConsonant { m += 1 }
            previousIsConsonant = consonant
            i += 1
        }
        return m
    }

    /// *v*: the first `end` letters contain a vowel.
    @inline(__always)
    private static func containsVowel(_ w: StemmerText, _ end: Int) -> Bool {
        var previousIsConsonant = true
        var i = 0
        while i < end {
            let c = w[i]
            if isVowelLetter(c) { return true }
            if c == UInt8(ascii: "y") {
                if i > 0 && previousIsConsonant { return true }
                previousIsConsonant = true
            } else {
                previousIsConsonant = true
            }
            i += 1
        }
        return false
    }

    /// *o: the first `end` letters end consonant–vowel–consonant, the last not w, x or y;
    /// NLTK also accepts a two-letter vowel–consonant stem.
    @inline(__always)
    private static func endsCVC(_ w: StemmerText, _ end: Int, nltk: Bool) -> Bool {
        if end >= 3 {
            let last = w[end - 1]
            return isConsonant(w, end - 3) && !isConsonant(w, end - 2) && isConsonant(w, end - 1)
                && last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != UInt8(ascii: "y")
        }
        return nltk && end == 2 && !isConsonant(w, 0) && isConsonant(w, 1)
    }

    // MARK: - Steps

    /// NLTK's irregular forms, looked up before anything else.
    @inline(__always)
    private static func irregularForm(_ word: UnsafeBufferPointer<UInt8>) -> StaticString? {
        let n = word.count
        guard n >= 3 && n <= 8 else { return nil }
        func equals(_ literal: StaticString) -> Bool {
            literal.utf8CodeUnitCount == n && StemmerText.equal(word.baseAddress!, literal.utf8Start, n)
        }
        switch word[0] {
        case UInt8(ascii: "c"):
            if equals("canning") || equals("cannings") { return "canning" }
        case UInt8(ascii: "d"):
            if equals("dying") { return "die" }
        case UInt8(ascii: "e"):
            if equals("exceed") { return "exceed" }
        case UInt8(ascii: "h"):
            if equals("howe") { return "howe" }
        case UInt8(ascii: "i"):
            if equals("inning") || equals("innings") { return "inning" }
        case UInt8(ascii: "l"):
            if equals("lying") { return "lie" }
        case UInt8(ascii: "n"):
            if equals("news") { return "news" }
        case UInt8(ascii: "o"):
            if equals("outing") || equals("outings") { return "outing" }
        case UInt8(ascii: "p"):
            if equals("proceed") { return "proceed" }
        case UInt8(ascii: "s"):
            if equals("sky") || equals("skies") { return "sky" }
            if equals("succeed") { return "succeed" }
        case UInt8(ascii: "t"):
            if equals("tying") { return "tie" }
        default:
            break
        }
        return nil
    }

    /// Step 1a: -sses → -ss, -ies → -i (-ie in four-letter words), -ss kept, -s removed.
    private static func step1a(_ w: inout StemmerText, nltk: Bool) {
        let n = w.count
        guard w[n - 1] == UInt8(ascii: "s") else { return }
        if w.hasSuffix("ies") {
            w.count -= nltk && n == 4 ? 1 : 2
        } else if w.hasSuffix("sses") {
            w.count -= 2
        } else if !w.hasSuffix("ss") {
            w.count -= 1
        }
    }

    /// Step 1b: -ied (NLTK), -eed, then -ed and -ing with their clean-up rules.
    private static func step1b(_ w: inout StemmerText, original: UnsafeBufferPointer<UInt8>?, nltk: Bool) {
        let n = w.count
        guard n >= 2 else { return }
        let start: Int
        if nltk && w.hasSuffix("ied") {
            w.count -= n == 4 ? 1 : 2  // -ie in four-letter words, else -i
            return
        } else if w.hasSuffix("eed") {
            if measure(w, n - 3) > 0 { w.count -= 1 }
            return
        } else if w.hasSuffix("ed") {
            start = n - 2
        } else if w.hasSuffix("ing") {
            start = n - 3
        } else {
            return
        }
        guard containsVowel(w, start) else { return }
        w.count = start
        if w.hasSuffix("at") || w.hasSuffix("bl") || w.hasSuffix("iz") {
            w.append("e")
        } else if start >= 2 && endsDoubleConsonant(w, start, original: original) {
            let last = w[start - 1]
            if last != UInt8(ascii: "l") && last != UInt8(ascii: "s") && last != UInt8(ascii: "z") {
                w.count -= 1
            }
        } else if measure(w, start) == 1 && endsCVC(w, start, nltk: nltk) {
            w.append("e")
        }
    }

    /// *d: the first `end` letters end with two equal consonants.
    @inline(__always)
    private static func endsDoubleConsonant(_ w: StemmerText, _ end: Int,
                                            original: UnsafeBufferPointer<UInt8>?) -> Bool {
        guard w[end - 1] == w[end - 2], isConsonant(w, end - 1) else { return false }
        if w[end - 1] == StemmerText.placeholder, let original {
            // Two non-ASCII letters: compare the characters themselves.
            return StemmerText.sameCharacter(original, end - 1, end - 2)
        }
        return true
    }

    /// Step 1c: final y → i after a consonant that is not the first letter (NLTK),
    /// or when the stem has a vowel (original).
    private static func step1c(_ w: inout StemmerText, nltk: Bool) {
        let n = w.count
        guard n >= 1 && w[n - 1] == UInt8(ascii: "y") else { return }
        if nltk ? (n >= 3 && isConsonant(w, n - 2)) : containsVowel(w, n - 1) {
            w[n - 1] = UInt8(ascii: "i")
        }
    }

    /// Step 2: double suffixes to single ones when *m* > 0.
    private static func step2(_ w: inout StemmerText, nltk: Bool) {
        // NLTK reduces -alli first, then applies the rules to the result.
        if nltk && w.hasSuffix("alli") && measure(w, w.count - 4) > 0 {
            w.count -= 2
        }
        let n = w.count
        guard n >= 3 else { return }
        /// Whether the stem before a suffix of `length` letters has *m* > 0.
        @inline(__always) func positive(_ length: Int) -> Bool { measure(w, n - length) > 0 }
        switch w[n - 1] {
        case UInt8(ascii: "l"):
            if w.hasSuffix("ational") {
                if positive(7) { w.count -= 4; w[w.count - 1] = UInt8(ascii: "e") }  // -ate
            } else if w.hasSuffix("tional") {
                if positive(6) { w.count -= 2 }  // -tion
            }
        case UInt8(ascii: "i"):
            if w.hasSuffix("enci") || w.hasSuffix("anci") {
                if positive(4) { w[n - 1] = UInt8(ascii: "e") }  // -ence, -ance
            } else if !nltk && w.hasSuffix("abli") {
                if positive(4) { w[n - 1] = UInt8(ascii: "e") }  // -able (original)
            } else if nltk && w.hasSuffix("bli") {
                if positive(3) { w[n - 1] = UInt8(ascii: "e") }  // -ble (NLTK, like Martin Porter's code)
            } else if w.hasSuffix("alli") {
                if positive(4) { w.count -= 2 }  // -al
            } else if w.hasSuffix("entli") {
                if positive(5) { w.count -= 2 }  // -ent
            } else if w.hasSuffix("eli") {
                if positive(3) { w.count -= 2 }  // -e
            } else if w.hasSuffix("ousli") {
                if positive(5) { w.count -= 2 }  // -ous
            } else if w.hasSuffix("aliti") {
                if positive(5) { w.count -= 3 }  // -al
            } else if w.hasSuffix("iviti") {
                if positive(5) { w.count -= 2; w[w.count - 1] = UInt8(ascii: "e") }  // -ive
            } else if w.hasSuffix("biliti") {
                if positive(6) { w.count -= 3; w.replaceSuffix(2, with: "le") }  // -ble
            } else if nltk && w.hasSuffix("fulli") {
                if positive(5) { w.count -= 2 }  // -ful (NLTK)
            } else if nltk && w.hasSuffix("logi") {
                if positive(3) { w.count -= 1 }  // -log (NLTK), measured with the l
            }
        case UInt8(ascii: "r"):
            if w.hasSuffix("izer") {
                if positive(4) { w.count -= 1 }  // -ize
            } else if w.hasSuffix("ator") {
                if positive(4) { w.count -= 1; w[w.count - 1] = UInt8(ascii: "e") }  // -ate
            }
        case UInt8(ascii: "n"):
            if w.hasSuffix("ization") {
                if positive(7) { w.count -= 4; w[w.count - 1] = UInt8(ascii: "e") }  // -ize
            } else if w.hasSuffix("ation") {
                if positive(5) { w.count -= 2; w[w.count - 1] = UInt8(ascii: "e") }  // -ate
            }
        case UInt8(ascii: "m"):
            if w.hasSuffix("alism") && positive(5) { w.count -= 3 }  // -al
        case UInt8(ascii: "s"):
            if w.hasSuffix("iveness") || w.hasSuffix("fulness") || w.hasSuffix("ousness") {
                if positive(7) { w.count -= 4 }  // -ive, -ful, -ous
            }
        default:
            break
        }
    }

    /// Step 3: -icate, -ative, -alize, -iciti, -ical, -ful, -ness when *m* > 0.
    private static func step3(_ w: inout StemmerText) {
        let n = w.count
        guard n >= 3 else { return }
        @inline(__always) func positive(_ length: Int) -> Bool { measure(w, n - length) > 0 }
        switch w[n - 1] {
        case UInt8(ascii: "e"):
            if w.hasSuffix("icate") {
                if positive(5) { w.count -= 3 }  // -ic
            } else if w.hasSuffix("ative") {
                if positive(5) { w.count -= 5 }
            } else if w.hasSuffix("alize") {
                if positive(5) { w.count -= 3 }  // -al
            }
        case UInt8(ascii: "i"):
            if w.hasSuffix("iciti") && positive(5) { w.count -= 3 }  // -ic
        case UInt8(ascii: "l"):
            if w.hasSuffix("ical") {
                if positive(4) { w.count -= 2 }  // -ic
            } else if w.hasSuffix("ful") {
                if positive(3) { w.count -= 3 }
            }
        case UInt8(ascii: "s"):
            if w.hasSuffix("ness") && positive(4) { w.count -= 4 }
        default:
            break
        }
    }

    /// Step 4: single suffixes removed when *m* > 1 (-ion only after s or t).
    private static func step4(_ w: inout StemmerText) {
        let n = w.count
        guard n >= 2 else { return }
        let length: Int
        switch w[n - 1] {
        case UInt8(ascii: "l"):
            guard w.hasSuffix("al") else { return }
            length = 2
        case UInt8(ascii: "e"):
            if w.hasSuffix("ance") || w.hasSuffix("ence") || w.hasSuffix("able") || w.hasSuffix("ible") {
                length = 4
            } else if w.hasSuffix("ate") || w.hasSuffix("ive") || w.hasSuffix("ize") {
                length = 3
            } else {
                return
            }
        case UInt8(ascii: "r"):
            guard w.hasSuffix("er") else { return }
            length = 2
        case UInt8(ascii: "c"):
            guard w.hasSuffix("ic") else { return }
            length = 2
        case UInt8(ascii: "t"):
            if w.hasSuffix("ement") {
                length = 5
            } else if w.hasSuffix("ment") {
                length = 4
            } else if w.hasSuffix("ent") || w.hasSuffix("ant") {
                length = 3
            } else {
                return
            }
        case UInt8(ascii: "n"):
            guard w.hasSuffix("ion"), n >= 4,
                  w[n - 4] == UInt8(ascii: "s") || w[n - 4] == UInt8(ascii: "t") else { return }
            length = 3
        case UInt8(ascii: "u"):
            guard w.hasSuffix("ou") else { return }
            length = 2
        case UInt8(ascii: "m"):
            guard w.hasSuffix("ism") else { return }
            length = 3
        case UInt8(ascii: "i"):
            guard w.hasSuffix("iti") else { return }
            length = 3
        case UInt8(ascii: "s"):
            guard w.hasSuffix("ous") else { return }
            length = 3
        default:
            return
        }
        if measure(w, n - length) > 1 { w.count = n - length }
    }

    /// Step 5: final -e removed when *m* > 1, or *m* = 1 and not *o; -ll → -l when *m* > 1.
    private static func step5(_ w: inout StemmerText, nltk: Bool) {
        var n = w.count
        if n >= 1 && w[n - 1] == UInt8(ascii: "e") {
            let m = measure(w, n - 1)
            if m > 1 || (m == 1 && !endsCVC(w, n - 1, nltk: nltk)) {
                w.count -= 1
                n -= 1
            }
        }
        if n >= 2 && w[n - 1] == UInt8(ascii: "l") && w[n - 2] == UInt8(ascii: "l") && measure(w, n - 1) > 1 {
            w.count -= 1
        }
    }
}
