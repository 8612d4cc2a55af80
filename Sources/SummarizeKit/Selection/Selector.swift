/// Picks the key sentences: the best-scored eligible sentences, never two
/// near-duplicates, returned in document order.
///
/// Sentences are taken by `(score desc, sentenceIndex asc)`. A candidate
/// whose content terms overlap an already chosen sentence by at least
/// ``redundancyThreshold`` (Jaccard) is skipped. When no sentence passes
/// the ``BulletFilter``, the best sentences of any kind are used instead,
/// so text without punctuation or headings-only input still gets bullets.
///
/// ```swift
/// let picks = Selector(count: 3).select(scores, graph: graph, spans: spans, tokens: tokens, in: document)
/// ```
public struct Selector: Sendable, Hashable {
    /// How many sentences to pick at most.
    public var count: Int
    /// Jaccard overlap of content terms at which two sentences count as near-duplicates.
    public var redundancyThreshold: Double
    /// The rules a bullet must pass.
    public var filter: BulletFilter
    /// Maximal marginal relevance (Carbonell & Goldstein 1998) trade-off in [0, 1):
    /// each pick maximizes `(1 − diversity)·score/best − diversity·max Jaccard to the picks so far`.
    /// 0 takes sentences strictly by score.
    public var diversity: Double
    /// How many of the best eligible sentences MMR chooses among.
    public var candidatePool: Int
    /// In [0, 1]: a candidate opening with a dangling pronoun or connective is taken together with
    /// the sentence before it when that one is eligible and scores at least (1 − danglingPairing)
    /// times as high and two places are left. 0 = such a candidate waits for its predecessor.
    public var danglingPairing: Double
    /// How many of the best eligible sentences a joint search looks at (0 = none). With it, the picks are
    /// the set of sentences with the highest total score among those candidates (and the sentences before
    /// the dangling ones among them), where a sentence opening with "He", "But" ... counts only together
    /// with the sentence before it, so a well-ranked pair can win over two lesser single sentences.
    /// Used when at most ``jointSearchLimit`` bullets are asked for; otherwise the greedy picks stand.
    public var jointCandidates: Int
    /// Most bullets for which the joint search runs (the number of sets grows as candidates^count).
    public static let jointSearchLimit = 4

    public init(count: Int = 3, redundancyThreshold: Double = 0.6, filter: BulletFilter = BulletFilter(),
                diversity: Double = 0, candidatePool: Int = 24, danglingPairing: Double = 0, jointCandidates: Int = 0) {
        self.count = count
        self.redundancyThreshold = redundancyThreshold
        self.filter = filter
        self.diversity = diversity
        self.candidatePool = candidatePool
        self.danglingPairing = danglingPairing
        self.jointCandidates = jointCandidates
    }

