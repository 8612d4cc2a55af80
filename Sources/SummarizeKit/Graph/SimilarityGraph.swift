import Foundation

/// An undirected, weighted graph with one node per sentence, stored as flat
/// CSR arrays: the neighbours of node `i` are
/// `neighbor[rowStart[i]..<rowStart[i + 1]]`, with the same-index `weight`s.
///
/// Two sentences are joined when they share a content term (a stem that is
/// not a stopword). Pairs are found through an inverted index from term to
/// sentences, so pairs that share nothing are never visited.
///
/// ```swift
/// let graph = SimilarityGraph(tokens, configuration: .init(weighting: .logLength))
/// graph.neighbors(of: 0)   // [(neighbor, weight)]
/// ```
///
/// - Complexity: O(Σ df(t)²) over the terms kept; terms in more than
///   `maxDocumentFrequency` sentences are skipped (a cap that shrinks with
///   1/√n past 2,000 sentences), so this is at most the cap × the number of
///   content tokens. Each sentence keeps
///   its `maxNeighbors` strongest neighbours (and every sentence that keeps it),
///   so a book-length text has at most 2 × `maxNeighbors` × n edges: time and
///   memory grow about linearly with the text.
public struct SimilarityGraph: Sendable {
    /// How the weight of an edge is computed from the shared terms.
    public enum Weighting: String, Sendable, Hashable, CaseIterable, Codable {
        /// Mihalcea & Tarau (2004): |Si ∩ Sj| / (log|Si| + log|Sj|).
        case logLength
        /// Shared terms weighted by inverse sentence frequency,
        /// Σ idf(t) / (log|Si| + log|Sj|), with idf floored above zero.
        case idf
        /// Cosine of the sentences' binary idf vectors (Erkan & Radev 2004, LexRank, with tf = 1):
        /// Σ idf(t)² / (‖Si‖·‖Sj‖), idf floored above zero as for ``idf``.
        case idfCosine
        /// Cosine of the sentences' binary term vectors: |Si ∩ Sj| / √(|Si|·|Sj|) (Salton's cosine
        /// with tf = 1 and no idf). Longer sentences gain less from their extra terms than under ``logLength``.
        case cosine
        /// Cosine of the sentences' term-count vectors: Σ c_i(t)·c_j(t) / (‖c_i‖·‖c_j‖), where c_i(t) counts the
        /// tokens of term t in sentence i (Salton's cosine with raw term frequency, no idf). A term a sentence
        /// repeats weighs more in it; otherwise this is ``cosine``.
        case termFrequencyCosine
    }

    public struct Configuration: Sendable, Hashable {
        public var weighting: Weighting
        /// Terms found in more sentences than this are ignored (they join
        /// almost everything and carry almost no information).
        public var maxDocumentFrequency: Int
        /// Each sentence keeps at most this many neighbours, its strongest (ties: the lower
        /// sentence index); an edge stays when either end keeps it, so the graph stays
        /// undirected. Values below 1 count as 1. Texts of at most `maxNeighbors + 1`
        /// sentences (every news article) are unaffected.
        public var maxNeighbors: Int
        public init(weighting: Weighting = .idf, maxDocumentFrequency: Int = 256, maxNeighbors: Int = 100) {
            self.weighting = weighting
            self.maxDocumentFrequency = maxDocumentFrequency
            self.maxNeighbors = maxNeighbors
        }
    }

    /// The number of nodes (sentences).
    public let nodeCount: Int
    /// Where each node's neighbours start in ``neighbor``; `nodeCount + 1` entries.
    public let rowStart: ContiguousArray<Int32>
    /// Neighbour node indices, ascending within each row.
    public let neighbor: ContiguousArray<Int32>
    /// Edge weights, parallel to ``neighbor``.
    public let weight: ContiguousArray<Float>
    /// The distinct content terms of each sentence (CSR, sorted ascending).
    public let sentenceTermStart: ContiguousArray<Int32>
    public let sentenceTerms: ContiguousArray<TermID>

    /// The number of distinct content terms of sentence `i`.
    public func termCount(ofSentence i: Int) -> Int {
        Int(sentenceTermStart[i + 1] - sentenceTermStart[i])
    }

    /// The neighbours of `node` with their weights.
    public func neighbors(of node: Int) -> [(node: Int, weight: Float)] {
        (Int(rowStart[node])..<Int(rowStart[node + 1])).map { (Int(neighbor[$0]), weight[$0]) }
    }

