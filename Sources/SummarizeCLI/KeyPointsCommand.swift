import ArgumentParser
import SummarizeKit

/// `summarize [FILE ...]`: the key points of each text.
struct KeyPointsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keypoints",
        abstract: "Print the \"Key points\" header of each text (the default command)."
    )

    @OptionGroup var input: InputOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Number of key points (1-1000).", valueName: "n"))
    var bullets = BulletCount(3)

    @Option(help: "Output format: text, markdown or json (versioned schema, see the README).")
    var format: OutputFormat = .text

    mutating func validate() throws {
        try bullets.check("--bullets", in: BulletCount.allowed)
        if input.files.isEmpty, IO.standardInputIsTerminal {
            throw ValidationError("No input. Name a text file (summarize article.txt) or pipe text in (cat article.txt | summarize).")
        }
    }

    func run() throws {
        var configuration = Summarizer.Configuration()
        configuration.bullets = bullets.value
        configuration.language = input.language.language
        configuration.maxInputBytes = input.maxBytes
        let summarizer = Summarizer(configuration: configuration)
        let sources = input.sources
        let labelled = sources.count > 1
        var status = ExitStatus.ok
        var printedAny = false
        for path in sources {
            let name = path == "-" ? "standard input" : path
            switch input.load(path) {
            case .failure(let failure):
                IO.warn(failure.message)
                status = max(status, failure.status)
            case .success(let (document, isHTML)):
                let summary: Summary
                do { summary = try summarizer.summarize(document) } catch {
                    IO.warn("\(name): \(error.message)")
                    status = max(status, ExitStatus.of(error))
                    continue
                }
                if summary.sentenceCount == 0 {
                    IO.warn(isHTML
                        ? "\(name): no text to summarize (nothing readable is left once the HTML markup is removed)."
                        : "\(name): no text to summarize (the input is empty or only white space).")
                } else if summary.keyPoints.isEmpty {
                    IO.warn("\(name): no sentence could be used as a key point.")
                }
                var out = ""
                switch format {
                case .json:
                    let extra: [(String, JSONValue)] = labelled ? [("file", .string(path))] : []
                    out = SummaryJSON.encode(summary, extraFields: extra) + "\n"
                case .text, .markdown:
                    if labelled { out += (printedAny ? "\n" : "") + "==> \(path) <==\n" }
                    out += summary.rendered(format == .text ? .text : .markdown)
                }
                IO.write(out)
                printedAny = true
            }
        }
        IO.flush()
        if status != ExitStatus.ok { throw ExitCode(status) }
    }
}
