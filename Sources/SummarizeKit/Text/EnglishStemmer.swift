/// The Snowball English stemmer ("Porter2"), as defined by Snowball 3.1.1.
///
/// This is our own implementation of the algorithm described at
/// <https://snowballstem.org/algorithms/english/stemmer.html> and pinned to the
/// Snowball 3.x generation of `english.sbl` (the one shipped by Snowball 3.1.1 and
/// the PyPI package `snowballstemmer` 3.1.1). It reproduces Snowball's
/// `english/voc.txt` → `output.txt` test vocabulary exactly. Compared with the
/// classic 2.x generation it keeps words such as `added` → `add` (2.x: `ad`),
/// strips `-ogist` (`archaeologists` → `archaeolog`), treats `inter-`, `later-`,
/// `past-`, `univers-`, `emerg-` and `organ-` as fixed first regions, and folds
/// the `dying`/`inning` exceptions into Step 1b. ``Version/snowball2`` selects the
/// older behaviour (Snowball ≤ 2.2, libstemmer and most Porter2 ports).
///
/// Input is one lower-cased, NFKC-normalized word as UTF-8 bytes. Like Snowball's
/// UTF-8 stemmers it works on characters: a non-ASCII character is one non-vowel
/// letter (Snowball English only knows `a`–`z`). Any byte sequence is accepted;
/// invalid UTF-8 never traps.
///
/// ```swift
/// let stemmer = EnglishStemmer()
/// stemmer.stem("generously")          // "generous"
/// stemmer.stem("archaeologists")      // "archaeolog"
/// ```
///
/// - Complexity: O(*n*) in the length of the word; no allocation when `output`
///   already has the capacity of the input.
public struct EnglishStemmer: Sendable {
    /// Which generation of Snowball's `english.sbl` to follow.
    public enum Version: Sendable, Hashable {
        /// Snowball 3.x (3.1.1), the current algorithm. The default.
        case snowball3
        /// Snowball 2.x (2.2.0): the classic Porter2 that most ports implement.
        case snowball2
    }

    /// The algorithm generation this stemmer follows.
    public var version: Version

    /// A stemmer for the current Snowball 3.x English algorithm.
    public init() { self.version = .snowball3 }

    /// A stemmer for a chosen generation of the Snowball English algorithm.
    public init(version: Version) { self.version = version }

    /// Stems a lower-case word given as UTF-8 bytes, writing the stem into `output` (cleared first).
    /// No allocation when `output` has capacity.
    public func stem(_ word: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        guard word.count > 0 else {
            output.removeAll(keepingCapacity: true)
            return
        }
        if let replacement = exception1(word) {
            StemmerText.assign(UnsafeBufferPointer(start: replacement.utf8Start,
                                                   count: replacement.utf8CodeUnitCount), to: &output)
            return
        }
        StemmerText.withScratch(copying: word, into: &output) { base, capacity -> Int in
            var source = word
            let isASCII = StemmerText.isASCII(word)
            var symbolCount = isASCII ? word.count : StemmerText.collapse(base, count: word.count)
            // `not hop 3`: words of fewer than three characters are left alone.
            guard symbolCount >= 3 else {
                if !isASCII { base.update(from: word.baseAddress!, count: word.count) }
                return word.count
            }
            // Prelude: one leading apostrophe is removed.
            if base[0] == UInt8(ascii: "'") {
                base.update(from: base + 1, count: symbolCount - 1)  // overlapping; update handles it
                symbolCount -= 1
                source = UnsafeBufferPointer(rebasing: word[1...])
            }
            var text = StemmerText(base: base, count: symbolCount)
            stemSymbols(&text)
            if isASCII { return text.count }
            return StemmerText.expand(base, symbolCount: text.count, capacity: capacity, original: source)
        }
    }

