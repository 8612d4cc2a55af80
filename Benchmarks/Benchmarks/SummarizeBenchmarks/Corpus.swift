import Foundation
import SummarizeKit

/// The fixed-size inputs of the benchmarks, loaded once in setup (never measured).
///
/// Texts come from `../shared/corpora` (or `SUMMARIZE_SHARED_CORPORA`): CNN
/// articles, English Wikipedia, French and German news, and Chinese and
/// Japanese help pages. When that folder is absent, every set is built by
/// repeating the package's own `corpora/*.txt`, and stderr says so.
enum Corpus {
    struct Set: @unchecked Sendable {
        var name: String
        var language: SentenceSegmenter.Language
        var documents: [Document]
        var byteCount: Int { documents.reduce(0) { $0 + $1.byteCount } }
    }

    /// A shared-corpus file, its text field and segmentation language.
    struct Source {
        var name: String
        var path: String
        var field: String
        var language: SentenceSegmenter.Language
    }

    static let sources: [Source] = [
        Source(name: "cnn", path: "cnndm-dev/cnn_stories_dev.jsonl.gz", field: "article", language: .english),
        Source(name: "en-wiki", path: "raw-prose/en-wikipedia.jsonl.gz", field: "text", language: .english),
        Source(name: "fr-news", path: "raw-prose/fr-orangesum-news.jsonl.gz", field: "text", language: .french),
        Source(name: "de-news", path: "raw-prose/de-10kgnad-news.jsonl.gz", field: "text", language: .german),
        Source(name: "zh-help", path: "raw-prose/zh-libreoffice-help.jsonl.gz", field: "text", language: .chinese),
        Source(name: "ja-help", path: "raw-prose/ja-libreoffice-help.jsonl.gz", field: "text", language: .japanese),
    ]

    /// Bytes of text per set of articles (whole articles, up to this size).
    static let setBytes = 2_000_000

