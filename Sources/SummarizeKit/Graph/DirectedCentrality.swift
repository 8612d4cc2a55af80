/// Position-aware, directed degree centrality over a ``SimilarityGraph``:
/// PacSum (Zheng & Lapata 2019, "Sentence Centrality Revisited for
/// Unsupervised Summarization", §3.2).
///
/// Each edge is first thresholded,
/// `e'(i,j) = max(0, e(i,j) − (min + β·(max − min)))` over the document's
/// edge weights, then a sentence's centrality is
/// `c(i) = λ₁·Σ_{j<i} e'(i,j) + λ₂·Σ_{j>i} e'(i,j)`:
/// similarity to *later* sentences (λ₂, ``forwardWeight``) counts for a
/// sentence, similarity to *earlier* ones (λ₁, ``backwardWeight``) usually
/// against it. In news the sentence that later ones elaborate comes first, so
/// this finds lead-like sentences without a fixed position prior; in text that
/// builds up to its point, the sentences later ones refer back to still win.
///
/// Departures from the paper: the similarity is our sparse idf-weighted
/// overlap (``SimilarityGraph/Weighting/idf``) rather than tf-idf cosine or
/// BERT; and the scores are shifted to be non-negative and to sum to 1, so
/// they can be blended with TextRank's.
///
/// ```swift
/// let scores = DirectedCentrality().rank(graph)   // [Double], sums to 1
/// ```
///
/// - Complexity: O(edges).
public struct DirectedCentrality: Sendable, Hashable {
    /// λ₂: weight of similarity to later sentences.
    public var forwardWeight: Double
    /// λ₁: weight of similarity to earlier sentences (negative in the paper's news setting).
    public var backwardWeight: Double
    /// β in [0, 1): the share of the weight range below which an edge is ignored.
    public var threshold: Double

    public init(forwardWeight: Double = 1, backwardWeight: Double = -2, threshold: Double = 0.6) {
        self.forwardWeight = forwardWeight
        self.backwardWeight = backwardWeight
        self.threshold = threshold
    }

    /// One finite, non-negative score per sentence, summing to 1 (uniform when every score is equal).
    public func rank(_ graph: SimilarityGraph) -> [Double] {
        let n = graph.nodeCount
        if n == 0 { return [] }
        var low = Float.infinity, high = -Float.infinity
        for w in graph.weight { low = min(low, w); high = max(high, w) }
        // Sentences that share nothing have an implicit edge of 0.
        if graph.weight.count < n * (n - 1) { low = min(low, 0) }
        let cut = graph.weight.isEmpty ? 0 : Double(low) + threshold * Double(high - low)
        var raw = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var before = 0.0, after = 0.0
            for e in Int(graph.rowStart[i])..<Int(graph.rowStart[i + 1]) {
                let excess = Double(graph.weight[e]) - cut
                guard excess > 0 else { continue }
                if Int(graph.neighbor[e]) < i { before += excess } else { after += excess }
            }
            raw[i] = backwardWeight * before + forwardWeight * after
        }
        let lowest = raw.min() ?? 0
        let shifted = raw.map { $0 - lowest }
        let total = shifted.reduce(0, +)
        guard total > 0, total.isFinite else { return [Double](repeating: 1 / Double(n), count: n) }
        return shifted.map { $0 / total }
    }
}
