import Foundation
import Testing
@testable import SummarizeKit

@Suite("JSON Lines record parser")
struct BatchParserTests {
    let parser = JSONRecordParser(idField: "id", textField: "text")

    func parse(_ line: String) throws(JSONRecordParser.SyntaxError) -> JSONRecordParser.Record {
        try parser.parse(Array(line.utf8))
    }

    func text(_ line: String) throws -> String? {
        try parse(line).text.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("a plain record gives its id and text")
    func plain() throws {
        let record = try parse(#"{"id": "a-1", "text": "Hello world."}"#)
        #expect(record.id == .string("a-1"))
        #expect(try text(#"{"id": "a-1", "text": "Hello world."}"#) == "Hello world.")
    }

    @Test("escapes in the text are decoded", arguments: [
        (#"{"text":"a\"b\\c\/d"}"#, "a\"b\\c/d"),
        (#"{"text":"line\nbreak\ttab\r\b\f"}"#, "line\nbreak\ttab\r\u{8}\u{C}"),
        (#"{"text":"caf\u00e9 \u20AC"}"#, "café €"),
        (#"{"text":"\ud83d\ude00 smile"}"#, "😀 smile"),
        (#"{"text":"lone \ud800 high"}"#, "lone \u{FFFD} high"),
        (#"{"text":"lone \udc00 low"}"#, "lone \u{FFFD} low"),
        (#"{"text":"high then escape \ud800\n"}"#, "high then escape \u{FFFD}\n"),
        (#"{"text":"unpaired \ud800\u0041"}"#, "unpaired \u{FFFD}A"),
        (#"{"text":"raw UTF-8 é 漢字 😀"}"#, "raw UTF-8 é 漢字 😀"),
        (#"{"text":""}"#, ""),
    ])
    func escapes(line: String, expected: String) throws {
        #expect(try text(line) == expected)
    }

    @Test("every byte value at every offset of a long string: special bytes stop the word-at-a-time scan")
    func wordAtATimeScan() throws {
        // Plain filler long enough for several 8-byte words, with one byte of every value placed
        // at each offset of a word: quotes end the string, backslashes start escapes, control
        // characters are refused, everything else (UTF-8 lead/continuation bytes too) is copied.
        let filler = Array("abcdefghijklmnopqrstuvwx".utf8)
        for byte in UInt8.min...UInt8.max {
            for offset in 0..<9 {
                var body = filler
                body.insert(byte, at: offset + 3)
                let line = Array(#"{"text":""#.utf8) + body + Array(#""}"#.utf8)
                switch byte {
                case 0x22:
                    // The string ends at the inserted quote; the rest is not valid JSON.
                    #expect(throws: JSONRecordParser.SyntaxError.self) { try parser.parse(line) }
                case 0x5C:
                    // A backslash before a letter: \a is not an escape, except for b f n r t u.
                    let next = body[offset + 4]
                    if Array("bfnrt".utf8).contains(next) {
                        #expect(try parser.parse(line).text != nil)
                    } else {
                        #expect(throws: JSONRecordParser.SyntaxError.self) { try parser.parse(line) }
                    }
                case ..<0x20:
                    #expect(throws: JSONRecordParser.SyntaxError.self) { try parser.parse(line) }
                default:
                    #expect(try parser.parse(line).text == body, "byte \(byte) at offset \(offset)")
                }
            }
        }
    }

    @Test("other fields of any type are skipped, nested values too")
    func skipsOtherFields() throws {
        let line = ##"{"meta": {"a": [1, 2.5e-3, -0, true, false, null, {"b": "}\"]"}], "c": {}}, "list": [], "# ": "x", "##
            + #""id": 42, "n": -12.75E+2, "text": "Body.", "after": [[[]]]}"#
        let record = try parse(line)
        #expect(record.id == .raw("42"))
        #expect(try text(line) == "Body.")
    }

    @Test("non-string ids are kept verbatim; string ids are decoded")
    func ids() throws {
        #expect(try parse(#"{"id": 1.5e3, "text": ""}"#).id == .raw("1.5e3"))
        #expect(try parse(#"{"id": null, "text": ""}"#).id == .raw("null"))
        #expect(try parse(#"{"id": [1, "a"], "text": ""}"#).id == .raw(#"[1, "a"]"#))
        #expect(try parse(#"{"id": "x\u0041\"", "text": ""}"#).id == .string("xA\""))
    }

    @Test("field names with escapes still match")
    func keys() throws {
        #expect(try text(#"{"t\u0065xt": "escaped key"}"#) == "escaped key")
        #expect(try parse(#"{"text": 5}"#).textType == "number")
        #expect(try parse(#"{"text": {"a": 1}}"#).textType == "object")
        #expect(try parse(#"{"text": null}"#).text == nil)
        #expect(try parse(#"{"other": "x"}"#).text == nil)
    }

    @Test("configurable field names")
    func fieldNames() throws {
        let custom = JSONRecordParser(idField: "doc", textField: "article")
        let record = try custom.parse(Array(#"{"doc": "d1", "text": "no", "article": "yes"}"#.utf8))
        #expect(record.id == .string("d1"))
        #expect(record.text.map { String(decoding: $0, as: UTF8.self) } == "yes")
    }

    @Test("white space around the object and between tokens is allowed")
    func whitespace() throws {
        #expect(try text(" \t{ \"text\" :\r\n \"a\" , \"id\" : 1 } \r") == "a")
        #expect(try parse("{}").text == nil)
    }

    @Test("malformed lines are rejected", arguments: [
        "", "   ", "[1, 2]", "\"text\"", "{", "}", "{\"text\": \"a\"", "{\"text\": \"a\"} x",
        "{\"text\": \"a\",}", "{\"text\" \"a\"}", "{text: \"a\"}", "{\"text\": 'a'}",
        "{\"text\": \"unterminated}", "{\"text\": \"bad \\x escape\"}", "{\"text\": \"bad \\u12G4\"}",
        "{\"text\": \"raw\ttab\"}", "{\"a\": [1,]}", "{\"a\": [1 2]}", "{\"a\": 01}", "{\"a\": 1.}",
        "{\"a\": -}", "{\"a\": 1e}", "{\"a\": tru}", "{\"a\": nul}", "{\"a\": {\"b\" 1}}", "{\"a\": {1: 2}}",
        "{\"a\": [}", "{\"a\": {\"b\": 1]}", "{\"a\": +1}", "{} {}",
    ])
    func malformed(line: String) {
        #expect(throws: JSONRecordParser.SyntaxError.self) { try parse(line) }
    }

    @Test("an id read before a syntax error is reported with it")
    func idBeforeError() {
        do {
            _ = try parse(#"{"id": "k", "text": "a" "#)
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.id == .string("k"))
        }
    }

    @Test("agrees with JSONSerialization on corpus-like records over many seeds")
    func differential() throws {
        var rng = SplitMix(seed: 7)
        let pieces = ["word", " ", "\"", "\\", "\n", "\t", "é", "漢", "😀", "\u{1}", "/", "\u{2028}", "{", "]"]
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<Int(rng.next() % 40) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            let object: [String: Any] = ["id": Int(rng.next() % 1000), "text": text, "x": ["y": [1, "z"]]]
            let data = try JSONSerialization.data(withJSONObject: object)
            let record = try parser.parse(Array(data))
            #expect(record.text.map { String(decoding: $0, as: UTF8.self) } == text)
        }
    }
}

/// A small seeded generator (SplitMix64), so the property tests are repeatable.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Issue 15: the one JSON record reader's rules where JSON leaves room (the server and
/// `summarize eval` read records with the same parser; ServerTests checks the server's answers).
@Suite("JSON record rules")
struct JSONRecordRulesTests {
    enum Expected: Sendable { case text(String), refused(String) }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var line: [UInt8]
        var expected: Expected
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a duplicate text field is refused", line: Array(#"{"text":"first","text":"second"}"#.utf8),
             expected: .refused(#"field "text" appears twice"#)),
        Case(name: "a duplicate id field is refused", line: Array(#"{"id":1,"text":"a","id":2}"#.utf8),
             expected: .refused(#"field "id" appears twice"#)),
        Case(name: "a duplicate spelled with an escape is still a duplicate", line: Array(#"{"text":"a","t\u0065xt":"b"}"#.utf8),
             expected: .refused("appears twice")),
        Case(name: "duplicates among skipped fields are not compared", line: Array(#"{"x":1,"x":2,"text":"a"}"#.utf8),
             expected: .text("a")),
        Case(name: "a lone high surrogate becomes U+FFFD", line: Array(#"{"text":"a\uD800b"}"#.utf8),
             expected: .text("a\u{FFFD}b")),
        Case(name: "a lone low surrogate becomes U+FFFD", line: Array(#"{"text":"a\uDC00b"}"#.utf8),
             expected: .text("a\u{FFFD}b")),
        Case(name: "a surrogate pair decodes", line: Array(#"{"text":"\uD83D\uDE00"}"#.utf8), expected: .text("😀")),
        Case(name: "a trailing comma in the object is refused", line: Array(#"{"text":"a",}"#.utf8),
             expected: .refused("expected a field name")),
        Case(name: "a trailing comma in an array is refused", line: Array(#"{"text":"a","x":[1,]}"#.utf8),
             expected: .refused("expected a value")),
        Case(name: "a UTF-8 byte-order mark before the record is skipped", line: [0xEF, 0xBB, 0xBF] + Array(#"{"text":"a"}"#.utf8),
             expected: .text("a")),
        Case(name: "a byte-order mark after white space is refused", line: [0x20, 0xEF, 0xBB, 0xBF] + Array(#"{"text":"a"}"#.utf8),
             expected: .refused("expected '{'")),
    ]

    @Test("each rule", arguments: cases)
    func rule(_ rule: Case) {
        let parser = JSONRecordParser(idField: "id", textField: "text")
        let parsed = Result(catching: { () throws(JSONRecordParser.SyntaxError) -> JSONRecordParser.Record in try parser.parse(rule.line) })
        switch (parsed, rule.expected) {
        case (.success(let record), .text(let text)):
            #expect(record.text.map { String(decoding: $0, as: UTF8.self) } == text)
        case (.failure(let error), .refused(let reason)):
            #expect(error.reason.contains(reason), "\(error.reason)")
        case (let got, let expected):
            Issue.record("expected \(expected), got \(got)")
        }
    }

    @Test("extra fields are captured: strings decoded, other values as JSON text")
    func extras() throws {
        let parser = JSONRecordParser(idField: "", textField: "article", extraFields: ["bullets", "highlights"])
        let record = try parser.parse(Array(#"{"id":9,"article":"A.","bullets":3,"highlights":["x\n","y"]}"#.utf8))
        #expect(record.id == nil, "an empty id field name reads no id")
        #expect(record.extras == [.raw("3"), .raw(#"["x\n","y"]"#)])
        #expect(JSONRecordParser.strings(in: record.extras[1]!) == ["x\n", "y"])
        #expect(JSONRecordParser.strings(in: .string("one")) == ["one"])
        #expect(JSONRecordParser.strings(in: .raw("[1]")) == nil)
        #expect(JSONRecordParser.strings(in: .raw(#"["a",]"#)) == nil)
        #expect(throws: JSONRecordParser.SyntaxError.self) {
            try parser.parse(Array(#"{"article":"A.","bullets":1,"bullets":2}"#.utf8))
        }
    }

    @Test("batch error lines: oversized and cut-off lines, file names, and 'an array'")
    func batchErrors() {
        let batch = BatchSummarizer()
        let oversized = batch.process(BatchLine(bytes: [], lineNumber: 4, byteCount: 5_000_000, isOversized: true))
        #expect(oversized.error?.code == .inputTooLarge)
        #expect(oversized.json.hasPrefix(#"{"line":4,"error":{"code":"input_too_large""#))
        let cut = batch.process(BatchLine(bytes: Array(#"{"id":1,"text":"cut"#.utf8), lineNumber: 2,
                                          source: "a.jsonl", isTerminated: false))
        #expect(cut.json.hasPrefix(#"{"file":"a.jsonl","id":1,"error":"#))
        #expect(cut.error?.message.contains("cut off") == true)
        let array = batch.process(BatchLine(bytes: Array(#"{"id":1,"text":[]}"#.utf8), lineNumber: 1))
        #expect(array.error?.message.contains("is an array, not a string") == true)
    }
}