    /// Stems a lower-case word.
    public func stem(_ word: String) -> String {
        var word = word
        var output: [UInt8] = []
        word.withUTF8 { stem($0, into: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: - Algorithm

    /// `exception1`: whole words with a fixed stem (nil when `word` is not one of them).
    @inline(__always)
    private func exception1(_ word: UnsafeBufferPointer<UInt8>) -> StaticString? {
        let n = word.count
        guard n >= 3 && n <= 6 else { return nil }
        func equals(_ literal: StaticString) -> Bool {
            literal.utf8CodeUnitCount == n && StemmerText.equal(word.baseAddress!, literal.utf8Start, n)
        }
        switch word[0] {
        case UInt8(ascii: "a"):
            if equals("atlas") { return "atlas" }
            if equals("andes") { return "andes" }
        case UInt8(ascii: "b"):
            if equals("bias") { return "bias" }
        case UInt8(ascii: "c"):
            if equals("cosmos") { return "cosmos" }
        case UInt8(ascii: "d"):
            if version == .snowball2 && equals("dying") { return "die" }
        case UInt8(ascii: "e"):
            if equals("early") { return "earli" }
        case UInt8(ascii: "g"):
            if equals("gently") { return "gentl" }
        case UInt8(ascii: "h"):
            if equals("howe") { return "howe" }
        case UInt8(ascii: "i"):
            if equals("idly") { return "idl" }
        case UInt8(ascii: "l"):
            if version == .snowball2 && equals("lying") { return "lie" }
        case UInt8(ascii: "n"):
            if equals("news") { return "news" }
        case UInt8(ascii: "o"):
            if equals("only") { return "onli" }
        case UInt8(ascii: "s"):
            if equals("sky") { return "sky" }
            if equals("skis") { return "ski" }
            if equals("skies") { return "sky" }
            if equals("singly") { return "singl" }
        case UInt8(ascii: "t"):
            if version == .snowball2 && equals("tying") { return "tie" }
        case UInt8(ascii: "u"):
            if equals("ugly") { return "ugli" }
        default:
            break
        }
        return nil
    }

    /// Everything after `exception1` and `not hop 3`, on a word of one byte per character
    /// whose leading apostrophe is already gone.
    private func stemSymbols(_ w: inout StemmerText) {
        // Prelude: 'y' at the start or after a vowel is a consonant, marked 'Y'.
        var foundY = false
        if w.count > 0 && w[0] == UInt8(ascii: "y") {
            w[0] = UInt8(ascii: "Y")
            foundY = true
        }
        var i = 1
        while i < w.count {
            if w[i] == UInt8(ascii: "y") && Self.isVowel(w[i - 1]) {
                w[i] = UInt8(ascii: "Y")
                foundY = true
            }
            i += 1
        }

        let (p1, p2) = markRegions(w)
        step1a(&w)
        if version == .snowball2 && isException2(w) {
            // Snowball 2.x leaves these words alone after Step 1a.
        } else {
            step1b(&w, p1: p1)
            step1c(&w)
            step2(&w, p1: p1)
            step3(&w, p1: p1, p2: p2)
            step4(&w, p2: p2)
            step5(&w, p1: p1, p2: p2)
        }

        // Postlude: 'Y' back to 'y'.
        if foundY {
            var j = 0
            while j < w.count {
                if w[j] == UInt8(ascii: "Y") { w[j] = UInt8(ascii: "y") }
                j += 1
            }
        }
    }

    @inline(__always)
    static func isVowel(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"),
             UInt8(ascii: "o"), UInt8(ascii: "u"), UInt8(ascii: "y"):
            return true
        default:
            return false
        }
    }

    /// Grouping `v_WXY`: the vowels plus 'w', 'x' and 'Y'.
    @inline(__always)
    static func isVowelWXY(_ c: UInt8) -> Bool {
        isVowel(c) || c == UInt8(ascii: "w") || c == UInt8(ascii: "x") || c == UInt8(ascii: "Y")
    }

    /// Grouping `valid_LI`: letters that may precede a removable "-li".
    @inline(__always)
    static func isValidLI(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "c"), UInt8(ascii: "d"), UInt8(ascii: "e"), UInt8(ascii: "g"), UInt8(ascii: "h"),
             UInt8(ascii: "k"), UInt8(ascii: "m"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return true
        default:
            return false
        }
    }

    /// R1 starts after the first non-vowel that follows a vowel (or after one of a few
    /// fixed prefixes); R2 is the same rule applied again inside R1.
    private func markRegions(_ w: StemmerText) -> (p1: Int, p2: Int) {
        let n = w.count
        var p1 = n
        switch version {
        case .snowball3:
            // Fixed R1 prefixes, else the usual rule.
            let prefixLength: Int
            switch w[0] {
            case UInt8(ascii: "a"): prefixLength = w.hasPrefix("arsen") ? 5 : 0
            case UInt8(ascii: "c"): prefixLength = w.hasPrefix("commun") ? 6 : 0
            case UInt8(ascii: "e"): prefixLength = w.hasPrefix("emerg") ? 5 : 0
            case UInt8(ascii: "g"): prefixLength = w.hasPrefix("gener") ? 5 : 0
            case UInt8(ascii: "i"): prefixLength = w.hasPrefix("inter") ? 5 : 0
            case UInt8(ascii: "l"): prefixLength = w.hasPrefix("later") ? 5 : 0
            case UInt8(ascii: "o"): prefixLength = w.hasPrefix("organ") ? 5 : 0
            case UInt8(ascii: "p"): prefixLength = w.hasPrefix("past") ? 4 : 0
            case UInt8(ascii: "u"): prefixLength = w.hasPrefix("univers") ? 7 : 0
            default: prefixLength = 0
            }
            p1 = prefixLength > 0 ? prefixLength : Self.regionStart(w, from: 0)
        case .snowball2:
            if w.hasPrefix("gener") || w.hasPrefix("arsen") {
                p1 = 5
            } else if w.hasPrefix("commun") {
                p1 = 6
            } else {
                p1 = Self.regionStart(w, from: 0)
            }
        }
        let p2 = p1 < n ? Self.regionStart(w, from: p1) : n
        return (p1, p2)
    }

    /// `gopast v gopast non-v`: the position after the first non-vowel that follows a vowel.
    @inline(__always)
    private static func regionStart(_ w: StemmerText, from start: Int) -> Int {
        var i = start
        while i < w.count && !isVowel(w[i]) { i += 1 }
        i += 1
        while i < w.count && isVowel(w[i]) { i += 1 }
        return min(i + 1, w.count)
    }

    /// A short syllable ends at `end`: non-vowel, vowel, non-vowel other than w, x, Y;
    /// or vowel, non-vowel at the start of the word; or (3.x) "past".
    @inline(__always)
    private func endsShortSyllable(_ w: StemmerText, at end: Int) -> Bool {
        if end >= 3 && !Self.isVowelWXY(w[end - 1]) && Self.isVowel(w[end - 2]) && !Self.isVowel(w[end - 3]) {
            return true
        }
        if end == 2 && !Self.isVowel(w[1]) && Self.isVowel(w[0]) {
            return true
        }
        return version == .snowball3 && w.hasSuffix("past", endingAt: end)
    }

    /// Step 1a: apostrophes, then -sses, -ied, -ies, -s.
    private func step1a(_ w: inout StemmerText) {
        if w.hasSuffix("'s'") {
            w.count -= 3
        } else if w.hasSuffix("'s") {
            w.count -= 2
        } else if w.hasSuffix("'") {
            w.count -= 1
        }
        guard w.count > 0 else { return }
        switch w[w.count - 1] {
        case UInt8(ascii: "s"):
            if w.hasSuffix("sses") {
                w.count -= 2
            } else if w.hasSuffix("ies") {
                // -ies -> -i after at least two characters, else -ie ("ties" -> "tie").
                w.replaceSuffix(3, with: w.count > 4 ? "i" : "ie")
            } else if w.hasSuffix("ss") || w.hasSuffix("us") {
                return
            } else if w.count >= 3 && Self.containsVowel(w, before: w.count - 2) {
                // Delete -s when a vowel occurs before the letter preceding it ("gaps", not "gas").
                w.count -= 1
            }
        case UInt8(ascii: "d"):
            if w.hasSuffix("ied") {
                w.replaceSuffix(3, with: w.count > 4 ? "i" : "ie")
            }
        default:
            break
        }
    }

    @inline(__always)
    private static func containsVowel(_ w: StemmerText, before end: Int) -> Bool {
        var i = 0
        while i < end {
            if isVowel(w[i]) { return true }
            i += 1
        }
        return false
    }

    /// Snowball 2.x `exception2`: words left alone after Step 1a.
    private func isException2(_ w: StemmerText) -> Bool {
        switch w.count {
        case 6: return w.equals("inning") || w.equals("outing") || w.equals("exceed")
        case 7: return w.equals("canning") || w.equals("herring") || w.equals("earring")
            || w.equals("proceed") || w.equals("succeed")  // "evening" joined the list after 2.2
        default: return false
        }
    }

    /// Step 1b: -eed, -eedly, -ed, -edly, -ing, -ingly.
    private func step1b(_ w: inout StemmerText, p1: Int) {
        let n = w.count
        guard n >= 2 else { return }
        let suffixLength: Int
        switch w[n - 1] {
        case UInt8(ascii: "d"):
            if w.hasSuffix("eed") {
                let start = n - 3
                if version == .snowball3 && (w.equals("proc", count: start) || w.equals("exc", count: start)
                                              || w.equals("succ", count: start)) {
                    return  // proceed, exceed, succeed
                }
                if p1 <= start { w.count = start + 2 }
                return
            }
            guard w.hasSuffix("ed") else { return }
            suffixLength = 2
        case UInt8(ascii: "y"):
            if w.hasSuffix("eedly") {
                let start = n - 5
                if version == .snowball3 && (w.equals("proc", count: start) || w.equals("exc", count: start)
                                              || w.equals("succ", count: start)) {
                    return
                }
                if p1 <= start { w.count = start + 2 }
                return
            }
            if w.hasSuffix("edly") {
                suffixLength = 4
            } else if w.hasSuffix("ingly") {
                suffixLength = 5
            } else {
                return
            }
        case UInt8(ascii: "g"):
            guard w.hasSuffix("ing") else { return }
            if version == .snowball3 {
                let start = n - 3
                // dying -> die, vying -> vie: "y" + "ing" after a single non-vowel.
                if start == 2 && w[1] == UInt8(ascii: "y") && !Self.isVowel(w[0]) {
                    w.count = 1
                    w.append("ie")
                    return
                }
                if w.equals("inn", count: start) || w.equals("out", count: start) || w.equals("cann", count: start)
                    || w.equals("herr", count: start) || w.equals("earr", count: start)
                    || w.equals("even", count: start) {
                    return  // inning, outing, canning, herring, earring, evening
                }
            }
            suffixLength = 3
        default:
            return
        }

        let start = n - suffixLength
        guard Self.containsVowel(w, before: start) else { return }
        w.count = start
        if w.hasSuffix("at") || w.hasSuffix("bl") || w.hasSuffix("iz") {
            w.append("e")
        } else if start >= 2 && w[start - 1] == w[start - 2] && Self.isUndoubled(w[start - 1]) {
            // A double b, d, f, g, m, n, p, r or t loses one letter, except (3.x) in
            // three-letter words that begin with a, e or o ("added" -> "add").
            if version == .snowball3 && start == 3
                && (w[0] == UInt8(ascii: "a") || w[0] == UInt8(ascii: "e") || w[0] == UInt8(ascii: "o")) {
                return
            }
            w.count -= 1
        } else if start == p1 && endsShortSyllable(w, at: start) {
            w.append("e")
        }
    }

    /// Letters whose doubling Step 1b removes.
    @inline(__always)
    private static func isUndoubled(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "b"), UInt8(ascii: "d"), UInt8(ascii: "f"), UInt8(ascii: "g"), UInt8(ascii: "m"),
             UInt8(ascii: "n"), UInt8(ascii: "p"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return true
        default:
            return false
        }
    }

