import SummarizeKit

/// The rows a scorer is fitted on: for one article, every sentence's ``Candidates`` features, whether it
/// may be a bullet (eligible and not a second choice), and how much of the reference summary it covers on its own (ROUGE-1 and ROUGE-2
/// of the sentence's shown text against the whole reference). `summarize eval --dump-features` writes
/// one such JSON line per article; `scripts/fit_scorer.py` reads them.
///
/// ```swift
/// let line = FeatureDump(configuration: .init()).line(id: "a1", document: Document(text), reference: ["..."])
/// ```
public struct FeatureDump: Sendable {
    public var configuration: Summarizer.Configuration
    public var rouge = ROUGE()

    public init(configuration: Summarizer.Configuration) {
        self.configuration = configuration
    }

    /// The feature names, in column order.
    public static var header: String {
        "{\"features\":[" + Candidates.Feature.allCases.map { "\"\($0.name)\"" }.joined(separator: ",") + "]}\n"
    }

    /// One JSON line: `{"id", "rows": [[feature...]...], "eligible": [0|1...], "r1": [...], "r2": [...], "tok", "ref",
    /// "score", "words", "pool", "ranks", "jac", "valid3", "oracle"}`: per sentence its ROUGE tokens, the scorer's
    /// probability and its shown words; the reference's ROUGE tokens; the set search's candidates with their ranks,
    /// their pairwise content-term overlaps (row-major) and, per three of them, whether the selector may pick them
    /// together (read by `scripts/fit_sets.py`); the greedy oracle (read by `scripts/fit_scorer.py`).
    public func line(id: String, document: Document, reference: [String]) -> String {
        let stages = Summarizer(configuration: configuration).stages(document)
        let table = stages.table
        var rows: [String] = [], eligible: [String] = [], r1: [String] = [], r2: [String] = [], toks: [String] = []
        /// A JSON array of strings.
        func quoted(_ words: [String]) -> String {
            "[" + words.map { word -> String in
                var out = ""
                SummaryJSON.appendString(word, to: &out)
                return out
            }.joined(separator: ",") + "]"
        }
        for s in 0..<table.count {
            let row = (0..<Candidates.width).map { Self.number(Double(table.features[s * Candidates.width + $0])) }
            rows.append("[" + row.joined(separator: ",") + "]")
            eligible.append(table.isEligible[s] && !table.isSecondChoice[s] && table.shownWords[s] > 0 ? "1" : "0")
            if table.shownWords[s] > 0 {
                let text = document.collapsedString(in: table.shownRange[s])
                let scores = rouge.score(candidate: [text], reference: reference)
                r1.append(Self.number(scores.rouge1.f1)); r2.append(Self.number(scores.rouge2.f1))
                toks.append(quoted(rouge.tokenize(text)))
            } else {
                r1.append("0"); r2.append("0"); toks.append("[]")
            }
        }
        // The set search's candidates (``Selector``): the best eligible sentences by score (rank: their place), and
        // the sentence before each dangling one among them when it is eligible (rank: `jointCandidates`).
        let best = (0..<table.count).filter { eligible[$0] == "1" }
            .sorted { (stages.scores[$0], $1) > (stages.scores[$1], $0) }.prefix(configuration.tuning.jointCandidates)
        var pool: [Int] = [], ranks: [Int] = []
        for (k, s) in best.enumerated() {
            if !pool.contains(s) { pool.append(s); ranks.append(k) }
            if s > 0, table.opensDangling[s], !pool.contains(s - 1), eligible[s - 1] == "1" {
                pool.append(s - 1); ranks.append(configuration.tuning.jointCandidates)
            }
        }
        var jaccards: [String] = []
        for a in pool { for b in pool { jaccards.append(Self.number(Selector.jaccard(stages.graph, a, b))) } }
        // Per three of the candidates (in the order of itertools.combinations over their positions): whether the
        // selector may pick them together.
        let selector = Selector(count: configuration.bullets, redundancyThreshold: configuration.tuning.redundancyThreshold)
        var valid: [String] = []
        if pool.count >= 3 {
            for i in 0..<pool.count { for j in (i + 1)..<pool.count { for k in (j + 1)..<pool.count {
                let members = [pool[i], pool[j], pool[k]].sorted()
                valid.append(selector.isValidSet(members, table: table, graph: stages.graph, in: document) ? "1" : "0")
            } } }
        }
        let oracle = greedyOracle(document: document, table: table, reference: reference)
        var quotedID = ""
        SummaryJSON.appendString(id, to: &quotedID)
        return "{\"id\":\(quotedID),\"rows\":[\(rows.joined(separator: ","))],"
            + "\"eligible\":[\(eligible.joined(separator: ","))],\"r1\":[\(r1.joined(separator: ","))],"
            + "\"r2\":[\(r2.joined(separator: ","))],\"tok\":[\(toks.joined(separator: ","))],\"ref\":\(quoted(reference.flatMap { rouge.tokenize($0) })),"
            + "\"score\":[\(stages.scores.map { "\($0)" }.joined(separator: ","))],"
            + "\"words\":[\(table.shownWords.map(String.init).joined(separator: ","))],"
            + "\"pool\":[\(pool.map(String.init).joined(separator: ","))],\"ranks\":[\(ranks.map(String.init).joined(separator: ","))],\"jac\":[\(jaccards.joined(separator: ","))],"
            + "\"valid3\":[\(valid.joined(separator: ","))],\"oracle\":[\(oracle.map(String.init).joined(separator: ","))]}\n"
    }

    /// The greedy oracle (Nallapati et al. 2017): eligible first-choice sentences added one at a time, each the one that raises the set's mean
    /// ROUGE-1/ROUGE-2 F1 most, until `bullets` are taken or none raises it.
    func greedyOracle(document: Document, table: Candidates, reference: [String]) -> [Int] {
        var picked: [Int] = [], texts: [String] = []
        var best = 0.0
        let candidates = (0..<table.count).filter {
            table.isEligible[$0] && !table.isSecondChoice[$0] && table.shownWords[$0] > 0
        }
        let shown = candidates.map { document.collapsedString(in: table.shownRange[$0]) }
        while picked.count < configuration.bullets {
            var pick = -1, pickValue = best
            for (k, s) in candidates.enumerated() where !picked.contains(s) {
                let scores = rouge.score(candidate: texts + [shown[k]], reference: reference)
                let value = (scores.rouge1.f1 + scores.rouge2.f1) / 2
                if value > pickValue { pick = k; pickValue = value }
            }
            guard pick >= 0 else { break }
            picked.append(candidates[pick]); texts.append(shown[pick]); best = pickValue
        }
        return picked.sorted()
    }

    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let rounded = (x * 1e5).rounded() / 1e5
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
