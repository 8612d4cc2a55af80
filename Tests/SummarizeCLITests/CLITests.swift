import Foundation
import Testing

@Suite("summarize command line", .serialized)
struct CLITests {
    static let sample = "corpora/news-river-bridge.txt"

    @Test("`summarize FILE` prints the Key points header and exits 0")
    func file() throws {
        let result = try CLI.run([Self.sample])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "Key points")
        #expect(lines.count == 5 && lines[4] == "")
        #expect(lines[1...3].allSatisfy { $0.hasPrefix("- ") })
        #expect(result.stderr.isEmpty)
    }

    @Test("a file, '-' and piped standard input give the same bytes")
    func stdinForms() throws {
        let data = try Data(contentsOf: CLI.packageRoot.appendingPathComponent(Self.sample))
        let fromFile = try CLI.run([Self.sample])
        let fromDash = try CLI.run(["-"], stdin: data)
        let fromPipe = try CLI.run([], stdin: data)
        #expect(fromFile.stdout == fromDash.stdout)
        #expect(fromFile.stdout == fromPipe.stdout)
        #expect(fromPipe.status == 0)
    }

    @Test("--bullets and --format markdown|json", arguments: [1, 2, 5])
    func bulletsAndFormats(bullets: Int) throws {
        let markdown = try CLI.run(["--bullets", "\(bullets)", "--format", "markdown", Self.sample])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.hasPrefix("## Key points\n\n"))
        #expect(markdown.stdout.split(separator: "\n").filter { $0.hasPrefix("- ") }.count == bullets)
        let json = try CLI.run(["--bullets", "\(bullets)", "--format", "json", Self.sample])
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutBytes) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        #expect((object["keyPoints"] as? [Any])?.count == bullets)
    }

    @Test("several files give one header each, labelled by file name")
    func severalFiles() throws {
        let result = try CLI.run(["corpora/news-river-bridge.txt", "corpora/blog-sourdough-starter.txt"])
        #expect(result.status == 0)
        #expect(result.stdout.components(separatedBy: "Key points\n").count == 3)
        #expect(result.stdout.hasPrefix("==> corpora/news-river-bridge.txt <==\nKey points\n"))
        #expect(result.stdout.contains("\n\n==> corpora/blog-sourdough-starter.txt <==\nKey points\n"))
        let json = try CLI.run(["--format", "json", "corpora/news-river-bridge.txt", "corpora/blog-sourdough-starter.txt"])
        let lines = json.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("{\"file\":\"corpora/news-river-bridge.txt\",\"schemaVersion\":1,"))
    }

    @Test("exit codes: 64 usage, 65 bad data, 66 missing file", arguments: [
        (["--bullets", "0", "corpora/news-river-bridge.txt"], Int32(64)),
        (["--format", "yaml", "corpora/news-river-bridge.txt"], Int32(64)),
        (["--no-such-option"], Int32(64)),
        (["/nonexistent/article.txt"], Int32(66)),
        (["corpora"], Int32(66)),
    ])
    func exitCodes(arguments: [String], status: Int32) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == status, "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.isEmpty)
    }

    @Test("invalid UTF-8 names the byte offset and suggests --lossy (exit 65); --lossy goes on")
    func invalidUTF8() throws {
        var bytes = Data("A first sentence is fine. Then comes a bad byte: ".utf8)
        bytes.append(0xFF)
        bytes.append(contentsOf: Data(" and the text goes on after it.".utf8))
        let strict = try CLI.run(["-"], stdin: bytes)
        #expect(strict.status == 65)
        #expect(strict.stdout.isEmpty)
        #expect(strict.stderr.contains("byte 49"))
        #expect(strict.stderr.contains("--lossy"))
        let lossy = try CLI.run(["--lossy", "-"], stdin: bytes)
        #expect(lossy.status == 0)
        #expect(lossy.stdout.hasPrefix("Key points\n- "))
    }

    @Test("`summarize sentences` prints one sentence per line and JSON with byte ranges")
    func sentences() throws {
        let text = "Dr. Smith arrived at 5 p.m. on Friday. She left at noon!\n\nA new paragraph starts here."
        let result = try CLI.run(["sentences", "-"], stdin: Data(text.utf8))
        #expect(result.status == 0)
        #expect(result.stdout == "Dr. Smith arrived at 5 p.m. on Friday.\nShe left at noon!\nA new paragraph starts here.\n")
        let json = try CLI.run(["sentences", "--format", "json", "-"], stdin: Data(text.utf8))
        let first = try #require(json.stdout.split(separator: "\n").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        #expect(object["utf8Range"] as? [Int] == [0, 38])
        #expect(object["paragraph"] as? Int == 0)
    }

    @Test("`summarize sentences --quotations whole` keeps a quotation as one sentence, as the summarizer ranks it")
    func sentencesQuotations() throws {
        let text = "\"The ferry left at dawn. Nobody saw it go,\" the harbour master said. Boats stayed in port."
        let split = try CLI.run(["sentences", "-"], stdin: Data(text.utf8))
        #expect(split.status == 0)
        #expect(split.stdout == "\"The ferry left at dawn.\nNobody saw it go,\" the harbour master said.\nBoats stayed in port.\n")
        let whole = try CLI.run(["sentences", "--quotations", "whole", "-"], stdin: Data(text.utf8))
        #expect(whole.status == 0)
        #expect(whole.stdout == "\"The ferry left at dawn. Nobody saw it go,\" the harbour master said.\nBoats stayed in port.\n")
        let tokens = try CLI.run(["tokens", "--quotations", "whole", "-"], stdin: Data(text.utf8))
        #expect(tokens.stdout.split(separator: "\n").count == 2)
        let bad = try CLI.run(["sentences", "--quotations", "halves", "-"], stdin: Data(text.utf8))
        #expect(bad.status == 64)
    }

    @Test("`summarize tokens` prints the stemmed content terms of each sentence")
    func tokens() throws {
        let result = try CLI.run(["tokens", "-"], stdin: Data("The markets were rallying. Cats purr.".utf8))
        #expect(result.status == 0)
        #expect(result.stdout == "market ralli\ncat purr\n")
        let withStopwords = try CLI.run(["tokens", "--stopwords", "--language", "en", "-"], stdin: Data("The markets were rallying.".utf8))
        #expect(withStopwords.stdout == "[the] market [were] ralli\n")
        // Too short to identify: the language-neutral keys (no stopwords, no stems).
        let neutral = try CLI.run(["tokens", "--stopwords", "-"], stdin: Data("The markets were rallying.".utf8))
        #expect(neutral.stdout == "the markets were rallying\n")
    }

    @Test("`summarize tokens` of French text keys it with French stems and stopwords (issue 17)")
    func frenchTokens() throws {
        let text = "Les vélos ont été plus nombreux que les voitures sur les quais du Rhône, selon les comptages publiés mardi."
        let result = try CLI.run(["tokens", "-"], stdin: Data(text.utf8))
        #expect(result.stdout == "vélos nombreux voitur quais rhôn comptag publi mard\n")
        let json = try CLI.run(["--format", "json", "-"], stdin: Data(text.utf8))
        #expect(json.stdout.hasSuffix(",\"language\":\"fr\"}\n"))
        let unknown = try CLI.run(["--language", "klingon", "-"], stdin: Data(text.utf8))
        #expect(unknown.status == 64)
    }
}
