import ArgumentParser
import SummarizeKit

/// `summarize tokens FILE`: the normalized, stemmed terms of each sentence.
struct TokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Print the normalized, stemmed terms of each sentence, one sentence per line.",
        discussion: """
            Stopwords are left out unless --stopwords is given (then they appear in brackets). \
            With --format json, one JSON object per sentence with each token's text, term, stopword flag and utf8Range.
            """
    )

    @OptionGroup var input: InputOptions

    @Flag(help: "Show stopwords too, in [brackets].")
    var stopwords = false

    @Option(help: "Output format: text or json (JSON Lines).")
    var format: OutputFormat = .text

    @Option(help: QuotationsOption.help)
    var quotations: QuotationsOption = .split

    func validate() throws {
        if format == .markdown {
            throw ValidationError("--format markdown is not available for 'tokens': use text or json.")
        }
        try input.requireInput()
    }

    func run() throws {
        try input.forEachDocument { _, document in
            let language = input.language.resolved(for: document)
            let segmenter = SentenceSegmenter(configuration: quotations.applied(to: input.language.segmentation(for: document)))
            let spans = MarkdownCleaner.sentences(segmenter.segment(document), in: document)
            let table = Tokenizer(configuration: language == .english ? .init() : .init(language: language))
                .tokenize(document, spans)
            var out = ""
            for s in 0..<table.sentenceCount {
                if format == .json {
                    out += "{\"sentence\":\(s),\"tokens\":["
                    for (n, t) in table.tokens(inSentence: s).enumerated() {
                        if n > 0 { out += "," }
                        out += "{\"text\":"
                        SummaryJSON.appendString(document.string(in: table.utf8Range(ofToken: t)), to: &out)
                        out += ",\"term\":"
                        SummaryJSON.appendString(table.terms.term(table.termIDs[t]), to: &out)
                        let range = table.utf8Range(ofToken: t)
                        out += ",\"stopword\":\(table.isStopword[t]),\"utf8Range\":[\(range.lowerBound),\(range.upperBound)]}"
                    }
                    out += "]}\n"
                } else {
                    var words: [String] = []
                    for t in table.tokens(inSentence: s) {
                        let term = table.terms.term(table.termIDs[t])
                        if table.isStopword[t] {
                            if stopwords { words.append("[\(term)]") }
                        } else {
                            words.append(term)
                        }
                    }
                    out += words.joined(separator: " ") + "\n"
                }
            }
            IO.write(out)
        }
    }
}
