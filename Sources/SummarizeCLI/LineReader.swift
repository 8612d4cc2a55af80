import CZlib
import Foundation

/// Reads a file (or standard input) line by line, decompressing gzip on
/// the fly with the system zlib, holding only one buffer in memory.
///
/// Lines are returned as raw bytes without the trailing `\n` (a `\r` before
/// it is kept; JSON parsers treat it as white space). Gzip is recognised by
/// its magic bytes, so `FILE.jsonl.gz`, a gzip stream on stdin and plain
/// text all work.
///
/// Nothing is lost silently and memory stays bounded:
/// - a gzip stream that ends early (a copy cut off mid-transfer) or whose
///   data is corrupt throws a ``ReadFailure`` (exit 65) naming the input,
///   once the lines before the damage have been returned;
/// - a line longer than `maxLineBytes` is not held: its bytes are counted
///   and dropped as they stream past, and it comes back as an
///   ``Line/isOversized`` line with no bytes, so the caller can report it
///   and go on with the next line;
/// - the last line of an input that does not end with `\n` is marked
///   ``Line/isTerminated`` false, so a record cut mid-way can be told apart.
final class LineReader {
    /// One line of the input.
    struct Line {
        /// The line's bytes without its `\n` (empty for an oversized line).
        var bytes: [UInt8]
        /// The bytes the line took in the (decompressed) input, newline included.
        var byteCount: Int
        /// The line was longer than the reader's `maxLineBytes` and was skipped unread.
        var isOversized = false
        /// False for a last line that is not followed by `\n`.
        var isTerminated = true
    }

    private let file: gzFile?
    /// How the input is named in messages ("standard input" for "-").
    let name: String
    private let maxLineBytes: Int
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var finished = false
    /// Bytes consumed so far (after decompression).
    private(set) var bytesRead = 0
    /// The 1-based number of the last line returned.
    private(set) var lineNumber = 0

    /// Opens `path` ("-" for standard input).
    ///
    /// - Parameter maxLineBytes: longest line returned with its bytes; longer
    ///   ones are skipped as they stream (see ``Line/isOversized``).
    init(path: String, maxLineBytes: Int = Int.max, bufferSize: Int = 1 << 20) throws(ReadFailure) {
        name = path == "-" ? "standard input" : path
        self.maxLineBytes = max(1, maxLineBytes)
        if path == "-" {
            file = gzdopen(dup(0), "rb")
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ReadFailure(message: "\(path): no such file. Check the path and try again.", status: ExitStatus.noInput)
            }
            guard !isDirectory.boolValue else {
                throw ReadFailure(message: "\(path): is a directory. Name a file inside it.", status: ExitStatus.noInput)
            }
            file = gzopen(path, "rb")
        }
        guard file != nil else {
            throw ReadFailure(message: "\(path): cannot be opened (permission denied?).", status: ExitStatus.noInput)
        }
        gzbuffer(file, 1 << 17)
        buffer = [UInt8](repeating: 0, count: min(bufferSize, max(1 << 12, self.maxLineBytes &+ 1)))
    }

    deinit {
        if let file { gzclose(file) }
    }

    /// The next line's bytes, or nil at the end of the input (oversized lines come back empty).
    func nextLine() throws(ReadFailure) -> [UInt8]? {
        try next()?.bytes
    }

    /// The next line, or nil at the end of the input.
    func next() throws(ReadFailure) -> Line? {
        var skipped = 0          // bytes of an oversized line dropped so far
        var skipping = false
        while true {
            if let newline = findNewline() {
                lineNumber += 1
                if skipping {
                    skipped += newline + 1 - start
                    bytesRead += newline + 1 - start
                    start = newline + 1
                    return Line(bytes: [], byteCount: skipped, isOversized: true)
                }
                let length = newline - start
                bytesRead += length + 1
                defer { start = newline + 1 }
                if length > maxLineBytes {
                    return Line(bytes: [], byteCount: length + 1, isOversized: true)
                }
                return Line(bytes: Array(buffer[start..<newline]), byteCount: length + 1)
            }
            // No newline in the buffer: the partial line is start..<end.
            if skipping || end - start > maxLineBytes {
                skipping = true
                skipped += end - start
                bytesRead += end - start
                start = end
            }
            if finished {
                if skipping {
                    lineNumber += 1
                    return Line(bytes: [], byteCount: skipped, isOversized: true, isTerminated: false)
                }
                guard start < end else { return nil }
                let line = Array(buffer[start..<end])
                bytesRead += end - start
                start = end
                lineNumber += 1
                return Line(bytes: line, byteCount: line.count, isTerminated: false)
            }
            try fill()
        }
    }

    /// The index of the next `\n` in `buffer[start..<end]` (memchr: this runs under the batch
    /// pipeline's lock, so it is the serial part of a parallel run).
    @inline(__always)
    private func findNewline() -> Int? {
        guard start < end else { return nil }
        return buffer.withUnsafeBytes { raw -> Int? in
            guard let found = memchr(raw.baseAddress! + start, 0x0A, end - start) else { return nil }
            return raw.baseAddress!.distance(to: UnsafeRawPointer(found))
        }
    }

    private func fill() throws(ReadFailure) {
        if start > 0 {
            // Move the partial line to the front.
            let remaining = end - start
            buffer.withUnsafeMutableBytes { raw in
                if remaining > 0 { memmove(raw.baseAddress!, raw.baseAddress! + start, remaining) }
            }
            start = 0
            end = remaining
        }
        if end == buffer.count {
            // One line is longer than the buffer (and not yet over the limit): grow it,
            // never past what the longest accepted line needs.
            let target = min(buffer.count * 2, max(buffer.count + 1, maxLineBytes &+ 2))
            buffer.append(contentsOf: [UInt8](repeating: 0, count: target - buffer.count))
        }
        let capacity = buffer.count - end
        let read = buffer.withUnsafeMutableBytes { raw in
            gzread(file, raw.baseAddress! + end, UInt32(min(capacity, Int(Int32.max))))
        }
        if read <= 0 {
            // gzread returns what it could decompress, then 0 with Z_BUF_ERROR set when the
            // stream ends before the gzip trailer: a truncated file must not pass as a short one.
            var code: Int32 = 0
            let message = gzerror(file, &code).map { String(cString: $0) } ?? "unknown error"
            if code == Z_ERRNO {
                let reason = String(cString: strerror(errno))
                throw ReadFailure(message: "\(name): cannot be read after line \(lineNumber) (\(reason)).",
                                  status: ExitStatus.ioError)
            }
            if read < 0 || code != Z_OK {
                let what = code == Z_BUF_ERROR
                    ? "the gzip data ends early (\(message)): the file is truncated"
                    : "the gzip data is corrupt (\(message))"
                throw ReadFailure(
                    message: "\(name): \(what) after line \(lineNumber). Fetch or compress the file again; "
                        + "`gzip -t` checks it.",
                    status: ExitStatus.dataError)
            }
            finished = true
            return
        }
        end += Int(read)
    }
}
