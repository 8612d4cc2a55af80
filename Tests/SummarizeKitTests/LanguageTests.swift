import Foundation
import Testing
@testable import SummarizeKit

/// Held-out text of each language from ../shared/corpora: the odd-numbered documents of each source (the even
/// ones fit the profiles and stopwords in scripts/derive_language_data.py), cut into windows of at least 200
/// characters, as scripts/check_language_id.py cuts them.
enum HeldOutText {
    struct Source: Sendable {
        let language: Language
        let path: String
        let field: String
        let lang: String?
        let limit: Int?
    }

    static let sources: [Source] = [
        .init(language: .english, path: "raw-prose/en-wikipedia.jsonl.gz", field: "text", lang: nil, limit: 1200),
        .init(language: .english, path: "raw-prose/multi-ud-devtest.jsonl.gz", field: "text", lang: "en", limit: nil),
        .init(language: .french, path: "raw-prose/fr-orangesum-news.jsonl.gz", field: "text", lang: nil, limit: 4000),
        .init(language: .french, path: "raw-prose/multi-ud-devtest.jsonl.gz", field: "text", lang: "fr", limit: nil),
        .init(language: .german, path: "raw-prose/de-10kgnad-news.jsonl.gz", field: "text", lang: nil, limit: nil),
        .init(language: .german, path: "raw-prose/multi-ud-devtest.jsonl.gz", field: "text", lang: "de", limit: nil),
        .init(language: .spanish, path: "raw-prose/es-libreoffice-help.jsonl.gz", field: "text", lang: nil, limit: nil),
        .init(language: .italian, path: "raw-prose/multi-ud-devtest.jsonl.gz", field: "text", lang: "it", limit: nil),
        .init(language: .portuguese, path: "raw-prose/multi-ud-devtest.jsonl.gz", field: "text", lang: "pt", limit: nil),
        .init(language: .dutch, path: "raw-prose/multi-ud-devtest.jsonl.gz", field: "text", lang: "nl", limit: nil),
        .init(language: .turkish, path: "turkish-extractive/tes.jsonl.gz", field: "article", lang: nil, limit: nil),
        .init(language: .russian, path: "raw-prose/ru-libreoffice-help.jsonl.gz", field: "text", lang: nil, limit: nil),
        .init(language: .chinese, path: "raw-prose/multi-ud-devtest.jsonl.gz", field: "text", lang: "zh", limit: nil),
        .init(language: .japanese, path: "raw-prose/multi-ud-devtest.jsonl.gz", field: "text", lang: "ja", limit: nil),
    ]

    static let englishWords: Set<String> = Set("""
        the of and to in a is that for on with as by this are be or from an it you can if not which will when use returns
        """.split(whereSeparator: \.isWhitespace).map(String.init))
    static let code: Set<Character> = Set("()=_{}[];#/<>\"")

    /// Software help quotes code and leaves some pages untranslated: such a window is not text of the language
    /// (more than 8 % English function words, more than 2 % code characters, or for Russian fewer than half the
    /// letters Cyrillic). Every other source is taken as it is. (scripts/check_language_id.py, `is_text_of`.)
    static func isText(of source: Source, _ window: String) -> Bool {
        guard source.path.hasSuffix("libreoffice-help.jsonl.gz") else { return true }
        let words = window.lowercased().split(whereSeparator: \.isWhitespace)
        let english = words.filter { englishWords.contains(String($0.trimmingCharacters(in: CharacterSet(charactersIn: ".,:;")))) }.count
        if Double(english) > 0.08 * Double(words.count) { return false }
        if Double(window.filter { code.contains($0) }.count) > 0.02 * Double(window.count) { return false }
        if source.language == .russian {
            let letters = window.unicodeScalars.filter { $0.properties.isAlphabetic }
            let cyrillic = letters.filter { (0x400...0x4FF).contains($0.value) }
            return Double(cyrillic.count) >= 0.5 * Double(letters.count)
        }
        return true
    }

    static var present: Bool { sources.allSatisfy { SharedCorpus.url($0.path) != nil } }

