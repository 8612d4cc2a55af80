import Hummingbird
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
    let workers = SummaryWorkers()
    let router = buildRouter(args, workers: workers)
    let app = Application(
        router: router,
        configuration: .init(address: .hostname(args.hostname, port: args.port), serverName: "summarize"),
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

/// The routes, separate from the application so they can be read at a glance.
func buildRouter(_ args: some AppArguments, workers: SummaryWorkers) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: APIErrorMiddleware())
    let summarize = SummarizeRoute(maxBodyBytes: args.maxBodyBytes, workers: workers)

    router.get("/") { _, _ in
        Response(status: .ok, headers: EditorPage.headers, body: .init(byteBuffer: EditorPage.body))
    }
    router.get("/healthz") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
    }
    router.post("/v1/summarize") { request, context in
        try await summarize.handle(request, context: context)
    }
    // A browser or a curl without -d lands here: say what to do instead of 404.
    router.get("/v1/summarize") { _, _ -> Response in
        throw APIError(.methodNotAllowed, code: "method_not_allowed",
                       message: "Use POST with the article as the body (application/json or text/plain).")
    }
    return router
}
