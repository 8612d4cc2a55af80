import Foundation
import Testing
@testable import SummarizeKit

@Suite("Batch summarizing")
struct BatchSummarizerTests {
    static let article = """
        The city council approved the new bridge on Monday after a long debate. \
        The bridge will connect the two halves of the old town across the river. \
        Construction of the bridge is expected to start next spring and last two years. \
        Local shops hope the bridge will bring more visitors to the river quarter. \
        Critics of the council say the bridge is too expensive for a small city.
        """

    static func line(_ object: [String: Any]) -> [UInt8] {
        Array(try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    let batch = BatchSummarizer()

    @Test("a good record gives the --format json schema with the id first")
    func goodRecord() throws {
        let outcome = batch.process(BatchLine(bytes: Self.line(["id": "a", "text": Self.article]), lineNumber: 1))
        #expect(outcome.error == nil)
        let expected = SummaryJSON.encode(try Summarizer().summarize(Self.article), extraFields: [("id", .string("a"))])
        #expect(outcome.json == expected)
        #expect(outcome.json.hasPrefix(#"{"id":"a","schemaVersion":1,"keyPoints":["#))
    }

    @Test("every kind of bad record gives one error line", arguments: [
        ("", "invalid_record", nil as String?),
        ("   ", "invalid_record", nil),
        ("not json", "invalid_record", nil),
        (#"{"id": "x", "text": "a""#, "invalid_record", #""id":"x""#),
        (#"{"id": "x"}"#, "invalid_record", #""id":"x""#),
        (#"{"id": "x", "text": 12}"#, "invalid_record", #""id":"x""#),
        (#"{"text": "An article without id."}"#, "invalid_record", nil),
        ("[1]", "invalid_record", nil),
    ])
    func badRecords(line: String, code: String, idFragment: String?) throws {
        let outcome = batch.process(BatchLine(bytes: Array(line.utf8), lineNumber: 7))
        #expect(outcome.error?.code.description == code)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.json.utf8)) as? [String: Any])
        let error = try #require(object["error"] as? [String: Any])
        #expect(error["code"] as? String == code)
        #expect((error["message"] as? String)?.isEmpty == false)
        if let idFragment {
            #expect(outcome.json.contains(idFragment))
            #expect(object["line"] == nil)
        } else {
            #expect(object["line"] as? Int == 7)
        }
        #expect(!outcome.json.contains("\n"))
    }

    @Test("invalid UTF-8 in a line is an error naming the id")
    func invalidUTF8() throws {
        var bytes = Array(#"{"id": 3, "text": "caf"#.utf8)
        bytes += [0xC3, 0x28]
        bytes += Array(#"."}"#.utf8)
        let outcome = batch.process(BatchLine(bytes: bytes, lineNumber: 2))
        #expect(outcome.error?.code == .invalidUTF8)
        #expect(outcome.json.hasPrefix(#"{"id":3,"error":{"code":"invalid_utf8""#))
    }

    @Test("a text over the size limit fails alone, with its id")
    func tooLarge() {
        var configuration = Summarizer.Configuration()
        configuration.maxInputBytes = 10
        let small = BatchSummarizer(summarizer: Summarizer(configuration: configuration))
        let outcome = small.process(BatchLine(bytes: Self.line(["id": 1, "text": Self.article]), lineNumber: 1))
        #expect(outcome.error?.code == .inputTooLarge)
        #expect(outcome.json.hasPrefix(#"{"id":1,"error":{"code":"input_too_large""#))
    }

    @Test("the streaming run keeps order, emits each line once, for any jobs and window", arguments: [1, 2, 3, 8])
    func streamingOrder(jobs: Int) {
        var lines: [BatchLine] = []
        for n in 0..<120 {
            let bytes: [UInt8] = n % 13 == 5 ? Array("oops".utf8)
                : Self.line(["id": n, "text": String(repeating: Self.article + " ", count: 1 + n % 4)])
            lines.append(BatchLine(bytes: bytes, lineNumber: n + 1))
        }
        let expected = lines.map { batch.process($0).json }
        var iterator = lines.makeIterator()
        var seen: [String] = []
        batch.run(jobs: jobs, window: 5, next: { iterator.next() }, emit: { seen.append($0.json) })
        #expect(seen == expected)
    }

    @Test("summarize(contentsOf:jobs:) keeps order and matches one-by-one summaries")
    func arrayForm() throws {
        let texts = (0..<40).map { n in n % 7 == 3 ? "" : String(repeating: Self.article + " ", count: 1 + n % 3) }
        let summarizer = Summarizer()
        let parallel = summarizer.summarize(contentsOf: texts, jobs: 3)
        let serial = summarizer.summarize(contentsOf: texts, jobs: 1)
        #expect(parallel.count == texts.count)
        for (n, text) in texts.enumerated() {
            let one = try summarizer.summarize(text)
            #expect(try parallel[n].get() == one)
            #expect(try serial[n].get() == one)
        }
    }

    @Test("summarize(contentsOf:) reports a failure in place and goes on")
    func arrayFailure() {
        var configuration = Summarizer.Configuration()
        configuration.maxInputBytes = 100
        let results = Summarizer(configuration: configuration)
            .summarize(contentsOf: ["Short text. Another one.", Self.article, "Fine."], jobs: 2)
        #expect(results.count == 3)
        if case .failure(let error) = results[1] { #expect(error.code == .inputTooLarge) } else { Issue.record("expected failure") }
        if case .success = results[0] {} else { Issue.record("expected success") }
    }
}
