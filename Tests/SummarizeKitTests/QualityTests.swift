import Foundation
import Testing
@testable import SummarizeKit
@testable import SummarizeEvaluation

/// Bullet hygiene and ROUGE on the shared evaluation corpora (../shared/corpora), when present.
@Suite("Key-point quality")
struct QualityTests {
    static let cnnPath = "cnndm-dev/cnn_stories_dev.jsonl.gz"
    static let bbcPath = "bbc-news-summary/bbc_news_summary.jsonl.gz"

    /// The first `limit` records of the CNN dev set, read in place through ``SharedCorpus``.
    static func cnnRecords(limit: Int) throws -> [(id: String, article: String, highlights: [String])]? {
        try records(cnnPath, limit: limit)
    }

    /// The first `limit` records `{"id", "article", "highlights"}` of a shared corpus, nil when it is absent.
    static func records(_ path: String, limit: Int) throws -> [(id: String, article: String, highlights: [String])]? {
        guard let url = SharedCorpus.url(path) else { return nil }
        return try SharedCorpus.jsonLines(url, limit: limit).compactMap { object in
            guard let article = object["article"] as? String else { return nil }
            return (object["id"] as? String ?? "?", article, object["highlights"] as? [String] ?? [])
        }
    }

    @Test("the hygiene check catches each kind of bad bullet", arguments: [
        ("Seoul (CNN) -- South Korea said on Thursday it would send aid.", HygieneCheck.Rule.dateline),
        ("LONDON (Reuters) - Shares fell sharply on Monday morning.", .dateline),
        ("By Jane Doe, CNN", .byline),
        ("Scroll down for video of the rescue on the beach.", .boilerplate),
        ("CNN's John Smith contributed to this report.", .boilerplate),
        ("Photos: The scene after the storm hit the coast.", .caption),
        ("What happens to the economy next year?", .question),
        ("\"We will win this race and nobody can stop us.\"", .quoteFragment),
        ("He said the plan would be announced on Friday.", .danglingOpener),
        ("But the deal collapsed after two weeks of talks.", .danglingOpener),
        ("Microsoft released the update to all users. (blogs.microsoft.com)", .citation),
    ])
    func hygieneRules(text: String, rule: HygieneCheck.Rule) {
        #expect(HygieneCheck().violations(text: text).contains(rule))
    }

    @Test("clean sentences pass the hygiene check", arguments: [
        "South Korea said on Thursday it would send aid to the North.",
        "One member of the Bank's Monetary Policy Committee (MPC) - Paul Tucker - voted to raise rates to 5%.",
        "\"We will win,\" the coach said after the game.",
        "Thereafter the company grew quickly across Europe.",
        "By Tuesday, search teams had found a total of 46 bodies in the valley.",   // a date, not a byline
    ])
    func cleanSentences(text: String) {
        #expect(HygieneCheck().violations(text: text).isEmpty)
    }

    @Test("a dangling opener is fine right after its own sentence")
    func danglingAfterPredecessor() {
        #expect(HygieneCheck().violations(text: "He said it would rain.", previousSentencePicked: true).isEmpty)
    }

    @Test("datelines are cut from the bullet text")
    func datelineStripped() throws {
        let text = "Seoul (CNN) -- South Korea's president said on Thursday that the country meant no harm to the North.\n\n"
            + "He spoke to party leaders about the measures taken after the death of the leader.\n\n"
            + "The government also allowed private groups to send condolence messages to the North."
        let summary = try Summarizer().summarize(text)
        #expect(summary.keyPoints.first?.text.hasPrefix("South Korea's president") == true)
        #expect(HygieneCheck().violations(summary.keyPoints).isEmpty)
    }

    @Test("on the first 1,000 CNN and BBC records the default reaches the quality targets and no bullet breaks a hygiene rule", arguments: [
        (cnnPath, [33.0, 12.0, 29.5]),
        (bbcPath, [65.0, 62.0, 64.5]),
    ])
    func qualityTargets(path: String, target: [Double]) throws {
        guard let records = try Self.records(path, limit: 1000) else {
            print(SharedCorpus.missing(path) + " (quality targets and hygiene)")
            return
        }
        #expect(records.count == 1000)
        let summarizer = Summarizer(), rouge = ROUGE(), check = HygieneCheck()
        var sums = [0.0, 0.0, 0.0]
        var counts: [HygieneCheck.Rule: Int] = [:]
        var examples: [String] = []
        for record in records {
            let summary = try summarizer.summarize(record.article)
            let scores = rouge.score(candidate: summary.keyPoints.map(\.text), reference: record.highlights)
            sums[0] += scores.rouge1.f1; sums[1] += scores.rouge2.f1; sums[2] += scores.rougeLsum.f1
            for violation in check.violations(summary.keyPoints) {
                counts[violation.rule, default: 0] += 1
                if examples.count < 5 { examples.append("\(record.id) \(violation.rule): \(summary.keyPoints[violation.keyPoint].text)") }
            }
        }
        let means = sums.map { 100 * $0 / Double(records.count) }
        print("quality targets, \(path): ROUGE-1/2/Lsum \(means.map { String(format: "%.2f", $0) }.joined(separator: " / "))")
        #expect(means[0] >= target[0] && means[1] >= target[1] && means[2] >= target[2],
                "\(path): \(means) below the targets \(target)")
        #expect(counts.isEmpty, "violations: \(counts) e.g. \(examples)")
    }

    @Test("the default beats LEAD-3 on ROUGE-1 and ROUGE-Lsum over the first 300 CNN dev articles")
    func cnnBeatsLead() throws {
        guard let records = try Self.cnnRecords(limit: 300) else {
            print(SharedCorpus.missing(Self.cnnPath) + " (ROUGE check)")
            return
        }
        let rouge = ROUGE()
        var ours = (0.0, 0.0), lead = (0.0, 0.0)
        for record in records {
            let document = Document(record.article)
            let a = rouge.score(candidate: try EvaluationSystem.default.keyPoints(for: document, count: 3).map(\.text),
                                reference: record.highlights)
            let b = rouge.score(candidate: try EvaluationSystem.lead.keyPoints(for: document, count: 3).map(\.text),
                                reference: record.highlights)
            ours.0 += a.rouge1.f1; ours.1 += a.rougeLsum.f1
            lead.0 += b.rouge1.f1; lead.1 += b.rougeLsum.f1
        }
        #expect(ours.0 > lead.0)
        #expect(ours.1 > lead.1)
    }
}
