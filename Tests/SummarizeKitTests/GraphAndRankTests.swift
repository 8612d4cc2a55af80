import Testing
@testable import SummarizeKit

@Suite("SimilarityGraph and TextRank")
struct GraphAndRankTests {
    static func table(_ sentences: [String]) -> TokenTable {
        let text = sentences.joined(separator: " ")
        var spans: [SentenceSpan] = []
        var offset = 0
        for sentence in sentences {
            spans.append(SentenceSpan(utf8Range: offset..<offset + sentence.utf8.count))
            offset += sentence.utf8.count + 1
        }
        return Tokenizer().tokenize(Document(text), spans)
    }

    @Test("edges join exactly the sentences that share a content term, symmetrically", arguments: SimilarityGraph.Weighting.allCases)
    func edges(weighting: SimilarityGraph.Weighting) {
        let graph = SimilarityGraph(Self.table([
            "Rivers flood towns.",          // 0: river, flood, town
            "The flood hit the towns.",     // 1: flood, hit, town
            "Bakers love bread.",           // 2: baker, love, bread
            "A river runs.",                // 3: river, run
        ]), configuration: .init(weighting: weighting))
        #expect(graph.nodeCount == 4)
        let neighbors = (0..<4).map { graph.neighbors(of: $0).map(\.node) }
        #expect(neighbors == [[1, 3], [0], [], [0]])
        for i in 0..<4 {
            for (j, w) in graph.neighbors(of: i) {
                #expect(w > 0 && w.isFinite)
                #expect(graph.neighbors(of: j).contains { $0.node == i && $0.weight == w })
            }
        }
    }

    @Test("log-length weighting follows Mihalcea and Tarau's overlap formula")
    func logLengthWeight() {
        let graph = SimilarityGraph(Self.table(["Rivers flood towns.", "The flood hit the towns."]),
                                    configuration: .init(weighting: .logLength))
        // 2 shared terms (flood, town); 3 content terms each; log(|S| + 1) guards one-word sentences.
        let expected = Float(2 / (log(4.0) + log(4.0)))
        #expect(abs(graph.neighbors(of: 0)[0].weight - expected) < 1e-6)
    }

    @Test("term-frequency cosine weighs a shared term by how often each sentence uses it")
    func termFrequencyCosineWeight() {
        let sentences = ["Rivers flood rivers.", "The river floods the town."]
        let counted = SimilarityGraph(Self.table(sentences), configuration: .init(weighting: .termFrequencyCosine))
        // Counts: {river: 2, flood: 1} and {river: 1, flood: 1, town: 1}; dot 2·1 + 1·1 = 3, norms √5 and √3.
        #expect(abs(counted.neighbors(of: 0)[0].weight - Float(3 / (5.0.squareRoot() * 3.0.squareRoot()))) < 1e-6)
        #expect(counted.neighbors(of: 1)[0].weight == counted.neighbors(of: 0)[0].weight)
        // The binary cosine sees each shared term once: 2 / √(2·3).
        let binary = SimilarityGraph(Self.table(sentences), configuration: .init(weighting: .cosine))
        #expect(abs(binary.neighbors(of: 0)[0].weight - Float(2 / (2.0.squareRoot() * 3.0.squareRoot()))) < 1e-6)
        // Without repeated words the two agree.
        let plain = ["Rivers flood towns.", "The flood hit the towns."]
        let a = SimilarityGraph(Self.table(plain), configuration: .init(weighting: .termFrequencyCosine))
        let b = SimilarityGraph(Self.table(plain), configuration: .init(weighting: .cosine))
        #expect(a.weight == b.weight)
    }

    @Test("a term in more sentences than the cap adds no edges")
    func documentFrequencyCap() {
        let sentences = (0..<10).map { "Common word number\($0)." }
        let capped = SimilarityGraph(Self.table(sentences), configuration: .init(maxDocumentFrequency: 5))
        #expect(capped.neighbor.isEmpty)
        let uncapped = SimilarityGraph(Self.table(sentences), configuration: .init(maxDocumentFrequency: 10))
        #expect(uncapped.neighbor.count == 10 * 9)
    }

