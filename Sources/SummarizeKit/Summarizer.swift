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
    /// Every tunable of the pipeline. Check it with ``validate()``; the
    /// summarize methods validate it too and throw `.invalidConfiguration`.
    public struct Configuration: Sendable, Hashable {
        /// How many key points to produce (at least 1).
        public var bullets: Int
        /// Sentence segmentation settings (language).
        public var segmentation: SentenceSegmenter.Configuration
        /// How sentence similarity is weighted.
        public var weighting: SimilarityGraph.Weighting
        /// PageRank damping factor, in (0, 1).
        public var damping: Double
        /// PageRank convergence tolerance (L1), > 0.
        public var tolerance: Double
        /// PageRank iteration cap, at least 1.
        public var maxIterations: Int
        /// Strength of the preference for early sentences, >= 0 (0 = none).
        /// The teleport prior of sentence i is proportional to 1 / (i + 1)^leadBias.
        public var leadBias: Double
        /// Jaccard overlap at which two sentences are near-duplicates, in (0, 1].
        public var redundancyThreshold: Double
        /// Largest input accepted, in bytes.
        public var maxInputBytes: Int

        public init(bullets: Int = 3,
                    segmentation: SentenceSegmenter.Configuration = .init(),
                    weighting: SimilarityGraph.Weighting = .idf,
                    damping: Double = 0.85,
                    tolerance: Double = 1e-7,
                    maxIterations: Int = 100,
                    leadBias: Double = 0,
                    redundancyThreshold: Double = 0.6,
                    maxInputBytes: Int = 64 << 20) {
            self.bullets = bullets
            self.segmentation = segmentation
            self.weighting = weighting
            self.damping = damping
            self.tolerance = tolerance
            self.maxIterations = maxIterations
            self.leadBias = leadBias
            self.redundancyThreshold = redundancyThreshold
            self.maxInputBytes = maxInputBytes
        }

        /// Throws `.invalidConfiguration` naming the first value out of range.
        public func validate() throws(SummarizeError) {
            func fail(_ message: String) -> SummarizeError { .invalidConfiguration(message) }
            guard bullets >= 1 else { throw fail("bullets must be at least 1 (got \(bullets)).") }
            guard bullets <= 1000 else { throw fail("bullets must be at most 1000 (got \(bullets)).") }
            guard damping > 0, damping < 1 else { throw fail("damping must be between 0 and 1, exclusive (got \(damping)).") }
            guard tolerance > 0, tolerance.isFinite else { throw fail("tolerance must be a positive number (got \(tolerance)).") }
            guard maxIterations >= 1, maxIterations <= 100_000 else {
                throw fail("maxIterations must be between 1 and 100000 (got \(maxIterations)).")
            }
            guard leadBias >= 0, leadBias.isFinite else { throw fail("leadBias must be zero or more (got \(leadBias)).") }
            guard redundancyThreshold > 0, redundancyThreshold <= 1 else {
                throw fail("redundancyThreshold must be in (0, 1] (got \(redundancyThreshold)).")
            }
            guard maxInputBytes >= 1 else { throw fail("maxInputBytes must be at least 1 (got \(maxInputBytes)).") }
            // Offsets are stored as Int32 in the token table and the graph.
            guard maxInputBytes <= Int(Int32.max) else { throw fail("maxInputBytes must be at most \(Int32.max) (got \(maxInputBytes)).") }
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

    /// The pipeline itself; the configuration is already valid.
    func run(_ document: Document) -> Summary {
        let spans = MarkdownCleaner.sentences(SentenceSegmenter(configuration: configuration.segmentation).segment(document), in: document)
        let tokens = Tokenizer().tokenize(document, spans)
        let graph = SimilarityGraph(tokens, configuration: .init(weighting: configuration.weighting))
        let prior: [Double]? = configuration.leadBias > 0
            ? (0..<spans.count).map { 1 / pow(Double($0 + 1), configuration.leadBias) }
            : nil
        let scores = TextRank(damping: configuration.damping, tolerance: configuration.tolerance,
                              maxIterations: configuration.maxIterations).rank(graph, prior: prior)
        let selector = Selector(count: configuration.bullets, redundancyThreshold: configuration.redundancyThreshold)
        let picks = selector.select(scores, graph: graph, spans: spans, tokens: tokens, in: document)
        let keyPoints = picks.map { s -> KeyPoint in
            let range = selector.filter.bulletRange(spans[s], in: document)
            return KeyPoint(text: MarkdownCleaner.displayText(range, in: document), sentenceIndex: s,
                            utf8Range: range, score: scores[s])
        }
        let sentences = spans.indices.map {
            RankedSentence(sentenceIndex: $0, utf8Range: spans[$0].utf8Range, kind: spans[$0].kind, score: scores[$0])
        }
        return Summary(keyPoints: keyPoints, sentences: sentences)
    }
}
