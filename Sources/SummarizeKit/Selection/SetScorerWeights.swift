// Written by scripts/fit_sets.py; do not edit by hand (refit instead: docs/quality.md).
// 23620 articles (paragraphs-sets.features.jsonl, block-sets.features.jsonl, nodateline-sets.features.jsonl, block-nodateline-sets.features.jsonl), --temperature 0.08 --l2 0.001 --share1 0.7 --size 3
extension SetScorer.Weights {
    /// Fitted on sets of three bullets of news articles (see docs/quality.md); columns in
    /// ``Candidates/Feature`` order.
    public static let news = SetScorer.Weights(
        probability: 5.18185, logProbability: 0.2262, rank: -0.112822,
        columns: [-0.502168, 0.148075, 0.0864204, 0.257069, -0.12942, -0.342946, 0.287141, 0.0696826, -0.0238759, 0.490918, 0.618389, -0.129973, -0.0282011, 0.0805539, -0.129049, 0.0473246, -0.0529689, -0.0843486, -0.0220128, -2.39822e-15, -0.184692, 0.150919, 0.0276507, 0.0530127, 0.281011, -0.320416, -0.0111942, -0.0530322, 0.162085, 0.0518316, 0.242942, -0.0857323, -0.00594139],
        logLength: 0.498219, length: -1.12944, lengthSquared: -1.14149, largestOverlap: -0.0160107, meanOverlap: -2.60193)
}
