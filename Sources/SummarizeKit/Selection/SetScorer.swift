import Foundation

/// Scores a set of candidate sentences as a whole, the way a summary is read: three bullets that are each a
/// good key point, together about as long as a summary, and not saying the same thing twice.
///
/// The ``Scorer`` ranks each sentence alone; a set of the best-ranked ones can still be too long, or two of its
/// sentences can share most of their words. The set's value is
///
///     mean over the members of (a·p + b·ln p + c·rank + Σ wⱼ·featureⱼ)
///       + l₁·ln(1 + w̄) + l₂·(w̄/50) + l₃·(w̄/50)² + o₁·(largest overlap) + o₂·(mean overlap)
///
/// where p is a member's ``Scorer`` probability, rank its place among the candidates by that probability, the
/// features its ``Candidates`` columns, w̄ the set's mean words per bullet and the overlaps the Jaccard
/// overlaps of content terms between two members. `scripts/fit_sets.py` fits the weights on sets of the
/// best-ranked sentences of development articles, labelled by each set's own ROUGE against the reference
/// (docs/quality.md), and writes `SetScorerWeights.swift`.
///
/// ```swift
/// let scorer = SetScorer()
/// let value = scorer.value(members: [0, 2, 5], ranks: [0, 1, 4], scores: scores, table: table, graph: graph)
/// ```
public struct SetScorer: Sendable, Hashable {
    /// The weights of the set's value; see ``SetScorer``.
    public struct Weights: Sendable, Hashable {
        /// Of a member's ``Scorer`` probability.
        public var probability: Float
        /// Of the natural logarithm of that probability.
        public var logProbability: Float
        /// Of a member's place among the candidates by probability (0 the best), over 10.
        public var rank: Float
        /// Of a member's ``Candidates`` columns, in ``Candidates/Feature`` order.
        public var columns: [Float]
        /// Of ln(1 + mean words per bullet).
        public var logLength: Float
        /// Of the mean words per bullet, over 50.
        public var length: Float
        /// Of the square of that.
        public var lengthSquared: Float
        /// Of the largest Jaccard overlap of content terms between two members.
        public var largestOverlap: Float
        /// Of the mean of those overlaps over the pairs of members.
        public var meanOverlap: Float

        public init(probability: Float, logProbability: Float, rank: Float, columns: [Float], logLength: Float,
                    length: Float, lengthSquared: Float, largestOverlap: Float, meanOverlap: Float) {
            precondition(columns.count == Candidates.width, "set weights of the wrong shape")
            self.probability = probability; self.logProbability = logProbability; self.rank = rank
            self.columns = columns; self.logLength = logLength; self.length = length
            self.lengthSquared = lengthSquared; self.largestOverlap = largestOverlap; self.meanOverlap = meanOverlap
        }
    }

    public var weights: Weights

    public init(weights: Weights = .news) {
        self.weights = weights
    }

    /// What a member adds to the set's value on its own (before the mean): the first term of ``SetScorer``.
    /// `rank` is its place among the candidates by probability.
    public func memberValue(_ s: Int, rank: Int, scores: [Double], table: Candidates) -> Double {
        let w = weights
        let p = max(scores[s], 1e-30)
        var value = Double(w.probability) * p + Double(w.logProbability) * Foundation.log(p)
            + Double(w.rank) * Double(rank) / 10
        let base = s * Candidates.width
        var columns: Float = 0
        w.columns.withUnsafeBufferPointer { weights in
            table.features.withUnsafeBufferPointer { features in
                for f in 0..<Candidates.width { columns += weights[f] * features[base + f] }
            }
        }
        value += Double(columns)
        return value
    }

    /// The terms of the set as a whole: its length and the overlaps between its members.
    /// - Parameters:
    ///   - count: members in the set.
    ///   - words: their shown words, summed.
    ///   - largestOverlap, overlapSum: over the pairs of members, the largest Jaccard overlap and their sum.
    public func setTerms(count: Int, words: Int, largestOverlap: Double, overlapSum: Double) -> Double {
        let w = weights
        let mean = Double(words) / Double(max(count, 1))
        let pairs = count * (count - 1) / 2
        return Double(w.logLength) * Foundation.log(1 + mean) + Double(w.length) * mean / 50
            + Double(w.lengthSquared) * (mean / 50) * (mean / 50) + Double(w.largestOverlap) * largestOverlap
            + Double(w.meanOverlap) * (pairs > 0 ? overlapSum / Double(pairs) : 0)
    }

    /// An upper bound of ``setTerms(count:words:largestOverlap:overlapSum:)`` over the sets whose mean words per
    /// bullet lie in `words` and whose overlaps lie below `overlapBelow`: the length terms at their largest in that
    /// range (at an end, or where their derivative is zero), and each overlap term at 0 or at `overlapBelow`.
    public func setTermsBound(words: ClosedRange<Double>, overlapBelow: Double) -> Double {
        let w = weights
        let a = Double(w.logLength), b = Double(w.length) / 50, c = Double(w.lengthSquared) / 2500
        func length(_ x: Double) -> Double { a * Foundation.log(1 + x) + b * x + c * x * x }
        var best = max(length(words.lowerBound), length(words.upperBound))
        // d/dx = a / (1 + x) + b + 2cx = 0  ⇔  2c·x² + (b + 2c)·x + (a + b) = 0 (for x > −1).
        let qa = 2 * c, qb = b + 2 * c, qc = a + b
        var r1 = Double.nan, r2 = Double.nan
        if qa != 0 {
            let d = qb * qb - 4 * qa * qc
            if d >= 0 { r1 = (-qb + d.squareRoot()) / (2 * qa); r2 = (-qb - d.squareRoot()) / (2 * qa) }
        } else if qb != 0 {
            r1 = -qc / qb
        }
        if words.contains(r1) { best = max(best, length(r1)) }   // NaN is in no range
        if words.contains(r2) { best = max(best, length(r2)) }
        let overlaps = (max(0, Double(w.largestOverlap)) + max(0, Double(w.meanOverlap))) * overlapBelow
        // A little room for rounding: the bound only decides which sets are not valued.
        return best + overlaps + 1e-9 * (1 + abs(best) + overlaps)
    }

    /// The value of the set `members` (indices into the table), each with its place among the candidates in `ranks`.
    public func value(members: [Int], ranks: [Int], scores: [Double], table: Candidates, graph: SimilarityGraph) -> Double {
        var total = 0.0, words = 0, largest = 0.0, sum = 0.0
        for (i, s) in members.enumerated() {
            total += memberValue(s, rank: ranks[i], scores: scores, table: table)
            words += table.shownWords[s]
            for t in members[..<i] {
                let j = Selector.jaccard(graph, s, t)
                largest = max(largest, j); sum += j
            }
        }
        return total / Double(max(members.count, 1))
            + setTerms(count: members.count, words: words, largestOverlap: largest, overlapSum: sum)
    }
}