    /// Step 1c: final y or Y after a non-vowel (not the first letter) becomes i.
    private func step1c(_ w: inout StemmerText) {
        let n = w.count
        guard n >= 3 else { return }
        let last = w[n - 1]
        if (last == UInt8(ascii: "y") || last == UInt8(ascii: "Y")) && !Self.isVowel(w[n - 2]) {
            w[n - 1] = UInt8(ascii: "i")
        }
    }

    /// Step 2: derivational suffixes in R1, longest match first.
    private func step2(_ w: inout StemmerText, p1: Int) {
        let n = w.count
        guard n >= 3 else { return }
        // Each case finds the longest suffix, then checks R1 once for it.
        @inline(__always) func inR1(_ length: Int) -> Bool { p1 <= n - length }
        switch w[n - 1] {
        case UInt8(ascii: "i"):
            switch w[n - 2] {
            case UInt8(ascii: "c"):
                if w.hasSuffix("enci") || w.hasSuffix("anci") {
                    if inR1(4) { w[n - 1] = UInt8(ascii: "e") }  // -ence, -ance
                }
            case UInt8(ascii: "g"):
                if w.hasSuffix("ogi") && inR1(3) && n >= 4 && w[n - 4] == UInt8(ascii: "l") {
                    w.count -= 1  // -logi -> -log
                }
            case UInt8(ascii: "l"):
                if w.hasSuffix("abli") {
                    if inR1(4) { w[n - 1] = UInt8(ascii: "e") }  // -able
                } else if w.hasSuffix("bli") {
                    if inR1(3) { w[n - 1] = UInt8(ascii: "e") }  // -ble
                } else if w.hasSuffix("alli") {
                    if inR1(4) { w.count -= 2 }  // -al
                } else if w.hasSuffix("fulli") {
                    if inR1(5) { w.count -= 2 }  // -ful
                } else if w.hasSuffix("lessli") {
                    if inR1(6) { w.count -= 2 }  // -less
                } else if w.hasSuffix("ousli") {
                    if inR1(5) { w.count -= 2 }  // -ous
                } else if w.hasSuffix("entli") {
                    if inR1(5) { w.count -= 2 }  // -ent
                } else if inR1(2) && n >= 3 && Self.isValidLI(w[n - 3]) {
                    w.count -= 2  // -li after c d e g h k m n r t
                }
            case UInt8(ascii: "t"):
                if w.hasSuffix("aliti") {
                    if inR1(5) { w.count -= 3 }  // -al
                } else if w.hasSuffix("biliti") {
                    if inR1(6) { w.count -= 3; w.replaceSuffix(2, with: "le") }  // -ble
                } else if w.hasSuffix("iviti") {
                    if inR1(5) { w.count -= 2; w[w.count - 1] = UInt8(ascii: "e") }  // -ive
                }
            default:
                break
            }
        case UInt8(ascii: "l"):
            if w.hasSuffix("ational") {
                if inR1(7) { w.count -= 4; w[w.count - 1] = UInt8(ascii: "e") }  // -ate
            } else if w.hasSuffix("tional") {
                if inR1(6) { w.count -= 2 }  // -tion
            }
        case UInt8(ascii: "m"):
            if w.hasSuffix("alism") && inR1(5) { w.count -= 3 }  // -al
        case UInt8(ascii: "n"):
            if w.hasSuffix("ization") {
                if inR1(7) { w.count -= 4; w[w.count - 1] = UInt8(ascii: "e") }  // -ize
            } else if w.hasSuffix("ation") {
                if inR1(5) { w.count -= 2; w[w.count - 1] = UInt8(ascii: "e") }  // -ate
            }
        case UInt8(ascii: "r"):
            if w.hasSuffix("izer") {
                if inR1(4) { w.count -= 1 }  // -ize
            } else if w.hasSuffix("ator") {
                if inR1(4) { w.count -= 1; w[w.count - 1] = UInt8(ascii: "e") }  // -ate
            }
        case UInt8(ascii: "s"):
            if w.hasSuffix("iveness") || w.hasSuffix("fulness") || w.hasSuffix("ousness") {
                if inR1(7) { w.count -= 4 }  // -ive, -ful, -ous
            }
        case UInt8(ascii: "t"):
            if version == .snowball3 && w.hasSuffix("ogist") && inR1(5) { w.count -= 3 }  // -og
        default:
            break
        }
    }

