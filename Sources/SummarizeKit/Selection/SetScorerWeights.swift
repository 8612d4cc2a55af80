// Written by scripts/fit_sets.py; do not edit by hand (refit instead: docs/quality.md).
// 11810 articles (paragraphs-sets.features.jsonl, block-nodateline-sets.features.jsonl), --temperature 0.08 --l2 0.001 --share1 0.5 --size 3
extension SetScorer.Weights {
    /// Fitted on sets of three bullets of news articles (see docs/quality.md); columns in
    /// ``Candidates/Feature`` order.
    public static let news = SetScorer.Weights(
        probability: 5.38817, logProbability: 0.199252, rank: -0.104953,
        columns: [-0.461968, 0.132145, 0.0822471, 0.238265, -0.11735, -0.362097, 0.223786, 0.0905764, -0.0225027, 0.253206, 0.537672, -0.110813, -0.0225128, 0.0796652, -0.092598, 0.0392349, -0.00753315, -0.0776754, -0.0243266, 4.55235e-16, -0.156203, 0.160553, 0.0274488, 0.0597225, 0.224826, -0.311332, -0.0111717, -0.0514999, 0.160821, 0.0351069, 0.210528, -0.0688101, -0.0247513],
        logLength: 0.385592, length: -0.971149, lengthSquared: -0.920657, largestOverlap: -0.0366682, meanOverlap: -2.12384)
}
