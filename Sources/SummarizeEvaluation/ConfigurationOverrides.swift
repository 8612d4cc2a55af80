import Foundation
import SummarizeKit
extension Summarizer.Configuration {
    /// Applies one `key=value` setting, as `summarize eval --set` takes them,
    /// so experiments can be run and recorded without rebuilding.
    ///
    /// ```swift
    /// var configuration = Summarizer.Configuration()
    /// try configuration.apply(setting: "weight.inverseRank=2")
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
        if key.hasPrefix("weight.") {
            let name = String(key.dropFirst("weight.".count))
            guard let feature = Candidates.Feature.allCases.first(where: { $0.name == name }) else {
                let known = Candidates.Feature.allCases.map(\.name).joined(separator: ", ")
                throw .invalidConfiguration("Unknown feature '\(name)'. Known: \(known).")
            }
            tuning.weights[feature] = Float(try number())
            return
        }
        switch key {
        case "scorerFile":
            tuning.weights = try Self.weights(fromFile: value)
        case "weighting":
            guard let w = SimilarityGraph.Weighting(rawValue: value) else {
                let known = SimilarityGraph.Weighting.allCases.map(\.rawValue).joined(separator: ", ")
                throw .invalidConfiguration("Unknown weighting '\(value)'. Known: \(known).")
            }
            tuning.weighting = w
        case "damping": tuning.damping = try number()
        case "tolerance": tuning.tolerance = try number()
        case "maxIterations": tuning.maxIterations = try integer()
        case "redundancyThreshold": tuning.redundancyThreshold = try number()
        case "diversity": tuning.diversity = try number()
        case "danglingPairing": tuning.danglingPairing = try number()
        case "jointCandidates": tuning.jointCandidates = try integer()
        case "maximumWords": tuning.maximumWords = try integer()
        case "setScorerFile":
            tuning.setWeights = value == "none" ? nil : try Self.setWeights(fromFile: value)
        default:
            throw .invalidConfiguration("Unknown setting '\(key)'. Known: \(Self.settingKeys.joined(separator: ", ")), "
                + "and weight.<feature> for each scorer feature.")
        }
    }

    /// Scorer weights from a JSON file written by `scripts/fit_scorer.py --json`:
    /// `{"features": [...], "linear": [...], "hiddenWeights": [...], "hiddenBias": [...], "outputWeights": [...],
    /// "inputMean": [...], "inputScale": [...]}`, every array in the order of `features`.
    static func weights(fromFile path: String) throws(SummarizeError) -> Scorer.Weights {
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let names = object["features"] as? [String] else {
            throw .invalidConfiguration("scorerFile \(path): cannot be read as a weights file of scripts/fit_scorer.py.")
        }
        guard names == Candidates.Feature.allCases.map(\.name) else {
            throw .invalidConfiguration("scorerFile \(path): its features are not this build's; refit.")
        }
        func floats(_ key: String) -> [Float] { (object[key] as? [Double] ?? []).map { Float($0) } }
        let linear = floats("linear"), hiddenWeights = floats("hiddenWeights"), hiddenBias = floats("hiddenBias")
        let output = floats("outputWeights")
        var mean = floats("inputMean"), scale = floats("inputScale")
        if hiddenBias.isEmpty { mean = []; scale = [] }
        let standardizes = hiddenBias.isEmpty ? 0 : names.count
        guard linear.count == names.count, hiddenBias.count == output.count, hiddenWeights.count == hiddenBias.count * names.count,
              mean.count == standardizes, scale.count == standardizes else {
            throw .invalidConfiguration("scorerFile \(path): arrays of the wrong length.")
        }
        return Scorer.Weights(linear: linear, hiddenWeights: hiddenWeights, hiddenBias: hiddenBias, outputWeights: output,
                              inputMean: mean, inputScale: scale)
    }

    /// Set weights from a JSON file written by `scripts/fit_sets.py --json`: `{"features": [...], "probability",
    /// "logProbability", "rank", "columns": [...], "logLength", "length", "lengthSquared", "largestOverlap",
    /// "meanOverlap"}`, the columns in the order of `features`.
    static func setWeights(fromFile path: String) throws(SummarizeError) -> SetScorer.Weights {
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let names = object["features"] as? [String] else {
            throw .invalidConfiguration("setScorerFile \(path): cannot be read as a weights file of scripts/fit_sets.py.")
        }
        guard names == Candidates.Feature.allCases.map(\.name) else {
            throw .invalidConfiguration("setScorerFile \(path): its features are not this build's; refit.")
        }
        let columns = (object["columns"] as? [Double] ?? []).map { Float($0) }
        func number(_ key: String) throws(SummarizeError) -> Float {
            guard let x = object[key] as? Double else { throw .invalidConfiguration("setScorerFile \(path): no \(key).") }
            return Float(x)
        }
        guard columns.count == names.count else { throw .invalidConfiguration("setScorerFile \(path): columns of the wrong length.") }
        return SetScorer.Weights(probability: try number("probability"), logProbability: try number("logProbability"),
                                 rank: try number("rank"), columns: columns, logLength: try number("logLength"),
                                 length: try number("length"), lengthSquared: try number("lengthSquared"),
                                 largestOverlap: try number("largestOverlap"), meanOverlap: try number("meanOverlap"))
    }

    /// The keys ``apply(setting:)`` understands, besides `weight.<feature>`.
    public static let settingKeys = ["scorerFile", "weighting", "damping", "tolerance", "maxIterations", "redundancyThreshold",
                                     "diversity", "danglingPairing", "jointCandidates", "maximumWords", "setScorerFile"]
}
