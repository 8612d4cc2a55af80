import SummarizeKit
import Foundation

/// Checks that bullets read as key points an editor would publish, one rule at a time, on the bullet
/// texts alone (and which sentences of the article they are). It is written independently of
/// ``BulletFilter`` and the selector (plain regular expressions and word lists over the shown text), so
/// it can catch what they let through; `summarize eval --check-hygiene` counts its violations.
///
/// The rules come in two groups (``Rule/group``):
/// - **cleanliness**: furniture and broken text that a summarizer must never show (a dateline, a caption,
///   a question, a dangling "He said ..."). The target is none at all.
/// - **editorial**: what an editor marks when the bullets are read on their own: a relative time or an
///   unintroduced "the ..." with nothing to refer to, an address to the reader, a hypothetical, no information, a sentence
///   about the page, a fact said twice, a broken or unattributed quotation, the writer's own opinion. Some
///   of these are judgement calls that a good sentence can trip now and then; the target is a share of the
///   bullets (``editorialBudget``).
///
/// ```swift
/// let check = HygieneCheck()
/// check.violations(summary.keyPoints)   // [(keyPointIndex, rule)]
/// ```
public struct HygieneCheck: Sendable {
    /// One rule.
    public enum Rule: String, Sendable, Hashable, CaseIterable, Codable {
        /// Starts with a dateline or source tag: "LONDON (Agency) -", "Seoul (Agency) --", "(Agency) --", "LONDON —",
        /// "Tokyo (Agency)Police ..." (the tag glued to the first word), or with a bare date run into the
        /// sentence: "March 17, 2014 A vote in Crimea ...", a place in title case before a dash ("Wien – Das ..."),
        /// or a page's time stamp ("18 January 2016 Last updated at 20:09 GMT Ben Frost ...").
        case dateline
        /// A byline: "By Jane Doe", "By Jane Doe, CNN".
        case byline
        /// A photo or video caption or credit: "Photo: ...", "(Getty Images)", or a caption run into the text ("Ben
        /// Stiller, left, and Robert Downey Jr. ...", "... in an undated photograph", "seen here", "poses with").
        case caption
        /// Promotional, navigation or credit boilerplate ("Click here", "contributed to this report"), or a section's
        /// or a link's label at the opening ("Opinion: ...", "Timeline: ...").
        case boilerplate
        /// Ends with a question mark.
        case question
        /// Only a quotation with nothing around it, or a fragment starting in lower case.
        case quoteFragment
        /// Opens with a pronoun or connective ("He said", "But", "This") without the sentence before it.
        case danglingOpener
        /// More than ``HygieneCheck/maximumWords`` words.
        case overLong
        /// Ends with a source citation such as "(blogs.microsoft.com)".
        case citation
        /// Opens with a time relative to an event the bullet does not give ("Eventually, ...", "Hours later,
        /// ...", "Some six hours later, 145 were dead.", "The next day ..."), without the sentence before it.
        case relativeTime
        /// Opens with "The" and a common noun that no earlier bullet introduced, with nothing after it that
        /// says which one ("The soldiers died when ...", "The nursery's owner is ..."; not "The mayor of
        /// Lyon ...", "The White House ..."), or with a word that points back ("Such a ruling ...", "Others
        /// say ...", "Another man ...", "Both countries ..."), without the sentence before it.
        case unintroducedReference
        /// Speaks to the reader: an order, an address or a hypothetical ("Share, and your gift will be
        /// multiplied.", "Think back to your high school's senior prank.", "If you ...", "Imagine ...").
        case addressToReader
        /// A heading or a link title run into the sentence, as text without its line breaks runs them: "Obama:
        /// No change of mind At the G20 summit, President Obama said ...", "Map: The world weighs in on the
        /// election The contest between ..." (a capitalized article, pronoun, preposition or conjunction between
        /// two lower-case words, outside quotation marks), or a wire's intertitle: "- Lufthansa sauvée de la faillite
        /// -Le premier groupe ...".
        case runInHeading
        /// Opens with a condition or a guess, outside quotation marks: what might be, not what is ("If the
        /// Senate approves it, Belgium would ...", "Unless Congress acts, ...", "Maybe ...", "Perhaps ...").
        case hypothetical
        /// Names no one and nothing, carries no number, and says little ("People are actually buying it.").
        case noInformation
        /// About the page, the newsletter, the comments or the video rather than the news ("For a chance to
        /// be mentioned ..., comment on the bottom of this page").
        case aboutThePage
        /// Says again what another bullet says: its names and numbers are all in that bullet, and so are
        /// most of its other content words.
        case restatement
        /// Quotation marks that do not pair up: a quotation opened and never closed, or closed and never opened.
        case unbalancedQuote
        /// A quotation whose speaker is missing ("..., freelance artist .") or a bare pronoun ("..., she
        /// said.") with no one named in the bullet, without the sentence before it.
        case unattributedQuote
        /// The writer's own voice outside quotation marks, with no one it is attributed to ("My vote for
        /// Father of the Year goes to ...", "I think ...").
        case firstPersonOpinion

