import CZlib
import Foundation

/// Reads a file (or standard input) line by line, decompressing gzip on
/// the fly with the system zlib, holding only one buffer in memory.
///
/// Lines are returned as raw bytes without the trailing `\n` (a `\r` before
/// it is kept; JSON parsers treat it as white space). Gzip is recognised by
/// its magic bytes, so `FILE.jsonl.gz`, a gzip stream on stdin and plain
/// text all work.
final class LineReader {
    private let file: gzFile?
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var finished = false
    /// Bytes consumed so far (after decompression).
    private(set) var bytesRead = 0
    /// The 1-based number of the last line returned.
    private(set) var lineNumber = 0

    /// Opens `path` ("-" for standard input).
    init(path: String, bufferSize: Int = 1 << 20) throws(ReadFailure) {
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
        buffer = [UInt8](repeating: 0, count: bufferSize)
    }

    deinit {
        if let file { gzclose(file) }
    }

    /// The next line, or nil at the end of the input.
    func nextLine() throws(ReadFailure) -> [UInt8]? {
        while true {
            if let newline = findNewline() {
                let line = Array(buffer[start..<newline])
                bytesRead += newline + 1 - start
                start = newline + 1
                lineNumber += 1
                return line
            }
            if finished {
                guard start < end else { return nil }
                let line = Array(buffer[start..<end])
                bytesRead += end - start
                start = end
                lineNumber += 1
                return line
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
            // One line is longer than the buffer: grow it.
            buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count))
        }
        let capacity = buffer.count - end
        let read = buffer.withUnsafeMutableBytes { raw in
            gzread(file, raw.baseAddress! + end, UInt32(min(capacity, Int(Int32.max))))
        }
        if read < 0 {
            var code: Int32 = 0
            let message = gzerror(file, &code).map { String(cString: $0) } ?? "unknown error"
            throw ReadFailure(message: "cannot read the input: \(message) (is the gzip file truncated?)",
                              status: ExitStatus.dataError)
        }
        if read == 0 { finished = true }
        end += Int(read)
    }
}