    /// Step 3: more derivational suffixes in R1 (-ative in R2).
    private func step3(_ w: inout StemmerText, p1: Int, p2: Int) {
        let n = w.count
        guard n >= 3 else { return }
        @inline(__always) func inR1(_ length: Int) -> Bool { p1 <= n - length }
        switch w[n - 1] {
        case UInt8(ascii: "l"):
            if w.hasSuffix("ational") {
                if inR1(7) { w.count -= 4; w[w.count - 1] = UInt8(ascii: "e") }  // -ate
            } else if w.hasSuffix("tional") {
                if inR1(6) { w.count -= 2 }  // -tion
            } else if w.hasSuffix("ical") {
                if inR1(4) { w.count -= 2 }  // -ic
            } else if w.hasSuffix("ful") {
                if inR1(3) { w.count -= 3 }
            }
        case UInt8(ascii: "e"):
            if w.hasSuffix("alize") {
                if inR1(5) { w.count -= 3 }  // -al
            } else if w.hasSuffix("icate") {
                if inR1(5) { w.count -= 3 }  // -ic
            } else if w.hasSuffix("ative") {
                if inR1(5) && p2 <= n - 5 { w.count -= 5 }
            }
        case UInt8(ascii: "i"):
            if w.hasSuffix("iciti") && inR1(5) { w.count -= 3 }  // -ic
        case UInt8(ascii: "s"):
            if w.hasSuffix("ness") && inR1(4) { w.count -= 4 }
        default:
            break
        }
    }