    /// The chosen sentence indices, ascending.
    public func select(_ scores: [Double], graph: SimilarityGraph, spans: [SentenceSpan], tokens: TokenTable,
                       in document: Document) -> [Int] {
        let n = scores.count
        guard n > 0, count > 0 else { return [] }
        let order = Self.byScore(scores)
        var chosen: [Int] = []
        document.withUTF8 { bytes in
            // The caches below live in raw memory the nested functions share: captured arrays and counters
            // would be checked for exclusive access at run time on every read (about 2 % of the pipeline).
            // Bullet ranges, computed at most once per sentence (the dateline scan is not free): lower
            // bound (-1 = not yet) and upper bound of sentence s at 2s and 2s + 1.
            let rangeCache = UnsafeMutablePointer<Int>.allocate(capacity: 2 * n)
            rangeCache.initialize(repeating: -1, count: 2 * n)
            defer { rangeCache.deallocate() }
            func bulletRange(_ s: Int) -> Range<Int> {
                if rangeCache[2 * s] < 0 {
                    let range = filter.bulletRange(spans[s], in: bytes)
                    rangeCache[2 * s] = range.lowerBound; rangeCache[2 * s + 1] = range.upperBound
                }
                return rangeCache[2 * s]..<rangeCache[2 * s + 1]
            }
            // Interview transcripts: a "Name: ..." label whose last word ("Scotty McCreery:", then
            // "McCreery:") opens two or more sentences of the text is a speaker, and the lines it opens
            // are answers or questions, never key points.
            let (labelOf, labelCount) = Self.speakerLabels(spans, bytes)
            // A press release's "About Northwind Energy" block, and what follows it (contacts, other
            // "About" blocks), is boilerplate: from its paragraph on, nothing is a key point.
            let boilerplateFrom = Self.aboutBlockParagraph(spans, bytes) ?? .max
            func isEligible(_ s: Int) -> Bool {
                if spans[s].paragraphIndex >= boilerplateFrom { return false }
                if !labelOf.isEmpty, labelOf[s] >= 0, labelCount[Int(labelOf[s])] >= 2 { return false }
                return filter.isEligible(s, spans, tokens, bytes, bulletRange: bulletRange)
            }
            // The best eligible sentences, by score, found lazily: with diversity 0 a pick is the
            // first pool entry that passes, so most sentences are never checked. Only MMR needs a bounded
            // pool; without it the scan goes on past near-duplicates of the picks (a text repeating its
            // best sentence 24 times still gets its other bullets).
            let poolSize = diversity > 0
                ? max(candidatePool, count.multipliedReportingOverflow(by: 3).overflow ? .max : 3 * count)
                : n
            // The pool's sentences, then (past them) its length and how many sentences of `order` were scanned.
            let pool = UnsafeMutablePointer<Int>.allocate(capacity: n + 2)
            defer { pool.deallocate() }
            let poolCount = pool + n, scanned = pool + n + 1
            poolCount.initialize(to: 0); scanned.initialize(to: 0)
            func poolEntry(_ k: Int) -> Int? {
                while poolCount.pointee <= k, poolCount.pointee < poolSize, scanned.pointee < n {
                    let s = order[scanned.pointee]
                    scanned.pointee += 1
                    if isEligible(s) { pool[poolCount.pointee] = s; poolCount.pointee += 1 }
                }
                return k < poolCount.pointee ? pool[k] : nil
            }
            var taken = [Bool](repeating: false, count: min(poolSize, n))   // the pool never outgrows the text
            let best = poolEntry(0).map { scores[$0] } ?? 0
            // The sentence before a dangling candidate, when it can be picked with it (`chosen` is passed,
            // not captured, for the reason above).
            func partner(_ s: Int, _ chosen: [Int]) -> Int? {
                guard danglingPairing > 0, s > 0, chosen.count + 2 <= count else { return nil }
                let p = s - 1
                guard !chosen.contains(p), scores[p] >= (1 - danglingPairing) * scores[s],
                      isEligible(p),
                      chosen.contains(p - 1) || !BulletHygiene.opensDangling(bytes, bulletRange(p)),
                      !isRedundant(p, chosen, graph: graph, bytes: bytes, bulletRange: bulletRange),
                      !isRedundant(s, [p], graph: graph, bytes: bytes, bulletRange: bulletRange) else { return nil }
                return p
            }
            while chosen.count < count {
                var pick = -1
                var pickValue = -Double.infinity
                var pickPartner: Int?
                var k = 0
                while let s = poolEntry(k) {
                    defer { k += 1 }
                    if taken[k] || chosen.contains(s) { continue }
                    // A sentence opening with "He", "But", "This" ... only follows its own predecessor.
                    var pairWith: Int?
                    if !chosen.contains(s - 1), BulletHygiene.opensDangling(bytes, bulletRange(s)) {
                        guard let p = partner(s, chosen) else { continue }
                        pairWith = p
                    }
                    if isRedundant(s, chosen, graph: graph, bytes: bytes, bulletRange: bulletRange) { continue }
                    var value = best > 0 ? scores[s] / best : 0
                    if diversity > 0 {
                        var overlap = 0.0
                        for c in chosen { overlap = max(overlap, Self.jaccard(graph, s, c)) }
                        value = (1 - diversity) * value - diversity * overlap
                    }
                    if value > pickValue { pick = k; pickValue = value; pickPartner = pairWith }  // ties: earlier in score order
                    // Scores fall along the pool, so without MMR the first passing entry is the pick.
                    if diversity == 0 { break }
                }
                if pick < 0 { break }
                taken[pick] = true
                if let p = pickPartner { chosen.append(p) }
                chosen.append(pool[pick])
            }
            if jointCandidates > 0, diversity == 0, chosen.count >= 2, chosen.count <= Self.jointSearchLimit {
                chosen = jointSearch(greedy: chosen, scores: scores, poolEntry: poolEntry, isEligible: isEligible,
                                     graph: graph, bytes: bytes, bulletRange: bulletRange)
            }
            if chosen.isEmpty {
                // Nothing reads like a clean prose sentence: fall back to any non-empty sentence.
                for s in order where chosen.count < count {
                    let range = bulletRange(s)
                    guard !tokens.tokens(inSentence: s).isEmpty, !range.isEmpty,
                          !Boilerplate.matches(bytes, range) else { continue }
                    if !isRedundant(s, chosen, graph: graph, bytes: bytes, bulletRange: bulletRange) { chosen.append(s) }
                }
            }
        }
        return chosen.sorted()
    }

