import Testing
@testable import SummarizeKit

@Suite("HTMLExtractor")
struct HTMLExtractorTests {
    static func extract(_ html: String) -> String { (try? HTMLExtractor().extract(Document(html)).text) ?? "<error>" }

    @Test("markup is removed and text kept", arguments: [
        ("<p>Hello <b>bold</b> and <a href=\"/x\">linked</a> world.</p>", "Hello bold and linked world."),
        ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
        ("<div>Block<div>inner</div>after</div>", "Block\n\ninner\n\nafter"),
        ("Line one<br>line two<br/>line three", "Line one\nline two\nline three"),
        ("<p>  lots   of\n\n   space  </p>", "lots of space"),
        ("<h1>Title</h1><p>Body text.</p>", "Body text."),   // the page's title is not article text
        ("<h1>Title</h1><h2>Part one</h2><p>Body text.</p>", "# Part one\n\nBody text."),
        ("<ul><li>First item</li><li>Second item</li></ul>", "- First item\n\n- Second item"),
        ("<h2></h2><p>After an empty heading.</p>", "After an empty heading."),
        ("<pre>line 1\nline 2</pre>", "line 1\nline 2"),
        ("<p>Text with an <img src=\"a.png\" alt=\"image\"> image.</p>", "Text with an image."),
        ("<p>a < b and c > d</p>", "a < b and c > d"),
        ("<p title='a > b'>Quoted attribute.</p>", "Quoted attribute."),
        ("<!DOCTYPE html><!-- a comment <p>hidden</p> --><p>Shown.</p>", "Shown."),
        ("<?xml version=\"1.0\"?><p>After a declaration.</p>", "After a declaration."),
        ("<p>Unclosed paragraph", "Unclosed paragraph"),
        ("<p>Unterminated tag <b", "Unterminated tag"),
        ("", ""),
        ("<p></p><div>   </div>", ""),
    ])
    func keepsText(html: String, text: String) {
        #expect(Self.extract(html) == text)
    }

    @Test("scripts, styles and page furniture are removed with their content", arguments: [
        "script", "style", "nav", "header", "footer", "aside", "noscript", "svg", "template", "figure", "figcaption",
        "button", "select", "textarea",
    ])
    func removesFurniture(element: String) {
        let html = "<p>Before.</p><\(element) class=\"x\"><p>Hidden <b>text</b>.</p> if (a < b) {}</\(element)><p>After.</p>"
        #expect(Self.extract(html) == "Before.\n\nAfter.")
    }

