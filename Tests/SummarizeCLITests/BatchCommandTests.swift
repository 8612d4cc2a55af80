import Foundation
import Testing

@Suite("summarize batch", .serialized)
struct BatchCommandTests {
    static let article = """
        The city council approved the new bridge on Monday after a long debate. \
        The bridge will connect the two halves of the old town across the river. \
        Construction of the bridge is expected to start next spring and last two years. \
        Local shops hope the bridge will bring more visitors to the river quarter. \
        Critics of the council say the bridge is too expensive for a small city.
        """

    static func record(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    /// A mixed input: good records of varied length and every kind of bad line.
    static func mixedInput() -> (Data, bad: Int, count: Int) {
        var lines: [String] = []
        var bad = 0
        for n in 0..<60 {
            switch n % 10 {
            case 3: lines.append("not json"); bad += 1
            case 5: lines.append(""); bad += 1
            case 7: lines.append(record(["id": "r\(n)", "text": 5])); bad += 1
            case 8: lines.append(record(["text": article])); bad += 1
            default: lines.append(record(["id": "r\(n)", "text": String(repeating: article + " ", count: 1 + n % 5)]))
            }
        }
        var data = Data(lines.joined(separator: "\n").utf8)
        data.append(0x0A)
        return (data, bad, lines.count)
    }

    static func objects(_ stdout: Data) throws -> [[String: Any]] {
        try String(decoding: stdout, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            }
    }

    @Test("one output line per input line, in order, with error lines and exit status 65")
    func mixed() throws {
        let (input, bad, count) = Self.mixedInput()
        let result = try CLI.run(["batch", "--jobs", "2"], stdin: input)
        #expect(result.status == 65)
        let objects = try Self.objects(result.stdoutBytes)
        #expect(objects.count == count)
        #expect(objects.filter { $0["error"] != nil }.count == bad)
        for (n, object) in objects.enumerated() {
            switch n % 10 {
            case 3, 5, 8: #expect(object["line"] as? Int == n + 1)
            case 7: #expect(object["id"] as? String == "r\(n)"); #expect(object["error"] != nil)
            default:
                #expect(object["id"] as? String == "r\(n)")
                #expect(object["schemaVersion"] as? Int == 1)
                #expect((object["keyPoints"] as? [Any])?.count == 3)
            }
        }
        #expect(result.stderr.contains("batch: \(count) records, \(bad) errors"))
    }

    @Test("--jobs 1 and --jobs 2 give identical bytes")
    func jobsIdentical() throws {
        let (input, _, _) = Self.mixedInput()
        let one = try CLI.run(["batch", "--jobs", "1"], stdin: input)
        let two = try CLI.run(["batch", "--jobs", "2"], stdin: input)
        #expect(one.stdoutBytes == two.stdoutBytes)
        #expect(one.status == two.status)
    }

    @Test("all good records exit 0; --bullets, --id-field and --text-field apply")
    func fieldsAndBullets() throws {
        let input = (0..<5).map { Self.record(["doc": $0, "article": Self.article]) }.joined(separator: "\n")
        let result = try CLI.run(["batch", "--id-field", "doc", "--text-field", "article", "--bullets", "2", "-"],
                                 stdin: Data(input.utf8))
        #expect(result.status == 0)
        let objects = try Self.objects(result.stdoutBytes)
        #expect(objects.count == 5)
        #expect(objects.map { $0["doc"] as? Int } == [0, 1, 2, 3, 4])
        #expect(objects.allSatisfy { ($0["keyPoints"] as? [Any])?.count == 2 })
        #expect(result.stdout.hasPrefix(#"{"doc":0,"schemaVersion":1,"#))
    }

    @Test("gzip input gives the same output as plain input")
    func gzip() throws {
        let (input, _, _) = Self.mixedInput()
        let plainPath = try CLI.temporaryFile(input, name: "records.jsonl")
        let compressedPath = try CLI.gzip(plainPath)
        let plain = try CLI.run(["batch", plainPath])
        let compressed = try CLI.run(["batch", compressedPath])
        #expect(plain.stdoutBytes == compressed.stdoutBytes)
        #expect(compressed.status == 65)
    }

    @Test("several files are read in order; a missing one exits 66 after the others")
    func files() throws {
        let a = try CLI.temporaryFile(Data((Self.record(["id": "a", "text": Self.article]) + "\n").utf8), name: "a.jsonl")
        let b = try CLI.temporaryFile(Data((Self.record(["id": "b", "text": Self.article]) + "\n").utf8), name: "b.jsonl")
        let result = try CLI.run(["batch", a, "/nonexistent/x.jsonl", b])
        #expect(result.status == 66)
        #expect(try Self.objects(result.stdoutBytes).map { $0["id"] as? String } == ["a", "b"])
        #expect(result.stderr.contains("no such file"))
    }

    @Test("a final line without a newline still counts; no progress bar when stderr is not a terminal")
    func lastLine() throws {
        let input = Self.record(["id": 1, "text": Self.article]) + "\n" + Self.record(["id": 2, "text": Self.article])
        let result = try CLI.run(["batch"], stdin: Data(input.utf8))
        #expect(result.status == 0)
        #expect(try Self.objects(result.stdoutBytes).count == 2)
        #expect(!result.stderr.contains("\r"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test("--jobs 0 is a usage error")
    func badJobs() throws {
        let result = try CLI.run(["batch", "--jobs", "0"], stdin: Data())
        #expect(result.status == 64)
    }
}
