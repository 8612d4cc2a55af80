/// What `buildApplication(_:)` needs to know, shared by the `summarize serve`
/// command and the tests (hummingbird-project/template's `AppArguments`).
///
/// Only the address and the body limit must be given; every limit that keeps
/// the server standing under abuse has a default (``ServerArguments``).
public protocol AppArguments: Sendable {
    /// Address to bind; loopback unless the operator asks otherwise.
    var hostname: String { get }
    /// TCP port; 0 picks a free one (the bound port is logged).
    var port: Int { get }
    /// Largest request body accepted, in bytes; larger bodies get 413.
    var maxBodyBytes: Int { get }
    /// Seconds a new connection has to deliver a complete request head.
    var headerTimeoutSeconds: Double { get }
    /// Seconds a request has, after its head, to deliver its whole body.
    var bodyTimeoutSeconds: Double { get }
    /// Seconds a keep-alive connection may stay idle between requests.
    var idleTimeoutSeconds: Double { get }
    /// Most open connections; further clients wait in the listen backlog.
    var maxConnections: Int { get }
    /// Most summarize requests admitted at once (running or waiting for a
    /// worker); further ones get 503 with `Retry-After`.
    var maxQueuedRequests: Int { get }
}

extension AppArguments {
    public var headerTimeoutSeconds: Double { ServerArguments.defaultHeaderTimeoutSeconds }
    public var bodyTimeoutSeconds: Double { ServerArguments.defaultBodyTimeoutSeconds }
    public var idleTimeoutSeconds: Double { ServerArguments.defaultIdleTimeoutSeconds }
    public var maxConnections: Int { ServerArguments.defaultMaxConnections }
    public var maxQueuedRequests: Int { ServerArguments.defaultMaxQueuedRequests }
}

/// Plain values for ``AppArguments``, with the defaults of `summarize serve`.
public struct ServerArguments: AppArguments {
    public static let defaultHostname = "127.0.0.1"
    public static let defaultPort = 8080
    /// 4 MiB: several times the longest news feature, far below what would
    /// make one request hog a worker thread for long.
    public static let defaultMaxBodyBytes = 4 << 20
    public static let defaultHeaderTimeoutSeconds = 10.0
    public static let defaultBodyTimeoutSeconds = 30.0
    public static let defaultIdleTimeoutSeconds = 30.0
    /// Well under the usual 1,024 open-file limit (the server lowers it further
    /// when the process may open fewer files).
    public static let defaultMaxConnections = 512
    /// With 4 MiB bodies, at most 256 MiB of request bodies are held at once.
    public static let defaultMaxQueuedRequests = 64

    public var hostname: String
    public var port: Int
    public var maxBodyBytes: Int
    public var headerTimeoutSeconds: Double
    public var bodyTimeoutSeconds: Double
    public var idleTimeoutSeconds: Double
    public var maxConnections: Int
    public var maxQueuedRequests: Int

    public init(hostname: String = defaultHostname, port: Int = defaultPort,
                maxBodyBytes: Int = defaultMaxBodyBytes,
                headerTimeoutSeconds: Double = defaultHeaderTimeoutSeconds,
                bodyTimeoutSeconds: Double = defaultBodyTimeoutSeconds,
                idleTimeoutSeconds: Double = defaultIdleTimeoutSeconds,
                maxConnections: Int = defaultMaxConnections,
                maxQueuedRequests: Int = defaultMaxQueuedRequests) {
        self.hostname = hostname
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.headerTimeoutSeconds = headerTimeoutSeconds
        self.bodyTimeoutSeconds = bodyTimeoutSeconds
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.maxConnections = maxConnections
        self.maxQueuedRequests = maxQueuedRequests
    }
}