    @Test("a form wrapping the page keeps its text and loses its controls; a search form is removed")
    func formWrapper() {
        let text = "The article text of a page that wraps everything in one form, as some older server frameworks still do today."
        #expect(Self.extract("<form><p>\(text)</p><input value='x'><button>Send</button><select><option>A</option></select></form>")
            == text)
        #expect(Self.extract("<p>\(text)</p><form>Search the site <input name=q></form>") == text)
    }

    @Test("CDATA outside SVG does not hide the text after it")
    func cdata() {
        #expect(Self.extract("<![CDATA[ x ]]><p>After CDATA.</p>").hasSuffix("After CDATA."))
    }

    @Test("a script's content is raw text: tags inside it do not end it early")
    func rawScript() {
        #expect(Self.extract("<script>document.write('</p><p>x'); if (a<b) {}</script><p>Visible.</p>") == "Visible.")
        #expect(Self.extract("<SCRIPT type='x'>var s = '</scripts>';</SCRIPT >Visible.") == "Visible.")
        #expect(Self.extract("<p>Text.</p><script>never closed <p>x</p>") == "Text.")
    }

    @Test("nested removed elements end at their own closing tag")
    func nestedRemoved() {
        #expect(Self.extract("<nav><ul><li><nav>inner</nav></li></ul>still nav</nav><p>Article.</p>") == "Article.")
        #expect(Self.extract("<head><title>Page title</title><meta charset=utf-8></head><body><p>Body.</p></body>") == "Body.")
    }

    @Test("character references are decoded", arguments: [
        ("&amp; &lt; &gt; &quot; &apos;", "& < > \" '"),
        ("caf&eacute; &Uuml;ber &ntilde; &ccedil;", "café Über ñ ç"),
        ("a&nbsp;b", "a\u{A0}b"),
        ("&mdash; &ndash; &hellip; &ldquo;q&rdquo; &lsquo;s&rsquo; &copy; &euro;", "— – … “q” ‘s’ © €"),
        ("&#65;&#66; &#x41;&#X42; &#x1F600;", "AB AB 😀"),
        ("&#8212;&#x2014;", "——"),
        ("x &#0; &#xD800; &#x110000; y", "x y"),   // libxml2 drops references to no character
        ("&#150; (cp1252)", "– (cp1252)"),
        ("&#65 no semicolon", "A no semicolon"),
        ("&bogus; &amp &; & alone", "&bogus; &amp &; & alone"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"),
    ])
    func entities(html: String, text: String) {
        #expect(Self.extract("<p>\(html)</p>") == text)
    }

    @Test("HTML is detected only when it clearly is HTML", arguments: [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", true),
        ("  \n<!doctype HTML>\n<title>x</title>", true),
        ("\u{FEFF}<html lang=\"en\"><p>x</p>", true),
        ("<html>", true),
        ("<body><p>Hello.</p></body>", true),
        ("<!-- saved page --><p>x</p>", true),
        ("<p>Para one.</p>\n<p>Para two.</p>", true),
        ("<div class=\"article\">Text</div>", true),
        ("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body>x</body></html>", true),
        ("<p>An unclosed paragraph and nothing else", false),
        ("Plain text mentioning <p> tags.</p>", false),
        ("# Markdown\n\n<details>x</details>", false),
        ("<Bob> said hello </Bob>", false),
        ("<", false),
        ("", false),
        ("a < b", false),
    ])
    func detection(text: String, isHTML: Bool) {
        #expect(HTMLExtractor.looksLikeHTML(Document(text)) == isHTML)
    }

    @Test("a whole page is summarized from its article text only")
    func wholePage() throws {
        let html = """
            <!DOCTYPE html>
            <html><head><title>River bridge approved</title><style>p { color: red }</style>
            <script>window.track("The tracking script is not a sentence.");</script></head>
            <body>
            <header><a href="/">Home</a> <a href="/news">News</a></header>
            <nav><ul><li><a href="/sport">Sport</a></li></ul></nav>
            <article>
            <h1>Council approves the river bridge</h1>
            <p>The city council approved the new river bridge on Tuesday after a long debate.
            Construction of the bridge will begin in the spring and take two years.</p>
            <p>The bridge will carry cyclists, pedestrians&nbsp;and trams &mdash; but no cars.
            Critics said the council ignored the cost of the bridge for local taxpayers.</p>
            <p>The mayor said the bridge would connect two districts that have long been apart.</p>
            </article>
            <aside>Subscribe to our newsletter for more stories like this one today.</aside>
            <footer>&copy; 2026 The City Paper. All rights reserved.</footer>
            </body></html>
            """
        let document = try HTMLExtractor().extract(Document(html))
        let summary = try Summarizer().summarize(document)
        #expect(summary.keyPoints.count == 3)
        for point in summary.keyPoints {
            #expect(!point.text.contains("<") && !point.text.contains("&"))
            #expect(!point.text.contains("tracking") && !point.text.contains("newsletter"))
            // utf8Range indexes the extracted text.
            #expect(document.collapsedString(in: point.utf8Range) == point.text)
        }
        #expect(!document.text.contains("Home"))
        #expect(document.text.contains("pedestrians\u{A0}and trams — but no cars."))
    }

    @Test("random bytes of markup always give valid UTF-8 text", arguments: 0..<20)
    func randomMarkup(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed &+ 900)
        let pieces = ["<", ">", "</", "/>", "<p>", "</p>", "<script>", "</script", "<nav>", "</nav>", "&", "&#", "&#x",
                      "&amp;", ";", "\"", "'", "=", "é", "😀", "\u{301}", "<!--", "-->", "<!", "<?", "<br>", "<li>",
                      "<h1>", "</h1>", "<pre>", "</pre>", " ", "\n", "word", "12", "D800", "FFFF"]
        var text = ""
        for _ in 0..<Int.random(in: 0..<400, using: &rng) { text += pieces.randomElement(using: &rng)! }
        let document = Document(text)
        let extracted = try HTMLExtractor().extract(document)
        #expect(String(validating: extracted.utf8, as: UTF8.self) != nil)
        #expect(try HTMLExtractor().extract(document) == extracted)
        _ = HTMLExtractor.looksLikeHTML(document)
    }
}
