/// Turns raw input bytes into a ``Document``: byte-order marks, UTF-16,
/// binary files and invalid UTF-8 are handled here, before any stage runs.
///
/// ```swift
/// let document = try InputDecoder().decode(bytes)          // strict UTF-8
/// let lenient  = try InputDecoder(lossy: true).decode(bytes)
/// ```
///
/// - UTF-8 with or without a byte-order mark is kept byte for byte (the
///   mark counts as white space), so `utf8Range`s index the input as given.
/// - UTF-16 (and UTF-32) with a byte-order mark is decoded to UTF-8; ranges
///   then index the decoded UTF-8 text. Unpaired surrogates and a stray last
///   byte become U+FFFD, so nothing is dropped silently.
/// - Data that looks binary (NUL-heavy, or a PDF, image or archive
///   signature) is refused with `.binaryInput`; so is UTF-16 without a
///   byte-order mark, with a message that says so and how to convert it.
/// - Invalid UTF-8 throws `.invalidUTF8` with the byte offset, unless
///   `lossy` is set, which replaces each bad sequence with U+FFFD.
public struct InputDecoder: Sendable, Hashable {
    /// Replace invalid UTF-8 instead of failing.
    public var lossy: Bool
    /// Largest input accepted, in bytes.
    public var maxInputBytes: Int

    public init(lossy: Bool = false, maxInputBytes: Int = 64 << 20) {
        self.lossy = lossy
        self.maxInputBytes = maxInputBytes
    }

    public func decode(_ bytes: [UInt8]) throws(SummarizeError) -> Document {
        guard bytes.count <= maxInputBytes else {
            throw SummarizeError(
                code: .inputTooLarge,
                message: "Input is \(bytes.count) bytes, over the limit of \(maxInputBytes) bytes. "
                    + "Split the text, or raise the limit (--max-bytes).")
        }
        if bytes.count >= 4 {
            if bytes[0] == 0xFF, bytes[1] == 0xFE, bytes[2] == 0, bytes[3] == 0 { return Document(unchecked: Self.utf32(bytes, bigEndian: false)) }
            if bytes[0] == 0, bytes[1] == 0, bytes[2] == 0xFE, bytes[3] == 0xFF { return Document(unchecked: Self.utf32(bytes, bigEndian: true)) }
        }
        if bytes.count >= 2 {
            if bytes[0] == 0xFF, bytes[1] == 0xFE { return Document(unchecked: Self.utf16(bytes, bigEndian: false)) }
            if bytes[0] == 0xFE, bytes[1] == 0xFF { return Document(unchecked: Self.utf16(bytes, bigEndian: true)) }
        }
        if let kind = Self.binaryKind(bytes) {
            if kind == Self.manyControlBytes, let endianness = Self.utf16WithoutMark(bytes) {
                throw SummarizeError(
                    code: .binaryInput,
                    message: "This looks like UTF-16 (\(endianness)) text without a byte-order mark. Convert it to "
                        + "UTF-8 first, for example with iconv -f UTF-16\(endianness == "little-endian" ? "LE" : "BE") -t UTF-8.")
            }
            throw SummarizeError(
                code: .binaryInput,
                message: "This looks like binary data (\(kind)), not text. Extract the text first, "
                    + "for example with pdftotext for a PDF, and summarize that.")
        }
        if let offset = UTF8Validation.firstInvalidOffset(in: bytes) {
            guard lossy else { throw SummarizeError.invalidUTF8(at: offset) }
            return Document(unchecked: Self.repairUTF8(bytes))
        }
        return Document(unchecked: bytes)
    }

    static let manyControlBytes = "many control bytes"

    /// "little-endian" or "big-endian" when `bytes` look like UTF-16 with no byte-order
    /// mark: in the first 4 KiB, at least 30 % of the bytes at one parity (odd offsets for
    /// little-endian) are NUL and almost none at the other, as in Latin text.
    static func utf16WithoutMark(_ bytes: [UInt8]) -> String? {
        let sample = bytes.prefix(4096)
        guard sample.count >= 16 else { return nil }
        var nulAtEven = 0, nulAtOdd = 0
        for (i, b) in sample.enumerated() where b == 0 {
            if i & 1 == 0 { nulAtEven += 1 } else { nulAtOdd += 1 }
        }
        let half = sample.count / 2
        if nulAtOdd * 10 >= half * 3, nulAtEven * 50 <= half { return "little-endian" }
        if nulAtEven * 10 >= half * 3, nulAtOdd * 50 <= half { return "big-endian" }
        return nil
    }

    /// A name for the binary format `bytes` appears to be, or nil for text.
    static func binaryKind(_ bytes: [UInt8]) -> String? {
        func starts(_ prefix: [UInt8]) -> Bool { bytes.count >= prefix.count && Array(bytes.prefix(prefix.count)) == prefix }
        if starts(Array("%PDF-".utf8)) { return "a PDF document" }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return "a PNG image" }
        if starts([0xFF, 0xD8, 0xFF]) { return "a JPEG image" }
        if starts(Array("GIF8".utf8)) { return "a GIF image" }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return "a ZIP archive or office document" }
        if starts([0x1F, 0x8B]) { return "gzip-compressed data; decompress it first" }
        if starts([0x7F, 0x45, 0x4C, 0x46]) { return "an executable" }
        // Many NUL or other control bytes in the first 4 KiB: not text. A few NULs
        // inside real text (scraper debris) are tolerated.
        let sample = bytes.prefix(4096)
        guard !sample.isEmpty else { return nil }
        var controls = 0
        for b in sample where b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B) { controls += 1 }
        if controls * 10 > sample.count { return manyControlBytes }
        return nil
    }

    static func utf16(_ bytes: [UInt8], bigEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 2
        while i + 1 < bytes.count {
            units.append(bigEndian ? UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
                                   : UInt16(bytes[i + 1]) << 8 | UInt16(bytes[i]))
            i += 2
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: Unicode.UTF16.decode(units))   // unpaired surrogates become U+FFFD
        if bytes.count % 2 == 1 { text.append("\u{FFFD}") }     // half a code unit at the end
        return Array(String(text).utf8)
    }

    static func utf32(_ bytes: [UInt8], bigEndian: Bool) -> [UInt8] {
        var text = String.UnicodeScalarView()
        text.reserveCapacity(bytes.count / 4)
        var i = 4
        while i + 3 < bytes.count {
            let value = bigEndian
                ? UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16 | UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3])
                : UInt32(bytes[i + 3]) << 24 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i])
            text.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            i += 4
        }
        if i < bytes.count { text.append("\u{FFFD}") }      // a partial code unit at the end
        return Array(String(text).utf8)
    }

    static func repairUTF8(_ bytes: [UInt8]) -> [UInt8] {
        Array(String(decoding: bytes, as: UTF8.self).utf8)
    }
}

extension Unicode.UTF16 {
    /// The scalars of `units`, with U+FFFD for each unpaired surrogate.
    static func decode(_ units: [UInt16]) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(units.count)
        var iterator = units.makeIterator()
        var decoder = Unicode.UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): result.append(scalar)
            case .emptyInput: break loop
            case .error: result.append("\u{FFFD}")
            }
        }
        return result
    }
}