    public init(_ tokens: TokenTable, configuration: Configuration = Configuration()) {
        let n = tokens.sentenceCount
        let termCount = tokens.termCount
        nodeCount = n

        // Scratch columns in one allocation, freed on return: per term its document frequency, the sentence
        // that last kept it, where its postings start, a cursor into them and its weight; the postings (at
        // most one per token); per sentence the half of the denominator (`logLength`); the rows' terms (at most
        // one per token), copied into `sentenceTerms` once sorted (an array filled in place would be allocated
        // through the standard library's unspecialized path, which looks its type up at run time).
        let tokenCount = tokens.tokenCount
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: 4 * max(5 * termCount + 2 + 2 * tokenCount + n, 1),
                                                       alignment: 8)
        defer { scratch.deallocate() }
        let termColumns = scratch.bindMemory(to: Int32.self, capacity: 4 * termCount + 2 + tokenCount)
        let documentFrequency = UnsafeMutableBufferPointer(start: termColumns, count: termCount)
        documentFrequency.initialize(repeating: 0)
        let lastSeen = UnsafeMutableBufferPointer(start: termColumns + termCount, count: termCount)
        lastSeen.initialize(repeating: -1)
        let postingStart = UnsafeMutableBufferPointer(start: termColumns + 2 * termCount, count: termCount + 1)
        let cursor = UnsafeMutableBufferPointer(start: termColumns + 3 * termCount + 1, count: termCount + 1)
        let postingBase = termColumns + 4 * termCount + 2
        let floats = (scratch + 4 * (4 * termCount + 2 + tokenCount)).bindMemory(to: Float.self, capacity: termCount + n)
        let termWeight = UnsafeMutableBufferPointer(start: floats, count: termCount)
        let logLength = UnsafeMutableBufferPointer(start: floats + termCount, count: n)
        let rowTerms = (scratch + 4 * (5 * termCount + 2 + tokenCount + n)).bindMemory(to: TermID.self, capacity: tokenCount)

        // 1. Distinct content terms per sentence as CSR, each row in order of first appearance (sorted in 2b).
        var termStart = ContiguousArray<Int32>(); termStart.reserveCapacity(n + 1); termStart.append(0)
        var written = 0
        do {
            tokens.termIDs.withUnsafeBufferPointer { ids in
            tokens.isStopword.withUnsafeBufferPointer { stop in
            tokens.sentenceTokenStart.withUnsafeBufferPointer { sentenceStart in
                for s in 0..<n {
                    let row = Int32(truncatingIfNeeded: s)
                    // Every token is written and kept or not by arithmetic: whether a token is a
                    // stopword or a repeat is unpredictable, and a branch on it missed about half the time.
                    for t in Int(sentenceStart[s])..<Int(sentenceStart[s + 1]) {
                        let term = ids[t]
                        let last = lastSeen[Int(term)]
                        let keep: Int32 = (stop[t] ? 0 : 1) & (last != row ? 1 : 0)
                        lastSeen[Int(term)] = last &+ (row &- last) &* keep   // row when kept, else unchanged
                        rowTerms[written] = term   // past the row's end unless kept (overwritten next)
                        written &+= Int(keep)
                        documentFrequency[Int(term)] &+= keep
                    }
                    termStart.append(Int32(written))
                }
            }
            }
            }
        }

        // 2. Inverted index term -> sentences (ascending), as CSR.
        postingStart[0] = 0
        for t in 0..<termCount { postingStart[t + 1] = postingStart[t] + documentFrequency[t] }
        let postings = UnsafeMutableBufferPointer(start: postingBase, count: Int(postingStart[termCount]))
        for t in 0...termCount { cursor[t] = postingStart[t] }
        let sortedRows = UnsafeMutableBufferPointer(start: rowTerms, count: written)
        termStart.withUnsafeMutableBufferPointer { termStart in
        do {
            let terms = sortedRows
            for s in 0..<n {
                for k in Int(termStart[s])..<Int(termStart[s + 1]) {
                    let term = Int(terms[k])
                    postings[Int(cursor[term])] = Int32(truncatingIfNeeded: s)
                    cursor[term] &+= 1
                }
            }
            // 2b. The rows in ascending term order, without comparisons: each term's postings dealt to their
            // rows in ascending term order. termStart[s] walks row s and ends at the row's end, then the
            // entries move up one place.
            for t in 0..<termCount {
                for p in Int(postingStart[t])..<Int(postingStart[t + 1]) {
                    let s = Int(postings[p])
                    terms[Int(termStart[s])] = TermID(truncatingIfNeeded: t)
                    termStart[s] &+= 1
                }
            }
            var s = n
            while s > 0 { termStart[s] = termStart[s - 1]; s -= 1 }
            termStart[0] = 0
        }
        }
        let terms = ContiguousArray(UnsafeBufferPointer(sortedRows))

