import CUTF8Proc

/// Unicode normalization for match keys: NFKC with case folding, over utf8proc.
///
/// The normalizer never rewrites the text users see; it only produces the
/// keys that tokens are compared by. ASCII input skips utf8proc entirely
/// (NFKC is the identity on ASCII, and case folding is `A-Z` → `a-z`).
///
/// ```swift
/// let normalizer = Normalizer()                    // NFKC + case fold
/// try normalizer.normalize("Ｆｕｌｌｗｉｄｔｈ ÉCOLE")   // "fullwidth école"
/// ```
public struct Normalizer: Sendable, Hashable {
    /// Independent normalization switches, mapping one to one onto utf8proc options.
    public struct Options: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// Compatibility decomposition (the K in NFKC): `ﬁ` → `fi`, `①` → `1`.
        public static let compatibility = Options(rawValue: 1 << 0)
        /// Unicode case folding: `Straße` → `strasse`.
        public static let caseFold = Options(rawValue: 1 << 1)
        /// Remove combining marks (accents): `é` → `e`.
        public static let stripMarks = Options(rawValue: 1 << 2)
        /// Lump look-alike punctuation together (curly quotes, dashes, spaces).
        public static let lumpPunctuation = Options(rawValue: 1 << 3)

        /// NFKC plus case folding: the options tokens are keyed by.
        public static let `default`: Options = [.compatibility, .caseFold]
    }

    /// The switches in force.
    public var options: Options

    /// The Unicode version of the linked utf8proc, e.g. "15.0.0".
    public static var unicodeVersion: String { String(cString: utf8proc_unicode_version()) }

    public init(options: Options = .default) {
        self.options = options
    }

    var utf8procOptions: utf8proc_option_t {
        var raw = UTF8PROC_STABLE.rawValue | UTF8PROC_COMPOSE.rawValue
        if options.contains(.compatibility) { raw |= UTF8PROC_COMPAT.rawValue }
        if options.contains(.caseFold) { raw |= UTF8PROC_CASEFOLD.rawValue }
        if options.contains(.stripMarks) { raw |= UTF8PROC_STRIPMARK.rawValue }
        if options.contains(.lumpPunctuation) { raw |= UTF8PROC_LUMP.rawValue }
        return utf8proc_option_t(rawValue: raw)
    }

    /// Normalizes a string.
    ///
    /// - Throws: ``SummarizeError`` with code `.normalizationFailed` when
    ///   utf8proc rejects the input (it cannot for a valid Swift string).
    public func normalize(_ text: String) throws(SummarizeError) -> String {
        var scratch = Scratch()
        var output: [UInt8] = []
        var text = text
        let ok = text.withUTF8 { normalize($0, into: &output, scratch: &scratch) }
        guard ok else {
            throw SummarizeError(code: .normalizationFailed,
                                 message: "utf8proc could not normalize the text; check that it is valid UTF-8.")
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Reusable working memory, so normalizing a token does not allocate.
    public struct Scratch: Sendable {
        var codePoints: [Int32] = []
        public init() {}
    }

    /// Normalizes UTF-8 bytes into `output` (cleared first).
    ///
    /// Returns false when utf8proc reports an error (invalid UTF-8); `output`
    /// then holds the input unchanged.
    ///
    /// - Complexity: O(n); no allocation once `output` and `scratch` have grown.
    @discardableResult
    public func normalize(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8],
                          scratch: inout Scratch) -> Bool {
        output.removeAll(keepingCapacity: true)
        if Self.isASCII(bytes) {
            output.reserveCapacity(bytes.count)
            if options.contains(.caseFold) {
                for b in bytes { output.append(b &+ ((b &- 0x41) < 26 ? 0x20 : 0)) }  // b - 'A' wraps for b < 'A'
            } else {
                output.append(contentsOf: bytes)
            }
            return true
        }
        return normalizeUnicode(bytes, into: &output, scratch: &scratch)
    }

    @inline(never)
    func normalizeUnicode(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8],
                          scratch: inout Scratch) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let opts = utf8procOptions
        // A decomposition is rarely longer than 3 code points per input byte... but
        // utf8proc tells us when the buffer is short, so grow and retry.
        var capacity = max(bytes.count + 16, scratch.codePoints.count)
        while true {
            if scratch.codePoints.count < capacity {
                scratch.codePoints = [Int32](repeating: 0, count: capacity)
            }
            let decomposed = scratch.codePoints.withUnsafeMutableBufferPointer { cps in
                utf8proc_decompose(base, bytes.count, cps.baseAddress, cps.count, opts)
            }
            if decomposed < 0 {
                output.append(contentsOf: bytes)
                return false
            }
            if decomposed > capacity {
                capacity = decomposed
                continue
            }
            let encoded = scratch.codePoints.withUnsafeMutableBufferPointer { cps in
                utf8proc_reencode(cps.baseAddress, decomposed, opts)
            }
            if encoded < 0 {
                output.append(contentsOf: bytes)
                return false
            }
            scratch.codePoints.withUnsafeBytes { raw in
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[0..<encoded]))
            }
            return true
        }
    }

    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        if let base = bytes.baseAddress {
            while i + 8 <= n {
                if UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
                    return false
                }
                i += 8
            }
        }
        while i < n {
            if bytes[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }
}
