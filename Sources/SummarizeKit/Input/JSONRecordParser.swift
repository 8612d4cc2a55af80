/// A small, fast parser for one JSON record: a top-level JSON object from
/// which it extracts a few named fields (an id, a text, and any
/// ``extraFields``) and skips the rest.
///
/// It is the one JSON record reader of the project: `summarize batch`,
/// `summarize eval` and the server's `POST /v1/summarize` all read their
/// records with it, so the same bytes get the same answer everywhere.
///
/// It checks the whole line against the JSON grammar (RFC 8259), so a line
/// that is not one JSON object is reported as such, but it builds nothing
/// for the fields it skips: nested objects and arrays, numbers and literals
/// are only scanned. The text field is decoded (escapes, `\u` surrogate
/// pairs) into bytes; when it has no escapes it is copied in one piece.
///
/// ```swift
/// let parser = JSONRecordParser(idField: "id", textField: "article")
/// let record = try parser.parse(Array(#"{"id":7,"article":"Hello."}"#.utf8))
/// record.id      // .raw("7")
/// ```
///
/// Choices, where JSON leaves room (RFC 8259 §4, §8.1, §8.2):
/// - A field that the parser reads (the id, the text or an extra field)
///   given twice is refused ("field \"text\" appears twice"): readers
///   that keep the first and readers that keep the last would otherwise
///   see different records. Fields it skips are not compared.
/// - A `\u` escape naming a lone surrogate (`\uD800` with no low half, or
///   a low half alone) decodes to U+FFFD, so the text stays valid UTF-8.
/// - A trailing comma (`{"text":"a",}`, `[1,]`) is refused, as the grammar says.
/// - A UTF-8 byte-order mark (EF BB BF) before the record is skipped;
///   anywhere else outside a string it is an error.
/// - The id may be any JSON value: a string is decoded (and written back
///   re-escaped); any other value is kept as its JSON text, verbatim.
///
/// - Complexity: O(n) in the bytes of the line; one allocation for the text
///   (and one for a string id).
public struct JSONRecordParser: Sendable, Hashable {
    /// The name of the field holding the record's id; empty when records have none.
    public var idField: String
    /// The name of the field holding the text to summarize.
    public var textField: String

    /// Further fields to capture, in ``Record/extras`` (same order): a string
    /// is decoded, any other value kept as its JSON text.
    public var extraFields: [String]

    public init(idField: String = "id", textField: String = "text", extraFields: [String] = []) {
        self.idField = idField
        self.textField = textField
        self.extraFields = extraFields
    }

    /// What ``parse(_:)`` found in a record.
    public struct Record: Sendable, Hashable {
        /// The id, or nil when the record has none.
        public var id: JSONValue?
        /// The UTF-8 bytes of the text field decoded, or nil when it is missing.
        public var text: [UInt8]?
        /// Set when the text field is present but is not a string (its JSON type name).
        public var textType: String?
        /// The value of each of ``JSONRecordParser/extraFields``, or nil when it is missing.
        public var extras: [JSONValue?] = []
    }

    /// Why a line could not be read as a JSON object.
    public struct SyntaxError: Error, Sendable, Hashable {
        /// A short description ("expected ':'").
        public var reason: String
        /// The byte offset in the line where the problem was found.
        public var utf8Offset: Int
        /// The id, when it was read before the error.
        public var id: JSONValue?
    }

    /// Parses one line.
    ///
    /// - Throws: ``SyntaxError`` when the line is not exactly one JSON object
    ///   (white space around it is allowed).
    public func parse(_ line: [UInt8]) throws(SyntaxError) -> Record {
        try line.withUnsafeBufferPointer { (bytes) throws(SyntaxError) -> Record in try parse(bytes) }
    }

    /// Parses one line given as a buffer.
    public func parse(_ line: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> Record {
        var scanner = Scanner(bytes: line, idKey: Array(idField.utf8), textKey: Array(textField.utf8),
                              extraKeys: extraFields.map { Array($0.utf8) })
        do {
            return try scanner.record()
        } catch {
            throw SyntaxError(reason: error.reason, utf8Offset: error.offset, id: scanner.found.id)
        }
    }
}

extension JSONRecordParser {
    /// Decodes a JSON array of strings (or one string) given as JSON text, as
    /// found in ``Record/extras``: `["a","b"]` gives `["a", "b"]`, `"a"` gives `["a"]`.
    ///
    /// Strings are decoded by the same rules as record fields.
    /// - Returns: nil when the value is not a string or an array of strings.
    public static func strings(in value: JSONValue) -> [String]? {
        switch value {
        case .string(let s): return [s]
        case .raw(let json):
            var json = json
            return json.withUTF8 { bytes -> [String]? in
                var scanner = Scanner(bytes: bytes, idKey: [], textKey: [])
                return try? scanner.stringArray()
            }
        default: return nil
        }
    }
}

/// A grammar error inside the scanner (mapped to ``JSONRecordParser/SyntaxError``).
struct JSONScanError: Error {
    var reason: String
    var offset: Int
}

extension JSONRecordParser {
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        let idKey: [UInt8]
        let textKey: [UInt8]
        let extraKeys: [[UInt8]]
        var i = 0
        var found = Record(id: nil, text: nil, textType: nil)

