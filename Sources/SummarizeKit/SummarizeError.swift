/// The one error type of SummarizeKit: a stable code, a message that says
/// what is wrong and how to fix it, and the byte offset where it applies.
///
/// ```swift
/// do { _ = try Summarizer().summarize(bytes: data) }
/// catch { print(error.code, error.message) }
/// ```
public struct SummarizeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier for a kind of failure. New codes may be added
    /// without breaking callers, so switch over it with a `default` case.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Value: String, Sendable {
            case invalidUTF8 = "invalid_utf8"
            case inputTooLarge = "input_too_large"
            case binaryInput = "binary_input"
            case invalidConfiguration = "invalid_configuration"
            case normalizationFailed = "normalization_failed"
            case invalidRecord = "invalid_record"
            case invalidHTML = "invalid_html"
        }
        let value: Value
        private init(_ value: Value) { self.value = value }

        /// The input bytes are not valid UTF-8.
        public static let invalidUTF8 = Code(.invalidUTF8)
        /// The input is larger than the configured limit.
        public static let inputTooLarge = Code(.inputTooLarge)
        /// The input looks like binary data (a PDF, an image, ...), not text.
        public static let binaryInput = Code(.binaryInput)
        /// A configuration value is out of range.
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// utf8proc rejected a sequence during normalization.
        public static let normalizationFailed = Code(.normalizationFailed)
        /// A batch record is not usable (not JSON, no text field, ...).
        public static let invalidRecord = Code(.invalidRecord)
        /// An HTML page that cannot be parsed into an article (nested too deeply, ...).
        public static let invalidHTML = Code(.invalidHTML)

        /// The code as a stable snake_case string, as used in JSON output.
        public var description: String { value.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// A sentence for people: what is wrong and how to fix it.
    public var message: String
    /// The UTF-8 byte offset in the input where the problem is, when there is one.
    public var utf8Offset: Int?

    public init(code: Code, message: String, utf8Offset: Int? = nil) {
        self.code = code
        self.message = message
        self.utf8Offset = utf8Offset
    }

    public var description: String { message }

    static func invalidUTF8(at offset: Int) -> SummarizeError {
        SummarizeError(
            code: .invalidUTF8,
            message: "Input is not valid UTF-8 at byte \(offset). Re-encode the text as UTF-8, or use --lossy to replace invalid bytes.",
            utf8Offset: offset)
    }

    package static func invalidConfiguration(_ message: String) -> SummarizeError {
        SummarizeError(code: .invalidConfiguration, message: message)
    }
}
