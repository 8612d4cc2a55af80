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
        #expect(json.hasSuffix("\"sentenceCount\":3,\"language\":\"en\"}\n"))
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

    @Test("byte-level decimals match String(_:) across the Int64 range")
    func decimals() {
        var values: [Int64] = [0, 1, 9, 10, 99, 100, 12_345, -1, -10, -987_654_321, .max, .min, .max - 1, .min + 1]
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407   // fixed LCG: same values every run
            values.append(Int64(bitPattern: x) >> Int64(x % 60))
        }
        for value in values {
            var out: [UInt8] = []
            SummaryJSON.appendDecimal(value, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(value))
        }
    }

    @Test("scores: six decimals, rounded, trailing zeros dropped, for every micro-step near 0 and 1")
    func scoreSteps() {
        // Written out digit by digit, independently of SummaryJSON.
        func reference(_ micro: Int) -> String {
            let whole = micro / 1_000_000
            var fraction = String(micro % 1_000_000)
            while fraction.count < 6 { fraction = "0" + fraction }
            while fraction.hasSuffix("0") { fraction.removeLast() }
            return fraction.isEmpty ? "\(whole)" : "\(whole).\(fraction)"
        }
        for micro in Array(0..<20_000) + Array(990_000..<1_010_000) + [123_456_789] {
            #expect(SummaryJSON.formatScore(Double(micro) / 1_000_000) == reference(micro))
        }
        #expect(SummaryJSON.formatScore(-0.25) == "-0.25")
        #expect(SummaryJSON.formatScore(-1.5) == "-1.5")
        #expect(SummaryJSON.formatScore(.nan) == "0")
    }
}
