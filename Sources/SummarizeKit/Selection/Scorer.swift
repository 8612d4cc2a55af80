import Foundation

/// Scores each candidate sentence as a key point: a linear model over the ``Candidates`` feature
/// columns, plus an optional small hidden layer (tanh units over the standardized features), turned
/// into a probability distribution over the sentences (softmax), so scores are positive and sum to 1.
///
/// The weights are fitted, not set by hand: `scripts/fit_scorer.py` learns them from how much of each
/// reference summary a sentence covers, on development articles in every layout, and writes
/// `ScorerWeights.swift` (the method is in docs/quality.md).
///
/// ```swift
/// let scores = Scorer().score(table)   // [Double], one per sentence, summing to 1
/// ```
///
/// - Complexity: O(sentences × features).
public struct Scorer: Sendable, Hashable {
    /// One weight per ``Candidates/Feature``, in its order.
    public struct Weights: Sendable, Hashable {
        /// The linear weights, one per feature.
        public var values: [Float]
        /// The hidden layer: per unit, one weight per standardized feature (row-major, units × features).
        public var hiddenWeights: [Float] { didSet { layer = Self.layer(hiddenWeights, hiddenBias) } }
        /// Per hidden unit, its bias.
        public var hiddenBias: [Float] { didSet { layer = Self.layer(hiddenWeights, hiddenBias) } }
        /// The hidden layer as ``Scorer/score(_:)`` reads it, laid out once: per block of eight units, their biases,
        /// then one vector per feature (eight units side by side, padded with zeros).
        private(set) var layer: [SIMD8<Float>] = []
        /// Per hidden unit, its weight in the score.
        public var outputWeights: [Float]
        /// Per feature, the mean and the scale that standardize it for the hidden layer.
        public var inputMean: [Float]
        public var inputScale: [Float]

        /// Linear weights by feature; features left out weigh 0. No hidden layer.
        public init(_ pairs: KeyValuePairs<Candidates.Feature, Float>) {
            var values = [Float](repeating: 0, count: Candidates.width)
            for (feature, weight) in pairs { values[feature.rawValue] = weight }
            self.values = values
            hiddenWeights = []; hiddenBias = []; outputWeights = []; inputMean = []; inputScale = []
        }

        /// The layout of ``layer`` for `weights` and `bias`.
        static func layer(_ weights: [Float], _ bias: [Float]) -> [SIMD8<Float>] {
            let width = Candidates.width, hidden = bias.count
            guard hidden > 0, weights.count == hidden * width else { return [] }
            let blocks = (hidden + 7) / 8
            var layer = [SIMD8<Float>](repeating: SIMD8(repeating: 0), count: blocks * (width + 1))
            for b in 0..<blocks {
                for lane in 0..<8 where 8 * b + lane < hidden {
                    layer[b * (width + 1)][lane] = bias[8 * b + lane]
                    for f in 0..<width { layer[b * (width + 1) + 1 + f][lane] = weights[(8 * b + lane) * width + f] }
                }
            }
            return layer
        }

        /// Linear weights and a hidden layer, each array in ``Candidates/Feature`` order.
        public init(linear: [Float], hiddenWeights: [Float], hiddenBias: [Float], outputWeights: [Float],
                    inputMean: [Float], inputScale: [Float]) {
            let standardizes = hiddenBias.isEmpty ? 0 : Candidates.width
            precondition(linear.count == Candidates.width && inputMean.count == standardizes
                         && inputScale.count == standardizes && hiddenBias.count == outputWeights.count
                         && hiddenWeights.count == hiddenBias.count * Candidates.width, "weights of the wrong shape")
            values = linear
            self.hiddenWeights = hiddenWeights; self.hiddenBias = hiddenBias; self.outputWeights = outputWeights
            self.inputMean = inputMean; self.inputScale = inputScale
            layer = Self.layer(hiddenWeights, hiddenBias)   // an initializer does not call `didSet`
        }

        /// Hidden units.
        public var hiddenCount: Int { hiddenBias.count }

        public subscript(_ feature: Candidates.Feature) -> Float {
            get { values[feature.rawValue] }
            set { values[feature.rawValue] = newValue }
        }
    }

