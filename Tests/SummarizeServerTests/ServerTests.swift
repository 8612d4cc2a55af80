import Foundation
import Hummingbird
import HummingbirdTesting
import SummarizeKit
import SummarizeServer
import Testing

struct TestArguments: AppArguments {
    var hostname = "127.0.0.1"
    var port = 0
    var maxBodyBytes = 64 * 1024
    var maxQueuedRequests = ServerArguments.defaultMaxQueuedRequests
}

enum Fixture {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let news: String = {
        let url = packageRoot.appendingPathComponent("corpora/news-river-bridge.txt")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// Non-ASCII in every sentence, so byte offsets and character offsets differ.
    static let accented = """
        Le café de la gare a rouvert ses portes lundi après deux années de travaux. \
        Les habitants ont salué l'arrivée d'un nouveau propriétaire venu de Séville. \
        Le menu propose des crêpes, du thé à la menthe et des pâtisseries maison. 🚲 Les cyclistes \
        peuvent garer leurs vélos devant la façade rénovée. La mairie a financé une partie des travaux \
        de rénovation du bâtiment historique. Le propriétaire espère attirer les étudiants du quartier.
        """

    static func body(_ string: String) -> ByteBuffer { ByteBuffer(string: string) }
    static func body(_ bytes: [UInt8]) -> ByteBuffer { ByteBuffer(bytes: bytes) }

    static let json: HTTPFields = [.contentType: "application/json"]
    static let plain: HTTPFields = [.contentType: "text/plain; charset=utf-8"]

    static func jsonRequest(_ text: String, bullets: Int? = nil) -> ByteBuffer {
        var out = "{\"text\":"
        SummaryJSON.appendString(text, to: &out)
        if let bullets { out += ",\"bullets\":\(bullets)" }
        return ByteBuffer(string: out + "}")
    }
}

struct ErrorBody: Decodable {
    struct Detail: Decodable {
        var code: String
        var message: String
        var utf8Offset: Int?
    }
    var error: Detail
}

struct SummaryBody: Decodable {
    struct Point: Decodable {
        var text: String
        var sentenceIndex: Int
        var utf8Range: [Int]
        var score: Double
    }
    struct Sentence: Decodable {
        var utf8Range: [Int]
        var score: Double
    }
    var schemaVersion: Int
    var keyPoints: [Point]
    var sentenceCount: Int
    var sentences: [Sentence]?
}

func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(response.body.readableBytesView))
}

