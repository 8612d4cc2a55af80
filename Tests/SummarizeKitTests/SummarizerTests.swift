import Foundation
import Testing
@testable import SummarizeKit
@testable import SummarizeEvaluation

@Suite("Summarizer")
struct SummarizerTests {
    static let article = """
        The city council approved a new budget for public parks on Tuesday. The budget doubles spending on \
        playgrounds and adds twelve new park rangers. Council members said the parks budget had not grown in ten \
        years. Residents had asked for safer playgrounds at three public meetings. The new rangers will start work \
        in the spring. Some members warned that the parks budget could face cuts if tax income falls. The mayor \
        called the budget a promise to families. Work on the first playgrounds begins in April.
        """

    @Test("empty and white-space-only text give no key points and no error", arguments: ["", " ", "\n\n\t \r\n", "\u{FEFF}"])
    func emptyInput(text: String) throws {
        let summary = try Summarizer().summarize(text)
        #expect(summary.keyPoints.isEmpty)
        #expect(summary.sentenceCount == 0)
        #expect(summary.rendered() == "Key points\n")
    }

    @Test("fewer sentences than bullets give fewer bullets, never padding")
    func shortInput() throws {
        let one = try Summarizer().summarize("Only one sentence lives in this short text.")
        #expect(one.keyPoints.map(\.text) == ["Only one sentence lives in this short text."])
        let two = try Summarizer().summarize("The first sentence is about rivers. The second sentence is about mountains.")
        #expect(two.keyPoints.count == 2)
    }

    @Test("a quotation of several sentences is ranked whole, even when the segmentation splits quotations")
    func quotationsRankedWhole() throws {
        let text = #""The ferry will run again on Monday. It needs new engines first," the harbor master said."#
        var configuration = Summarizer.Configuration()
        configuration.segmentation.quotations = .split
        let summary = try Summarizer(configuration: configuration).summarize(text)
        #expect(summary.sentenceCount == 1)
        #expect(summary.keyPoints.map(\.text) == [text])
    }

    @Test("text without any punctuation still yields a bullet")
    func noPunctuation() throws {
        let summary = try Summarizer().summarize("no punctuation at all just words flowing on and on without an end")
        #expect(summary.keyPoints.count == 1)
    }

    @Test("a sentence repeated 1,000 times gives one bullet, not three copies")
    func repeatedSentence() throws {
        let text = String(repeating: "The same sentence appears again and again. ", count: 1000)
        let summary = try Summarizer().summarize(text)
        #expect(summary.keyPoints.count == 1)
        #expect(summary.keyPoints.first?.text == "The same sentence appears again and again.")
    }

    @Test("bullets are verbatim text of the input, in document order, three by default")
    func verbatimInOrder() throws {
        let summary = try Summarizer().summarize(Self.article)
        #expect(summary.keyPoints.count == 3)
        #expect(summary.keyPoints.map(\.sentenceIndex) == summary.keyPoints.map(\.sentenceIndex).sorted())
        let document = Document(Self.article)
        for point in summary.keyPoints {
            #expect(document.collapsedString(in: point.utf8Range) == point.text)
            #expect(Self.article.contains(point.text))
        }
    }

    @Test("--bullets N picks N sentences")
    func bulletCount() throws {
        for n in 1...5 {
            var configuration = Summarizer.Configuration()
            configuration.bullets = n
            #expect(try Summarizer(configuration: configuration).summarize(Self.article).keyPoints.count == n)
        }
    }

    @Test("quoted share counts the bytes between double quotes, marks included")
    func quotedShare() {
        let cases: [(String, Double)] = [
            ("No quotes here.", 0),
            ("\"All of it.\"", 1),
            ("“All of it.”", 1),
            ("He said \"yes\" twice.", 5.0 / 20.0),
        ]
        for (text, expected) in cases {
            let bytes = Array(text.utf8)
            let share = bytes.withUnsafeBufferPointer { Candidates.quotedShare($0, 0..<bytes.count) }
            #expect(abs(share - expected) < 1e-9, "\(text)")
        }
    }