    public var weights: Weights

    public init(weights: Weights = .news) {
        self.weights = weights
    }

    /// The hyperbolic tangent in plain `Float` arithmetic, so that the scores have the same bits on every
    /// platform (a C library's `tanhf` may differ in the last bit) at about a tenth of `tanhf`'s instructions.
    ///
    /// tanh |x| = 1 − 2 / (e^(2|x|) + 1), with e^y = 2^n · 2^f for n = ⌊y log₂ e⌋ (set in the exponent bits) and f in
    /// [0, 1) by a degree-5 polynomial fitted to 2^f on Chebyshev points (relative error under 8e-8); the sign of x is
    /// put back, and |x| ≥ 9 gives ±1 (tanh 9 rounds to 1 in `Float`). Absolute error under 3e-7 against `tanh`
    /// over all x (`ScorerTests`); NaN stays NaN.
    @inline(__always)
    static func tanh(_ x: Float) -> Float {
        let a = abs(x)
        guard a < 9 else { return a.isNaN ? x : (x < 0 ? -1 : 1) }
        let y = a * 2.885_390_08   // 2|x| log₂ e
        let n = Int32(y)   // ⌊y⌋: y ≥ 0 (a conversion, where `rounded(.down)` calls the C library's floorf)
        let f = y - Float(n)
        var p: Float = 0.001_876_232_9
        p = p * f + 0.008_992_584_4
        p = p * f + 0.055_823_606
        p = p * f + 0.240_154_53
        p = p * f + 0.693_152_96
        p = p * f + 0.999_999_94
        let e = p * Float(bitPattern: UInt32(n + 127) << 23)
        let t = 1 - 2 / (e + 1)
        return x < 0 ? -t : t
    }

