import Foundation

/// Turns a text into its key points: the pipeline of stages plus a
/// ``Configuration``.
///
/// ```swift
/// let summarizer = Summarizer()
/// let summary = try summarizer.summarize(article)
/// print(summary.rendered())
/// ```
///
/// `Summarizer` is a `Sendable` value with no shared mutable state: call it
/// from as many threads at once as you like.
///
/// - Complexity: about linear in the length of the text (see ``SimilarityGraph``).
/// - Throws: ``SummarizeError`` for invalid configuration or undecodable input.
public struct Summarizer: Sendable {
    /// What a user chooses: how many bullets, the language's sentence rules, the size limit. Check it with
    /// ``validate()``; the summarize methods validate it too and throw `.invalidConfiguration`.
    public struct Configuration: Sendable, Hashable {
        /// How many key points to produce (at least 1).
        public var bullets: Int
        /// Sentence segmentation settings (language). Quotations are ranked whole whatever
        /// `segmentation.quotations` says (see ``SentenceSegmenter/Quotations/whole``).
        public var segmentation: SentenceSegmenter.Configuration
        /// Largest input accepted, in bytes.
        public var maxInputBytes: Int
        /// The language of the text, or nil (the default) to identify it from the text (``LanguageIdentifier``).
        /// It picks the segmenter's rules (overriding `segmentation.language`, except that an undetermined
        /// language keeps it), the stemmer and the stopwords.
        public var language: Language?
        /// Settings of the ranking model for experiments (`summarize eval --set`); not API.
        package var tuning: Tuning

        public init(bullets: Int = 3,
                    segmentation: SentenceSegmenter.Configuration = .init(),
                    maxInputBytes: Int = 64 << 20,
                    language: Language? = nil) {
            self.bullets = bullets
            self.segmentation = segmentation
            self.maxInputBytes = maxInputBytes
            self.language = language
            self.tuning = Tuning()
        }

        /// A range bound as written in messages: whole numbers without a fraction ("0", not "0.0").
        static func bound<T: LosslessStringConvertible>(_ value: T) -> String {
            if let double = value as? Double, double == double.rounded(), abs(double) < 1e15 { return String(Int(double)) }
            return value.description
        }

        /// Throws `.invalidConfiguration` naming the first value out of range.
        public func validate() throws(SummarizeError) {
            func fail(_ message: String) -> SummarizeError { .invalidConfiguration(message) }
            guard bullets >= 1 else { throw fail("bullets must be at least 1 (got \(bullets)).") }
            guard bullets <= 1000 else { throw fail("bullets must be at most 1000 (got \(bullets)).") }
            guard maxInputBytes >= 1 else { throw fail("maxInputBytes must be at least 1 (got \(maxInputBytes)).") }
            // Offsets are stored as Int32 in the token table and the graph.
            guard maxInputBytes <= Int(Int32.max) else { throw fail("maxInputBytes must be at most \(Int32.max) (got \(maxInputBytes)).") }
            try tuning.validate()
        }
    }

