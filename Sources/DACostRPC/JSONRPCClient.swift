import DACost
import Foundation

/// One JSON-RPC call of a batch; `params` is JSON text (`["0x10",true]`).
public struct RPCCall: Sendable {
    public var method: String
    public var params: String
    public init(method: String, params: String) { self.method = method; self.params = params }
}

/// A problem with one attempt that another attempt may not have: the request is retried.
public struct RetryableProblem: Error, CustomStringConvertible {
    public let description: String
    public var retryAfter: Double?
    public init(_ description: String, retryAfter: Double? = nil) {
        self.description = description; self.retryAfter = retryAfter
    }
}

/// JSON-RPC 2.0 batches over an `HTTPTransport`, retried by a `RetryPolicy`. Problems are sorted
/// into those worth retrying (timeouts, dropped connections, 429, 5xx, truncated or invalid JSON,
/// missing or wrong ids, "try later" errors) and those that will not change (other HTTP statuses,
/// invalid params, method not found), which stop at once.
public final class JSONRPCClient {
    public let endpoint: RPCEndpoint
    public let policy: RetryPolicy
    private let transport: HTTPTransport
    private var nextID = 1
    private var jitter: SystemRandomNumberGenerator
    /// Attempts that failed and were retried, for the summary.
    public private(set) var retries = 0
    /// Bytes of response bodies received.
    public private(set) var bytesReceived = 0
    /// Called before each retry with the redacted reason and the delay (for logs).
    public var onRetry: ((String, Double) -> Void)?
    /// Checked before each retry: a fetch that has stopped does not keep a worker waiting.
    public var isCancelled: () -> Bool = { false }

    public init(endpoint: RPCEndpoint, policy: RetryPolicy = RetryPolicy(), transport: HTTPTransport? = nil) throws {
        self.endpoint = endpoint
        self.policy = policy
        self.transport = try transport ?? CurlTransport(endpoint: endpoint)
        jitter = SystemRandomNumberGenerator()
    }

