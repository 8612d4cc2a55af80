/// The versioned JSON wire format of a summary, kept apart from the library
/// types so the library can change without breaking consumers.
///
/// Schema version 1 (keys always in this order, one line, no spaces):
/// ```json
/// {"schemaVersion":1,"keyPoints":[{"text":"...","sentenceIndex":0,"utf8Range":[0,120],"score":0.081234}],"sentenceCount":24,"language":"en"}
/// ```
/// - `language`: the language the text was summarized as, ISO 639-1 ("en", "fr", "zh" …), or "und" when
///   it could not be told (short or mixed text, summarized language-neutrally). Added within version 1.
/// - `utf8Range`: `[start, end)` byte offsets of the bullet's text in the input.
/// - `score`: the sentence's centrality, rounded to 6 decimals.
public enum SummaryJSON {
    /// The schema version written by this library.
    public static let schemaVersion = 1

    /// The summary as one line of JSON (no trailing newline).
    public static func encode(_ summary: Summary, extraFields: [(String, JSONValue)] = []) -> String {
        // Built as bytes: string interpolation costs more than the rest of the encoding.
        var out: [UInt8] = []
        out.reserveCapacity(128 + summary.keyPoints.reduce(0) { $0 + $1.text.utf8.count + 96 })
        out.append(0x7B)   // {
        for (key, value) in extraFields {
            var field = ""
            appendString(key, to: &field); field += ":"; value.append(to: &field); field += ","
            out.append(contentsOf: field.utf8)
        }
        append("\"schemaVersion\":", to: &out)
        appendDecimal(Int64(schemaVersion), to: &out)
        append(",\"keyPoints\":[", to: &out)
        for (n, point) in summary.keyPoints.enumerated() {
            if n > 0 { out.append(0x2C) }
            append("{\"text\":", to: &out)
            appendStringBytes(point.text, to: &out)
            append(",\"sentenceIndex\":", to: &out)
            appendDecimal(Int64(point.sentenceIndex), to: &out)
            append(",\"utf8Range\":[", to: &out)
            appendDecimal(Int64(point.utf8Range.lowerBound), to: &out)
            out.append(0x2C)
            appendDecimal(Int64(point.utf8Range.upperBound), to: &out)
            append("],\"score\":", to: &out)
            appendScore(point.score, to: &out)
            out.append(0x7D)   // }
        }
        append("],\"sentenceCount\":", to: &out)
        appendDecimal(Int64(summary.sentenceCount), to: &out)
        append(",\"language\":", to: &out)
        appendStringBytes(summary.language.code, to: &out)
        out.append(0x7D)
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    private static func append(_ literal: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends `value` in decimal, as `String(value)` writes it.
    static func appendDecimal(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(0x2D) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: room for 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(truncatingIfNeeded: magnitude % 10) + 0x30
                magnitude /= 10
                count += 1
            } while magnitude > 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)...]))
        }
    }

    /// Appends ``formatScore(_:)`` of `score`.
    static func appendScore(_ score: Double, to out: inout [UInt8]) {
        guard score.isFinite else { out.append(0x30); return }
        let micro = Int64((score * 1_000_000).rounded())
        if micro < 0 && micro > -1_000_000 { out.append(0x2D) }   // "-0.5": the whole part has no sign
        appendDecimal(micro / 1_000_000, to: &out)
        var fraction = (micro % 1_000_000).magnitude
        guard fraction != 0 else { return }
        var width = 6
        while fraction % 10 == 0 { fraction /= 10; width -= 1 }
        out.append(0x2E)
        var scale: UInt64 = 1
        for _ in 1..<width { scale *= 10 }
        while scale > 0 {
            out.append(UInt8(truncatingIfNeeded: (fraction / scale) % 10) + 0x30)
            scale /= 10
        }
    }

    /// A score rounded to 6 decimals, written the same way on every platform
    /// (trailing zeros dropped: `0.0812`, `1`).
    public static func formatScore(_ score: Double) -> String {
        var out: [UInt8] = []
        appendScore(score, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// ``appendString(_:to:)`` into a byte buffer.
    static func appendStringBytes(_ value: String, to out: inout [UInt8]) {
        var value = value
        value.withUTF8 { appendEscaped($0, to: &out) }
    }

    /// Appends `value` as a JSON string literal (UTF-8 kept as is; quotes,
    /// backslashes, control characters and U+2028/U+2029 escaped).
    public static func appendString(_ value: String, to out: inout String) {
        var value = value
        // Fast path: nothing to escape (the usual bullet), append the string itself.
        let clean = value.withUTF8 { nextSpecial($0, from: 0) == $0.count }
        if clean {
            out += "\""; out += value; out += "\""
            return
        }
        var bytes: [UInt8] = []
        value.withUTF8 { source in
            bytes.reserveCapacity(source.count + 16)
            appendEscaped(source, to: &bytes)
        }
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the JSON string literal of the UTF-8 `source`: runs without special bytes are copied
    /// whole, found eight bytes at a time.
    static func appendEscaped(_ source: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(0x22)
        let hex: StaticString = "0123456789abcdef"
        var i = 0
        while i < source.count {
            let special = nextSpecial(source, from: i)
            if special > i { out.append(contentsOf: UnsafeBufferPointer(rebasing: source[i..<special])) }
            i = special
            guard i < source.count else { break }
            let b = source[i]
            switch b {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0x09: out.append(0x5C); out.append(0x74)
            case 0x00..<0x20:
                out.append(0x5C); out.append(0x75); out.append(0x30); out.append(0x30)
                out.append(hex.utf8Start[Int(b >> 4)]); out.append(hex.utf8Start[Int(b & 0xF)])
            case 0xE2 where i + 2 < source.count && source[i + 1] == 0x80 && (source[i + 2] == 0xA8 || source[i + 2] == 0xA9):
                // \u2028 or \u2029
                out.append(0x5C); out.append(0x75); out.append(0x32); out.append(0x30); out.append(0x32)
                out.append(source[i + 2] == 0xA8 ? 0x38 : 0x39)
                i += 2
            default:
                out.append(b)   // 0xE2 opening any other character
            }
            i += 1
        }
        out.append(0x22)
    }

    /// The first index at or after `start` holding a byte that may need escaping (below 0x20, '"', '\\',
    /// or 0xE2, which opens U+2028 and U+2029), or `source.count`.
    @inline(__always)
    static func nextSpecial(_ source: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        while i + 8 <= source.count {
            let word = ByteClass.word(source, at: i)
            // Each test flags its first match and nothing before it, so the lowest flag is a match.
            let flags = ByteClass.mayBeBelow(word, 0x20) | ByteClass.mayEqual(word, 0x22)
                | ByteClass.mayEqual(word, 0x5C) | ByteClass.mayEqual(word, 0xE2)
            if flags != 0 { return i + flags.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < source.count {
            let b = source[i]
            if b < 0x20 || b == 0x22 || b == 0x5C || b == 0xE2 { return i }
            i += 1
        }
        return source.count
    }
}

/// A small JSON value for extra fields written next to a summary (an id, a file name).
public enum JSONValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case null
    /// Pre-encoded JSON, written as is.
    case raw(String)

    public func append(to out: inout String) {
        switch self {
        case .string(let s): SummaryJSON.appendString(s, to: &out)
        case .integer(let i): out += String(i)
        case .number(let d): out += d.isFinite ? "\(d)" : "null"
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .raw(let r): out += r
        }
    }
}
