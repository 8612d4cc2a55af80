import Foundation

/// The title, publication date and schema.org `articleBody` a page states
/// about itself, from (in this order of preference) Open Graph and other
/// `<meta>` tags, JSON-LD (`<script type="application/ld+json">`),
/// microdata (`itemprop="datePublished"`), `<h1>`, `<time datetime>` and
/// `<title>`.
struct ArticleMetadata: Sendable {
    var title: String?
    var published: String?
    /// JSON-LD `articleBody`, when the page gives one.
    var articleBody: String?

    init(_ tree: HTMLTree) {
        var jsonHeadline: String?
        var jsonDate: String?
        for script in tree.jsonLD {
            guard let object = try? JSONSerialization.jsonObject(with: Data(script), options: [.fragmentsAllowed]) else { continue }
            Self.visit(object) { article in
                if jsonHeadline == nil, let headline = article["headline"] as? String { jsonHeadline = headline }
                if jsonDate == nil, let date = article["datePublished"] as? String { jsonDate = date }
                if let body = article["articleBody"] as? String, body.utf8.count > (articleBody?.utf8.count ?? 0) { articleBody = body }
            }
        }
        func meta(_ keys: [String]) -> String? {
            for key in keys {
                if let value = tree.metas.first(where: { $0.key == key })?.value, let clean = Self.clean(value) { return clean }
            }
            return nil
        }
        title = meta(["og:title", "twitter:title"]) ?? jsonHeadline.flatMap(Self.clean) ?? Self.firstHeading(tree)
            ?? Self.clean(String(decoding: tree.titleText, as: UTF8.self))
        published = jsonDate.flatMap(Self.clean)
            ?? meta(["article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate",
                     "publish-date", "publish_date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date",
                     "sailthru.date", "parsely-pub-date", "article.published", "published_time", "citation_publication_date"])
            ?? tree.itemDates.lazy.compactMap(Self.clean).first
            ?? tree.timeDates.lazy.compactMap(Self.clean).first
    }

    /// Calls `body` with every JSON-LD object whose `@type` is an article or a blog post.
    private static func visit(_ value: Any, _ body: ([String: Any]) -> Void, depth: Int = 0) {
        guard depth < 16 else { return }
        if let array = value as? [Any] {
            for element in array { visit(element, body, depth: depth + 1) }
        } else if let object = value as? [String: Any] {
            let types = (object["@type"] as? String).map { [$0] } ?? (object["@type"] as? [String]) ?? []
            if types.contains(where: { $0.hasSuffix("Article") || $0.hasSuffix("Posting") || $0 == "Report" }) { body(object) }
            if let graph = object["@graph"] { visit(graph, body, depth: depth + 1) }
            if let main = object["mainEntity"] { visit(main, body, depth: depth + 1) }
        }
    }

    private static func firstHeading(_ tree: HTMLTree) -> String? {
        guard let h1 = tree.tags.firstIndex(of: .h1) else { return nil }
        return clean(ArticleRenderer().plainText(tree, of: h1))
    }

    /// `value` with white space collapsed, or nil when that leaves nothing.
    static func clean(_ value: String) -> String? {
        let words = value.split(whereSeparator: { $0.isWhitespace })
        return words.isEmpty ? nil : words.joined(separator: " ")
    }
}
