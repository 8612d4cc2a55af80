import Dispatch
import Foundation

extension Summarizer {
    /// Summarizes many texts on `jobs` threads; the results are in the order
    /// of the texts.
    ///
    /// ```swift
    /// let results = Summarizer().summarize(contentsOf: articles, jobs: 4)
    /// for case .success(let summary) in results { print(summary.rendered()) }
    /// ```
    ///
    /// Each text is independent: one that fails (too large, say) gives a
    /// `.failure` in its place and the others are still summarized. The whole
    /// sequence is held in memory; to stream a large input with bounded
    /// memory, use ``BatchSummarizer/run(jobs:window:next:emit:)``.
    ///
    /// - Parameter jobs: threads to use (at least 1; more than the number of
    ///   cores does not help). Defaults to every core.
    /// - Complexity: O(total length / jobs).
    public func summarize(contentsOf texts: some Sequence<String>,
                          jobs: Int = ProcessInfo.processInfo.activeProcessorCount)
        -> [Result<Summary, SummarizeError>] {
        let inputs = Array(texts)
        return ParallelMap.map(count: inputs.count, jobs: jobs) { index in
            do throws(SummarizeError) {
                return .success(try self.summarize(inputs[index]))
            } catch {
                return .failure(error)
            }
        }
    }
}

/// One line of a JSON Lines input, as handed to ``BatchSummarizer``.
public struct BatchLine: Sendable, Hashable {
    /// The raw bytes of the line, without its `\n`.
    public var bytes: [UInt8]
    /// The 1-based line number in its source.
    public var lineNumber: Int
    /// The bytes the line took in the input (its length plus the newline), for progress reporting.
    public var byteCount: Int
    /// The name of the input the line came from, written as `"file"` in its error line
    /// when it fails (set it when several inputs are read, so line numbers can be told apart).
    public var source: String?
    /// The line was longer than the reader's limit and was skipped without being held:
    /// ``bytes`` is empty and ``byteCount`` is its length. It gives an `input_too_large` error line.
    public var isOversized: Bool
    /// False for a last line with no newline after it: when it fails to parse,
    /// the error says the input may have been cut off.
    public var isTerminated: Bool

    public init(bytes: [UInt8], lineNumber: Int, byteCount: Int? = nil, source: String? = nil,
                isOversized: Bool = false, isTerminated: Bool = true) {
        self.bytes = bytes
        self.lineNumber = lineNumber
        self.byteCount = byteCount ?? bytes.count + 1
        self.source = source
        self.isOversized = isOversized
        self.isTerminated = isTerminated
    }
}

/// The result of one ``BatchLine``: exactly one line of JSON output.
public struct BatchOutcome: Sendable, Hashable {
    /// One line of JSON, without a trailing newline: the summary (schema
    /// version 1 plus the id) or an error record.
    public var json: String
    /// The error, when the record failed.
    public var error: SummarizeError?
    /// The line's input size in bytes (copied from ``BatchLine/byteCount``).
    public var inputByteCount: Int
}

/// Summarizes JSON Lines records: each line `{"id": ..., "text": ...}` gives
/// exactly one output line, in input order.
///
/// ```swift
/// let batch = BatchSummarizer(parser: JSONRecordParser(textField: "article"))
/// let outcome = batch.process(BatchLine(bytes: Array(line.utf8), lineNumber: 1))
/// print(outcome.json)   // {"id":...,"schemaVersion":1,"keyPoints":[...],"sentenceCount":12}
/// ```
///
/// A record that cannot be used gives an error line instead,
/// `{"id":...,"error":{"code":"...","message":"..."}}`, with `"line": N` in
/// place of the id when the record has none. An empty (or blank) line is
/// such an error too (`invalid_record`), so the output always has as many
/// lines as the input.
///
/// The output line uses the id field's own name (``JSONRecordParser/idField``).
public struct BatchSummarizer: Sendable {
    public var summarizer: Summarizer
    public var parser: JSONRecordParser
    /// What each record's text holds; with `.auto`, each record is checked on its own.
    public var input: InputFormat

    public init(summarizer: Summarizer = Summarizer(), parser: JSONRecordParser = JSONRecordParser(),
                input: InputFormat = .text) {
        self.summarizer = summarizer
        self.parser = parser
        self.input = input
    }

