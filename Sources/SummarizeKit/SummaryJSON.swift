/// The versioned JSON wire format of a summary, kept apart from the library
/// types so the library can change without breaking consumers.
///
/// Schema version 1 (keys always in this order, one line, no spaces):
/// ```json
/// {"schemaVersion":1,"keyPoints":[{"text":"...","sentenceIndex":0,"utf8Range":[0,120],"score":0.081234}],"sentenceCount":24}
/// ```
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
        let clean = value.withUTF8 { source -> Bool in
            for b in source where b < 0x20 || b == 0x22 || b == 0x5C || b == 0xE2 { return false }
            out.append(0x22); out.append(contentsOf: source); out.append(0x22)
            return true
        }
        if clean { return }
        var escaped = ""
        appendString(value, to: &escaped)
        out.append(contentsOf: escaped.utf8)
    }

    /// Appends `value` as a JSON string literal (UTF-8 kept as is; quotes,
    /// backslashes, control characters and U+2028/U+2029 escaped).
    public static func appendString(_ value: String, to out: inout String) {
        var value = value
        // Fast path: nothing to escape (the usual bullet), append the string itself.
        let clean = value.withUTF8 { source -> Bool in
            for b in source where b < 0x20 || b == 0x22 || b == 0x5C || b == 0xE2 { return false }
            return true
        }
        if clean {
            out += "\""; out += value; out += "\""
            return
        }
        var bytes: [UInt8] = []
        value.withUTF8 { source in
            bytes.reserveCapacity(source.count + 16)
            bytes.append(0x22)
            let hex: StaticString = "0123456789abcdef"
            var i = 0
            while i < source.count {
                let b = source[i]
                switch b {
                case 0x22: bytes.append(0x5C); bytes.append(0x22)
                case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
                case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
                case 0x0D: bytes.append(0x5C); bytes.append(0x72)
                case 0x09: bytes.append(0x5C); bytes.append(0x74)
                case 0x00..<0x20:
                    bytes.append(0x5C); bytes.append(0x75); bytes.append(0x30); bytes.append(0x30)
                    bytes.append(hex.utf8Start[Int(b >> 4)]); bytes.append(hex.utf8Start[Int(b & 0xF)])
                case 0xE2 where i + 2 < source.count && source[i + 1] == 0x80 && (source[i + 2] == 0xA8 || source[i + 2] == 0xA9):
                    // \u2028 or \u2029
                    bytes.append(0x5C); bytes.append(0x75); bytes.append(0x32); bytes.append(0x30); bytes.append(0x32)
                    bytes.append(source[i + 2] == 0xA8 ? 0x38 : 0x39)
                    i += 2
                default:
                    bytes.append(b)
                }
                i += 1
            }
            bytes.append(0x22)
        }
        out += String(decoding: bytes, as: UTF8.self)
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