    /// Step 4: residual suffixes in R2 are deleted.
    private func step4(_ w: inout StemmerText, p2: Int) {
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
        case UInt8(ascii: "m"):
            guard w.hasSuffix("ism") else { return }
            length = 3
        case UInt8(ascii: "i"):
            guard w.hasSuffix("iti") else { return }
            length = 3
        case UInt8(ascii: "s"):
            guard w.hasSuffix("ous") else { return }
            length = 3
        case UInt8(ascii: "n"):
            guard w.hasSuffix("ion") else { return }
            // -ion only after s or t.
            guard n >= 4 && (w[n - 4] == UInt8(ascii: "s") || w[n - 4] == UInt8(ascii: "t")) else { return }
            length = 3
        default:
            return
        }
        if p2 <= n - length { w.count = n - length }
    }

    /// Step 5: final -e in R2 (or in R1 after no short syllable), final -l of -ll in R2.
    private func step5(_ w: inout StemmerText, p1: Int, p2: Int) {
        let n = w.count
        guard n >= 1 else { return }
        let start = n - 1
        switch w[start] {
        case UInt8(ascii: "e"):
            if p2 <= start || (p1 <= start && !endsShortSyllable(w, at: start)) {
                w.count = start
            }
        case UInt8(ascii: "l"):
            if p2 <= start && start >= 1 && w[start - 1] == UInt8(ascii: "l") {
                w.count = start
            }
        default:
            break
        }
    }
}

