import CCurl
import DACost
import Foundation

/// One HTTP response, body included.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// `Retry-After` in seconds, when the server sent one (delta-seconds or an HTTP date).
    public var retryAfter: Double?
    public var body: [UInt8]
    public init(status: Int, retryAfter: Double? = nil, body: [UInt8]) {
        self.status = status; self.retryAfter = retryAfter; self.body = body
    }
}

/// A request that did not produce a complete response: always worth retrying.
public struct TransportFailure: Error, CustomStringConvertible {
    public let description: String
}

/// POSTs JSON bodies to one endpoint. One instance serves one thread at a time and keeps its
/// connection alive between requests.
public protocol HTTPTransport: AnyObject {
    func post(_ body: [UInt8]) throws -> HTTPResponse
}

/// `HTTPTransport` on a libcurl easy handle: keep-alive, gzip, connect and total timeouts, TLS
/// verification unless the endpoint is `insecure`.
public final class CurlTransport: HTTPTransport {
    private static let globalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    private let endpoint: RPCEndpoint
    private let handle: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let sink = ResponseSink()

    public init(endpoint: RPCEndpoint) throws {
        guard Self.globalInit == CURLE_OK, let h = curl_easy_init() else {
            throw TransportFailure(description: "libcurl could not be initialised")
        }
        self.endpoint = endpoint
        handle = h
        var list: UnsafeMutablePointer<curl_slist>? = curl_slist_append(nil, "Content-Type: application/json")
        // No "Expect: 100-continue" round trip for large batches.
        list = curl_slist_append(list, "Expect:")
        for (name, value) in endpoint.headers { list = curl_slist_append(list, "\(name): \(value)") }
        headerList = list
        var ok = dacost_curl_set_string(h, CURLOPT_URL, endpoint.url) == CURLE_OK
        ok = ok && dacost_curl_set_slist(h, CURLOPT_HTTPHEADER, list) == CURLE_OK
        ok = ok && dacost_curl_set_long(h, CURLOPT_NOSIGNAL, 1) == CURLE_OK // threads: no SIGALRM for timeouts
        ok = ok && dacost_curl_set_long(h, CURLOPT_CONNECTTIMEOUT_MS, Self.millis(endpoint.connectTimeout)) == CURLE_OK
        ok = ok && dacost_curl_set_long(h, CURLOPT_TIMEOUT_MS, Self.millis(endpoint.requestTimeout)) == CURLE_OK
        ok = ok && dacost_curl_set_long(h, CURLOPT_SSL_VERIFYPEER, endpoint.insecure ? 0 : 1) == CURLE_OK
        ok = ok && dacost_curl_set_long(h, CURLOPT_SSL_VERIFYHOST, endpoint.insecure ? 0 : 2) == CURLE_OK
        ok = ok && dacost_curl_set_string(h, CURLOPT_ACCEPT_ENCODING, "") == CURLE_OK // every encoding curl decodes
        ok = ok && dacost_curl_set_long(h, CURLOPT_POST, 1) == CURLE_OK
        // A block batch is megabytes: 256 kB reads instead of 16 kB ones (a sixteenth of the calls).
        ok = ok && dacost_curl_set_long(h, CURLOPT_BUFFERSIZE, 256 * 1024) == CURLE_OK
        ok = ok && dacost_curl_set_string(h, CURLOPT_USERAGENT, "dacost/\(DACostVersion.current)") == CURLE_OK
        let me = Unmanaged.passUnretained(sink).toOpaque()
        ok = ok && dacost_curl_set_write_function(h, curlWrite) == CURLE_OK
        ok = ok && dacost_curl_set_pointer(h, CURLOPT_WRITEDATA, me) == CURLE_OK
        ok = ok && dacost_curl_set_header_function(h, curlHeader) == CURLE_OK
        ok = ok && dacost_curl_set_pointer(h, CURLOPT_HEADERDATA, me) == CURLE_OK
        guard ok else {
            curl_easy_cleanup(h); curl_slist_free_all(list)
            throw TransportFailure(description: "libcurl rejected an option (is it built without HTTP support?)")
        }
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList)
    }

    public func post(_ body: [UInt8]) throws -> HTTPResponse {
        sink.reset()
        let rc: CURLcode = body.withUnsafeBytes { raw in
            _ = dacost_curl_set_long(handle, CURLOPT_POSTFIELDSIZE, raw.count)
            _ = dacost_curl_set_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress))
            return curl_easy_perform(handle)
        }
        // The body buffer is gone after the closure: curl must not keep a pointer to it.
        _ = dacost_curl_set_pointer(handle, CURLOPT_POSTFIELDS, nil)
        guard rc == CURLE_OK else {
            let what: String
            switch rc {
            case CURLE_OPERATION_TIMEDOUT: what = "timed out (connect \(endpoint.connectTimeout) s, total \(endpoint.requestTimeout) s)"
            case CURLE_COULDNT_CONNECT: what = "could not connect"
            case CURLE_COULDNT_RESOLVE_HOST: what = "could not resolve the host"
            case CURLE_PARTIAL_FILE, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_SEND_ERROR:
                what = "the connection closed before the response was complete"
            case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CONNECT_ERROR:
                what = "TLS verification failed (use --insecure only for a node you trust)"
            default: what = String(cString: curl_easy_strerror(rc))
            }
            throw TransportFailure(description: endpoint.redact("\(what) [curl \(rc.rawValue)]"))
        }
        var status = 0
        _ = dacost_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, retryAfter: sink.retryAfter, body: sink.body)
    }

    private static func millis(_ seconds: Double) -> Int {
        guard seconds.isFinite, seconds > 0 else { return 0 }
        return Int(min(seconds * 1000, Double(Int32.max)))
    }
}

/// Collects a response for the C callbacks.
final class ResponseSink {
    var body: [UInt8] = []
    var retryAfter: Double?

    func reset() { body.removeAll(keepingCapacity: true); retryAfter = nil }

    func header(_ line: String) {
        // A new status line starts a new response (redirects, 100 Continue): forget older headers.
        if line.hasPrefix("HTTP/") { retryAfter = nil; return }
        guard let colon = line.firstIndex(of: ":"),
              line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == "retry-after" else { return }
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        if let seconds = Double(value), seconds >= 0, seconds.isFinite {
            retryAfter = seconds
        } else {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "GMT")
            f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
            if let date = f.date(from: value) { retryAfter = max(0, date.timeIntervalSinceNow) }
        }
    }
}

private func curlWrite(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ user: UnsafeMutableRawPointer?) -> Int {
    guard let data, let user else { return 0 }
    let n = size * count
    let sink = Unmanaged<ResponseSink>.fromOpaque(user).takeUnretainedValue()
    data.withMemoryRebound(to: UInt8.self, capacity: n) { sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) }
    return n
}

private func curlHeader(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ user: UnsafeMutableRawPointer?) -> Int {
    guard let data, let user else { return 0 }
    let n = size * count
    let line = data.withMemoryRebound(to: UInt8.self, capacity: n) { String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self) }
    Unmanaged<ResponseSink>.fromOpaque(user).takeUnretainedValue().header(line)
    return n
}
