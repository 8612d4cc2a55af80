/// Picks the key sentences: the best-scored eligible sentences, never two
/// near-duplicates, returned in document order.
///
/// Sentences are taken by `(score desc, sentenceIndex asc)`. A candidate
/// whose content terms overlap an already chosen sentence by at least
/// ``redundancyThreshold`` (Jaccard) is skipped. When no sentence is eligible
/// (``Candidates/isEligible``), the best sentences of any kind are used instead,
/// so text without punctuation or headings-only input still gets bullets.
///
/// ```swift
/// let picks = Selector(count: 3).select(scores, from: table, graph: graph, tokens: tokens, in: document)
/// ```
public struct Selector: Sendable, Hashable {
    /// How many sentences to pick at most.
    public var count: Int
    /// Jaccard overlap of content terms at which two sentences count as near-duplicates.
    public var redundancyThreshold: Double
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
    /// When set (the default summarizer sets it), the joint search picks the valid set of candidates with the highest
    /// ``SetScorer`` value instead of the highest total score.
    public var setScorer: SetScorer?
    /// Most bullets for which the joint search runs (the number of sets grows as candidates^count).
    public static let jointSearchLimit = 4

    public init(count: Int = 3, redundancyThreshold: Double = 0.6, diversity: Double = 0, candidatePool: Int = 24, danglingPairing: Double = 0, jointCandidates: Int = 0, setScorer: SetScorer? = nil) {
        self.count = count
        self.redundancyThreshold = redundancyThreshold
        self.diversity = diversity
        self.candidatePool = candidatePool
        self.danglingPairing = danglingPairing
        self.jointCandidates = jointCandidates
        self.setScorer = setScorer
    }

