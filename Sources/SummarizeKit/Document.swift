/// The text being summarized, kept byte for byte.
///
/// Every later stage refers to the document through UTF-8 byte ranges
/// (`utf8Range`), so what a user is shown is always a slice of the original
/// input, never a normalized copy of it.
///
/// ```swift
/// let document = Document("Hello world. Bye.")
/// document.string(in: 0..<12)   // "Hello world."
/// ```
public struct Document: Sendable, Hashable {
    /// The UTF-8 bytes of the original text.
    public let utf8: [UInt8]

    /// Creates a document from a string (always valid UTF-8).
    public init(_ text: String) {
        var text = text
        self.utf8 = text.withUTF8 { Array($0) }
    }

    /// Creates a document from bytes that must be valid UTF-8.
    ///
    /// - Throws: ``SummarizeError`` with code `.invalidUTF8` and the offset of
    ///   the first byte that does not decode.
    public init(validatingUTF8 bytes: [UInt8]) throws(SummarizeError) {
        if let offset = UTF8Validation.firstInvalidOffset(in: bytes) {
            throw SummarizeError.invalidUTF8(at: offset)
        }
        self.utf8 = bytes
    }

    /// Creates a document from bytes that are known to be valid UTF-8.
    init(unchecked bytes: [UInt8]) {
        self.utf8 = bytes
    }

    /// The number of UTF-8 bytes.
    public var byteCount: Int { utf8.count }

    /// The original text.
    public var text: String { String(decoding: utf8, as: UTF8.self) }

    /// Calls `body` with the document's bytes.
    @inlinable
    public func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try utf8.withUnsafeBufferPointer(body)
    }

    /// The original text in `range`, exactly as it appears in the input.
    /// A range reaching past the text is clamped to it.
    public func string(in range: Range<Int>) -> String {
        String(decoding: utf8[range.clamped(to: 0..<utf8.count)], as: UTF8.self)
    }

    /// The text in `range` with every run of white space (including line
    /// breaks) collapsed to one space and the ends trimmed: how a sentence is
    /// shown as a bullet.
    public func collapsedString(in range: Range<Int>) -> String {
        let range = range.clamped(to: 0..<utf8.count)   // never past the text
        // The result is never longer than the range: written straight into the string's storage.
        let collapsed = withUTF8 { bytes in
            String(unsafeUninitializedCapacity: range.count) { out in
                var count = 0
                var i = range.lowerBound
                var pendingSpace = false
                while i < range.upperBound {
                    // Eight printable ASCII bytes that start with no space and hold no two spaces in a
                    // row are copied whole, but for a last space, which waits to see what follows it.
                    // (The output never runs ahead of the input, so eight bytes always fit.)
                    if i + 8 <= range.upperBound {
                        let word = ByteClass.word(bytes, at: i)
                        let spaces = ByteClass.equalMask(word, 0x20)
                        if (ByteClass.mayBeBelow(word, 0x20) | word) & ByteClass.highBits == 0,
                           spaces & (spaces << 8 | 0x80) == 0 {
                            if pendingSpace { out[count] = 0x20; count += 1; pendingSpace = false }
                            UnsafeMutableRawPointer(out.baseAddress! + count).storeBytes(of: word.littleEndian, as: UInt64.self)
                            let copied = spaces >> 63 == 0 ? 8 : 7
                            count += copied
                            i += copied
                            continue
                        }
                    }
                    let width = UTF8Scalars.whitespaceWidth(bytes, at: i, end: range.upperBound)
                    if width > 0 {
                        pendingSpace = count > 0
                        i += width
                        continue
                    }
                    if pendingSpace { out[count] = 0x20; count += 1; pendingSpace = false }
                    out[count] = bytes[i]
                    count += 1
                    i += 1
                }
                return count
            }
        }
        return collapsed
    }
}

/// Where one sentence of a ``Document`` lies, and what kind of block it is.
public struct SentenceSpan: Sendable, Hashable {
    /// What kind of text block a span comes from.
    public enum Kind: UInt8, Sendable, Hashable, Codable {
        /// A sentence of running prose.
        case prose
        /// A heading line (Markdown `#`, or a short title line standing alone).
        case heading
        /// An item of a bulleted or numbered list.
        case listItem
    }

