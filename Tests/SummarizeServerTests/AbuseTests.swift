#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import SummarizeServer
import SummarizeKit
import Testing

/// A plain TCP client for what an HTTP client library will not send: slow or
/// malformed requests, HTTP/1.0, connections that just sit there.
final class RawConnection {
    let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else { close(descriptor); throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(descriptor) }

    func send(_ text: String) {
        var text = text
        text.withUTF8 { _ = Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Everything read until the server closes the connection, or nil if it is still open after `seconds`.
    func readUntilClosed(within seconds: Double) -> String? {
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(seconds)
        var chunk = [UInt8](repeating: 0, count: 65536)
        while Date() < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 100)
            if ready <= 0 { continue }
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return String(decoding: received, as: UTF8.self) }   // closed (or reset)
            received += chunk[0..<count]
        }
        return nil
    }
}

/// Short timeouts, for the tests of the timeouts; the other tests keep the defaults so that a
/// busy machine (the whole suite runs in parallel) cannot close their connections early.
struct ShortLimits: AppArguments {
    var hostname = "127.0.0.1"
    var port = 0
    var maxBodyBytes = 64 * 1024
    var headerTimeoutSeconds = 0.5
    var bodyTimeoutSeconds = 0.5
    var idleTimeoutSeconds = 0.5
    var maxConnections = 512
    var maxQueuedRequests = 64
}

/// Issue 15: the server holds under abuse.
@Suite("Server under abuse", .serialized)
struct AbuseTests {
    @Test("a connection that sends nothing, or headers a byte at a time, is closed after the header timeout")
    func headerTimeout() async throws {
        try await buildApplication(ShortLimits()).test(.live) { client in
            let port = try #require(client.port)
            let silent = try RawConnection(port: port)
            let slow = try RawConnection(port: port)
            slow.send("GET /healthz HTTP/1.1\r\nHost: x\r\n")   // never finishes the head
            #expect(silent.readUntilClosed(within: 5) != nil, "silent connection still open")
            #expect(slow.readUntilClosed(within: 5) != nil, "slow-header connection still open")
        }
    }

