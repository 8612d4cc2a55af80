import Hummingbird
import NIOCore
import NIOHTTP1
import SummarizeKit

/// An error answered as `{"error":{"code":"...","message":"..."}}` with a 4xx/5xx status.
///
/// STYLE §10 maps errors through Hummingbird's `HTTPError`. `HTTPError` writes
/// `{"error":{"message":...}}` and has no place for a machine-readable code,
/// which CMS plug-ins need to tell "fix your text" from "fix your request".
/// So this type conforms to the same `HTTPResponseError` protocol and keeps
/// the same `{"error":{...}}` shape, adding `code` (and `utf8Offset` when the
/// problem has a position). ``APIErrorMiddleware`` turns every `HTTPError`
/// thrown by Hummingbird itself (404, 405, ...) into this shape too.
public struct APIError: Error, HTTPResponseError, Sendable, Equatable {
    public var status: HTTPResponse.Status
    /// Stable snake_case identifier (`invalid_json`, `invalid_utf8`, ...).
    public var code: String
    /// What is wrong and how to fix it.
    public var message: String
    /// Byte offset in the request body (text/plain) or in the text, when known.
    public var utf8Offset: Int?
    /// Sent as `Retry-After` (503 when the server is busy).
    public var retryAfterSeconds: Int?
    /// Methods the route accepts, sent as `Allow` with 405.
    public var allow: String?

    public init(_ status: HTTPResponse.Status, code: String, message: String, utf8Offset: Int? = nil,
                retryAfterSeconds: Int? = nil, allow: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.utf8Offset = utf8Offset
        self.retryAfterSeconds = retryAfterSeconds
        self.allow = allow
    }

    public var headers: HTTPFields {
        var fields: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retryAfterSeconds { fields[.retryAfter] = String(retryAfterSeconds) }
        if let allow { fields[.allow] = allow }
        return fields
    }

    /// The JSON body, one line.
    public var json: String {
        var out = "{\"error\":{\"code\":"
        SummaryJSON.appendString(code, to: &out)
        out += ",\"message\":"
        SummaryJSON.appendString(message, to: &out)
        if let utf8Offset { out += ",\"utf8Offset\":\(utf8Offset)" }
        out += "}}"
        return out
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: json)))
    }
}

extension APIError {
    /// Maps a library error to the HTTP status a client should see: 413 when
    /// the text is over the limit, 422 when the request is well formed but its
    /// text or settings cannot be used. The CLI's hints (`--lossy`,
    /// `--max-bytes`) are replaced by ones that make sense over HTTP.
    public init(_ error: SummarizeError) {
        switch error.code {
        case .inputTooLarge:
            self.init(.contentTooLarge, code: error.code.description, message: error.message
                .replacingOccurrences(of: "raise the limit (--max-bytes)", with: "ask for a higher --max-body-bytes"))
        case .invalidUTF8:
            let at = error.utf8Offset.map { " at byte \($0)" } ?? ""
            self.init(.unprocessableContent, code: error.code.description,
                      message: "The text is not valid UTF-8\(at). Re-encode it as UTF-8 before sending it.",
                      utf8Offset: error.utf8Offset)
        default:
            self.init(.unprocessableContent, code: error.code.description, message: error.message,
                      utf8Offset: error.utf8Offset)
        }
    }

    /// Hummingbird's own errors (unknown route, wrong method, ...) in our shape.
    init(_ error: HTTPError) {
        let code: String
        switch error.status {
        case .notFound: code = "not_found"
        case .methodNotAllowed: code = "method_not_allowed"
        case .contentTooLarge: code = "body_too_large"
        case .badRequest: code = "bad_request"
        default: code = error.status.code >= 500 ? "internal_error" : "http_\(error.status.code)"
        }
        self.init(error.status, code: code, message: error.body ?? error.status.reasonPhrase)
    }

    static func bodyTooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "body_too_large",
                 message: "The request body is over the limit of \(limit) bytes. "
                    + "Send a shorter text, or start the server with a higher --max-body-bytes.")
    }
}

/// Answers every error in the `{"error":{"code","message"}}` shape, including
/// unmatched routes, so clients only ever parse one error format.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            throw APIError(error)
        } catch let error as HTTPParserError {
            // The body could not be read as HTTP (a malformed chunk size, say): the
            // client's fault, and the connection cannot be trusted for another request.
            throw APIError(.badRequest, code: "bad_request",
                           message: "The request is not valid HTTP/1.1 (\(error)). Check how the body is framed "
                            + "(Content-Length or chunked encoding).")
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, code: "body_too_large", message: "The request body is too large.")
        } catch let error as SummarizeError {
            throw APIError(error)
        } catch is CancellationError {
            throw APIError(.serviceUnavailable, code: "shutting_down",
                           message: "The server is shutting down. Retry in a moment.")
        } catch {
            context.logger.error("unexpected error: \(String(reflecting: error))")
            throw APIError(.internalServerError, code: "internal_error",
                           message: "The server failed to handle this request. Please report it with the text that caused it.")
        }
    }
}