        // 2c. With term frequencies: how many tokens of each row entry's term the sentence holds
        // (parallel to `terms`), and of each posting (parallel to the postings); other weightings count
        // every entry once and keep no column.
        let countsTerms = configuration.weighting == .termFrequencyCosine
        var rowCounts = ContiguousArray<Float>()
        var postingCounts = ContiguousArray<Float>()
        if countsTerms {
            rowCounts = ContiguousArray(repeating: 0, count: terms.count)
            var countOf = ContiguousArray<Float>(repeating: 0, count: termCount)
            for s in 0..<n {
                for t in tokens.tokens(inSentence: s) where !tokens.isStopword[t] { countOf[Int(tokens.termIDs[t])] += 1 }
                for k in Int(termStart[s])..<Int(termStart[s + 1]) {
                    rowCounts[k] = countOf[Int(terms[k])]
                    countOf[Int(terms[k])] = 0
                }
            }
            postingCounts = ContiguousArray(repeating: 0, count: postings.count)
            for t in 0..<termCount { cursor[t] = postingStart[t] }
            for s in 0..<n {
                for k in Int(termStart[s])..<Int(termStart[s + 1]) {
                    let term = Int(terms[k])
                    postingCounts[Int(cursor[term])] = rowCounts[k]
                    cursor[term] += 1
                }
            }
        }

        // 3. Term weights.
        termWeight.initialize(repeating: 1)
        if configuration.weighting == .idf || configuration.weighting == .idfCosine {
            let count = Double(max(n, 1))
            for t in 0..<termCount {
                let df = Double(documentFrequency[t])
                // Smoothed idf, floored so that a term in every sentence still counts a little.
                termWeight[t] = Float(max(log((count + 1) / (df + 0.5)), 0.05))
                if configuration.weighting == .idfCosine { termWeight[t] *= termWeight[t] }
            }
        }
        // The per-sentence half of the denominator: log-length, or the idf vector's norm for cosine
        // (then the denominator is a product, stored here as logs would be a sum: see `denominator`).
        let cosine = configuration.weighting == .idfCosine || configuration.weighting == .cosine || countsTerms
        for s in 0..<n {
            if cosine {
                var squares: Float = 0
                for k in Int(termStart[s])..<Int(termStart[s + 1]) {
                    squares += countsTerms ? rowCounts[k] * rowCounts[k] : termWeight[Int(terms[k])]
                }
                logLength[s] = squares.squareRoot()
            } else {
                // log(|S| + 1) keeps one-word sentences from dividing by log(1) = 0.
                logLength[s] = Float(log(Double(termStart[s + 1] - termStart[s]) + 1))
            }
        }

