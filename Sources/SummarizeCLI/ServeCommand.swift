import ArgumentParser
import Dispatch
import SummarizeServer

/// `summarize serve`: the editors' preview page and the JSON API over HTTP.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the editors' preview page and the JSON API (POST /v1/summarize).",
        discussion: """
            Open http://127.0.0.1:8080/ in a browser to paste an article and see its key points. \
            See docs/server.md for the API. Stop with Ctrl-C.
            """
    )

    @Option(name: .customLong("host"), help: "Address to listen on. Keep the loopback default unless a proxy in front of it needs otherwise.")
    var hostname = ServerArguments.defaultHostname

    @Option(help: "Port to listen on (0 picks a free port and logs it).")
    var port = ServerArguments.defaultPort

    @Option(help: "Largest request body accepted, in bytes; larger bodies get 413.")
    var maxBodyBytes = ServerArguments.defaultMaxBodyBytes

    mutating func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard maxBodyBytes >= 1 else { throw ValidationError("--max-body-bytes must be at least 1.") }
    }

    func run() throws {
        // The root command is synchronous (ParsableCommand), so this command
        // cannot be an AsyncParsableCommand: run the server in a task and wait.
        // runService() returns on SIGINT/SIGTERM after a graceful shutdown.
        let app = buildApplication(ServerArguments(hostname: hostname, port: port, maxBodyBytes: maxBodyBytes))
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        Task {
            do { try await app.runService() } catch { outcome.error = error }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }
}

/// The server's result, written by the task before it signals and read by the
/// main thread after the wait returns (the semaphore orders the two).
private final class Outcome: @unchecked Sendable {
    var error: (any Error)?
}
