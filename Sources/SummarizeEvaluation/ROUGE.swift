import Foundation
import SummarizeKit
/// ROUGE-N and summary-level ROUGE-L (ROUGE-Lsum), computed the way Google's
/// `rouge-score` package does (`RougeScorer(["rouge1", "rouge2", "rougeLsum"],
/// use_stemmer=True)`), so numbers from `summarize eval` can be compared with
/// published ones.
///
/// Tokenization follows `rouge_score/tokenize.py`: the text is lower-cased,
/// every run of characters other than `a-z0-9` separates tokens, and tokens
/// longer than three characters are stemmed with the Porter stemmer in NLTK's
/// default mode (``PorterStemmer``); ``Tokenizer/unicode`` scores text in any language. ROUGE-Lsum splits both texts at `"\n"`,
/// drops empty lines, and for each reference sentence takes the union of its
/// LCS with every candidate sentence (Lin 2004, §3.2), counting each token at
/// most as often as it occurs on both sides.
///
/// ```swift
/// let rouge = ROUGE()
/// let s = rouge.score(candidate: ["The cat sat."], reference: ["A cat sat down."])
/// s.rouge1.f1   // 0.571...
/// ```
///
/// - Complexity: O(r × c) per reference/candidate sentence pair for ROUGE-Lsum;
///   linear for ROUGE-N.
public struct ROUGE: Sendable {
    /// Precision, recall and their harmonic mean, each in [0, 1].
    public struct Score: Sendable, Hashable {
        public var precision: Double
        public var recall: Double
        public var f1: Double

        public init(precision: Double, recall: Double) {
            self.precision = precision
            self.recall = recall
            self.f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        }

        public static let zero = Score(precision: 0, recall: 0)
    }

    /// The three scores `summarize eval` reports.
    public struct Scores: Sendable, Hashable {
        public var rouge1: Score
        public var rouge2: Score
        public var rougeLsum: Score
    }

    /// How texts are cut into tokens.
    public enum Tokenizer: Sendable, Hashable {
        /// rouge-score's default: lower-cased `[a-z0-9]+` runs (every other character separates), Porter-stemmed
        /// past three characters when ``ROUGE/stemming`` is on. Text in other scripts has no tokens at all.
        case english
        /// For any language: NFKC, lower case, runs of letters and digits (Unicode categories L and N), and one
        /// token per CJK character (Han, kana, Hangul syllables); never stemmed. The same as
        /// `scripts/check_rouge.py --tokenizer unicode`.
        case unicode
    }

    /// Whether tokens longer than three characters are Porter-stemmed (`use_stemmer=True`; ``Tokenizer/english`` only).
    public var stemming: Bool
    /// How texts are cut into tokens.
    public var tokenizer: Tokenizer

    public init(stemming: Bool = true, tokenizer: Tokenizer = .english) {
        self.stemming = stemming && tokenizer == .english
        self.tokenizer = tokenizer
    }

    /// ROUGE-1, ROUGE-2 and ROUGE-Lsum of `candidate` against `reference`,
    /// each given as its sentences (joined with newlines, as rouge-score expects).
    public func score(candidate: [String], reference: [String]) -> Scores {
        var interner = Interner(stemming: stemming, tokenizer: tokenizer)
        let candidateSentences = Self.lines(candidate).map { interner.tokenIDs($0) }
        let referenceSentences = Self.lines(reference).map { interner.tokenIDs($0) }
        let candidateTokens = candidateSentences.flatMap { $0 }
        let referenceTokens = referenceSentences.flatMap { $0 }
        return Scores(rouge1: Self.rougeN(1, candidateTokens, referenceTokens),
                      rouge2: Self.rougeN(2, candidateTokens, referenceTokens),
                      rougeLsum: Self.rougeLsum(candidateSentences, referenceSentences, tokenCount: interner.count))
    }

