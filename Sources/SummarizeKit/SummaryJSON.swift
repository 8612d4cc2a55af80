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
        var out = "{"
        for (key, value) in extraFields {
            appendString(key, to: &out); out += ":"; value.append(to: &out); out += ","
        }
        out += "\"schemaVersion\":\(schemaVersion),\"keyPoints\":["
        for (n, point) in summary.keyPoints.enumerated() {
            if n > 0 { out += "," }
            out += "{\"text\":"
            appendString(point.text, to: &out)
            out += ",\"sentenceIndex\":\(point.sentenceIndex)"
            out += ",\"utf8Range\":[\(point.utf8Range.lowerBound),\(point.utf8Range.upperBound)]"
            out += ",\"score\":\(formatScore(point.score))}"
        }
        out += "],\"sentenceCount\":\(summary.sentenceCount)}"
        return out
    }

    /// A score rounded to 6 decimals, written the same way on every platform.
    public static func formatScore(_ score: Double) -> String {
        guard score.isFinite else { return "0" }
        let micro = Int64((score * 1_000_000).rounded())
        let whole = micro / 1_000_000
        var fraction = String(micro % 1_000_000)
        while fraction.count < 6 { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? "\(whole)" : "\(whole).\(fraction)"
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
