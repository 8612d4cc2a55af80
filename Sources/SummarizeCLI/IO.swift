#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib
import Foundation
import SummarizeKit

/// The exit codes of `summarize` (sysexits.h).
enum ExitStatus {
    static let ok: Int32 = 0
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let unavailable: Int32 = 69
    static let software: Int32 = 70
    static let ioError: Int32 = 74

    /// The exit status for a library error.
    static func of(_ error: SummarizeError) -> Int32 {
        switch error.code {
        case .invalidConfiguration: return usage
        default: return dataError
        }
    }
}

/// An input that could not be read, with the message to show.
struct ReadFailure: Error {
    var message: String
    var status: Int32
}

enum IO {
    /// Reads a whole file, or standard input for "-", refusing more than `limit` bytes. Gzip-compressed input
    /// (`article.txt.gz`, a page saved as `.html.gz`) is decompressed on the way, recognised by its magic
    /// bytes; the limit counts the decompressed bytes.
    ///
    /// Reading stops as soon as the input passes the limit, so a huge file (or
    /// an endless stream such as /dev/zero, or a small gzip file that expands without end) is never held in
    /// memory. Gzip data that ends early or is corrupt is an error (exit 65), never a shorter text.
    static func readAll(_ path: String, limit: Int = Int.max) throws(ReadFailure) -> [UInt8] {
        let name = path == "-" ? "standard input" : path
        let file: gzFile?
        if path == "-" {
            file = gzdopen(dup(0), "rb")
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ReadFailure(message: "\(path): no such file. Check the path and try again.", status: ExitStatus.noInput)
            }
            if isDirectory.boolValue {
                throw ReadFailure(message: "\(path): is a directory. Name a text file inside it.", status: ExitStatus.noInput)
            }
            file = gzopen(path, "rb")
        }
        guard let file else {
            let reason = String(cString: strerror(errno))
            throw ReadFailure(message: "\(name): cannot be read (\(reason)). Check its permissions.",
                              status: ExitStatus.noInput)
        }
        defer { gzclose(file) }
        gzbuffer(file, 1 << 17)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
            if count <= 0 {
                // gzread returns 0 at the end, and also when the gzip stream ends before its trailer (Z_BUF_ERROR
                // set): a truncated file must not pass as a short text.
                var code: Int32 = 0
                let message = gzerror(file, &code).map { String(cString: $0) } ?? "unknown error"
                if code == Z_ERRNO {
                    let reason = String(cString: strerror(errno))
                    throw ReadFailure(message: "\(name): cannot be read (\(reason)).", status: ExitStatus.noInput)
                }
                if count < 0 || code != Z_OK {
                    let what = code == Z_BUF_ERROR
                        ? "the gzip data ends early (\(message)): the file is truncated"
                        : "the gzip data is corrupt (\(message))"
                    throw ReadFailure(message: "\(name): \(what). Fetch or compress the file again; `gzip -t` checks it.",
                                      status: ExitStatus.dataError)
                }
                break
            }
            // `limit` may be Int.max: compare without adding to it.
            if Int(count) > limit - bytes.count {
                throw ReadFailure(
                    message: "\(name): input is larger than the limit of \(limit) bytes. "
                        + "Split the text, or raise the limit (--max-bytes).",
                    status: ExitStatus.dataError)
            }
            bytes.append(contentsOf: chunk[0..<Int(count)])
        }
        return bytes
    }

    /// Whether standard input is a terminal (nothing piped in).
    static var standardInputIsTerminal: Bool { isatty(0) != 0 }
    static var standardErrorIsTerminal: Bool { isatty(2) != 0 }

    /// Writes to standard output (unbuffered: callers write whole documents or lines).
    static func write(_ text: String) {
        writeAll(1, text)
    }

    static func flush() {}

    /// Writes a diagnostic line to standard error, prefixed with the tool name.
    static func warn(_ message: String) {
        writeAll(2, "summarize: \(message)\n")
    }

    /// Writes all of `text` to a file descriptor, retrying on short writes and EINTR.
    ///
    /// A failed write to standard output ends the process: results that cannot be
    /// written must not pass for success. EPIPE (the reader went away, as with
    /// `summarize batch x | head`) ends it the way SIGPIPE always does; any other
    /// error (ENOSPC, EIO, ...) prints what went wrong and exits 74 (EX_IOERR).
    /// A failed write to standard error is ignored: there is nowhere left to say so.
    static func writeAll(_ descriptor: Int32, _ text: String, name: String? = nil) {
        var text = text
        let failure: Int32? = text.withUTF8 { bytes -> Int32? in
            guard var pointer = bytes.baseAddress else { return nil }
            var remaining = bytes.count
            while remaining > 0 {
                let written = Foundation.write(descriptor, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                pointer += written
                remaining -= written
            }
            return nil
        }
        if let failure, descriptor != 2 { failWrite(errno: failure, what: name ?? (descriptor == 1 ? "standard output" : "the output")) }
    }

    /// Ends the process after a failed write (see ``writeAll(_:_:)``).
    static func failWrite(errno code: Int32, what: String) -> Never {
        if code == EPIPE {
            // The usual behaviour of a filter whose reader has gone: die of SIGPIPE, silently.
            signal(SIGPIPE, SIG_DFL)
            raise(SIGPIPE)
        }
        let reason = String(cString: strerror(code))
        let hint = code == ENOSPC ? " Free some space or write somewhere else." : ""
        writeAll(2, "summarize: cannot write to \(what) (\(reason)); the output is incomplete.\(hint)\n")
        exit(ExitStatus.ioError)
    }

    /// Reads and decodes one source, or reports why it could not.
    static func document(_ path: String, decoder: InputDecoder) -> Result<Document, ReadFailure> {
        let bytes: [UInt8]
        do { bytes = try readAll(path, limit: decoder.maxInputBytes) } catch { return .failure(error) }
        do {
            return .success(try decoder.decode(bytes))
        } catch {
            let name = path == "-" ? "standard input" : path
            return .failure(ReadFailure(message: "\(name): \(error.message)", status: ExitStatus.of(error)))
        }
    }
}