    /// The tokens rouge-score would produce for `text` (stemmed when ``stemming`` is on).
    public func tokenize(_ text: String) -> [String] {
        var out: [String] = []
        var scratch: [UInt8] = []
        if tokenizer == .unicode {
            Self.forEachUnicodeToken(text) { out.append(String(decoding: $0, as: UTF8.self)) }
            return out
        }
        Self.forEachToken(text) { word in
            if stemming, word.count > 3 {
                word.withUnsafeBufferPointer { PorterStemmer().stem($0, into: &scratch) }
                out.append(String(decoding: scratch, as: UTF8.self))
            } else {
                out.append(String(decoding: word, as: UTF8.self))
            }
        }
        return out
    }

    // MARK: - Tokens

    /// Joins the sentences with "\n", splits again and drops empty lines, as
    /// rouge-score does with a newline-joined summary.
    static func lines(_ sentences: [String]) -> [String] {
        var out: [String] = []
        for sentence in sentences {
            for line in sentence.split(separator: "\n", omittingEmptySubsequences: true) {
                out.append(String(line))
            }
        }
        return out
    }

    /// Calls `body` with each lower-case `[a-z0-9]+` run of `text`. Python's
    /// `str.lower()` maps two non-ASCII letters onto ASCII ones (KELVIN SIGN
    /// to "k", CAPITAL I WITH DOT ABOVE to "i" plus a combining dot); all other
    /// non-ASCII characters separate tokens.
    static func forEachToken(_ text: String, _ body: ([UInt8]) -> Void) {
        var word: [UInt8] = []
        word.reserveCapacity(32)
        func flush() {
            if !word.isEmpty { body(word); word.removeAll(keepingCapacity: true) }
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v >= 0x61 && v <= 0x7A || v >= 0x30 && v <= 0x39 {
                word.append(UInt8(v))
            } else if v >= 0x41 && v <= 0x5A {
                word.append(UInt8(v) | 0x20)
            } else if v == 0x212A {
                word.append(0x6B)  // K KELVIN SIGN -> k
            } else if v == 0x130 {
                word.append(0x69)  // İ -> i + U+0307, and U+0307 separates
                flush()
            } else {
                flush()
            }
        }
        flush()
    }

