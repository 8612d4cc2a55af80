/// The elements the article extractor tells apart; every other element is
/// `.inline` (a known phrasing element) or `.other` (an unknown element,
/// treated as a block).
enum HTMLTag: UInt8, Sendable {
    case other, inline, document, html, head, body, title, meta, script, style, noscript, template, svg, math, iframe
    case object, embed, canvas, video, audio, picture, map, form, button, select, textarea, input, label
    case nav, header, footer, aside, figure, figcaption, menu, dialog, main, article, section, div, p, br, hr
    case h1, h2, h3, h4, h5, h6, ul, ol, li, dl, dt, dd, table, tr, td, th, caption, blockquote, pre, a, time
    case img, address, details, summary, center, fieldset, legend, hgroup, link

    /// The element for a lowercase tag name.
    static func named(_ name: String) -> HTMLTag {
        if let tag = byName[name] { return tag }
        return inlineNames.contains(name) ? .inline : .other
    }

    private static let byName: [String: HTMLTag] = {
        let all: [HTMLTag] = [
            .html, .head, .body, .title, .meta, .script, .style, .noscript, .template, .svg, .math, .iframe, .object,
            .embed, .canvas, .video, .audio, .picture, .map, .form, .button, .select, .textarea, .input, .label, .nav,
            .header, .footer, .aside, .figure, .figcaption, .menu, .dialog, .main, .article, .section, .div, .p, .br,
            .hr, .h1, .h2, .h3, .h4, .h5, .h6, .ul, .ol, .li, .dl, .dt, .dd, .table, .tr, .td, .th, .caption,
            .blockquote, .pre, .a, .time, .img, .address, .details, .summary, .center, .fieldset, .legend, .hgroup,
            .link,
        ]
        var map: [String: HTMLTag] = [:]
        for tag in all { map["\(tag)"] = tag }
        return map
    }()

    /// Phrasing elements: their text runs on inside the surrounding block.
    private static let inlineNames: Set<String> = [
        "span", "b", "strong", "i", "em", "u", "s", "small", "big", "sub", "sup", "font", "abbr", "cite", "q",
        "mark", "code", "kbd", "var", "samp", "del", "ins", "wbr", "nobr", "tt", "dfn", "bdi", "bdo", "data",
        "acronym", "strike", "source", "track", "area", "param", "ruby", "rt", "rp",
    ]

    /// Elements removed with everything inside them: never article text.
    var isRemoved: Bool {
        switch self {
        case .head, .title, .meta, .link, .script, .style, .noscript, .template, .svg, .math, .iframe, .object,
             .embed, .canvas, .video, .audio, .picture, .map, .button, .select, .textarea, .input, .nav, .header,
             .footer, .aside, .figure, .figcaption, .menu, .dialog:
            return true
        default:
            return false
        }
    }

    /// Elements whose text runs on in the surrounding block.
    var isInline: Bool {
        switch self {
        case .inline, .a, .time, .img, .label, .br: return true
        default: return false
        }
    }

    /// Headings `h1` to `h6`.
    var isHeading: Bool {
        switch self {
        case .h1, .h2, .h3, .h4, .h5, .h6: return true
        default: return false
        }
    }
}

/// A parsed HTML page as flat arrays: elements in document order (a parent
/// always comes before its children), the text between them, and the page
/// metadata the extractor reads (title, dates, JSON-LD).
///
/// Elements and text are indexed by `Int32`; nothing points back into the
/// parser, so the tree is a plain value.
struct HTMLTree: Sendable {
    /// Signals read from an element's attributes.
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt16
        /// `hidden`, `aria-hidden="true"` or `display:none`.
        static let hidden = Flags(rawValue: 1 << 0)
        /// class or id names page furniture that is never article text (comments, share bars, cookie banners...).
        static let boilerplate = Flags(rawValue: 1 << 1)
        /// class or id names furniture that may also be part of a content container's name (header, meta, tags...).
        static let weakBoilerplate = Flags(rawValue: 1 << 2)
        /// class or id names the content (article, content, body, post, story, entry...).
        static let content = Flags(rawValue: 1 << 3)
        /// `itemprop="articleBody"` (schema.org).
        static let articleBody = Flags(rawValue: 1 << 4)
        /// `role` of navigation, banner, complementary, contentinfo, dialog, alert, menu or search.
        static let furnitureRole = Flags(rawValue: 1 << 5)
        /// `role="main"` or `role="article"`.
        static let mainRole = Flags(rawValue: 1 << 6)
        /// Inside an `<a>` (the element itself or an ancestor).
        static let inLink = Flags(rawValue: 1 << 7)
        /// class names the block's own text as a lead or the container's main text.
        static let strongContent = Flags(rawValue: 1 << 8)
    }

    /// One event in document order: an element opens or closes, or a text run.
    enum Event: Sendable {
        case open(Int32)
        case close(Int32)
        case text(Int32)
    }

    var tags: [HTMLTag] = []
    var parents: [Int32] = []
    var flags: [Flags] = []
    /// Index in `events` of each element's `.open`.
    var openEvents: [Int32] = []
    /// Index in `events` of each element's `.close` (or `events.count` when never closed).
    var closeEvents: [Int32] = []
    var events: [Event] = []
    /// Text runs: byte ranges into `text`, and the element each lies in.
    var textRanges: [Range<Int32>] = []
    var textOwners: [Int32] = []
    var text: [UInt8] = []

    /// `<title>` text, `<meta>` name/property → content pairs, JSON-LD
    /// script bodies and the first `<time datetime>`, as found.
    var titleText: [UInt8] = []
    var metas: [(key: String, value: String)] = []
    var jsonLD: [[UInt8]] = []
    var itemDates: [String] = []
    var timeDates: [String] = []

    var count: Int { tags.count }
}
