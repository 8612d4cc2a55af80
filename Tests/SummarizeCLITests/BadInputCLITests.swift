import Foundation
import Testing

/// Issue 6 through the built binary: every kind of bad input, its exit code,
/// what goes to stdout and what to stderr.
@Suite("Bad input: command line", .serialized)
struct BadInputCLITests {
    static let article = """
        The city council approved the new river bridge on Tuesday after a long debate. \
        Construction of the bridge will begin in the spring and take two years. \
        The bridge will carry cyclists and pedestrians as well as trams. \
        Critics said the council ignored the cost of the bridge for local taxpayers. \
        The mayor said the bridge would connect two districts that have long been apart.
        """

    /// Nothing that looks like a crash report.
    static func expectNoCrash(_ result: CLI.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        for marker in ["Fatal error", "Stack dump", "Backtrace", "Illegal instruction", "Segmentation fault", "Current stack trace"] {
            #expect(!result.stderr.contains(marker), "\(marker) in stderr: \(result.stderr)", sourceLocation: sourceLocation)
        }
        #expect(result.status < 128, "killed by a signal: \(result.status)", sourceLocation: sourceLocation)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String] = ["-"]
        var stdin: [UInt8]
        var bullets: ClosedRange<Int>
        var stdoutContains: [String] = []
        var stdoutExcludes: [String] = []
        var stderrContains: [String] = []
        var testDescription: String { name }
    }