// MARK: - Byte helpers shared with PorterStemmer

/// A word being stemmed in place: one byte per character, over a caller-owned buffer.
///
/// Both stemmers only know ASCII letters. A word with non-ASCII characters is first
/// collapsed to one ``placeholder`` byte per such character, stemmed, then expanded
/// back from the original bytes (``collapse(_:count:)``, ``expand(_:symbolCount:capacity:original:)``).
/// This works because the algorithms never move a character: they only rewrite
/// ASCII letters in place and cut or replace an ASCII suffix.
struct StemmerText {
    /// Stands for one non-ASCII character: not a vowel, not a letter any rule names.
    static let placeholder: UInt8 = 0x80

    let base: UnsafeMutablePointer<UInt8>
    var count: Int

    @inline(__always)
    subscript(index: Int) -> UInt8 {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }

    @inline(__always)
    func hasSuffix(_ suffix: StaticString) -> Bool {
        hasSuffix(suffix, endingAt: count)
    }

    @inline(__always)
    func hasSuffix(_ suffix: StaticString, endingAt end: Int) -> Bool {
        let length = suffix.utf8CodeUnitCount
        return end >= length && end <= count && Self.equal(base + (end - length), suffix.utf8Start, length)
    }

    @inline(__always)
    func hasPrefix(_ prefix: StaticString) -> Bool {
        let length = prefix.utf8CodeUnitCount
        return count >= length && Self.equal(base, prefix.utf8Start, length)
    }

    /// The whole word is `literal`.
    @inline(__always)
    func equals(_ literal: StaticString) -> Bool {
        equals(literal, count: count)
    }

    /// The first `prefixCount` characters are exactly `literal`.
    @inline(__always)
    func equals(_ literal: StaticString, count prefixCount: Int) -> Bool {
        literal.utf8CodeUnitCount == prefixCount && prefixCount <= count
            && Self.equal(base, literal.utf8Start, prefixCount)
    }

    /// Appends ASCII letters. Callers only append after removing at least as many.
    @inline(__always)
    mutating func append(_ literal: StaticString) {
        let length = literal.utf8CodeUnitCount
        (base + count).update(from: literal.utf8Start, count: length)
        count += length
    }