        init(bytes: UnsafeBufferPointer<UInt8>, idKey: [UInt8], textKey: [UInt8], extraKeys: [[UInt8]] = []) {
            self.bytes = bytes
            self.idKey = idKey
            self.textKey = textKey
            self.extraKeys = extraKeys
            found.extras = Array(repeating: nil, count: extraKeys.count)
        }

        @inline(__always)
        func fail(_ reason: String) -> JSONScanError { JSONScanError(reason: reason, offset: i) }

        @inline(__always)
        mutating func skipWhitespace() {
            while i < bytes.count {
                let b = bytes[i]
                guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
                i += 1
            }
        }

        mutating func record() throws(JSONScanError) -> Record {
            // A UTF-8 byte-order mark before the record is skipped (RFC 8259 §8.1 allows it).
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
            skipWhitespace()
            var seenID = false, seenText = false
            var seenExtra = [Bool](repeating: false, count: extraKeys.count)
            guard i < bytes.count, bytes[i] == 0x7B else { throw fail("expected '{' at the start of the record") }
            i += 1
            skipWhitespace()
            if i < bytes.count, bytes[i] == 0x7D {
                i += 1
            } else {
                while true {
                    skipWhitespace()
                    guard i < bytes.count, bytes[i] == 0x22 else { throw fail("expected a field name in quotes") }
                    let keyOffset = i
                    let field = try key()
                    let seen: Bool
                    switch field {
                    case .id: seen = seenID; seenID = true
                    case .text: seen = seenText; seenText = true
                    case .extra(let k): seen = seenExtra[k]; seenExtra[k] = true
                    case .other: seen = false
                    }
                    if seen {
                        i = keyOffset
                        throw fail("field \"\(fieldName(field))\" appears twice; keep one")
                    }
                    skipWhitespace()
                    guard i < bytes.count, bytes[i] == 0x3A else { throw fail("expected ':' after a field name") }
                    i += 1
                    skipWhitespace()
                    guard i < bytes.count else { throw fail("expected a value") }
                    switch field {
                    case .id: found.id = try idValue()
                    case .text:
                        if bytes[i] == 0x22 {
                            found.text = try decodeString()
                            found.textType = nil
                        } else {
                            found.textType = try skipValue()
                            found.text = nil
                        }
                    case .extra(let k):
                        if bytes[i] == 0x22 {
                            found.extras[k] = .string(String(decoding: try decodeString(), as: UTF8.self))
                        } else {
                            let start = i
                            _ = try skipValue()
                            found.extras[k] = .raw(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                        }
                    case .other: _ = try skipValue()
                    }
                    skipWhitespace()
                    guard i < bytes.count else { throw fail("unterminated object: expected ',' or '}'") }
                    if bytes[i] == 0x2C { i += 1; continue }
                    if bytes[i] == 0x7D { i += 1; break }
                    throw fail("expected ',' or '}' after a value")
                }
            }
            skipWhitespace()
            guard i == bytes.count else { throw fail("unexpected data after the record's closing '}'") }
            return found
        }

        enum Field { case id, text, extra(Int), other }

        func fieldName(_ field: Field) -> String {
            switch field {
            case .id: return String(decoding: idKey, as: UTF8.self)
            case .text: return String(decoding: textKey, as: UTF8.self)
            case .extra(let k): return String(decoding: extraKeys[k], as: UTF8.self)
            case .other: return ""
            }
        }

        /// Which field a decoded (or verbatim) name is.
        func field(named name: UnsafeBufferPointer<UInt8>) -> Field {
            if !idKey.isEmpty, Self.equal(name, idKey) { return .id }
            if Self.equal(name, textKey) { return .text }
            for k in extraKeys.indices where Self.equal(name, extraKeys[k]) { return .extra(k) }
            return .other
        }

        /// Reads a field name (at its opening quote) and tells which field it is.
        mutating func key() throws(JSONScanError) -> Field {
            let start = i + 1
            var j = start
            // Fast path: no escapes in the key.
            while j < bytes.count {
                let b = bytes[j]
                if b == 0x22 { break }
                if b == 0x5C || b < 0x20 { j = -1; break }
                j += 1
            }
            if j >= 0 {
                guard j < bytes.count else { i = j; throw fail("unterminated field name") }
                i = j + 1
                return field(named: UnsafeBufferPointer(rebasing: bytes[start..<j]))
            }
            let name = try decodeString()
            return name.withUnsafeBufferPointer { field(named: $0) }
        }

        @inline(__always)
        static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Bool {
            guard a.count == b.count else { return false }
            var k = 0
            while k < a.count {
                if a[k] != b[k] { return false }
                k += 1
            }
            return true
        }

        /// Reads the id value: a string is decoded, anything else kept as JSON text.
        mutating func idValue() throws(JSONScanError) -> JSONValue {
            if bytes[i] == 0x22 {
                let decoded = try decodeString()
                return .string(String(decoding: decoded, as: UTF8.self))
            }
            let start = i
            _ = try skipValue()
            return .raw(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
        }

        /// An array of strings, the whole input.
        mutating func stringArray() throws(JSONScanError) -> [String] {
            skipWhitespace()
            guard i < bytes.count, bytes[i] == 0x5B else { throw fail("expected '['") }
            i += 1
            var out: [String] = []
            skipWhitespace()
            if i < bytes.count, bytes[i] == 0x5D {
                i += 1
            } else {
                while true {
                    skipWhitespace()
                    guard i < bytes.count, bytes[i] == 0x22 else { throw fail("expected a string") }
                    out.append(String(decoding: try decodeString(), as: UTF8.self))
                    skipWhitespace()
                    guard i < bytes.count else { throw fail("unterminated array") }
                    if bytes[i] == 0x2C { i += 1; continue }
                    if bytes[i] == 0x5D { i += 1; break }
                    throw fail("expected ',' or ']' in an array")
                }
            }
            skipWhitespace()
            guard i == bytes.count else { throw fail("unexpected data after the array") }
            return out
        }

        /// Skips one value and returns its JSON type name.
        mutating func skipValue() throws(JSONScanError) -> String {
            var depth = 0
            var kind = ""
            repeat {
                skipWhitespace()
                guard i < bytes.count else { throw fail("expected a value") }
                let b = bytes[i]
                var value = true
                switch b {
                case 0x22:
                    try skipString()
                    if depth == 0 { kind = "string" }
                case 0x7B, 0x5B:   // { [
                    if depth == 0 { kind = b == 0x7B ? "object" : "array" }
                    try openContainer()
                    depth += 1
                    value = false
                    // An empty container closes at once.
                    skipWhitespace()
                    if i < bytes.count, bytes[i] == (b == 0x7B ? 0x7D : 0x5D) {
                        containers.removeLast()
                        i += 1
                        depth -= 1
                        value = true
                    } else if b == 0x7B {
                        try objectMemberStart()
                    }
                case 0x74: try literal("true"); if depth == 0 { kind = "boolean" }
                case 0x66: try literal("false"); if depth == 0 { kind = "boolean" }
                case 0x6E: try literal("null"); if depth == 0 { kind = "null" }
                default:
                    guard b == 0x2D || (b &- 0x30) < 10 else { throw fail("expected a value") }
                    try skipNumber()
                    if depth == 0 { kind = "number" }
                }
                // After a complete value inside containers: ',' continues, a closer ends.
                while value, depth > 0 {
                    skipWhitespace()
                    guard i < bytes.count else { throw fail("unterminated array or object") }
                    let c = bytes[i]
                    let isObject = containers.last == true
                    if c == 0x2C {
                        i += 1
                        if isObject { skipWhitespace(); try objectMemberStart() }
                        value = false
                    } else if c == (isObject ? 0x7D : 0x5D) {
                        i += 1
                        containers.removeLast()
                        depth -= 1
                    } else {
                        throw fail(isObject ? "expected ',' or '}' in an object" : "expected ',' or ']' in an array")
                    }
                }
            } while depth > 0
            return kind
        }

        /// The kinds of the open containers while skipping (true: object).
        var containers: [Bool] = []

        mutating func openContainer() throws(JSONScanError) {
            guard containers.count < 512 else { throw fail("nested too deeply") }
            containers.append(bytes[i] == 0x7B)
            i += 1
        }

        /// Inside an object, before a member: `"name" :`.
        mutating func objectMemberStart() throws(JSONScanError) {
            guard i < bytes.count, bytes[i] == 0x22 else { throw fail("expected a field name in quotes") }
            try skipString()
            skipWhitespace()
            guard i < bytes.count, bytes[i] == 0x3A else { throw fail("expected ':' after a field name") }
            i += 1
        }

        mutating func literal(_ word: StaticString) throws(JSONScanError) {
            let n = word.utf8CodeUnitCount
            guard i + n <= bytes.count else { throw fail("expected a value") }
            let w = word.utf8Start
            for k in 0..<n where bytes[i + k] != w[k] { throw fail("expected a value") }
            i += n
        }

        mutating func skipNumber() throws(JSONScanError) {
            if bytes[i] == 0x2D { i += 1 }
            guard i < bytes.count, (bytes[i] &- 0x30) < 10 else { throw fail("invalid number") }
            if bytes[i] == 0x30 { i += 1 } else { while i < bytes.count, (bytes[i] &- 0x30) < 10 { i += 1 } }
            if i < bytes.count, bytes[i] == 0x2E {
                i += 1
                guard i < bytes.count, (bytes[i] &- 0x30) < 10 else { throw fail("invalid number") }
                while i < bytes.count, (bytes[i] &- 0x30) < 10 { i += 1 }
            }
            if i < bytes.count, bytes[i] | 0x20 == 0x65 {   // e E
                i += 1
                if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
                guard i < bytes.count, (bytes[i] &- 0x30) < 10 else { throw fail("invalid number") }
                while i < bytes.count, (bytes[i] &- 0x30) < 10 { i += 1 }
            }
        }

        /// Skips a string (at its opening quote), checking its escapes.
        mutating func skipString() throws(JSONScanError) {
            i += 1
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x22 { i += 1; return }
                if b == 0x5C {
                    guard i + 1 < bytes.count else { break }
                    switch bytes[i + 1] {
                    case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: i += 2
                    case 0x75:
                        i += 2
                        _ = try hex4()
                    default: i += 1; throw fail("invalid escape in a string")
                    }
                    continue
                }
                if b < 0x20 { throw fail("control character in a string (escape it)") }
                i += 1
            }
            throw fail("unterminated string")
        }

        /// Four hex digits at `i`; advances past them.
        mutating func hex4() throws(JSONScanError) -> UInt32 {
            guard i + 4 <= bytes.count else { throw fail("invalid \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[i]
                let digit: UInt32
                if (b &- 0x30) < 10 { digit = UInt32(b &- 0x30) }
                else if (b | 0x20) &- 0x61 < 6 { digit = UInt32((b | 0x20) &- 0x61) + 10 }
                else { throw fail("invalid \\u escape") }
                value = value << 4 | digit
                i += 1
            }
            return value
        }

        /// Decodes a string (at its opening quote) into UTF-8 bytes.
        /// The first offset at or after `start` whose 8-byte word may hold a quote, a backslash
        /// or a control character (or where fewer than 8 bytes remain): string bytes are skipped
        /// a word at a time, and the byte loops take over from there.
        @inline(__always)
        func plainRunEnd(from start: Int) -> Int {
            guard bytes.baseAddress != nil else { return start }
            var i = start
            while i + 8 <= bytes.count {
                let word = ByteClass.word(bytes, at: i)
                if ByteClass.mayEqual(word, 0x22) | ByteClass.mayEqual(word, 0x5C) | ByteClass.mayBeBelow(word, 0x20) != 0 {
                    return i
                }
                i += 8
            }
            return i
        }

        /// The offset of the first '"', '\\' or control byte at or after `start` (or the end):
        /// sixteen bytes at a time, then eight (the first flagged byte of a word is exact).
        @inline(__always)
        func nextSpecial(from start: Int) -> Int {
            var i = start
            if let base = bytes.baseAddress {
                // Sixteen bytes a step (an article's runs between escapes are a few hundred bytes long).
                typealias Bytes = SIMD16<UInt8>
                while i + 16 <= bytes.count {
                    let v = UnsafeRawPointer(base + i).loadUnaligned(as: Bytes.self)
                    let special = (v .== Bytes(repeating: 0x22)) .| (v .== Bytes(repeating: 0x5C)) .| (v .< Bytes(repeating: 0x20))
                    let lane = ByteClass.firstLane(special)
                    if lane < 16 { return i + lane }
                    i += 16
                }
                while i + 8 <= bytes.count {
                    let word = ByteClass.word(bytes, at: i)
                    let special = ByteClass.mayEqual(word, 0x22) | ByteClass.mayEqual(word, 0x5C) | ByteClass.mayBeBelow(word, 0x20)
                    if special != 0 { return i + special.trailingZeroBitCount >> 3 }
                    i += 8
                }
            }
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x22 || b == 0x5C || b < 0x20 { return i }
                i += 1
            }
            return i
        }

        mutating func decodeString() throws(JSONScanError) -> [UInt8] {
            i += 1
            let start = i
            // Fast path: find the closing quote; stop at the first escape.
            i = nextSpecial(from: i)
            guard i < bytes.count else { throw fail("unterminated string") }
            if bytes[i] == 0x22 {
                let out = Array(UnsafeBufferPointer(rebasing: bytes[start..<i]))
                i += 1
                return out
            }
            if bytes[i] != 0x5C { throw fail("control character in a string (escape it)") }
            // With escapes: written in place into one buffer, which the decoded string never
            // outgrows (an escape is never shorter than what it stands for).
            var failure: JSONScanError? = nil
            let out = [UInt8](unsafeUninitializedCapacity: bytes.count - start) { buffer, count in
                let target = buffer.baseAddress!
                var n = i - start
                target.initialize(from: bytes.baseAddress! + start, count: n)
                @inline(__always) func put(_ byte: UInt8) { target[n] = byte; n += 1 }
                while true {
                    guard i < bytes.count else { failure = fail("unterminated string"); break }
                    let b = bytes[i]
                    if b == 0x22 { i += 1; break }
                    if b < 0x20 { failure = fail("control character in a string (escape it)"); break }
                    if b != 0x5C {
                        // Copy the run up to the next quote, backslash or control byte in one piece.
                        let runStart = i
                        i = nextSpecial(from: i + 1)
                        (target + n).initialize(from: bytes.baseAddress! + runStart, count: i - runStart)
                        n += i - runStart
                        continue
                    }
                    guard i + 1 < bytes.count else { failure = fail("unterminated string"); break }
                    let e = bytes[i + 1]
                    i += 2
                    switch e {
                    case 0x22: put(0x22)
                    case 0x5C: put(0x5C)
                    case 0x2F: put(0x2F)
                    case 0x62: put(0x08)
                    case 0x66: put(0x0C)
                    case 0x6E: put(0x0A)
                    case 0x72: put(0x0D)
                    case 0x74: put(0x09)
                    case 0x75:
                        do throws(JSONScanError) {
                            var scalar = try hex4()
                            if scalar & 0xFC00 == 0xD800 {
                                // A high surrogate: a low one must follow as \uDC00-\uDFFF.
                                if i + 6 <= bytes.count, bytes[i] == 0x5C, bytes[i + 1] == 0x75 {
                                    let save = i
                                    i += 2
                                    let low = try hex4()
                                    if low & 0xFC00 == 0xDC00 {
                                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                                    } else {
                                        scalar = 0xFFFD
                                        i = save   // the second escape is decoded on its own
                                    }
                                } else {
                                    scalar = 0xFFFD
                                }
                            } else if scalar & 0xFC00 == 0xDC00 {
                                scalar = 0xFFFD   // a lone low surrogate
                            }
                            n += Self.writeUTF8(scalar, to: target + n)
                        } catch {
                            failure = error
                        }
                    default:
                        i -= 1
                        failure = fail("invalid escape in a string")
                    }
                    if failure != nil { break }
                }
                count = n
            }
            if let failure { throw failure }
            return out
        }

        /// Writes the UTF-8 bytes of `scalar` at `target`; returns how many.
        @inline(__always)
        static func writeUTF8(_ scalar: UInt32, to target: UnsafeMutablePointer<UInt8>) -> Int {
            switch scalar {
            case 0..<0x80:
                target[0] = UInt8(scalar)
                return 1
            case 0x80..<0x800:
                target[0] = UInt8(0xC0 | scalar >> 6); target[1] = UInt8(0x80 | scalar & 0x3F)
                return 2
            case 0x800..<0x10000:
                target[0] = UInt8(0xE0 | scalar >> 12); target[1] = UInt8(0x80 | (scalar >> 6) & 0x3F)
                target[2] = UInt8(0x80 | scalar & 0x3F)
                return 3
            default:
                target[0] = UInt8(0xF0 | scalar >> 18); target[1] = UInt8(0x80 | (scalar >> 12) & 0x3F)
                target[2] = UInt8(0x80 | (scalar >> 6) & 0x3F); target[3] = UInt8(0x80 | scalar & 0x3F)
                return 4
            }
        }
    }
}
