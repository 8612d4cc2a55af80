import ArgumentParser
import SummarizeKit

/// Options shared by every command that reads articles.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Text files to read (gzip-compressed ones too); '-' or none reads standard input.",
                                 valueName: "file"))
    var files: [String] = []

    @Flag(help: "Replace invalid UTF-8 with U+FFFD instead of failing.")
    var lossy = false

    @Option(help: ArgumentHelp("Largest input accepted, in bytes (after decompressing gzip).", valueName: "bytes"))
    var maxBytes: Int = 64 << 20

    @Option(help: LanguageOption.help)
    var language: LanguageOption = .auto

    @Option(name: .customLong("input"), help: ArgumentHelp(
        "Input kind: auto (HTML when the text clearly is HTML, else plain text or Markdown), text, or html. "
            + "For HTML, utf8Range offsets index the extracted text, not the markup.",
        valueName: "kind"))
    var inputKind: InputKind = .auto

    mutating func validate() throws {
        guard maxBytes >= 1 else { throw ValidationError("--max-bytes must be at least 1.") }
    }

    var decoder: InputDecoder { InputDecoder(lossy: lossy, maxInputBytes: maxBytes) }

    /// Reads and decodes one source and, for HTML, extracts its article's text.
    func load(_ path: String) -> Result<(document: Document, isHTML: Bool), ReadFailure> {
        loadArticle(path).map { ($0.article?.text ?? $0.document, $0.article != nil) }
    }

    /// Reads and decodes one source and, when it is HTML, extracts its article.
    func loadArticle(_ path: String) -> Result<(document: Document, article: Article?), ReadFailure> {
        IO.document(path, decoder: decoder).flatMap { document -> Result<(document: Document, article: Article?), ReadFailure> in
            guard inputKind == .html || (inputKind == .auto && HTMLExtractor.looksLikeHTML(document)) else {
                return .success((document, nil))
            }
            do throws(SummarizeError) {
                return .success((document, try HTMLExtractor().extractArticle(document)))
            } catch {
                let name = path == "-" ? "standard input" : path
                return .failure(ReadFailure(message: "\(name): \(error.message)", status: ExitStatus.of(error)))
            }
        }
    }

    /// The inputs in order; standard input when no file is named.
    var sources: [String] { files.isEmpty ? ["-"] : files }

    /// Refuses to wait on a terminal when no file is named and nothing is piped in.
    func requireInput() throws {
        if files.isEmpty, IO.standardInputIsTerminal {
            throw ValidationError("No input. Name a text file or pipe text in.")
        }
    }

    /// Loads each source in order and calls `body` with its document; a source that
    /// cannot be read is reported on standard error and the others go on.
    /// Exits with the worst status when any failed.
    func forEachDocument(_ body: (_ path: String, _ document: Document) throws -> Void) throws {
        var status = ExitStatus.ok
        for path in sources {
            switch load(path) {
            case .failure(let failure):
                IO.warn(failure.message)
                status = max(status, failure.status)
            case .success(let (document, _)):
                try body(path, document)
            }
        }
        if status != ExitStatus.ok { throw ExitCode(status) }
    }
}

/// `--language`: `auto` (identify each text's language) or a fixed language, by ISO 639-1 code or English name.
struct LanguageOption: ExpressibleByArgument, Equatable {
    /// The fixed language; nil for `auto`.
    var language: Language?

    static let auto = LanguageOption(language: nil)

    init(language: Language?) { self.language = language }

    init?(argument: String) {
        switch argument.lowercased() {
        case "auto": language = nil
        case "other", "und": language = .undetermined
        default:
            guard let language = Language(code: argument) else { return nil }
            self.language = language
        }
    }

    var defaultValueDescription: String { language?.name ?? "auto" }
    static var allValueStrings: [String] { ["auto"] + Language.allCases.map(\.name) }

    static let help = ArgumentHelp(
        "Language of the text: auto (identified per text: stemmer, stopwords, sentence rules), or an ISO 639-1 code "
            + "or English name (en, fr, german …; 'und' for the language-neutral pipeline).", valueName: "language")

    /// The language of `document`: the fixed one, or the one identified.
    func resolved(for document: Document) -> Language {
        language ?? LanguageIdentifier().identify(document)
    }

    /// The sentence rules for `document` (an undetermined language keeps the default rules).
    func segmentation(for document: Document) -> SentenceSegmenter.Configuration {
        let language = resolved(for: document)
        return language == .undetermined ? .init() : .init(language: language.segmentation)
    }
}

/// How `sentences` and `tokens` segment a quotation of several sentences.
enum QuotationsOption: String, ExpressibleByArgument, CaseIterable {
    case split, whole

    static let help = ArgumentHelp(
        "A quotation of several sentences: split (one line per sentence) or whole (one unit, as the summarizer "
            + "ranks it; sentenceIndex in summaries counts sentences this way).",
        valueName: "mode")

    /// `configuration` with this handling of quotations.
    func applied(to configuration: SentenceSegmenter.Configuration) -> SentenceSegmenter.Configuration {
        var configuration = configuration
        configuration.quotations = self == .split ? .split : .whole
        return configuration
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json
}

enum InputKind: String, ExpressibleByArgument, CaseIterable {
    case auto, text, html
}
