import NIOCore
import NIOPosix
import ServiceLifecycle

/// The threads that run the summarizer, apart from the server's event loops.
///
/// Why a dedicated `NIOThreadPool` and not `Task.detached` or the handler's
/// own task: summarizing is synchronous CPU work (a few milliseconds for a
/// news story, up to seconds for a multi-megabyte body). Run inline, it would
/// hold whatever thread the handler is on: an event loop (stalling every
/// connection on that loop) or one of the few threads of Swift's cooperative
/// pool, which is sized to the core count and shared by every request's
/// async code (a detached task runs there too). A separate pool of
/// `System.coreCount` threads keeps both free to accept connections, parse
/// requests and write responses while the workers compute, and bounds the
/// number of summaries computed at once to the number of cores: extra
/// requests wait in the pool's queue instead of oversubscribing the CPU.
/// `runIfActive` suspends the calling task (it blocks no thread) until the
/// work item is done.
struct SummaryWorkers: Service {
    let pool: NIOThreadPool

    /// Creates and starts the pool, so it is ready before the first request.
    init(threads: Int = System.coreCount) {
        pool = NIOThreadPool(numberOfThreads: max(1, threads))
        pool.start()
    }

    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(body)
    }

    /// Keeps the pool running until the application shuts down. The
    /// application's service group stops the HTTP server first (services are
    /// shut down in reverse order), so requests in flight still find workers.
    func run() async throws {
        try? await gracefulShutdown()
        try await pool.shutdownGracefully()
    }
}