    /// Windows of at least `minimum` characters (white space collapsed), at most `perLanguage` per language.
    static func windows(minimum: Int = 200, perLanguage: Int = 300) throws -> [Language: [String]] {
        var out: [Language: [String]] = [:]
        for source in sources {
            let records = try SharedCorpus.jsonLines(try #require(SharedCorpus.url(source.path)))
            var index = 0
            for record in records {
                if let lang = source.lang, record["lang"] as? String != lang { continue }
                if let limit = source.limit, index >= limit { break }
                defer { index += 1 }
                guard index % 2 == 1, let text = record[source.field] as? String else { continue }
                let words = text.split(whereSeparator: \.isWhitespace)
                var window = ""
                for word in words {
                    if out[source.language, default: []].count >= perLanguage { break }
                    window += window.isEmpty ? String(word) : " " + word
                    if window.count >= minimum {
                        if isText(of: source, window) { out[source.language, default: []].append(window) }
                        window = ""
                    }
                }
            }
        }
        return out
    }
}

@Suite("LanguageIdentifier")
struct LanguageIdentifierTests {
    @Test("each script gives its language", arguments: [
        ("今天北京的天气很好，很多市民去公园散步。政府宣布了新的交通计划。", Language.chinese),
        ("今日は東京で雨が降りました。多くの人が傘を持って駅に向かいました。", .japanese),
        ("Сегодня в Москве прошёл сильный дождь, и многие жители остались дома.", .russian),
        ("Σήμερα στην Αθήνα έβρεξε πολύ και πολλοί κάτοικοι έμειναν στο σπίτι τους.", .greek),
        ("اليوم هطلت أمطار غزيرة في القاهرة وبقي كثير من السكان في منازلهم طوال اليوم.", .arabic),
        ("오늘 서울에는 비가 많이 내려서 많은 시민들이 집에 머물렀습니다.", .korean),
    ])
    func scripts(text: String, language: Language) {
        #expect(LanguageIdentifier().identify(text) == language)
    }

    @Test("a sentence or two of each Latin-script language", arguments: [
        ("The city council voted on Tuesday to approve the budget for the next year, despite objections from residents.", Language.english),
        ("Le conseil municipal a voté mardi le budget de la ville pour l'année prochaine, malgré les critiques des habitants.", .french),
        ("Der Stadtrat hat am Dienstag den Haushalt für das nächste Jahr beschlossen, trotz der Kritik der Anwohner.", .german),
        ("El ayuntamiento aprobó el martes el presupuesto de la ciudad para el próximo año, a pesar de las críticas de los vecinos.", .spanish),
        ("Il consiglio comunale ha approvato martedì il bilancio della città per il prossimo anno, nonostante le critiche dei residenti.", .italian),
        ("A câmara municipal aprovou na terça-feira o orçamento da cidade para o próximo ano, apesar das críticas dos moradores.", .portuguese),
        ("De gemeenteraad heeft dinsdag de begroting van de stad voor het komende jaar goedgekeurd, ondanks kritiek van de bewoners.", .dutch),
        ("Belediye meclisi salı günü şehrin gelecek yıl için bütçesini onayladı, ancak bu karar sakinlerin tepkisine neden oldu.", .turkish),
    ])
    func latin(text: String, language: Language) {
        #expect(LanguageIdentifier().identify(text) == language)
    }

    @Test("short, empty or mixed text is undetermined, never an error", arguments: [
        "", "OK", "Hello there.", "12 345 678 — 9,10",
        "今天北京的天气很好 Сегодня в Москве прошёл дождь",
    ])
    func undetermined(text: String) {
        #expect(LanguageIdentifier().identify(text) == .undetermined)
    }