        // 4. Edges: accumulate shared-term weight into a dense scratch row, touched list resets it.
        // A row's candidates are packed as (neighbour << 32 | weight bits) so one in-place sort
        // orders them by neighbour; a row with more than `maxNeighbors` first keeps its strongest.
        // Any Int is a valid setting. Past `longTextSentences` sentences the cap shrinks with
        // 1/√n, so the pair work (≤ cap × content tokens) grows like √n × n^0.5 = n: book-length
        // texts stay near linear. Articles (a few hundred sentences at most) are unaffected.
        let cap = Int32(clamping: Self.effectiveDocumentFrequencyCap(configuration.maxDocumentFrequency, sentences: n))
        var edges = EdgeBuilder(nodeCount: n, keep: max(configuration.maxNeighbors, 1), cosine: cosine)
        let frequencies = UnsafeBufferPointer(documentFrequency), starts = UnsafeBufferPointer(postingStart)
        let list = UnsafeBufferPointer(postings), termWeights = UnsafeBufferPointer(termWeight)
        let lengths = UnsafeBufferPointer(logLength)
        termStart.withUnsafeBufferPointer { termStart in
        terms.withUnsafeBufferPointer { terms in
        rowCounts.withUnsafeBufferPointer { rowCounts in
        postingCounts.withUnsafeBufferPointer { postingCounts in
            // One call with every input as a buffer: the loops then touch only locals and
            // `edges` (no captured variables, so no dynamic exclusivity checks per edge).
            // Term counts are a type parameter, so the other weightings' loops compile without them.
            func run<Counts: TermCounts>(_ counts: Counts) {
                if n - 1 <= edges.keep {
                    // Every row is within the cap: each pair is weighed once (`fill` is free again).
                    edges.buildTriangle(termStart: termStart, terms: terms, documentFrequency: frequencies, cap: cap,
                                        postingStart: starts, postings: list, termWeight: termWeights,
                                        logLength: lengths, cursor: cursor, counts: counts)
                } else {
                    edges.build(termStart: termStart, terms: terms, documentFrequency: frequencies, cap: cap,
                                postingStart: starts, postings: list, termWeight: termWeights, logLength: lengths,
                                counts: counts)
                }
            }
            if countsTerms { run(CountedTerms(rows: rowCounts, postings: postingCounts)) } else { run(SingleTerms()) }
        }
        }
        }
        }
        var rows = edges.rows
        var neighbors = ContiguousArray(UnsafeBufferPointer(start: edges.neighbors, count: edges.edgeCount))
        var weights = ContiguousArray(UnsafeBufferPointer(start: edges.weights, count: edges.edgeCount))
        edges.release()
        if edges.anyRowCapped { Self.symmetrize(rows: &rows, neighbors: &neighbors, weights: &weights) }
        rowStart = rows
        neighbor = neighbors
        weight = weights
        sentenceTermStart = termStart
        sentenceTerms = terms
    }

    /// Step 4 of ``init(_:configuration:)``: the edges of every row, from the inverted index.
    struct EdgeBuilder {
        let n: Int
        let keep: Int
        let cosine: Bool
        var rows = ContiguousArray<Int32>()
        /// The edges so far (neighbour and weight columns in raw memory, grown by doubling).
        var neighbors: UnsafeMutablePointer<Int32>
        var weights: UnsafeMutablePointer<Float>
        var edgeCount = 0
        var edgeCapacity: Int
        var anyRowCapped = false
        /// The dense scratch row (all zero between rows), the touched list and the capped-row candidates.
        let accumulated: UnsafeMutablePointer<Float>
        let touched: UnsafeMutablePointer<Int32>
        var candidates = ContiguousArray<UInt64>()

        init(nodeCount: Int, keep: Int, cosine: Bool) {
            n = nodeCount
            self.keep = keep
            self.cosine = cosine
            rows.reserveCapacity(nodeCount + 1)
            rows.append(0)
            accumulated = .allocate(capacity: max(nodeCount, 1))
            accumulated.initialize(repeating: 0, count: max(nodeCount, 1))
            touched = .allocate(capacity: max(nodeCount, 1))
            // Room for a dense article graph up front; longer texts grow by doubling.
            let (all, overflow) = nodeCount.multipliedReportingOverflow(by: min(max(nodeCount - 1, 1), keep))
            edgeCapacity = max(16, min(overflow ? 1 << 16 : all, 1 << 16))
            neighbors = .allocate(capacity: edgeCapacity)
            weights = .allocate(capacity: edgeCapacity)
        }

        func release() {
            accumulated.deallocate()
            touched.deallocate()
            neighbors.deallocate()
            weights.deallocate()
        }

        @inline(__always)
        mutating func appendEdge(_ neighbor: Int32, _ weight: Float) {
            if edgeCount == edgeCapacity { growEdges() }
            neighbors[edgeCount] = neighbor
            weights[edgeCount] = weight
            edgeCount += 1
        }

        @inline(never)
        mutating func growEdges() {
            let capacity = edgeCapacity * 2
            neighbors = neighbors.movedToNewAllocation(count: edgeCount, capacity: capacity)
            weights = weights.movedToNewAllocation(count: edgeCount, capacity: capacity)
            edgeCapacity = capacity
        }

        mutating func build(termStart: UnsafeBufferPointer<Int32>, terms: UnsafeBufferPointer<TermID>,
                            documentFrequency: UnsafeBufferPointer<Int32>, cap: Int32,
                            postingStart: UnsafeBufferPointer<Int32>, postings: UnsafeBufferPointer<Int32>,
                            termWeight: UnsafeBufferPointer<Float>, logLength: UnsafeBufferPointer<Float>,
                            counts: some TermCounts) {
            for s in 0..<n {
                var touchedCount = 0
                for k in Int(termStart[s])..<Int(termStart[s + 1]) {
                    let term = Int(terms[k])
                    if documentFrequency[term] > cap || documentFrequency[term] < 2 { continue }
                    let w = termWeight[term] * counts.row(k)
                    for p in Int(postingStart[term])..<Int(postingStart[term + 1]) {
                        let other = Int(postings[p])
                        if other == s { continue }
                        if accumulated[other] == 0 { touched[touchedCount] = Int32(truncatingIfNeeded: other); touchedCount += 1 }
                        accumulated[other] += w * counts.posting(p)
                    }
                }
                if touchedCount <= keep {
                    // Within the cap (every news article): all edges, in neighbour order. When the
                    // row touches a good share of the sentences, one pass over the dense scratch row
                    // (touched entries are exactly the non-zero ones: every weight is > 0) yields them
                    // in order more cheaply than sorting the touched list.
                    if touchedCount * 4 >= n {
                        for o in 0..<n where accumulated[o] != 0 { emit(s, o, logLength) }
                    } else {
                        SimilarityGraph.sortRow(UnsafeMutableBufferPointer(start: touched, count: touchedCount))
                        for k in 0..<touchedCount { emit(s, Int(touched[k]), logLength) }
                    }
                    rows.append(Int32(truncatingIfNeeded: edgeCount))
                    continue
                }
                for k in 0..<touchedCount {
                    let o = Int(touched[k])
                    let value = weight(s, o, logLength)
                    if value > 0, value.isFinite {
                        candidates.append(UInt64(UInt32(bitPattern: Int32(truncatingIfNeeded: o))) << 32 | UInt64(value.bitPattern))
                    }
                }
                let keep = keep
                var capped = false
                candidates.withUnsafeMutableBufferPointer { row in
                    if row.count > keep {
                        capped = true
                        SimilarityGraph.keepStrongest(row, keep)
                    }
                    SimilarityGraph.sortRow(UnsafeMutableBufferPointer(rebasing: row[0..<min(row.count, keep)]))
                }
                if capped { anyRowCapped = true }
                for packed in candidates[0..<min(candidates.count, keep)] {
                    appendEdge(Int32(truncatingIfNeeded: packed >> 32), Float(bitPattern: UInt32(truncatingIfNeeded: packed)))
                }
                candidates.removeAll(keepingCapacity: true)
                rows.append(Int32(truncatingIfNeeded: edgeCount))
            }
        }

        /// ``build`` when no row can exceed the cap (`n - 1 <= keep`), weighing each pair once.
        ///
        /// The weight of s–o is the same float from either end: the shared terms are summed in
        /// ascending term order from both ends and the denominator is commutative. So row s only
        /// accumulates its later neighbours o > s (each term's postings after s, found by a cursor
        /// that walks every posting list once), and each such edge is also written, transposed, into
        /// row o before o's own later neighbours: rows come out in ascending neighbour order with
        /// the same weights as ``build``.
        mutating func buildTriangle(termStart: UnsafeBufferPointer<Int32>, terms: UnsafeBufferPointer<TermID>,
                                    documentFrequency: UnsafeBufferPointer<Int32>, cap: Int32,
                                    postingStart: UnsafeBufferPointer<Int32>, postings: UnsafeBufferPointer<Int32>,
                                    termWeight: UnsafeBufferPointer<Float>, logLength: UnsafeBufferPointer<Float>,
                                    cursor: UnsafeMutableBufferPointer<Int32>, counts: some TermCounts) {
            for t in 0..<cursor.count { cursor[t] = postingStart[t] }
            // Pass 1 lists a row's neighbours in `neighbors`: room for n of them.
            if edgeCapacity < n {
                neighbors.deallocate(); weights.deallocate()
                edgeCapacity = n
                neighbors = .allocate(capacity: n); weights = .allocate(capacity: n)
            }
            // Pass 1: the edges s–o with o > s, per row s, packed (o << 32 | weight bits); `rows`
            // holds where each row's run ends, `touched` counts each node's earlier neighbours.
            var upper = ContiguousArray<UInt64>()
            upper.reserveCapacity(max(edgeCapacity / 2, 16))
            for o in 0..<n { touched[o] = 0 }
            var later = 0   // the row's later neighbours, listed in `neighbors` (free until pass 2)
            for s in 0..<n {
                later = 0
                for k in Int(termStart[s])..<Int(termStart[s + 1]) {
                    let term = Int(terms[k])
                    let position = Int(cursor[term])
                    cursor[term] = Int32(truncatingIfNeeded: position + 1)   // postings[position] == s
                    if documentFrequency[term] > cap || documentFrequency[term] < 2 { continue }
                    let w = termWeight[term] * counts.row(k)
                    for p in (position + 1)..<Int(postingStart[term + 1]) {
                        let other = Int(postings[p])
                        // Listed when first reached (without a branch: that is unpredictable).
                        neighbors[later] = Int32(truncatingIfNeeded: other)
                        later &+= Self.isZero(accumulated[other])
                        accumulated[other] += w * counts.posting(p)
                    }
                }
                if later * 4 >= n - s {
                    // Dense row: the nonzero columns in ascending order, gathered without branching.
                    var count = 0
                    for o in (s + 1)..<max(n, s + 1) {
                        neighbors[count] = Int32(truncatingIfNeeded: o)
                        count &+= 1 &- Self.isZero(accumulated[o])
                    }
                    for k in 0..<count { emitUpper(s, Int(neighbors[k]), logLength, into: &upper) }
                } else {
                    SimilarityGraph.sortRow(UnsafeMutableBufferPointer(start: neighbors, count: later))
                    for k in 0..<later { emitUpper(s, Int(neighbors[k]), logLength, into: &upper) }
                }
                rows.append(Int32(truncatingIfNeeded: upper.count))
            }
            // Pass 2: each row's earlier neighbours (transposed from the rows before it, which come
            // in ascending order), then its later ones. touched[o] becomes the next free slot of
            // row o's earlier part.
            let total = 2 * upper.count
            if total > edgeCapacity {
                neighbors.deallocate(); weights.deallocate()
                edgeCapacity = total
                neighbors = .allocate(capacity: total); weights = .allocate(capacity: total)
            }
            var start = 0
            for o in 0..<n {
                let earlier = Int(touched[o])
                touched[o] = Int32(truncatingIfNeeded: start + Int(rows[o]))   // rows[o]: later edges of rows before o
                start += earlier
            }
            upper.withUnsafeBufferPointer { upper in
                var begin = 0
                for s in 0..<n {
                    let end = Int(rows[s + 1])
                    var at = Int(touched[s])   // all of row s's earlier neighbours are in place
                    for k in begin..<end {
                        let packed = upper[k]
                        let o = Int(truncatingIfNeeded: packed >> 32)
                        let bits = UInt32(truncatingIfNeeded: packed)
                        neighbors[at] = Int32(truncatingIfNeeded: o)
                        weights[at] = Float(bitPattern: bits)
                        at += 1
                        let slot = Int(touched[o])
                        neighbors[slot] = Int32(truncatingIfNeeded: s)
                        weights[slot] = Float(bitPattern: bits)
                        touched[o] = Int32(truncatingIfNeeded: slot + 1)
                    }
                    rows[s + 1] = Int32(truncatingIfNeeded: at)
                    begin = end
                }
            }
            edgeCount = total
        }

        /// 1 when `value` (a sum of positive weights, or +0 before the first) is zero, else 0: an integer
        /// test of its bits, which compiles without a branch (a float comparison also checks for NaN).
        @inline(__always)
        static func isZero(_ value: Float) -> Int {
            Int(truncatingIfNeeded: ~(value.bitPattern | (0 &- value.bitPattern)) >> 31)
        }

        @inline(__always)
        func emitUpper(_ s: Int, _ o: Int, _ logLength: UnsafeBufferPointer<Float>, into upper: inout ContiguousArray<UInt64>) {
            let value = weight(s, o, logLength)
            if value > 0, value.isFinite {
                upper.append(UInt64(UInt32(truncatingIfNeeded: o)) << 32 | UInt64(value.bitPattern))
                touched[o] += 1
            }
        }

        /// The weight of edge s–o from the accumulated shared-term weight; resets the scratch entry.
        @inline(__always)
        func weight(_ s: Int, _ o: Int, _ logLength: UnsafeBufferPointer<Float>) -> Float {
            let denominator = cosine ? logLength[s] * logLength[o] : logLength[s] + logLength[o]
            let value = denominator > 0 ? accumulated[o] / denominator : 0
            accumulated[o] = 0
            return value
        }

        @inline(__always)
        mutating func emit(_ s: Int, _ o: Int, _ logLength: UnsafeBufferPointer<Float>) {
            let value = weight(s, o, logLength)
            if value > 0, value.isFinite {
                appendEdge(Int32(truncatingIfNeeded: o), value)
            }
        }
    }

    /// How many tokens of its term each row entry and each posting stands for: the weight of a shared term
    /// is multiplied by both counts. ``SingleTerms`` (every weighting but ``Weighting/termFrequencyCosine``)
    /// counts 1, which the compiler folds away, so those loops are the same as without counts.
    protocol TermCounts {
        /// The count of row entry `k` (an index into the row terms).
        func row(_ k: Int) -> Float
        /// The count of posting `p` (an index into the postings).
        func posting(_ p: Int) -> Float
    }

    struct SingleTerms: TermCounts {
        @inline(__always) func row(_ k: Int) -> Float { 1 }
        @inline(__always) func posting(_ p: Int) -> Float { 1 }
    }

    struct CountedTerms: TermCounts {
        let rows: UnsafeBufferPointer<Float>
        let postings: UnsafeBufferPointer<Float>
        @inline(__always) func row(_ k: Int) -> Float { rows[k] }
        @inline(__always) func posting(_ p: Int) -> Float { postings[p] }
    }

    /// Sorts a row in place: insertion sort below 24 elements, heapsort above (the standard
    /// library's sort would allocate a merge buffer per row).
    @inline(__always)
    static func sortRow<T: Comparable>(_ row: UnsafeMutableBufferPointer<T>) {
        let count = row.count
        if count > 24 { heapSort(row); return }
        var i = 1
        while i < count {
            let value = row[i]
            var j = i
            while j > 0, row[j - 1] > value { row[j] = row[j - 1]; j -= 1 }
            row[j] = value
            i += 1
        }
    }

    /// Ascending in-place heapsort; allocates nothing.
    static func heapSort<T: Comparable>(_ row: UnsafeMutableBufferPointer<T>) {
        let count = row.count
        guard count > 1 else { return }
        func siftDown(_ start: Int, _ end: Int) {
            var root = start
            while true {
                var child = 2 * root + 1
                if child >= end { return }
                if child + 1 < end, row[child] < row[child + 1] { child += 1 }
                if row[root] >= row[child] { return }
                row.swapAt(root, child)
                root = child
            }
        }
        var start = count / 2
        while start > 0 { start -= 1; siftDown(start, count) }
        var end = count
        while end > 1 {
            end -= 1
            row.swapAt(0, end)
            siftDown(0, end)
        }
    }

    /// Moves the `keep` strongest candidates (packed `neighbour << 32 | weight bits`, weights
    /// positive and finite, so their bit patterns order like their values) to the front of `row`,
    /// ties broken by the lower neighbour index; the order among them is unspecified.
    static func keepStrongest(_ row: UnsafeMutableBufferPointer<UInt64>, _ keep: Int) {
        // Rank key: weight bits high, complemented neighbour low, so larger = stronger (and, among
        // equal weights, the lower neighbour is the stronger).
        @inline(__always) func rankKey(_ packed: UInt64) -> UInt64 {
            (packed << 32) | (~(packed >> 32) & 0xFFFF_FFFF)
        }
        // A min-heap of the `keep` strongest so far in row[0..<keep]: O(m log keep), in place.
        func siftDown(_ start: Int) {
            var root = start
            while true {
                var child = 2 * root + 1
                if child >= keep { return }
                if child + 1 < keep, row[child + 1] < row[child] { child += 1 }
                if row[root] <= row[child] { return }
                row.swapAt(root, child)
                root = child
            }
        }
        for i in 0..<keep { row[i] = rankKey(row[i]) }
        var start = keep / 2
        while start > 0 { start -= 1; siftDown(start) }
        for i in keep..<row.count {
            let key = rankKey(row[i])
            if key > row[0] { row[0] = key; siftDown(0) }
        }
        for i in 0..<keep {
            let key = row[i]
            row[i] = (~key & 0xFFFF_FFFF) << 32 | (key >> 32)   // back to neighbour << 32 | weight
        }
    }

    /// Texts longer than this many sentences get a smaller document-frequency cap.
    static let longTextSentences = 2_000

    /// The document-frequency cap in force for a text of `sentences` sentences:
    /// `configured` up to ``longTextSentences`` sentences, then shrinking as
    /// `configured × √(longTextSentences / sentences)`, never below 32.
    static func effectiveDocumentFrequencyCap(_ configured: Int, sentences: Int) -> Int {
        guard sentences > longTextSentences else { return configured }
        let scaled = Double(configured) * (Double(longTextSentences) / Double(sentences)).squareRoot()
        return min(configured, max(32, Int(scaled)))
    }

    /// Adds the reverse of every edge whose target did not keep it, so that the capped graph
    /// stays undirected (an edge is kept when either end keeps it). The weight of (i, j) is the
    /// same float computed from either end: the same shared terms summed in the same order and a
    /// commutative denominator.
    static func symmetrize(rows: inout ContiguousArray<Int32>, neighbors: inout ContiguousArray<Int32>,
                           weights: inout ContiguousArray<Float>) {
        let n = rows.count - 1
        // Every loop reads plain buffers: captured arrays would be checked for exclusive access on each
        // read of the binary search (this step was over a third of a 1 MB book's instructions).
        var newRows = ContiguousArray<Int32>(repeating: 0, count: n + 1)
        var packed = ContiguousArray<UInt64>()
        rows.withUnsafeBufferPointer { rows in
        neighbors.withUnsafeBufferPointer { neighbors in
        weights.withUnsafeBufferPointer { weights in
            /// Whether row i lists j (rows are sorted by neighbour).
            @inline(__always) func has(_ i: Int, _ j: Int32) -> Bool {
                var lo = Int(rows[i]), hi = Int(rows[i + 1])
                let end = hi
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if neighbors[mid] < j { lo = mid + 1 } else { hi = mid }
                }
                return lo < end && neighbors[lo] == j
            }
            // Which edges lack their reverse: counted once, remembered for the fill below.
            let missing = UnsafeMutablePointer<Bool>.allocate(capacity: max(neighbors.count, 1))
            defer { missing.deallocate() }
            newRows.withUnsafeMutableBufferPointer { newRows in
                for i in 0..<n {
                    for e in Int(rows[i])..<Int(rows[i + 1]) {
                        let lacks = !has(Int(neighbors[e]), Int32(truncatingIfNeeded: i))
                        missing[e] = lacks
                        if lacks { newRows[Int(neighbors[e]) + 1] += 1 }
                    }
                }
                for i in 0..<n { newRows[i + 1] += newRows[i] + (rows[i + 1] - rows[i]) }
            }
            let total = Int(newRows[n])
            // The reverse edges each row gains, in CSR: row i's are added in ascending i, so each list
            // is sorted, like the row's own neighbours; a row is then the merge of the two lists.
            let extraCount = total - neighbors.count
            let extraStart = UnsafeMutablePointer<Int>.allocate(capacity: n + 1)
            defer { extraStart.deallocate() }
            extraStart[0] = 0
            for i in 0..<n { extraStart[i + 1] = extraStart[i] + (Int(newRows[i + 1] - newRows[i]) - Int(rows[i + 1] - rows[i])) }
            let extras = UnsafeMutablePointer<UInt64>.allocate(capacity: max(extraCount, 1))
            defer { extras.deallocate() }
            let fill = UnsafeMutablePointer<Int>.allocate(capacity: max(n, 1))
            defer { fill.deallocate() }
            for i in 0..<n { fill[i] = extraStart[i] }
            for i in 0..<n {
                for e in Int(rows[i])..<Int(rows[i + 1]) where missing[e] {
                    let j = Int(neighbors[e])
                    extras[fill[j]] = UInt64(UInt32(truncatingIfNeeded: i)) << 32 | UInt64(weights[e].bitPattern)
                    fill[j] += 1
                }
            }
            packed = ContiguousArray(unsafeUninitializedCapacity: total) { all, initialized in
                var out = 0
                for i in 0..<n {
                    var own = Int(rows[i]), extra = extraStart[i]
                    let ownEnd = Int(rows[i + 1]), extraEnd = extraStart[i + 1]
                    while own < ownEnd || extra < extraEnd {
                        let ownNext = own < ownEnd
                            ? UInt64(UInt32(bitPattern: neighbors[own])) << 32 | UInt64(weights[own].bitPattern) : .max
                        let extraNext = extra < extraEnd ? extras[extra] : .max
                        if ownNext < extraNext { all[out] = ownNext; own += 1 } else { all[out] = extraNext; extra += 1 }
                        out += 1
                    }
                }
                initialized = total
            }
        }
        }
        }
        neighbors = ContiguousArray(packed.lazy.map { Int32(truncatingIfNeeded: $0 >> 32) })
        weights = ContiguousArray(packed.lazy.map { Float(bitPattern: UInt32(truncatingIfNeeded: $0)) })
        rows = newRows
    }
}
