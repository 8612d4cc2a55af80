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
            See docs/server.md for the API and the limits. Stop with Ctrl-C. Exit status 69 when the \
            port is in use.
            """
    )

    @Option(name: .customLong("host"), help: "Address to listen on. Keep the loopback default unless a proxy in front of it needs otherwise.")
    var hostname = ServerArguments.defaultHostname

    @Option(help: "Port to listen on (0 picks a free port and logs it).")
    var port = ServerArguments.defaultPort

    @Option(help: "Largest request body accepted, in bytes; larger bodies get 413.")
    var maxBodyBytes = ServerArguments.defaultMaxBodyBytes

    @Option(help: ArgumentHelp("Seconds a new connection has to send a complete request head.", valueName: "seconds"))
    var headerTimeout = ServerArguments.defaultHeaderTimeoutSeconds

    @Option(help: ArgumentHelp("Seconds a request has, after its head, to send its whole body.", valueName: "seconds"))
    var bodyTimeout = ServerArguments.defaultBodyTimeoutSeconds

    @Option(help: ArgumentHelp("Seconds an idle keep-alive connection is kept open between requests.", valueName: "seconds"))
    var idleTimeout = ServerArguments.defaultIdleTimeoutSeconds

    @Option(help: ArgumentHelp("Most open connections (lowered to fit the open-file limit); "
                                + "further clients wait to be accepted.", valueName: "n"))
    var maxConnections = ServerArguments.defaultMaxConnections

    @Option(help: ArgumentHelp("Most summarize requests in progress (running or queued); "
                                + "further ones get 503 with Retry-After.", valueName: "n"))
    var maxQueue = ServerArguments.defaultMaxQueuedRequests

    mutating func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard maxBodyBytes >= 1 else { throw ValidationError("--max-body-bytes must be at least 1.") }
        for (name, value) in [("--header-timeout", headerTimeout), ("--body-timeout", bodyTimeout), ("--idle-timeout", idleTimeout)] {
            guard value > 0, value <= 86_400 else { throw ValidationError("\(name) must be more than 0 and at most 86400 seconds.") }
        }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1.") }
        guard maxQueue >= 1 else { throw ValidationError("--max-queue must be at least 1.") }
    }

    func run() throws {
        // The root command is synchronous (ParsableCommand), so this command
        // cannot be an AsyncParsableCommand: run the server in a task and wait.
        // runService() returns on SIGINT/SIGTERM after a graceful shutdown.
        let app = buildApplication(ServerArguments(
            hostname: hostname, port: port, maxBodyBytes: maxBodyBytes,
            headerTimeoutSeconds: headerTimeout, bodyTimeoutSeconds: bodyTimeout, idleTimeoutSeconds: idleTimeout,
            maxConnections: maxConnections, maxQueuedRequests: maxQueue))
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        Task {
            do { try await app.runService() } catch { outcome.error = error }
            done.signal()
        }
        done.wait()
        if let error = outcome.error {
            if isAddressInUse(error) {
                IO.warn("port \(port) is in use; pick another with --port (or stop the program using it).")
                throw ExitCode(ExitStatus.unavailable)
            }
            throw error
        }
    }
}

/// The server's result, written by the task before it signals and read by the
/// main thread after the wait returns (the semaphore orders the two).
private final class Outcome: @unchecked Sendable {
    var error: (any Error)?
}
