import Foundation
import Testing
@testable import SummarizeKit

@Suite("Article extraction")
struct ArticleExtractionTests {
    static func article(_ html: String) throws -> Article { try HTMLExtractor().extractArticle(Document(html)) }

    static let paragraphs = [
        "The city council approved the new river bridge on Tuesday after a long debate about its cost.",
        "Construction of the bridge will begin in the spring and take two years, the council said.",
        "The bridge will carry cyclists, pedestrians and trams, but no cars, across the river.",
        "The mayor said the bridge would connect two districts that have long been apart, and she thanked residents.",
    ]

    /// A news page with the furniture the issue lists around four article paragraphs.
    static let page = """
        <!DOCTYPE html><html><head><title>Bridge approved | The City Paper</title>
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
          "headline":"Council approves the river bridge","datePublished":"2026-03-04T09:00:00Z"}</script>
        </head><body>
        <div id="cookie-consent"><p>We use cookies to improve your experience. By continuing you accept them.</p></div>
        <div class="site-menu"><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></div>
        <main><article>
        <h1>Council approves the river bridge</h1>
        <div class="byline">By A. Reporter, March 4, 2026</div>
        <ul class="share-tools"><li><a href="#">Share on a social site</a></li><li><a href="#">Email this story</a></li></ul>
        <div class="article-body">
        <p>\(paragraphs[0])</p>
        <figure><img src="bridge.jpg"><figcaption>An artist's view of the bridge, seen from the north bank at dusk.</figcaption></figure>
        <p>\(paragraphs[1])</p>
        <div class="image-caption">Workers on the site in a photograph taken last week by our staff.</div>
        <p>\(paragraphs[2])</p>
        <p>\(paragraphs[3])</p>
        </div>
        <div class="related-stories"><h3>Related</h3><ul>
        <li><a href="/a">Tram line extended to the airport after years of planning</a></li>
        <li><a href="/b">New cycle lanes open across the city centre this summer</a></li></ul></div>
        <section id="comments"><p>Great news, finally a bridge for everyone in the neighbourhood!</p></section>
        </article></main>
        <aside><p>Most read: a long list of other stories that are not part of this article at all.</p></aside>
        <footer><p>Copyright 2026 The City Paper. All rights reserved. Contact us for reprints.</p></footer>
        </body></html>
        """

    @Test("the article's paragraphs are kept and the furniture around them is not")
    func newsPage() throws {
        let article = try Self.article(Self.page)
        #expect(article.text.text == Self.paragraphs.joined(separator: "\n\n"))
        #expect(article.title == "Council approves the river bridge")
        #expect(article.published == "2026-03-04T09:00:00Z")
    }

    @Test("key points of a page come from its article only")
    func keyPoints() throws {
        let text = try InputFormat.auto.text(of: Document(Self.page))
        let summary = try Summarizer().summarize(text)
        #expect(summary.keyPoints.count == 3)
        for point in summary.keyPoints {
            #expect(Self.paragraphs.contains { $0.contains(point.text) })
            #expect(text.collapsedString(in: point.utf8Range) == point.text)
        }
    }

    @Test("<br>, list items and headings are boundaries: a menu is never glued to a sentence")
    func boundaries() throws {
        let article = try Self.article("<p>Home | News | Sport<br>The council met on Tuesday.</p><h2>Cost</h2><ul><li>One item</li><li>Two</li></ul>")
        #expect(article.text.text == "Home | News | Sport\nThe council met on Tuesday.\n\n# Cost\n\n- One item\n\n- Two")
    }

    @Test("Open Graph, meta and <time> give the title and date when there is no JSON-LD")
    func metadata() throws {
        let article = try Self.article("""
            <html><head><title>Page title</title><meta property="og:title" content=" The  headline ">
            <meta name="pubdate" content="2025-01-02"></head><body><p>Text.</p><time datetime="2024-12-31">x</time></body></html>
            """)
        #expect(article.title == "The headline")
        #expect(article.published == "2025-01-02")
        let bare = try Self.article("<html><head><title>Only a title</title></head><body><p>Text.</p><time datetime=\"2024-12-31\">x</time></body></html>")
        #expect(bare.title == "Only a title")
        #expect(bare.published == "2024-12-31")
        let none = try Self.article("<p>Just text.</p>")
        #expect(none.title == nil && none.published == nil)
    }

    @Test("JSON-LD articleBody stands in when the markup holds much less of the article")
    func jsonLDBody() throws {
        let body = Self.paragraphs.joined(separator: "\n")
        var json = "{\"@type\":\"Article\",\"articleBody\":"
        SummaryJSON.appendString(body, to: &json)
        json += "}"
        let article = try Self.article("<html><head><script type=\"application/ld+json\">\(json)</script></head><body><p>Subscribe to read.</p></body></html>")
        #expect(article.text.text == Self.paragraphs.joined(separator: "\n\n"))
    }

    @Test("itemprop=articleBody marks the container")
    func microdata() throws {
        let article = try Self.article("""
            <div><p>A teaser paragraph for another story that sits outside the marked body, long enough to score.</p></div>
            <div itemprop="articleBody"><p>\(Self.paragraphs[0])</p><p>\(Self.paragraphs[1])</p><p>\(Self.paragraphs[2])</p></div>
            """)
        #expect(article.text.text == Self.paragraphs[0..<3].joined(separator: "\n\n"))
    }

    @Test("a page's charset declaration does not change how its UTF-8 is read")
    func charset() throws {
        let article = try Self.article("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Café – naïve 😀 &#150; &eacute;</p></body></html>")
        #expect(article.text.text == "Café – naïve 😀 – é")
    }

