import CStemmer

/// Reduces a word to its stem with the Snowball algorithm of its language.
///
/// Every language but English is stemmed by the Snowball project's C library (`libstemmer`, version
/// ``snowballVersion`` as Debian packages it). English uses ``EnglishStemmer``, the project's own
/// implementation of the current Snowball English algorithm (3.1.1), which libstemmer 2.2 predates.
/// Keys are lower-cased NFKC, as the ``Tokenizer`` makes them.
///
/// ```swift
/// let stemmer = Stemmer(language: .french)!
/// stemmer.stem("enregistrées")   // "enregistr"
/// ```
///
/// A `Stemmer` is a description; each call to ``stem(_:)`` creates the library's (not thread-safe) state
/// for itself. The tokenizer instead keeps one ``Session`` per lexicon, used by one tokenize call at a time.
///
/// - Complexity: O(*n*) in the word's bytes.
public struct Stemmer: Sendable, Hashable {
    /// The libstemmer version linked (Debian bookworm's libstemmer 2.2.0); Snowball's 2.2 vocabularies
    /// (`../shared/corpora/snowball/*-snowball2.2`) are the conformance data for the languages that changed since.
    public static let snowballVersion = "2.2.0"

    /// The Snowball algorithm's name ("french", "english" …).
    public let algorithm: String
    /// Whether the hand-written ``EnglishStemmer`` runs instead of the library.
    let usesEnglishStemmer: Bool

    /// The stemmer of `language`, or nil when Snowball has none (Chinese, Japanese, Polish …).
    public init?(language: Language) {
        guard let name = Self.algorithmName(language) else { return nil }
        algorithm = name
        usesEnglishStemmer = language == .english
    }

    /// The library's algorithm `name` as it is ("english" is then Snowball 2.2 English, not ``EnglishStemmer``);
    /// nil when the library does not have it.
    public init?(snowballAlgorithm name: String) {
        guard let handle = name.withCString({ sb_stemmer_new($0, nil) }) else { return nil }
        sb_stemmer_delete(handle)
        algorithm = name
        usesEnglishStemmer = false
    }

    /// The Snowball algorithm of each language that has one.
    static func algorithmName(_ language: Language) -> String? {
        switch language {
        case .english, .french, .german, .spanish, .italian, .portuguese, .dutch, .turkish, .finnish,
             .russian, .arabic, .greek, .hindi:
            language.name
        default: nil
        }
    }

    /// The stem of `word` (lower-cased NFKC).
    public func stem(_ word: String) -> String {
        let session = Session(self)
        var output: [UInt8] = []
        var word = word
        word.withUTF8 { session.stem($0, into: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    /// The stemmer's working state: the library's stemmer object, owned here and freed with the last
    /// reference. Not thread-safe; each owner uses it from one thread at a time.
    package final class Session {
        private let handle: OpaquePointer?
        private let english: EnglishStemmer?

        package init(_ stemmer: Stemmer) {
            if stemmer.usesEnglishStemmer {
                english = EnglishStemmer()
                handle = nil
            } else {
                english = nil
                handle = stemmer.algorithm.withCString { sb_stemmer_new($0, nil) }
                precondition(handle != nil, "libstemmer has no algorithm \(stemmer.algorithm)")
            }
        }

        deinit { sb_stemmer_delete(handle) }

        /// Stems `word` into `output` (replacing its contents).
        package func stem(_ word: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
            if let english {
                english.stem(word, into: &output)
                return
            }
            output.removeAll(keepingCapacity: true)
            guard let base = word.baseAddress, word.count > 0,
                  let result = sb_stemmer_stem(handle, base, Int32(truncatingIfNeeded: word.count)) else {
                output.append(contentsOf: word)   // empty word, or out of memory: the word as it is
                return
            }
            output.append(contentsOf: UnsafeBufferPointer(start: result, count: Int(sb_stemmer_length(handle))))
        }
    }
}