    /// Turns one input line into its output line. Pure and thread-safe.
    public func process(_ line: BatchLine) -> BatchOutcome {
        let json: String
        var failure: SummarizeError?
        switch summarize(line) {
        case .success(let (id, summary)):
            json = SummaryJSON.encode(summary, extraFields: [(parser.idField, id)])
        case .failure(let recordError):
            let id = recordError.id, error = recordError.error
            failure = error
            var out = "{"
            if let source = line.source {
                out += "\"file\":"
                SummaryJSON.appendString(source, to: &out)
                out += ","
            }
            if let id {
                SummaryJSON.appendString(parser.idField, to: &out)
                out += ":"
                id.append(to: &out)
            } else {
                out += "\"line\":\(line.lineNumber)"
            }
            out += ",\"error\":{\"code\":"
            SummaryJSON.appendString(error.code.description, to: &out)
            out += ",\"message\":"
            SummaryJSON.appendString(error.message, to: &out)
            out += "}}"
            json = out
        }
        return BatchOutcome(json: json, error: failure, inputByteCount: line.byteCount)
    }

    /// The summary of one record with its id, or the error with the id when it was found.
    public func summarize(_ line: BatchLine) -> Result<(JSONValue, Summary), BatchRecordError> {
        let n = line.lineNumber
        if line.isOversized {
            return .failure(BatchRecordError(nil, SummarizeError(
                code: .inputTooLarge,
                message: "Line \(n) is \(line.byteCount) bytes, over the limit for one record; it was skipped "
                    + "without being read. Split the text, or raise the limit (--max-bytes).")))
        }
        if Self.isBlank(line.bytes) {
            return .failure(BatchRecordError(nil, SummarizeError(
                code: .invalidRecord,
                message: "Line \(n) is empty. Each line must be one JSON object; remove blank lines.")))
        }
        let record: JSONRecordParser.Record
        do {
            record = try parser.parse(line.bytes)
        } catch {
            let cut = line.isTerminated ? ""
                : " It is the last line and has no newline after it: the input may have been cut off mid-record."
            return .failure(BatchRecordError(error.id, SummarizeError(
                code: .invalidRecord,
                message: "Line \(n) is not a JSON object: \(error.reason) at byte \(error.utf8Offset).\(cut)",
                utf8Offset: error.utf8Offset)))
        }
        if let offset = UTF8Validation.firstInvalidOffset(in: line.bytes) {
            return .failure(BatchRecordError(record.id, SummarizeError(
                code: .invalidUTF8,
                message: "Line \(n) is not valid UTF-8 at byte \(offset). Re-encode the file as UTF-8.",
                utf8Offset: offset)))
        }
        guard let text = record.text else {
            let field = parser.textField
            let message = record.textType.map { "Line \(n): field \"\(field)\" is \(Self.withArticle($0)), not a string." }
                ?? "Line \(n) has no \"\(field)\" field. Name the text field with --text-field."
            return .failure(BatchRecordError(record.id, SummarizeError(code: .invalidRecord, message: message)))
        }
        guard let id = record.id else {
            return .failure(BatchRecordError(nil, SummarizeError(
                code: .invalidRecord,
                message: "Line \(n) has no \"\(parser.idField)\" field. Give every record an id, or name it with --id-field.")))
        }
        do {
            // The line was checked to be valid UTF-8, and decoding escapes keeps it so.
            return .success((id, try summarizer.summarize(input.text(of: Document(unchecked: text)))))
        } catch {
            return .failure(BatchRecordError(id, error))
        }
    }

