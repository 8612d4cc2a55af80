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
        /// Sentence segmentation settings (language). Quotations are ranked whole whatever
        /// `segmentation.quotations` says (see ``SentenceSegmenter/Quotations/whole``).
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
        /// Share of the directed, position-aware centrality (``DirectedCentrality``, PacSum)
        /// in the sentence score, in [0, 1]; the rest is TextRank. 0 = plain TextRank.
        public var directedWeight: Double
        /// PacSum λ₂: weight of a sentence's similarity to later sentences, in [-10, 10].
        public var forwardEdgeWeight: Double
        /// PacSum λ₁: weight of a sentence's similarity to earlier sentences, in [-10, 10].
        public var backwardEdgeWeight: Double
        /// PacSum β: edges below this share of the weight range are ignored, in [0, 1).
        public var edgeThreshold: Double
        /// MMR trade-off between score and novelty when picking bullets, in [0, 1).
        public var diversity: Double
        /// Share of a position prior 1/(i + 1)^positionDecay in the sentence score, in [0, 1].
        public var positionWeight: Double
        /// How fast the position prior falls with the sentence index, in (0, 8].
        public var positionDecay: Double
        /// How strongly sentences longer than ``pivotWords`` words are discounted:
        /// scores are multiplied by min(1, (pivotWords / words)^lengthPenalty), in [0, 4].
        public var lengthPenalty: Double
        /// Length in words above which ``lengthPenalty`` applies, in [1, 1000].
        public var pivotWords: Int
        /// How much the lead preferences (``directedWeight``, ``positionWeight``, ``lengthPenalty``, ``quotePenalty``)
        /// follow the document's paragraph structure, in [0, 1]. 0 = always apply them in full.
        /// At 1 they apply in full to text of short paragraphs (news wire style, at most
        /// ``leadParagraphSentences`` sentences per paragraph on average), not at all to text of long
        /// paragraphs (at least ``centralParagraphSentences``), and in proportion in between.
        public var structureAdaptivity: Double
        /// Mean sentences per paragraph at or below which a text counts as lead-first, in [1, 100].
        public var leadParagraphSentences: Double
        /// Mean sentences per paragraph at or above which a text counts as centrality-first, in [1, 100];
        /// above ``leadParagraphSentences``.
        public var centralParagraphSentences: Double
        /// In centrality-first text, scores are multiplied by (words / pivotWords)^(longSentenceBonus·(1 − lead)²),
        /// favouring long sentences, in [0, 4]. 0 = none. (Squared, so text between the two paragraph bounds,
        /// which still gets part of the length penalty, gets little of the bonus.)
        public var longSentenceBonus: Double
        /// Share of a sentence's similarity to the whole document (cosine of its content terms with the
        /// document's term counts, the sentence itself left out) in the sentence score, in [0, 1]. 0 = none.
        public var centroidWeight: Double
        /// When a well-ranked sentence opens with a dangling pronoun or connective ("He said ...",
        /// "But ..."), pick it together with the sentence before it, provided that one scores at least
        /// (1 − danglingPairing) times as high, in [0, 1]. 0 = never (the dangling sentence is passed over).
        public var danglingPairing: Double
        /// Most words a bullet may have in centrality-first text (long paragraphs); text in between gets a
        /// cap in proportion, lead-first text ``BulletFilter``'s 50, in [4, 60].
        public var centralMaximumWords: Int
        /// Scores are multiplied by 1 − quotePenalty·(share of the sentence's bytes inside double quotes),
        /// in [0, 1]; a lead preference like ``positionWeight``, so it follows ``structureAdaptivity``. 0 = none.
        public var quotePenalty: Double
        /// In lead-first text, scores are multiplied by 1 + specificityWeight·(share of the sentence's words that
        /// name something: capitalized inside the sentence, or holding a digit), in [0, 4]. Text in between gets
        /// a weight in proportion to ``centralSpecificityWeight``. 0 = none.
        public var specificityWeight: Double
        /// ``specificityWeight`` for centrality-first text (long paragraphs), in [0, 4]. 0 = none.
        public var centralSpecificityWeight: Double
        /// Scores of sentences whose shown text opens with a double quote are multiplied by
        /// 1 − openingQuotePenalty, in any text, in [0, 1]. 0 = none.
        public var openingQuotePenalty: Double
        /// How many of the best eligible sentences the selector searches jointly for the set of bullets with the
        /// highest total score, where a sentence opening with "He", "But" ... counts only together with the
        /// sentence before it (a true pair), in [0, 64]. 0 = greedy picks only.
        public var jointCandidates: Int
        /// How lead-first a text counts at least when its first sentence opens with a news dateline
        /// ("LONDON (Reuters) -", "(CNN) --"), whatever its paragraphs look like, in [0, 1]. 0 = no such floor.
        public var datelineLead: Double
        /// In centrality-first text, the share of a second TextRank in the sentence score: over the cosine of
        /// the sentences' word counts, words unstemmed and only function words left out
        /// (``Stopwords/englishFunctionWords``), in [0, 1]; applied with weight `surfaceCentralityWeight·(1 − lead)`.
        /// 0 = none. It ranks the sentences of long-paragraph news as the BBC reference summaries do
        /// (docs/quality.md, experiment 91); on wire copy it costs R-2, so lead-first text never gets it.
        public var surfaceCentralityWeight: Double

        public init(bullets: Int = 3,
                    segmentation: SentenceSegmenter.Configuration = .init(),
                    weighting: SimilarityGraph.Weighting = .logLength,
                    damping: Double = 0.85,
                    tolerance: Double = 1e-7,
                    maxIterations: Int = 100,
                    leadBias: Double = 0,
                    redundancyThreshold: Double = 0.6,
                    maxInputBytes: Int = 64 << 20,
                    directedWeight: Double = 0.6,
                    forwardEdgeWeight: Double = 1.65,
                    backwardEdgeWeight: Double = -1.83,
                    edgeThreshold: Double = 0.14,
                    diversity: Double = 0,
                    positionWeight: Double = 0.5,
                    positionDecay: Double = 1.57,
                    lengthPenalty: Double = 1.1,
                    pivotWords: Int = 30,
                    structureAdaptivity: Double = 1,
                    leadParagraphSentences: Double = 1.5,
                    centralParagraphSentences: Double = 2.5,
                    longSentenceBonus: Double = 0.4,
                    centroidWeight: Double = 0,
                    danglingPairing: Double = 0.2,
                    centralMaximumWords: Int = 55,
                    quotePenalty: Double = 0,
                    specificityWeight: Double = 0.48,
                    centralSpecificityWeight: Double = 0,
                    openingQuotePenalty: Double = 0.12,
                    jointCandidates: Int = 10,
                    datelineLead: Double = 1,
                    surfaceCentralityWeight: Double = 0.75) {
            self.bullets = bullets
            self.segmentation = segmentation
            self.weighting = weighting
            self.damping = damping
            self.tolerance = tolerance
            self.maxIterations = maxIterations
            self.leadBias = leadBias
            self.redundancyThreshold = redundancyThreshold
            self.maxInputBytes = maxInputBytes
            self.directedWeight = directedWeight
            self.forwardEdgeWeight = forwardEdgeWeight
            self.backwardEdgeWeight = backwardEdgeWeight
            self.edgeThreshold = edgeThreshold
            self.diversity = diversity
            self.positionWeight = positionWeight
            self.positionDecay = positionDecay
            self.lengthPenalty = lengthPenalty
            self.pivotWords = pivotWords
            self.structureAdaptivity = structureAdaptivity
            self.leadParagraphSentences = leadParagraphSentences
            self.centralParagraphSentences = centralParagraphSentences
            self.longSentenceBonus = longSentenceBonus
            self.centroidWeight = centroidWeight
            self.danglingPairing = danglingPairing
            self.centralMaximumWords = centralMaximumWords
            self.quotePenalty = quotePenalty
            self.specificityWeight = specificityWeight
            self.centralSpecificityWeight = centralSpecificityWeight
            self.openingQuotePenalty = openingQuotePenalty
            self.jointCandidates = jointCandidates
            self.datelineLead = datelineLead
            self.surfaceCentralityWeight = surfaceCentralityWeight
        }

        /// Throws `.invalidConfiguration` naming the first value out of range.
        /// A range bound as written in messages: whole numbers without a fraction ("0", not "0.0").
        static func bound<T: LosslessStringConvertible>(_ value: T) -> String {
            if let double = value as? Double, double == double.rounded(), abs(double) < 1e15 { return String(Int(double)) }
            return value.description
        }

        public func validate() throws(SummarizeError) {
            func fail(_ message: String) -> SummarizeError { .invalidConfiguration(message) }
            /// "`name` must be between `low` and `high` (got `value`)." unless low <= value <= high (NaN is not).
            func between<T: Comparable & LosslessStringConvertible>(_ value: T, _ low: T, _ high: T,
                                                                    _ name: String) throws(SummarizeError) {
                guard value >= low, value <= high else {
                    throw fail("\(name) must be between \(Self.bound(low)) and \(Self.bound(high)) (got \(value)).")
                }
            }
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
            try between(directedWeight, 0, 1, "directedWeight")
            guard forwardEdgeWeight.isFinite, abs(forwardEdgeWeight) <= 10 else {
                throw fail("forwardEdgeWeight must be between -10 and 10 (got \(forwardEdgeWeight)).")
            }
            guard backwardEdgeWeight.isFinite, abs(backwardEdgeWeight) <= 10 else {
                throw fail("backwardEdgeWeight must be between -10 and 10 (got \(backwardEdgeWeight)).")
            }
            guard edgeThreshold >= 0, edgeThreshold < 1 else {
                throw fail("edgeThreshold must be in [0, 1) (got \(edgeThreshold)).")
            }
            guard diversity >= 0, diversity < 1 else { throw fail("diversity must be in [0, 1) (got \(diversity)).") }
            try between(positionWeight, 0, 1, "positionWeight")
            guard positionDecay > 0, positionDecay <= 8 else {
                throw fail("positionDecay must be in (0, 8] (got \(positionDecay)).")
            }
            try between(lengthPenalty, 0, 4, "lengthPenalty")
            try between(pivotWords, 1, 1000, "pivotWords")
            try between(structureAdaptivity, 0, 1, "structureAdaptivity")
            try between(leadParagraphSentences, 1, 100, "leadParagraphSentences")
            guard centralParagraphSentences >= 1, centralParagraphSentences <= 100,
                  centralParagraphSentences > leadParagraphSentences else {
                throw fail("centralParagraphSentences must be between 1 and 100 and above leadParagraphSentences "
                    + "(got \(centralParagraphSentences), leadParagraphSentences \(leadParagraphSentences)).")
            }
            try between(longSentenceBonus, 0, 4, "longSentenceBonus")
            try between(centroidWeight, 0, 1, "centroidWeight")
            try between(danglingPairing, 0, 1, "danglingPairing")
            try between(centralMaximumWords, 4, 60, "centralMaximumWords")
            try between(quotePenalty, 0, 1, "quotePenalty")
            try between(specificityWeight, 0, 4, "specificityWeight")
            try between(centralSpecificityWeight, 0, 4, "centralSpecificityWeight")
            try between(openingQuotePenalty, 0, 1, "openingQuotePenalty")
            try between(jointCandidates, 0, 64, "jointCandidates")
            try between(datelineLead, 0, 1, "datelineLead")
            try between(surfaceCentralityWeight, 0, 1, "surfaceCentralityWeight")
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
        let spans = MarkdownCleaner.sentences(SentenceSegmenter(configuration: Self.rankingSegmentation(configuration.segmentation)).segment(document), in: document)
        // How lead-first this text is (1) or centrality-first (0), from its paragraph structure.
        var lead = 1 - configuration.structureAdaptivity * (1 - Self.leadShare(spans, configuration))
        if configuration.datelineLead > lead, Self.opensWithDateline(spans, document) { lead = configuration.datelineLead }
        // Text that gets the surface-word TextRank is keyed by surface too, in the same pass.
        let surfaceWeight = configuration.surfaceCentralityWeight * (1 - lead)
        let tokens = Tokenizer(configuration: surfaceWeight > 0 ? Self.surfaceKeyingTokenizer : .init())
            .tokenize(document, spans, termText: false)
        let graph = SimilarityGraph(tokens, configuration: .init(weighting: configuration.weighting))
        let prior: [Double]? = configuration.leadBias > 0
            ? (0..<spans.count).map { 1 / pow(Double($0 + 1), configuration.leadBias) }
            : nil
        var scores = TextRank(damping: configuration.damping, tolerance: configuration.tolerance,
                              maxIterations: configuration.maxIterations).rank(graph, prior: prior)
        let directedWeight = configuration.directedWeight * lead
        let positionWeight = configuration.positionWeight * lead
        let lengthPenalty = configuration.lengthPenalty * lead
        if directedWeight > 0 {
            let directed = DirectedCentrality(forwardWeight: configuration.forwardEdgeWeight,
                                              backwardWeight: configuration.backwardEdgeWeight,
                                              threshold: configuration.edgeThreshold).rank(graph)
            scores = Self.blend(scores, directed, weight: directedWeight)
        }
        if surfaceWeight > 0, let surfaceTokens = tokens.surfaceTable {
            let surfaceGraph = SimilarityGraph(surfaceTokens, configuration: .init(weighting: .termFrequencyCosine))
            let surface = TextRank(damping: configuration.damping, tolerance: configuration.tolerance,
                                   maxIterations: configuration.maxIterations).rank(surfaceGraph)
            scores = Self.blend(scores, surface, weight: surfaceWeight)
        }
        if configuration.centroidWeight > 0 {
            scores = Self.blend(scores, Self.centroidSimilarity(graph), weight: configuration.centroidWeight)
        }
        if positionWeight > 0 {
            let position = (0..<scores.count).map { 1 / pow(Double($0 + 1), configuration.positionDecay) }
            scores = Self.blend(scores, position, weight: positionWeight)
        }
        let lengthBonus = configuration.longSentenceBonus * (1 - lead) * (1 - lead)
        if lengthPenalty > 0 || lengthBonus > 0 {
            let pivot = Double(configuration.pivotWords)
            for s in scores.indices {
                let words = Double(tokens.tokens(inSentence: s).count)
                if lengthPenalty > 0, words > pivot { scores[s] *= pow(pivot / words, lengthPenalty) }
                if lengthBonus > 0, words > 0 { scores[s] *= pow(words / pivot, lengthBonus) }
            }
            scores = TextRank.normalize(scores)
        }
        let quotePenalty = configuration.quotePenalty * lead
        if quotePenalty > 0 {
            document.withUTF8 { bytes in
                for s in scores.indices {
                    scores[s] *= 1 - quotePenalty * Self.quotedShare(bytes, spans[s].utf8Range)
                }
            }
            scores = TextRank.normalize(scores)
        }
        // Preferences read off the text a bullet would show (after a dateline): names and figures, an opening quote.
        let specificity = configuration.specificityWeight * lead + configuration.centralSpecificityWeight * (1 - lead)
        let openingQuotePenalty = configuration.openingQuotePenalty
        if specificity > 0 || openingQuotePenalty > 0 {
            let shownFilter = BulletFilter()
            document.withUTF8 { bytes in
                for s in scores.indices {
                    let shown = shownFilter.bulletRange(spans[s], in: bytes)
                    if specificity > 0 { scores[s] *= 1 + specificity * Self.specificShare(bytes, tokens, sentence: s, shown: shown) }
                    if openingQuotePenalty > 0, BulletHygiene.opensWithQuote(bytes, shown) { scores[s] *= 1 - openingQuotePenalty }
                }
            }
            scores = TextRank.normalize(scores)
        }
        let base = BulletFilter()
        let cap = Double(base.maximumWords) * lead + Double(configuration.centralMaximumWords) * (1 - lead)
        let filter = BulletFilter(minimumWords: base.minimumWords, maximumWords: Int(cap.rounded()))
        let selector = Selector(count: configuration.bullets, redundancyThreshold: configuration.redundancyThreshold,
                                filter: filter, diversity: configuration.diversity,
                                danglingPairing: configuration.danglingPairing,
                                jointCandidates: configuration.jointCandidates)
        let picks = selector.select(scores, graph: graph, spans: spans, tokens: tokens, in: document)
        let keyPoints = picks.map { s -> KeyPoint in
            let range = selector.filter.bulletRange(spans[s], in: document)
            return KeyPoint(text: BulletText.display(MarkdownCleaner.displayText(range, in: document)), sentenceIndex: s,
                            utf8Range: range, score: scores[s])
        }
        let sentences = spans.indices.map {
            RankedSentence(sentenceIndex: $0, utf8Range: spans[$0].utf8Range, kind: spans[$0].kind, score: scores[$0])
        }
        return Summary(keyPoints: keyPoints, sentences: sentences)
    }

    /// The tokenizer of text that gets ``Configuration/surfaceCentralityWeight``: the default one, also keying
    /// each token by its surface (case-folded, not stemmed) against the closed-class words only.
    static let surfaceKeyingTokenizer = Tokenizer.Configuration(surfaceStopwords: .englishFunctionWords)

    /// How lead-first a text is, from its paragraph structure: 1 when its paragraphs hold at most
    /// `leadParagraphSentences` sentences on average (news wire: one or two sentences each), 0 at
    /// `centralParagraphSentences` or more (essays, reports, text without blank lines), linear in between.
    static func leadShare(_ spans: [SentenceSpan], _ configuration: Configuration) -> Double {
        guard configuration.structureAdaptivity > 0, !spans.isEmpty else { return 1 }
        var paragraphs = 0, sentences = 0
        var last = Int.min
        for span in spans where span.kind == .prose {
            sentences += 1
            if span.paragraphIndex != last { paragraphs += 1; last = span.paragraphIndex }
        }
        guard paragraphs > 0 else { return 1 }
        let perParagraph = Double(sentences) / Double(paragraphs)
        let low = configuration.leadParagraphSentences, high = configuration.centralParagraphSentences
        return min(1, max(0, (high - perParagraph) / (high - low)))
    }

    /// Whether the first prose sentence opens with a news dateline ("Seoul (CNN) --", "LONDON (Reuters) -"):
    /// wire copy, written lead-first.
    static func opensWithDateline(_ spans: [SentenceSpan], _ document: Document) -> Bool {
        guard let first = spans.first(where: { $0.kind == .prose }) else { return false }
        return document.withUTF8 { BulletHygiene.datelineEnd($0, first.utf8Range) != nil }
    }

    /// Each sentence's cosine similarity to the rest of the document: its binary content-term vector
    /// against the counts of those terms in the other sentences. Zero for a sentence sharing nothing.
    static func centroidSimilarity(_ graph: SimilarityGraph) -> [Double] {
        let n = graph.nodeCount
        var frequency: [TermID: Int] = [:]
        for t in graph.sentenceTerms { frequency[t, default: 0] += 1 }
        var norm = 0.0
        for (_, c) in frequency { norm += Double(c * c) }
        norm = norm.squareRoot()
        var out = [Double](repeating: 0, count: n)
        guard norm > 0 else { return out }
        for s in 0..<n {
            let start = Int(graph.sentenceTermStart[s]), end = Int(graph.sentenceTermStart[s + 1])
            guard end > start else { continue }
            var dot = 0.0
            for k in start..<end { dot += Double(frequency[graph.sentenceTerms[k], default: 1] - 1) }
            out[s] = dot / (Double(end - start).squareRoot() * norm)
        }
        return out
    }

    /// The share of a sentence's words that name something specific: a content word written with a capital
    /// letter after the first word of the shown text ("Pyongyang", "Hyundai"), or any word holding a digit
    /// ("45", "2012"). Words before `shown` (a dateline) do not count at all.
    static func specificShare(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: TokenTable, sentence s: Int,
                              shown: Range<Int>) -> Double {
        var words = 0, specific = 0
        let range = tokens.tokens(inSentence: s)
        let low = Int32(truncatingIfNeeded: shown.lowerBound), high = Int32(truncatingIfNeeded: shown.upperBound)
        tokens.utf8Start.withUnsafeBufferPointer { starts in
        tokens.utf8End.withUnsafeBufferPointer { ends in
        tokens.isStopword.withUnsafeBufferPointer { stops in
        tokens.hasDigit.withUnsafeBufferPointer { digits in
            for t in range {
                let start = starts[t], end = ends[t]
                guard start >= low, end <= high else { continue }
                words += 1
                if words == 1 { continue }   // the opening word is capitalized anyway
                // A capitalized content word, or any ASCII digit in the word (noted by the tokenizer).
                // Counted without branching on the word: which words are names is unpredictable.
                let content = stops[t] ? 0 : 1, capital = bytes[Int(start)] &- 0x41 < 26 ? 1 : 0
                specific &+= (content & capital) | (digits[t] ? 1 : 0)
            }
        }
        }
        }
        }
        return words > 0 ? Double(specific) / Double(words) : 0
    }

    /// The share of a sentence's bytes between double quotes (" or “ ”), quote marks included.
    static func quotedShare(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double {
        guard !range.isEmpty else { return 0 }
        var inside = false, quoted = 0
        var i = range.lowerBound
        while i < range.upperBound {
            var width = 1
            let b = bytes[i]
            var mark = b == 0x22
            if b == 0xE2, i + 2 < range.upperBound, bytes[i + 1] == 0x80, bytes[i + 2] == 0x9C || bytes[i + 2] == 0x9D {
                mark = true; width = 3
                if bytes[i + 2] == 0x9C { inside = false }   // “ always opens
            }
            if mark { inside.toggle() }
            if inside || mark { quoted += width }
            i += width
        }
        return Double(quoted) / Double(range.count)
    }

    /// `(1 − weight)·a/max(a) + weight·b/max(b)`, normalized to sum to 1.
    static func blend(_ a: [Double], _ b: [Double], weight: Double) -> [Double] {
        let maxA = a.max() ?? 0, maxB = b.max() ?? 0
        var out = [Double](repeating: 0, count: a.count)
        for i in a.indices {
            out[i] = (1 - weight) * (maxA > 0 ? a[i] / maxA : 0) + weight * (maxB > 0 ? b[i] / maxB : 0)
        }
        return TextRank.normalize(out)
    }
}