    /// The paragraph of the first paragraph-opening sentence in the second half of the text that opens with
    /// an "About <Name>" heading (where press releases put their boilerplate); nil when there is none.
    static func aboutBlockParagraph(_ spans: [SentenceSpan], _ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var s = max(spans.count / 2, 1)
        while s < spans.count {
            if spans[s].paragraphIndex != spans[s - 1].paragraphIndex,
               BulletHygiene.opensWithAboutHeading(bytes, spans[s].utf8Range) { return spans[s].paragraphIndex }
            s += 1
        }
        return nil
    }

    /// Per sentence, its interned speaker label (-1 = none), and how many sentences each label opens;
    /// both empty when no sentence has a label.
    private static func speakerLabels(_ spans: [SentenceSpan], _ bytes: UnsafeBufferPointer<UInt8>) -> ([Int32], [Int]) {
        var labels: Vocabulary? = nil
        var labelCount: [Int] = []
        var labelOf: [Int32] = []
        // Labels are interned (no allocation per labelled sentence).
        for s in spans.indices where spans[s].kind == .prose {
            guard let label = BulletHygiene.speakerLabel(bytes, spans[s].utf8Range) else { continue }
            var lastWord = label.lowerBound
            for k in label where bytes[k] == 0x20 { lastWord = k + 1 }
            if labels == nil {
                labels = Vocabulary(minimumCapacity: 16)
                labelOf = [Int32](repeating: -1, count: spans.count)
            }
            let id = Int(labels!.intern(UnsafeBufferPointer(rebasing: bytes[lastWord..<label.upperBound])))
            if id == labelCount.count { labelCount.append(0) }
            labelOf[s] = Int32(id)
            labelCount[id] += 1
        }
        return (labelOf, labelCount)
    }

