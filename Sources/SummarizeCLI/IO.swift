#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SummarizeKit

/// The exit codes of `summarize` (sysexits.h).
enum ExitStatus {
    static let ok: Int32 = 0
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let software: Int32 = 70

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
    /// Reads a whole file, or standard input for "-".
    static func readAll(_ path: String) throws(ReadFailure) -> [UInt8] {
        if path == "-" {
            return Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadFailure(message: "\(path): no such file. Check the path and try again.", status: ExitStatus.noInput)
        }
        if isDirectory.boolValue {
            throw ReadFailure(message: "\(path): is a directory. Name a text file inside it.", status: ExitStatus.noInput)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ReadFailure(message: "\(path): cannot be read (permission denied?). Check its permissions.",
                              status: ExitStatus.noInput)
        }
        defer { try? handle.close() }
        do {
            return Array(try handle.readToEnd() ?? Data())
        } catch {
            throw ReadFailure(message: "\(path): cannot be read: \(error.localizedDescription)", status: ExitStatus.noInput)
        }
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
    static func writeAll(_ descriptor: Int32, _ text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard var pointer = bytes.baseAddress else { return }
            var remaining = bytes.count
            while remaining > 0 {
                let written = Foundation.write(descriptor, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // EPIPE and friends: the reader has gone away; nothing more to do.
                }
                pointer += written
                remaining -= written
            }
        }
    }

    /// Reads and decodes one source, or reports why it could not.
    static func document(_ path: String, decoder: InputDecoder) -> Result<Document, ReadFailure> {
        let bytes: [UInt8]
        do { bytes = try readAll(path) } catch { return .failure(error) }
        do {
            return .success(try decoder.decode(bytes))
        } catch {
            let name = path == "-" ? "standard input" : path
            return .failure(ReadFailure(message: "\(name): \(error.message)", status: ExitStatus.of(error)))
        }
    }
}
