import Foundation
import Testing

/// Issue 15 through the built binary: nothing lost (damaged gzip, cut-off records,
/// failed writes), bounded batch lines, and the messages a user meets.
@Suite("Integrity: command line", .serialized)
struct IntegrityCLITests {
    static let article = """
        The city council approved the new river bridge on Tuesday after a long debate. \
        Construction of the bridge will begin in the spring and take two years. \
        The bridge will carry cyclists and pedestrians as well as trams. \
        Critics said the council ignored the cost of the bridge for local taxpayers.
        """

    static func record(_ id: Int, _ text: String = article) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "{\"id\":\(id),\"text\":\"\(escaped)\"}"
    }

    static func lines(_ result: CLI.Result) -> [String] {
        result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// Runs a shell command line (for pipes, /dev/full and limits the Process API does not give).
    static func shell(_ script: String) throws -> CLI.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = CLI.packageRoot
        process.environment = ProcessInfo.processInfo.environment.merging(["SUMMARIZE": CLI.executable.path]) { $1 }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        nonisolated(unsafe) var errorData = Data()
        let errorReader = Thread { errorData = error.fileHandleForReading.readDataToEndOfFile() }
        errorReader.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorReader.isFinished { usleep(1000) }
        return CLI.Result(status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
                          stderr: String(decoding: errorData, as: UTF8.self), stdoutBytes: outputData)
    }

    static var hasPython: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") }
    static var hasDevFull: Bool { FileManager.default.fileExists(atPath: "/dev/full") }

    // MARK: Damaged gzip and cut-off records

    @Test("a gzip stream cut at a flush boundary exits 65 naming the file, after the records before the cut",
          .enabled(if: hasPython, "needs python3 to write the gzip stream"))
    func truncatedGzip() throws {
        let folder = try CLI.temporaryFile(Data(), name: "unused")
        let path = URL(fileURLWithPath: folder).deletingLastPathComponent().appendingPathComponent("cut.gz").path
        let result = try Self.shell("""
            python3 -c "import zlib,json,sys;c=zlib.compressobj(6,8,31);sys.stdout.buffer.write(b''.join(c.compress((json.dumps({'id':i,'text':'One fact here. Another fact.'})+'\\\\n').encode())+c.flush(zlib.Z_FULL_FLUSH) for i in range(60)))" > '\(path)'
            "$SUMMARIZE" batch '\(path)'
            """)
        #expect(result.status == 65)
        #expect(result.stderr.contains("cut.gz: the gzip data ends early"), "\(result.stderr)")
        #expect(Self.lines(result).count == 60, "every record before the cut is still summarized")
    }

    @Test("a corrupt gzip stream exits 65 naming the file")
    func corruptGzip() throws {
        let path = try CLI.temporaryFile(Data((0..<200).map { Self.record($0) }.joined(separator: "\n").utf8), name: "ok.jsonl")
        let result = try Self.shell("""
            gzip -c '\(path)' > '\(path).gz'
            size=$(stat -c %s '\(path).gz')
            printf '\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff' | dd of='\(path).gz' bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
            "$SUMMARIZE" batch '\(path).gz'
            """)
        #expect(result.status == 65)
        #expect(result.stderr.contains("ok.jsonl.gz: the gzip data"), "\(result.stderr)")
    }

    @Test("a last line cut mid-record exits 65, and both the error line and standard error name the file")
    func cutRecord() throws {
        let input = Self.record(1) + "\n" + #"{"id":2,"text":"The council met"#
        let path = try CLI.temporaryFile(Data(input.utf8), name: "partial.jsonl")
        let result = try CLI.run(["batch", path])
        #expect(result.status == 65)
        let lines = Self.lines(result)
        #expect(lines.count == 2)
        #expect(lines.last?.contains(#""file":"# + "\"\(path)\"") == true, "\(lines)")
        #expect(lines.last?.contains("cut off") == true)
        #expect(result.stderr.contains("\(path): the last line is not a complete record"), "\(result.stderr)")
    }

    // MARK: Write errors

    @Test("a full disk ends every command with exit 74 and a message", .enabled(if: hasDevFull, "needs /dev/full"),
          arguments: [
            "\"$SUMMARIZE\" corpora/news-river-bridge.txt",
            "\"$SUMMARIZE\" --format json corpora/news-river-bridge.txt",
            "\"$SUMMARIZE\" sentences corpora/news-river-bridge.txt",
            "\"$SUMMARIZE\" tokens --format json corpora/news-river-bridge.txt",
            "\"$SUMMARIZE\" batch \"$RECORDS\"",
            "\"$SUMMARIZE\" eval \"$EVAL\"",
            "\"$SUMMARIZE\" eval \"$EVAL\" --dump /dev/full > /dev/null",
          ])
    func fullDisk(command: String) throws {
        let records = try CLI.temporaryFile(Data((0..<5).map { Self.record($0) + "\n" }.joined().utf8), name: "r.jsonl")
        let eval = try CLI.temporaryFile(Data(#"{"id":1,"article":"\#(Self.article)","highlights":["The council approved the bridge."]}"#.utf8 + [0x0A]),
                                         name: "e.jsonl")
        let result = try Self.shell("RECORDS='\(records)' EVAL='\(eval)'; \(command) > /dev/full")
        #expect(result.status == 74, "\(command): \(result.status) \(result.stderr)")
        #expect(result.stderr.contains("cannot write to"), "\(result.stderr)")
        #expect(result.stderr.contains("No space left on device"))
    }

    @Test("a reader that goes away ends the batch by SIGPIPE, as for any filter")
    func brokenPipe() throws {
        let records = try CLI.temporaryFile(Data((0..<2000).map { Self.record($0) + "\n" }.joined().utf8), name: "many.jsonl")
        let result = try Self.shell("trap '' PIPE; \"$SUMMARIZE\" batch --jobs 1 '\(records)' | head -c 10 > /dev/null; echo \"status ${PIPESTATUS[0]}\"")
        // 141 = 128 + SIGPIPE: killed by the signal even though the shell ignored it.
        #expect(result.stdout.contains("status 141"), "\(result.stdout) \(result.stderr)")
        #expect(!result.stderr.contains("cannot write"))
    }

    // MARK: Bounded batch lines

    @Test("a record over the line limit is skipped as it streams, and the next one is summarized")
    func oversizedRecord() throws {
        let long = #"{"id":1,"text":""# + String(repeating: "a", count: 100_000) + "\"}"   // over 3 × 1000 + 64 KiB
        let input = long + "\n" + Self.record(2) + "\n"
        let result = try CLI.run(["batch", "--max-bytes", "1000"], stdin: Data(input.utf8))
        #expect(result.status == 65)
        let lines = Self.lines(result)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix(#"{"line":1,"error":{"code":"input_too_large""#) == true, "\(lines)")
        #expect(lines.last?.hasPrefix(#"{"id":2,"schemaVersion":1"#) == true)
    }

    @Test("a 300 MB line with --max-bytes 1000 runs in bounded memory (under a 400 MB address-space limit, which a growing buffer would pass)")
    func endlessLine() throws {
        let result = try Self.shell("""
            ulimit -v 400000
            { head -c 300000000 /dev/zero | tr '\\0' a; printf '\\n%s\\n' '\(Self.record(7))'; } | "$SUMMARIZE" batch --max-bytes 1000 --jobs 1 -
            """)
        #expect(result.status == 65, "\(result.stderr)")
        let lines = Self.lines(result)
        #expect(lines.count == 2)
        #expect(lines.first?.contains("input_too_large") == true)
        #expect(lines.last?.hasPrefix(#"{"id":7,"schemaVersion":1"#) == true)
    }

    // MARK: Messages a user meets

    @Test("a UTF-8 byte-order mark at the start of a JSON Lines file is skipped")
    func bom() throws {
        let result = try CLI.run(["batch"], stdin: Data([0xEF, 0xBB, 0xBF] + Array((Self.record(1) + "\n").utf8)))
        #expect(result.status == 0, "\(result.stdout)")
    }

    @Test("batch applies the JSON rules the server applies (ServerJSONRulesTests sends the same records)")
    func jsonRules() throws {
        let sentence = "The council approved the new bridge on Tuesday."
        let records: [(line: String, expected: String)] = [
            (#"{"id":1,"text":"\#(sentence)","text":"x"}"#, #"field \"text\" appears twice"#),
            (#"{"id":2,"text":"\#(sentence)",}"#, "expected a field name"),
            (#"{"id":3,"text":"The council approved \uD800 the new bridge on Tuesday."}"#, "\u{FFFD}"),
            ("\u{FEFF}" + #"{"id":4,"text":"\#(sentence)"}"#, #""schemaVersion":1"#),
        ]
        let input = records.map { $0.line + "\n" }.joined()
        let result = try CLI.run(["batch", "--jobs", "1"], stdin: Data(input.utf8))
        let lines = Self.lines(result)
        try #require(lines.count == records.count)
        for (line, record) in zip(lines, records) {
            #expect(line.contains(record.expected), "\(record.line) gave \(line)")
        }
    }

    @Test("with several files, error lines name the file and count lines in each")
    func severalFiles() throws {
        let a = try CLI.temporaryFile(Data((Self.record(1) + "\nnot json\n").utf8), name: "a.jsonl")
        let b = try CLI.temporaryFile(Data(("oops\n" + Self.record(2) + "\n").utf8), name: "b.jsonl")
        let result = try CLI.run(["batch", a, b])
        let lines = Self.lines(result)
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("{\"file\":\"\(a)\",\"line\":2,"), "\(lines[1])")
        #expect(lines[2].hasPrefix("{\"file\":\"\(b)\",\"line\":1,"), "\(lines[2])")
    }

    @Test("a field of the wrong type is 'an array', not 'a array'")
    func article() throws {
        let result = try CLI.run(["batch"], stdin: Data(#"{"id":1,"text":[1]}"#.utf8 + [0x0A]))
        #expect(result.stdout.contains("is an array, not a string"), "\(result.stdout)")
    }

    struct UsageCase: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var status: Int32
        var stderrContains: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    @Test("usage errors say what is allowed", arguments: [
        UsageCase(arguments: ["--bullets", "-1", "-"], status: 64, stderrContains: "--bullets must be at least 1 (got -1)"),
        UsageCase(arguments: ["--bullets", "12345678901234567890123", "-"], status: 64,
                  stderrContains: "--bullets must be at most 1000 (got 12345678901234567890123)"),
        UsageCase(arguments: ["batch", "--jobs", "-1", "-"], status: 64, stderrContains: "--jobs must be at least 1 (got -1)"),
        UsageCase(arguments: ["batch", "--bullets", "-1", "-"], status: 64, stderrContains: "--bullets must be at least 1"),
        UsageCase(arguments: ["sentences", "--format", "markdown", "-"], status: 64,
                  stderrContains: "--format markdown is not available for 'sentences'"),
        UsageCase(arguments: ["tokens", "--format", "markdown", "-"], status: 64,
                  stderrContains: "--format markdown is not available for 'tokens'"),
        UsageCase(arguments: ["--language", "xx", "-"], status: 64, stderrContains: "fr"),
    ])
    func usage(_ c: UsageCase) throws {
        let result = try CLI.run(c.arguments, stdin: Data(Self.article.utf8))
        #expect(result.status == c.status, "\(result.stderr)")
        #expect(result.stderr.contains(c.stderrContains), "\(result.stderr)")
    }

    @Test("--language takes ISO 639-1 codes as well as names", arguments: ["fr", "FR", "french", "de", "en"])
    func languageCodes(code: String) throws {
        let result = try CLI.run(["--language", code, "-"], stdin: Data(Self.article.utf8))
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("help and version")
    func helpAndVersion() throws {
        let help = try CLI.run(["--help"])
        #expect(help.stdout.contains("--bullets") && help.stdout.contains("--format"), "\(help.stdout)")
        let version = try CLI.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("summarize "))
        let batchHelp = try CLI.run(["batch", "--help"])
        #expect(batchHelp.stdout.contains("every core"))
        #expect(!batchHelp.stdout.contains("(default: every core). (default:"), "\(batchHelp.stdout)")
    }

    @Test("UTF-16 without a byte-order mark is named as such", arguments: [true, false])
    func utf16WithoutMark(littleEndian: Bool) throws {
        let bytes = Self.article.utf16.flatMap { littleEndian ? [UInt8($0 & 0xFF), UInt8($0 >> 8)] : [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let result = try CLI.run(["-"], stdin: Data(bytes))
        #expect(result.status == 65)
        #expect(result.stderr.contains("UTF-16 (\(littleEndian ? "little" : "big")-endian) text without a byte-order mark"), "\(result.stderr)")
        #expect(!result.stderr.contains("pdftotext"))
    }

    // MARK: serve

    @Test("serve: a busy port exits 69 with a message naming the port", .enabled(if: hasPython, "needs python3"))
    func busyPort() throws {
        let result = try Self.shell("""
            python3 -c 'import socket,sys,time; s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(); print(s.getsockname()[1], flush=True); time.sleep(8)' > port.$$ 2>/dev/null &
            holder=$!
            for _ in $(seq 50); do [ -s port.$$ ] && break; sleep 0.1; done
            port=$(cat port.$$); rm -f port.$$
            timeout 20 "$SUMMARIZE" serve --port "$port"; status=$?
            kill $holder
            echo "status $status port $port"
            """)
        let port = result.stdout.split(separator: " ").last.map(String.init)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
        #expect(result.stdout.hasPrefix("status 69"), "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.contains("port \(port) is in use; pick another with --port"), "\(result.stderr)")
        #expect(!result.stderr.contains("errno"))
    }

    @Test("serve: with --max-connections 2 held by idle clients, the next one waits for the header timeout, then is served",
          .enabled(if: hasPython, "needs python3"))
    func connectionCap() throws {
        let result = try Self.shell("""
            port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
            "$SUMMARIZE" serve --port "$port" --max-connections 2 --header-timeout 2 2>/dev/null &
            server=$!
            python3 - "$port" <<'PY'
            import socket, sys, time
            port = int(sys.argv[1])
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port)).close(); break
                except OSError:
                    time.sleep(0.1)
            time.sleep(2.5)   # the probe connection above has been closed by the header timeout
            idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(2)]
            time.sleep(0.3)
            start = time.time()
            probe = socket.create_connection(("127.0.0.1", port))
            probe.sendall(b"GET /healthz HTTP/1.0\\r\\n\\r\\n")
            probe.settimeout(10)
            data = b""
            while True:
                chunk = probe.recv(4096)
                if not chunk: break
                data += chunk
            print("waited %.1f answer %s" % (time.time() - start, data.split(b"\\r\\n")[0].decode()))
            PY
            kill $server
            """)
        let words = result.stdout.split(separator: " ")
        let waited = words.count > 1 ? Double(words[1]) ?? 0 : 0
        #expect(result.stdout.contains("answer HTTP/1.1 200"), "\(result.stdout) \(result.stderr)")
        #expect(waited >= 1.0, "served before an idle connection was closed: \(result.stdout)")
    }
}

