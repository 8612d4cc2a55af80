import ArgumentParser
import SummarizeKit

@main
struct SummarizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize",
        abstract: "Extract the key points of a text: three sentences picked from the text itself.",
        discussion: """
            With no subcommand, summarizes each FILE (or standard input) and prints a "Key points" header.

            Exit codes: 0 success, 64 usage error, 65 input that cannot be used (invalid UTF-8, binary \
            data, too large), 66 missing or unreadable file, 70 internal error.
            """,
        subcommands: [KeyPointsCommand.self, SentencesCommand.self, ExtractCommand.self, TokensCommand.self, ServeCommand.self, BatchCommand.self, EvalCommand.self],
        defaultSubcommand: KeyPointsCommand.self
    )
}
