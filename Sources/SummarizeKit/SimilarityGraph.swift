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
///   `maxDocumentFrequency` sentences are skipped, which keeps a book-length
///   text near linear time.
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
    }

    public struct Configuration: Sendable, Hashable {
        public var weighting: Weighting
        /// Terms found in more sentences than this are ignored (they join
        /// almost everything and carry almost no information).
        public var maxDocumentFrequency: Int
        public init(weighting: Weighting = .idf, maxDocumentFrequency: Int = 256) {
            self.weighting = weighting
            self.maxDocumentFrequency = maxDocumentFrequency
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
        let termCount = tokens.terms.count
        nodeCount = n

        // 1. Distinct content terms per sentence, sorted, as CSR.
        var termStart = ContiguousArray<Int32>(); termStart.reserveCapacity(n + 1); termStart.append(0)
        var documentFrequency = ContiguousArray<Int32>(repeating: 0, count: termCount)
        var lastSeen = ContiguousArray<Int32>(repeating: -1, count: termCount)
        let terms = ContiguousArray<TermID>(unsafeUninitializedCapacity: tokens.tokenCount) { out, written in
            written = 0
            tokens.termIDs.withUnsafeBufferPointer { ids in
            tokens.isStopword.withUnsafeBufferPointer { stop in
            tokens.sentenceTokenStart.withUnsafeBufferPointer { sentenceStart in
            documentFrequency.withUnsafeMutableBufferPointer { df in
            lastSeen.withUnsafeMutableBufferPointer { seen in
                for s in 0..<n {
                    let rowBegin = written
                    for t in Int(sentenceStart[s])..<Int(sentenceStart[s + 1]) where !stop[t] {
                        let term = ids[t]
                        if seen[Int(term)] != Int32(s) {
                            seen[Int(term)] = Int32(s)
                            out[written] = term
                            written += 1
                            df[Int(term)] += 1
                        }
                    }
                    Self.sortRow(UnsafeMutableBufferPointer(rebasing: out[rowBegin..<written]))
                    termStart.append(Int32(written))
                }
            }
            }
            }
            }
            }
        }

        // 2. Inverted index term -> sentences (ascending), as CSR.
        var postingStart = ContiguousArray<Int32>(repeating: 0, count: termCount + 1)
        for t in 0..<termCount { postingStart[t + 1] = postingStart[t] + documentFrequency[t] }
        var fill = postingStart
        var postings = ContiguousArray<Int32>(repeating: 0, count: Int(postingStart[termCount]))
        for s in 0..<n {
            for k in Int(termStart[s])..<Int(termStart[s + 1]) {
                let term = Int(terms[k])
                postings[Int(fill[term])] = Int32(s)
                fill[term] += 1
            }
        }

        // 3. Term weights.
        var termWeight = ContiguousArray<Float>(repeating: 1, count: termCount)
        if configuration.weighting != .logLength {
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
        let cosine = configuration.weighting == .idfCosine
        let logLength = (0..<n).map { s -> Float in
            if cosine {
                var squares: Float = 0
                for k in Int(termStart[s])..<Int(termStart[s + 1]) { squares += termWeight[Int(terms[k])] }
                return squares.squareRoot()
            }
            // log(|S| + 1) keeps one-word sentences from dividing by log(1) = 0.
            return Float(log(Double(termStart[s + 1] - termStart[s]) + 1))
        }

        // 4. Edges: accumulate shared-term weight into a dense scratch row, touched list resets it.
        var rows = ContiguousArray<Int32>(); rows.reserveCapacity(n + 1); rows.append(0)
        var neighbors = ContiguousArray<Int32>()
        var weights = ContiguousArray<Float>()
        var accumulated = ContiguousArray<Float>(repeating: 0, count: n)
        var touched = ContiguousArray<Int32>(); touched.reserveCapacity(min(n, 1024))
        let cap = Int32(clamping: configuration.maxDocumentFrequency)   // any Int is a valid setting
        termStart.withUnsafeBufferPointer { termStart in
        terms.withUnsafeBufferPointer { terms in
        documentFrequency.withUnsafeBufferPointer { documentFrequency in
        postingStart.withUnsafeBufferPointer { postingStart in
        postings.withUnsafeBufferPointer { postings in
        termWeight.withUnsafeBufferPointer { termWeight in
        logLength.withUnsafeBufferPointer { logLength in
        accumulated.withUnsafeMutableBufferPointer { accumulated in
            for s in 0..<n {
                for k in Int(termStart[s])..<Int(termStart[s + 1]) {
                    let term = Int(terms[k])
                    if documentFrequency[term] > cap || documentFrequency[term] < 2 { continue }
                    let w = termWeight[term]
                    for p in Int(postingStart[term])..<Int(postingStart[term + 1]) {
                        let other = Int(postings[p])
                        if other == s { continue }
                        if accumulated[other] == 0 { touched.append(Int32(other)) }
                        accumulated[other] += w
                    }
                }
                touched.withUnsafeMutableBufferPointer { Self.sortRow($0) }
                for other in touched {
                    let o = Int(other)
                    let denominator = cosine ? logLength[s] * logLength[o] : logLength[s] + logLength[o]
                    let value = denominator > 0 ? accumulated[o] / denominator : 0
                    accumulated[o] = 0
                    if value > 0, value.isFinite {
                        neighbors.append(other)
                        weights.append(value)
                    }
                }
                touched.removeAll(keepingCapacity: true)
                rows.append(Int32(neighbors.count))
            }
        }
        }
        }
        }
        }
        }
        }
        }
        rowStart = rows
        neighbor = neighbors
        weight = weights
        sentenceTermStart = termStart
        sentenceTerms = terms
    }

    /// Sorts a short row in place (insertion sort below 24 elements, the standard sort above).
    @inline(__always)
    static func sortRow<T: Comparable>(_ row: UnsafeMutableBufferPointer<T>) {
        let count = row.count
        if count > 24 { var row = row; row.sort(); return }
        var i = 1
        while i < count {
            let value = row[i]
            var j = i
            while j > 0, row[j - 1] > value { row[j] = row[j - 1]; j -= 1 }
            row[j] = value
            i += 1
        }
    }
}
