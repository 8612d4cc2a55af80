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

    @Test("field names with escapes still match, and the last duplicate wins")
    func keys() throws {
        #expect(try text(#"{"t\u0065xt": "escaped key"}"#) == "escaped key")
        #expect(try text(#"{"text": "first", "text": "second"}"#) == "second")
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