    @Test("transcript lines are never bullets; a headline-style label before a claim is", arguments: [
        ("Owen: I think it does.", true),
        ("CNN: Tell us about the film and the people in it.", true),
        ("CHARLIE WILSON: The film made me happy, yes.", true),
        ("Parsi: Conflict has damaged Israel's otherwise successful Iran policy.", false),
        ("The minister said: the plan will go ahead.", false),
    ])
    func transcriptLine(_ text: String, _ expected: Bool) {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBufferPointer { BulletHygiene.isTranscriptLine($0, 0..<bytes.count) } == expected)
    }

    @Test("in an interview transcript, the lines of a speaker label used twice are not picked")
    func interviewTranscript() throws {
        let text = """
        Actor Clive Owen stars in a new horror film about a father protecting his son from a hooded intruder.

        Scotty Owen: That is the hardest thing about the film, working with a child actor every day on set.

        Owen: The film opens in cinemas across the country on Friday after a long delay in production.

        The film was shot in Spain and London over three months last year with a small crew.

        The studio expects the film to do well in Europe, where horror films have grown popular.
        """
        let summary = try Summarizer().summarize(text)
        #expect(summary.keyPoints.count == 3)
        #expect(summary.keyPoints.allSatisfy { !$0.text.contains("Owen:") }, "\(summary.debugDescription)")
    }

    @Test("a text repeating its best sentence more often than the candidate pool still gets three bullets")
    func repeatedBestSentence() throws {
        let best = "The river bridge in the old town will close for repairs next month, the city council said. "
        let text = String(repeating: best, count: 40) + "Traffic will use the north crossing while the bridge is closed. "
            + "Shops near the bridge fear they will lose customers during the repairs."
        let summary = try Summarizer().summarize(text)
        #expect(summary.keyPoints.count == 3, "\(summary.debugDescription)")
    }

    @Test("specificity counts capitalized content words after the first and words with digits, in the shown text only")
    func specificity() {
        let cases: [(String, Float)] = [
            ("the cat sat on the mat.", 0),
            ("Kim met Lee in Seoul in 2012.", 3.0 / 7.0),     // Lee, Seoul, 2012; not the opening Kim
            ("Seoul (CNN) -- Kim met Lee.", 1.0 / 3.0),        // the dateline is not shown, so not counted
        ]
        for (text, expected) in cases {
            let document = Document(text)
            let spans = SentenceSegmenter().segment(document)
            let tokens = Tokenizer().tokenize(document, spans)
            let graph = SimilarityGraph(tokens, configuration: .init(weighting: .logLength))
            let table = Candidates(document, spans, tokens, graph, centrality: TextRank().rank(graph))
            let share = table.feature(.specificity, 0)
            #expect(abs(share - expected) < 1e-6, "\(text): \(share)")
        }
    }

    @Test("cross-promotion links, 'see original story', 'More:' links, editor's notes, lead-ins ending in a colon and dateline-only fragments are never bullets")
    func furnitureRules() throws {
        let text = """
        Fort Meade, Maryland (CNN) -- Pfc.

        Health.com: Ten ways to have cleaner air at home

        In Orleans Parish, Louisiana:

        See original story at EW.com.

        More: The ten best bridges in the country, ranked by our readers

        Editor's note: Jane Doe writes about cities and transport for the weekly paper.

        The city council approved a new budget for the river bridge repairs on Monday evening.
        """
        let summary = try Summarizer().summarize(text)
        #expect(summary.keyPoints.map(\.text) == ["The city council approved a new budget for the river bridge repairs on Monday evening."])
    }

    @Test("a press release's 'About' block, contacts and 'Learn more at' lines are never bullets")
    func pressReleaseBoilerplate() throws {
        let text = """
        Halden County opened three new libraries on Monday after two years of building work.

        Each library has a reading room, a children's corner and forty public computers.

        The mayor said the libraries would stay open until nine in the evening on weekdays.

        About Halden County Libraries
        Halden County Libraries runs twelve branches and a mobile library across the county. Learn more at www.halden-libraries.example.

        Media contact: press@halden-libraries.example

        For more information, visit the county's website and its weekly newsletter pages.
        """
        let summary = try Summarizer().summarize(text)
        #expect(summary.keyPoints.map(\.sentenceIndex) == [0, 1, 2])
        // "About 200 people", "About Northwind, the board said" or "About Northwind off the coast" are prose.
        let heading: [(String, Bool)] = [
            ("About 200 people gathered.", false),
            ("About Northwind, the board said little.", false),
            ("About Northwind Energy\nIt builds.", true),
            ("About Halden Board of Education\nIt runs the schools.", true),
            ("About Northwind off the coast\nThe ship sank.", false),
        ]
        for (text, expected) in heading {
            let document = Document(text)
            document.withUTF8 { #expect(BulletHygiene.opensWithAboutHeading($0, 0..<$0.count) == expected, "\(text)") }
        }
    }

    @Test("dangling pairing picks a dangling sentence only with its predecessor, and bullets stay clean")
    func danglingPairing() throws {
        let text = """
        The river bridge in the old town will close for repairs next month, the city council said.

        The council said the bridge repairs will cost four million and last until the spring. It said \
        the bridge repairs were urgent because the river bridge had cracked in the winter floods.

        Traffic will use the north crossing while the bridge is closed.

        Shops near the bridge fear they will lose customers during the repairs.
        """
        for pairing in [0.0, 0.5, 1.0] {
            var configuration = Summarizer.Configuration()
            configuration.tuning.danglingPairing = pairing
            let summary = try Summarizer(configuration: configuration).summarize(text)
            #expect(summary.keyPoints.count == 3)
            let picked = Set(summary.keyPoints.map(\.sentenceIndex))
            for point in summary.keyPoints where point.text.hasPrefix("It ") {
                #expect(picked.contains(point.sentenceIndex - 1), "pairing \(pairing)")
            }
            #expect(HygieneCheck().violations(summary.keyPoints).isEmpty, "pairing \(pairing)")
        }
    }

    @Test("the joint search takes a dangling sentence with its predecessor when the pair outscores two single sentences")
    func jointSearchPair() throws {
        let text = """
        The river bridge in the old town will close for repairs next month. \
        It had cracked badly in the winter floods and engineers called it unsafe. \
        Traffic will use the north crossing while the old bridge stays closed. \
        Shops near the market square fear they will lose customers this summer. \
        Local bus routes will change for about six weeks during the works.
        """
        let document = Document(text)
        let spans = SentenceSegmenter().segment(document)
        let tokens = Tokenizer().tokenize(document, spans)
        let graph = SimilarityGraph(tokens, configuration: .init(weighting: .logLength))
        let table = Candidates(document, spans, tokens, graph, centrality: TextRank().rank(graph))
        #expect(spans.count == 5)
        // Sentence 1 ("It had cracked ...") is the best but dangling; its predecessor is the fifth best.
        let scores = [0.12, 0.30, 0.20, 0.17, 0.15]
        let greedy = Selector(count: 3).select(scores, from: table, graph: graph, tokens: tokens, in: document)
        #expect(greedy == [2, 3, 4])
        let joint = Selector(count: 3, jointCandidates: 10).select(scores, from: table, graph: graph, tokens: tokens, in: document)
        #expect(joint == [0, 1, 2])
        // When the predecessor scores too little, the greedy set stays.
        let weak = [0.01, 0.30, 0.20, 0.17, 0.15]
        #expect(Selector(count: 3, jointCandidates: 10).select(weak, from: table, graph: graph, tokens: tokens, in: document)
            == [2, 3, 4])
        // Too many bullets for the search: the greedy picks stand.
        #expect(Selector(count: 5, jointCandidates: 10).select(scores, from: table, graph: graph, tokens: tokens, in: document)
            .count == 5)
    }

    @Test("the set search picks the valid set of highest set value among its candidates",
          arguments: ["news-river-bridge.txt", "briefing-port-automation.txt", "press-release-solar-schools.txt",
                      "blog-sourdough-starter.txt", "fr-velo-lyon.txt"])
    func setSearchPicksTheBestValidSet(sample: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("corpora/\(sample)")
        let document = Document(try String(contentsOf: url, encoding: .utf8))
        let summarizer = Summarizer()
        let stages = summarizer.stages(document)
        let table = stages.table, scores = stages.scores
        let tuning = summarizer.configuration.tuning
        // Weights that want short bullets, long ones, and the shipped ones: each must pick its own best set.
        var short = SetScorer.Weights.news, long = SetScorer.Weights.news
        short.length = -20; long.length = 20
        var chosenLengths: [Double] = []
        for weights in [SetScorer.Weights.news, short, long] {
            let scorer = SetScorer(weights: weights)
            let selector = Selector(count: 3, redundancyThreshold: tuning.redundancyThreshold,
                                    danglingPairing: tuning.danglingPairing, jointCandidates: tuning.jointCandidates,
                                    setScorer: scorer)
            let picks = selector.select(scores, from: table, graph: stages.graph, tokens: stages.tokens, in: document)
            // The candidates as the search lists them: the best eligible sentences by score, and the eligible
            // sentence before each dangling one among them (ranked last).
            let best = (0..<table.count).filter { table.isEligible[$0] && !table.isSecondChoice[$0] }
                .sorted { (scores[$0], $1) > (scores[$1], $0) }.prefix(tuning.jointCandidates)
            var rank: [Int: Int] = [:]
            for (k, s) in best.enumerated() {
                if rank[s] == nil { rank[s] = k }
                if s > 0, table.opensDangling[s], rank[s - 1] == nil, table.isEligible[s - 1], !table.isSecondChoice[s - 1] {
                    rank[s - 1] = tuning.jointCandidates
                }
            }
            let candidates = rank.keys.sorted()
            #expect(candidates.count > 3)
            func value(_ set: [Int]) -> Double {
                scorer.value(members: set, ranks: set.map { rank[$0]! }, scores: scores, table: table, graph: stages.graph)
            }
            var bestValue = -Double.infinity, valid = 0
            for i in candidates.indices { for j in (i + 1)..<candidates.count { for k in (j + 1)..<candidates.count {
                let set = [candidates[i], candidates[j], candidates[k]]
                guard selector.isValidSet(set, table: table, graph: stages.graph, in: document) else { continue }
                valid += 1
                bestValue = max(bestValue, value(set))
            } } }
            #expect(valid > 0)
            #expect(picks.count == 3 && selector.isValidSet(picks, table: table, graph: stages.graph, in: document))
            #expect(abs(value(picks) - bestValue) < 1e-12, "\(sample): \(picks)")
            chosenLengths.append(Double(picks.map { table.shownWords[$0] }.reduce(0, +)))
        }
        // A weight on length moves the picks: shorter bullets with the short weights than with the long ones.
        #expect(chosenLengths[1] < chosenLengths[2], "\(sample): \(chosenLengths)")
    }

    @Test("an article gives the same candidate features and the same bullets with and without its paragraph breaks")
    func layoutInvariance() throws {
        let paragraphs = """
        The river bridge in the old town will close for repairs next month, the city council said on Monday.

        Engineers found cracks in two of its five arches after the winter floods, according to a report.

        Traffic will use the north crossing while the bridge is closed, adding about ten minutes to the trip.

        Shops near the bridge fear they will lose customers during the repairs, which cost $4 million.

        The council expects the bridge to reopen before the summer festival in July.
        """
        let block = paragraphs.replacingOccurrences(of: "\n\n", with: " ")
        var rows: [ContiguousArray<Float>] = []
        var bullets: [[String]] = []
        for text in [paragraphs, block] {
            let document = Document(text)
            let stages = Summarizer().stages(document)
            rows.append(stages.table.features)
            bullets.append(try Summarizer().summarize(text).keyPoints.map(\.text))
        }
        #expect(rows[0] == rows[1])
        #expect(bullets[0] == bullets[1])
        #expect(bullets[0].count == 3)
    }

    @Test("a sentence whose names and numbers and most words are in a picked bullet is not picked again")
    func restatementIsRedundant() throws {
        let text = """
        The port authority of Kessing voted on Tuesday to replace half of its 48 cranes with remote models by 2029. \
        Kessing's port authority approved a plan to automate half of its cranes by 2029. \
        Kessing's plan will cost about 610 million euros and should cut waiting times for ships at berth. \
        The union of Kessing's dockworkers said the change puts up to 400 jobs at risk and called a strike. \
        Two large shipping lines that call at the port welcomed the decision on Wednesday.
        """
        let summary = try Summarizer().summarize(text)
        #expect(summary.keyPoints.count == 3)
        let picked = Set(summary.keyPoints.map(\.sentenceIndex))
        #expect(!(picked.contains(0) && picked.contains(1)), "\(summary.debugDescription)")
    }

    @Test("a short sentence with no name, number or substance is not a bullet", arguments: [
        ("Here is what changed.", false),
        ("That is the whole story, really.", false),
        ("Prices rose 4 percent.", true),
        ("The council approved the new harbour budget.", true),
    ])
    func informationFloor(text: String, eligible: Bool) {
        let document = Document(text)
        let spans = SentenceSegmenter().segment(document)
        let tokens = Tokenizer().tokenize(document, spans)
        let graph = SimilarityGraph(tokens)
        let table = Candidates(document, spans, tokens, graph, centrality: TextRank().rank(graph))
        #expect(table.isEligible[0] == eligible, "\(text)")
    }

    @Test("a list item written as a full sentence may be a bullet; a short item or a line without a terminator may not")
    func listItemsAndTerminators() throws {
        let text = """
        Howard Webb (South Yorkshire)

        - Rovers, who are aiming to win the cup for a seventh time in their history, face another replay at home.
        - Short item about the replay.

        The club said the replay would be shown live on television across the region on Tuesday night.
        """
        let document = Document(text)
        let spans = SentenceSegmenter().segment(document)
        let tokens = Tokenizer().tokenize(document, spans)
        let eligible = document.withUTF8 { bytes in
            spans.indices.filter { BulletFilter().isEligible($0, spans, tokens, bytes) }
                .map { document.collapsedString(in: BulletFilter().bulletRange(spans[$0], in: bytes)) }
        }
        #expect(eligible == [
            "Rovers, who are aiming to win the cup for a seventh time in their history, face another replay at home.",
            "The club said the replay would be shown live on television across the region on Tuesday night.",
        ])
        document.withUTF8 { bytes in
            #expect(BulletFilter.endsWithTerminator(bytes, 0..<bytes.count))
        }
        for (line, expected) in [("He left.\u{201D}", true), ("Done!)", true), ("終わった。", true), ("A label", false),
                                 ("Ends with a colon:", false)] {
            let doc = Document(line)
            #expect(doc.withUTF8 { BulletFilter.endsWithTerminator($0, 0..<$0.count) } == expected, "\(line)")
        }
    }

    @Test("input over the size limit is refused with a clear error")
    func sizeLimit() {
        var configuration = Summarizer.Configuration()
        configuration.maxInputBytes = 100
        do {
            _ = try Summarizer(configuration: configuration).summarize(Self.article)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .inputTooLarge)
            #expect(error.message.contains("100 bytes"))
        }
    }

    @Test("the same input gives the same bytes, also from many threads at once")
    func deterministicAndThreadSafe() async throws {
        let summarizer = Summarizer()
        let expected = try summarizer.summarize(Self.article).rendered(.json)
        let results = await withTaskGroup(of: String.self) { group in
            for _ in 0..<16 {
                group.addTask { (try? summarizer.summarize(Self.article).rendered(.json)) ?? "" }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0 == expected })
    }

    @Test("random Unicode input never crashes; bullets stay verbatim and output is deterministic", arguments: 0..<20)
    func randomInput(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let text = seed % 2 == 0
            ? RandomText.string(pieces: Int.random(in: 0..<400, using: &rng), using: &rng)
            : RandomText.unicodeString(length: Int.random(in: 0..<400, using: &rng), using: &rng)
        let first = try Summarizer().summarize(text)
        let second = try Summarizer().summarize(text)
        #expect(first == second)
        let document = Document(text)
        for point in first.keyPoints {
            #expect(document.collapsedString(in: point.utf8Range) == point.text)
        }
    }

    static let briefingPath = "../examples/briefing-openai-clouds.txt"

    @Test("a real briefing: bullets come from the article, never its promotional lines or a citation",
          .enabled(if: SharedCorpus.url(briefingPath) != nil, "needs ../shared/examples/briefing-openai-clouds.txt"))
    func briefing() throws {
        let url = try #require(SharedCorpus.url(Self.briefingPath))
        let lines = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
        // The article is the paragraph after the key-point paragraph; promotional lines follow it.
        let articleIndex = try #require(lines.firstIndex { $0.hasPrefix("Microsoft and OpenAI rewrote") })
        let article = String(lines[articleIndex])
        let promotional = lines[(articleIndex + 1)...].filter { !$0.isEmpty }.map(String.init)
        #expect(promotional.count >= 3)
        // Summarize the article together with the promotional tail, as a scraper would deliver it.
        let text = lines[articleIndex...].joined(separator: "\n")
        let summary = try Summarizer().summarize(text)
        #expect(summary.keyPoints.count == 3)
        for point in summary.keyPoints {
            #expect(article.contains(point.text), "not an article sentence: \(point.text)")
            #expect(!promotional.contains { $0.contains(point.text) || point.text.contains($0) })
            #expect(!point.text.hasPrefix("("), "starts with a citation: \(point.text)")
            #expect(!point.text.hasSuffix(")"), "keeps a trailing citation: \(point.text)")
            // A citation after a full stop belongs to the sentence before it, so none is left inside a bullet.
            #expect(!point.text.contains(".com)"), "holds a citation: \(point.text)")
        }
        print("briefing key points:\n" + summary.rendered())
    }

    @Test("a phrase set finds a phrase exactly when a case-insensitive search for each phrase does", arguments: 0..<5)
    func phraseSetMatchesNaiveSearch(seed: UInt64) {
        var rng = SeededGenerator(seed: seed + 700)
        let phrases = ["click here", "photo:", "(p", "@", "x", "read more", "Ab"]
        let set = PhraseSet(phrases)
        let alphabet = Array("clickhere photo:(P@XxREADmoreab.\u{00E9}".utf8)
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0..<24, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let lower = text.map(PhraseSet.lower)
            text.withUnsafeBufferPointer { bytes in
                for start in 0...text.count {
                    for end in start...text.count {
                        let slice = Array(lower[start..<end])
                        let expected = phrases.contains { phrase in
                            let p = Array(phrase.utf8)
                            return p.count <= slice.count && (0...(slice.count - p.count)).contains { Array(slice[$0..<$0 + p.count]) == p }
                        }
                        #expect(set.occurs(in: bytes, start..<end) == expected, "\(String(decoding: text, as: UTF8.self).debugDescription)")
                    }
                }
            }
        }
    }
}
