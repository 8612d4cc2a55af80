/// The article of an HTML page: its title, publication date and text.
///
/// ```swift
/// let article = try HTMLExtractor().extractArticle(Document(page))
/// print(article.title ?? "", article.text.text)
/// ```
public struct Article: Sendable, Hashable {
    /// The headline: Open Graph, JSON-LD `headline`, the first `<h1>` or `<title>`, in that order.
    public var title: String?
    /// The publication date as the page states it (usually ISO 8601), or nil.
    public var published: String?
    /// The article's text: paragraphs separated by blank lines, headings as
    /// `# ` lines, list items as `- ` lines. Every later `utf8Range` indexes
    /// this text, not the page's markup.
    public var text: Document

    public init(title: String?, published: String?, text: Document) {
        self.title = title
        self.published = published
        self.text = text
    }
}

/// Extracts the article of an HTML page: the main text, without the
/// navigation, cookie banners, share bars, captions, related-story lists,
/// comments and footers around it.
///
/// ```swift
/// let page = Document("<nav>Home | News</nav><article><p>First sentence &amp; more.</p></article>")
/// try HTMLExtractor().extract(page).text   // "First sentence & more."
/// ```
///
/// The page is parsed by libxml2's HTML parser (`HTMLParser`), which
/// repairs markup as browsers do: unclosed and misnested tags, character
/// references, raw-text `script` and `style`. The article is then located
/// by `ContentLocator` (tags, ARIA roles, class and id words, text and
/// link density, `itemprop="articleBody"`; JSON-LD `articleBody` when the
/// markup yields much less) and written by `ArticleRenderer`: block
/// elements, list items and headings become paragraphs, `<br>` a line
/// break. A fragment with no clear article (a few paragraphs) is kept
/// whole, minus scripts, styles and page furniture.
///
/// Offsets: every later `utf8Range` (``KeyPoint/utf8Range``,
/// ``SentenceSpan/utf8Range``, the JSON `utf8Range`) indexes the
/// **extracted text**, ``Article/text``, not the original markup.
///
/// - Complexity: O(n) in the page's bytes (elements nest at most `maxDepth` deep).
public struct HTMLExtractor: Sendable, Hashable {
    /// Deepest element nesting accepted; deeper pages are refused.
    public var maxDepth: Int

    public init(maxDepth: Int = 1_000) {
        self.maxDepth = maxDepth
    }

    /// The article of `document`, which holds an HTML page.
    ///
    /// - Throws: ``SummarizeError`` `.invalidHTML` when elements nest deeper
    ///   than `maxDepth`, `.inputTooLarge` past 2 GiB.
    public func extractArticle(_ document: Document) throws(SummarizeError) -> Article {
        let parser = HTMLParser(maxDepth: maxDepth)
        let tree = try document.withUTF8 { bytes in Result { () throws(SummarizeError) in try parser.parse(bytes) } }.get()
        var selection = ContentLocator().locate(tree)
        let metadata = ArticleMetadata(tree)
        // The headline is the article's title, printed apart: not a paragraph of its text.
        if let title = metadata.title?.lowercased() {
            for i in 0..<tree.count where tree.tags[i] == .h1 && !selection.removed[i] {
                if let heading = ArticleMetadata.clean(ArticleRenderer().plainText(tree, of: i))?.lowercased(),
                   title.contains(heading) || heading.contains(title) {
                    selection.removed[i] = true
                }
            }
        }
        var text = ArticleRenderer().render(tree, roots: selection.roots, removed: selection.removed)
        if let body = metadata.articleBody, let fromJSON = try? jsonBodyText(body),
           Self.letters(text) * 2 < Self.letters(fromJSON), Self.letters(fromJSON) >= 250 {
            text = fromJSON
        }
        return Article(title: metadata.title, published: metadata.published, text: Document(unchecked: text))
    }

    /// The article text of `document`, which holds an HTML page: ``extractArticle(_:)``'s `text`.
    public func extract(_ document: Document) throws(SummarizeError) -> Document {
        try extractArticle(document).text
    }