    static func utf16LE(_ text: String) -> [UInt8] { [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }

    static let html = """
        <!DOCTYPE html><html><head><title>Bridge</title><script>var x = "<p>Not a sentence.</p>";</script>
        <style>p { margin: 0 }</style></head><body>
        <nav><a href="/">Home</a> <a href="/news">News</a></nav>
        <header>The City Paper header line that is not part of the story.</header>
        <h1>Council approves the bridge</h1>
        <p>The city council approved the new river bridge on Tuesday after a long debate.<br>
        Construction of the bridge will begin in the spring&nbsp;and take two years.</p>
        <p>The bridge will carry cyclists &amp; pedestrians as well as trams&#8212;but no cars.</p>
        <p>Critics said the council ignored the cost of the bridge for local taxpayers.</p>
        <footer>&copy; 2026 All rights reserved.</footer><form><input name="q">Search the site here now.</form>
        </body></html>
        """

    static let workingCases: [Case] = [
        Case(name: "empty file", stdin: [], bullets: 0...0, stderrContains: ["no text to summarize"]),
        Case(name: "only white space", stdin: Array(" \n\n\t  \r\n".utf8), bullets: 0...0, stderrContains: ["no text to summarize"]),
        Case(name: "one sentence", stdin: Array("Only one sentence is here.".utf8), bullets: 1...1,
             stdoutContains: ["- Only one sentence is here.\n"]),
        Case(name: "two sentences", stdin: Array("The first sentence is short. The second sentence is also short.".utf8), bullets: 1...2),
        Case(name: "no punctuation", stdin: Array("this text has no punctuation at all it goes on about the river and the bridge".utf8),
             bullets: 1...1),
        Case(name: "CRLF line endings", stdin: Array(article.replacingOccurrences(of: ". ", with: ".\r\n").utf8), bullets: 3...3,
             stdoutExcludes: ["\r"]),
        Case(name: "CR line endings", stdin: Array(article.replacingOccurrences(of: ". ", with: ".\r").utf8), bullets: 3...3,
             stdoutExcludes: ["\r"]),
        Case(name: "UTF-8 byte-order mark", stdin: [0xEF, 0xBB, 0xBF] + Array(article.utf8), bullets: 3...3,
             stdoutExcludes: ["\u{FEFF}"]),
        Case(name: "UTF-16 with a byte-order mark", stdin: utf16LE(article), bullets: 3...3,
             stdoutContains: ["- The city council approved the new river bridge on Tuesday after a long debate.\n"]),
        Case(name: "NUL bytes inside the text",
             stdin: Array("The council met on Tuesday\u{0} to vote on the plan. The vote\u{0} passed by a wide margin today.".utf8),
             bullets: 1...2, stdoutExcludes: ["\u{0}"]),
        Case(name: "mixed scripts, emoji ZWJ, combining marks, right-to-left",
             stdin: Array("The family 👩‍👩‍👧‍👦 visited the cafe\u{301} in Zürich today. Они приехали в Москву утром и гуляли весь день. هذا نص عربي يقرأ من اليمين إلى اليسار. 東京の天気は晴れでした。".utf8),
             bullets: 1...3, stdoutContains: ["👩‍👩‍👧‍👦"]),
        Case(name: "Markdown: headings, lists, links, images, code",
             stdin: Array("""
                 # Council approves the bridge

                 ![Bridge](https://example.com/bridge.jpg)

                 The city council approved the [new river bridge](https://example.com/bridge) on Tuesday after a long debate.

                 ```sh
                 echo "The code block is not a sentence of the article."
                 ```

                 - A list item is not a key point either.

                 Construction of the bridge will begin in the spring and take two years.
                 Critics said the council ignored the cost of the bridge for local taxpayers.
                 """.utf8),
             bullets: 3...3,
             stdoutContains: ["- The city council approved the new river bridge on Tuesday after a long debate.\n"],
             stdoutExcludes: ["](", "![", "```", "code block", "list item", "# Council"]),
        Case(name: "HTML detected by --input auto", stdin: Array(html.utf8), bullets: 3...3,
             stdoutContains: ["- The city council approved the new river bridge on Tuesday after a long debate.\n"],
             stdoutExcludes: ["<", "&amp;", "Not a sentence", "Home", "header line", "rights reserved", "Search the site"]),
        Case(name: "HTML fragment with --input html", arguments: ["--input", "html", "-"],
             stdin: Array("Intro text without a tag first. <b>The bridge</b> opens on Monday.<br>Traffic will be heavy all week.".utf8),
             bullets: 2...3, stdoutExcludes: ["<b>", "<br>"]),
        Case(name: "HTML kept as plain text with --input text", arguments: ["--input", "text", "-"],
             stdin: Array("<p>The tags stay in this plain text on purpose today.</p>".utf8), bullets: 1...1,
             stdoutContains: ["<p>"]),
        Case(name: "the same sentence 1,000 times",
             stdin: Array(String(repeating: "The bridge opens to traffic on Monday morning. ", count: 1000).utf8), bullets: 1...1),
        Case(name: "invalid UTF-8 with --lossy", arguments: ["--lossy", "-"],
             stdin: Array("A first sentence is fine here. Then a bad byte: ".utf8) + [0xFF, 0xC3] + Array(" and the text goes on.".utf8),
             bullets: 1...2),
    ]

    @Test("inputs that must work exit 0 with a Key points header", arguments: workingCases)
    func inputsThatWork(_ input: Case) throws {
        let result = try CLI.run(input.arguments, stdin: Data(input.stdin))
        Self.expectNoCrash(result)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.hasPrefix("Key points\n"))
        let bullets = result.stdout.split(separator: "\n").filter { $0.hasPrefix("- ") }
        #expect(input.bullets.contains(bullets.count), "stdout: \(result.stdout)")
        #expect(Set(bullets).count == bullets.count, "duplicate bullets: \(result.stdout)")
        for text in input.stdoutContains { #expect(result.stdout.contains(text), "stdout: \(result.stdout)") }
        for text in input.stdoutExcludes { #expect(!result.stdout.contains(text), "'\(text)' in stdout: \(result.stdout)") }
        for text in input.stderrContains { #expect(result.stderr.contains(text), "stderr: \(result.stderr)") }
        if input.stderrContains.isEmpty { #expect(result.stderr.isEmpty, "stderr: \(result.stderr)") }
    }

    @Test("one 5 MB line exits 0 with three bullets of sentence length")
    func fiveMegabyteLine() throws {
        // A real article on one line, repeated to 5 MB (no line break anywhere).
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let article = (try? String(contentsOf: root.appendingPathComponent("corpora/news-river-bridge.txt"), encoding: .utf8)).flatMap { $0.isEmpty ? nil : $0 } ?? "The corpus file is missing, so this sentence stands in for it."
        let block = article.split(whereSeparator: \.isNewline).joined(separator: " ") + " "
        var line = ""
        while line.utf8.count < 5 << 20 { line += block }
        let path = try CLI.temporaryFile(Data(line.utf8))
        let result = try CLI.run([path, "--format", "json"])
        Self.expectNoCrash(result)
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any])
        let points = try #require(object["keyPoints"] as? [[String: Any]])
        #expect(points.count == 3)
        #expect(points.allSatisfy { (($0["text"] as? String)?.utf8.count ?? .max) < 300 })
    }

    @Test("empty input in JSON is a valid empty summary, with the note on stderr")
    func emptyJSON() throws {
        let result = try CLI.run(["--format", "json", "-"], stdin: Data())
        #expect(result.status == 0)
        #expect(result.stdout == "{\"schemaVersion\":1,\"keyPoints\":[],\"sentenceCount\":0,\"language\":\"und\"}\n")
        #expect(result.stderr.contains("no text to summarize"))
    }

    @Test("HTML byte ranges index the extracted text, which `sentences` shows")
    func htmlRanges() throws {
        let html = "<html><body><p>First sentence of the page is here.</p><p>Second &amp; last sentence.</p></body></html>"
        let sentences = try CLI.run(["sentences", "--format", "json", "-"], stdin: Data(html.utf8))
        #expect(sentences.status == 0)
        let lines = sentences.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        // Extracted text: "First sentence of the page is here.\n\nSecond & last sentence."
        #expect(second["utf8Range"] as? [Int] == [37, 60])
        #expect(second["text"] as? String == "Second & last sentence.")
    }

    @Test("HTML entities are decoded and furniture removed in the sentences the tool sees")
    func htmlSentences() throws {
        let result = try CLI.run(["sentences", "-"], stdin: Data(Self.html.utf8))
        #expect(result.status == 0)
        #expect(result.stdout.contains("The bridge will carry cyclists & pedestrians as well as trams—but no cars.\n"))
        #expect(result.stdout.contains("Construction of the bridge will begin in the spring and take two years."))
        for hidden in ["Home", "header line", "Not a sentence", "margin", "rights reserved", "Search the site", "Bridge\n"] {
            #expect(!result.stdout.contains(hidden), "\(hidden) in: \(result.stdout)")
        }
    }

    // MARK: Inputs that must fail cleanly

    struct Failure: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var stdin: [UInt8] = []
        var status: Int32
        var stderrContains: [String]
        var testDescription: String { name }
    }

    static let failures: [Failure] = [
        Failure(name: "invalid UTF-8", arguments: ["-"],
                stdin: Array("A fine sentence. Then ".utf8) + [0xFF] + Array(" more.".utf8), status: 65,
                stderrContains: ["byte 22", "--lossy", "standard input"]),
        Failure(name: "truncated UTF-8 at the end of a file", arguments: ["-"], stdin: Array("Ends badly ".utf8) + [0xE2, 0x82],
                status: 65, stderrContains: ["byte 11"]),
        Failure(name: "missing file", arguments: ["/nonexistent/article.txt"], status: 66,
                stderrContains: ["/nonexistent/article.txt", "no such file"]),
        Failure(name: "a directory", arguments: ["Sources"], status: 66, stderrContains: ["Sources", "directory"]),
        Failure(name: "a file that fails on read (/proc/self/mem)", arguments: ["/proc/self/mem"], status: 66,
                stderrContains: ["/proc/self/mem", "cannot be read"]),
        Failure(name: "a PDF", arguments: ["-"], stdin: Array("%PDF-1.7\n%\u{E2}\u{E3}\n".utf8) + [0, 1, 2, 0xFF], status: 65,
                stderrContains: ["binary data", "PDF"]),
        Failure(name: "a PNG image", arguments: ["-"], stdin: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], status: 65,
                stderrContains: ["binary data", "PNG"]),
        Failure(name: "NUL-heavy data", arguments: ["-"], stdin: [UInt8](repeating: 0, count: 500) + Array("text".utf8), status: 65,
                stderrContains: ["binary data"]),
        Failure(name: "over --max-bytes", arguments: ["--max-bytes", "100", "-"],
                stdin: Array(String(repeating: "Too long. ", count: 50).utf8), status: 65, stderrContains: ["limit of 100 bytes", "--max-bytes"]),
        Failure(name: "over --max-bytes from a file", arguments: ["--max-bytes", "1000", "corpora/news-river-bridge.txt"], status: 65,
                stderrContains: ["corpora/news-river-bridge.txt", "limit of 1000 bytes"]),
        Failure(name: "--bullets 0", arguments: ["--bullets", "0", "-"], status: 64, stderrContains: ["--bullets", "Usage:"]),
        Failure(name: "--bullets not a number", arguments: ["--bullets", "three", "-"], status: 64, stderrContains: ["Usage:"]),
        Failure(name: "--bullets huge", arguments: ["--bullets", "99999999999999999999999", "-"], status: 64, stderrContains: ["Usage:"]),
        Failure(name: "--max-bytes 0", arguments: ["--max-bytes", "0", "-"], status: 64, stderrContains: ["--max-bytes", "Usage:"]),
        Failure(name: "--max-bytes negative", arguments: ["--max-bytes", "-5", "-"], status: 64, stderrContains: ["Usage:"]),
        Failure(name: "--input pdf", arguments: ["--input", "pdf", "-"], status: 64, stderrContains: ["Usage:"]),
        Failure(name: "--format yaml", arguments: ["--format", "yaml", "-"], status: 64, stderrContains: ["Usage:"]),
        Failure(name: "an unknown option", arguments: ["--no-such-option", "-"], status: 64, stderrContains: ["Usage:"]),
        Failure(name: "sentences: invalid UTF-8", arguments: ["sentences", "-"], stdin: [0x41, 0xFF], status: 65, stderrContains: ["byte 1"]),
        Failure(name: "tokens: a directory", arguments: ["tokens", "Sources"], status: 66, stderrContains: ["directory"]),
    ]

