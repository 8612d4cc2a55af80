import Foundation
import Testing
@testable import SummarizeKit
@testable import SummarizeEvaluation

/// The rules that make a bullet stand alone (``EnglishBulletRules``), how the summarizer applies them, and the
/// editorial rules of ``HygieneCheck`` that count what gets through.
@Suite("Bullets an editor would publish")
struct EditorialRulesTests {
    /// Runs an English rule on the bytes of `text`.
    /// Expects `cut` to find where the bullet of `text` starts (`shownStart` is the beginning of what is shown; nil:
    /// nothing is cut; "": nothing is shown), and the check to count `rule` exactly when something is cut.
    static func expectCut(_ text: String, _ shownStart: String?, _ cut: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Int?,
                          rule: HygieneCheck.Rule, sourceLocation: SourceLocation = #_sourceLocation) {
        let bytes = Array(text.utf8)
        let shown = bytes.withUnsafeBufferPointer { cut($0, 0..<bytes.count) }.map { String(decoding: bytes[$0...], as: UTF8.self) }
        let matches = shownStart == "" ? shown == "" : shown?.hasPrefix(shownStart ?? "\u{0}") ?? (shownStart == nil)
        #expect(matches, "\(text)", sourceLocation: sourceLocation)
        let rules = HygieneCheck().violations(text: text)
        #expect(rules.contains(rule) == (shownStart != nil), "\(text): \(rules)", sourceLocation: sourceLocation)
    }