    /// Whether a scalar is one CJK token by itself: Han, Hiragana, Katakana, a Hangul syllable.
    static func isCJK(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0x20000...0x3FFFF).contains(v) || (0x3040...0x30FF).contains(v) || (0xAC00...0xD7AF).contains(v)
    }

    /// Calls `body` with the UTF-8 of each token of the ``Tokenizer/unicode`` tokenizer.
    static func forEachUnicodeToken(_ text: String, _ body: ([UInt8]) -> Void) {
        var word: [UInt8] = []
        func flush() {
            if !word.isEmpty { body(word); word.removeAll(keepingCapacity: true) }
        }
        for scalar in text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars {
            if isCJK(scalar.value) {
                flush()
                body(Array(String(scalar).utf8))
                continue
            }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber:
                word.append(contentsOf: String(scalar).utf8)
            default:
                flush()
            }
        }
        flush()
    }

    /// Interns (stemmed) tokens as small integers for one comparison.
    struct Interner {
        let stemming: Bool
        let tokenizer: Tokenizer
        var ids: [[UInt8]: Int32] = [:]
        var stems: [[UInt8]: [UInt8]] = [:]
        var scratch: [UInt8] = []
        var count: Int { ids.count }

        init(stemming: Bool, tokenizer: Tokenizer = .english) {
            self.stemming = stemming
            self.tokenizer = tokenizer
        }

        mutating func tokenIDs(_ text: String) -> [Int32] {
            var out: [Int32] = []
            var words: [[UInt8]] = []
            if tokenizer == .unicode {
                ROUGE.forEachUnicodeToken(text) { words.append($0) }
            } else {
                ROUGE.forEachToken(text) { words.append($0) }
            }
            for word in words {
                var key = word
                if stemming, word.count > 3 {
                    if let known = stems[word] {
                        key = known
                    } else {
                        word.withUnsafeBufferPointer { PorterStemmer().stem($0, into: &scratch) }
                        stems[word] = scratch
                        key = scratch
                    }
                }
                if key.isEmpty { continue }
                if let id = ids[key] { out.append(id) } else {
                    let id = Int32(ids.count)
                    ids[key] = id
                    out.append(id)
                }
            }
            return out
        }
    }

    // MARK: - ROUGE-N

    /// ROUGE-N over whole token sequences: clipped n-gram overlap.
    static func rougeN(_ n: Int, _ candidate: [Int32], _ reference: [Int32]) -> Score {
        func counts(_ tokens: [Int32]) -> [[Int32]: Int] {
            var result: [[Int32]: Int] = [:]
            if tokens.count >= n {
                for i in 0...(tokens.count - n) { result[Array(tokens[i..<(i + n)]), default: 0] += 1 }
            }
            return result
        }
        let c = counts(candidate), r = counts(reference)
        var overlap = 0
        for (gram, count) in r { overlap += min(count, c[gram] ?? 0) }
        let candidateTotal = max(candidate.count - n + 1, 0), referenceTotal = max(reference.count - n + 1, 0)
        return Score(precision: Double(overlap) / Double(max(candidateTotal, 1)),
                     recall: Double(overlap) / Double(max(referenceTotal, 1)))
    }

    // MARK: - ROUGE-L

    /// The LCS length table of `a` (rows) against `b` (columns), flat, (a+1)×(b+1).
    static func lcsTable(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        let columns = b.count + 1
        var table = [Int32](repeating: 0, count: (a.count + 1) * columns)
        if a.isEmpty || b.isEmpty { return table }
        for i in 1...a.count {
            for j in 1...b.count {
                table[i * columns + j] = a[i - 1] == b[j - 1]
                    ? table[(i - 1) * columns + j - 1] + 1
                    : max(table[(i - 1) * columns + j], table[i * columns + j - 1])
            }
        }
        return table
    }

    /// The length of the longest common subsequence of two token sequences.
    static func lcsLength(_ a: [Int32], _ b: [Int32]) -> Int {
        Int(lcsTable(a, b).last ?? 0)
    }

    /// The positions in `reference` of one LCS with `candidate`, ascending,
    /// read back with rouge-score's tie-breaking (`_backtrack_norec`).
    static func lcsPositions(_ reference: [Int32], _ candidate: [Int32]) -> [Int] {
        let table = lcsTable(reference, candidate)
        let columns = candidate.count + 1
        var i = reference.count, j = candidate.count
        var positions: [Int] = []
        while i > 0 && j > 0 {
            if reference[i - 1] == candidate[j - 1] {
                positions.append(i - 1)
                i -= 1; j -= 1
            } else if table[i * columns + j - 1] > table[(i - 1) * columns + j] {
                j -= 1
            } else {
                i -= 1
            }
        }
        return positions.reversed()
    }

    /// Summary-level LCS (ROUGE-Lsum): union LCS per reference sentence, with
    /// each token counted at most as often as it occurs in both summaries.
    static func rougeLsum(_ candidate: [[Int32]], _ reference: [[Int32]], tokenCount: Int) -> Score {
        let m = reference.reduce(0) { $0 + $1.count }
        let n = candidate.reduce(0) { $0 + $1.count }
        guard !candidate.isEmpty, !reference.isEmpty, m > 0, n > 0 else { return .zero }
        var remainingReference = [Int](repeating: 0, count: tokenCount)
        var remainingCandidate = [Int](repeating: 0, count: tokenCount)
        for sentence in reference { for t in sentence { remainingReference[Int(t)] += 1 } }
        for sentence in candidate { for t in sentence { remainingCandidate[Int(t)] += 1 } }
        var hits = 0
        var inUnion = [Bool]()
        for sentence in reference {
            inUnion = [Bool](repeating: false, count: sentence.count)
            for c in candidate { for p in lcsPositions(sentence, c) { inUnion[p] = true } }
            for p in sentence.indices where inUnion[p] {
                let t = Int(sentence[p])
                if remainingCandidate[t] > 0 && remainingReference[t] > 0 {
                    hits += 1
                    remainingCandidate[t] -= 1
                    remainingReference[t] -= 1
                }
            }
        }
        return Score(precision: Double(hits) / Double(n), recall: Double(hits) / Double(m))
    }
}