    @Test("a body that stops half-way is closed after the body timeout")
    func bodyTimeout() async throws {
        try await buildApplication(ShortLimits()).test(.live) { client in
            let connection = try RawConnection(port: try #require(client.port))
            connection.send("POST /v1/summarize HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nOnly part")
            #expect(connection.readUntilClosed(within: 5) != nil)
        }
    }

    @Test("an idle keep-alive connection is closed after the idle timeout")
    func idleTimeout() async throws {
        // Header and body timeouts long enough that a loaded machine cannot trip them before the answer.
        var limits = ShortLimits()
        limits.headerTimeoutSeconds = 5
        limits.bodyTimeoutSeconds = 5
        try await buildApplication(limits).test(.live) { client in
            let connection = try RawConnection(port: try #require(client.port))
            connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            // A generous wait: under a full parallel test run on a loaded 2-core machine the close once took over 10 s.
            let answer = connection.readUntilClosed(within: 30)
            #expect(answer?.contains(#"{"status":"ok"}"#) == true)
        }
    }

    @Test("HTTP/1.0 without keep-alive gets its answer and then the connection is closed")
    func http10() async throws {
        // Default limits: the idle timeout (30 s) is far longer than the wait, so the close comes from the request.
        try await buildApplication(TestArguments()).test(.live) { client in
            let connection = try RawConnection(port: try #require(client.port))
            connection.send("GET /healthz HTTP/1.0\r\n\r\n")
            let answer = try #require(connection.readUntilClosed(within: 15), "HTTP/1.0 connection left open")
            #expect(answer.contains(#"{"status":"ok"}"#))
            #expect(answer.lowercased().contains("connection: close"))
        }
    }

    @Test("a malformed chunked body is 400, not 500")
    func malformedChunked() async throws {
        try await buildApplication(TestArguments()).test(.live) { client in
            let connection = try RawConnection(port: try #require(client.port))
            connection.send("POST /v1/summarize HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nhello\r\n0\r\n\r\n")
            let answer = try #require(connection.readUntilClosed(within: 15))
            #expect(answer.hasPrefix("HTTP/1.1 400"), "\(answer)")
            #expect(!answer.contains("internal_error"))
        }
    }

    @Test("PUT, DELETE, PATCH and OPTIONS on the API are 405 with Allow: POST",
          arguments: [HTTPRequest.Method.put, .delete, .patch, .options])
    func methods(method: HTTPRequest.Method) async throws {
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/v1/summarize", method: method) { response in
                _ = try expectError(response, .methodNotAllowed, code: "method_not_allowed")
                #expect(response.headers[.allow] == "POST")
            }
        }
    }

    @Test("HEAD / answers 200 with the page's headers and no body")
    func headRoot() async throws {
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.body.readableBytes == 0)
            }
        }
    }

    @Test("admission: tickets up to the limit, then refusals, and released tickets are reusable")
    func admission() {
        let admission = SummaryWorkers.Admission(limit: 2)
        #expect(admission.admit())
        #expect(admission.admit())
        #expect(!admission.admit())
        admission.release(bodyBytes: 10)
        #expect(admission.admit())
        admission.release(bodyBytes: 10)
        admission.release(bodyBytes: 10)
        #expect(admission.count == 0)
    }

    @Test("a full queue answers 503 with Retry-After")
    func queueFull() async throws {
        var limits = TestArguments()
        limits.maxQueuedRequests = 1
        try await buildApplication(limits).test(.live) { client in
            let port = try #require(client.port)
            // The first request takes the only ticket and holds it while its body is incomplete
            // (the body timeout is 30 s). Until its handler has run, others may still get the ticket.
            let holder = try RawConnection(port: port)
            holder.send("POST /v1/summarize HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nHeld")
            var answer = ""
            for _ in 0..<50 {
                try await Task.sleep(for: .milliseconds(200))
                let second = try RawConnection(port: port)
                second.send("POST /v1/summarize HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\nHello")
                answer = try #require(second.readUntilClosed(within: 15))
                if !answer.hasPrefix("HTTP/1.1 200") { break }
            }
            #expect(answer.hasPrefix("HTTP/1.1 503"), "\(answer)")
            #expect(answer.lowercased().contains("retry-after: 1"))
            #expect(answer.contains(#""code":"overloaded""#))
        }
    }
    // The connection cap is tested through the built binary (SummarizeCLITests, IntegrityCLITests):
    // HummingbirdTesting's live server drops `availableConnectionsDelegate` from the configuration.
}

/// The one JSON record reader's rules, through the server (BatchParserTests checks the same rules in batch).
@Suite("Server JSON rules")
struct ServerJSONRulesTests {
    static let sentence = "The council approved the new bridge on Tuesday."

    @Test("duplicate fields, trailing commas and lone surrogates get the batch reader's answers", arguments: [
        (#"{"text":"The council approved the new bridge on Tuesday.","text":"x"}"#, 400, "appears twice"),
        (#"{"text":"The council approved the new bridge on Tuesday.","bullets":1,"bullets":2}"#, 400, "appears twice"),
        (#"{"text":"The council approved the new bridge on Tuesday.",}"#, 400, "expected a field name"),
        (#"{"text":"The council approved \uD800 the new bridge on Tuesday."}"#, 200, "\u{FFFD}"),
        ("\u{FEFF}" + #"{"text":"The council approved the new bridge on Tuesday."}"#, 200, "Tuesday"),
        (#"{"text":"The council approved the new bridge on Tuesday.","bullets":100000000000000000000000}"#, 422,
         "100000000000000000000000"),
    ])
    func rules(body: String, status: Int, contains: String) async throws {
        try await buildApplication(TestArguments()).test(.router) { client in
            try await client.execute(uri: "/v1/summarize", method: .post, headers: Fixture.json,
                                     body: Fixture.body(body)) { response in
                #expect(response.status.code == status, "\(String(buffer: response.body))")
                #expect(String(buffer: response.body).contains(contains), "\(String(buffer: response.body))")
            }
        }
    }
}
