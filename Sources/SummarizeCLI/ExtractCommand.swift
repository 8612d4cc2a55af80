import ArgumentParser
import SummarizeKit

/// `summarize extract PAGE`: the article an HTML page holds, as summarize reads it.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print the article of each HTML page: its title, a blank line, then its paragraphs.",
        discussion: """
            The article is what summarize reads from a page: navigation, cookie banners, share bars, captions, \
            related-story lists, comments and footers are left out. Paragraphs are separated by blank lines; \
            headings start with '# ' and list items with '- '. With --format json, one JSON object per page: \
            {"title", "published", "text"} (title and published are null when the page does not give them).
            """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: text or json (one object per line).")
    var format: OutputFormat = .text

    @Flag(help: "Print only the article's paragraphs, without the title line.")
    var noTitle = false

    func validate() throws {
        try input.requireInput()
        if format == .markdown { throw ValidationError("--format must be text or json.") }
    }

    func run() throws {
        var status = ExitStatus.ok
        for path in input.sources {
            switch input.loadArticle(path) {
            case .failure(let failure):
                IO.warn(failure.message)
                status = max(status, failure.status)
            case .success(let (document, article)):
                // Text that is not HTML (with --input auto) is its own article.
                let article = article ?? Article(title: nil, published: nil, text: document)
                var out = ""
                if format == .json {
                    out += "{\"title\":"
                    Self.append(article.title, to: &out)
                    out += ",\"published\":"
                    Self.append(article.published, to: &out)
                    out += ",\"text\":"
                    SummaryJSON.appendString(article.text.text, to: &out)
                    out += "}\n"
                } else {
                    if !noTitle { out += (article.title ?? "") + "\n\n" }
                    out += article.text.text + "\n"
                }
                IO.write(out)
            }
        }
        if status != ExitStatus.ok { throw ExitCode(status) }
    }

    private static func append(_ value: String?, to out: inout String) {
        if let value { SummaryJSON.appendString(value, to: &out) } else { out += "null" }
    }
}