    /// ``tanh(_:)`` of eight values at once, each lane by the same operations on the same values (so the same bits
    /// as eight calls): |x| by clearing the sign bit; ⌊y⌋ (0 ≤ y < 26) as y rounded to a whole number by adding and
    /// taking away 2^23, less one where that rounded up, its integer read off the bits of y + 2^23 (no conversion
    /// instruction per lane); lanes of 9 or more in magnitude give ±1, NaN stays NaN.
    @inline(__always)
    static func tanh(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let a = unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: SIMD8<Float>.self)
        let inRange = a .< 9   // false for NaN
        // Lanes out of range go on from 0 (their result is replaced at the end).
        let y = a.replacing(with: 0, where: .!inRange) * 2.885_390_08
        let big = SIMD8<Float>(repeating: 8_388_608)   // 2^23: the sum's last bit is worth 1
        let shifted = y + big
        var whole = shifted - big   // y rounded to the nearest whole number, exactly
        var n = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B00_0000   // that number: 2^23 + k has bits 0x4B000000 + k
        let roundedUp = whole .> y
        whole.replace(with: whole - 1, where: roundedUp)
        n.replace(with: n &- 1, where: roundedUp)
        let f = y - whole
        var p = SIMD8<Float>(repeating: 0.001_876_232_9)
        p = p * f + 0.008_992_584_4
        p = p * f + 0.055_823_606
        p = p * f + 0.240_154_53
        p = p * f + 0.693_152_96
        p = p * f + 0.999_999_94
        let e = p * unsafeBitCast((n &+ 127) &<< 23, to: SIMD8<Float>.self)
        let t = 1 - 2 / (e + 1)
        let negative = x .< 0
        var result = t.replacing(with: -t, where: negative)
        let one = SIMD8<Float>(repeating: 1)
        result.replace(with: one.replacing(with: -one, where: negative), where: .!inRange)
        result.replace(with: x, where: x .!= x)   // NaN
        return result
    }

    /// One score per row of `table`, summing to 1 (uniform when every row is equal); a sentence without
    /// words scores 0 unless no sentence has words.
    ///
    /// The hidden units are computed eight at a time: the hidden weights are laid out feature by feature
    /// (eight units side by side, padded with zeros) once per set of weights, and each lane adds its products
    /// in feature order, exactly as one unit at a time would (the same rounding, so the same bits).
    public func score(_ table: Candidates) -> [Double] {
        let n = table.count, width = Candidates.width
        guard n > 0 else { return [] }
        var logits = [Double](repeating: -.infinity, count: n)
        var top = -Double.infinity
        let hidden = weights.hiddenCount
        let blocks = (hidden + 7) / 8
        precondition(hidden == 0 || weights.layer.count == blocks * (width + 1), "hidden weights of the wrong shape")
        withUnsafeTemporaryAllocation(of: Float.self, capacity: width) { standardized in
        weights.layer.withUnsafeBufferPointer { layer in
        withUnsafeTemporaryAllocation(of: SIMD8<Float>.self, capacity: max(1, blocks)) { sums in
        table.features.withUnsafeBufferPointer { x in
        table.shownWords.withUnsafeBufferPointer { shownWords in
        weights.values.withUnsafeBufferPointer { w in
        weights.outputWeights.withUnsafeBufferPointer { ow in
        weights.inputMean.withUnsafeBufferPointer { mean in
        weights.inputScale.withUnsafeBufferPointer { scale in
        logits.withUnsafeMutableBufferPointer { logits in
            // layer[b * (width + 1)]: the biases of units 8b ..< 8b + 8; then one vector per feature.
            var s = 0
            while s < n {
                guard shownWords[s] > 0 else { s += 1; continue }
                let row = x.baseAddress! + s * width
                if blocks == 1 {
                    // Up to eight hidden units (the shipped weights): the linear sum and the units' sums in one
                    // pass over the features, so that their chains of additions overlap, and two rows at a time
                    // (the next row with words), so that the chains of the two overlap too. Each sum still adds its
                    // terms in feature order: the same bits as the passes below.
                    let columns = layer.baseAddress! + 1
                    var next = s + 1
                    while next < n, shownWords[next] <= 0 { next += 1 }
                    if next < n {
                        let other = x.baseAddress! + next * width
                        var z: Float = 0, zOther: Float = 0
                        var a = layer[0], aOther = layer[0]
                        for f in 0..<width {
                            let value = row[f], valueOther = other[f]
                            z += w[f] * value
                            zOther += w[f] * valueOther
                            a += columns[f] * SIMD8(repeating: (value - mean[f]) / scale[f])
                            aOther += columns[f] * SIMD8(repeating: (valueOther - mean[f]) / scale[f])
                        }
                        let tangents = Self.tanh(a), tangentsOther = Self.tanh(aOther)
                        for h in 0..<hidden { z += ow[h] * tangents[h] }
                        for h in 0..<hidden { zOther += ow[h] * tangentsOther[h] }
                        logits[s] = Double(z)
                        top = max(top, Double(z))
                        logits[next] = Double(zOther)
                        top = max(top, Double(zOther))
                        s = next + 1
                        continue
                    }
                    var z: Float = 0
                    var a = layer[0]
                    for f in 0..<width {
                        let value = row[f]
                        z += w[f] * value
                        a += columns[f] * SIMD8(repeating: (value - mean[f]) / scale[f])
                    }
                    let tangents = Self.tanh(a)
                    for h in 0..<hidden { z += ow[h] * tangents[h] }
                    logits[s] = Double(z)
                    top = max(top, Double(z))
                    s = next
                    continue
                }
                var z: Float = 0
                for f in 0..<width { z += w[f] * row[f] }
                if hidden > 0 {
                    for f in 0..<width { standardized[f] = (row[f] - mean[f]) / scale[f] }
                    for b in 0..<blocks {
                        let base = layer.baseAddress! + b * (width + 1)
                        var a = base[0]
                        let columns = base + 1
                        for f in 0..<width { a += columns[f] * SIMD8(repeating: standardized[f]) }
                        sums[b] = a
                    }
                    for h in 0..<hidden { z += ow[h] * Self.tanh(sums[h >> 3][h & 7]) }
                }
                logits[s] = Double(z)
                top = max(top, Double(z))
                s += 1
            }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        guard top.isFinite else { return [Double](repeating: 1 / Double(n), count: n) }
        var total = 0.0
        for s in 0..<n {
            let e = logits[s].isFinite ? exp(logits[s] - top) : 0
            logits[s] = e
            total += e
        }
        for s in 0..<n { logits[s] /= total }
        return logits
    }
}