    static func rule(_ text: String, _ check: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Bool) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { check($0, 0..<bytes.count) }
    }

    @Test("a relative time at the opening needs the sentence before", arguments: [
        ("Some six hours later, 145 were dead.", true),
        ("Hours later, the fire was out.", true),
        ("Eventually the council agreed to pay.", true),
        ("The next day, police arrested two men.", true),
        ("A few days later the bridge reopened.", true),
        ("Two days on, rescuers are still digging.", true),
        ("At that point the pilot turned back.", true),
        ("Later this year the company will open a plant in Ohio.", false),
        ("Three days after the crash, investigators found the recorder.", false),
        ("Four hours of talks ended without a deal.", false),
        ("Shortly before noon, the market opened.", true),
        ("Soon-to-be graduates are looking for jobs.", false),
        ("Earlier, Noriega arrived at the airport in Panama City.", true),
        ("Finally, the site added alerts for readers.", true),
        ("Now, after three years of tests, the plane is ready.", true),
        ("Earlier this week the council met in Lyon.", false),
        ("Now 40, Wazir still lives in the village.", false),
    ])
    func relativeTime(text: String, expected: Bool) {
        #expect(Self.rule(text, EnglishBulletRules.opensWithRelativeTime) == expected, "\(text)")
    }

    @Test("a bare definite description at the opening needs the sentence before", arguments: [
        ("The soldiers died when fighters attacked the base.", true),
        ("The officer fired two shots at the man.", true),
        ("The nursery's owner is the daughter of a minister.", true),
        ("The company also unveiled a new phone.", true),
        ("The lawsuit, filed Tuesday in New York, seeks damages.", false),
        ("The lawsuit, he said, was a mistake.", true),
        ("The mayor of Lyon opened the new bridge on Monday.", false),
        ("The medical aid charity, Medecins Sans Frontieres, is leaving Somalia.", false),
        ("The man who shot the officer was arrested.", false),
        ("The White House said the talks would go on.", false),
        ("The 25 people on board were rescued.", false),
        ("The government said it would cut taxes.", false),
        ("They said the plan would fail.", false),
        ("Theresa May won the vote in parliament.", false),
    ])
    func bareDefinite(text: String, expected: Bool) {
        #expect(Self.rule(text, EnglishBulletRules.opensWithBareDefinite) == expected, "\(text)")
    }

    @Test("a quotation a bare pronoun speaks needs the sentence before, unless someone is named", arguments: [
        ("\"We will never give up,\" she said.", true),
        ("\"It is over,\" he told reporters on Monday.", true),
        ("\"We will never give up,\" Jane Doe said.", false),
        ("Officials in Ohio said \"the worst is over,\" and he agreed.", false),
        ("The river rose by two meters overnight.", false),
    ])
    func pronounSpeaker(text: String, expected: Bool) {
        #expect(Self.rule(text, EnglishBulletRules.quotesBarePronoun) == expected, "\(text)")
    }

    @Test("a word that points back at the opening needs the sentence before", arguments: [
        ("Such a power has been guaranteed since 1803.", true),
        ("Others say the man was shot in the back.", true),
        ("Another person died in Richland on Monday.", true),
        ("Both countries missed the deadline last year.", true),
        ("Both Washington and Moscow signed the treaty.", false),
        ("Another Democrat joined the race in Ohio.", false),
        ("Such-and-such rules were never written down.", false),
        ("Several people died in Richland on Monday.", false),
    ])
    func backReference(text: String, expected: Bool) {
        #expect(Self.rule(text, EnglishBulletRules.opensWithBackReference) == expected, "\(text)")
    }

    @Test("a condition or a guess at the opening, outside quotation marks, is a hypothetical", arguments: [
        ("If the Senate approves it, Belgium would ban the burqa.", true),
        ("Unless Congress acts by August 1, the fund runs dry.", true),
        ("Perhaps the blog put it best.", true),
        ("Maybe they would buy a faster lane.", true),
        ("\"If I run for office, you will know what I'm worth,\" Trump said.", false),
        ("Iffy weather delayed the launch on Monday.", false),
        ("The treaty would cut arsenals if the Senate ratifies it.", false),
    ])
    func hypothetical(text: String, expected: Bool) {
        #expect(Self.rule(text, EnglishBulletRules.opensWithHypothetical) == expected, "\(text)")
    }

    @Test("a hypothetical is taken only when too few other sentences are eligible")
    func hypotheticalIsSecondChoice() throws {
        let text = """
        The port authority of Kessing voted on Tuesday to replace 24 of its 48 cranes with automated ones by 2029. \
        If the plan goes ahead, Kessing would become the first fully automated port in the region by 2029. \
        Dock workers in Kessing plan a strike on Friday against the loss of some 300 jobs at the port. \
        Perhaps the automated cranes of Kessing will one day unload every ship from Rotterdam without a crew. \
        The city council of Kessing will vote on a retraining fund for the dock workers in March.
        """
        let summary = try Summarizer().summarize(text)
        #expect(summary.keyPoints.count == 3)
        for point in summary.keyPoints {
            #expect(!point.text.hasPrefix("If ") && !point.text.hasPrefix("Perhaps "), "\(point.text)")
        }
        let table = Summarizer().stages(Document(text)).table
        #expect(table.isSecondChoice == [false, true, false, true, false])
    }

    @Test("a heading run into a sentence is cut from what the bullet shows (\"\": nothing is shown)", arguments: [
        ("Obama: No change of mind At the G20 summit, Obama said he had not changed his mind.", "At the G20 summit"),
        ("Map: The world weighs in on the election The contest between Chavez and Capriles was close.", "The contest"),
        ("Three lessons linger from the oil spill The disaster began on April 20, 2010.", "The disaster"),
        ("Some of the shows, including \"Dancing With the Stars,\" started as formats sold abroad.", nil),
        ("A lack of vitamin A causes night blindness in 250,000 children a year.", nil),
        ("Fans of Gone With the Wind gathered in Atlanta on Sunday.", nil),
        ("Military hardware that can be used in nuclear devices and in ground fighting can be easily purchased In the United States.", ""),
        ("Clint Dempsey: Has friends in high places Tim Howard: Serious tattoos And that beard.", ""),
        ("The committee met on Monday and the vote was delayed again.", nil),
        ("Council reply in full Harbour plan timeline Reactions to the harbour reports The council's report was written "
            + "by a retired judge.", "The council's report"),
        ("The payments cover all money the fund collected through June 26, the statement said At least 200 people "
            + "will be paid.", "At least 200"),
        ("Welcome to the busy headquarters of a travel search engine, a hot-house of IT talent with young staff.", nil),
    ] as [(String, String?)])
    func runInHeading(text: String, shownStart: String?) {
        let bytes = Array(text.utf8)
        let start = bytes.withUnsafeBufferPointer { BulletHygiene.gluedHeadingEnd($0, 0..<bytes.count) }
        #expect(start.map { String(decoding: bytes[$0...], as: UTF8.self).hasPrefix(shownStart ?? "") } ?? (shownStart == nil),
                "\(text)")
        #expect((start == nil) == (shownStart == nil), "\(text)")
        if shownStart == "" { #expect(start == bytes.count, "nothing shown: \(text)") }
    }

    @Test("a question is never a bullet, also before the number of the next item of a list", arguments: [
        ("How do sinkholes form? 3.", true),
        ("What do critics say about the response?\" 12.", true),
        ("Who won?", true),
        ("The vote was 12 to 3.", false),
        ("Was it worth it? The board said yes in 2014.", false),
    ])
    func question(text: String, expected: Bool) {
        #expect(Self.rule(text, BulletFilter.endsWithQuestion) == expected, "\(text)")
        #expect(HygieneCheck().violations(text: text).contains(.question) == expected, "\(text)")
    }

    @Test("a section's or a link's label at the opening is furniture, and the check counts it", arguments: [
        ("Opinion: Rand Paul is right Modern conservatives need to remember these lessons.", true),
        ("Timeline: The mayor's fall from grace Many observers had expected a short trial.", true),
        ("Sources: The senator considered leaving the race last fall.", true),
        ("Interactive: See the smog descend on the city.", true),
        ("Definition: A father who sends his family abroad to study.", false),
        ("Opinions differ on the new port: the council voted 5 to 4.", false),
        ("Mapping the coast took the survey team 12 years.", false),
    ])
    func sectionLabel(text: String, expected: Bool) {
        #expect(Self.rule(text, BulletHygiene.opensLikeFurniture) == expected, "\(text)")
        #expect(HygieneCheck().violations(text: text).contains(.boilerplate) == expected, "\(text)")
    }

    @Test("a photo's caption run into the text is never a bullet, and the check counts it", arguments: [
        ("Ben Stiller, left, and Robert Downey Jr. are among the stars of the film.", true),
        ("Young gorillas play in Congo's Virunga National Park in an undated photograph.", true),
        ("Coast Guard Commandant Thad Allen, seen in a file photo, planned to address cadets.", true),
        ("Billy Powell, center, poses with other members of the band at the induction in 2006.", true),
        ("From left, Lance Battreal, Mark Booher and Charles Smith escaped from a prison on Sunday.", true),
        ("The model appeared in a photo shoot for the magazine in March.", false),
        ("The company has an image-conscious board of 12 directors.", false),
        ("The senator left, and the vote was delayed until Monday.", false),
    ])
    func caption(text: String, expected: Bool) {
        #expect(Self.rule(text, { BulletHygiene.furniturePhrases.occurs(in: $0, $1) }) == expected, "\(text)")
        #expect(HygieneCheck().violations(text: text).contains(.caption) == expected, "\(text)")
    }

    @Test("a dateline in title case (\"Wien – \") or with a date before the agency is cut from what the bullet shows, and the check counts it", arguments: [
        ("Wien – Das dritte Nein der Kammer löst Empörung aus.", "Das dritte Nein"),
        ("Zürich/Wien – Das Schauspielhaus setzt einen Schwerpunkt.", "Das Schauspielhaus"),
        ("Bad Ischl — \"Wir bleiben\", sagte der Bürgermeister.", "\"Wir bleiben"),
        ("Ägypten – Die Regierung trat am Montag zurück.", "Die Regierung"),
        ("Santiago de Chile – Wegen seiner Provokation wurde er gesperrt.", "Wegen seiner"),
        ("Frankfurt am Main – Die Börse schloss im Plus.", "Die Börse"),
        ("St. Georgen im Attergau – 26 Minuten nach Mitternacht kam er ins Ziel.", "26 Minuten"),
        ("Iowa City / Wien – In der Biologie sind die Verhältnisse klar.", "In der Biologie"),
        ("The result – a draw – kept both teams in the race.", nil),
        ("Berlin, Germany – the city voted on Sunday.", nil),
        ("Obama said – and he meant it – that the talks would go on.", nil),
        ("Rooney scored twice – the second a penalty.", nil),
        ("WASHINGTON, Dec 5 (Reuters) - The Senate passed the bill on Tuesday.", "The Senate"),
        ("BERLIN, 12. März (Reuters) - Die Bundesregierung hat ihren Plan vorgestellt.", "Die Bundesregierung"),
        ("Seoul (CNN) -- South Korea said on Thursday it would send aid.", "South Korea"),
        ("In 2014 (when the law passed) - few expected it.", nil),
        ("2014 (Reuters) - The year began badly.", nil),
        ("Washington – Am 14. Juli ist die Sonde New Horizons (NASA) am Pluto vorbeigeflogen.", "Am 14. Juli"),
    ] as [(String, String?)])
    func dateline(text: String, shownStart: String?) {
        Self.expectCut(text, shownStart, BulletHygiene.datelineEnd, rule: .dateline)
    }

    @Test("a wire's intertitle run into a sentence is cut from what the bullet shows, and the check counts it", arguments: [
        ("- Lufthansa sauvée de la faillite -Le premier groupe a reçu l'aval pour un plan de sauvetage.", "Le premier groupe"),
        ("- \"Conditions exorbitantes\" -Ces soupçons ont émergé au fil de l'enquête.", "Ces soupçons"),
        ("- Anticiper -Radiologue, Arthur Lobo utilise très fréquemment cet outil.", "Radiologue"),
        ("-- The mayor said on Monday that the port would close.", nil),
        ("The vote - 12 to 3 - was closer than expected -Reuters said.", nil),
        ("- The mayor said on Monday that the port would close - for now.", nil),
    ] as [(String, String?)])
    func intertitle(text: String, shownStart: String?) {
        Self.expectCut(text, shownStart, BulletHygiene.intertitleEnd, rule: .runInHeading)
    }

    @Test("a bare date run into a sentence is cut from what the bullet shows", arguments: [
        ("March 17, 2014 A vote in Crimea has brought up more questions about Ukraine.", "A vote in Crimea"),
        ("August 11 A healthy David and his brother start school.", "A healthy David"),
        ("Sept. 3 The council voted to close the library.", "The council"),
        ("March 17 is the deadline for the first payments.", nil),
        ("May 5, Congress voted to extend the program.", nil),
        ("Mayor Lee 2 Others joined the protest.", nil),
        ("March 123 The number is not a day.", nil),
    ] as [(String, String?)])
    func leadingDate(text: String, shownStart: String?) {
        Self.expectCut(text, shownStart, BulletHygiene.leadingDateEnd, rule: .dateline)
    }

    @Test("a page's time stamp run into a sentence is cut from what the bullet shows, and the check counts it", arguments: [
        ("18 January 2016 Last updated at 20:09 GMT Ben Frost, 27, barricaded himself into a flat.", "Ben Frost"),
        ("3 February 2016 Last updated at 08:07 GMT The council closed the road.", "The council"),
        ("Updated: 10:01 BST The mayor opened the bridge on Monday.", "The mayor"),
        ("Last updated on 9:45 \"We will rebuild,\" the mayor said.", "\"We will"),
        ("23 March 2017 Last updated at 14:55 GMT", ""),
        ("Updated: 9:30", ""),
        ("Updated figures show 300 homes were lost in the fire.", nil),
        ("Last updated in 2014, the map shows 12 new roads.", nil),
        ("18 January 2016 was the coldest day of the year.", nil),
    ] as [(String, String?)])
    func updateStamp(text: String, shownStart: String?) {
        Self.expectCut(text, shownStart, BulletHygiene.updateStampEnd, rule: .dateline)
    }

    @Test("a video player's notice run into a sentence is cut from what the bullet shows, and the check counts it", arguments: [
        ("Media playback is not supported on this device The Newtownards man became the first to win.", "The Newtownards"),
        ("Video playback is unsupported on your device 26 October 2014 Last updated at 00:31 BST She sang.", "26 October"),
        ("Media playback is not supported on this device", ""),
        ("Playback is smooth on the new device, the company said.", nil),
        ("Media playback is slow on older phones, the report found.", nil),
    ] as [(String, String?)])
    func playerNotice(text: String, shownStart: String?) {
        Self.expectCut(text, shownStart, BulletHygiene.playerNoticeEnd, rule: .boilerplate)
    }

    @Test("a time stamp or a video player's notice inside a sentence makes it furniture, and the check counts it", arguments: [
        ("Media playback is unsupported on your device 26 October 2014 Last updated at 00:31 BST She sang.", true),
        ("Video playback is not supported on this device.", true),
        ("The singer released her first solo album in 2013.", false),
    ])
    func playerNoticeInside(text: String, expected: Bool) {
        #expect(Self.rule(text, BulletHygiene.isFurniture) == expected, "\(text)")
        #expect(HygieneCheck().violations(text: text).contains(.boilerplate) == expected, "\(text)")
    }

    @Test("the eight-byte search for a run-in heading finds what reading word by word finds", arguments: 0..<4)
    func runInHeadingSearch(seed: UInt64) {
        var rng = SeededGenerator(seed: seed &+ 9100)
        let vocabulary = ["the", "The", "election", "In", "in", "a", "A", "2013", "\"said", "so\"", "“Yes", "no”",
                          "Obama:", "It", "it", "With", "x", "U.S.", "(The", "for", "From", "contest", "IT", "ON"]
        for _ in 0..<3_000 {
            let words = (0..<Int.random(in: 1...80, using: &rng)).map { _ in vocabulary.randomElement(using: &rng)! }
            let text = words.joined(separator: " ")
            let bytes = Array(text.utf8)
            let found = bytes.withUnsafeBufferPointer { BulletHygiene.gluedHeadingEnd($0, 0..<bytes.count) }
            #expect(found == Self.runInHeadingByWords(words), "\(text)")
        }
    }

    @Test("the initials of the run-in heading's openers are the first letters of its words")
    func runInHeadingInitials() {
        var bits: UInt32 = 0
        for word in ["the", "an", "in", "on", "at", "as", "if", "when", "it", "he", "she", "they", "we", "but", "and",
                     "this", "that", "there", "after", "for", "with", "from"] {
            #expect(BulletHygiene.gluedOpeners.contains(EnglishBulletRules.pack(word)), "\(word)")
            bits |= 1 << UInt32(word.utf8.first! - 0x61)
        }
        #expect(bits == BulletHygiene.gluedOpenerInitials)
    }

    /// The run-in heading rule read word by word: the offset of the first word that opens the sentence after it.
    static func runInHeadingByWords(_ words: [String]) -> Int? {
        let openers: Set<String> = ["the", "an", "in", "on", "at", "as", "if", "when", "it", "he", "she", "they", "we",
                                    "but", "and", "this", "that", "there", "after", "for", "with", "from"]
        func lowerOrDigit(_ c: Character?) -> Bool { c.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) } ?? false }
        var offset = 0, quoted = false, curly = false
        for k in words.indices {
            if k > 0, offset - 1 < BulletHygiene.gluedHeadingBytes, offset - 1 > 8, k + 1 < words.count,
               lowerOrDigit(words[k - 1].first), lowerOrDigit(words[k - 1].last), !quoted, !curly,
               let c = words[k].first, ("A"..."Z").contains(c), words[k].dropFirst().allSatisfy(\.isLowercase),
               openers.contains(words[k].lowercased()), let next = words[k + 1].first, ("a"..."z").contains(next) {
                return words.count - k >= BulletHygiene.gluedSentenceWords ? offset : words.joined(separator: " ").utf8.count
            }
            for c in words[k] {
                if c == "\"" { quoted.toggle() } else if c == "“" { curly = true } else if c == "”" { curly = false }
            }
            offset += words[k].utf8.count + 1
        }
        return nil
    }

    @Test("the bullet of a sentence with a heading run into it starts after the heading, and utf8Range follows")
    func runInHeadingInSummary() throws {
        let text = "Obama: No change of mind At the G20 summit in Brisbane, President Obama said he had not changed his "
            + "mind about sending 3,000 ground troops to Iraq. The summit of 20 leaders in Brisbane ended on Sunday "
            + "with a pledge to lift growth by 2 % within five years. Leaders of the G20 also agreed on new rules for "
            + "banks that are too big to fail, said officials in Brisbane."
        let summary = try Summarizer().summarize(text)
        let point = try #require(summary.keyPoints.first { $0.sentenceIndex == 0 })
        #expect(point.text.hasPrefix("At the G20 summit"), "\(point.text)")
        let shown = Array(text.utf8)[point.utf8Range]
        #expect(String(decoding: shown, as: UTF8.self).hasPrefix("At the G20 summit"))
        #expect(!HygieneCheck().violations(text: text).isEmpty)
        #expect(!HygieneCheck().violations(text: point.text).contains(.runInHeading))
    }

    @Test("a sentence that speaks to the reader is never a bullet", arguments: [
        ("Share, and your gift will be multiplied.", true),
        ("Think back to your high school's senior prank.", true),
        ("If you adjust for inflation, the film opened to $88 million.", true),
        ("You can also use a cloud service to save files.", true),
        ("Let's be clear about what the deal does.", true),
        ("Share prices fell 15% in the first hour of trading.", false),
        ("Take-off was delayed by two hours.", false),
        ("Officials said you could see the smoke from Boston.", false),
        ("Key Concepts: Identify or explain these terms from the lesson on the courts.", true),
        ("Quiz: Think back to the first week of the trial.", true),
        ("Carlos Acosta: \"Ballet was my best friend.\"", false),
        ("Remembering the victims, the mayor of Lyon laid a wreath on Sunday.", false),
        ("Described by classmates as quiet, he learned Korean in four years.", false),
        ("Supposing the bill passes, who pays for the new port?", true),
        ("Please note that the transcript may be published later than the video.", true),
        ("Feel free to tell us how you use the maps in class.", true),
        ("Feel the heat: Lyon recorded 41 degrees on Monday.", false),
        ("Fenn II: The Polk City resident joined the Marines in June 2010.", false),
    ])
    func addressesReader(text: String, expected: Bool) {
        #expect(Self.rule(text, EnglishBulletRules.addressesReader) == expected, "\(text)")
    }

    @Test("the orders and relative times of each rule open with a word of the rule's first-word set")
    func openerSets() {
        for word in (["share"] + [EnglishBulletRules.imperativeList, EnglishBulletRules.conditionalList,
                                  EnglishBulletRules.twoWordOrderList].flatMap { $0.split(separator: " ").map(String.init) }) {
            #expect(EnglishBulletRules.readerOpeners.contains(EnglishBulletRules.pack(word)), "\(word)")
        }
        let relative = ["later", "shortly", "by", "since", "until", "at", "the", "a", "an", "few"]
            + [EnglishBulletRules.relativeAdverbList, EnglishBulletRules.qualifierList, EnglishBulletRules.timeUnitList,
               EnglishBulletRules.countWordList].flatMap { $0.split(separator: " ").map(String.init) }
        for word in relative {
            #expect(EnglishBulletRules.relativeOpeners.contains(EnglishBulletRules.pack(word)), "\(word)")
        }
        #expect(EnglishBulletRules.supposin == EnglishBulletRules.pack("supposing"))
        #expect(!EnglishBulletRules.readerOpeners.contains(EnglishBulletRules.pack("officials")))
        #expect(!EnglishBulletRules.relativeOpeners.contains(EnglishBulletRules.pack("officials")))
    }

    @Test("where the opening word is not in the first-word set of the four dependent-opener rules, none of them holds")
    func dependentOpenerGate() throws {
        // Every word start of the bundled samples (as given and run together) and of the rules' own examples, read as
        // the start of a bullet: the gate may only skip a rule that would answer no.
        var texts = ["By then the rebels had fled.", "Such a ruling is rare.", "Others say it was late.",
                     "Another man was hurt.", "Both countries missed it.", "The soldiers died when the roof fell.",
                     "If the Senate approves it, the law passes.", "Perhaps the rain helped.", "Hours later it ended.",
                     "Some six hours later, 145 were dead.", "The next day the bridge opened.", "Soon-to-be mayor Ann Lee spoke."]
        let samples = (try? FileManager.default.contentsOfDirectory(atPath: GoldenTests.packageRoot.appendingPathComponent("corpora").path))?
            .filter { $0.hasSuffix(".txt") }.sorted() ?? []
        #expect(!samples.isEmpty)
        for name in samples {
            let text = try String(contentsOf: GoldenTests.packageRoot.appendingPathComponent("corpora/\(name)"), encoding: .utf8)
            texts += [text, text.split(whereSeparator: \.isNewline).joined(separator: " ")]
        }
        var skipped = 0, held = 0
        for text in texts {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { bytes in
                for start in bytes.indices where start == 0 || bytes[start - 1] == 0x20 {
                    let range = start..<min(bytes.count, start + 300)
                    let any = EnglishBulletRules.opensPointingBack(bytes, range)
                        || EnglishBulletRules.bareDefiniteHead(bytes, range) != nil
                        || EnglishBulletRules.opensWithHypothetical(bytes, range)
                    if any { held += 1 }
                    if !EnglishBulletRules.mayOpenDependent(bytes, range) {
                        skipped += 1
                        #expect(!any, "\(String(decoding: bytes[range].prefix(60), as: UTF8.self))")
                    }
                }
            }
        }
        #expect(held >= 20 && skipped >= 1_000, "\(held) openings hold a rule, \(skipped) are skipped")
    }

    @Test("each opening of the reader and relative-time rules is still found", arguments: [
        ("By then the rebels had fled.", true, false),
        ("At the time, no one knew.", true, false),
        ("Twenty minutes later, the fire spread.", true, false),
        ("Moments later the roof fell in.", true, false),
        ("About a week later the bridge reopened.", true, false),
        ("Once you start, it is hard to stop.", false, true),
        ("Check out the new menu at the cafe.", false, true),
        ("Make sure the door is locked.", false, true),
        ("Officials said the road would reopen.", false, false),
    ])
    func openingRules(text: String, relative: Bool, reader: Bool) {
        #expect(Self.rule(text, EnglishBulletRules.opensWithRelativeTime) == relative, "\(text)")
        #expect(Self.rule(text, EnglishBulletRules.addressesReader) == reader, "\(text)")
    }

    /// Runs a rule that answers with an offset or a range on the bytes of `text`.
    static func read<T>(_ text: String, _ check: (UnsafeBufferPointer<UInt8>, Range<Int>) -> T) -> T {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { check($0, 0..<bytes.count) }
    }

    @Test("datelines, speaker labels and site names are read as far into the text as their rules reach")
    func openingReach() {
        // "Place (Agency) --": the parenthesis at byte 61 at the latest.
        let place = String(repeating: "Abcdefghij ", count: 5)
        let dateline = place + "Abcde (CNN) -- The rest of the story."
        #expect(Self.read(dateline, BulletHygiene.datelineEnd) == dateline.utf8.count - "The rest of the story.".utf8.count)
        #expect(Self.read(place + "Abcdef (CNN) -- The rest of the story.", BulletHygiene.datelineEnd) == nil)
        // "PLACE --": the dash at byte 41 at the latest.
        let capitals = String(repeating: "ABCDEFGHIJ ", count: 3)
        #expect(Self.read(capitals + "ABCDEFG -- The rest.", BulletHygiene.datelineEnd) == 44)
        #expect(Self.read(capitals + "ABCDEFGH -- The rest.", BulletHygiene.datelineEnd) == nil)
        // "Name: text": the colon at byte 41 at the latest.
        #expect(Self.read("Abcdefghijklmn Abcdefghijklmn Abcdefghijk: I think so.", BulletHygiene.speakerLabel) == 0..<41)
        #expect(Self.read("Abcdefghijklmn Abcdefghijklmn Abcdefghijkl: I think so.", BulletHygiene.speakerLabel) == nil)
        #expect(Self.read("Short: I think so.", BulletHygiene.speakerLabel) == 0..<5)
        #expect(Self.read("No label in this one, only words.", BulletHygiene.speakerLabel) == nil)
        // "Host.com: ...": the colon at byte 41 at the latest.
        let host = "Abcdefghijklmnopqrstuvwxyzabcdefghijk"
        #expect(Self.rule(host + ".com: 10 ways to sleep better", Boilerplate.opensWithSiteName))
        #expect(!Self.rule(host + "l.com: 10 ways to sleep better", Boilerplate.opensWithSiteName))
        #expect(Self.rule("Health.com: 10 ways", Boilerplate.opensWithSiteName))
    }

    @Test("the dateline rule's quick test rules out no text that the full reading finds a dateline in")
    func datelineQuickTest() {
        // Texts built from the parts of datelines: places of every length (past the 40 and 72 bytes the test reads),
        // particles, agencies, each kind of dash, commas and dates, from a fixed seed.
        let parts = ["Seoul", "Santiago", "de", "Chile", "am", "Main", "WASHINGTON", "LONDON,", "England", "Zürich/Wien",
                     "Stoke-on-Trent", "St.", "(CNN)", "(Reuters)", "(AP)The", "--", "-", "–", "—", "Dec", "5", "The",
                     "rest", "of", "the", "story.", "\"We", "Abcdefghijklmnopqrstuvwxyzab", "Abcdefghijklmnopqrstu",
                     "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "x", "Ägypten", "2014", "said", "(when", "it", "passed)"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33) % n
        }
        var found = 0
        for _ in 0..<20_000 {
            let text = (0..<(2 + next(14))).map { _ in parts[next(parts.count)] }.joined(separator: " ")
            let bytes = Array(text.utf8)
            let (quick, full) = bytes.withUnsafeBufferPointer {
                (BulletHygiene.datelineEnd($0, 0..<bytes.count), BulletHygiene.readDateline($0, 0..<bytes.count))
            }
            #expect(quick == full, "\(text)")
            if full != nil { found += 1 }
        }
        // The texts hold datelines of each kind, not only text without one.
        #expect(found > 1_000)
    }

    @Test("the initials of the months are the first letters of their names")
    func monthInitials() {
        var bits: UInt32 = 0
        for month in ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                      "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                      "nov", "dec"] {
            #expect(BulletHygiene.months.contains(EnglishBulletRules.pack(month)), "\(month)")
            bits |= 1 << UInt32(month.utf8.first! - 0x61)
        }
        #expect(bits == BulletHygiene.monthInitials)
    }

    @Test("a bracketed aside, a credit or a source tag is never a bullet", arguments: [
        ("（据新华社）", true),
        ("(Reporting by Ann Lee; editing by Tom Hall.)", true),
        ("(The figures were revised on Monday.)", true),
        ("(CNN) Police in Japan arrested three men on Tuesday (local time).", false),
        ("Police in Japan arrested three men on Tuesday (local time).", false),
        ("博鳌亚洲论坛2014年年会11日落下帷幕（新华社）。", false),
    ])
    func bracketedAside(text: String, expected: Bool) {
        #expect(Self.rule(text, BulletFilter.isBracketedAside) == expected, "\(text)")
    }

    @Test("a sentence ends like one in any script: a Chinese character before a closing bracket is no stop", arguments: [
        ("博鳌亚洲论坛年会11日落下帷幕。", true),
        ("他说：“我们赢了。”", true),
        ("据新华社报道（记者王明）", false),
        ("Нет, сказал он.", true),
        ("यह एक वाक्य है।", true),
        ("The talks went on without a break", false),
    ])
    func endsLikeASentence(text: String, expected: Bool) {
        #expect(Self.rule(text, BulletFilter.endsWithTerminator) == expected, "\(text)")
    }

    @Test("a leading But, And or So, is dropped from what the bullet shows", arguments: [
        ("But talks collapsed after two weeks.", "talks collapsed after two weeks."),
        ("And the rain kept falling on the town.", "the rain kept falling on the town."),
        ("So, the vote was delayed again.", "the vote was delayed again."),
        ("So far, 20 people have died.", nil),
        ("Butterflies returned to the valley.", nil),
        ("And/or clauses confuse readers.", nil),
    ] as [(String, String?)])
    func leadingConjunction(text: String, shown: String?) {
        let bytes = Array(text.utf8)
        let start = bytes.withUnsafeBufferPointer { EnglishBulletRules.leadingConjunctionEnd($0, 0..<bytes.count) }
        #expect(start.map { String(decoding: bytes[$0...], as: UTF8.self) } == shown, "\(text)")
    }

    @Test("quotation marks that do not pair up make a sentence ineligible", arguments: [
        ("Foley explained: \"This shipwreck is close to the shore.", true),
        ("\"It is over,\" he said.", false),
        ("She called it “a disaster” on Monday.", false),
        ("She called it “a disaster on Monday.", true),
        ("Il a parlé d'« une catastrophe ».", false),
    ])
    func unbalancedQuotes(text: String, expected: Bool) {
        #expect(Self.rule(text, Candidates.quotesUnbalanced) == expected, "\(text)")
    }

    @Test("the bullet shows the sentence without its leading But, capitalized, and utf8Range follows")
    func conjunctionDroppedInSummary() throws {
        let text = """
        Acme and Globex agreed on Monday to merge their rail freight businesses in a deal worth $4 billion. \
        Regulators in Brussels must still approve the merger of the two largest freight carriers in Europe. \
        But talks between Acme and Globex nearly collapsed in March over the value of the Globex rail yards.
        """
        let summary = try Summarizer().summarize(text)
        let point = try #require(summary.keyPoints.first { $0.text.hasPrefix("Talks between") })
        let shown = Array(text.utf8)[point.utf8Range]
        #expect(String(decoding: shown, as: UTF8.self).hasPrefix("talks between Acme"))
        #expect(HygieneCheck().violations(summary.keyPoints).isEmpty)
    }

    @Test("sentences in the writer's own voice are taken only when too few others are eligible")
    func firstPersonIsSecondChoice() throws {
        let text = """
        I went to the harbour of Kessing on Monday to see the new cranes for myself. \
        The port authority of Kessing voted on Tuesday to replace 24 of its 48 cranes with automated ones by 2029. \
        My first impression was that the machines are much quieter than the old cranes. \
        Dock workers in Kessing plan a strike on Friday against the loss of some 300 jobs at the port. \
        We spent an hour watching one of the cranes unload a ship from Rotterdam. \
        The city council of Kessing will vote on a retraining fund for the dock workers in March.
        """
        let summary = try Summarizer().summarize(text)
        #expect(summary.keyPoints.count == 3)
        for point in summary.keyPoints {
            #expect(!point.text.hasPrefix("I ") && !point.text.hasPrefix("My ") && !point.text.hasPrefix("We "), "\(point.text)")
        }
        // With only first-person sentences, they are still summarized.
        let diary = """
        I went to the harbour of Kessing on Monday to see the new cranes for myself. \
        My first impression was that the machines are much quieter than the old cranes. \
        We spent an hour watching one of the cranes unload a ship from Rotterdam. \
        I left Kessing convinced that the dock workers of the port have reason to worry.
        """
        #expect(try Summarizer().summarize(diary).keyPoints.count == 3)
    }

    @Test("the English rules are read for English text only")
    func englishOnly() {
        let text = "Acme opened a plant in Lyon on Monday. He said it would hire 200 people by 2027. "
            + "Hours later, the mayor of Lyon welcomed the plan."
        let document = Document(text)
        let english = Summarizer(configuration: .init(language: .english)).stages(document).table
        let french = Summarizer(configuration: .init(language: .french)).stages(document).table
        #expect(english.opensDangling == [false, true, true])
        #expect(french.opensDangling == [false, false, false])
    }

    // MARK: - The check

    @Test("the hygiene check counts each editorial defect", arguments: [
        ("Some six hours later, 145 were dead.", HygieneCheck.Rule.relativeTime),
        ("The soldiers died when fighters attacked the base.", .unintroducedReference),
        ("Share, and your gift will be multiplied.", .addressToReader),
        ("Think back to your high school's senior prank.", .addressToReader),
        ("People are actually buying it.", .noInformation),
        ("For a chance to be mentioned, comment on the bottom of this page.", .aboutThePage),
        ("Foley explained: \"This shipwreck is close to the shore.", .unbalancedQuote),
        ("\"We will never give up,\" she said.", .unattributedQuote),
        ("\"It was a dream come true,\" freelance artist .", .unattributedQuote),
        ("My vote for Father of the Year goes to Curt Schilling.", .firstPersonOpinion),
        ("If the Senate approves it, Belgium would become the first country in Europe to ban the burqa.", .hypothetical),
        ("Perhaps the blog VentureBeat put it best.", .hypothetical),
        ("Earlier, Noriega arrived at the Tocumen International Airport in Panama City.", .relativeTime),
        ("Others say Brown was shot in the back.", .unintroducedReference),
        ("Both boys suffered gunshot wounds to the head.", .unintroducedReference),
        ("Obama: No change of mind At the G20 summit, President Obama said he would not send troops.", .runInHeading),
        ("Key Concepts: Identify or explain these terms from the lesson on the courts.", .addressToReader),
    ])
    func editorialRules(text: String, rule: HygieneCheck.Rule) {
        let rules = HygieneCheck().violations(text: text)
        #expect(rules.contains(rule), "\(text): \(rules)")
        #expect(rule.group == .editorial)
    }

    @Test("well-formed bullets pass every editorial rule", arguments: [
        "Three days after the crash, investigators found the flight recorder in the bay.",
        "The mayor of Lyon opened the new bridge over the Rhone on Monday.",
        "\"We will never give up,\" Jane Doe said after the vote in Ohio.",
        "Share prices fell 15% in the first hour of trading in Hong Kong.",
        "Officials said the storm destroyed 300 homes, according to the Red Cross.",
        "\"I was terrified,\" said Maria Lopez, who fled the fire with her two children.",
        "\"If I run for office, you are going to know exactly what I'm worth,\" Trump told reporters in Ohio.",
        "Both Washington and Moscow signed the Chemical Weapons Convention of the 1990s.",
        "Earlier this week the council of Lyon voted to close 12 schools.",
        "Viewers of \"Dancing With the Stars\" voted 12 million times on Monday, the network said.",
    ])
    func cleanEditorial(text: String) {
        #expect(HygieneCheck().violations(text: text).isEmpty, "\(text): \(HygieneCheck().violations(text: text))")
    }

    @Test("a definite description is fine once an earlier bullet introduced it, or after its own sentence")
    func introducedReference() {
        let earlier = [HygieneCheck.words("Four soldiers were killed in an attack on a base in Zerok.")]
        let text = "The soldiers died when fighters attacked the base."
        #expect(!HygieneCheck().violations(text: text, earlierBullets: earlier).contains(.unintroducedReference))
        #expect(!HygieneCheck().violations(text: text, previousSentencePicked: true).contains(.unintroducedReference))
    }

    @Test("a bullet saying again what another says is a restatement; the later one is counted")
    func restatement() {
        let a = KeyPoint(text: "The officer fired two shots when the man charged at him in Ferguson.", sentenceIndex: 2,
                         utf8Range: 0..<1, score: 1)
        let b = KeyPoint(text: "When the officer arrived in Ferguson, the man charged at him and he fired two shots.",
                         sentenceIndex: 7, utf8Range: 0..<1, score: 1)
        let c = KeyPoint(text: "Ferguson's police chief resigned on Friday after 14 years in office.", sentenceIndex: 9,
                         utf8Range: 0..<1, score: 1)
        let violations = HygieneCheck().violations([a, b, c])
        #expect(violations.filter { $0.rule == .restatement }.map(\.keyPoint) == [1])
    }
}