    /// The settings of the ranking model behind the defaults: the similarity graph, TextRank, the
    /// scorer's fitted weights and the selector. Experiments change them through `summarize eval --set`;
    /// users choose a ``Configuration``.
    package struct Tuning: Sendable, Hashable {
        /// How sentence similarity is weighted.
        package var weighting: SimilarityGraph.Weighting = .logLength
        /// PageRank damping factor, in (0, 1).
        package var damping: Double = 0.85
        /// PageRank convergence tolerance (L1), > 0. The scores become features in single precision (``Candidates``):
        /// 1e-5 gave the picks of 1e-7 on the first 1,000 CNN dev records in all four layouts, in fewer sweeps.
        package var tolerance: Double = 1e-5
        /// PageRank iteration cap, at least 1.
        package var maxIterations: Int = 100
        /// Whether PageRank iterates in `Float` (``TextRank``): its scores become single-precision features anyway.
        package var singlePrecisionRank = true
        /// The scorer's weights over the candidate features.
        package var weights: Scorer.Weights = .news
        /// Jaccard overlap at which two sentences are near-duplicates, in (0, 1].
        package var redundancyThreshold: Double = 0.6
        /// MMR trade-off between score and novelty when picking bullets, in [0, 1).
        package var diversity: Double = 0
        /// A dangling sentence ("He said ...") is picked with the one before it when that one scores at least
        /// (1 − danglingPairing) times as high, in [0, 1]. 0 = never.
        package var danglingPairing: Double = 0.2
        /// How many of the best eligible sentences the selector searches jointly, in [0, 64]. 0 = greedy only.
        package var jointCandidates: Int = 8
        /// Most words a bullet may show, in [4, 200]; nil: the language's limit (``maximumWords(for:)``).
        package var maximumWords: Int? = nil
        /// The weights by which the joint search values a set of bullets as a whole (``SetScorer``); nil = the set
        /// with the highest total score.
        package var setWeights: SetScorer.Weights? = .news

        package init() {}

        /// The most words a bullet shows in `language`: 55 in English, 50 in the others. Chosen on the fitting slices
        /// (docs/experiments.md, "The length limit by language"): 55 English words gained in all four layouts of the CNN slice (ROUGE-2 +0.02 to +0.025,
        /// ROUGE-1 +0.01 to +0.02); French was flat, and Chinese, whose words are counted as character pairs, lost
        /// half a point of ROUGE-1.
        package static func maximumWords(for language: Language) -> Int {
            language == .english ? 55 : 50
        }

        package func validate() throws(SummarizeError) {
            func fail(_ message: String) -> SummarizeError { .invalidConfiguration(message) }
            func between<T: Comparable & LosslessStringConvertible>(_ value: T, _ low: T, _ high: T,
                                                                    _ name: String) throws(SummarizeError) {
                guard value >= low, value <= high else {
                    throw fail("\(name) must be between \(Configuration.bound(low)) and \(Configuration.bound(high)) (got \(value)).")
                }
            }
            guard damping > 0, damping < 1 else { throw fail("damping must be between 0 and 1, exclusive (got \(damping)).") }
            guard tolerance > 0, tolerance.isFinite else { throw fail("tolerance must be a positive number (got \(tolerance)).") }
            try between(maxIterations, 1, 100_000, "maxIterations")
            guard redundancyThreshold > 0, redundancyThreshold <= 1 else {
                throw fail("redundancyThreshold must be in (0, 1] (got \(redundancyThreshold)).")
            }
            guard diversity >= 0, diversity < 1 else { throw fail("diversity must be in [0, 1) (got \(diversity)).") }
            try between(danglingPairing, 0, 1, "danglingPairing")
            try between(jointCandidates, 0, 64, "jointCandidates")
            if let maximumWords { try between(maximumWords, 4, 200, "maximumWords") }
            for (i, weight) in weights.values.enumerated() where !weight.isFinite || abs(weight) > 1000 {
                let name = i < Candidates.Feature.allCases.count ? Candidates.Feature.allCases[i].name : "\(i)"
                throw fail("weight.\(name) must be between -1000 and 1000 (got \(weight)).")
            }
            // Array by array: summarizing validates its configuration for every text, and joining the arrays allocated.
            guard weights.hiddenWeights.allSatisfy(\.isFinite), weights.hiddenBias.allSatisfy(\.isFinite),
                  weights.outputWeights.allSatisfy(\.isFinite), weights.inputMean.allSatisfy(\.isFinite),
                  weights.inputScale.allSatisfy({ $0.isFinite && $0 != 0 }) else {
                throw fail("The scorer's hidden layer has a weight that is not a finite number (or a zero scale).")
            }
        }
    }

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Summarizes a string.
    public func summarize(_ text: String) throws(SummarizeError) -> Summary {
        try configuration.validate()
        let document = Document(text)
        try checkSize(document.byteCount)
        return run(document)
    }

    /// Summarizes a document.
    public func summarize(_ document: Document) throws(SummarizeError) -> Summary {
        try configuration.validate()
        try checkSize(document.byteCount)
        return run(document)
    }

    private func checkSize(_ byteCount: Int) throws(SummarizeError) {
        guard byteCount <= configuration.maxInputBytes else {
            throw SummarizeError(
                code: .inputTooLarge,
                message: "Input is \(byteCount) bytes, over the limit of \(configuration.maxInputBytes) bytes. "
                    + "Split the text, or raise the limit (--max-bytes).")
        }
    }

