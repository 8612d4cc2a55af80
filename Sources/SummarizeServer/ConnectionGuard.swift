#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1.1 child channel with one more handler, ``HTTP1ConnectionGuard``,
/// placed right after SwiftNIO's request decoder, where requests still carry their
/// HTTP version and keep-alive state (Hummingbird's own handlers see only
/// version-independent `HTTPTypes`).
///
/// Everything else (the idle keep-alive timeout, parsing, the responder) is
/// Hummingbird's `HTTP1Channel` with its own `Configuration`.
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let inner: HTTP1Channel
    let headerTimeout: TimeAmount
    let bodyTimeout: TimeAmount

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let headerTimeout = self.headerTimeout, bodyTimeout = self.bodyTimeout
        return inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let operations = channel.pipeline.syncOperations
            let decoder = try operations.context(handlerType: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try operations.addHandler(HTTP1ConnectionGuard(headerTimeout: headerTimeout, bodyTimeout: bodyTimeout),
                                      position: .after(decoder.handler))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

/// Closes connections that hold the server without sending a request, and
/// connections whose client asked for no keep-alive.
///
/// - Header timeout: a new connection must deliver a complete request head
///   within `headerTimeout` (a client that connects and sends nothing, or
///   sends its headers a byte at a time, is closed).
/// - Body timeout: once a head has arrived, the whole body must arrive within
///   `bodyTimeout` (a client that stops sending half-way is closed).
/// - Between requests, Hummingbird's idle timeout (`HTTP1Channel.Configuration.idleTimeout`)
///   closes a keep-alive connection that sends nothing.
/// - HTTP/1.0 without `Connection: keep-alive`, or any request with
///   `Connection: close`: the request is passed on with exactly `Connection: close`
///   (which Hummingbird acts on), the response says `Connection: close`, and the
///   connection is closed once the response is written.
final class HTTP1ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    let headerTimeout: TimeAmount
    let bodyTimeout: TimeAmount
    private var timer: Scheduled<Void>?
    private var sawFirstHead = false
    private var closeAfterResponse = false

    init(headerTimeout: TimeAmount, bodyTimeout: TimeAmount) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive, !sawFirstHead { arm(headerTimeout, context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    func channelActive(context: ChannelHandlerContext) {
        if !sawFirstHead { arm(headerTimeout, context: context) }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(var head):
            sawFirstHead = true
            arm(bodyTimeout, context: context)
            if !head.isKeepAlive || closeAfterResponse {
                closeAfterResponse = true
                head.headers.replaceOrAdd(name: "connection", value: "close")
                context.fireChannelRead(wrapInboundOut(.head(head)))
                return
            }
        case .body:
            break
        case .end:
            disarm()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard closeAfterResponse else {
            context.write(data, promise: promise)
            return
        }
        switch unwrapOutboundIn(data) {
        case .head(var head):
            head.headers.replaceOrAdd(name: "connection", value: "close")
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .end:
            let channel = context.channel
            let written = context.eventLoop.makePromise(of: Void.self)
            context.writeAndFlush(data, promise: written)
            written.futureResult.whenComplete { _ in channel.close(promise: nil) }
            if let promise { written.futureResult.cascade(to: promise) }
        case .body:
            context.write(data, promise: promise)
        }
    }

    private func arm(_ timeout: TimeAmount, context: ChannelHandlerContext) {
        disarm()
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
    }

    private func disarm() {
        timer?.cancel()
        timer = nil
    }
}

@available(*, unavailable)
extension HTTP1ConnectionGuard: Sendable {}

/// Whether `error` is the server failing to bind because another process has the port.
public func isAddressInUse(_ error: any Error) -> Bool {
    if let error = error as? IOError { return error.errnoCode == EADDRINUSE }
    return false
}