    /// JSON-LD `articleBody`: plain text with line breaks, or sometimes HTML.
    private func jsonBodyText(_ body: String) throws(SummarizeError) -> [UInt8] {
        var bytes = Array(body.utf8)
        if bytes.contains(0x3C) {   // '<': markup inside the JSON string
            let parser = HTMLParser(maxDepth: maxDepth)
            let tree = try bytes.withUnsafeBufferPointer { b in Result { () throws(SummarizeError) in try parser.parse(b) } }.get()
            var removed = [Bool](repeating: false, count: tree.count)
            for i in 1..<tree.count { removed[i] = removed[Int(tree.parents[i])] || tree.tags[i].isRemoved }
            return ArticleRenderer().render(tree, roots: [0], removed: removed)
        }
        // Plain text: each line a paragraph.
        var writer = ParagraphWriter()
        for line in body.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            writer.breakLine(2)
            bytes = Array(line.utf8)
            bytes.withUnsafeBufferPointer { writer.text($0) }
        }
        return writer.finish()
    }

    private static func letters(_ bytes: [UInt8]) -> Int {
        var count = 0
        for b in bytes where b > 0x20 { count += 1 }
        return count
    }

    /// Whether `document` clearly is HTML: after white space and a
    /// byte-order mark it starts with `<!DOCTYPE html`, `<html`, `<head`,
    /// `<body` or a comment, or with a common HTML element (such as `<p>`,
    /// `<div>`, `<article>`) that is closed somewhere in the text.
    ///
    /// Text that merely mentions a tag, or Markdown with some inline HTML
    /// further down, is not detected; use `--input html` for those.
    public static func looksLikeHTML(_ document: Document) -> Bool {
        document.withUTF8 { looksLikeHTML($0) }
    }

    static func looksLikeHTML(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count, case let w = UTF8Scalars.whitespaceWidth(bytes, at: i, end: bytes.count), w > 0 { i += w }
        guard i + 1 < bytes.count, bytes[i] == 0x3C else { return false }  // '<'
        let head = Self.lowercased(bytes, from: i, count: 15)
        for prefix in ["<!doctype html", "<html", "<head", "<body", "<!--", "<?xml"] where head.starts(with: prefix.utf8) {
            if prefix == "<?xml" { return Self.contains(bytes, "<html", limit: 4096) }
            return true
        }
        // A common element at the start, and a closing tag somewhere.
        var k = i + 1
        var name: [UInt8] = []
        while k < bytes.count, name.count < 12, isNameByte(bytes[k]) {
            name.append(bytes[k] | ((bytes[k] &- 0x41) < 26 ? 0x20 : 0)); k += 1
        }
        guard k < bytes.count, bytes[k] == 0x3E || bytes[k] == 0x20 || bytes[k] == 0x2F || bytes[k] == 0x0A,
              let tag = String(validating: name, as: UTF8.self), Self.startTags.contains(tag) else { return false }
        return Self.contains(bytes, "</", limit: bytes.count)
    }

    static let startTags: Set<String> = [
        "p", "div", "article", "section", "main", "span", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
        "table", "meta", "link", "title", "header", "nav", "script", "style", "blockquote", "figure", "a", "b",
        "em", "strong", "i", "br", "img", "form", "aside", "footer",
    ]

    private static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, count: Int) -> [UInt8] {
        var out: [UInt8] = []
        var i = start
        while i < bytes.count, out.count < count {
            let b = bytes[i]
            out.append(b | ((b &- 0x41) < 26 ? 0x20 : 0))
            i += 1
        }
        return out
    }

    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: String, limit: Int) -> Bool {
        let n = Array(needle.utf8)
        let end = min(bytes.count, limit)
        guard n.count <= end else { return false }
        var i = 0
        while i + n.count <= end {
            var k = 0
            while k < n.count, (bytes[i + k] | ((bytes[i + k] &- 0x41) < 26 ? 0x20 : 0)) == n[k] { k += 1 }
            if k == n.count { return true }
            i += 1
        }
        return false
    }

    @inline(__always)
    static func isNameByte(_ b: UInt8) -> Bool {
        (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 || b == 0x2D || b == 0x3A || b == 0x5F
    }
}
