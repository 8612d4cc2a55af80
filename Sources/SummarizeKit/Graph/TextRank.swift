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

    /// ``rank(_:prior:)``, with the dense iteration allowed or not (the result is the same), in double precision or,
    /// with `singlePrecision`, in `Float` (four rows per vector instead of two: half the instructions of the dense
    /// iteration). Single precision suits a tolerance of about 1e-6 or more: below it, rounding may keep the L1
    /// change above the tolerance until `maxIterations`.
    func rank(_ graph: SimilarityGraph, prior: [Double]?, allowDense: Bool, singlePrecision: Bool = false) -> [Double] {
        singlePrecision
            ? rank(graph, prior: prior, allowDense: allowDense, lanes: SIMD4<Float>.self)
            : rank(graph, prior: prior, allowDense: allowDense, lanes: SIMD2<Double>.self)
    }

    /// ``rank(_:prior:allowDense:singlePrecision:)`` computed in `V.Scalar`; the dense iteration puts `V.scalarCount`
    /// rows in each vector.
    private func rank<V: SIMD>(_ graph: SimilarityGraph, prior: [Double]?, allowDense: Bool, lanes: V.Type) -> [Double]
    where V.Scalar: BinaryFloatingPoint {
        typealias T = V.Scalar
        let n = graph.nodeCount
        if n == 0 { return [] }
        // The per-node columns in one allocation, freed on return: the teleport distribution, each node's
        // total edge weight, the two score buffers and each node's teleport term.
        let columns = UnsafeMutablePointer<T>.allocate(capacity: 5 * n)
        defer { columns.deallocate() }
        let teleport = UnsafeMutableBufferPointer(start: columns, count: n)
        let strength = UnsafeMutableBufferPointer(start: columns + n, count: n)
        let first = UnsafeMutableBufferPointer(start: columns + 2 * n, count: n)
        let second = UnsafeMutableBufferPointer(start: columns + 3 * n, count: n)
        let base = UnsafeMutableBufferPointer(start: columns + 4 * n, count: n)
        teleport.initialize(repeating: T(1 / Double(n)))
        if let prior, prior.count == n {
            let total = prior.reduce(0) { $0 + (($1.isFinite && $1 > 0) ? $1 : 0) }
            if total > 0 {
                for i in 0..<n { teleport[i] = T((prior[i].isFinite && prior[i] > 0) ? prior[i] / total : 0) }
            }
        }
        // Column normalization: each edge's share of its source's total weight.
        graph.rowStart.withUnsafeBufferPointer { rows in
            graph.weight.withUnsafeBufferPointer { weight in
                for i in 0..<n {
                    var sum: T = 0
                    for e in Int(rows[i])..<Int(rows[i + 1]) { sum += T(weight[e]) }
                    strength[i] = sum
                }
            }
        }
        _ = first.initialize(fromContentsOf: teleport)
        second.initialize(repeating: 0)
        let d = T(damping)
        // Loop invariants: each node's teleport term, and the nodes without edges (usually none).
        for i in 0..<n { base[i] = (1 - d) * teleport[i] }
        let dangling = (0..<n).filter { strength[$0] == 0 }
        let resultInFirst: Bool
        if allowDense, Self.prefersDense(nodeCount: n, edgeCount: graph.weight.count), d > 0, d < 1 {
            resultInFirst = denseSweeps(graph, lanes: V.self, strength: UnsafeBufferPointer(strength),
                                        teleport: UnsafeBufferPointer(teleport), base: UnsafeBufferPointer(base),
                                        dangling: dangling, first: first, second: second)
        } else {
            resultInFirst = sparseSweeps(graph, strength: UnsafeBufferPointer(strength), teleport: UnsafeBufferPointer(teleport),
                                         base: UnsafeBufferPointer(base), dangling: dangling, first: first, second: second)
        }
        return Self.normalize(UnsafeBufferPointer(resultInFirst ? first : second))
    }

    /// Whether ``denseSweeps`` is the cheaper way to iterate: the graph holds an eighth or more of all
    /// possible edges (typical of news articles) and its dense share matrix stays small. Below that the
    /// sparse rows are short, and each row's loop ends with a mispredicted branch.
    static func prefersDense(nodeCount n: Int, edgeCount: Int) -> Bool {
        n >= 2 && n <= 400 && edgeCount * 8 >= n * (n - 1)
    }

    /// The iteration over the CSR edges: each edge's share of its source's weight, gathered per row.
    /// Returns whether the result is in `first`.
    private func sparseSweeps<T: BinaryFloatingPoint>(_ graph: SimilarityGraph, strength: UnsafeBufferPointer<T>,
                                                      teleport tel: UnsafeBufferPointer<T>, base: UnsafeBufferPointer<T>,
                                                      dangling: [Int], first firstBuffer: UnsafeMutableBufferPointer<T>,
                                                      second secondBuffer: UnsafeMutableBufferPointer<T>) -> Bool {
        let n = graph.nodeCount
        // Column normalization: each edge's share of its source's total weight.
        var share = [T](repeating: 0, count: graph.weight.count)
        for i in 0..<n {
            for e in Int(graph.rowStart[i])..<Int(graph.rowStart[i + 1]) {
                let j = Int(graph.neighbor[e])
                share[e] = strength[j] > 0 ? T(graph.weight[e]) / strength[j] : 0
            }
        }
        var resultInFirst = true
        let d = T(damping), tolerance = T(tolerance)
        share.withUnsafeBufferPointer { shr in
        graph.rowStart.withUnsafeBufferPointer { rows in
        graph.neighbor.withUnsafeBufferPointer { nbr in
            // The two buffers trade roles each iteration; nothing is allocated here.
            var cur = firstBuffer, nxt = secondBuffer
            var iteration = 0
            while iteration < maxIterations {
                iteration += 1
                var danglingMass: T = 0
                for i in dangling { danglingMass += cur[i] }
                var delta: T = 0
                for i in 0..<n {
                    var sum: T = 0
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
        return resultInFirst
    }

    /// The same iteration over a dense share matrix, `V.scalarCount` rows per vector (one per lane) and four
    /// vectors at once, so the row sums are independent chains instead of one serial chain per row.
    ///
    /// The result is bit for bit that of ``sparseSweeps``: each row still sums its products in
    /// ascending neighbour order, and the matrix entries of absent edges add `0 × score = +0.0`,
    /// which leaves a sum (never -0.0: it starts at +0.0 and every product is >= 0, since the
    /// damping is in (0, 1) and scores stay non-negative) unchanged. Needs `0 < damping < 1`.
    private func denseSweeps<V: SIMD>(_ graph: SimilarityGraph, lanes: V.Type, strength: UnsafeBufferPointer<V.Scalar>,
                                      teleport tel: UnsafeBufferPointer<V.Scalar>, base: UnsafeBufferPointer<V.Scalar>,
                                      dangling: [Int], first firstBuffer: UnsafeMutableBufferPointer<V.Scalar>,
                                      second secondBuffer: UnsafeMutableBufferPointer<V.Scalar>) -> Bool
    where V.Scalar: BinaryFloatingPoint {
        typealias T = V.Scalar
        let n = graph.nodeCount
        let width = V.scalarCount
        let groups = (n + width - 1) / width
        // Row i is lane i % width of matrix[(i / width) * n + j]; rows past n stay zero.
        let matrix = UnsafeMutablePointer<V>.allocate(capacity: groups * n)
        defer { matrix.deallocate() }
        // The same memory as scalars: entry (i, j) at `((i / width) * n + j) * width + i % width`, stored without
        // reading its vector back.
        let entries = UnsafeMutableRawPointer(matrix).assumingMemoryBound(to: T.self)
        graph.rowStart.withUnsafeBufferPointer { rows in
        graph.neighbor.withUnsafeBufferPointer { nbr in
        graph.weight.withUnsafeBufferPointer { weight in
            for i in 0..<n {
                let lane = i % width
                // Each group of rows is zeroed before its first row is filled (group by group: short
                // stores rather than one long fill of the whole matrix).
                if lane == 0 { (matrix + (i / width) * n).initialize(repeating: .zero, count: n) }
                let row = entries + (i / width) * n * width + lane
                for e in Int(rows[i])..<Int(rows[i + 1]) {
                    let j = Int(nbr[e])
                    row[j * width] = strength[j] > 0 ? T(weight[e]) / strength[j] : 0
                }
            }
        }
        }
        }
        var resultInFirst = true
        let d = T(damping), tolerance = T(tolerance)
        var cur = firstBuffer, nxt = secondBuffer
        var iteration = 0
        while iteration < maxIterations {
            iteration += 1
            var danglingMass: T = 0
            for i in dangling { danglingMass += cur[i] }
            var delta: T = 0
            // Row i's new score from its sum, in ascending i (the order of `delta`).
            @inline(__always) func finish(_ i: Int, _ sum: T) {
                let value = base[i] + d * (sum + danglingMass * tel[i])
                delta += abs(value - cur[i])
                nxt[i] = value
            }
            @inline(__always) func finish(group p: Int, _ sums: V) {
                let r = p * width
                for lane in 0..<min(width, n - r) { finish(r + lane, sums[lane]) }
            }
            let scores = cur.baseAddress!
            var p = 0
            while p + 4 <= groups {
                let m0 = matrix + p * n, m1 = m0 + n, m2 = m1 + n, m3 = m2 + n
                var s0 = V.zero, s1 = V.zero, s2 = V.zero, s3 = V.zero
                for j in 0..<n {
                    let c = V(repeating: scores[j])
                    s0 += m0[j] * c
                    s1 += m1[j] * c
                    s2 += m2[j] * c
                    s3 += m3[j] * c
                }
                finish(group: p, s0); finish(group: p + 1, s1); finish(group: p + 2, s2); finish(group: p + 3, s3)
                p += 4
            }
            while p < groups {
                let m0 = matrix + p * n
                var s0 = V.zero
                for j in 0..<n { s0 += m0[j] * V(repeating: scores[j]) }
                finish(group: p, s0)
                p += 1
            }
            swap(&cur, &nxt)
            resultInFirst.toggle()
            if delta < tolerance { break }
        }
        return resultInFirst
    }

    static func normalize<T: BinaryFloatingPoint>(_ scores: UnsafeBufferPointer<T>) -> [Double] {
        var total = 0.0
        for score in scores { total += Double(score) }
        guard total > 0, total.isFinite else {
            return [Double](repeating: 1 / Double(max(scores.count, 1)), count: scores.count)
        }
        var normalized = [Double]()
        normalized.reserveCapacity(scores.count)
        for score in scores { normalized.append(Double(score) / total) }
        return normalized
    }
}
