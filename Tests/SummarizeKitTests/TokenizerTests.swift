import Foundation
import Testing
@testable import SummarizeKit

@Suite("Tokenizer")
struct TokenizerTests {
    /// Tokenizes `text` as one sentence and returns (surface, term, stopword) per token.
    static func tokens(_ text: String, stemming: Bool = true) -> [(surface: String, term: String, stop: Bool)] {
        let document = Document(text)
        let span = SentenceSpan(utf8Range: 0..<document.byteCount)
        let table = Tokenizer(configuration: .init(stemming: stemming)).tokenize(document, [span])
        return (0..<table.tokenCount).map {
            (document.string(in: table.utf8Range(ofToken: $0)), table.terms.term(table.termIDs[$0]), table.isStopword[$0])
        }
    }

    @Test("words keep inner apostrophes and hyphens; numbers keep separators", arguments: [
        ("Don't stop the well-known U.S. markets.", ["Don't", "stop", "the", "well-known", "U", "S", "markets"]),
        ("Profits rose 12.5% to $1,250.75 in 2024.", ["Profits", "rose", "12.5", "to", "1,250.75", "in", "2024"]),
        ("It’s here -- 'quoted' - done", ["It’s", "here", "quoted", "done"]),
        ("Ends with a dash- and 'apostrophe'", ["Ends", "with", "a", "dash", "and", "apostrophe"]),
        ("café naïve Ελληνικά русский", ["café", "naïve", "Ελληνικά", "русский"]),
        ("東京は晴れ", ["東", "京", "は", "晴", "れ"]),
        ("emoji 👩‍👩‍👧 and 🇫🇷 flags", ["emoji", "and", "flags"]),
        ("", []),
    ])
    func boundaries(text: String, expected: [String]) {
        #expect(TokenizerTests.tokens(text).map(\.surface) == expected)
    }

    @Test("keys are case-folded, NFKC-normalized and stemmed; stopwords are flagged")
    func keys() {
        let tokens = Self.tokens("The Ｍａｒｋｅｔｓ were RALLYING; it’s ﬁnancial news")
        #expect(tokens.map(\.term) == ["the", "market", "were", "ralli", "it", "financi", "news"])
        #expect(tokens.map(\.stop) == [true, false, true, false, true, false, false])
    }

    @Test("the same surface form always gets the same term ID")
    func interning() {
        let document = Document("Markets fell. Markets rose. MARKETS held.")
        let spans = [SentenceSpan(utf8Range: 0..<13), SentenceSpan(utf8Range: 14..<27), SentenceSpan(utf8Range: 28..<41)]
        let table = Tokenizer().tokenize(document, spans)
        #expect(table.sentenceCount == 3)
        let first = table.tokens(inSentence: 0).first!, second = table.tokens(inSentence: 1).first!
        let third = table.tokens(inSentence: 2).first!
        #expect(table.termIDs[first] == table.termIDs[second])
        #expect(table.termIDs[first] == table.termIDs[third])
    }

    @Test("the eight-byte ASCII case fold matches the byte-wise fold for every byte value")
    func foldASCIIWord() {
        for b in 0..<0x80 {
            for lane in 0..<8 {
                let byte = UInt8(b)
                let word = UInt64(byte) << UInt64(8 * lane) | 0x7A41_5A40_5B60_7B61 & ~(0xFF << UInt64(8 * lane))
                let folded = Tokenizer.foldASCII(word)
                for k in 0..<8 {
                    let x = UInt8(truncatingIfNeeded: word >> UInt64(8 * k))
                    let expected = (x &- 0x41) < 26 ? x | 0x20 : x
                    #expect(UInt8(truncatingIfNeeded: folded >> UInt64(8 * k)) == expected)
                }
            }
        }
    }

