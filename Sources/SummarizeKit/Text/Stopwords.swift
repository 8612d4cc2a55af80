/// Words that carry little meaning for similarity (function words), matched
/// after normalization (lower-cased NFKC).
///
/// The English list is the project's own: articles, pronouns, auxiliaries,
/// prepositions, conjunctions, and the contractions a tokenizer keeps whole.
public struct Stopwords: Sendable, Equatable {
    private let table: Vocabulary
    /// The list as given: what ``==`` compares (cheaply, when both share one array).
    private let words: [String]

    /// No stopwords at all.
    public static let none = Stopwords(words: [])

    /// English function words.
    public static let english = Stopwords(words: englishWords)

    /// The stopwords of `language`: ``english`` for English, the derived lists of
    /// `Stopwords+Languages.swift` for the others that have one, ``none`` otherwise.
    public init(language: Language) {
        switch language {
        case .english: self = .english
        default: self = Self.derived[language] ?? .none
        }
    }

    public init(words: [String]) {
        var table = Vocabulary(minimumCapacity: max(words.count, 8))
        for word in words { table.intern(word) }
        self.table = table
        self.words = words
    }

    /// Whether two lists hold the same words in the same order.
    public static func == (lhs: Stopwords, rhs: Stopwords) -> Bool {
        lhs.words == rhs.words
    }

    /// Whether the normalized key is a stopword.
    @inline(__always)
    public func contains(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        table.count > 0 && table.id(of: key) != nil
    }

    /// Whether the normalized key is a stopword; `h` must be `Vocabulary.hash(key)`.
    @inline(__always)
    func contains(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt32) -> Bool {
        table.count > 0 && table.id(of: key, hash: h) != nil
    }

    public func contains(_ word: String) -> Bool {
        var word = word
        return word.withUTF8 { contains($0) }
    }

    /// The number of words in the list.
    public var count: Int { table.count }

    static let englishWords: [String] = """
    a about above across after again against ago all almost along already also although always am among an and \
    another any anybody anyone anything anyway anywhere are aren't around as at back be became because become \
    becomes been before behind being below beside besides between beyond both but by can can't cannot could \
    couldn't did didn't do does doesn't doing don't done down during each either else elsewhere enough even \
    ever every everybody everyone everything everywhere few for from further had hadn't has hasn't have haven't \
    having he he'd he'll he's her here here's hers herself him himself his how how's however i i'd i'll i'm i've \
    if in indeed inside instead into is isn't it it's its itself just least less let's like many may maybe me \
    might mine more moreover most mostly much must mustn't my myself neither never nevertheless next no nobody \
    none nor not nothing now nowhere of off often on once one only onto or other others otherwise ought our ours \
    ourselves out over own per perhaps quite rather same shall shan't she she'd she'll she's should shouldn't \
    since so some somebody someone something sometimes somewhat somewhere still such than that that's the their \
    theirs them themselves then there there's therefore these they they'd they'll they're they've this those \
    though through throughout thus to together too toward towards under unless until up upon us very via was \
    wasn't we we'd we'll we're we've were weren't what what's whatever when when's whenever where where's \
    whereas wherever whether which while who who's whoever whom whose why why's will with within without won't \
    would wouldn't yet you you'd you'll you're you've your yours yourself yourselves
    """.split(separator: " ").map(String.init)

}
