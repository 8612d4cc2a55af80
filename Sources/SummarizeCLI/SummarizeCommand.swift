import ArgumentParser
import SummarizeKit

@main
struct SummarizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize",
        abstract: "Extract the key points of a text: three sentences picked from the text itself.",
        discussion: """
            With no subcommand, summarizes each FILE (or standard input) and prints a "Key points" header. \
            Its options (all in 'summarize keypoints --help'):
              --bullets <n>          Number of key points, 1-1000 (default 3).
              --format <format>      text, markdown or json (versioned schema).
              --language <language>  english, french, ... or en, fr, de, es, it, zh, ja.
              --input <kind>         auto, text or html. Also --lossy, --max-bytes <n>.

            Exit codes: 0 success, 64 usage error, 65 input that cannot be used (invalid UTF-8, binary \
            data, too large, a damaged gzip file), 66 missing or unreadable file, 69 'serve': the port is \
            in use, 70 internal error, 74 the output cannot be written (disk full, I/O error).
            """,
        version: SummarizeCommand.version,
        subcommands: [KeyPointsCommand.self, SentencesCommand.self, ExtractCommand.self, TokensCommand.self, ServeCommand.self, BatchCommand.self, EvalCommand.self],
        defaultSubcommand: KeyPointsCommand.self
    )

    /// Printed by `summarize --version`: the tool's version and the JSON schema it writes.
    static let version = "summarize 0.1.0 (JSON schema version 1)"
}
