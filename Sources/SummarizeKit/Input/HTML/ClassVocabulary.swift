/// The words in `class` and `id` attributes (and `role`) that say what an
/// element is: page furniture, or the content itself.
///
/// A value is split into words at every character that is not a letter or a
/// digit and at each lowercase-to-uppercase step (`articleShare` →
/// `article`, `share`), then lowercased. A word matches a furniture word
/// exactly or, for the prefixes below, by its start (`comments`,
/// `commentlist`, `sharebar`).
///
/// The vocabulary is generic English web vocabulary, the same kind of list
/// Readability and trafilatura keep; it names no site.
enum ClassVocabulary {
    /// Words of furniture that is never article text.
    static let boilerplateWords: [StaticString] = [
        "ad", "ads", "adv", "advert", "advertisement", "advertising", "advertorial", "banner", "caption", "captions",
        "credit", "credits", "gdpr", "newsletter", "popup", "modal", "overlay", "promo", "promos", "promoted",
        "related", "share", "shares", "sharing", "social", "sponsor", "sponsored", "subscribe", "subscription",
        "signup", "paywall", "recirc", "recirculation", "trending", "popular", "mostread", "mostpopular",
        "breadcrumb", "breadcrumbs", "disclaimer", "copyright", "comments", "comment", "cookie", "cookies",
        "consent", "recommended", "recommendations", "follow", "syndication", "viral", "teaser", "teasers",
        "carousel", "slideshow", "gallery", "embed", "video", "player", "podcast", "audio", "playlist", "login",
        "donate", "donation", "feedback", "survey", "alert", "notice", "skip", "print", "correction",
    ]
    /// Prefixes of furniture words (`commentlist`, `sharebar`, `relatedposts`).
    static let boilerplatePrefixes: [StaticString] = [
        "comment", "share", "sharing", "social", "related", "advert", "cookie", "consent", "newsletter",
        "breadcrumb", "sponsor", "subscri", "recommend", "caption", "promo", "trending", "popular",
    ]
    /// Words of furniture that content containers sometimes carry too (`has-sidebar`, `content-header`).
    static let weakWords: [StaticString] = [
        "header", "footer", "nav", "navbar", "navigation", "menu", "sidebar", "widget", "widgets", "meta",
        "byline", "author", "authors", "dateline", "date", "timestamp", "tags", "tag", "topics", "toolbar",
        "tools", "pagination", "pager", "masthead", "rail", "aside", "bio", "more", "next", "prev", "previous",
        "links", "sitemap", "newsletter", "kicker", "eyebrow", "headline", "hed", "dek", "title", "subtitle",
        "sidebar", "extra", "supplemental", "utility", "icons", "icon", "nocontent", "noprint", "hide", "hidden",
    ]
    static let weakPrefixes: [StaticString] = ["sidebar", "navigation", "footer", "header", "masthead", "byline"]
    /// Words that name the content.
    static let contentWords: [StaticString] = [
        "article", "content", "body", "entry", "post", "story", "main", "text", "blog", "prose", "articlebody",
        "storybody", "postbody", "richtext", "paragraph", "para",
    ]

    private static let boilerplateHashes: Set<UInt64> = Set(boilerplateWords.map(hash))
    private static let weakHashes: Set<UInt64> = Set(weakWords.map(hash))
    private static let contentHashes: Set<UInt64> = Set(contentWords.map(hash))

    private static func hash(_ word: StaticString) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for i in 0..<word.utf8CodeUnitCount { h = (h ^ UInt64(word.utf8Start[i])) &* 0x100000001b3 }
        return h
    }

    /// The flags one `class` or `id` value gives.
    static func flags(_ value: UnsafeBufferPointer<UInt8>) -> HTMLTree.Flags {
        var flags: HTMLTree.Flags = []
        var i = 0
        let n = value.count
        var word: (start: Int, hash: UInt64) = (0, 0)
        var inWord = false
        while i <= n {
            let b: UInt8 = i < n ? value[i] : 0x20
            let alnum = (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10
            // A new word at a lowercase → uppercase step ("articleShare").
            let camelStep = inWord && b &- 0x41 < 26 && i > 0 && value[i - 1] &- 0x61 < 26
            if inWord, !alnum || camelStep {
                flags.formUnion(classify(value, word.start, i, word.hash))
                inWord = false
            }
            if alnum {
                if !inWord { inWord = true; word = (i, 0xcbf29ce484222325) }
                word.hash = (word.hash ^ UInt64(AttributeBytes.lower(b))) &* 0x100000001b3
            }
            i += 1
        }
        if flags.contains(.hidden) == false,
           AttributeBytes.contains(value, "sr-only") || AttributeBytes.contains(value, "screen-reader") || AttributeBytes.contains(value, "visually-hidden")
            || AttributeBytes.contains(value, "visuallyhidden") {
            flags.insert(.hidden)
        }
        return flags
    }

    private static func classify(_ value: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ hash: UInt64) -> HTMLTree.Flags {
        if boilerplateHashes.contains(hash) { return .boilerplate }
        if contentHashes.contains(hash) { return .content }
        if weakHashes.contains(hash) { return .weakBoilerplate }
        if hasPrefix(value, start, end, boilerplatePrefixes) { return .boilerplate }
        if hasPrefix(value, start, end, weakPrefixes) { return .weakBoilerplate }
        return []
    }

    private static func hasPrefix(_ value: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ prefixes: [StaticString]) -> Bool {
        for prefix in prefixes where prefix.utf8CodeUnitCount < end - start {
            let p = prefix.utf8Start
            var m = 0
            while m < prefix.utf8CodeUnitCount, AttributeBytes.lower(value[start + m]) == p[m] { m += 1 }
            if m == prefix.utf8CodeUnitCount { return true }
        }
        return false
    }

    /// The flags an ARIA `role` gives.
    static func roleFlags(_ value: UnsafeBufferPointer<UInt8>) -> HTMLTree.Flags {
        for role: StaticString in ["navigation", "banner", "complementary", "contentinfo", "dialog", "alertdialog",
                                   "menu", "menubar", "search", "alert", "toolbar"]
            where AttributeBytes.equalsIgnoringCase(value, role) { return .furnitureRole }
        if AttributeBytes.equalsIgnoringCase(value, "main") || AttributeBytes.equalsIgnoringCase(value, "article") { return .mainRole }
        return []
    }
}
