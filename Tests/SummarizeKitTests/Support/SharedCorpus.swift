import Foundation

/// Locates the outside evaluation material in `../shared/corpora`, read in place.
///
/// Tests that need it call `SharedCorpus.url(...)` and skip (with a message
/// naming the missing path) when it returns nil; nothing is ever copied into
/// the repository.
enum SharedCorpus {
    /// `../shared/corpora` relative to the package root, or `SUMMARIZE_SHARED_CORPORA`.
    static let root: URL? = {
        if let env = ProcessInfo.processInfo.environment["SUMMARIZE_SHARED_CORPORA"] {
            return URL(fileURLWithPath: env, isDirectory: true)
        }
        // This file is Tests/SummarizeKitTests/Support/SharedCorpus.swift.
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let candidate = packageRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/corpora", isDirectory: true)
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }()

    /// The file at `relativePath` under the corpora root, when present.
    static func url(_ relativePath: String) -> URL? {
        guard let root else { return nil }
        let url = root.appendingPathComponent(relativePath)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// A one-line explanation for a skipped test.
    static func missing(_ relativePath: String) -> String {
        "skipped: ../shared/corpora/\(relativePath) is not present (set SUMMARIZE_SHARED_CORPORA to its folder)"
    }

    /// The bytes of a file, decompressed with `gzip -dc` when it ends in `.gz`.
    static func data(_ url: URL) throws -> Data {
        guard url.pathExtension == "gz" else { return try Data(contentsOf: url) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }

    /// The lines of a (possibly gzipped) text file.
    static func lines(_ url: URL) throws -> [Substring] {
        let text = String(decoding: try data(url), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// JSON Lines records as dictionaries.
    static func jsonLines(_ url: URL, limit: Int = .max) throws -> [[String: Any]] {
        var records: [[String: Any]] = []
        for line in try lines(url) where !line.isEmpty {
            if records.count >= limit { break }
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            if let dict = object as? [String: Any] { records.append(dict) }
        }
        return records
    }
}
