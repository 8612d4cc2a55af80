#if canImport(Glibc)
import Glibc
#endif
import Foundation
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The threads that run the summarizer, apart from the server's event loops,
/// and the bound on how much work may wait for them.
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
/// number of summaries computed at once to the number of cores.
/// `runIfActive` suspends the calling task (it blocks no thread) until the
/// work item is done.
///
/// Admission: a request takes a ticket (``admit()``) before its body is read
/// and gives it back when it is answered. At most `maxQueued` tickets are out,
/// so a burst cannot pile up unbounded bodies and waiting work; the rest are
/// refused at once (503 with `Retry-After`). When the last ticket comes back
/// after at least 1 MiB of bodies since the last trim, the heap is trimmed (glibc's `malloc_trim`), so the memory a burst needed
/// goes back to the system instead of staying in the allocator's arenas.
struct SummaryWorkers: Service {
    let pool: NIOThreadPool
    let admission: Admission

    /// Creates and starts the pool, so it is ready before the first request.
    init(threads: Int = System.coreCount, maxQueued: Int = ServerArguments.defaultMaxQueuedRequests) {
        pool = NIOThreadPool(numberOfThreads: max(1, threads))
        pool.start()
        admission = Admission(limit: max(1, maxQueued))
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

    /// The count of admitted requests, behind a lock.
    final class Admission: @unchecked Sendable {
        let limit: Int
        private let lock = NSLock()
        private var inFlight = 0

        init(limit: Int) { self.limit = limit }

        /// Takes a ticket, or returns false when `limit` are out.
        func admit() -> Bool {
            lock.lock(); defer { lock.unlock() }
            guard inFlight < limit else { return false }
            inFlight += 1
            return true
        }

        /// Body bytes handled since the heap was last trimmed.
        private var bytesSinceTrim = 0
        /// Trim only after this much work: trimming costs a walk over the heap (about a
        /// millisecond), worth it only when large bodies may have left free pages behind.
        static let trimThresholdBytes = 1 << 20

        /// Gives a ticket back, for a request whose body was `bodyBytes` long; trims
        /// the heap when none is left out and enough work was done since the last trim.
        func release(bodyBytes: Int) {
            lock.lock()
            inFlight -= 1
            bytesSinceTrim += bodyBytes
            let trim = inFlight == 0 && bytesSinceTrim >= Self.trimThresholdBytes
            if trim { bytesSinceTrim = 0 }
            lock.unlock()
            // Off the request's path: the answer does not wait for the trim.
            if trim { DispatchQueue.global(qos: .utility).async { HeapTrim.trim() } }
        }

        var count: Int {
            lock.lock(); defer { lock.unlock() }
            return inFlight
        }
    }
}

/// glibc's `malloc_trim(0)`, looked up at run time (it is declared in `<malloc.h>`,
/// which Swift's Glibc module does not include); a no-op elsewhere.
enum HeapTrim {
    private typealias Trim = @convention(c) (Int) -> Int32
    nonisolated(unsafe) private static let function: Trim? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Trim.self)
        #else
        return nil
        #endif
    }()

    static func trim() {
        _ = function?(0)
    }
}
