import Testing
@testable import SummarizeKit

@Suite("Normalizer")
struct NormalizerTests {
    @Test("NFKC with case folding on Latin, fullwidth and ligature text", arguments: [
        ("Hello WORLD", "hello world"),
        ("Ｆｕｌｌｗｉｄｔｈ", "fullwidth"),
        ("ﬁnance", "finance"),
        ("Straße", "strasse"),
        ("ÉCOLE", "école"),
        ("e\u{301}cole", "école"),          // decomposed input composes
        ("①②", "12"),
        ("", ""),
    ])
    func defaultNormalization(input: String, expected: String) throws {
        #expect(try Normalizer().normalize(input) == expected)
    }

    @Test("stripping marks and lumping punctuation are opt-in")
    func options() throws {
        #expect(try Normalizer(options: [.compatibility, .caseFold, .stripMarks]).normalize("Café Ñandú") == "cafe nandu")
        #expect(try Normalizer(options: [.compatibility, .lumpPunctuation]).normalize("‘quoted’ – dash") == "'quoted' - dash")
        #expect(try Normalizer(options: [.compatibility]).normalize("ÉCOLE") == "ÉCOLE")
    }

    @Test("the ASCII fast path agrees with utf8proc on every ASCII byte")
    func asciiFastPathMatchesUTF8Proc() throws {
        let normalizer = Normalizer()
        var scratch = Normalizer.Scratch()
        for byte in UInt8(1)...UInt8(127) {
            var fast: [UInt8] = []
            [byte].withUnsafeBufferPointer { _ = normalizer.normalize($0, into: &fast, scratch: &scratch) }
            var slow: [UInt8] = []
            [byte].withUnsafeBufferPointer { _ = normalizer.normalizeUnicode($0, into: &slow, scratch: &scratch) }
            #expect(fast == slow, "byte \(byte)")
        }
    }

    @Test("normalization is idempotent on random Unicode strings", arguments: 0..<20)
    func idempotent(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let normalizer = Normalizer()
        for _ in 0..<50 {
            let text = RandomText.unicodeString(length: Int.random(in: 0..<40, using: &rng), using: &rng)
            let once = try normalizer.normalize(text)
            #expect(try normalizer.normalize(once) == once, "input \(Array(text.unicodeScalars.map(\.value)))")
        }
    }

    /// The conformance file of the Unicode version utf8proc implements ("15.0.0" reads unicode/15.0/...).
    static let normalizationTestPath: String = {
        let major = Normalizer.unicodeVersion.split(separator: ".").prefix(2).joined(separator: ".")
        return "unicode/\(major)/NormalizationTest.txt.gz"
    }()

    @Test("utf8proc passes the NFKC column of Unicode's NormalizationTest.txt",
          .enabled(if: SharedCorpus.url(normalizationTestPath) != nil,
                   "needs ../shared/corpora/unicode/<utf8proc's Unicode version>/NormalizationTest.txt.gz"))
    func normalizationConformance() throws {
        let url = try #require(SharedCorpus.url(Self.normalizationTestPath))
        let normalizer = Normalizer(options: [.compatibility])
        var checked = 0
        var failures: [String] = []
        for line in try SharedCorpus.lines(url) {
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("@") { continue }
            let columns = line.split(separator: ";", omittingEmptySubsequences: false).prefix(5).map(Self.decode)
            guard columns.count == 5 else { continue }
            // NFKC(c1) == NFKC(c2) == NFKC(c3) == NFKC(c4) == NFKC(c5) == c4
            for source in columns {
                let result = try normalizer.normalize(source)
                if result != columns[3], failures.count < 10 { failures.append(String(line.prefix(60))) }
            }
            checked += 1
        }
        print("NormalizationTest (\(Self.normalizationTestPath), utf8proc implements Unicode \(Normalizer.unicodeVersion)): \(checked) lines, \(failures.count) failing")
        #expect(checked > 15_000)
        #expect(failures.isEmpty, "\(failures)")
    }

    static func decode(_ column: Substring) -> String {
        var scalars = String.UnicodeScalarView()
        for hex in column.split(separator: " ") {
            if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
        }
        return String(scalars)
    }
}
