/// What `buildApplication(_:)` needs to know, shared by the `summarize serve`
/// command and the tests (hummingbird-project/template's `AppArguments`).
public protocol AppArguments: Sendable {
    /// Address to bind; loopback unless the operator asks otherwise.
    var hostname: String { get }
    /// TCP port; 0 picks a free one (the bound port is logged).
    var port: Int { get }
    /// Largest request body accepted, in bytes; larger bodies get 413.
    var maxBodyBytes: Int { get }
}

/// Plain values for ``AppArguments``, with the defaults of `summarize serve`.
public struct ServerArguments: AppArguments {
    public static let defaultHostname = "127.0.0.1"
    public static let defaultPort = 8080
    /// 4 MiB: several times the longest news feature, far below what would
    /// make one request hog a worker thread for long.
    public static let defaultMaxBodyBytes = 4 << 20

    public var hostname: String
    public var port: Int
    public var maxBodyBytes: Int

    public init(hostname: String = defaultHostname, port: Int = defaultPort,
                maxBodyBytes: Int = defaultMaxBodyBytes) {
        self.hostname = hostname
        self.port = port
        self.maxBodyBytes = maxBodyBytes
    }
}