/// Checks status, JSON content type and the `{"error":{"code","message"}}` shape.
func expectError(_ response: TestResponse, _ status: HTTPResponse.Status, code: String,
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> ErrorBody.Detail {
    #expect(response.status == status, sourceLocation: sourceLocation)
    #expect(response.headers[.contentType] == "application/json; charset=utf-8", sourceLocation: sourceLocation)
    let body = try decode(ErrorBody.self, response)
    #expect(body.error.code == code, sourceLocation: sourceLocation)
    #expect(!body.error.message.isEmpty, sourceLocation: sourceLocation)
    return body.error
}

@Suite("HTTP routes")
struct RouteTests {
    @Test("GET /healthz answers ok")
    func health() async throws {
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
            }
        }
    }

    @Test("GET / serves the self-contained editors' page")
    func page() async throws {
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let csp = try #require(response.headers[.contentSecurityPolicy])
                #expect(csp.contains("default-src 'none'"))
                #expect(csp.contains("connect-src 'self'"))
                let html = String(buffer: response.body)
                #expect(html.hasPrefix("<!doctype html>"))
                #expect(html.contains("Key points"))
                #expect(html.contains("/v1/summarize"))
                // Works offline: nothing is loaded from another host.
                #expect(!html.contains("src=\"http"))
                #expect(!html.contains("href=\"http"))
                #expect(!html.contains("@import"))
                // Article text goes into the page as text, never as markup.
                #expect(!html.contains("innerHTML"))
                #expect(!html.contains("insertAdjacentHTML"))
            }
        }
    }

    @Test("A JSON body gets exactly the JSON of summarize --format json")
    func jsonBody() async throws {
        let expected = SummaryJSON.encode(try Summarizer().summarize(Fixture.news))
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/v1/summarize", method: .post, headers: Fixture.json,
                                     body: Fixture.jsonRequest(Fixture.news, bullets: 3)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(String(buffer: response.body) == expected)
                let summary = try decode(SummaryBody.self, response)
                #expect(summary.schemaVersion == 1)
                #expect(summary.keyPoints.count == 3)
                #expect(summary.sentences == nil)
            }
        }
    }

    @Test("A plain-text body takes the bullet count from ?bullets=")
    func plainTextBody() async throws {
        var configuration = Summarizer.Configuration()
        configuration.bullets = 2
        let expected = SummaryJSON.encode(try Summarizer(configuration: configuration).summarize(Fixture.news))
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/v1/summarize?bullets=2", method: .post, headers: Fixture.plain,
                                     body: Fixture.body(Fixture.news)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == expected)
                let summary = try decode(SummaryBody.self, response)
                #expect(summary.keyPoints.count == 2)
            }
        }
    }

    @Test("Without a bullet count a request gets three key points")
    func defaultBullets() async throws {
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/v1/summarize", method: .post, headers: Fixture.json,
                                     body: Fixture.jsonRequest(Fixture.news)) { response in
                let summary = try decode(SummaryBody.self, response)
                #expect(summary.keyPoints.count == 3)
            }
            try await client.execute(uri: "/v1/summarize", method: .post, headers: Fixture.plain,
                                     body: Fixture.body(Fixture.news)) { response in
                let summary = try decode(SummaryBody.self, response)
                #expect(summary.keyPoints.count == 3)
            }
        }
    }

    @Test("?sentences=true adds every sentence's range and keeps the schema-1 fields")
    func sentencesField() async throws {
        let summary = try Summarizer().summarize(Fixture.news)
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/v1/summarize?sentences=true", method: .post, headers: Fixture.plain,
                                     body: Fixture.body(Fixture.news)) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                // Schema 1 comes first, byte for byte; the extra field follows it.
                let schemaOne = SummaryJSON.encode(summary)
                #expect(text.hasPrefix(String(schemaOne.dropLast()) + ",\"sentences\":["))
                let body = try decode(SummaryBody.self, response)
                let sentences = try #require(body.sentences)
                #expect(sentences.count == body.sentenceCount)
                #expect(sentences.map(\.utf8Range) == summary.sentences.map { [$0.utf8Range.lowerBound, $0.utf8Range.upperBound] })
            }
        }
    }

    @Test("utf8Range indexes the UTF-8 bytes of non-ASCII text")
    func nonASCIIRanges() async throws {
        let bytes = Array(Fixture.accented.utf8)
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/v1/summarize", method: .post, headers: Fixture.json,
                                     body: Fixture.jsonRequest(Fixture.accented, bullets: 3)) { response in
                #expect(response.status == .ok)
                let body = try decode(SummaryBody.self, response)
                #expect(!body.keyPoints.isEmpty)
                for point in body.keyPoints {
                    let slice = String(decoding: bytes[point.utf8Range[0]..<point.utf8Range[1]], as: UTF8.self)
                    #expect(slice == point.text)
                }
            }
        }
    }

    @Test("Empty text is not an error: it has no key points")
    func emptyText() async throws {
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/v1/summarize", method: .post, headers: Fixture.plain,
                                     body: Fixture.body("")) { response in
                #expect(response.status == .ok)
                let summary = try decode(SummaryBody.self, response)
                #expect(summary.keyPoints.isEmpty)
            }
        }
    }

    @Test("Many concurrent requests all get the same answer")
    func concurrentRequests() async throws {
        let expected = SummaryJSON.encode(try Summarizer().summarize(Fixture.news))
        try await buildApplication(TestArguments()).test(.router) { client in
            let answers = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<32 {
                    group.addTask {
                        try await client.execute(uri: "/v1/summarize", method: .post, headers: Fixture.plain,
                                                 body: Fixture.body(Fixture.news)) { String(buffer: $0.body) }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(answers.count == 32)
            #expect(answers.allSatisfy { $0 == expected })
        }
    }
}

@Suite("HTTP errors")
struct ErrorTests {
    @Test("Malformed JSON is 400 invalid_json")
    func badJSON() async throws {
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/v1/summarize", method: .post, headers: Fixture.json,
                                     body: Fixture.body("{\"text\": \"unterminated")) { response in
                _ = try expectError(response, .badRequest, code: "invalid_json")
            }
        }
    }

    @Test("JSON without a text string is 400 invalid_json", arguments: [
        #"{"bullets": 3}"#, #"{"text": 42}"#, #"["text"]"#, #""just a string""#,
    ])
    func missingText(body: String) async throws {
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/v1/summarize", method: .post, headers: Fixture.json,
                                     body: Fixture.body(body)) { response in
                _ = try expectError(response, .badRequest, code: "invalid_json")
            }
        }
    }

    @Test("A body over --max-body-bytes is 413 body_too_large")
    func bodyTooLarge() async throws {
        let text = String(repeating: "A sentence of some length for the limit. ", count: 10)
        try await buildApplication(TestArguments(maxBodyBytes: 100)).test(.router) { client in
            try await client.execute(uri: "/v1/summarize", method: .post, headers: Fixture.plain,
                                     body: Fixture.body(text)) { response in
                let error = try expectError(response, .contentTooLarge, code: "body_too_large")
                #expect(error.message.contains("100 bytes"))
            }
            try await client.execute(uri: "/v1/summarize", method: .post, headers: Fixture.json,
                                     body: Fixture.jsonRequest(text)) { response in
                _ = try expectError(response, .contentTooLarge, code: "body_too_large")
            }
            // At the limit is fine.
            try await client.execute(uri: "/v1/summarize", method: .post, headers: Fixture.plain,
                                     body: Fixture.body(String(text.prefix(100)))) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("A body that is neither JSON, plain text nor HTML is 415", arguments: [
        "application/xml", "image/png", "multipart/form-data; boundary=x", "",
    ])
    func wrongContentType(contentType: String) async throws {
        let headers: HTTPFields = contentType.isEmpty ? [:] : [.contentType: contentType]
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/v1/summarize", method: .post, headers: headers,
                                     body: Fixture.body(Fixture.news)) { response in
                _ = try expectError(response, .unsupportedMediaType, code: "unsupported_media_type")
            }
        }
    }

    @Test("Content types are matched without case and with parameters")
    func contentTypeVariants() async throws {
        try await buildApplication(TestArguments()).test(.router) { client in
            for type in ["Text/Plain", "text/plain;charset=UTF-8", "APPLICATION/JSON; charset=utf-8"] {
                let body = type.lowercased().hasPrefix("application") ? Fixture.jsonRequest(Fixture.news) : Fixture.body(Fixture.news)
                try await client.execute(uri: "/v1/summarize", method: .post, headers: [.contentType: type],
                                         body: body) { response in
                    #expect(response.status == .ok, "\(type)")
                }
            }
        }
    }

    @Test("Invalid UTF-8 is 422 invalid_utf8 with the byte offset")
    func invalidUTF8() async throws {
        let bytes = Array("Good start. ".utf8) + [0xC3, 0x28] + Array(" more text.".utf8)
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/v1/summarize", method: .post, headers: Fixture.plain,
                                     body: Fixture.body(bytes)) { response in
                let error = try expectError(response, .unprocessableContent, code: "invalid_utf8")
                #expect(error.utf8Offset == 12)
                #expect(!error.message.contains("--lossy"))
            }
            var json = Array(#"{"text":"abc "#.utf8)
            json += [0xFF]
            json += Array(#""}"#.utf8)
            try await client.execute(uri: "/v1/summarize", method: .post, headers: Fixture.json,
                                     body: Fixture.body(json)) { response in
                let error = try expectError(response, .unprocessableContent, code: "invalid_utf8")
                #expect(error.utf8Offset == 13)
            }
        }
    }

    @Test("Binary data is 422 binary_input")
    func binaryInput() async throws {
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/v1/summarize", method: .post, headers: Fixture.plain,
                                     body: Fixture.body(Array("%PDF-1.7\n".utf8) + [0, 1, 2, 3])) { response in
                _ = try expectError(response, .unprocessableContent, code: "binary_input")
            }
            let controls = String(repeating: "\u{01}\u{02}\u{03}", count: 50)
            try await client.execute(uri: "/v1/summarize", method: .post, headers: Fixture.json,
                                     body: Fixture.jsonRequest(controls)) { response in
                _ = try expectError(response, .unprocessableContent, code: "binary_input")
            }
        }
    }

    @Test("An unusable bullet count is 422 invalid_bullets", arguments: [
        "?bullets=0", "?bullets=-2", "?bullets=abc", "?bullets=1001", "?bullets=2.5",
    ])
    func invalidBulletsQuery(query: String) async throws {
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/v1/summarize\(query)", method: .post, headers: Fixture.plain,
                                     body: Fixture.body(Fixture.news)) { response in
                _ = try expectError(response, .unprocessableContent, code: "invalid_bullets")
            }
        }
    }

    @Test("An unusable bullets field is 422 invalid_bullets", arguments: [
        #""3""#, "0", "5000", "true", "[3]",
    ])
    func invalidBulletsField(value: String) async throws {
        var json = "{\"text\":"
        SummaryJSON.appendString(Fixture.news, to: &json)
        json += ",\"bullets\":\(value)}"
        let body = json
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/v1/summarize", method: .post, headers: Fixture.json,
                                     body: Fixture.body(body)) { response in
                _ = try expectError(response, .unprocessableContent, code: "invalid_bullets")
            }
        }
    }

    @Test("GET on the API route is 405 and says to POST")
    func wrongMethod() async throws {
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/v1/summarize", method: .get) { response in
                let error = try expectError(response, .methodNotAllowed, code: "method_not_allowed")
                #expect(error.message.contains("POST"))
            }
        }
    }

    @Test("An unknown route is 404 in the same error shape")
    func notFound() async throws {
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/v2/nothing", method: .get) { response in
                _ = try expectError(response, .notFound, code: "not_found")
            }
        }
    }
}