    /// The set of `greedy.count` sentences with the highest total score among the best `jointCandidates`
    /// eligible sentences, the sentences before the dangling ones among them, and the greedy picks. A set is
    /// valid when no two of its sentences are near-duplicates and each dangling sentence has its predecessor
    /// in the set. The greedy set is kept unless another scores strictly higher.
    private func jointSearch(greedy: [Int], scores: [Double], poolEntry: (Int) -> Int?, isEligible: (Int) -> Bool,
                             graph: SimilarityGraph, bytes: UnsafeBufferPointer<UInt8>,
                             bulletRange: (Int) -> Range<Int>) -> [Int] {
        // Every candidate is eligible, and the pool lists the eligible sentences by score, so no set
        // can total more than the first `greedy.count` entries of the pool. When the greedy set already
        // reaches that, the search cannot change it: skip it, and the eligibility checks of the
        // candidates beyond (most documents end here).
        var greedyValue = 0.0
        for s in greedy { greedyValue += scores[s] }
        var bound = 0.0
        for k in 0..<greedy.count {
            guard let s = poolEntry(k) else { break }
            bound += scores[s]
        }
        if bound * (1 + 1e-12) <= greedyValue * (1 + 1e-9) { return greedy }
        // Candidates, the search's index set and its partial sums live in temporary (stack) buffers:
        // no allocation per document.
        let capacity = 2 * jointCandidates + greedy.count, size = greedy.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: capacity + size) { ints -> [Int] in
            var m = 0
            func has(_ s: Int) -> Bool {
                for i in 0..<m where ints[i] == s { return true }
                return false
            }
            var k = 0
            while k < jointCandidates, let s = poolEntry(k) {
                k += 1
                if !has(s) { ints[m] = s; m += 1 }
                if s > 0, BulletHygiene.opensDangling(bytes, bulletRange(s)), !has(s - 1), isEligible(s - 1) {
                    ints[m] = s - 1; m += 1
                }
            }
            for s in greedy where !has(s) { ints[m] = s; m += 1 }
            var candidates = UnsafeMutableBufferPointer(rebasing: ints[0..<m])
            candidates.sort()
            guard m > size else { return greedy }
            let set = UnsafeMutableBufferPointer(rebasing: ints[capacity..<(capacity + size)])   // indices into candidates, ascending
            return withUnsafeTemporaryAllocation(of: Bool.self, capacity: m + m * m) { flags -> [Int] in
                // flags[0..<m]: dangling; flags[m + i * m + j]: candidates i and j are not near-duplicates.
                for i in 0..<m { flags[i] = BulletHygiene.opensDangling(bytes, bulletRange(candidates[i])) }
                for i in 0..<m { flags[m + i * m + i] = true }
                for i in 0..<m {
                    for j in (i + 1)..<m {
                        let a = candidates[j], b = candidates[i]
                        let fits = !(Self.jaccard(graph, a, b) >= redundancyThreshold
                                     || Self.sameText(bulletRange(a), bulletRange(b), bytes))
                        flags[m + i * m + j] = fits; flags[m + j * m + i] = fits
                    }
                }
                return withUnsafeTemporaryAllocation(of: Double.self, capacity: size + 1) { sums -> [Int] in
                    // Depth-first over index sets in ascending order (the first set found wins a tie);
                    // sums[d] is the total of the first d members.
                    var best = greedy, bestValue = greedyValue
                    sums[0] = 0
                    var depth = 0, next = 0
                    while true {
                        if depth == size {
                            // Each dangling member needs the sentence right before it, also a member.
                            var valid = true
                            for position in 0..<size where flags[set[position]] {
                                if position == 0 || candidates[set[position - 1]] != candidates[set[position]] - 1 { valid = false; break }
                            }
                            if valid, sums[size] > bestValue * (1 + 1e-9) {
                                bestValue = sums[size]
                                best = set.map { candidates[$0] }
                            }
                            depth -= 1
                            next = set[depth] + 1
                            continue
                        }
                        var found = -1
                        var i = next
                        while i < m, m - i >= size - depth {
                            var fits = true
                            for j in 0..<depth where !flags[m + set[j] * m + i] { fits = false; break }
                            if fits { found = i; break }
                            i += 1
                        }
                        if found < 0 {
                            if depth == 0 { break }
                            depth -= 1
                            next = set[depth] + 1
                            continue
                        }
                        set[depth] = found
                        sums[depth + 1] = sums[depth] + scores[candidates[found]]
                        depth += 1
                        next = found + 1
                    }
                    return best
                }
            }
        }
    }

    private func isRedundant(_ s: Int, _ chosen: [Int], graph: SimilarityGraph, bytes: UnsafeBufferPointer<UInt8>,
                             bulletRange: (Int) -> Range<Int>) -> Bool {
        for c in chosen {
            if Self.jaccard(graph, s, c) >= redundancyThreshold { return true }
            // Compare what the bullets show: two sentences differing only in a trailing citation are one bullet.
            if Self.sameText(bulletRange(s), bulletRange(c), bytes) { return true }
        }
        return false
    }

    /// Sentence indices by descending score, ties in document order. With finite scores the indices
    /// are sorted by one integer key each (the score's top 44 bits made order-preserving and inverted,
    /// then the index), cheaper than a comparison closure reading the scores twice per comparison;
    /// one insertion pass with the exact comparison then settles scores that share those 44 bits.
    static func byScore(_ scores: [Double]) -> [Int] {
        let n = scores.count
        @inline(__always) func before(_ a: Int, _ b: Int) -> Bool {
            scores[a] != scores[b] ? scores[a] > scores[b] : a < b
        }
        guard n > 1, n < 1 << 20, scores.allSatisfy({ $0.isFinite }) else { return (0..<n).sorted(by: before) }
        var order = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let bits = (scores[i] == 0 ? 0 : scores[i]).bitPattern   // -0.0 equals +0.0
            let ascending = bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
            let key = (~ascending & ~UInt64(0xFFFFF)) | UInt64(i)
            order[i] = Int(Int64(bitPattern: key ^ (1 << 63)))   // signed order = the key's unsigned order
        }
        order.sort()
        for i in 0..<n { order[i] &= 0xFFFFF }
        for i in 1..<n {
            var j = i
            while j > 0, before(order[j], order[j - 1]) {
                order.swapAt(j, j - 1)
                j -= 1
            }
        }
        return order
    }

    /// Jaccard similarity of two sentences' sorted content-term sets (merge, O(a + b)).
    static func jaccard(_ graph: SimilarityGraph, _ a: Int, _ b: Int) -> Double {
        var i = Int(graph.sentenceTermStart[a]), j = Int(graph.sentenceTermStart[b])
        let iEnd = Int(graph.sentenceTermStart[a + 1]), jEnd = Int(graph.sentenceTermStart[b + 1])
        let sizeA = iEnd - i, sizeB = jEnd - j
        if sizeA == 0 || sizeB == 0 { return 0 }
        var shared = 0
        while i < iEnd, j < jEnd {
            let x = graph.sentenceTerms[i], y = graph.sentenceTerms[j]
            if x == y { shared += 1; i += 1; j += 1 } else if x < y { i += 1 } else { j += 1 }
        }
        return Double(shared) / Double(sizeA + sizeB - shared)
    }

    /// Whether two ranges hold the same bytes once white space runs are ignored.
    static func sameText(_ a: Range<Int>, _ b: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = a.lowerBound, j = b.lowerBound
        while true {
            while i < a.upperBound, case let w = UTF8Scalars.whitespaceWidth(bytes, at: i, end: a.upperBound), w > 0 { i += w }
            while j < b.upperBound, case let w = UTF8Scalars.whitespaceWidth(bytes, at: j, end: b.upperBound), w > 0 { j += w }
            if i == a.upperBound || j == b.upperBound { return i == a.upperBound && j == b.upperBound }
            if bytes[i] != bytes[j] { return false }
            i += 1; j += 1
        }
    }
}