    /// The segmentation the summarizer ranks: `segmentation` with each quotation kept whole. Split
    /// into its sentences, a quotation's inner pieces become bullet candidates without their quote
    /// marks or speaker (measured on the first 1,000 CNN stories: R-2 11.80 -> 11.73).
    package static func rankingSegmentation(_ segmentation: SentenceSegmenter.Configuration) -> SentenceSegmenter.Configuration {
        var ranking = segmentation
        ranking.quotations = .whole
        return ranking
    }

    /// The pipeline itself; the configuration is already valid.
    func run(_ document: Document) -> Summary {
        // The selector runs the text rules of the rows it reaches (the same picks as with every row's).
        let stages = stages(document, deferringTextRules: true)
        let tuning = configuration.tuning
        let selector = Selector(count: configuration.bullets, redundancyThreshold: tuning.redundancyThreshold,
                                diversity: tuning.diversity, danglingPairing: tuning.danglingPairing,
                                jointCandidates: tuning.jointCandidates,
                                setScorer: tuning.setWeights.map { SetScorer(weights: $0) })
        let picks = selector.select(stages.scores, from: stages.table, graph: stages.graph, tokens: stages.tokens, in: document)
        let keyPoints = picks.map { s -> KeyPoint in
            let range = stages.table.shownRange[s]
            var text = BulletText.display(MarkdownCleaner.displayText(range, in: document))
            // After a dropped "But": "the deal collapsed." shows as "The deal collapsed."
            if stages.table.droppedConjunction[s], let first = text.first, first.isLowercase {
                text = first.uppercased() + text.dropFirst()
            }
            return KeyPoint(text: text, sentenceIndex: s, utf8Range: range, score: stages.scores[s])
        }
        let spans = stages.spans
        let sentences = spans.indices.map {
            RankedSentence(sentenceIndex: $0, utf8Range: spans[$0].utf8Range, kind: spans[$0].kind, score: stages.scores[$0])
        }
        return Summary(keyPoints: keyPoints, sentences: sentences, language: stages.language)
    }

    /// What the stages before selection produce for one document.
    package struct Stages {
        package var language: Language
        package var spans: [SentenceSpan]
        package var tokens: TokenTable
        package var graph: SimilarityGraph
        package var table: Candidates
        package var scores: [Double]
    }

    /// Identify the language, segment, tokenize, build the graph, rank it, tabulate the candidates and score them.
    /// With `deferringTextRules`, the table leaves the rules that read a row's text to the ``Selector``
    /// (``Candidates/deferredRules``): its `isEligible` is then final only for the rows those rules did not wait on.
    package func stages(_ document: Document, deferringTextRules: Bool = false) -> Stages {
        let tuning = configuration.tuning
        // The language, identified once unless configured: it picks the segmenter's rules and the tokenizer's
        // stemmer and stopwords.
        let language = configuration.language ?? LanguageIdentifier().identify(document)
        var segmentation = Self.rankingSegmentation(configuration.segmentation)
        if language != .undetermined { segmentation.language = language.segmentation }
        let spans = MarkdownCleaner.sentences(SentenceSegmenter(configuration: segmentation).segment(document), in: document)
        let tokens = Tokenizer(configuration: Self.tokenizer(language)).tokenize(document, spans, termText: false)
        let graph = SimilarityGraph(tokens, configuration: .init(weighting: tuning.weighting))
        let centrality = TextRank(damping: tuning.damping, tolerance: tuning.tolerance,
                                  maxIterations: tuning.maxIterations)
            .rank(graph, prior: nil, allowDense: true, singlePrecision: tuning.singlePrecisionRank)
        let filter = BulletFilter(minimumWords: BulletFilter().minimumWords,
                                  maximumWords: tuning.maximumWords ?? Tuning.maximumWords(for: language))
        let table = Candidates(document, spans, tokens, graph, centrality: centrality, filter: filter,
                               english: language == .english, deferringTextRules: deferringTextRules)
        let scores = Scorer(weights: tuning.weights).score(table)
        return Stages(language: language, spans: spans, tokens: tokens, graph: graph, table: table, scores: scores)
    }

    /// The tokenizer for text in `language` (English: the project's own stemmer and stopwords).
    static func tokenizer(_ language: Language) -> Tokenizer.Configuration {
        language == .english ? .init() : .init(language: language)
    }
}