    /// The chosen sentence indices, ascending.
    /// - Parameters:
    ///   - scores: one per sentence, higher is better (the ``Scorer``'s).
    ///   - table: the candidate rows: what each bullet shows, eligibility and dangling openers.
    ///
    /// Second-choice sentences (``Candidates/isSecondChoice``) compete only when the other eligible sentences
    /// cannot fill the bullets.
    public func select(_ scores: [Double], from table: Candidates, graph: SimilarityGraph, tokens: TokenTable,
                       in document: Document) -> [Int] {
        guard scores.count > 0, count > 0 else { return [] }
        // What the selection learns of deferred rows, in a temporary (stack) buffer: no allocation per document.
        let deferring = !table.deferredRules.isEmpty
        return document.withUTF8 { bytes in
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: deferring ? table.count : 0) { known in
            _ = known.initialize(repeating: 0)
            let eligibility = Eligibility(known: deferring ? known : nil)
            // Whether a second choice is eligible, and enough first choices are (each counted up to `count`).
            var secondChoices = false
            for s in 0..<table.count where table.isSecondChoice[s] && eligibility(s, table, bytes) {
                secondChoices = true
                break
            }
            if secondChoices {
                var firstChoices = 0
                for s in 0..<table.count where !table.isSecondChoice[s] && eligibility(s, table, bytes) {
                    firstChoices += 1
                    if firstChoices == count { break }
                }
                if firstChoices >= count {
                    let picks = select(scores, from: table, excludingSecondChoices: true, eligibility: eligibility,
                                       graph: graph, tokens: tokens, bytes: bytes)
                    if picks.count >= count { return picks }
                }
            }
            return select(scores, from: table, excludingSecondChoices: false, eligibility: eligibility, graph: graph,
                          tokens: tokens, bytes: bytes)
        }
        }
    }

    /// Eligibility as the selection reads it (``Candidates/isEligible(_:_:)``): a row whose text rules the table
    /// deferred is checked the first time the selection asks about it, and the answer kept. Rows the selection never
    /// reaches are never checked; the answers are those of a table built without deferring.
    struct Eligibility {
        /// Per row of a table with deferred rules: 0 not checked yet, 1 eligible, 2 not (zeros at first, one per
        /// row). Nil for a table without.
        let known: UnsafeMutableBufferPointer<UInt8>?

        init(known: UnsafeMutableBufferPointer<UInt8>?) {
            self.known = known
        }

        func callAsFunction(_ s: Int, _ table: Candidates, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let known, table.isEligible[s], table.deferredRules[s] != 0 else { return table.isEligible[s] }
            if known[s] == 0 { known[s] = table.isEligible(s, bytes) ? 1 : 2 }
            return known[s] == 1
        }
    }

    private func select(_ scores: [Double], from table: Candidates, excludingSecondChoices: Bool,
                        eligibility: Eligibility, graph: SimilarityGraph, tokens: TokenTable,
                        bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        let n = scores.count
        let order = Self.byScore(scores)
        var chosen: [Int] = []
        let shown = table.shownRange, dangling = table.opensDangling
        /// Whether `s` competes in this pass.
        func eligible(_ s: Int) -> Bool {
            !(excludingSecondChoices && table.isSecondChoice[s]) && eligibility(s, table, bytes)
        }
        do {
            // The best eligible sentences, by score, listed as far as the selection reads them. Only MMR needs a
            // bounded pool; without it the scan goes on past near-duplicates of the picks (a text repeating its
            // best sentence 24 times still gets its other bullets).
            let poolSize = diversity > 0
                ? max(candidatePool, count.multipliedReportingOverflow(by: 3).overflow ? .max : 3 * count)
                : n
            var pool: [Int] = []
            pool.reserveCapacity(min(poolSize, n))
            var read = 0   // the entries of `order` before this one are listed or not eligible
            /// Entry `k` of the pool, or nil when it has fewer entries.
            func poolEntry(_ k: Int) -> Int? {
                while pool.count <= k, pool.count < poolSize, read < n {
                    let s = order[read]
                    read += 1
                    if eligible(s) { pool.append(s) }
                }
                return k < pool.count ? pool[k] : nil
            }
            var taken = [Bool](repeating: false, count: min(poolSize, n))
            let best = poolEntry(0).map { scores[$0] } ?? 0
            // The sentence before a dangling candidate, when it can be picked with it.
            func partner(_ s: Int, _ chosen: [Int]) -> Int? {
                guard danglingPairing > 0, s > 0, chosen.count + 2 <= count else { return nil }
                let p = s - 1
                guard !chosen.contains(p), scores[p] >= (1 - danglingPairing) * scores[s], eligible(p),
                      chosen.contains(p - 1) || !dangling[p],
                      !isRedundant(p, chosen, graph: graph, bytes: bytes, shown: shown, table: table),
                      !isRedundant(s, [p], graph: graph, bytes: bytes, shown: shown, table: table) else { return nil }
                return p
            }
            while chosen.count < count {
                var pick = -1
                var pickValue = -Double.infinity
                var pickPartner: Int?
                var k = -1
                while let s = poolEntry(k + 1) {
                    k += 1
                    if taken[k] || chosen.contains(s) { continue }
                    // A sentence opening with "He", "But", "This" ... only follows its own predecessor.
                    var pairWith: Int?
                    if !chosen.contains(s - 1), dangling[s], !Self.introduced(s, by: chosen, table: table, graph: graph) {
                        guard let p = partner(s, chosen) else { continue }
                        pairWith = p
                    }
                    if isRedundant(s, chosen, graph: graph, bytes: bytes, shown: shown, table: table) { continue }
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
            if let setScorer, jointCandidates > 0, diversity == 0, chosen.count >= 2, chosen.count <= Self.jointSearchLimit {
                setSearch(&chosen, scorer: setScorer, scores: scores, pool: poolEntry, table: table, eligible: eligible,
                          graph: graph, bytes: bytes)
            } else if jointCandidates > 0, diversity == 0, chosen.count >= 2, chosen.count <= Self.jointSearchLimit {
                chosen = jointSearch(greedy: chosen, scores: scores, pool: poolEntry, table: table, eligible: eligible,
                                     graph: graph, bytes: bytes)
            }
            if chosen.isEmpty {
                // Every eligible sentence needs a sentence before it that cannot be picked: the best of them
                // stand alone rather than no bullet.
                var k = 0
                while chosen.count < count, let s = poolEntry(k) {
                    k += 1
                    if !isRedundant(s, chosen, graph: graph, bytes: bytes, shown: shown, table: table) { chosen.append(s) }
                }
            }
            if chosen.isEmpty {
                // Nothing reads like a clean prose sentence: fall back to any non-empty sentence.
                for s in order where chosen.count < count {
                    let range = shown[s]
                    guard !tokens.tokens(inSentence: s).isEmpty, !range.isEmpty,
                          !Boilerplate.matches(bytes, range) else { continue }
                    if !isRedundant(s, chosen, graph: graph, bytes: bytes, shown: shown, table: table) { chosen.append(s) }
                }
            }
        }
        return chosen.sorted()
    }

    /// The set of `greedy.count` sentences with the highest total score among the best `jointCandidates`
    /// eligible sentences, the sentences before the dangling ones among them, and the greedy picks. A set is
    /// valid when no two of its sentences are near-duplicates and each dangling sentence has its predecessor
    /// in the set (or, for a bare "The ...", an earlier member that names its noun: ``introduced(_:by:table:graph:)``). The greedy set is kept unless another scores strictly higher.
    /// `pool(k)` is entry `k` of the pool (nil past its end); `eligible(s)` whether `s` competes.
    private func jointSearch(greedy: [Int], scores: [Double], pool: (Int) -> Int?, table: Candidates,
                             eligible: (Int) -> Bool, graph: SimilarityGraph, bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        let dangling = table.opensDangling
        // Every candidate is eligible, and the pool lists the eligible sentences by score, so no set
        // can total more than the first `greedy.count` entries of the pool. When the greedy set already
        // reaches that, the search cannot change it: skip it, and the eligibility checks of the
        // candidates beyond (most documents end here).
        var greedyValue = 0.0
        for s in greedy { greedyValue += scores[s] }
        var bound = 0.0
        for k in 0..<greedy.count {
            guard let s = pool(k) else { break }
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
            for k in 0..<jointCandidates {
                guard let s = pool(k) else { break }
                if !has(s) { ints[m] = s; m += 1 }
                if s > 0, dangling[s], !has(s - 1), eligible(s - 1) {
                    ints[m] = s - 1; m += 1
                }
            }
            for s in greedy where !has(s) { ints[m] = s; m += 1 }
            var candidates = UnsafeMutableBufferPointer(rebasing: ints[0..<m])
            candidates.sort()
            guard m > size else { return greedy }
            let set = UnsafeMutableBufferPointer(rebasing: ints[capacity..<(capacity + size)])   // indices into candidates, ascending
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: m + m * m) { flags -> [Int] in
                // flags[0..<m]: dangling (0 or 1); flags[m + i * m + j]: whether candidates i and j are not
                // near-duplicates, 1 yes, 2 no, 0 not yet known: a pair is compared the first time the search
                // needs it (the bound below spares most sets).
                for i in 0..<m { flags[i] = dangling[candidates[i]] ? 1 : 0 }
                for k in m..<(m + m * m) { flags[k] = 0 }
                for i in 0..<m { flags[m + i * m + i] = 1 }
                func fits(_ i: Int, _ j: Int) -> Bool {
                    let known = flags[m + i * m + j]
                    if known != 0 { return known == 1 }
                    let a = candidates[max(i, j)], b = candidates[min(i, j)]
                    let fits = !nearDuplicates(a, b, overlap: Self.jaccard(graph, a, b), graph: graph, table: table, bytes: bytes)
                    flags[m + i * m + j] = fits ? 1 : 2; flags[m + j * m + i] = fits ? 1 : 2
                    return fits
                }
                return withUnsafeTemporaryAllocation(of: Double.self, capacity: (size + 1) * (m + 2)) { sums -> [Int] in
                    // sums[d] is the total of the set's first d members. Above it, top[(i * (size + 1)) + k]
                    // (from offset size + 1) is the largest total of k scores among candidates i..<m: a set whose
                    // first members total t and whose next member is candidate i or later totals at most
                    // t + top(i, size - depth), so the search skips what cannot beat the best set strictly.
                    let top = sums.baseAddress! + (size + 1)
                    for k in 0...size { top[m * (size + 1) + k] = k == 0 ? 0 : -.infinity }
                    for i in stride(from: m - 1, through: 0, by: -1) {
                        let score = scores[candidates[i]]
                        let row = top + i * (size + 1), below = top + (i + 1) * (size + 1)
                        row[0] = 0
                        for k in stride(from: size, through: 1, by: -1) { row[k] = max(below[k], below[k - 1] + score) }
                    }
                    // Depth-first over index sets in ascending order (the first set found wins a tie). Skipping a
                    // set that cannot beat the best set found so far cannot change the result: the best only
                    // grows as the search goes on, so that set could not have replaced it later either.
                    var best = greedy, bestValue = greedyValue
                    sums[0] = 0
                    var depth = 0, next = 0
                    while true {
                        if depth == size {
                            // Each dangling member needs the sentence right before it, also a member.
                            var valid = true
                            for position in 0..<size where flags[set[position]] == 1 {
                                if position > 0, candidates[set[position - 1]] == candidates[set[position]] - 1 { continue }
                                // A bare "The ..." may also follow an earlier member that names its noun.
                                guard table.definiteHead[candidates[set[position]]] != nil,
                                      Self.introduced(candidates[set[position]], by: (0..<position).map { candidates[set[$0]] },
                                                      table: table, graph: graph) else { valid = false; break }
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
                            if (sums[depth] + top[i * (size + 1) + size - depth]) * (1 + 1e-12) <= bestValue * (1 + 1e-9) {
                                break   // no set from here on can beat the best
                            }
                            var ok = true
                            for j in 0..<depth where !fits(set[j], i) { ok = false; break }
                            if ok { found = i; break }
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

    /// The set of `greedy.count` sentences with the highest ``SetScorer`` value among the best `jointCandidates`
    /// eligible sentences and the eligible sentence before each dangling one among them (ranked after them); valid
    /// sets as in ``jointSearch(greedy:scores:pool:table:eligible:graph:bytes:)``.
    ///
    /// The value is the mean of the members' own values plus terms of the whole set (length, overlaps), and those
    /// terms have an upper bound (``SetScorer/setTermsBound(words:overlapBelow:)``). The search goes through the
    /// candidates by their own values, best first, and skips every set whose members cannot reach the best value
    /// found even with the largest set terms; whether two candidates may stand together is checked the first time a
    /// set needs it. Ties go to the set found first.
    private func setSearch(_ chosen: inout [Int], scorer: SetScorer, scores: [Double], pool: (Int) -> Int?,
                           table: Candidates, eligible: (Int) -> Bool, graph: SimilarityGraph,
                           bytes: UnsafeBufferPointer<UInt8>) {
        let dangling = table.opensDangling
        let size = chosen.count, limit = 2 * jointCandidates
        // The best set is written over the greedy picks, in place (no new array per document).
        withUnsafeTemporaryAllocation(of: Int.self, capacity: limit + 2 * size) { ints in
            // ints[0..<m] (m ≤ limit): the candidates (sentence indices), listed best first by their own values; from
            // `limit`, the set being built (positions into the list), then the best set found.
            withUnsafeTemporaryAllocation(of: Double.self, capacity: limit + size + 1) { values in
                var listed = 0
                for k in 0..<jointCandidates {
                    guard let s = pool(k) else { break }
                    var known = false, knownBefore = false
                    for i in 0..<listed {
                        if ints[i] == s { known = true }
                        if ints[i] == s - 1 { knownBefore = true }
                    }
                    if !known {
                        ints[listed] = s
                        values[listed] = scorer.memberValue(s, rank: k, scores: scores, table: table)
                        listed += 1
                    }
                    if s > 0, dangling[s], !knownBefore, eligible(s - 1) {
                        ints[listed] = s - 1
                        values[listed] = scorer.memberValue(s - 1, rank: jointCandidates, scores: scores, table: table)
                        listed += 1
                    }
                }
                let m = listed
                guard m > size else { return }
                // Best first by own value (ties: the earlier sentence), by insertion: a dozen entries.
                for i in 1..<m {
                    let s = ints[i], v = values[i]
                    var j = i
                    while j > 0, values[j - 1] < v || (values[j - 1] == v && ints[j - 1] > s) {
                        ints[j] = ints[j - 1]; values[j] = values[j - 1]; j -= 1
                    }
                    ints[j] = s; values[j] = v
                }
                var fewest = Int.max, most = 0
                for i in 0..<m { fewest = min(fewest, table.shownWords[ints[i]]); most = max(most, table.shownWords[ints[i]]) }
                let bound = scorer.setTermsBound(words: Double(fewest)...Double(most), overlapBelow: redundancyThreshold)
                let set = UnsafeMutableBufferPointer(rebasing: ints[limit..<(limit + size)])
                let best = UnsafeMutableBufferPointer(rebasing: ints[(limit + size)..<(limit + 2 * size)])
                // partial[d]: the sum of the own values of the set's first d members.
                let partial = UnsafeMutableBufferPointer(rebasing: values[limit..<(limit + size + 1)])
                withUnsafeTemporaryAllocation(of: Double.self, capacity: m * m) { overlap in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: m * m) { flags in
                    // flags[i * m + j]: 0 not compared yet, 1 may stand together (overlap[i * m + j] set), 2 may not.
                    _ = flags.initialize(repeating: 0)
                    func fits(_ i: Int, _ j: Int) -> Bool {
                        let known = flags[i * m + j]
                        if known != 0 { return known == 1 }
                        let a = ints[i], b = ints[j]
                        let jaccard = Self.jaccard(graph, a, b)
                        let ok = !nearDuplicates(a, b, overlap: jaccard, graph: graph, table: table, bytes: bytes)
                        flags[i * m + j] = ok ? 1 : 2; flags[j * m + i] = ok ? 1 : 2
                        overlap[i * m + j] = jaccard; overlap[j * m + i] = jaccard
                        return ok
                    }
                    /// Whether the set's dangling members each follow their own predecessor (or, for a bare "The ...",
                    /// a member that names its noun before it).
                    func standsAlone() -> Bool {
                        for position in 0..<size where dangling[ints[set[position]]] {
                            let s = ints[set[position]]
                            var predecessor = false
                            for q in 0..<size where ints[set[q]] == s - 1 { predecessor = true; break }
                            if predecessor { continue }
                            guard let head = table.definiteHead[s] else { return false }
                            var named = false   // ``introduced(_:by:table:graph:)`` without an array per set
                            for q in 0..<size where ints[set[q]] < s && Self.holds(ints[set[q]], head, graph: graph) {
                                named = true
                                break
                            }
                            if !named { return false }
                        }
                        return true
                    }
                    var bestValue = -Double.infinity, found = false
                    partial[0] = 0
                    var depth = 0, next = 0
                    while true {
                        if depth == size {
                            if standsAlone() {
                                var words = 0, largest = 0.0, sum = 0.0
                                for position in 0..<size {
                                    words += table.shownWords[ints[set[position]]]
                                    for q in 0..<position {
                                        let o = overlap[set[position] * m + set[q]]
                                        largest = max(largest, o); sum += o
                                    }
                                }
                                let value = partial[size] / Double(size)
                                    + scorer.setTerms(count: size, words: words, largestOverlap: largest, overlapSum: sum)
                                if value > bestValue {
                                    bestValue = value; found = true
                                    for q in 0..<size { best[q] = ints[set[q]] }
                                }
                            }
                            depth -= 1
                            next = set[depth] + 1
                            continue
                        }
                        var pick = -1
                        var i = next
                        while i <= m - (size - depth) {
                            // The best the set can still reach: its members so far, the next best candidates, the
                            // largest set terms. Candidates are listed best first, so nothing after i does better.
                            var reach = partial[depth]
                            for q in 0..<(size - depth) { reach += values[i + q] }
                            if reach / Double(size) + bound <= bestValue { break }
                            var ok = true
                            for q in 0..<depth where !fits(set[q], i) { ok = false; break }
                            if ok { pick = i; break }
                            i += 1
                        }
                        if pick < 0 {
                            if depth == 0 { break }
                            depth -= 1
                            next = set[depth] + 1
                            continue
                        }
                        set[depth] = pick
                        partial[depth + 1] = partial[depth] + values[pick]
                        depth += 1
                        next = pick + 1
                    }
                    guard found else { return }
                    for q in 0..<size { chosen[q] = best[q] }
                }
                }
            }
        }
    }

    /// Whether the joint search may pick `members` (ascending sentence indices) together: no two are near-duplicates
    /// and each dangling member has the sentence before it in the set (or, for a bare "The ...", an earlier member
    /// that names its noun). The fitting of ``SetScorer`` weights reads it (`summarize eval --dump-features`).
    package func isValidSet(_ members: [Int], table: Candidates, graph: SimilarityGraph, in document: Document) -> Bool {
        let dangling = table.opensDangling
        return document.withUTF8 { bytes in
            for (position, s) in members.enumerated() {
                for t in members[..<position]
                where nearDuplicates(s, t, overlap: Self.jaccard(graph, s, t), graph: graph, table: table, bytes: bytes) {
                    return false
                }
                if dangling[s], !(position > 0 && members[position - 1] == s - 1) {
                    guard table.definiteHead[s] != nil,
                          Self.introduced(s, by: Array(members[..<position]), table: table, graph: graph) else { return false }
                }
            }
            return true
        }
    }

    private func isRedundant(_ s: Int, _ chosen: [Int], graph: SimilarityGraph, bytes: UnsafeBufferPointer<UInt8>,
                             shown: [Range<Int>], table: Candidates) -> Bool {
        for c in chosen where nearDuplicates(s, c, overlap: Self.jaccard(graph, s, c), graph: graph, table: table, bytes: bytes) {
            return true
        }
        return false
    }

    /// Whether `a` and `b`, whose content terms overlap by `overlap` (``jaccard(_:_:_:)``), are one bullet twice: an
    /// overlap of at least ``redundancyThreshold``, a restatement either way, or the same shown text (two sentences
    /// differing only in a trailing citation).
    private func nearDuplicates(_ a: Int, _ b: Int, overlap: Double, graph: SimilarityGraph, table: Candidates,
                                bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        overlap >= redundancyThreshold || Self.restates(a, b, graph: graph, table: table)
            || Self.restates(b, a, graph: graph, table: table) || Self.sameText(table.shownRange[a], table.shownRange[b], bytes)
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

    /// Whether `s` opens with a bare "The ..." whose head noun an earlier sentence among `chosen` holds, so
    /// the reader of the bullets knows what it refers to.
    static func introduced(_ s: Int, by chosen: [Int], table: Candidates, graph: SimilarityGraph) -> Bool {
        guard let head = table.definiteHead[s] else { return false }
        for c in chosen where c < s && holds(c, head, graph: graph) { return true }
        return false
    }

    /// Whether sentence `c`'s content terms (sorted) hold `term`.
    static func holds(_ c: Int, _ term: TermID, graph: SimilarityGraph) -> Bool {
        var low = Int(graph.sentenceTermStart[c]), high = Int(graph.sentenceTermStart[c + 1])
        while low < high {
            let mid = (low + high) / 2
            if graph.sentenceTerms[mid] < term { low = mid + 1 } else { high = mid }
        }
        return low < Int(graph.sentenceTermStart[c + 1]) && graph.sentenceTerms[low] == term
    }

    /// Whether sentence `a` says nothing that `b` does not: every name and number of `a` is among `b`'s content
    /// terms, and at least half of `a`'s content terms are too (with no name or number, at least 70 %).
    /// "Kessing's port authority approved a plan to automate half of its cranes by 2029" restates
    /// "The port authority of Kessing voted on Tuesday to replace half of its 48 cranes ... by 2029".
    static func restates(_ a: Int, _ b: Int, graph: SimilarityGraph, table: Candidates) -> Bool {
        let aStart = Int(graph.sentenceTermStart[a]), aEnd = Int(graph.sentenceTermStart[a + 1])
        let bStart = Int(graph.sentenceTermStart[b]), bEnd = Int(graph.sentenceTermStart[b + 1])
        let size = aEnd - aStart
        guard size >= 3, bEnd > bStart else { return false }
        // Names and numbers of a, all in b (both lists sorted).
        var j = bStart
        let specific = Int(table.specificTermStart[a])..<Int(table.specificTermStart[a + 1])
        for k in specific {
            let t = table.specificTerms[k]
            while j < bEnd, graph.sentenceTerms[j] < t { j += 1 }
            if j == bEnd || graph.sentenceTerms[j] != t { return false }
        }
        let shared = Self.sharedTerms(graph, aStart..<aEnd, bStart..<bEnd)
        return Double(shared) >= (specific.isEmpty ? 0.7 : 0.5) * Double(size)
    }

    /// Jaccard similarity of two sentences' sorted content-term sets (merge, O(a + b)).
    package static func jaccard(_ graph: SimilarityGraph, _ a: Int, _ b: Int) -> Double {
        let i = Int(graph.sentenceTermStart[a]), j = Int(graph.sentenceTermStart[b])
        let iEnd = Int(graph.sentenceTermStart[a + 1]), jEnd = Int(graph.sentenceTermStart[b + 1])
        let sizeA = iEnd - i, sizeB = jEnd - j
        if sizeA == 0 || sizeB == 0 { return 0 }
        let shared = sharedTerms(graph, i..<iEnd, j..<jEnd)
        return Double(shared) / Double(sizeA + sizeB - shared)
    }

    /// How many terms the sorted, distinct runs `a` and `b` of the graph's ``SimilarityGraph/sentenceTerms`` share
    /// (a merge, through a pointer: the runs lie within the column, so no index is checked per step).
    @inline(__always)
    static func sharedTerms(_ graph: SimilarityGraph, _ a: Range<Int>, _ b: Range<Int>) -> Int {
        precondition(a.lowerBound >= 0 && b.lowerBound >= 0 && a.upperBound <= graph.sentenceTerms.count
                     && b.upperBound <= graph.sentenceTerms.count)
        return graph.sentenceTerms.withUnsafeBufferPointer { column in
            guard let terms = column.baseAddress else { return 0 }
            var i = a.lowerBound, j = b.lowerBound, shared = 0
            while i < a.upperBound, j < b.upperBound {
                let x = terms[i], y = terms[j]
                if x == y { shared += 1; i += 1; j += 1 } else if x < y { i += 1 } else { j += 1 }
            }
            return shared
        }
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
