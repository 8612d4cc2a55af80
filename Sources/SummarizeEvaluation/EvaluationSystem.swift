import SummarizeKit
/// A summarizer that `summarize eval` can score: our own pipeline with some
/// configuration, or one of the built-in baselines. All of them split
/// sentences with the same ``SentenceSegmenter``, so they differ only in
/// which sentences they pick.
///
/// ```swift
/// let lead = EvaluationSystem.lead
/// let bullets = try lead.keyPoints(for: Document(article), count: 3)
/// ```
public struct EvaluationSystem: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// ``Summarizer`` with this configuration (its `bullets` is replaced by the count asked for).
        case summarizer(Summarizer.Configuration)
        /// LEAD-k: the first k sentences that have at least one word.
        case lead
        /// Plain TextRank (Mihalcea & Tarau 2004): log-length overlap similarity,
        /// uniform teleport, top k by score; only sentences without any word are skipped.
        case textRank
    }

    /// The name shown in reports (`default`, `lead3`, `textrank`, ...).
    public var name: String
    public var kind: Kind
    /// Sentence rules shared by every system (their language is replaced by ``language`` when determined).
    public var segmentation: SentenceSegmenter.Configuration
    /// The language of the texts, or nil (the default) to identify each text's; every system uses it.
    public var language: Language?

    public init(name: String, kind: Kind, segmentation: SentenceSegmenter.Configuration = .init()) {
        self.name = name
        self.kind = kind
        self.segmentation = segmentation
    }

    /// Our default configuration.
    public static let `default` = EvaluationSystem(name: "default", kind: .summarizer(.init()))
    /// LEAD-3 (LEAD-k when evaluated with another count).
    public static let lead = EvaluationSystem(name: "lead3", kind: .lead)
    /// Plain TextRank.
    public static let textRank = EvaluationSystem(name: "textrank", kind: .textRank)

    /// The built-in systems by name: `default`, `lead3` (also `lead`), `textrank`.
    public static func named(_ name: String) -> EvaluationSystem? {
        switch name.lowercased() {
        case "default": return .default
        case "lead3", "lead": return .lead
        case "textrank": return .textRank
        default: return nil
        }
    }

    /// The names ``named(_:)`` accepts.
    public static let builtInNames = ["default", "lead3", "textrank"]

    /// The key points this system picks from `document`, in document order.
    public func keyPoints(for document: Document, count: Int) throws(SummarizeError) -> [KeyPoint] {
        switch kind {
        case .summarizer(var configuration):
            configuration.bullets = max(1, min(count, 1000))
            configuration.segmentation = segmentation
            configuration.language = language
            return try Summarizer(configuration: configuration).summarize(document).keyPoints
        case .lead:
            let (segmentation, tokenizer) = stages(for: document)
            let spans = SentenceSegmenter(configuration: Summarizer.rankingSegmentation(segmentation)).segment(document)
            let tokens = Tokenizer(configuration: tokenizer).tokenize(document, spans)
            var out: [KeyPoint] = []
            for s in spans.indices where out.count < count && !tokens.tokens(inSentence: s).isEmpty {
                out.append(KeyPoint(text: document.collapsedString(in: spans[s].utf8Range), sentenceIndex: s,
                                    utf8Range: spans[s].utf8Range, score: 0))
            }
            return out
        case .textRank:
            let (segmentation, tokenizer) = stages(for: document)
            let spans = SentenceSegmenter(configuration: Summarizer.rankingSegmentation(segmentation)).segment(document)
            let tokens = Tokenizer(configuration: tokenizer).tokenize(document, spans)
            let graph = SimilarityGraph(tokens, configuration: .init(weighting: .logLength))
            let scores = TextRank().rank(graph)
            let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
            let picks = order.filter { !tokens.tokens(inSentence: $0).isEmpty }.prefix(count).sorted()
            return picks.map {
                KeyPoint(text: document.collapsedString(in: spans[$0].utf8Range), sentenceIndex: $0,
                         utf8Range: spans[$0].utf8Range, score: scores[$0])
            }
        }
    }

    /// The segmentation and tokenizer a baseline uses for `document`: those of its language, as the summarizer's.
    func stages(for document: Document) -> (SentenceSegmenter.Configuration, Tokenizer.Configuration) {
        let language = language ?? LanguageIdentifier().identify(document)
        var segmentation = segmentation
        if language != .undetermined { segmentation.language = language.segmentation }
        return (segmentation, language == .english ? .init() : .init(language: language))
    }
}