    @Test("at least 99 % of held-out windows of 200+ characters are identified correctly, in every language",
          .enabled(if: HeldOutText.present, Comment(rawValue: SharedCorpus.missing("raw-prose"))))
    func heldOut() throws {
        let identifier = LanguageIdentifier()
        var report: [String] = []
        for (language, windows) in try HeldOutText.windows().sorted(by: { $0.key.code < $1.key.code }) {
            let wrong = windows.filter { identifier.identify($0) != language }
            let accuracy = 1 - Double(wrong.count) / Double(max(windows.count, 1))
            report.append("\(language.code) \(windows.count - wrong.count)/\(windows.count)")
            #expect(windows.count >= 50, "\(language.code): only \(windows.count) windows")
            #expect(accuracy >= 0.99, "\(language.code): \(wrong.count) of \(windows.count) wrong, e.g. \(wrong.prefix(2)) as \(wrong.prefix(2).map { identifier.identify($0).code })")
        }
        print("held-out accuracy:", report.joined(separator: ", "))
    }
}

@Suite("Language pipeline")
struct LanguagePipelineTests {
    /// French function words (articles, prepositions, pronouns, conjunctions, auxiliaries), listed by hand for
    /// this test only: none of them may be a key term of French text.
    static let frenchFunctionWords: Set<String> = Set("""
        le la les l un une des du de d au aux à en dans par pour sur sous avec sans entre chez vers et ou mais \
        donc ni car que qu qui quoi dont où ne n pas plus il elle ils elles on nous vous je j me m te t se s lui leur \
        leurs son sa ses ce c cet cette ces y est sont a ont été était être avait comme si \
        dès près ici toutefois certains certaines désormais
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    static var frenchSample: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("corpora/fr-velo-lyon.txt")
    }

    @Test("no French function word of corpora/fr-velo-lyon.txt is a key term with the French tokenizer")
    func frenchFunctionWords() throws {
        let document = Document(try String(contentsOf: Self.frenchSample, encoding: .utf8))
        #expect(LanguageIdentifier().identify(document) == .french)
        let spans = SentenceSegmenter(language: .french).segment(document)
        let table = Tokenizer(configuration: .init(language: .french)).tokenize(document, spans)
        var functionWords = 0
        var leaked: [String] = []
        for t in 0..<table.tokenCount {
            let surface = document.string(in: table.utf8Range(ofToken: t)).lowercased()
            guard Self.frenchFunctionWords.contains(surface) else { continue }
            functionWords += 1
            if !table.isStopword[t] { leaked.append(surface) }
        }
        #expect(functionWords > 20)
        #expect(leaked.isEmpty, "function words kept as key terms: \(Set(leaked).sorted())")
    }

    @Test("French keys: elision splits at the apostrophe, and words get the French Snowball stem")
    func frenchKeys() {
        let document = Document("L'État a publié les premières données enregistrées.")
        let table = Tokenizer(configuration: .init(language: .french))
            .tokenize(document, [SentenceSpan(utf8Range: 0..<document.byteCount)])
        let terms = (0..<table.tokenCount).filter { !table.isStopword[$0] }.map { table.terms.term(table.termIDs[$0]) }
        #expect(terms == ["état", "publi", "premi", "don", "enregistr"])
    }

    @Test("character bigrams key overlapping pairs of a Han run, a lone character by itself")
    func bigrams() {
        let document = Document("新闻报道说，好。")
        var configuration = Tokenizer.Configuration(language: .chinese)
        configuration.characterBigrams = true
        let table = Tokenizer(configuration: configuration).tokenize(document, [SentenceSpan(utf8Range: 0..<document.byteCount)])
        #expect((0..<table.tokenCount).map { table.terms.term(table.termIDs[$0]) } == ["新闻", "闻报", "报道", "道说", "好"])
    }

    @Test("every derived stopword list is non-empty and normalized; English keeps its own list")
    func stopwordLists() throws {
        #expect(Stopwords(language: .english) == .english)
        for language in [Language.french, .german, .spanish, .italian, .portuguese, .dutch, .turkish, .russian, .chinese] {
            let stopwords = Stopwords(language: language)
            #expect(stopwords.count >= 10, "\(language.code)")
        }
        #expect(Stopwords(language: .undetermined).count == 0)
        #expect(Stopwords(language: .french).contains("les") && !Stopwords(language: .french).contains("vélo"))
    }

    @Test("the summary reports the identified language, and JSON carries it")
    func summaryLanguage() throws {
        let french = try String(contentsOf: Self.frenchSample, encoding: .utf8)
        let summary = try Summarizer().summarize(french)
        #expect(summary.language == .french)
        #expect(SummaryJSON.encode(summary).hasSuffix(",\"language\":\"fr\"}"))
        #expect(try Summarizer().summarize("Short.").language == .undetermined)
        var configuration = Summarizer.Configuration()
        configuration.language = .german
        #expect(try Summarizer(configuration: configuration).summarize(french).language == .german)
    }

    @Test("CJK sentences end at 。！？, and a closing full-width quote stays with its sentence", arguments: [
        ("他说：「我们明天出发。」然后离开了。", ["他说：「我们明天出发。」", "然后离开了。"]),
        ("她问：“你去吗？”我说不去！最后大家都走了。", ["她问：“你去吗？”", "我说不去！", "最后大家都走了。"]),
        ("東京は晴れです。「本当？」と彼は聞いた。明日も晴れるでしょう！",
         ["東京は晴れです。", "「本当？」と彼は聞いた。", "明日も晴れるでしょう！"]),
    ])
    func cjkSentences(text: String, expected: [String]) {
        let document = Document(text)
        let language = LanguageIdentifier().identify(document)
        let spans = SentenceSegmenter(language: language.segmentation).segment(document)
        #expect(spans.map { document.string(in: $0.utf8Range) } == expected)
    }
}