    @Test("adding keys known to be absent gives the IDs and lookups interning gives")
    func insertAbsent() {
        // Enough keys to grow the table twice, with shared prefixes and lengths around eight bytes.
        let keys = (0..<300).map { "k\($0 * 7919 % 1000)-" + String(repeating: "x", count: $0 % 11) }
        var interned = Vocabulary(minimumCapacity: 16), inserted = Vocabulary(minimumCapacity: 16)
        for key in keys {
            var key = key
            key.withUTF8 { bytes in
                let h = Vocabulary.hash(bytes)
                if inserted.id(of: bytes, hash: h) == nil { inserted.insertAbsent(bytes, hash: h) }
                interned.intern(bytes, hash: h)
            }
        }
        #expect(inserted.count == interned.count)
        for key in keys { #expect(inserted.id(of: key) == interned.id(of: key), "\(key)") }
        for id in 0..<TermID(interned.count) { #expect(inserted.term(id) == interned.term(id)) }
    }

    @Test("the lexicon's surface table finds every key it was given, whole or long, across growth, and no other")
    func surfaceTable() {
        // Keys of 0 to 20 bytes sharing eight-byte prefixes ("internat" and "internationally"), keys ending in a
        // zero byte (not whole), and enough of them to grow the table from 16 slots several times.
        var keys: [[UInt8]] = [[], [0], [0x61, 0], Array("internat".utf8), Array("internation".utf8),
                               Array("internationally".utf8), Array("internat".utf8) + [0]]
        for i in 0..<400 {
            let n = i % 21
            keys.append((0..<n).map { UInt8(0x61 + ($0 * 7 + i) % 26) })
        }
        var distinct: [[UInt8]] = []
        for key in keys where !distinct.contains(key) { distinct.append(key) }
        func lookUp(_ table: Tokenizer.SurfaceTable, _ key: [UInt8]) -> UInt32? {
            var padded = key + [UInt8](repeating: 0, count: 8)
            return padded.withUnsafeMutableBufferPointer { buffer in
                let bytes = UnsafeBufferPointer(start: buffer.baseAddress, count: key.count)
                let h = Vocabulary.hash(bytes)
                let word = UnsafeRawPointer(buffer.baseAddress!).loadUnaligned(as: UInt64.self).littleEndian
                    & (key.count >= 8 ? ~0 : (1 << UInt64(8 * key.count)) - 1)
                if Tokenizer.SurfaceTable.isWhole(word, count: key.count) { return table.packedTerm(ofWhole: word, hash: h) }
                return table.packedTerm(of: bytes, word: word, hash: h)
            }
        }
        let table = Tokenizer.SurfaceTable(capacity: 4)
        for (index, key) in distinct.enumerated() {
            #expect(lookUp(table, key) == nil, "\(key) before it was added")
            var padded = key + [UInt8](repeating: 0, count: 8)
            padded.withUnsafeMutableBufferPointer { buffer in
                let bytes = UnsafeBufferPointer(start: buffer.baseAddress, count: key.count)
                let word = UnsafeRawPointer(buffer.baseAddress!).loadUnaligned(as: UInt64.self).littleEndian
                    & (key.count >= 8 ? ~0 : (1 << UInt64(8 * key.count)) - 1)
                table.insertAbsent(bytes, word: word, hash: Vocabulary.hash(bytes), packed: UInt32(index) | 1 << 31)
            }
        }
        #expect(table.count == distinct.count)
        for (index, key) in distinct.enumerated() { #expect(lookUp(table, key) == UInt32(index) | 1 << 31, "\(key)") }
        #expect(lookUp(table, Array("internati".utf8)) == nil)
        #expect(lookUp(table, Array("interna".utf8)) == nil)
    }

    @Test("words of every length intern as their lower-cased key, hashed the same as Vocabulary.hash")
    func longWordsIntern() {
        var words: [String] = []
        for n in 1...40 {
            words.append(String((0..<n).map { i in Character(Unicode.Scalar(UInt8(0x41 + (i * 7 + n) % 26))) }))
        }
        let text = words.joined(separator: " ") + " " + words.map { $0.lowercased() }.joined(separator: " ")
        let table = Tokenizer(configuration: .init(stemming: false)).tokenize(Document(text), [SentenceSpan(utf8Range: 0..<text.utf8.count)])
        #expect(table.tokenCount == 80)
        for i in 0..<40 {
            #expect(table.termIDs[i] == table.termIDs[i + 40])
            #expect(table.terms.term(table.termIDs[i]) == words[i].lowercased())
            #expect(table.terms.id(of: words[i].lowercased()) == table.termIDs[i])
        }
    }

    @Test("the byte tokenizer agrees with a slow scalar-based reference", arguments: 0..<25)
    func differential(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<40 {
            let text = RandomText.string(pieces: Int.random(in: 0..<30, using: &rng), using: &rng)
            let fast = TokenizerTests.tokens(text).map(\.surface)
            let slow = ReferenceTokenizer.words(text)
            #expect(fast == slow, "text: \(text.debugDescription)")
        }
    }

    @Test("each token's digit flag says whether its bytes hold an ASCII digit", arguments: 0..<10)
    func digitFlags(seed: UInt64) {
        var rng = SeededGenerator(seed: seed + 300)
        let fixed = "In 2024 the B52s' 1,250.75-mile tour hit 3rd place; ab12cd-ef34 x9 Ｘ１ ٣ cafe9 long-word-1234567890."
        for text in [fixed] + (0..<20).map({ _ in RandomText.string(pieces: 40, using: &rng) }) {
            let document = Document(text)
            let table = Tokenizer().tokenize(document, [SentenceSpan(utf8Range: 0..<document.byteCount)])
            #expect(table.hasDigit.count == table.tokenCount)
            document.withUTF8 { bytes in
                for t in 0..<table.tokenCount {
                    let expected = table.utf8Range(ofToken: t).contains { bytes[$0] &- 0x30 < 10 }
                    #expect(table.hasDigit[t] == expected, "token \(document.string(in: table.utf8Range(ofToken: t)).debugDescription)")
                }
            }
        }
    }

    @Test("tokens never overlap and always lie inside their sentence", arguments: 0..<10)
    func tokensStayInSentences(seed: UInt64) {
        var rng = SeededGenerator(seed: seed + 100)
        let text = RandomText.string(pieces: 200, using: &rng)
        let document = Document(text)
        // Cut the text into arbitrary pieces at scalar boundaries.
        var cuts = [0]
        for (offset, _) in text.unicodeScalars.indices.enumerated() where offset % 37 == 36 {
            let i = text.unicodeScalars.indices[text.unicodeScalars.index(text.unicodeScalars.startIndex, offsetBy: offset)]
            cuts.append(text.utf8.distance(from: text.utf8.startIndex, to: i))
        }
        cuts.append(document.byteCount)
        let spans = zip(cuts, cuts.dropFirst()).filter { $0 < $1 }.map { SentenceSpan(utf8Range: $0..<$1) }
        let table = Tokenizer().tokenize(document, spans)
        var previousEnd = 0
        for s in 0..<table.sentenceCount {
            for t in table.tokens(inSentence: s) {
                let range = table.utf8Range(ofToken: t)
                #expect(range.lowerBound >= previousEnd)
                #expect(spans[s].utf8Range.contains(range.lowerBound) && range.upperBound <= spans[s].utf8Range.upperBound)
                previousEnd = range.upperBound
            }
        }
    }

    @Test("a document's terms do not depend on what the tokenizer saw before, and look up to their own IDs")
    func termsIndependentOfHistory() {
        let texts = [
            "Running runners ran; the runner runs. Running again!",
            "Die Läufer liefen. Café, café, CAFÉ — naïve naive.",
            "Prices rose 3.5% while 1,250 workers struck. Workers rose.",
            String(repeating: "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu ", count: 40),
        ]
        func snapshot(_ text: String) -> (terms: [String], ids: [TermID]) {
            let document = Document(text)
            let table = Tokenizer().tokenize(document, SentenceSegmenter().segment(document))
            let terms = (0..<table.terms.count).map { table.terms.term(TermID($0)) }
            return (terms, Array(table.termIDs))
        }
        let first = texts.map(snapshot)
        // The same texts again, in reverse order, after other words have been seen.
        let again = texts.reversed().map(snapshot).reversed()
        for (a, b) in zip(first, again) {
            #expect(a.terms == b.terms)
            #expect(a.ids == b.ids)
        }
        for (text, result) in zip(texts, first) {
            let document = Document(text)
            let table = Tokenizer().tokenize(document, SentenceSegmenter().segment(document))
            // IDs are numbered by first appearance, and every term looks up to its own ID.
            var next: TermID = 0
            for id in table.termIDs where id >= next {
                #expect(id == next)
                next += 1
            }
            for (index, term) in result.terms.enumerated() {
                #expect(table.terms.id(of: term) == TermID(index))
            }
            #expect(table.terms.id(of: "no-such-term-anywhere") == nil)
        }
    }

    @Test("each token's term and flags are those of its word tokenized alone, whatever the lengths of the words around it")
    func termsAndFlagsOfMixedLengths() {
        // Short words (looked up after the scan) sharing stems with long ones (looked up during it), stopwords,
        // digits and voice words, each first met in either order.
        let texts = [
            "Connections connect the connected. The connection was said to be connecting them all.",
            "Reportedly, officials reported it; the reporters report that it was reported by the reporting staff.",
            "In 2024 the internationally renowned 3rd-place winners won again and again, said the winner.",
            "Was it said? It was. Announcements announced: they announce announcing announcers' announcement.",
        ]
        for text in texts {
            let document = Document(text)
            let table = Tokenizer().tokenize(document, SentenceSegmenter().segment(document))
            #expect(table.tokenCount > 10)
            for t in 0..<table.tokenCount {
                let word = document.string(in: table.utf8Range(ofToken: t))
                let alone = Document(word)
                let single = Tokenizer().tokenize(alone, [SentenceSpan(utf8Range: 0..<alone.byteCount)])
                #expect(single.tokenCount == 1, "word \(word.debugDescription)")
                guard single.tokenCount == 1 else { continue }
                #expect(table.terms.term(table.termIDs[t]) == single.terms.term(single.termIDs[0]), "word \(word.debugDescription)")
                #expect(table.isStopword[t] == single.isStopword[0], "word \(word.debugDescription)")
                #expect(table.hasDigit[t] == single.hasDigit[0], "word \(word.debugDescription)")
                #expect(table.mayHoldVoiceWord[t] == single.mayHoldVoiceWord[0], "word \(word.debugDescription)")
            }
        }
    }

    @Test("the eight-byte letter/digit and digit masks agree with the byte tests for every byte at every position")
    func alphanumericMask() {
        for byte in UInt8.min...UInt8.max {
            let expected = byte < 0x80 && ByteClass.isAlphanumeric(byte)
            for position in 0..<8 {
                // Neighbours of both kinds, so a carry or borrow across bytes would show.
                for filler: UInt8 in [0x61, 0x20, 0xFF, 0x7F, 0x39, 0x00] {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[position] = byte
                    let word = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
                    let mask = ByteClass.alphanumericMask(word)
                    for (index, b) in bytes.enumerated() {
                        let flagged = (mask >> UInt64(8 * index + 7)) & 1 == 1
                        #expect(flagged == (b < 0x80 && ByteClass.isAlphanumeric(b)),
                                "byte \(b) at \(index) beside \(filler)")
                    }
                    #expect(((mask >> UInt64(8 * position + 7)) & 1 == 1) == expected)
                    let digits = ByteClass.digitMask(word)
                    for (index, b) in bytes.enumerated() {
                        #expect(((digits >> UInt64(8 * index + 7)) & 1 == 1) == (b &- 0x30 < 10), "digit \(b) at \(index)")
                    }
                    #expect(mask & ~ByteClass.highBits == 0)
                }
            }
        }
    }

    @Test("a sixteen-lane mask's first set lane and whether any is set, for every lane and pair of lanes")
    func maskLanes() {
        typealias Bytes = SIMD16<UInt8>
        #expect(!ByteClass.any(Bytes(repeating: 0) .== Bytes(repeating: 1)))
        #expect(ByteClass.firstLane(Bytes(repeating: 0) .== Bytes(repeating: 1)) == 16)
        for first in 0..<16 {
            for second in first..<16 {
                var v = Bytes(repeating: 0)
                v[first] = 1; v[second] = 1
                let mask = v .== Bytes(repeating: 1)
                #expect(ByteClass.any(mask))
                #expect(ByteClass.firstLane(mask) == first, "lanes \(first) and \(second)")
            }
        }
    }

    @Test("words spanning eight-byte boundaries keep their joiners", arguments: [
        ("abcdefgh-ijklmnop's well-known 1,250.75 x", ["abcdefgh-ijklmnop's", "well-known", "1,250.75", "x"]),
        ("1234567.89 12345678,9 abcdefg. next", ["1234567.89", "12345678,9", "abcdefg", "next"]),
        ("internationalization’s café-au-lait", ["internationalization’s", "café-au-lait"]),
        ("abcdefgh- ijklmnop' 12345678. 1234567,", ["abcdefgh", "ijklmnop", "12345678", "1234567"]),
    ])
    func longWords(text: String, surfaces: [String]) {
        #expect(TokenizerTests.tokens(text).map(\.surface) == surfaces)
    }

    @Test("summaries and token tables do not depend on how full the thread's lexicon is: after its tables grow, and after it starts afresh")
    func independentOfLexiconFill() throws {
        let folder = GoldenTests.packageRoot.appendingPathComponent("corpora")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        let samples = try names.map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
        #expect(samples.count >= 4)
        var two = Summarizer.Configuration()
        two.bullets = 2
        func snapshot() throws -> [String] {
            var out: [String] = []
            for text in samples {
                out.append(SummaryJSON.encode(try Summarizer().summarize(text)))
                out.append(SummaryJSON.encode(try Summarizer(configuration: two).summarize(text)))
                let document = Document(text)
                let table = Tokenizer().tokenize(document, SentenceSegmenter().segment(document))
                out.append("\(Array(table.termIDs)) \(Array(table.isStopword)) \(Array(table.hasDigit))")
            }
            return out
        }
        let before = try snapshot()
        // Words never seen before, 2,000 to a document: short and long, some capitalized, accented or with digits.
        // Everything runs on this thread, which gets back the lexicon it used last (``Tokenizer/LexiconPool``) unless a
        // thread of another test took it while it was idle; either way each snapshot must match the first.
        var rng = SeededGenerator(seed: 2026)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var surfaces = 0, checked = 0
        let checkpoints = [40_000, 100_000, Tokenizer.Lexicon.limit + 20_000]
        while checked < checkpoints.count {
            var text = ""
            for k in 0..<2_000 {
                var word = String((0..<Int.random(in: 3...22, using: &rng)).map { _ in letters.randomElement(using: &rng)! })
                switch k % 7 {
                case 0: word = word.prefix(1).uppercased() + word.dropFirst()
                case 3: word += "é"
                case 5: word += String(k)
                default: break
                }
                text += word + (k % 12 == 11 ? ". " : " ")
            }
            let document = Document(text)
            _ = Tokenizer().tokenize(document, SentenceSegmenter().segment(document))
            surfaces += 2_000
            if surfaces >= checkpoints[checked] {
                #expect(try snapshot() == before, "after about \(surfaces) new surface forms")
                checked += 1
            }
        }
    }
}

/// A deliberately simple tokenizer over `Unicode.Scalar`s, used to check the byte-level one.
enum ReferenceTokenizer {
    static func isWord(_ s: Unicode.Scalar) -> Bool {
        if isIdeograph(s) { return false }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    static func isIdeograph(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x3040...0x309F).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0x20000...0x3FFFF).contains(v)
    }

    static func words(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var words: [String] = []
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if isIdeograph(s) { words.append(String(s)); i += 1; continue }
            guard isWord(s) else { i += 1; continue }
            var word = String.UnicodeScalarView()
            while i < scalars.count {
                let c = scalars[i]
                if isWord(c) { word.append(c); i += 1; continue }
                let next = i + 1 < scalars.count ? scalars[i + 1] : nil
                let joiner = c == "'" || c == "-" || c == "\u{2019}"
                if joiner, let next, isWord(next) { word.append(c); i += 1; continue }
                let previous = word.last!
                if c == "." || c == ",", previous.properties.numericType != nil, previous.isASCII,
                   let next, next.isASCII, next.properties.numericType != nil {
                    word.append(c); i += 1; continue
                }
                break
            }
            words.append(String(word))
        }
        return words
    }

}