    @Test("each sentence keeps its k strongest neighbours, and the graph stays undirected")
    func neighbourCap() {
        // 30 sentences sharing "river"; sentence i also shares "flood" with 0 when i is even,
        // so 0's strongest neighbours are the even ones.
        var sentences: [String] = []
        for i in 0..<30 { sentences.append(i % 2 == 0 ? "River flood \(i)." : "River calm \(i).") }
        let table = Self.table(sentences)
        let full = SimilarityGraph(table, configuration: .init(weighting: .logLength))
        let capped = SimilarityGraph(table, configuration: .init(weighting: .logLength, maxNeighbors: 5))
        #expect(full.neighbors(of: 0).count == 29)
        // Sentence 0 keeps its 5 strongest (2...10: even, lowest index first on ties), and every
        // other even sentence keeps 0 (the lowest of its strongest), so 0 is joined to all evens
        // only; likewise 1 (odd ones share "calm") to all odds ...
        #expect(capped.neighbors(of: 0).map(\.node) == Array(stride(from: 2, to: 30, by: 2)))
        #expect(capped.neighbors(of: 1).map(\.node) == Array(stride(from: 3, to: 30, by: 2)))
        for i in 0..<30 {
            let row = capped.neighbors(of: i)
            // ... rows are ascending, every edge is kept from one end at least, weights unchanged.
            #expect(row.map(\.node) == row.map(\.node).sorted())
            for (j, w) in row {
                #expect(capped.neighbors(of: j).contains { $0.node == i && $0.weight == w })
                #expect(full.neighbors(of: i).contains { $0.node == j && $0.weight == w })
            }
        }
        #expect(capped.neighbor.count <= 2 * 5 * 30)
        #expect(capped.neighbor.count < full.neighbor.count)
        // Within the cap nothing changes.
        let loose = SimilarityGraph(table, configuration: .init(weighting: .logLength, maxNeighbors: 29))
        #expect(loose.rowStart == full.rowStart && loose.neighbor == full.neighbor && loose.weight == full.weight)
        let scores = TextRank().rank(capped)
        #expect(abs(scores.reduce(0, +) - 1) < 1e-9)
    }

    @Test("the in-place heapsort sorts like the standard library", arguments: 0..<5)
    func heapSort(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        var values = (0..<Int.random(in: 0..<300, using: &rng)).map { _ in UInt64.random(in: 0..<1000, using: &rng) }
        let expected = values.sorted()
        values.withUnsafeMutableBufferPointer { SimilarityGraph.heapSort($0) }
        #expect(values == expected)
    }

    @Test("the hub of a star graph ranks first; scores are finite, non-negative and sum to 1")
    func starGraph() {
        let graph = SimilarityGraph(Self.table([
            "Alpha beta gamma delta.",
            "Alpha apples.", "Beta bananas.", "Gamma grapes.", "Delta dates.",
            "Unrelated sentence here.",
        ]))
        let scores = TextRank().rank(graph)
        #expect(scores.count == 6)
        #expect(scores.allSatisfy { $0.isFinite && $0 >= 0 })
        #expect(abs(scores.reduce(0, +) - 1) < 1e-9)
        #expect(scores.indices.max { scores[$0] < scores[$1] } == 0)
        // The isolated sentence only receives teleport mass.
        #expect(scores[5] < scores[1])
    }

    @Test("a prior shifts rank toward the sentences it favours")
    func prior() {
        let graph = SimilarityGraph(Self.table(["Cats purr.", "Dogs bark.", "Cows moo."]))
        let uniform = TextRank().rank(graph)
        #expect(abs(uniform[0] - uniform[2]) < 1e-12)
        let biased = TextRank().rank(graph, prior: [3, 1, 1])
        #expect(biased[0] > biased[1] && biased[0] > biased[2])
    }

    @Test("an empty graph ranks to no scores; the iteration cap is honoured")
    func edgeCases() {
        #expect(TextRank().rank(SimilarityGraph(Self.table([]))).isEmpty)
        let graph = SimilarityGraph(Self.table(["One two three.", "Two three four.", "Three four five."]))
        let once = TextRank(maxIterations: 1).rank(graph)
        #expect(once.allSatisfy { $0.isFinite })
        #expect(abs(once.reduce(0, +) - 1) < 1e-9)
    }

    @Test("weighing each pair once gives the same graph as weighing it from both ends", arguments: 0..<10)
    func triangleMatchesBothEnds(seed: UInt64) {
        var rng = SeededGenerator(seed: seed + 900)
        // A larger vocabulary, so that no sentence is joined to every other one.
        let words = (0..<40).map { "word\(Character(UnicodeScalar(UInt8(97 + $0 % 26))))\($0 / 26)" }
        var compared = 0
        for weighting in SimilarityGraph.Weighting.allCases {
            let sentences = (0..<Int.random(in: 2..<50, using: &rng)).map { _ in
                (0..<Int.random(in: 1..<5, using: &rng)).map { _ in words.randomElement(using: &rng)! }
                    .joined(separator: " ") + "."
            }
            let table = Self.table(sentences)
            // maxNeighbors >= n - 1: the one-sided path.
            let once = SimilarityGraph(table, configuration: .init(weighting: weighting, maxNeighbors: sentences.count))
            let degree = (0..<once.nodeCount).map { once.neighbors(of: $0).count }.max() ?? 0
            guard degree < sentences.count - 1 else { continue }
            // A cap no row reaches, below n - 1: every row is weighed from its own end.
            let both = SimilarityGraph(table, configuration: .init(weighting: weighting, maxNeighbors: max(degree, 1)))
            #expect(once.rowStart == both.rowStart)
            #expect(once.neighbor == both.neighbor)
            #expect(once.weight.map(\.bitPattern) == both.weight.map(\.bitPattern))
            compared += 1
        }
        #expect(compared > 0)
    }