@Suite("HTTP: HTML pages")
struct HTMLRouteTests {
    static let page = """
        <!DOCTYPE html><html><head><title>Bridge approved | City Paper</title>
        <meta property="og:title" content="Council approves the river bridge">
        <meta property="article:published_time" content="2026-03-04T09:00:00Z"></head>
        <body><div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
        <nav>Home | News | Sport | Weather</nav>
        <article><h1>Council approves the river bridge</h1>
        <p>The city council approved the new river bridge on Tuesday after a long debate about its cost.</p>
        <figure><img src="b.jpg"><figcaption>The river at dawn, seen from the old quay in the photograph.</figcaption></figure>
        <p>Construction of the bridge will begin in the spring and take two years, the council said.</p>
        <p>The bridge will carry cyclists, pedestrians and trams, but no cars, across the river.</p>
        <p>The mayor said the bridge would connect two districts that have long been apart.</p>
        </article><footer>All rights reserved by the City Paper, a made-up newspaper.</footer></body></html>
        """

    struct ArticleBody: Decodable {
        struct Article: Decodable { var title: String?; var published: String?; var text: String }
        var keyPoints: [SummaryBody.Point]
        var article: Article
    }

    func check(_ response: TestResponse) throws {
        #expect(response.status == .ok)
        let body = try decode(ArticleBody.self, response)
        #expect(body.article.title == "Council approves the river bridge")
        #expect(body.article.published == "2026-03-04T09:00:00Z")
        #expect(body.keyPoints.count == 3)
        let text = Array(body.article.text.utf8)
        for point in body.keyPoints {
            #expect(!point.text.contains("cookies") && !point.text.contains("Weather") && !point.text.contains("photograph"))
            #expect(!point.text.contains("<"))
            // utf8Range indexes article.text.
            let slice = String(decoding: text[point.utf8Range[0]..<point.utf8Range[1]], as: UTF8.self)
            #expect(slice.split(whereSeparator: \.isWhitespace).joined(separator: " ") == point.text)
        }
    }

