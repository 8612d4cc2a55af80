import ArgumentParser
import SummarizeKit

/// `summarize sentences FILE`: how the text was split, for debugging input.
struct SentencesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentences",
        abstract: "Print the sentences of each text, one per line (white space collapsed).",
        discussion: "With --format json, one JSON object per sentence: index, utf8Range, paragraph, kind, text."
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: text or json (JSON Lines).")
    var format: OutputFormat = .text

    @Option(help: QuotationsOption.help)
    var quotations: QuotationsOption = .split

    func validate() throws {
        if format == .markdown {
            throw ValidationError("--format markdown is not available for 'sentences': use text or json.")
        }
        try input.requireInput()
    }

    func run() throws {
        try input.forEachDocument { _, document in
            let segmenter = SentenceSegmenter(configuration: quotations.applied(to: input.language.segmentation(for: document)))
            var out = ""
            for (index, span) in MarkdownCleaner.sentences(segmenter.segment(document), in: document).enumerated() {
                let text = document.collapsedString(in: span.utf8Range)
                if format == .json {
                    out += "{\"index\":\(index),\"utf8Range\":[\(span.utf8Range.lowerBound),\(span.utf8Range.upperBound)]"
                    out += ",\"paragraph\":\(span.paragraphIndex),\"kind\":\"\(span.kind)\",\"text\":"
                    SummaryJSON.appendString(text, to: &out)
                    out += "}\n"
                } else {
                    out += text + "\n"
                }
            }
            IO.write(out)
        }
    }
}