    // MARK: Pathological pages

    @Test("100,000 nested tags are refused with a clear error, as is a deep stack of unmatched end tags")
    func deepNesting() {
        for page in [String(repeating: "<div>", count: 100_000) + "text" + String(repeating: "</div>", count: 100_000),
                     String(repeating: "<div>", count: 100_000) + String(repeating: "</span>", count: 100_000)] {
            #expect {
                _ = try Self.article(page)
            } throws: { error in
                let error = error as? SummarizeError
                return error?.code == .invalidHTML && error?.message.contains("1000 levels deep") == true
            }
        }
    }

    @Test("nesting within the limit and 100,000 unclosed inline or paragraph tags parse")
    func wideButShallow() throws {
        let deep = String(repeating: "<div>", count: 900) + "Deep text." + String(repeating: "</div>", count: 900)
        #expect(try Self.article(deep).text.text == "Deep text.")
        #expect(try Self.article(String(repeating: "<p>x", count: 100_000)).text.utf8.count == 100_000 * 3 - 2)
        #expect(try Self.article(String(repeating: "<li>", count: 100_000) + "end").text.text.hasSuffix("- end"))
    }

    @Test("an unclosed <script> hides only itself; a huge attribute is skipped")
    func rawTextAndAttributes() throws {
        let script = "<p>Before the script.</p><script>var s = '" + String(repeating: "a", count: 2_000_000)
        #expect(try Self.article(script).text.text == "Before the script.")
        let attribute = "<p class=\"" + String(repeating: "x", count: 20_000_000) + "\">Huge attribute.</p><p>After it.</p>"
        #expect(try Self.article(attribute).text.text == "Huge attribute.\n\nAfter it.")
    }

    @Test("a page past the input limit is refused before parsing, naming the limit")
    func sizeLimit() {
        let page = Array(("<p>" + String(repeating: "word ", count: 300) + "</p>").utf8)
        #expect {
            _ = try InputDecoder(maxInputBytes: 1_000).decode(page)
        } throws: { error in
            (error as? SummarizeError)?.code == .inputTooLarge && "\(error)".contains("1000 bytes")
        }
    }

    @Test("batch records are read as HTML per record with .auto")
    func batchAuto() {
        var json = "{\"id\":1,\"text\":"
        SummaryJSON.appendString(Self.page, to: &json)
        json += "}"
        let outcome = BatchSummarizer(input: .auto).process(BatchLine(bytes: Array(json.utf8), lineNumber: 1))
        #expect(outcome.error == nil)
        #expect(!outcome.json.contains("cookies") && !outcome.json.contains("<p>"))
        let plain = BatchSummarizer(input: .auto).process(BatchLine(bytes: Array(#"{"id":2,"text":"One sentence. Two sentences."}"#.utf8), lineNumber: 2))
        #expect(plain.json.contains("One sentence."))
    }

    // MARK: Real pages

    static let corpus = "article-extraction/ground-truth.json"

    @Test("on the 91 development pages the extracted text scores F1 ≥ 0.95 against people's marking (precision ≥ 0.95)",
          .enabled(if: SharedCorpus.url(corpus) != nil, Comment(rawValue: SharedCorpus.missing(corpus))))
    func corpusScore() throws {
        let truthURL = try #require(SharedCorpus.url(Self.corpus))
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: truthURL)) as? [String: [String: Any]] ?? [:]
        var precisions: [Double] = []
        var recalls: [Double] = []
        for id in truth.keys.sorted() {
            let page = try SharedCorpus.data(truthURL.deletingLastPathComponent().appendingPathComponent("html/\(id).html.gz"))
            let text = try HTMLExtractor().extract(InputDecoder(lossy: true).decode(Array(page))).text
            let (tp, fp, fn) = ShingleScore.counts(truth: truth[id]?["articleBody"] as? String ?? "", guess: text)
            if tp + fp > 0 { precisions.append(fp == 0 && fn == 0 ? 1 : tp / (tp + fp)) }
            if tp + fn > 0 { recalls.append(fp == 0 && fn == 0 ? 1 : tp / (tp + fn)) }
        }
        let precision = precisions.reduce(0, +) / Double(precisions.count)
        let recall = recalls.reduce(0, +) / Double(recalls.count)
        let f1 = 2 * precision * recall / (precision + recall)
        #expect(truth.count == 91)
        #expect(f1 >= 0.95, "F1 \(f1)")
        #expect(precision >= 0.95, "precision \(precision)")
    }
}

/// The article-extraction benchmark's measure: multisets of 4-word shingles
/// (`\w+` words), compared per page.
enum ShingleScore {
    static func counts(truth: String, guess: String) -> (Double, Double, Double) {
        let t = shingles(truth), g = shingles(guess)
        var tp = 0, fp = 0, fn = 0
        for (key, count) in g { let common = min(count, t[key] ?? 0); tp += common; fp += count - common }
        for (key, count) in t { fn += max(0, count - (g[key] ?? 0)) }
        let total = Double(tp + fp + fn)
        return total == 0 ? (0, 0, 0) : (Double(tp) / total, Double(fp) / total, Double(fn) / total)
    }

    static func shingles(_ text: String) -> [[String]: Int] {
        var words: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_"
                || scalar.properties.generalCategory == .nonspacingMark {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current); current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        var result: [[String]: Int] = [:]
        if words.count < 4 { if !words.isEmpty { result[words] = 1 }; return result }
        for i in 0...(words.count - 4) { result[Array(words[i..<i + 4]), default: 0] += 1 }
        return result
    }
}