    @Test("A text/html body is summarized from its article only, and the article comes back")
    func htmlBody() async throws {
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/v1/summarize", method: .post, headers: [.contentType: "text/html; charset=utf-8"],
                                     body: Fixture.body(Self.page)) { response in try check(response) }
        }
    }

    @Test("JSON with \"input\": \"html\" or \"auto\" reads the text as a page", arguments: ["html", "auto"])
    func jsonHTML(input: String) async throws {
        var body = "{\"input\":\"\(input)\",\"text\":"
        SummaryJSON.appendString(Self.page, to: &body)
        body += "}"
        let request = body
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/v1/summarize", method: .post, headers: Fixture.json,
                                     body: Fixture.body(request)) { response in try check(response) }
        }
    }

    @Test("An unknown \"input\" is 422 naming the choices")
    func badInput() async throws {
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/v1/summarize", method: .post, headers: Fixture.json,
                                     body: Fixture.body("{\"input\":\"pdf\",\"text\":\"x\"}")) { response in
                let error = try expectError(response, .unprocessableContent, code: "invalid_input")
                #expect(error.message.contains("html"))
            }
        }
    }

    @Test("A page nested too deeply is 422 with the reason")
    func tooDeep() async throws {
        let page = String(repeating: "<div>", count: 5_000) + "text"
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/v1/summarize", method: .post, headers: [.contentType: "text/html"],
                                     body: Fixture.body(page)) { response in
                #expect(response.status.code >= 400 && response.status.code < 500)
                let body = try decode(ErrorBody.self, response)
                #expect(body.error.code == "invalid_html")
                #expect(body.error.message.contains("levels deep"))
            }
        }
    }
}
