import SummarizeKit
import Foundation

/// Checks that bullets read as clean key points, one rule at a time, on the
/// bullet text alone. It is written independently of ``BulletFilter`` (plain
/// regular expressions over the shown text), so it can catch what the filter
/// lets through; `summarize eval --check-hygiene` counts its violations.
///
/// ```swift
/// let check = HygieneCheck()
/// check.violations(summary.keyPoints)   // [(keyPointIndex, rule)]
/// ```
public struct HygieneCheck: Sendable {
    /// One cleanliness rule.
    public enum Rule: String, Sendable, Hashable, CaseIterable, Codable {
        /// Starts with a dateline or source tag: "LONDON (Agency) -", "Seoul (Agency) --", "(Agency) --", "LONDON —",
        /// "Tokyo (Agency)Police ..." (the tag glued to the first word).
        case dateline
        /// A byline: "By Jane Doe", "By Jane Doe, CNN".
        case byline
        /// A photo or video caption or credit.
        case caption
        /// Promotional, navigation or credit boilerplate ("Click here", "contributed to this report").
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
    }

    /// Most words a clean bullet has.
    public var maximumWords: Int

    public init(maximumWords: Int = 60) {
        self.maximumWords = maximumWords
    }

    /// Every violation among `keyPoints` (one summary, document order), as
    /// (index into `keyPoints`, rule).
    public func violations(_ keyPoints: [KeyPoint]) -> [(keyPoint: Int, rule: Rule)] {
        let picked = Set(keyPoints.map(\.sentenceIndex))
        var out: [(Int, Rule)] = []
        for (k, point) in keyPoints.enumerated() {
            for rule in violations(text: point.text, previousSentencePicked: picked.contains(point.sentenceIndex - 1)) {
                out.append((k, rule))
            }
        }
        return out
    }

    /// The rules one bullet text breaks.
    public func violations(text: String, previousSentencePicked: Bool = false) -> [Rule] {
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
        return rules
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
    nonisolated(unsafe) static let dateline = regex(
        "^(?:(?:[A-Z][\\w.'’-]*,?\\s+){0,6}\\([A-Z][A-Za-z. ]{0,20}\\)(?:\\s*\(dash)|[A-Z\"“])"
        + "|[A-Z][A-Z.'’ ,-]{2,40}\\s*(?:--|—|–)\\s|[A-Z]{3,}[A-Z .'’-]*,[A-Za-z0-9 .]{0,30}\\s(?:--|—|–)\\s)")
    nonisolated(unsafe) static let byline = regex(
        "^By\\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\\b)[A-Z][\\w.'’-]+(?:\\s+[A-Z][\\w.'’-]+){0,3}\\s*(?:,|$|\\band\\b|[-—–]|\\|)")
    nonisolated(unsafe) static let caption = regex(
        "(?:\\bphotos?\\s*:|\\bhide caption\\b|\\bimage caption\\b|\\bphoto credit\\b|^pictured\\s*:"
        + "|\\((?:photo|image|video)[^)]*\\)|\\bgetty images\\b|\\bcaption\\s*:)", caseInsensitive: true)
    nonisolated(unsafe) static let boilerplate = regex(
        "(?:scroll down|click here|download on the app store|get it on google play|get your own daily briefing"
        + "|^shared from|sign up for|subscribe to our|follow us on|all rights reserved|read more\\s*:|watch the video"
        + "|contributed to this report|^watch\\s*:|^read\\s*:|^video\\s*:|^related\\s*:|^see also\\b"
        + "|learn more at|for more information,? visit|media contact\\s*:)",
        caseInsensitive: true)
    nonisolated(unsafe) static let question = regex("\\?[\"'”’)\\]»\\s]*$")
    nonisolated(unsafe) static let dangling = regex(
        "^[\"“‘']?(?:He|She|It|They|Them|His|Her|Hers|Its|Their|Theirs|This|That|These|Those|But|And|Or|Nor|So|Also"
        + "|However|Yet|Still|Then|Thus|Meanwhile|Instead|Moreover|Furthermore|Nevertheless|Nonetheless|Besides"
        + "|Additionally|Likewise|Similarly|Otherwise|Therefore|Hence|Consequently|Indeed)\\b(?!-)")
    nonisolated(unsafe) static let citation = regex("\\(\\s*[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+(?:/\\S*)?(?:\\s+\\d+)?\\s*\\)\\s*$")

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