        /// Which group the rule belongs to.
        public var group: Group {
            switch self {
            case .dateline, .byline, .caption, .boilerplate, .question, .quoteFragment, .danglingOpener, .overLong, .citation:
                return .cleanliness
            default:
                return .editorial
            }
        }
    }

    /// The two groups of rules: see ``HygieneCheck``.
    public enum Group: String, Sendable, Hashable, CaseIterable {
        /// Never acceptable: the target is zero bullets.
        case cleanliness
        /// Judged as an editor would: the target is at most ``HygieneCheck/editorialBudget`` of the bullets.
        case editorial
    }

    /// The largest share of a summarizer's bullets that may break any rule.
    public static let editorialBudget = 0.02

    /// Most words a clean bullet has.
    public var maximumWords: Int

    public init(maximumWords: Int = 60) {
        self.maximumWords = maximumWords
    }

    /// Every violation among `keyPoints` (one summary, document order), as
    /// (index into `keyPoints`, rule).
    ///
    /// An opening "The ..." needs an earlier bullet that names its head noun, or the sentence before, except
    /// in the article's opening sentence ("The county opened three libraries ..." as the first sentence
    /// introduces its own subject): sentence 0, or, with the `document`, a bullet that no finished sentence
    /// comes before (a title or a heading may).
    public func violations(_ keyPoints: [KeyPoint], in document: Document? = nil) -> [(keyPoint: Int, rule: Rule)] {
        let picked = Set(keyPoints.map(\.sentenceIndex))
        let words = keyPoints.map { Self.words($0.text) }
        var out: [(Int, Rule)] = []
        for (k, point) in keyPoints.enumerated() {
            let previous = picked.contains(point.sentenceIndex - 1)
            for rule in violations(text: point.text, previousSentencePicked: previous,
                                   earlierBullets: Array(words[..<k])) {
                if rule == .unintroducedReference {
                    if point.sentenceIndex == 0 { continue }
                    if let document, !Self.hasSentenceEnd(document.string(in: 0..<min(point.utf8Range.lowerBound, document.byteCount))) {
                        continue
                    }
                }
                out.append((k, rule))
            }
            // A fact twice: the later of two bullets in document order is the restatement (or either, when
            // only one of them holds all of the other's facts).
            for j in keyPoints.indices where j != k {
                let restates = Self.restates(words[k], words[j])
                if restates, !(j > k && Self.restates(words[j], words[k])) {
                    out.append((k, .restatement))
                    break
                }
            }
        }
        return out
    }

