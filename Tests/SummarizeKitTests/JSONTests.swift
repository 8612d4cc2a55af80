import Foundation
import Testing
@testable import SummarizeKit

@Suite("SummaryJSON")
struct JSONTests {
    @Test("schema version 1 has its keys in order and parses back")
    func schema() throws {
        let text = "Heavy rain closed the main road on Monday. Crews cleared the road by noon. Schools stayed open."
        let summary = try Summarizer().summarize(text)
        let json = summary.rendered(.json)
        #expect(json.hasPrefix("{\"schemaVersion\":1,\"keyPoints\":[{\"text\":"))
        #expect(json.hasSuffix("\"sentenceCount\":3}\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let points = try #require(object["keyPoints"] as? [[String: Any]])
        #expect(points.count == summary.keyPoints.count)
        for (point, parsed) in zip(summary.keyPoints, points) {
            #expect(parsed["text"] as? String == point.text)
            #expect(parsed["sentenceIndex"] as? Int == point.sentenceIndex)
            #expect(parsed["utf8Range"] as? [Int] == [point.utf8Range.lowerBound, point.utf8Range.upperBound])
        }
    }

    @Test("strings escape quotes, backslashes, controls and line separators", arguments: [
        ("plain", "\"plain\""),
        ("say \"hi\"", "\"say \\\"hi\\\"\""),
        ("back\\slash", "\"back\\\\slash\""),
        ("tab\tnew\nline", "\"tab\\tnew\\nline\""),
        ("\u{1}\u{1F}", "\"\\u0001\\u001f\""),
        ("a\u{2028}b", "\"a\\u2028b\""),
        ("é日本👩‍👩‍👧", "\"é日本👩‍👩‍👧\""),
    ])
    func escaping(input: String, expected: String) {
        var out = ""
        SummaryJSON.appendString(input, to: &out)
        #expect(out == expected)
    }

    @Test("scores are written with at most six decimals, the same on every platform", arguments: [
        (0.0, "0"), (1.0, "1"), (0.5, "0.5"), (0.1234564, "0.123456"), (0.0000004, "0"), (0.04815149, "0.048151"),
    ])
    func scores(score: Double, expected: String) {
        #expect(SummaryJSON.formatScore(score) == expected)
    }
}