    /// The sentence's bytes in the original text, without surrounding white space.
    public var utf8Range: Range<Int>
    /// The index of the paragraph (block between blank lines) holding the sentence.
    public var paragraphIndex: Int
    /// The kind of block the sentence comes from.
    public var kind: Kind

    public init(utf8Range: Range<Int>, paragraphIndex: Int = 0, kind: Kind = .prose) {
        self.utf8Range = utf8Range
        self.paragraphIndex = paragraphIndex
        self.kind = kind
    }
}

/// Byte-level helpers for UTF-8 that do not build `String`s.
enum UTF8Scalars {
    /// Decodes the scalar starting at `i` (which must be a lead byte of valid UTF-8).
    /// Returns the scalar value and its width in bytes.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: UInt32, width: Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0, i + 1 < bytes.count {
            return (((b0 & 0x1F) << 6) | (UInt32(bytes[i + 1]) & 0x3F), 2)
        }
        if b0 < 0xF0, i + 2 < bytes.count {
            return (((b0 & 0x0F) << 12) | ((UInt32(bytes[i + 1]) & 0x3F) << 6) | (UInt32(bytes[i + 2]) & 0x3F), 3)
        }
        if i + 3 < bytes.count {
            return (((b0 & 0x07) << 18) | ((UInt32(bytes[i + 1]) & 0x3F) << 12)
                    | ((UInt32(bytes[i + 2]) & 0x3F) << 6) | (UInt32(bytes[i + 3]) & 0x3F), 4)
        }
        return (0xFFFD, 1)
    }

    /// The width of the white-space scalar at `i`, or 0 when the scalar there
    /// is not white space. Covers ASCII space and controls, NEL, NBSP, the
    /// U+2000 block spaces, line/paragraph separators, narrow NBSP, the
    /// ideographic space and the byte-order mark.
    @inline(__always)
    static func whitespaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int {
        let b = bytes[i]
        if b < 0x80 {
            return (b == 0x20 || (b >= 0x09 && b <= 0x0D) || b == 0) ? 1 : 0
        }
        if b == 0xC2, i + 1 < end, bytes[i + 1] == 0x85 || bytes[i + 1] == 0xA0 { return 2 }
        if b == 0xE2, i + 2 < end {
            let b1 = bytes[i + 1], b2 = bytes[i + 2]
            if b1 == 0x80, (b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF { return 3 }
            if b1 == 0x81, b2 == 0x9F { return 3 }
        }
        if b == 0xE3, i + 2 < end, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 { return 3 }
        if b == 0xEF, i + 2 < end, bytes[i + 1] == 0xBB, bytes[i + 2] == 0xBF { return 3 }
        return 0
    }
}

/// UTF-8 validation that reports where the input first goes wrong.
enum UTF8Validation {
    /// The offset of the first byte that does not start or continue a valid
    /// UTF-8 sequence, or nil when all of `bytes` is valid.
    static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { p -> Int? in
            let n = p.count
            var i = 0
            while i < n {
                // ASCII runs, sixteen then eight bytes at a time where aligned reads are not needed.
                while i + 16 <= n {
                    let base = UnsafeRawPointer(p.baseAddress! + i)
                    let words = base.loadUnaligned(as: UInt64.self) | base.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                    if words & 0x8080_8080_8080_8080 != 0 { break }
                    i += 16
                }
                while i + 8 <= n {
                    let word = UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 != 0 { break }
                    i += 8
                }
                if i >= n { break }
                let b0 = p[i]
                if b0 < 0x80 { i += 1; continue }
                var need = 0
                var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
                switch b0 {
                case 0xC2...0xDF: need = 1
                case 0xE0: need = 2; lower = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: need = 2
                case 0xED: need = 2; upper = 0x9F
                case 0xF0: need = 3; lower = 0x90
                case 0xF1...0xF3: need = 3
                case 0xF4: need = 3; upper = 0x8F
                default: return i
                }
                if i + need >= n { return i }  // truncated sequence at the end
                let b1 = p[i + 1]
                if b1 < lower || b1 > upper { return i }
                var k = 2
                while k <= need {
                    let bk = p[i + k]
                    if bk < 0x80 || bk > 0xBF { return i }
                    k += 1
                }
                i += need + 1
            }
            return nil
        }
    }
}