    /// Sends `calls` as one batch and hands the results, in call order, to `decode`. `decode` may
    /// throw `RetryableProblem` (a block not yet available, say) to have the batch sent again.
    public func batch<T>(_ calls: [RPCCall], decode: ([JSONElement]) throws -> T) throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            let firstID = nextID
            nextID = nextID &+ calls.count
            do {
                return try send(calls, firstID: firstID, decode: decode)
            } catch let problem as RetryableProblem {
                guard attempt < policy.maxAttempts, !isCancelled() else {
                    throw FetchError.gaveUp(endpoint: endpoint.redacted, attempts: attempt, last: endpoint.redact(problem.description))
                }
                retries += 1
                let wait = policy.delay(afterAttempt: attempt, retryAfter: problem.retryAfter,
                                        unit: Double(jitter.next() >> 11) / Double(1 << 53))
                onRetry?(endpoint.redact(problem.description), wait)
                if wait > 0 { usleep(UInt32(min(wait, 3600) * 1_000_000)) }
            }
        }
    }

    private func send<T>(_ calls: [RPCCall], firstID: Int, decode: ([JSONElement]) throws -> T) throws -> T {
        var body = "["
        for (i, c) in calls.enumerated() {
            if i > 0 { body += "," }
            body += "{\"jsonrpc\":\"2.0\",\"id\":\(firstID + i),\"method\":\"\(c.method)\",\"params\":\(c.params)}"
        }
        body += "]"
        let response: HTTPResponse
        do { response = try transport.post(Array(body.utf8)) }
        catch let f as TransportFailure { throw RetryableProblem(f.description) }
        bytesReceived += response.body.count
        switch response.status {
        case 200: break
        case 429: throw RetryableProblem("HTTP 429 Too Many Requests", retryAfter: response.retryAfter)
        case 408, 425, 500...599: throw RetryableProblem("HTTP \(response.status)", retryAfter: response.retryAfter)
        default:
            let hint: String
            switch response.status {
            case 401, 403: hint = "the endpoint refused the credentials; check the API key in --rpc or --header"
            case 404: hint = "no JSON-RPC service at this URL"
            case 413: hint = "the batch is too large for this provider; lower --batch"
            default: hint = Self.snippet(response.body, endpoint)
            }
            throw FetchError.http(endpoint: endpoint.redacted, status: response.status, detail: endpoint.redact(hint))
        }
        return try Self.decodeBatch(response.body, calls: calls, firstID: firstID, endpoint: endpoint, decode: decode)
    }

    /// Decodes the body of a batch response: one result per call, matched by id, each JSON-RPC error
    /// classified. Every problem is thrown, never trapped: the body is whatever the server sent.
    static func decodeBatch<T>(_ body: [UInt8], calls: [RPCCall], firstID: Int, endpoint: RPCEndpoint,
                               decode: ([JSONElement]) throws -> T) throws -> T {
        let tape: JSONTape
        do { tape = try JSONTape(parsing: body) }
        catch let e as JSONParseError {
            throw RetryableProblem("the response is not valid JSON (\(e), \(body.count) bytes)")
        }
        return try tape.withRoot { parsed in
            guard parsed.isArray else {
                // Some providers answer a whole batch with one error object (rate limits, batch size).
                if let error = parsed.present("error") { try Self.classify(error, endpoint: endpoint, method: calls.first?.method ?? "batch") }
                throw RetryableProblem("expected an array of responses to a batch, got \(parsed.kindDescription)")
            }
            var results = [JSONElement?](repeating: nil, count: calls.count)
            for o in parsed.items {
                guard o.isObject else { throw RetryableProblem("a batch response item is \(o.kindDescription), not an object") }
                guard let idValue = o.present("id"), let id = idValue.uint64, id >= UInt64(max(0, firstID)),
                      id < UInt64(max(0, firstID)) + UInt64(calls.count) else {
                    if let error = o.present("error") { try Self.classify(error, endpoint: endpoint, method: calls.first?.method ?? "batch") }
                    throw RetryableProblem("a response carries an id that no request of the batch had")
                }
                let index = Int(id) - firstID
                if let error = o.present("error") { try Self.classify(error, endpoint: endpoint, method: calls[index].method) }
                guard results[index] == nil else { throw RetryableProblem("two responses carry id \(id)") }
                guard let result = o["result"] else {
                    throw RetryableProblem("the response with id \(id) carries neither a result nor an error")
                }
                results[index] = result
            }
            var out: [JSONElement] = []
            out.reserveCapacity(calls.count)
            for (i, r) in results.enumerated() {
                guard let r else { throw RetryableProblem("no response for id \(firstID + i) (\(calls[i].method))") }
                out.append(r)
            }
            return try decode(out)
        }
    }

    /// Throws `RetryableProblem` for errors that mean "try later", `FetchError.rpc` otherwise.
    private static func classify(_ error: JSONElement, endpoint: RPCEndpoint, method: String) throws -> Never {
        let code = error["code"]?.numberText.flatMap { Int($0) } ?? 0
        let message = endpoint.redact(error["message"]?.string ?? "(no message)")
        // JSON-RPC 2.0: -32700 parse error, -32600 invalid request, -32601 method not found,
        // -32602 invalid params. EIP-1474: -32004 method not supported, -32006 JSON-RPC version not supported.
        // Everything else (-32603 internal, -32000…-32099 server errors such as -32005 limit
        // exceeded, "header not found" from a lagging node) may pass on a later attempt.
        let permanent: Set<Int> = [-32700, -32600, -32601, -32602, -32004, -32006]
        let lower = message.lowercased()
        if permanent.contains(code) || lower.contains("method not found") || lower.contains("not supported")
            || lower.contains("invalid argument") {
            throw FetchError.rpc(endpoint: endpoint.redacted, method: method, code: code, message: message)
        }
        throw RetryableProblem("JSON-RPC error \(code) from \(method): \(message)")
    }

    /// The start of a response body for an error message, redacted before it is cut: a secret the cut
    /// would split must not leave its first half behind.
    static func snippet(_ body: [UInt8], _ endpoint: RPCEndpoint) -> String {
        let redacted = endpoint.redact(String(decoding: body.prefix(64 << 10), as: UTF8.self))
        let text = String(redacted.prefix(120)).replacingOccurrences(of: "\n", with: " ")
        return text.isEmpty ? "" : "body starts: \(text)"
    }
}
