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
        rank(graph, prior: prior, allowDense: true)
    }

    /// ``rank(_:prior:)``, with the dense iteration allowed or not (the result is the same).
    func rank(_ graph: SimilarityGraph, prior: [Double]?, allowDense: Bool) -> [Double] {
        let n = graph.nodeCount
        if n == 0 { return [] }
        // The per-node columns in one allocation, freed on return: the teleport distribution, each node's
        // total edge weight, the two score buffers and each node's teleport term.
        let columns = UnsafeMutablePointer<Double>.allocate(capacity: 5 * n)
        defer { columns.deallocate() }
        let teleport = UnsafeMutableBufferPointer(start: columns, count: n)
        let strength = UnsafeMutableBufferPointer(start: columns + n, count: n)
        let first = UnsafeMutableBufferPointer(start: columns + 2 * n, count: n)
        let second = UnsafeMutableBufferPointer(start: columns + 3 * n, count: n)
        let base = UnsafeMutableBufferPointer(start: columns + 4 * n, count: n)
        teleport.initialize(repeating: 1 / Double(n))
        if let prior, prior.count == n {
            let total = prior.reduce(0) { $0 + (($1.isFinite && $1 > 0) ? $1 : 0) }
            if total > 0 {
                for i in 0..<n { teleport[i] = (prior[i].isFinite && prior[i] > 0) ? prior[i] / total : 0 }
            }
        }
        // Column normalization: each edge's share of its source's total weight.
        graph.rowStart.withUnsafeBufferPointer { rows in
            graph.weight.withUnsafeBufferPointer { weight in
                for i in 0..<n {
                    var sum = 0.0
                    for e in Int(rows[i])..<Int(rows[i + 1]) { sum += Double(weight[e]) }
                    strength[i] = sum
                }
            }
        }
        _ = first.initialize(fromContentsOf: teleport)
        second.initialize(repeating: 0)
        let d = damping
        // Loop invariants: each node's teleport term, and the nodes without edges (usually none).
        for i in 0..<n { base[i] = (1 - d) * teleport[i] }
        let dangling = (0..<n).filter { strength[$0] == 0 }
        let resultInFirst: Bool
        if allowDense, Self.prefersDense(nodeCount: n, edgeCount: graph.weight.count), d > 0, d < 1 {
            resultInFirst = denseSweeps(graph, strength: UnsafeBufferPointer(strength), teleport: UnsafeBufferPointer(teleport),
                                        base: UnsafeBufferPointer(base), dangling: dangling, first: first, second: second)
        } else {
            resultInFirst = sparseSweeps(graph, strength: UnsafeBufferPointer(strength), teleport: UnsafeBufferPointer(teleport),
                                         base: UnsafeBufferPointer(base), dangling: dangling, first: first, second: second)
        }
        return Self.normalize(UnsafeBufferPointer(resultInFirst ? first : second))
    }

    /// Whether ``denseSweeps`` is the cheaper way to iterate: the graph holds a third or more of
    /// all possible edges (typical of news articles) and its dense share matrix stays small.
    static func prefersDense(nodeCount n: Int, edgeCount: Int) -> Bool {
        n >= 2 && n <= 400 && edgeCount * 4 >= n * (n - 1)
    }

    /// The iteration over the CSR edges: each edge's share of its source's weight, gathered per row.
    /// Returns whether the result is in `first`.
    private func sparseSweeps(_ graph: SimilarityGraph, strength: UnsafeBufferPointer<Double>,
                              teleport tel: UnsafeBufferPointer<Double>, base: UnsafeBufferPointer<Double>, dangling: [Int],
                              first firstBuffer: UnsafeMutableBufferPointer<Double>,
                              second secondBuffer: UnsafeMutableBufferPointer<Double>) -> Bool {
        let n = graph.nodeCount
        // Column normalization: each edge's share of its source's total weight.
        var share = [Double](repeating: 0, count: graph.weight.count)
        for i in 0..<n {
            for e in Int(graph.rowStart[i])..<Int(graph.rowStart[i + 1]) {
                let j = Int(graph.neighbor[e])
                share[e] = strength[j] > 0 ? Double(graph.weight[e]) / strength[j] : 0
            }
        }
        var resultInFirst = true
        let d = damping
        do {
            do {
                do {
                    share.withUnsafeBufferPointer { shr in
                        do {
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
        return resultInFirst
    }

    /// The same iteration over a dense share matrix, two rows per `SIMD2` lane pair and eight rows
    /// at once, so the eight row sums are independent chains instead of one serial chain per row.
    ///
    /// The result is bit for bit that of ``sparseSweeps``: each row still sums its products in
    /// ascending neighbour order, and the matrix entries of absent edges add `0 × score = +0.0`,
    /// which leaves a sum (never -0.0: it starts at +0.0 and every product is >= 0, since the
    /// damping is in (0, 1) and scores stay non-negative) unchanged. Needs `0 < damping < 1`.
    private func denseSweeps(_ graph: SimilarityGraph, strength: UnsafeBufferPointer<Double>,
                             teleport tel: UnsafeBufferPointer<Double>, base: UnsafeBufferPointer<Double>, dangling: [Int],
                             first firstBuffer: UnsafeMutableBufferPointer<Double>,
                             second secondBuffer: UnsafeMutableBufferPointer<Double>) -> Bool {
        let n = graph.nodeCount
        let pairs = (n + 1) / 2
        // share[2p + h][j] is lane h of matrix[p * n + j]; rows past n (odd n) stay zero.
        let matrix = UnsafeMutablePointer<SIMD2<Double>>.allocate(capacity: pairs * n)
        defer { matrix.deallocate() }
        graph.rowStart.withUnsafeBufferPointer { rows in
            graph.neighbor.withUnsafeBufferPointer { nbr in
                graph.weight.withUnsafeBufferPointer { weight in
                    do {
                        for i in 0..<n {
                            let row = matrix + (i >> 1) * n
                            // Each pair of rows is zeroed before its first row is filled (row by row: short
                            // stores rather than one long fill of the whole matrix).
                            if i & 1 == 0 { row.initialize(repeating: .zero, count: n) }
                            for e in Int(rows[i])..<Int(rows[i + 1]) {
                                let j = Int(nbr[e])
                                row[j][i & 1] = strength[j] > 0 ? Double(weight[e]) / strength[j] : 0
                            }
                        }
                    }
                }
            }
        }
        var resultInFirst = true
        let d = damping
        do {
            do {
                do {
                    do {
                        var cur = firstBuffer, nxt = secondBuffer
                        var iteration = 0
                        while iteration < maxIterations {
                            iteration += 1
                            var danglingMass = 0.0
                            for i in dangling { danglingMass += cur[i] }
                            var delta = 0.0
                            // Row i's new score from its sum, in ascending i (the order of `delta`).
                            @inline(__always) func finish(_ i: Int, _ sum: Double) {
                                let value = base[i] + d * (sum + danglingMass * tel[i])
                                delta += abs(value - cur[i])
                                nxt[i] = value
                            }
                            let scores = cur.baseAddress!
                            var p = 0
                            while p + 4 <= pairs {
                                let m0 = matrix + p * n, m1 = m0 + n, m2 = m1 + n, m3 = m2 + n
                                var s0 = SIMD2<Double>.zero, s1 = SIMD2<Double>.zero
                                var s2 = SIMD2<Double>.zero, s3 = SIMD2<Double>.zero
                                for j in 0..<n {
                                    let c = SIMD2<Double>(repeating: scores[j])
                                    s0 += m0[j] * c
                                    s1 += m1[j] * c
                                    s2 += m2[j] * c
                                    s3 += m3[j] * c
                                }
                                // Pairs p...p + 3 are whole rows below n except possibly the last lane.
                                let r = 2 * p
                                finish(r, s0[0]); finish(r + 1, s0[1])
                                finish(r + 2, s1[0]); finish(r + 3, s1[1])
                                finish(r + 4, s2[0]); finish(r + 5, s2[1])
                                finish(r + 6, s3[0]); if r + 7 < n { finish(r + 7, s3[1]) }
                                p += 4
                            }
                            while p < pairs {
                                let m0 = matrix + p * n
                                var s0 = SIMD2<Double>.zero
                                for j in 0..<n { s0 += m0[j] * SIMD2<Double>(repeating: scores[j]) }
                                let r = 2 * p
                                finish(r, s0[0]); if r + 1 < n { finish(r + 1, s0[1]) }
                                p += 1
                            }
                            swap(&cur, &nxt)
                            resultInFirst.toggle()
                            if delta < tolerance { break }
                        }
                    }
                }
            }
        }
        return resultInFirst
    }

    static func normalize(_ scores: UnsafeBufferPointer<Double>) -> [Double] {
        let total = scores.reduce(0, +)
        guard total > 0, total.isFinite else {
            return [Double](repeating: 1 / Double(max(scores.count, 1)), count: scores.count)
        }
        var normalized = [Double]()
        normalized.reserveCapacity(scores.count)
        for score in scores { normalized.append(score / total) }
        return normalized
    }
}