    /// The rules one bullet text breaks. `earlierBullets` are the words of the bullets before it (from
    /// ``words(_:)``), which may introduce what it refers to; ``violations(_:)`` also checks restatements,
    /// which need the other bullets.
    public func violations(text: String, previousSentencePicked: Bool = false, earlierBullets: [[Word]] = []) -> [Rule] {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var rules: [Rule] = []
        if Self.matches(Self.dateline, text) { rules.append(.dateline) }
        if Self.matches(Self.byline, text) { rules.append(.byline) }
        if Self.matches(Self.caption, text) { rules.append(.caption) }
        if Self.matches(Self.boilerplate, text) { rules.append(.boilerplate) }
        if Self.matches(Self.question, text) { rules.append(.question) }
        if Self.isQuoteFragment(text) { rules.append(.quoteFragment) }
        if !previousSentencePicked, Self.matches(Self.dangling, text) { rules.append(.danglingOpener) }
        if text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count > maximumWords { rules.append(.overLong) }
        if Self.matches(Self.citation, text) { rules.append(.citation) }
        let words = Self.words(text)
        if !previousSentencePicked, Self.matches(Self.relativeTime, text) { rules.append(.relativeTime) }
        if !previousSentencePicked, let head = Self.unintroducedHead(words),
           !earlierBullets.contains(where: { $0.contains { $0.key == head } }) { rules.append(.unintroducedReference) }
        else if !previousSentencePicked, Self.matches(Self.pointsBack, text) { rules.append(.unintroducedReference) }
        if Self.matches(Self.runInHeading, Self.withoutQuotations(text)) || Self.matches(Self.intertitle, text) {
            rules.append(.runInHeading)
        }
        if Self.matches(Self.address, text) { rules.append(.addressToReader) }
        else if Self.matches(Self.hypothetical, text) { rules.append(.hypothetical) }
        if Self.saysLittle(words) { rules.append(.noInformation) }
        if Self.matches(Self.aboutPage, text) { rules.append(.aboutThePage) }
        if Self.quotesUnbalanced(text) { rules.append(.unbalancedQuote) }
        if Self.matches(Self.missingSpeaker, text)
            || (!previousSentencePicked && Self.matches(Self.pronounSpeaker, text) && !words.contains { $0.isName && !$0.quoted }) {
            rules.append(.unattributedQuote)
        }
        if Self.firstPersonOpinion(words) { rules.append(.firstPersonOpinion) }
        return rules
    }

    // MARK: - Words

    /// A word of a bullet: letters, digits, apostrophes and inner hyphens.
    public struct Word: Sendable, Hashable {
        /// As written.
        public var text: String
        /// Lower case, without a possessive "'s" and a plural "s" (a rough key to compare words by).
        public var key: String
        /// Inside double quotation marks.
        public var quoted: Bool
        /// Capitalized, and not the bullet's first word.
        public var isName: Bool
        /// Holds a digit.
        public var isNumber: Bool
        /// The character right after the word ("," ":" " " ...), or nil at the end.
        public var next: Character?
    }

    /// The words of `text`, in order.
    public static func words(_ text: String) -> [Word] {
        var out: [Word] = []
        var current = "", quoted = false, wordQuoted = false
        func flush(_ next: Character?) {
            guard !current.isEmpty else { return }
            var word = current
            while let last = word.last, last == "'" || last == "’" || last == "-" { word.removeLast() }
            guard let first = word.first else { current = ""; return }
            var key = word.lowercased()
            if key.hasSuffix("'s") || key.hasSuffix("’s") { key.removeLast(2) }
            if key.count > 3, key.hasSuffix("s"), !key.hasSuffix("ss") { key.removeLast() }
            out.append(Word(text: word, key: key, quoted: wordQuoted, isName: !out.isEmpty && first.isUppercase,
                            isNumber: word.contains { $0.isNumber }, next: next))
            current = ""
        }
        for c in text {
            if c.isLetter || c.isNumber || ((c == "'" || c == "’" || c == "-" || c == ".") && !current.isEmpty) {
                if current.isEmpty { wordQuoted = quoted }
                current.append(c)
                continue
            }
            // A full stop inside a word ("U.S.", "3.5") was kept; one at its end is not part of it.
            if current.hasSuffix(".") { current.removeLast(); flush("."); } else { flush(c) }
            if c == "\"" { quoted.toggle() } else if c == "“" || c == "«" { quoted = true } else if c == "”" || c == "»" { quoted = false }
        }
        if current.hasSuffix(".") { current.removeLast(); flush(".") } else { flush(nil) }
        return out
    }

