import Foundation
import Testing

@Suite("summarize extract and HTML input", .serialized)
struct ExtractCommandTests {
    static let page = """
        <!DOCTYPE html><html><head><title>Bridge approved | The City Paper</title>
        <meta property="og:title" content="Council approves the river bridge">
        <meta property="article:published_time" content="2026-03-04"></head><body>
        <div class="cookie-notice">We use cookies to improve your experience.</div>
        <nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a> | <a href="/weather">Weather</a></nav>
        <article><h1>Council approves the river bridge</h1>
        <p>The city council approved the new river bridge on Tuesday after a long debate about its cost.</p>
        <figure><img src="b.jpg"><figcaption>A photo caption of the river at dawn from the old quay.</figcaption></figure>
        <p>Construction of the bridge will begin in the spring and take two years, the council said.</p>
        <p>The bridge will carry cyclists, pedestrians and trams, but no cars, across the river.</p>
        <p>The mayor said the bridge would connect two districts that have long been apart.</p>
        </article><footer>All rights reserved.</footer></body></html>
        """
    static let text = """
        The city council approved the new river bridge on Tuesday after a long debate about its cost.

        Construction of the bridge will begin in the spring and take two years, the council said.

        The bridge will carry cyclists, pedestrians and trams, but no cars, across the river.

        The mayor said the bridge would connect two districts that have long been apart.
        """

    @Test("`summarize extract` prints the title, a blank line, then the paragraphs")
    func extractText() throws {
        let result = try CLI.run(["extract", "-"], stdin: Data(Self.page.utf8))
        #expect(result.status == 0)
        #expect(result.stdout == "Council approves the river bridge\n\n" + Self.text + "\n")
        let file = try CLI.temporaryFile(Data(Self.page.utf8), name: "page.html")
        #expect(try CLI.run(["extract", file]).stdout == result.stdout)
        #expect(try CLI.run(["extract", "--no-title", file]).stdout == Self.text + "\n")
    }

    @Test("`summarize extract --format json` gives title, published and text")
    func extractJSON() throws {
        let result = try CLI.run(["extract", "--format", "json", "-"], stdin: Data(Self.page.utf8))
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any])
        #expect(object["title"] as? String == "Council approves the river bridge")
        #expect(object["published"] as? String == "2026-03-04")
        #expect(object["text"] as? String == Self.text)
        let bare = try CLI.run(["extract", "--format", "json", "--input", "html", "-"], stdin: Data("<p>Only text.</p>".utf8))
        #expect(bare.stdout == #"{"title":null,"published":null,"text":"Only text."}"# + "\n")
    }

    @Test("key points of a page (--input auto) come from the article only")
    func keyPoints() throws {
        let result = try CLI.run(["--format", "json", "-"], stdin: Data(Self.page.utf8))
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any])
        let points = try #require(object["keyPoints"] as? [[String: Any]])
        #expect(points.count == 3)
        for point in points {
            let text = try #require(point["text"] as? String)
            #expect(Self.text.contains(text), "\(text)")
        }
    }

    @Test("a page nested too deeply exits 65 with the reason")
    func tooDeep() throws {
        let page = "<html>" + String(repeating: "<div>", count: 100_000) + "text"
        for arguments in [["extract", "-"], ["--input", "html", "-"]] {
            let result = try CLI.run(arguments, stdin: Data(page.utf8))
            #expect(result.status == 65)
            #expect(result.stderr.contains("levels deep"))
            #expect(result.stdout.isEmpty)
        }
    }

    @Test("`summarize batch --input html` reads every record as a page; a bad record does not stop the others")
    func batch() throws {
        func record(_ id: Int, _ text: String) -> String {
            let data = try! JSONSerialization.data(withJSONObject: ["id": id, "text": text])
            return String(decoding: data, as: UTF8.self)
        }
        let lines = [record(1, Self.page), record(2, String(repeating: "<div>", count: 5_000)), record(3, Self.page)]
        let result = try CLI.run(["batch", "--input", "html", "--jobs", "1", "-"], stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
        #expect(result.status == 65)
        let outputs = result.stdout.split(separator: "\n")
        #expect(outputs.count == 3)
        #expect(outputs[0].contains("keyPoints") && !outputs[0].contains("cookies"))
        #expect(outputs[1].contains("invalid_html"))
        #expect(outputs[2] == outputs[0].replacingOccurrences(of: "\"id\":1", with: "\"id\":3")[...])
    }
}
