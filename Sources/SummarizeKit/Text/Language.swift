/// A language of text, by its ISO 639-1 code, or ``undetermined`` ("und", ISO 639-2) when the text
/// is too short or too mixed to tell.
///
/// The language picks the stages' language data: sentence rules (``SentenceSegmenter/Language``), the
/// Snowball stemmer (``Stemmer``), the stopwords (``Stopwords/init(language:)``) and, for scripts written
/// without spaces, whether keys may be character pairs (``Tokenizer/Configuration/characterBigrams``).
/// ``LanguageIdentifier`` tells it from the text.
///
/// ```swift
/// Language(code: "fr")         // .french
/// Language.french.code         // "fr"
/// ```
public enum Language: String, Sendable, Hashable, CaseIterable {
    case english = "en", french = "fr", german = "de", spanish = "es", italian = "it", portuguese = "pt"
    case dutch = "nl", turkish = "tr", finnish = "fi", polish = "pl", russian = "ru"
    case chinese = "zh", japanese = "ja", korean = "ko", arabic = "ar", greek = "el", hebrew = "he"
    case hindi = "hi", thai = "th"
    /// Not determined: the language-neutral pipeline (no stemming, no stopwords, no language-specific rules).
    case undetermined = "und"

    /// The ISO 639-1 code ("en", "fr", …), or "und".
    public var code: String { rawValue }

    /// The language of an ISO 639-1 code ("fr") or an English name ("french"), any letter case; nil otherwise.
    public init?(code: String) {
        let lowered = code.lowercased()
        if let language = Language(rawValue: lowered) {
            self = language
        } else if let language = Language.allCases.first(where: { $0.name == lowered }) {
            self = language
        } else {
            return nil
        }
    }

    /// The English name in lower case ("french"), as the CLI spells it.
    public var name: String {
        switch self {
        case .english: "english"
        case .french: "french"
        case .german: "german"
        case .spanish: "spanish"
        case .italian: "italian"
        case .portuguese: "portuguese"
        case .dutch: "dutch"
        case .turkish: "turkish"
        case .finnish: "finnish"
        case .polish: "polish"
        case .russian: "russian"
        case .chinese: "chinese"
        case .japanese: "japanese"
        case .korean: "korean"
        case .arabic: "arabic"
        case .greek: "greek"
        case .hebrew: "hebrew"
        case .hindi: "hindi"
        case .thai: "thai"
        case .undetermined: "undetermined"
        }
    }

    /// The segmenter's rules for this language (abbreviations, number conventions); ``SentenceSegmenter/Language/other``
    /// for languages without a table of their own.
    public var segmentation: SentenceSegmenter.Language {
        switch self {
        case .english: .english
        case .french: .french
        case .german: .german
        case .spanish: .spanish
        case .italian: .italian
        case .chinese: .chinese
        case .japanese: .japanese
        default: .other
        }
    }

    /// Whether the language is written without spaces between words, so that words are keyed by
    /// overlapping pairs of characters rather than by space-delimited runs.
    public var writesWithoutSpaces: Bool {
        self == .chinese || self == .japanese || self == .thai
    }

    /// Whether an apostrophe marks elision of an article or pronoun onto the next word ("l'état",
    /// "dell'anno"): the tokenizer splits there instead of keeping the apostrophe inside the word.
    var elidesAtApostrophe: Bool {
        self == .french || self == .italian
    }
}