    /// Whether `text` holds the end of a sentence: ".", "!" or "?" before white space, or at its end.
    static func hasSentenceEnd(_ text: String) -> Bool {
        var previous: Character? = nil
        for c in text {
            if c.isWhitespace, let p = previous, p == "." || p == "!" || p == "?" { return true }
            previous = c
        }
        return previous == "." || previous == "!" || previous == "?"
    }

    /// English function words: articles, pronouns, auxiliaries, prepositions, conjunctions and the like.
    static let functionWords: Set<String> = Set("""
        a an the this that these those it its he him his she her they them their we us our you your i me my \
        is are was were be been being am has have had having do does did will would shall should can could \
        may might must of in on at to for from by with about as into onto over under after before between \
        through during against among without within and or but nor so yet if then than when where while \
        who whom whose which what why how not no also just only still even now there here all some any \
        each every both more most other such very too said say says told according up down out off
        """.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\\" }).map(String.init))

    /// Words that, right after "the ...", say which one is meant: "the mayor of ...", "the man who ...".
    static let postmodifiers: Set<String> = [
        "of", "in", "at", "from", "on", "with", "for", "who", "whose", "which", "that", "behind", "near",
        "inside", "outside", "between", "among", "under", "over", "against", "about", "involving", "to", "by",
    ]

    /// Heads of "the ..." that name one thing wherever they stand ("The government said ...").
    static let uniqueHeads: Set<String> = [
        "government", "police", "authoritie", "military", "army", "navy", "economy", "public", "world",
        "internet", "pope", "sun", "moon", "earth", "weather", "country", "nation",
    ]

    /// The key of the head noun of an opening "The ..." that nothing in the bullet introduces, or nil.
    /// "The soldiers died ..." → "soldier"; "The nursery's owner ..." → "nursery"; nil for "The mayor of
    /// Lyon ...", "The White House ...", "The 25 people ...", and for anything that does not open with "The".
    static func unintroducedHead(_ words: [Word]) -> String? {
        guard words.count >= 3, words[0].text == "The", !words[0].quoted else { return nil }
        var head: Word? = nil
        var k = 1
        while k < words.count, k <= 4 {
            let word = words[k]
            if word.isNumber || word.text.first!.isUppercase {
                // "The White House", "The 25 people", "The locomotive General": a name or a number says which.
                return nil
            }
            if postmodifiers.contains(word.key) { return nil }
            if functionWords.contains(word.key) || word.key.hasSuffix("ly") { break }
            // A past tense after the noun ends the phrase ("The officer fired ...").
            if head != nil, word.key.count > 3, word.key.hasSuffix("ed") { break }
            head = word
            // A possessive, or punctuation, ends the phrase ("The nursery's owner", "The lawsuit, filed ...").
            if word.text.hasSuffix("'s") || word.text.hasSuffix("’s") || (word.next.map { $0 != " " } ?? true) { break }
            k += 1
        }
        guard let head, k <= 4 || head.next != " " else { return nil }
        // A name in apposition says which ("The medical aid charity, Medecins Sans Frontieres, is ..."), and so
        // does a clause set off by a comma ("The lawsuit, filed Tuesday in New York, ...", "The drug, which ...").
        if head.next == ",", let index = words.firstIndex(of: head), index + 1 < words.count {
            let next = words[index + 1]
            if next.isName || ["which", "who", "whose"].contains(next.key) || (next.key.count > 3 && next.key.hasSuffix("ed")) {
                return nil
            }
        }
        return uniqueHeads.contains(head.key) ? nil : head.key
    }

    /// No name, no number, and fewer than four content words.
    static func saysLittle(_ words: [Word]) -> Bool {
        var content = 0
        for word in words {
            if word.isNumber || word.isName { return false }
            if word.key.count >= 3, !functionWords.contains(word.key) { content += 1 }
        }
        return content < 4
    }

    /// First person outside quotation marks, and no word of reported speech in the bullet.
    static func firstPersonOpinion(_ words: [Word]) -> Bool {
        var firstPerson = false
        for (k, word) in words.enumerated() {
            if attributionWords.contains(word.key) { return false }
            guard !word.quoted, !firstPerson else { continue }
            let lower = word.text.lowercased()
            if word.text == "I" || word.text.hasPrefix("I'") || word.text.hasPrefix("I’") { firstPerson = true }
            else if firstPersonWords.contains(lower),
                    word.text == lower || (k == 0 && word.text == lower.prefix(1).uppercased() + lower.dropFirst()) {
                firstPerson = true   // "we", or "We" opening the bullet; not "US"
            }
        }
        return firstPerson
    }

    static let firstPersonWords: Set<String> = ["me", "my", "mine", "myself", "we", "we're", "we've", "we'd",
                                                "we’re", "we’ve", "us", "our", "ours", "ourselves"]
    static let attributionWords: Set<String> = ["said", "say", "told", "according", "wrote", "write", "writes",
                                                "added", "recalled", "explained", "asked", "insisted", "argued"]

    /// Whether the bullet's names, numbers and most of its content words are all in `other`'s words.
    static func restates(_ words: [Word], _ other: [Word]) -> Bool {
        let keys = Set(other.map(\.key))
        var content = 0, shared = 0
        for word in words {
            if word.isName || word.isNumber {
                if !keys.contains(word.key) { return false }
            } else if word.key.count >= 3, !functionWords.contains(word.key) {
                content += 1
                if keys.contains(word.key) { shared += 1 }
            }
        }
        return content > 0 && 2 * shared > content
    }

    /// Straight double quotes of odd count, or curly ones that do not pair up.
    static func quotesUnbalanced(_ text: String) -> Bool {
        var straight = 0, depth = 0, broken = false
        for c in text {
            switch c {
            case "\"": straight += 1
            case "“", "«": if depth > 0 { broken = true }; depth += 1
            case "”", "»": if depth == 0 { broken = true } else { depth -= 1 }
            default: break
            }
        }
        return straight % 2 == 1 || depth != 0 || broken
    }

    // MARK: - Patterns

    private static func regex(_ pattern: String, caseInsensitive: Bool = false) -> NSRegularExpression {
        // The patterns are constants of this file; a typo is our bug.
        try! NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
    }

    private static func matches(_ regex: NSRegularExpression, _ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    private static let dash = "(?:--|—|–|-|:)"
    static let dateline = regex(
        "^(?:(?:[A-Z][\\w.'’-]*,?\\s+)(?:(?:[\\p{Lu}\\d][\\w.'’-]*,?\\s+){0,5})\\([A-Z][A-Za-z. ]{0,20}\\)(?:\\s*\(dash)|[A-Z\"“])"
        + "|^\\([A-Z][A-Za-z. ]{0,20}\\)(?:\\s*\(dash)|[A-Z\"“])"
        + "|[A-Z][A-Z.'’ ,-]{2,40}\\s*(?:--|—|–)\\s|[A-Z]{3,}[A-Z .'’-]*,[A-Za-z0-9 .]{0,30}\\s(?:--|—|–)\\s"
        + "|(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?)"
        + " \\d{1,2}(?:, \\d{4})? (?=[A-Z])"
        + "|^\\p{Lu}[^\\s,;:]*\\s(?:(?:\\p{Lu}[^\\s,;:]*|de|del|la|el|al|of|am|im|/)\\s){0,3}[–—]\\s+(?=[\\p{Lu}\\d\"“])"
        + "|^(?:\\d{1,2} [A-Z][a-z]+ \\d{4} )?(?:Last updated|Updated)(?: at| on|:) \\d{1,2}:\\d\\d\\b)")
    static let byline = regex(
        "^By\\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\\b)[A-Z][\\w.'’-]+(?:\\s+[A-Z][\\w.'’-]+){0,3}\\s*(?:,|$|\\band\\b|[-—–]|\\|)")
    static let caption = regex(
        "(?:\\bphotos?\\s*:|\\bhide caption\\b|\\bimage caption\\b|\\bphoto credit\\b|^pictured\\s*:"
        + "|\\((?:photo|image|video)[^)]*\\)|\\bgetty images\\b|\\bcaption\\s*:"
        + "|, (?:left|right|center|centre), |\\(?from left,|\\bpictured (?:above|below)|, pictured,|\\b(?:shown|seen) here\\b"
        + "|\\bin (?:a|an|this) (?:undated |file |handout )?(?:photo|photograph|image|picture)\\b(?!-)(?! (?:shoot|op|finish)\\b)"
        + "|\\b(?:photo|image) (?:released|provided) by\\b|\\bposes? (?:with|for the camera)\\b)", caseInsensitive: true)
    static let boilerplate = regex(
        "(?:scroll down|click here|download on the app store|get it on google play|get your own daily briefing"
        + "|^shared from|sign up for|subscribe to our|follow us on|all rights reserved|read more\\s*:|watch the video"
        + "|contributed to this report|^watch\\s*:|^read\\s*:|^video\\s*:|^related\\s*:|^see also\\b"
        + "|learn more at|for more information,? visit|media contact\\s*:|last updated at|playback is (?:unsupported|not supported)"
        + "|^(?:opinion|analysis|gallery|interactive|timeline|listen|photos?|map|poll|explainer|live|quiz|infographic|podcast"
        + "|videos|audio|slideshow|graphic|chart|exclusive|editorial|commentary|update|sources?|officials?):)",
        caseInsensitive: true)
    static let question = regex("\\?[\"'”’)\\]»\\s]*(?:\\s\\d{1,2}\\.)?$")
    static let dangling = regex(
        "^[\"“‘']?(?:He|She|It|They|Them|His|Her|Hers|Its|Their|Theirs|This|That|These|Those|But|And|Or|Nor|So|Also"
        + "|However|Yet|Still|Then|Thus|Meanwhile|Instead|Moreover|Furthermore|Nevertheless|Nonetheless|Besides"
        + "|Additionally|Likewise|Similarly|Otherwise|Therefore|Hence|Consequently|Indeed)\\b(?!-)")
    static let relativeTime = regex(
        "^(?:(?:Earlier|Finally|Now)(?=,)|Eventually|Later(?!\\s+(?:this|today|in|on|next))|Afterwards?|Subsequently|Thereafter|Soon(?!-)|Shortly\\s+(?:after|before|thereafter)"
        + "|By\\s+then|Since\\s+then|Until\\s+then|At\\s+that\\s+(?:point|time|moment|stage)|At\\s+the\\s+time"
        + "|The\\s+(?:next|following|previous)\\s+(?:day|night|morning|afternoon|evening|week|month|year)|The\\s+day\\s+(?:before|after)"
        + "|(?:(?:Some|About|Around|Nearly|Almost|Just|Only|Barely|Roughly|More\\s+than|Less\\s+than)\\s+)?"
        + "(?:A|An|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Twelve|Several|A\\s+few|Few|Many|\\d+|a|an|one|two|three|four|five"
        + "|six|seven|eight|nine|ten|twelve|several|a\\s+few|few|many)\\s+(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?)"
        + "\\s+(?:later|afterwards?|earlier|(?:after|before|on)(?=\\s*,))|(?:Seconds|Minutes|Hours|Days|Weeks|Months|Years|Moments)\\s+(?:later|afterwards?|earlier))\\b")
    static let runInHeading = regex(
        "(?<![\\p{L}\\p{N}'’])[a-z0-9]+ (?:The|An|In|On|At|As|If|When|It|He|She|They|We|But|And|This|That|There|After|For|With|From) [a-z]")
    static let intertitle = regex("^-\\s*[^-\\s][^-]{0,116}\\s-(?=[\\p{Lu}\"])")
    /// `text` with every quotation ("...", “...”) replaced by a space.
    static func withoutQuotations(_ text: String) -> String {
        var out = "", quoted = false
        for c in text {
            if c == "\"" { quoted.toggle(); out.append(" "); continue }
            if c == "“" { quoted = true; out.append(" "); continue }
            if c == "”" { quoted = false; out.append(" "); continue }
            if !quoted { out.append(c) }
        }
        return out
    }
    static let pointsBack = regex("^(?:Such|Others)\\b(?!-)|^(?:Another|Both)\\s+[a-z]")
    static let hypothetical = regex("^(?:If|Unless|Maybe|Perhaps)\\b(?!-)")
    static let address = regex(
        "^\(label)(?:Share(?!\\s+(?:prices?|of|in)\\b)|Think|Imagine|Consider|Remember|Meet|Look|Take|Don't|Don’t|Do\\s+not|Try|Check\\s+out|Tell\\s+us|Let's|Let’s|Let\\s+us"
        + "|Picture|Join|Click|Visit|Find\\s+out|Make\\s+sure|Keep|Enjoy|Forget|Say|Suppose|Supposing|What\\s+if|You|Your|Yours"
        + "|Identify|Explain|Describe|Discuss|Please|Feel\\s+free)\\b(?!-)"
        + "|^\(label)(?:If|When|Whether|Before|As|Once|Unless)\\s+you\\b")
    /// An optional label before the text: one to three capitalized words, a colon ("Key Concepts: ").
    private static let label = "(?:(?:[A-Z][^\\s:]*\\s){0,2}[A-Z][^\\s:]*:\\s+)?"
    static let aboutPage = regex(
        "\\bthis\\s+(?:page|article|post|newsletter|gallery|slideshow|website|site|podcast)\\b|\\b(?:top|bottom)\\s+of\\s+the\\s+page\\b"
        + "|\\bcomments?\\s+(?:section|below|above)|\\bleave\\s+a\\s+comment|\\bnewsletter\\b|\\bsubscribe\\b"
        + "|\\blet\\s+us\\s+know\\b|\\bsend\\s+us\\b|\\bemail\\s+us\\b|\\bshare\\s+(?:this|your)\\b"
        + "|\\bfor\\s+a\\s+chance\\s+to\\b|\\bopinions\\s+expressed\\s+in\\s+this\\b|\\beditor's\\s+note\\b|\\b(?:above|below)\\s*:\\s*$", caseInsensitive: true)
    static let missingSpeaker = regex("[,\"”]\\s+[A-Za-z][\\w -]*\\s\\.$")
    static let pronounSpeaker = regex(
        "[\"”]\\s*,?\\s*(?:he|she|they)\\s+(?:said|says|added|told|explained|noted|wrote|writes|asked|continued|insisted|argued)\\b"
        + "|[,\"”]\\s*(?:said|says|added)\\s+(?:he|she|they)\\b"
        + "|[,.!?]\\s*[\"”]\\s*(?:he|she|they)\\s+(?:said|says|added|told|explained|noted|wrote|writes|asked|continued|insisted|argued)\\b")
    static let citation = regex("\\(\\s*[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+(?:/\\S*)?(?:\\s+\\d+)?\\s*\\)\\s*$")

    static let openingQuotes: Set<Character> = ["\"", "“", "«"]

    /// A quotation with nothing outside it ("\"We will win.\"", or an opening
    /// quote never closed), or a fragment that starts in lower case.
    static func isQuoteFragment(_ text: String) -> Bool {
        guard let first = text.first else { return false }
        if first.isLowercase { return true }
        guard openingQuotes.contains(first) else { return false }
        // Where does the first quotation close?
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let c = text[index]
            if c == "\"" || c == "”" || c == "»" {
                let rest = text[text.index(after: index)...].trimmingCharacters(in: .whitespaces)
                return rest.isEmpty || rest.allSatisfy { ".,;:!?)]".contains($0) }
            }
            index = text.index(after: index)
        }
        return true  // never closed
    }
}