    /// "an array", "an object", "a number", ...
    static func withArticle(_ typeName: String) -> String {
        (typeName.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + typeName
    }

    static func isBlank(_ bytes: [UInt8]) -> Bool {
        for b in bytes where !(b == 0x20 || b == 0x09 || b == 0x0D) { return false }
        return true
    }

    /// Streams records through `jobs` threads with bounded memory: `next` is
    /// called for each input line until it returns nil, and `emit` receives
    /// every outcome exactly once, in input order.
    ///
    /// ```swift
    /// batch.run(jobs: 2, next: { reader.nextLine() }, emit: { write($0.json + "\n") })
    /// ```
    ///
    /// Reading, summarizing and writing overlap: whichever thread is free
    /// reads the next line (one at a time), summarizes it, and writes out
    /// whatever results are next in order. At most `window` lines are read
    /// but not yet emitted, so memory stays at `window` records however
    /// long the input. `next` and `emit` are never called concurrently
    /// (they run under one lock), so they may use non-thread-safe state.
    ///
    /// - Parameters:
    ///   - jobs: worker threads (at least 1).
    ///   - window: most lines in flight (read but not emitted); default 32 per job.
    public func run(jobs: Int, window: Int? = nil,
                    next: () -> BatchLine?, emit: (BatchOutcome) -> Void) {
        let jobs = max(1, jobs)
        let window = max(jobs, window ?? 32 * jobs)
        if jobs == 1 {
            while let line = next() { emit(process(line)) }
            return
        }
        withoutActuallyEscaping(next) { next in
            withoutActuallyEscaping(emit) { emit in
                let pipeline = Pipeline(window: window, next: next, emit: emit)
                ParallelMap.onThreads(jobs) { pipeline.work(self) }
                // A finished worker `Thread` may still hold the pipeline for a moment after it
                // signalled; drop the non-escaping closures now so none outlives this call.
                pipeline.releaseClosures()
            }
        }
    }

    /// The shared state of ``run(jobs:window:next:emit:)``: a reorder ring
    /// behind one condition lock.
    private final class Pipeline: @unchecked Sendable {
        // Everything below is accessed only while holding `condition`.
        let condition = NSCondition()
        var next: () -> BatchLine?
        var emit: (BatchOutcome) -> Void
        var ring: [BatchOutcome?]
        var nextRead = 0      // sequence number of the next line read
        var nextEmit = 0      // sequence number of the next outcome written
        var exhausted = false

        init(window: Int, next: @escaping () -> BatchLine?, emit: @escaping (BatchOutcome) -> Void) {
            self.next = next
            self.emit = emit
            ring = Array(repeating: nil, count: window)
        }

        /// Replaces the caller's closures once every worker has returned.
        func releaseClosures() {
            condition.lock()
            next = { nil }
            emit = { _ in }
            condition.unlock()
        }

        func work(_ batch: BatchSummarizer) {
            condition.lock()
            while true {
                // Back-pressure: wait while the window is full.
                while !exhausted, nextRead - nextEmit >= ring.count { condition.wait() }
                if exhausted { break }
                guard let line = next() else {
                    exhausted = true
                    condition.broadcast()
                    break
                }
                let sequence = nextRead
                nextRead += 1
                condition.unlock()
                let outcome = batch.process(line)
                condition.lock()
                ring[sequence % ring.count] = outcome
                var wrote = false
                while let ready = ring[nextEmit % ring.count] {
                    ring[nextEmit % ring.count] = nil
                    nextEmit += 1
                    emit(ready)
                    wrote = true
                }
                if wrote { condition.broadcast() }
            }
            condition.unlock()
        }
    }
}

/// A batch record that failed, with its id when one was found.
public struct BatchRecordError: Error, Sendable {
    public var id: JSONValue?
    public var error: SummarizeError

    public init(_ id: JSONValue?, _ error: SummarizeError) {
        self.id = id
        self.error = error
    }
}

/// `count` independent computations on `jobs` threads, results in index order.
enum ParallelMap {
    static func map<T: Sendable>(count: Int, jobs: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let workers = max(1, min(jobs, count))
        if workers == 1 { return (0..<count).map(body) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let counter = Counter()
        // Each index is claimed by exactly one worker, so the slots are written without overlap.
        nonisolated(unsafe) let slots = results
        onThreads(workers) {
            while true {
                let index = counter.take()
                if index >= count { return }
                slots[index] = body(index)
            }
        }
        let out = results.map { $0! }
        _ = results.deinitialize()
        return out
    }

    /// Runs `body` on `count` threads at once (the caller's and `count - 1` new ones) and waits
    /// for all. Dedicated threads, not `concurrentPerform`: on Linux, Dispatch's pool may run the
    /// iterations one after another when the machine is busy, and a worker loop here lasts
    /// the whole run.
    static func onThreads(_ count: Int, _ body: @escaping @Sendable () -> Void) {
        let finished = DispatchSemaphore(value: 0)
        for _ in 1..<max(count, 1) {
            let thread = Thread {
                body()
                finished.signal()
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
        body()
        for _ in 1..<max(count, 1) { finished.wait() }
    }

    /// A shared index handed out one at a time (dynamic scheduling: a long text does not stall the others).
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func take() -> Int {
            lock.lock(); defer { lock.unlock() }
            value += 1
            return value - 1
        }
    }
}