    /// Replaces the last `length` characters with `replacement` (never longer than `length`).
    @inline(__always)
    mutating func replaceSuffix(_ length: Int, with replacement: StaticString) {
        count -= length
        append(replacement)
    }

    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        var i = 0
        while i < length {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    /// Copies `word` into a work buffer, lets `body` stem it there and return the
    /// stem's byte count (never more than `word.count`), and leaves the stem in `output`.
    ///
    /// Words of up to 64 bytes are stemmed in stack scratch and appended once;
    /// longer ones in place in `output`. Neither allocates once `output` has the capacity.
    @inline(__always)
    static func withScratch(copying word: UnsafeBufferPointer<UInt8>, into output: inout [UInt8],
                            _ body: (UnsafeMutablePointer<UInt8>, Int) -> Int) {
        let n = word.count
        if n <= 64 {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { scratch in
                let base = scratch.baseAddress!
                // A byte loop: for words this short it beats calling memmove.
                var i = 0
                while i < n {
                    base[i] = word[i]
                    i += 1
                }
                let length = body(base, n)
                assign(UnsafeBufferPointer(start: base, count: length), to: &output)
            }
        } else {
            output.removeAll(keepingCapacity: true)
            output.append(contentsOf: word)
            let length = output.withUnsafeMutableBufferPointer { body($0.baseAddress!, $0.count) }
            output.removeLast(output.count - length)
        }
    }

    /// Makes `output` hold exactly `bytes`: one `replaceSubrange`, which costs less
    /// than `removeAll(keepingCapacity:)` followed by `append(contentsOf:)`.
    @inline(__always)
    static func assign(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        output.replaceSubrange(0..<output.count, with: bytes)
    }

    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var any: UInt8 = 0
        for b in bytes { any |= b }
        return any < 0x80
    }

    /// The end of the character starting at `start`: a byte ≥ 0x80 takes the
    /// continuation bytes (10xxxxxx) after it. Invalid UTF-8 still gives ≥ 1 byte.
    @inline(__always)
    static func characterEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start + 1
        if bytes[start] >= 0x80 {
            while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        }
        return end
    }

    /// Rewrites `count` bytes in place to one byte per character, non-ASCII characters
    /// becoming ``placeholder``; returns the number of characters.
    @inline(never)
    static func collapse(_ base: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        var read = 0
        var write = 0
        while read < count {
            let b = base[read]
            read += 1
            if b >= 0x80 {
                while read < count && base[read] & 0xC0 == 0x80 { read += 1 }
                base[write] = placeholder
            } else {
                base[write] = b
            }
            write += 1
        }
        return write
    }

    /// Undoes ``collapse(_:count:)`` on a stem of `symbolCount` characters whose
    /// character `i` is character `i` of `original` wherever it is a placeholder.
    /// Returns the byte count; needs `capacity ≥ original.count`.
    @inline(never)
    static func expand(_ base: UnsafeMutablePointer<UInt8>, symbolCount: Int, capacity: Int,
                       original: UnsafeBufferPointer<UInt8>) -> Int {
        // Move the symbols to the end, then write left to right. The write position
        // never passes the read position: a stem of i characters takes at most the
        // bytes of the first i original characters, and the characters after them
        // take at least one byte each.
        let shift = capacity - symbolCount
        (base + shift).update(from: base, count: symbolCount)
        var write = 0
        var originalStart = 0
        var i = 0
        while i < symbolCount {
            let symbol = base[shift + i]
            if originalStart < original.count {
                let originalEnd = characterEnd(original, from: originalStart)
                if symbol == placeholder {
                    let length = originalEnd - originalStart
                    base.advanced(by: write).update(from: original.baseAddress! + originalStart, count: length)
                    write += length
                } else {
                    base[write] = symbol
                    write += 1
                }
                originalStart = originalEnd
            } else {
                base[write] = symbol
                write += 1
            }
            i += 1
        }
        return write
    }

    /// Whether characters `i` and `j` of `original` (0-based) are the same bytes.
    static func sameCharacter(_ original: UnsafeBufferPointer<UInt8>, _ i: Int, _ j: Int) -> Bool {
        var start = 0
        var index = 0
        var ranges: (Range<Int>, Range<Int>) = (0..<0, 0..<0)
        while start < original.count && index <= max(i, j) {
            let end = characterEnd(original, from: start)
            if index == i { ranges.0 = start..<end }
            if index == j { ranges.1 = start..<end }
            start = end
            index += 1
        }
        guard ranges.0.count == ranges.1.count, ranges.0.count > 0 else { return false }
        return equal(original.baseAddress! + ranges.0.lowerBound, original.baseAddress! + ranges.1.lowerBound,
                     ranges.0.count)
    }
}
