import ArgumentParser
import Foundation
import SummarizeKit

/// `summarize batch [FILE.jsonl[.gz] ...]`: one JSON summary line per JSON Lines record.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Summarize JSON Lines records in parallel: one output line per input line, in order.",
        discussion: """
            Each input line is a JSON object such as {"id": 7, "text": "..."}; the output line is \
            {"id": 7, "schemaVersion": 1, "keyPoints": [...], "sentenceCount": N} (the --format json \
            schema plus the id, under the id field's own name). A line that cannot be used (not JSON, \
            no text or id, text not a string, invalid UTF-8, or an empty line) gives an error line \
            {"id": ..., "error": {"code": ..., "message": ...}} instead ("line": N when there is no id; \
            with several files, "file" names the file and N counts from 1 in each), and the batch goes on: \
            there are always as many output lines as input lines. A line longer than 3 x --max-bytes + \
            64 KiB (room for escapes and other fields) is skipped as it streams, without being held in \
            memory, and gives an input_too_large error line. A UTF-8 byte-order mark before a record is skipped.

            Gzip input is recognised by its magic bytes; a gzip file that is truncated or corrupt is an \
            error naming the file (exit 65) after the lines before the damage. Memory stays bounded whatever \
            the input size. \
            A progress bar is drawn on standard error when it is a terminal; a summary line is always \
            printed there at the end.

            Exit status: 0 when every record was summarized, 65 when any record failed or a gzip file is \
            damaged, 66 when an input file cannot be read, 74 when the output cannot be written.
            """
    )

    @Argument(help: ArgumentHelp("JSON Lines files (.jsonl or .jsonl.gz); '-' or none reads standard input.",
                                 valueName: "file"))
    var files: [String] = []

    @Option(help: ArgumentHelp("Name of the field holding each record's id.", valueName: "name"))
    var idField = "id"

    @Option(help: ArgumentHelp("Name of the field holding the text to summarize.", valueName: "name"))
    var textField = "text"

    @Option(parsing: .unconditional, help: ArgumentHelp("Number of key points per record (1-1000).", valueName: "n"))
    var bullets: BulletCount = BulletCount(3)

    @Option(parsing: .unconditional, help: ArgumentHelp("Worker threads (default: every core).", valueName: "n"))
    var jobs: WholeNumber?

    @Option(help: LanguageOption.help)
    var language: LanguageOption = .auto

    @Option(name: .customLong("input"), help: ArgumentHelp(
        "What each record's text holds: auto (HTML when it clearly is HTML, checked per record), text, or html. "
            + "For HTML, only the page's article is summarized and utf8Range offsets index the extracted text.",
        valueName: "kind"))
    var inputKind: InputKind = .auto

    @Option(help: ArgumentHelp("Largest text accepted per record, in bytes.", valueName: "bytes"))
    var maxBytes: Int = 64 << 20

    mutating func validate() throws {
        try bullets.check("--bullets", in: BulletCount.allowed)
        if let jobs {
            guard jobs.value >= 1 else { throw ValidationError("--jobs must be at least 1 (got \(jobs.text)).") }
            guard jobs.value <= 1024 else { throw ValidationError("--jobs must be at most 1024 (got \(jobs.text)).") }
        }
        guard maxBytes >= 1 else { throw ValidationError("--max-bytes must be at least 1.") }
        guard !idField.isEmpty, !textField.isEmpty else { throw ValidationError("Field names cannot be empty.") }
        if files.isEmpty, IO.standardInputIsTerminal {
            throw ValidationError("No input. Name a JSON Lines file (summarize batch articles.jsonl.gz) or pipe one in.")
        }
    }

    func run() throws {
        var configuration = Summarizer.Configuration()
        configuration.bullets = bullets.value
        configuration.language = language.language
        configuration.maxInputBytes = maxBytes
        let batch = BatchSummarizer(summarizer: Summarizer(configuration: configuration),
                                    parser: JSONRecordParser(idField: idField, textField: textField),
                                    input: InputFormat(rawValue: inputKind.rawValue) ?? .auto)
        let sources = files.isEmpty ? ["-"] : files
        let jobs = self.jobs?.value ?? ProcessInfo.processInfo.activeProcessorCount
        // The longest line held: the text may take up to 3 bytes per byte once escaped
        // (\u00e9 for é) and the record has other fields; longer lines stream past unread.
        let (tripled, overflow) = maxBytes.multipliedReportingOverflow(by: 3)
        let maxLineBytes = overflow ? Int.max : tripled.addingReportingOverflow(64 << 10).partialValue
        let labelled = sources.count > 1

        var total: Int? = 0
        for path in sources {
            if let size = Progress.expectedBytes(path), let sum = total { total = sum + size } else { total = nil }
        }
        var progress = Progress(totalBytes: total)
        var status = ExitStatus.ok

        // Reading state, used only from `next` (which the batch never calls concurrently).
        var pending = sources[...]
        var reader: LineReader?
        var sequence = 0
        var unterminated: [(sequence: Int, name: String)] = []   // last lines with no newline
        func next() -> BatchLine? {
            while true {
                if reader == nil {
                    guard let path = pending.popFirst() else { return nil }
                    do throws(ReadFailure) { reader = try LineReader(path: path, maxLineBytes: maxLineBytes) } catch {
                        IO.warn(error.message)
                        status = max(status, error.status)
                        continue
                    }
                }
                do throws(ReadFailure) {
                    if let line = try reader!.next() {
                        let name = reader!.name
                        if !line.isTerminated {
                            // Reported on standard error only if the record turns out unusable.
                            unterminated.append((sequence, name))
                        }
                        sequence += 1
                        return BatchLine(bytes: line.bytes, lineNumber: reader!.lineNumber, byteCount: line.byteCount,
                                         source: labelled || !line.isTerminated ? name : nil,
                                         isOversized: line.isOversized, isTerminated: line.isTerminated)
                    }
                } catch {
                    IO.warn(error.message)
                    status = max(status, error.status)
                }
                reader = nil
            }
        }

        var output = ""
        output.reserveCapacity(1 << 17)
        var failed = false
        var emitted = 0
        batch.run(jobs: jobs, next: { next() }) { outcome in
            if let cut = unterminated.first, cut.sequence == emitted {
                unterminated.removeFirst()
                // Only a syntax error (the record stops short), not a complete record that lacks a field.
                if outcome.error?.message.contains("may have been cut off") == true {
                    IO.warn("\(cut.name): the last line is not a complete record and has no newline after it: "
                            + "the file may have been cut off.")
                }
            }
            emitted += 1
            output += outcome.json
            output += "\n"
            if output.utf8.count >= 1 << 16 {
                IO.writeAll(1, output)
                output.removeAll(keepingCapacity: true)
            }
            if outcome.error != nil { failed = true }
            progress.record(bytes: outcome.inputByteCount, failed: outcome.error != nil)
        }
        IO.writeAll(1, output)
        progress.finish(jobs: jobs)
        if failed { status = max(status, ExitStatus.dataError) }
        if status != ExitStatus.ok { throw ExitCode(status) }
    }
}
