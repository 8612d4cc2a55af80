import Foundation
import Testing
@testable import SummarizeKit
@testable import SummarizeEvaluation

/// Bullet hygiene and ROUGE on the shared evaluation corpora (../shared/corpora), when present.
@Suite("Key-point quality")
struct QualityTests {
    static let cnnPath = "cnndm-dev/cnn_stories_dev.jsonl.gz"
    static let bbcPath = "bbc-news-summary/bbc_news_summary.jsonl.gz"

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
        "\"We will win,\" coach Jane Doe said after the game in Leeds.",
        "Theresa May won the vote in the House of Commons.",
        "By Tuesday, search teams had found a total of 46 bodies in the valley.",   // a date, not a byline
    ])
    func cleanSentences(text: String) {
        #expect(HygieneCheck().violations(text: text).isEmpty)
    }

    @Test("a dangling opener is fine right after its own sentence")
    func danglingAfterPredecessor() {
        #expect(HygieneCheck().violations(text: "He said it would rain in Leeds on Monday.", previousSentencePicked: true).isEmpty)
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

    /// The four layouts of `../shared/tools/layouts.py`: the same articles as given, as one block, without a
    /// leading wire dateline, and both (the layout of a news briefing).
    static let layouts = ["paragraphs", "block", "nodateline", "block-nodateline"]

    /// The shared layouts tool, when present beside the corpora.
    static let layoutsTool: URL? = SharedCorpus.root.map {
        $0.deletingLastPathComponent().appendingPathComponent("tools/layouts.py")
    }.flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0 : nil }

    static var layoutsAvailable: Bool { layoutsTool != nil && SharedCorpus.url(cnnPath) != nil }

    /// The first 1,000 CNN dev records in `layout`, written by the shared layouts tool into a temporary folder.
    static func layoutRecords(_ layout: String) throws -> [(id: String, article: String, highlights: [String])] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("summarize-layouts-\(getpid())-\(layout)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", layoutsTool!.path, SharedCorpus.url(cnnPath)!.path, folder.path, "--limit", "1000"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "layouts.py failed")
        return try SharedCorpus.jsonLines(folder.appendingPathComponent("\(layout).jsonl.gz")).compactMap { object in
            guard let article = object["article"] as? String else { return nil }
            return (object["id"] as? String ?? "?", article, object["highlights"] as? [String] ?? [])
        }
    }

    /// How far the default must stay above LEAD-3 in every layout (ROUGE-1, ROUGE-2 points): the layout goal, LEAD-3
    /// + 2.5 ROUGE-1 and + 1.0 ROUGE-2 (the shipped model reaches + 2.55 to + 2.88 and + 1.005 to + 1.22; the seed of a
    /// refit alone moves the margins by up to 0.35, docs/experiments.md), and how much its ROUGE-1 may differ between
    /// layouts.
    static let marginOverLead = (rouge1: 2.5, rouge2: 1.0)
    static let layoutSpread = 0.3

    @Test("in every layout of the first 1,000 CNN records the default beats LEAD-3 by the set margins, no bullet breaks a cleanliness rule, and at most 2 % break any rule",
          .enabled(if: layoutsAvailable, "needs ../shared/corpora/cnndm-dev and ../shared/tools/layouts.py"))
    func layoutTargets() throws {
        let rouge = ROUGE(), check = HygieneCheck()
        var rouge1ByLayout: [Double] = []
        for layout in Self.layouts {
            let records = try Self.layoutRecords(layout)
            #expect(records.count == 1000)
            var ours = [0.0, 0.0], lead = [0.0, 0.0]
            var counts: [HygieneCheck.Rule: Int] = [:]
            var examples: [String] = []
            var bullets = 0, dirty = 0
            for record in records {
                let document = Document(record.article)
                let picks = try EvaluationSystem.default.keyPoints(for: document, count: 3)
                let a = rouge.score(candidate: picks.map(\.text), reference: record.highlights)
                let b = rouge.score(candidate: try EvaluationSystem.lead.keyPoints(for: document, count: 3).map(\.text),
                                    reference: record.highlights)
                ours[0] += a.rouge1.f1; ours[1] += a.rouge2.f1
                lead[0] += b.rouge1.f1; lead[1] += b.rouge2.f1
                let violations = check.violations(picks, in: document)
                bullets += picks.count
                dirty += Set(violations.map(\.keyPoint)).count
                for violation in violations {
                    counts[violation.rule, default: 0] += 1
                    if examples.count < 5 { examples.append("\(record.id) \(violation.rule): \(picks[violation.keyPoint].text)") }
                }
            }
            let n = Double(records.count)
            let (o1, o2, l1, l2) = (100 * ours[0] / n, 100 * ours[1] / n, 100 * lead[0] / n, 100 * lead[1] / n)
            print(String(format: "layout %@: default R-1 %.2f R-2 %.2f, LEAD-3 R-1 %.2f R-2 %.2f", layout, o1, o2, l1, l2))
            #expect(o1 >= l1 + Self.marginOverLead.rouge1, "\(layout): ROUGE-1 \(o1) vs LEAD-3 \(l1)")
            #expect(o2 >= l2 + Self.marginOverLead.rouge2, "\(layout): ROUGE-2 \(o2) vs LEAD-3 \(l2)")
            let clean = counts.filter { $0.key.group == .cleanliness }
            #expect(clean.isEmpty, "\(layout) cleanliness violations: \(clean) e.g. \(examples)")
            print(String(format: "layout %@: %d of %d bullets break a hygiene rule", layout, dirty, bullets), counts)
            #expect(Double(dirty) <= HygieneCheck.editorialBudget * Double(bullets),
                    "\(layout): \(dirty) of \(bullets) bullets break a rule: \(counts) e.g. \(examples)")
            rouge1ByLayout.append(o1)
        }
        #expect(rouge1ByLayout.max()! - rouge1ByLayout.min()! <= Self.layoutSpread, "ROUGE-1 by layout: \(rouge1ByLayout)")
    }

    static let tesPath = "turkish-extractive/tes.jsonl.gz"

    /// TES-tr: short Turkish news whose annotators picked about half of the sentences. The fit reads records
    /// 50–98 only; the first 49 are held out. Scored as the layout work measured TES (language-neutral
    /// pipeline, rouge-score's default tokenizer), where the goal is 69.0 ROUGE-1.
    @Test("on the 49 TES-tr articles the fit never read, the default scores at least 69 ROUGE-1 and beats LEAD-3 and plain TextRank",
          .enabled(if: SharedCorpus.url(tesPath) != nil, "needs ../shared/corpora/turkish-extractive"))
    func turkishPicks() throws {
        let records = try Self.records(Self.tesPath, limit: 49)!
        #expect(records.count == 49)
        let systems = [EvaluationSystem.default, .lead, .textRank].map { system in
            var system = system
            system.language = .undetermined   // `--language other`
            return system
        }
        let rouge = ROUGE()
        var totals = [Double](repeating: 0, count: systems.count)
        for record in records {
            let document = Document(record.article)
            for (k, system) in systems.enumerated() {
                let picks = try system.keyPoints(for: document, count: 3)
                totals[k] += rouge.score(candidate: picks.map(\.text), reference: record.highlights).rouge1.f1
            }
        }
        let r1 = totals.map { 100 * $0 / Double(records.count) }
        print(String(format: "TES first 49: default %.2f, LEAD-3 %.2f, TextRank %.2f", r1[0], r1[1], r1[2]))
        #expect(r1[0] >= 69.0 && r1[0] > r1[1] && r1[0] > r1[2], "ROUGE-1 default, LEAD-3, TextRank: \(r1)")
    }

    @Test("on the first 1,000 BBC records no bullet breaks a cleanliness rule and at most 2 % break any rule (their scores are reported, not targets)",
          .enabled(if: SharedCorpus.url(bbcPath) != nil, "needs ../shared/corpora/bbc-news-summary"))
    func bbcHygiene() throws {
        let records = try Self.records(Self.bbcPath, limit: 1000)!
        let summarizer = Summarizer(), check = HygieneCheck()
        var counts: [HygieneCheck.Rule: Int] = [:]
        var bullets = 0, dirty = 0
        for record in records {
            let document = Document(record.article)
            let points = try summarizer.summarize(document).keyPoints
            let violations = check.violations(points, in: document)
            bullets += points.count
            dirty += Set(violations.map(\.keyPoint)).count
            for violation in violations { counts[violation.rule, default: 0] += 1 }
        }
        #expect(counts.filter { $0.key.group == .cleanliness }.isEmpty, "violations: \(counts)")
        #expect(Double(dirty) <= HygieneCheck.editorialBudget * Double(bullets), "\(dirty) of \(bullets): \(counts)")
    }
}
