import SummarizeKit
extension Summarizer.Configuration {
    /// Applies one `key=value` setting, as `summarize eval --set` takes them,
    /// so experiments can be run and recorded without rebuilding.
    ///
    /// ```swift
    /// var configuration = Summarizer.Configuration()
    /// try configuration.apply(setting: "leadBias=1")
    /// ```
    ///
    /// - Throws: `.invalidConfiguration` for an unknown key or a value that is not a number.
    public mutating func apply(setting: String) throws(SummarizeError) {
        guard let equals = setting.firstIndex(of: "=") else {
            throw .invalidConfiguration("Setting '\(setting)' is not of the form key=value.")
        }
        let key = String(setting[..<equals]).trimmingCharacters(in: .whitespaces)
        let value = String(setting[setting.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        func number() throws(SummarizeError) -> Double {
            guard let x = Double(value), x.isFinite else {
                throw .invalidConfiguration("Setting '\(key)' needs a number (got '\(value)').")
            }
            return x
        }
        func integer() throws(SummarizeError) -> Int {
            guard let x = Int(value) else {
                throw .invalidConfiguration("Setting '\(key)' needs a whole number (got '\(value)').")
            }
            return x
        }
        switch key {
        case "weighting":
            guard let w = SimilarityGraph.Weighting(rawValue: value) else {
                let known = SimilarityGraph.Weighting.allCases.map(\.rawValue).joined(separator: ", ")
                throw .invalidConfiguration("Unknown weighting '\(value)'. Known: \(known).")
            }
            weighting = w
        case "damping": damping = try number()
        case "tolerance": tolerance = try number()
        case "maxIterations": maxIterations = try integer()
        case "leadBias": leadBias = try number()
        case "redundancyThreshold": redundancyThreshold = try number()
        case "directedWeight": directedWeight = try number()
        case "forwardEdgeWeight": forwardEdgeWeight = try number()
        case "backwardEdgeWeight": backwardEdgeWeight = try number()
        case "edgeThreshold": edgeThreshold = try number()
        case "diversity": diversity = try number()
        case "positionWeight": positionWeight = try number()
        case "positionDecay": positionDecay = try number()
        case "lengthPenalty": lengthPenalty = try number()
        case "pivotWords": pivotWords = try integer()
        case "structureAdaptivity": structureAdaptivity = try number()
        case "leadParagraphSentences": leadParagraphSentences = try number()
        case "centralParagraphSentences": centralParagraphSentences = try number()
        case "longSentenceBonus": longSentenceBonus = try number()
        case "centroidWeight": centroidWeight = try number()
        case "danglingPairing": danglingPairing = try number()
        case "centralMaximumWords": centralMaximumWords = try integer()
        case "quotePenalty": quotePenalty = try number()
        case "specificityWeight": specificityWeight = try number()
        case "centralSpecificityWeight": centralSpecificityWeight = try number()
        case "openingQuotePenalty": openingQuotePenalty = try number()
        case "jointCandidates": jointCandidates = try integer()
        case "datelineLead": datelineLead = try number()
        case "surfaceCentralityWeight": surfaceCentralityWeight = try number()
        default:
            throw .invalidConfiguration("Unknown setting '\(key)'. Known: \(Self.settingKeys.joined(separator: ", ")).")
        }
    }

    /// The keys ``apply(setting:)`` understands.
    public static let settingKeys = ["weighting", "damping", "tolerance", "maxIterations", "leadBias", "redundancyThreshold",
                                     "directedWeight", "forwardEdgeWeight", "backwardEdgeWeight", "edgeThreshold",
                                     "diversity", "positionWeight", "positionDecay", "lengthPenalty", "pivotWords",
                                     "structureAdaptivity", "leadParagraphSentences", "centralParagraphSentences",
                                     "longSentenceBonus", "centroidWeight", "danglingPairing", "centralMaximumWords", "quotePenalty",
                                     "specificityWeight", "centralSpecificityWeight",
                                     "openingQuotePenalty", "jointCandidates", "datelineLead",
                                     "surfaceCentralityWeight"]
}