    @Test("inputs that must fail exit with the right code, a message, and nothing on stdout", arguments: failures)
    func inputsThatFail(_ failure: Failure) throws {
        let result = try CLI.run(failure.arguments, stdin: Data(failure.stdin))
        Self.expectNoCrash(result)
        #expect(result.status == failure.status, "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty, "stdout: \(result.stdout)")
        for text in failure.stderrContains { #expect(result.stderr.contains(text), "stderr: \(result.stderr)") }
    }

    @Test("an unreadable file exits 66 naming the path (checked when not running as root)")
    func unreadableFile() throws {
        let path = try CLI.temporaryFile(Data(Self.article.utf8))
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path) }
        let result = try CLI.run([path])
        Self.expectNoCrash(result)
        if getuid() == 0 {
            // Root ignores file permissions: the file is simply read.
            #expect(result.status == 0)
        } else {
            #expect(result.status == 66)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains(path) && result.stderr.contains("cannot be read"))
        }
    }

    @Test("a gzip-compressed file or standard input gives the output of its text; a truncated one exits 65")
    func gzipInput() throws {
        let text = try Data(contentsOf: CLI.packageRoot.appendingPathComponent("corpora/news-river-bridge.txt"))
        let path = try CLI.temporaryFile(text, name: "article.txt")
        let compressedPath = try CLI.gzip(path)
        let plain = try CLI.run([path])
        #expect(plain.status == 0)
        let compressed = try CLI.run([compressedPath])
        #expect(compressed.status == 0, "stderr: \(compressed.stderr)")
        #expect(compressed.stdoutBytes == plain.stdoutBytes)
        let gz = try Data(contentsOf: URL(fileURLWithPath: compressedPath))
        #expect(try CLI.run(["-"], stdin: gz).stdoutBytes == plain.stdoutBytes)
        // Cut off mid-stream: an error naming the input, nothing printed.
        let truncated = try CLI.temporaryFile(gz.prefix(gz.count / 2), name: "cut.txt.gz")
        let result = try CLI.run([truncated])
        Self.expectNoCrash(result)
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("cut.txt.gz") && result.stderr.contains("truncated"), "stderr: \(result.stderr)")
        // The limit counts the decompressed bytes.
        let limited = try CLI.run(["--max-bytes", "1000", compressedPath])
        #expect(limited.status == 65)
        #expect(limited.stderr.contains("limit of 1000 bytes"))
    }

    @Test("a bad file among good ones: the good ones print, the bad one explains itself, the status is the worst")
    func mixedFiles() throws {
        let bad = try CLI.temporaryFile(Data([0x41, 0x42, 0xFF, 0x43]), name: "bad.txt")
        let result = try CLI.run(["corpora/news-river-bridge.txt", bad, "/nonexistent.txt", "corpora/fr-velo-lyon.txt"])
        Self.expectNoCrash(result)
        #expect(result.status == 66)
        #expect(result.stdout.components(separatedBy: "Key points\n").count == 3)
        #expect(!result.stdout.contains("bad.txt"))
        #expect(result.stderr.contains("bad.txt: Input is not valid UTF-8 at byte 2"))
        #expect(result.stderr.contains("/nonexistent.txt: no such file"))
    }

    // MARK: Batch

    @Test("batch: good records and every bad kind give one output line per input line, in order")
    func batchMixed() throws {
        var lines: [[UInt8]] = [
            Array(#"{"id": 1, "text": "The council approved the bridge on Tuesday. Work starts in spring. Critics worry about the cost."}"#.utf8),
            Array("this is not JSON".utf8),
            Array(#"{"id": 3}"#.utf8),                                           // no text
            Array(#"{"id": 4, "text": 42}"#.utf8),                               // text not a string
            [],                                                                  // empty line
            Array("   ".utf8),                                                   // blank line
            Array(#"{"id": 7, "text": "bad "#.utf8) + [0xFF] + Array(#" byte"}"#.utf8),  // invalid UTF-8
            Array(#"{"id": 8, "text": ""}"#.utf8),                               // empty text: a summary with no bullets
            Array(#"{"id": 9, "text": "\ud800 lone surrogate and a NUL \u0000 escape. Second sentence here."}"#.utf8),
            Array(#"{"id": 10, "text": "unterminated"#.utf8),
            Array((String(repeating: "[", count: 10_000)).utf8),                 // deeply nested
            Array(#"{"id": 12, "text": "\#(String(repeating: "Long text. ", count: 200))"}"#.utf8),  // over --max-bytes
            Array(#"{"id": {"nested": true}, "text": "An object id."}"#.utf8),
            Array(#"{"id": 14, "text": "<html><body><p>HTML in a record is summarized as text.</p></body></html>"}"#.utf8),
            [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A, 0x00, 0xFF, 0xFE, 0],    // binary bytes (no newline inside)
            Array(#"{"id": 16, "text": "The last record is fine. It has two sentences."}"#.utf8),
        ]
        lines.append(Array(#"{"id": 17, "text": "Trailing record without a newline at the end."}"#.utf8))
        var input: [UInt8] = []
        for (n, line) in lines.enumerated() {
            input += line
            if n < lines.count - 1 { input.append(0x0A) }
        }
        let result = try CLI.run(["batch", "--jobs", "2", "--max-bytes", "1000", "-"], stdin: Data(input))
        Self.expectNoCrash(result)
        #expect(result.status == 65, "stderr: \(result.stderr)")
        let output = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(output.count == lines.count, "stdout: \(result.stdout)")
        var objects: [[String: Any]] = []
        for line in output {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object != nil, "not JSON: \(line)")
            objects.append(object ?? [:])
        }
        guard objects.count == lines.count else { return }
        // In order: records with an id carry it; the others carry their line number.
        let expectedKeys: [(String, Int)] = [("id", 1), ("line", 2), ("id", 3), ("id", 4), ("line", 5), ("line", 6), ("id", 7),
                                             ("id", 8), ("id", 9), ("id", 10), ("line", 11), ("id", 12)]
        for (index, (key, value)) in expectedKeys.enumerated() {
            #expect(objects[index][key] as? Int == value, "line \(index + 1): \(output[index])")
        }
        let succeeded = Set([0, 7, 8, 12, 13, 15, 16])
        for (index, object) in objects.enumerated() {
            if succeeded.contains(index) {
                #expect(object["keyPoints"] != nil, "line \(index + 1) should succeed: \(output[index])")
            } else {
                let error = object["error"] as? [String: Any]
                #expect(error?["code"] as? String != nil, "line \(index + 1) should fail: \(output[index])")
                #expect((error?["message"] as? String)?.isEmpty == false)
            }
        }
        #expect(objects[6]["error"].flatMap { ($0 as? [String: Any])?["code"] as? String } == "invalid_utf8")
        #expect(objects[11]["error"].flatMap { ($0 as? [String: Any])?["code"] as? String } == "input_too_large")
    }
}
