/// Weighted PageRank over a ``SimilarityGraph`` by power iteration: the
/// ranking step of TextRank (Mihalcea & Tarau, 2004, "TextRank: Bringing
/// Order into Texts").
///
/// Each iteration computes
/// `s'(i) = (1 - d)·p(i) + d·Σ_j w(j,i) / W(j) · s(j) + d·m·p(i)`,
/// where `W(j)` is the total edge weight of `j`, `m` the score of nodes
/// with no edges, and `p` the teleport distribution.
///
/// Departures from the paper: `p` may be a non-uniform prior (a
/// personalized PageRank, used to favour early sentences of news); the
/// score of isolated sentences is redistributed through `p` so scores
/// always sum to 1; and iteration stops on an L1 tolerance *or* an
/// iteration cap.
///
/// ```swift
/// let scores = TextRank().rank(graph)           // [Double], sums to 1
/// ```
///
/// - Complexity: O(iterations × edges); nothing is allocated inside the loop.
public struct TextRank: Sendable, Hashable {
    /// The damping factor d, in (0, 1).
    public var damping: Double
    /// Stop when the L1 change of the scores falls below this.
    public var tolerance: Double
    /// Stop after this many iterations at most.
    public var maxIterations: Int

    public init(damping: Double = 0.85, tolerance: Double = 1e-7, maxIterations: Int = 100) {
        self.damping = damping
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }

    /// Scores every node of `graph`.
    ///
    /// - Parameter prior: the teleport distribution (non-negative, any
    ///   scale); nil for uniform.
    /// - Returns: one finite, non-negative score per node, summing to 1.
    public func rank(_ graph: SimilarityGraph, prior: [Double]? = nil) -> [Double] {
        let n = graph.nodeCount
        if n == 0 { return [] }
        var teleport = [Double](repeating: 1 / Double(n), count: n)
        if let prior, prior.count == n {
            let total = prior.reduce(0) { $0 + (($1.isFinite && $1 > 0) ? $1 : 0) }
            if total > 0 {
                for i in 0..<n { teleport[i] = (prior[i].isFinite && prior[i] > 0) ? prior[i] / total : 0 }
            }
        }
        // Column normalization: each edge's share of its source's total weight.
        var strength = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var sum = 0.0
            for e in Int(graph.rowStart[i])..<Int(graph.rowStart[i + 1]) { sum += Double(graph.weight[e]) }
            strength[i] = sum
        }
        var share = [Double](repeating: 0, count: graph.weight.count)
        for i in 0..<n {
            for e in Int(graph.rowStart[i])..<Int(graph.rowStart[i + 1]) {
                let j = Int(graph.neighbor[e])
                share[e] = strength[j] > 0 ? Double(graph.weight[e]) / strength[j] : 0
            }
        }
        var first = teleport
        var second = [Double](repeating: 0, count: n)
        var resultInFirst = true
        let d = damping
        // Loop invariants: each node's teleport term, and the nodes without edges (usually none).
        let base = teleport.map { (1 - d) * $0 }
        let dangling = (0..<n).filter { strength[$0] == 0 }
        first.withUnsafeMutableBufferPointer { firstBuffer in
            second.withUnsafeMutableBufferPointer { secondBuffer in
                teleport.withUnsafeBufferPointer { tel in
                    share.withUnsafeBufferPointer { shr in
                        base.withUnsafeBufferPointer { base in
                            graph.rowStart.withUnsafeBufferPointer { rows in
                                graph.neighbor.withUnsafeBufferPointer { nbr in
                                    // The two buffers trade roles each iteration; nothing is allocated here.
                                    var cur = firstBuffer, nxt = secondBuffer
                                    var iteration = 0
                                    while iteration < maxIterations {
                                        iteration += 1
                                        var danglingMass = 0.0
                                        for i in dangling { danglingMass += cur[i] }
                                        var delta = 0.0
                                        for i in 0..<n {
                                            var sum = 0.0
                                            for e in Int(rows[i])..<Int(rows[i + 1]) {
                                                sum += shr[e] * cur[Int(nbr[e])]
                                            }
                                            let value = base[i] + d * (sum + danglingMass * tel[i])
                                            delta += abs(value - cur[i])
                                            nxt[i] = value
                                        }
                                        swap(&cur, &nxt)
                                        resultInFirst.toggle()
                                        if delta < tolerance { break }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Self.normalize(resultInFirst ? first : second)
    }

    static func normalize(_ scores: [Double]) -> [Double] {
        let total = scores.reduce(0, +)
        guard total > 0, total.isFinite else {
            return [Double](repeating: 1 / Double(max(scores.count, 1)), count: scores.count)
        }
        return scores.map { $0 / total }
    }
}