    static let packageRoot = URL(fileURLWithPath: #filePath)   // Benchmarks/Benchmarks/SummarizeBenchmarks/Corpus.swift
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let sharedRoot: URL? = {
        if let env = ProcessInfo.processInfo.environment["SUMMARIZE_SHARED_CORPORA"] {
            return URL(fileURLWithPath: env, isDirectory: true)
        }
        let candidate = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora")
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }()

    nonisolated(unsafe) private static var warned = false

    private static func warnFallback(_ why: String) {
        guard !warned else { return }
        warned = true
        FileHandle.standardError.write(Data(
            "SummarizeBenchmarks: \(why); using a corpus assembled from corpora/*.txt instead.\n".utf8))
    }

    /// The set named `name` (a ``sources`` entry): its first whole articles, up to `bytes` in all.
    static func set(_ name: String, bytes: Int = setBytes) throws -> Set {
        let source = sources.first { $0.name == name }!
        guard let root = sharedRoot, FileManager.default.fileExists(atPath: root.appendingPathComponent(source.path).path)
        else {
            warnFallback("../shared/corpora/\(source.path) is absent")
            return Set(name: name, language: source.language, documents: fallbackDocuments(totalBytes: bytes))
        }
        var documents: [Document] = []
        var total = 0
        for text in try texts(root.appendingPathComponent(source.path), field: source.field, atLeast: bytes) {
            let document = Document(text)
            if total + document.byteCount > bytes { break }
            documents.append(document)
            total += document.byteCount
        }
        return Set(name: name, language: source.language, documents: documents)
    }

    /// One book-length English document of exactly `bytes` bytes (cut at a
    /// paragraph), concatenated from Wikipedia articles.
    static func book(bytes: Int) throws -> Document {
        var out: [UInt8] = []
        out.reserveCapacity(bytes + 100_000)
        if let root = sharedRoot,
           FileManager.default.fileExists(atPath: root.appendingPathComponent(sources[1].path).path) {
            for text in try texts(root.appendingPathComponent(sources[1].path), field: "text", atLeast: bytes) {
                out += Array(text.utf8)
                out += [0x0A, 0x0A]
                if out.count >= bytes { break }
            }
        }
        if out.count < bytes {
            if out.isEmpty { warnFallback("../shared/corpora/\(sources[1].path) is absent") }
            for document in fallbackDocuments(totalBytes: bytes - out.count + 10_000) {
                out += document.utf8 + [0x0A, 0x0A]
            }
        }
        // Cut at the last paragraph break before `bytes`, then pad with spaces to the exact size.
        var end = min(bytes, out.count)
        while end > bytes - 20_000, end > 1, !(out[end - 1] == 0x0A && out[end - 2] == 0x0A) { end -= 1 }
        var text = Array(out[0..<end])
        text += [UInt8](repeating: 0x20, count: bytes - text.count)
        return try Document(validatingUTF8: text)
    }

    /// The HTML pages of `../shared/corpora/article-extraction/html` (91 news and blog pages,
    /// 17 MB), decompressed; when absent, the package's sample articles wrapped in page markup.
    static func htmlPages() throws -> [Document] {
        if let root = sharedRoot {
            let folder = root.appendingPathComponent("article-extraction/html")
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".html.gz") }.sorted()
            if !names.isEmpty {
                return try names.map { name in
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                    process.arguments = ["gzip", "-dc", folder.appendingPathComponent(name).path]
                    let pipe = Pipe()
                    process.standardOutput = pipe
                    try process.run()
                    let data = pipe.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    return try InputDecoder(lossy: true).decode(Array(data))
                }
            }
        }
        warnFallback("../shared/corpora/article-extraction/html is absent")
        return fallbackDocuments(totalBytes: 2_000_000).map { document in
            let paragraphs = document.text.split(separator: "\n", omittingEmptySubsequences: true)
            let body = paragraphs.map { "<p class=\"para\">\($0)</p>" }.joined(separator: "\n")
            return Document("<!DOCTYPE html><html><head><title>Sample</title><script>var x = 1;</script></head><body>"
                + "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a></li></ul></nav>"
                + "<article><h1>Sample</h1><div class=\"article-body\">\(body)</div></article>"
                + "<footer><p>All rights reserved.</p></footer></body></html>")
        }
    }

    /// The words of Snowball's English test vocabulary (`../shared/corpora/snowball/english/voc.txt`, 42,649
    /// words), each as its bytes; when absent, the distinct lower-cased words of the package's sample articles.
    static func englishVocabulary() throws -> [[UInt8]] {
        if let root = sharedRoot {
            let url = root.appendingPathComponent("snowball/english/voc.txt")
            if FileManager.default.fileExists(atPath: url.path) {
                return try String(contentsOf: url, encoding: .utf8)
                    .split(separator: "\n").map { Array($0.utf8) }.filter { !$0.isEmpty }
            }
        }
        warnFallback("../shared/corpora/snowball/english/voc.txt is absent")
        var seen: Swift.Set<String> = []
        var words: [[UInt8]] = []
        for document in fallbackDocuments(totalBytes: 200_000) {
            for word in document.text.lowercased().split(whereSeparator: { !$0.isLetter }) where seen.insert(String(word)).inserted {
                words.append(Array(word.utf8))
            }
        }
        return words
    }

    /// The package's own sample articles, repeated up to `totalBytes`.
    static func fallbackDocuments(totalBytes: Int) -> [Document] {
        let folder = packageRoot.appendingPathComponent("corpora")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".txt") }.sorted()
        let samples = names.compactMap { try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
        precondition(!samples.isEmpty, "no corpora/*.txt found in \(folder.path)")
        var documents: [Document] = []
        var total = 0
        while total < totalBytes {
            let document = Document(samples[documents.count % samples.count])
            documents.append(document)
            total += document.byteCount
        }
        return documents
    }

    /// The `field` strings of a (gzipped) JSON Lines file, in order: only the first ones, until
    /// their UTF-8 adds up to `atLeast` bytes (the rest of the file is neither decompressed nor parsed).
    static func texts(_ url: URL, field: String, atLeast: Int = .max) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice   // "Broken pipe" when stopped early
        try process.run()
        let parser = JSONRecordParser(idField: "id", textField: field)
        let input = pipe.fileHandleForReading
        var texts: [String] = []
        var total = 0
        var buffer: [UInt8] = []
        var atEnd = false
        while !atEnd, total < atLeast {
            let chunk = input.readData(ofLength: 1 << 20)
            atEnd = chunk.isEmpty
            buffer += atEnd ? [0x0A] : Array(chunk)   // a last line without a newline still counts
            var start = 0
            while total < atLeast, let newline = buffer[start...].firstIndex(of: 0x0A) {
                if let text = try? parser.parse(Array(buffer[start..<newline])).text {
                    texts.append(String(decoding: text, as: UTF8.self))
                    total += text.count
                }
                start = newline + 1
            }
            buffer.removeFirst(start)
        }
        // Stopped early: closing the pipe ends gzip with SIGPIPE (SIGTERM would not do: the benchmark
        // runner blocks it, and a child inherits the blocked mask).
        try? input.close()
        process.waitUntilExit()
        return texts
    }
}
