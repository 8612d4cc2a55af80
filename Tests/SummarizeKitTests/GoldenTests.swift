import Foundation
import Testing
@testable import SummarizeKit

/// Each sample in `corpora/` has its expected key points checked in under
/// `Golden/`: `<name>.keypoints.txt` (text format) and `<name>.json`.
/// Run `RECORD_GOLDEN=1 swift test --filter Golden` to rewrite them, then review the diff.
@Suite("Golden key points of the bundled samples")
struct GoldenTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static let samples: [String] = {
        let folder = packageRoot.appendingPathComponent("corpora")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }()

    @Test("the samples folder is found")
    func samplesExist() {
        #expect(Self.samples.count >= 5)
    }

    @Test("each sample's key points match the checked-in header byte for byte", arguments: samples)
    func golden(name: String) throws {
        let input = Self.packageRoot.appendingPathComponent("corpora/\(name).txt")
        let document = try InputDecoder().decode(Array(try Data(contentsOf: input)))
        var configuration = Summarizer.Configuration()
        if name.hasPrefix("fr-") { configuration.segmentation = .init(language: .french) }
        let summary = try Summarizer(configuration: configuration).summarize(document)
        let outputs = [("keypoints.txt", summary.rendered(.text)), ("json", summary.rendered(.json))]
        for (suffix, actual) in outputs {
            let url = Self.goldenFolder.appendingPathComponent("\(name).\(suffix)")
            if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
                try FileManager.default.createDirectory(at: Self.goldenFolder, withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: url)
                continue
            }
            let expected = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            #expect(actual == expected, "\(name).\(suffix) differs; run RECORD_GOLDEN=1 swift test --filter Golden and review")
        }
        #expect(summary.keyPoints.count == 3)
    }
}
