#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Builds the preview server: the editors' page, the JSON API and a health
/// check. Shared by `summarize serve` and the tests (STYLE §10).
///
/// ```swift
/// let app = buildApplication(ServerArguments(port: 8080))
/// try await app.runService()
/// ```
public func buildApplication(_ args: some AppArguments) -> some ApplicationProtocol {
    let logger = {
        var logger = Logger(label: "summarize-serve")
        logger.logLevel = .info
        return logger
    }()
    let workers = SummaryWorkers(maxQueued: args.maxQueuedRequests)
    let router = buildRouter(args, workers: workers)
    let maxConnections = connectionCap(args.maxConnections, logger: logger)
    let headerTimeout = TimeAmount.seconds(args.headerTimeoutSeconds)
    let bodyTimeout = TimeAmount.seconds(args.bodyTimeoutSeconds)
    let idleTimeout = TimeAmount.seconds(args.idleTimeoutSeconds)
    let server = HTTPServerBuilder { responder in
        GuardedHTTP1Channel(
            inner: HTTP1Channel(responder: responder, configuration: .init(idleTimeout: idleTimeout)),
            headerTimeout: headerTimeout, bodyTimeout: bodyTimeout)
    }
    let app = Application(
        router: router,
        server: server,
        configuration: .init(address: .hostname(args.hostname, port: args.port), serverName: "summarize",
                             availableConnectionsDelegate: MaximumAvailableConnections(maxConnections)),
        services: [workers],
        onServerRunning: { channel in
            if let port = channel.localAddress?.port {
                logger.notice("Editors' preview on http://\(args.hostname):\(port)/ (API: POST /v1/summarize)")
            }
        },
        logger: logger
    )
    return app
}

/// `requested`, lowered when the process may not open that many files (each
/// connection is one descriptor; 32 are kept for the listener, logs and the like).
func connectionCap(_ requested: Int, logger: Logger) -> Int {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return max(1, requested) }
    let available = Int(clamping: limit.rlim_cur) - 32
    if available < requested {
        logger.notice("Serving at most \(max(1, available)) connections: the open-file limit (ulimit -n) is \(limit.rlim_cur).")
        return max(1, available)
    }
    return max(1, requested)
}

extension TimeAmount {
    /// A duration in (fractional) seconds.
    static func seconds(_ seconds: Double) -> TimeAmount {
        .nanoseconds(Int64((seconds * 1e9).rounded()))
    }
}

/// The routes, separate from the application so they can be read at a glance.
func buildRouter(_ args: some AppArguments, workers: SummaryWorkers) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: APIErrorMiddleware())
    let summarize = SummarizeRoute(maxBodyBytes: args.maxBodyBytes, workers: workers)

    router.get("/") { _, _ in
        Response(status: .ok, headers: EditorPage.headers, body: .init(byteBuffer: EditorPage.body))
    }
    router.head("/") { _, _ in
        var headers = EditorPage.headers
        headers[.contentLength] = String(EditorPage.body.readableBytes)
        return Response(status: .ok, headers: headers)
    }
    router.get("/healthz") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
    }
    router.post("/v1/summarize") { request, context in
        try await summarize.handle(request, context: context)
    }
    // A browser or a curl without -d lands here: say what to do instead of 404.
    for method: HTTPRequest.Method in [.get, .head, .put, .delete, .patch, .options] {
        router.on("/v1/summarize", method: method) { _, _ -> Response in
            throw APIError(.methodNotAllowed, code: "method_not_allowed",
                           message: "Use POST with the article as the body (application/json or text/plain).",
                           allow: "POST")
        }
    }
    return router
}
