// Written by scripts/fit_scorer.py; do not edit by hand (refit instead: docs/quality.md).
// 11863 articles; temperature 0.05, oracle share 1, L2 0.001, 0 hidden units, seed 1.
extension Scorer.Weights {
    /// Fitted on news articles (see docs/quality.md), features in ``Candidates/Feature`` order:
    /// first, second, third, inverseRank, logRank, relativePosition, centrality, forwardSimilarity, backwardSimilarity, centroid, leadOverlap, logWords, short, overLength, specificity, hasNumber, quoteShare, opensWithQuote, danglingOpener, logSentenceCount, inverseRankByLength, relativePositionByLength, logNames, logNumbers, stopwordShare, commaRate, opensWithName, centralityRank, maxSimilarity, inverseRankByCentrality, firstLogWords, englishAttribution.
    public static let news = Scorer.Weights([
        .first: -3.34138,
        .second: -0.460584,
        .third: -0.142095,
        .inverseRank: 2.0255,
        .logRank: -0.490469,
        .relativePosition: -1.04067,
        .centrality: 0.224122,
        .forwardSimilarity: 0.421309,
        .backwardSimilarity: -0.118616,
        .centroid: 0.936111,
        .leadOverlap: 0.844657,
        .logWords: -0.523407,
        .short: -0.252656,
        .overLength: -0.146386,
        .specificity: -0.0652007,
        .hasNumber: 0.241971,
        .quoteShare: -0.165389,
        .opensWithQuote: -0.269198,
        .danglingOpener: -0.0724232,
        .logSentenceCount: 8.27878e-15,
        .inverseRankByLength: -0.0946394,
        .relativePositionByLength: 0.452061,
        .logNames: 0.13823,
        .logNumbers: 0.0348113,
        .stopwordShare: -0.391789,
        .commaRate: -0.763768,
        .opensWithName: 0.0182579,
        .centralityRank: -0.161646,
        .maxSimilarity: 0.158997,
        .inverseRankByCentrality: -0.332224,
        .firstLogWords: 0.634584,
        .englishAttribution: -0.120391,
    ])
}