    @Test("the dense iteration gives bit for bit the scores of the sparse one, in double and in single precision", arguments: 0..<10)
    func denseMatchesSparse(seed: UInt64) {
        var rng = SeededGenerator(seed: seed + 500)
        // Sentences over a small vocabulary, so that most pairs share a term (a dense graph).
        let words = ["river", "flood", "town", "bridge", "rain", "storm", "mayor", "water", "road", "school"]
        var denseSeen = false
        for _ in 0..<8 {
            let sentences = (0..<Int.random(in: 1..<60, using: &rng)).map { _ in
                (0..<Int.random(in: 1..<6, using: &rng)).map { _ in words.randomElement(using: &rng)! }
                    .joined(separator: " ") + "."
            }
            let graph = SimilarityGraph(Self.table(sentences))
            denseSeen = denseSeen || TextRank.prefersDense(nodeCount: graph.nodeCount, edgeCount: graph.weight.count)
            let prior = (0..<sentences.count).map { 1 / Double($0 + 1) }
            for rank in [TextRank(), TextRank(damping: 0.5, tolerance: 1e-12, maxIterations: 7),
                         TextRank(tolerance: 1e-5)] {
                for p in [nil, prior] {
                    // In double precision (the public default) and in single precision (the summarizer's).
                    for single in [false, true] {
                        let dense = rank.rank(graph, prior: p, allowDense: true, singlePrecision: single)
                        let sparse = rank.rank(graph, prior: p, allowDense: false, singlePrecision: single)
                        #expect(dense.map(\.bitPattern) == sparse.map(\.bitPattern))
                    }
                }
            }
        }
        #expect(denseSeen)
    }

    @Test("ranking random texts always gives finite scores summing to 1", arguments: 0..<10)
    func randomTexts(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let sentences = (0..<Int.random(in: 1..<40, using: &rng)).map { _ in
            RandomText.string(pieces: Int.random(in: 1..<25, using: &rng), using: &rng)
        }
        let scores = TextRank().rank(SimilarityGraph(Self.table(sentences)))
        #expect(scores.count == sentences.count)
        #expect(scores.allSatisfy { $0.isFinite && $0 >= 0 })
        #expect(abs(scores.reduce(0, +) - 1) < 1e-9)
    }
}

import Foundation

@Suite("SimilarityGraph document-frequency cap")
struct DocumentFrequencyCapTests {
    @Test("the cap is as configured for articles and shrinks with 1/√n for book-length texts")
    func effectiveCap() {
        #expect(SimilarityGraph.effectiveDocumentFrequencyCap(256, sentences: 30) == 256)
        #expect(SimilarityGraph.effectiveDocumentFrequencyCap(256, sentences: 2_000) == 256)
        #expect(SimilarityGraph.effectiveDocumentFrequencyCap(256, sentences: 8_000) == 128)
        #expect(SimilarityGraph.effectiveDocumentFrequencyCap(256, sentences: 200_000) == 32)
        #expect(SimilarityGraph.effectiveDocumentFrequencyCap(10, sentences: 200_000) == 10)
        #expect(SimilarityGraph.effectiveDocumentFrequencyCap(Int.max, sentences: 8_000) > 0)
    }
}

@Suite("Selector score order")
struct SelectorOrderTests {
    /// The order the selector visits sentences in: descending score, ties in document order.
    private func reference(_ scores: [Double]) -> [Int] {
        (0..<scores.count).sorted { a, b in scores[a] != scores[b] ? scores[a] > scores[b] : a < b }
    }

    @Test("byScore equals the comparison sort: ties, -0.0, scores a few ulps apart, negative scores")
    func matchesComparisonSort() {
        let tiny = 1e-300
        let cases: [[Double]] = [
            [], [0.5], [0.1, 0.3, 0.2], [0.2, 0.2, 0.2, 0.1, 0.2],
            [0.0, -0.0, 0.0, -0.0, 1.0],
            [0.3, 0.3.nextUp, 0.3.nextDown, 0.3, 0.3.nextUp.nextUp],
            [-1.0, 2.5, -0.5, 0.0, tiny, -tiny, 2.5],
        ]
        for scores in cases { #expect(Selector.byScore(scores) == reference(scores), "\(scores)") }
        var rng = SplitMix64(seed: 7)   // fixed: the same cases on every run
        for _ in 0..<200 {
            let n = Int.random(in: 0..<120, using: &rng)
            // Few distinct values, so ties and near-ties are common.
            let values = (0..<4).map { _ in Double.random(in: -1...1, using: &rng) }
            let scores = (0..<n).map { _ in
                let v = values.randomElement(using: &rng)!
                return Bool.random(using: &rng) ? v : v.nextUp
            }
            #expect(Selector.byScore(scores) == reference(scores))
        }
    }

    @Test("byScore falls back to the comparison sort for scores that are not finite")
    func nonFinite() {
        let scores = [0.2, .infinity, 0.1, -.infinity, 0.2]
        #expect(Selector.byScore(scores) == reference(scores))
    }
}
