import Testing
@testable import SummarizeKit
@testable import SummarizeEvaluation

/// ROUGE against small examples computed by hand, following rouge-score's rules.
@Suite("ROUGE (rouge-score compatible)")
struct ROUGETests {
    let plain = ROUGE(stemming: false)

    func ids(_ text: String, _ table: inout [String: Int32]) -> [Int32] {
        text.split(separator: " ").map { word in
            if let id = table[String(word)] { return id }
            let id = Int32(table.count); table[String(word)] = id; return id
        }
    }

    @Test("tokens are lower-cased runs of a-z0-9; everything else separates them")
    func tokenization() {
        #expect(plain.tokenize("Hello, World! It's 2024-05-01.") == ["hello", "world", "it", "s", "2024", "05", "01"])
        #expect(plain.tokenize("café naïve") == ["caf", "na", "ve"])
        #expect(plain.tokenize("\u{212A}elvin") == ["kelvin"])
    }

    @Test("only tokens longer than three characters are stemmed, with NLTK's Porter")
    func stemming() {
        // "was" has three characters and stays; Porter alone would give "wa".
        #expect(ROUGE().tokenize("was running dies flies") == ["was", "run", "die", "fli"])
    }

    @Test("ROUGE-1 and ROUGE-2 clip repeated n-grams; F1 is their harmonic mean")
    func rougeN() {
        // candidate: the cat the cat (4 tokens), reference: the cat sat (3 tokens)
        let s = plain.score(candidate: ["the cat the cat"], reference: ["the cat sat"])
        // unigrams: overlap min(2,1)+min(2,1) = 2 -> P 2/4, R 2/3, F 4/7
        #expect(abs(s.rouge1.precision - 0.5) < 1e-12)
        #expect(abs(s.rouge1.recall - 2.0 / 3) < 1e-12)
        #expect(abs(s.rouge1.f1 - 4.0 / 7) < 1e-12)
        // bigrams: cand {the cat x2, cat the}, ref {the cat, cat sat} -> overlap 1, P 1/3, R 1/2, F 0.4
        #expect(abs(s.rouge2.precision - 1.0 / 3) < 1e-12)
        #expect(abs(s.rouge2.recall - 0.5) < 1e-12)
        #expect(abs(s.rouge2.f1 - 0.4) < 1e-12)
    }

    @Test("LCS length and the positions rouge-score's backtrack reads out")
    func lcs() {
        var table: [String: Int32] = [:]
        let a = ids("a b c d e", &table), b = ids("a c e b", &table)
        #expect(ROUGE.lcsLength(a, b) == 3)                       // a c e
        #expect(ROUGE.lcsPositions(a, b) == [0, 2, 4])
        let x = ids("w1 w2 w3 w4 w5", &table)
        #expect(ROUGE.lcsPositions(x, ids("w1 w2 w6 w7 w8", &table)) == [0, 1])
        #expect(ROUGE.lcsPositions(x, ids("w1 w3 w8 w9 w5", &table)) == [0, 2, 4])
        #expect(ROUGE.lcsLength(a, []) == 0)
    }

    @Test("ROUGE-Lsum takes the union LCS per reference sentence (Lin 2004, section 3.2 example)")
    func unionLCS() {
        // Reference r = w1 w2 w3 w4 w5; candidates c1 = w1 w2 w6 w7 w8, c2 = w1 w3 w8 w9 w5.
        // Union LCS = w1 w2 w3 w5 (4 hits). m = 5 reference tokens, n = 10 candidate tokens.
        let s = plain.score(candidate: ["w1 w2 w6 w7 w8", "w1 w3 w8 w9 w5"], reference: ["w1 w2 w3 w4 w5"])
        #expect(abs(s.rougeLsum.recall - 4.0 / 5) < 1e-12)
        #expect(abs(s.rougeLsum.precision - 4.0 / 10) < 1e-12)
        #expect(abs(s.rougeLsum.f1 - 2 * 0.8 * 0.4 / 1.2) < 1e-12)
    }

    @Test("ROUGE-Lsum counts a token no more often than both summaries hold it")
    func unionLCSClipping() {
        // Two reference sentences "a b" and "a b" against one candidate "a b": each reference
        // sentence's LCS is a b, but the candidate holds a and b only once -> 2 hits.
        let s = plain.score(candidate: ["a b"], reference: ["a b", "a b"])
        #expect(abs(s.rougeLsum.precision - 1) < 1e-12)
        #expect(abs(s.rougeLsum.recall - 0.5) < 1e-12)
    }

    @Test("sentences are the newline-separated lines; empty lines are dropped")
    func lines() {
        #expect(ROUGE.lines(["a\nb", "", "c"]) == ["a", "b", "c"])
        let joined = plain.score(candidate: ["x y\nz"], reference: ["x y z"])
        let split = plain.score(candidate: ["x y", "z"], reference: ["x y z"])
        #expect(joined == split)
    }

    @Test("empty candidate or reference scores zero, never NaN")
    func empty() {
        let s = plain.score(candidate: [], reference: ["a b"])
        #expect(s.rouge1 == .zero && s.rouge2 == .zero && s.rougeLsum == .zero)
        let t = plain.score(candidate: ["!!!"], reference: ["a"])
        #expect(t.rouge1.f1 == 0 && t.rougeLsum.f1 == 0)
    }

    @Test("identical texts score 1 on every measure")
    func identical() {
        let text = ["The quick brown fox jumps over the lazy dog.", "It was not amused."]
        let s = ROUGE().score(candidate: text, reference: text)
        #expect(s.rouge1.f1 == 1 && s.rouge2.f1 == 1 && s.rougeLsum.f1 == 1)
    }
}

@Suite("ROUGE with the Unicode tokenizer")
struct UnicodeROUGETests {
    @Test("NFKC, lower case, letter and digit runs, one token per CJK character, no stemming", arguments: [
        ("Ｆｕｌｌｗｉｄｔｈ CAFÉS, l'été 2024!", ["fullwidth", "cafés", "l", "été", "2024"]),
        ("东京タワーは高い。", ["东", "京", "タ", "ワ", "ー", "は", "高", "い"]),
        ("Москва — столица России.", ["москва", "столица", "россии"]),
        ("running runs", ["running", "runs"]),
    ])
    func tokens(text: String, expected: [String]) {
        #expect(ROUGE(tokenizer: .unicode).tokenize(text) == expected)
    }

    @Test("Chinese text scores by characters; the English tokenizer sees no tokens in it")
    func chinese() {
        let candidate = ["可穿戴技术的设计原则"], reference = ["可穿戴技术十大设计原则"]
        let unicode = ROUGE(tokenizer: .unicode).score(candidate: candidate, reference: reference)
        #expect(abs(unicode.rouge1.recall - 9.0 / 11.0) < 1e-9)   // 9 of the reference's 11 characters
        #expect(ROUGE().score(candidate: candidate, reference: reference).rouge1.f1 == 0)
    }
}
