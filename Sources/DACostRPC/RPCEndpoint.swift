import Foundation

/// A JSON-RPC endpoint: its URL, extra headers, TLS and timeout settings. Anything that may carry
/// a credential (user info, path, query, header values) is treated as secret: `redacted` and
/// `redact(_:)` are what every log line, error and report uses.
public struct RPCEndpoint: Sendable {
    public let url: String
    /// Extra HTTP headers, `(name, value)`.
    public let headers: [(name: String, value: String)]
    /// Skips TLS certificate and host verification (`--insecure`); off unless asked for.
    public var insecure = false
    /// Seconds to establish a connection.
    public var connectTimeout: Double = 10
    /// Seconds for a whole request, connection included; a stalled server is cut off here.
    public var requestTimeout: Double = 60
    /// `scheme://host[:port]`, followed by `/<redacted>` when the URL has a path or query.
    public let redacted: String
    private let secrets: [String]

    /// Validates the URL (http or https, with a host) and headers (`Name: value`).
    public init(url: String, headers: [String] = []) throws {
        guard let c = URLComponents(string: url), let scheme = c.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = c.host, !host.isEmpty else {
            throw FetchError.badEndpoint("expected an http:// or https:// URL with a host, got \(Self.shape(url))")
        }
        var parsed: [(name: String, value: String)] = []
        for h in headers {
            guard let colon = h.firstIndex(of: ":"), colon != h.startIndex else {
                throw FetchError.badEndpoint("expected a header as 'Name: value', got '\(h.prefix(while: { $0 != ":" }))…'")
            }
            let name = h[..<colon].trimmingCharacters(in: .whitespaces)
            let value = h[h.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw FetchError.badEndpoint("header name '\(name)' is not a valid HTTP header name")
            }
            parsed.append((name, value))
        }
        self.url = url
        self.headers = parsed
        var base = "\(scheme)://\(host.contains(":") ? "[\(host)]" : host)"
        if let port = c.port { base += ":\(port)" }
        let path = c.percentEncodedPath
        let hasSecretPart = (path != "" && path != "/") || c.percentEncodedQuery != nil || c.fragment != nil
        redacted = hasSecretPart ? base + "/<redacted>" : base
        var s: [String] = []
        if let u = c.percentEncodedUser { s.append(u) }
        if let p = c.percentEncodedPassword { s.append(p) }
        if path.count > 1 { s.append(path); s += path.split(separator: "/").map(String.init) }
        if let q = c.percentEncodedQuery { s.append(q); s += q.split(separator: "&").flatMap { $0.split(separator: "=").map(String.init) } }
        s += parsed.map(\.value)
        // Longest first so a key inside a longer secret is not half replaced; short fragments
        // ("v2", "rpc") are not secret and would garble messages.
        secrets = Array(Set(s.filter { $0.count >= 6 })).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// `text` with the URL replaced by its redacted form and every secret part removed.
    public func redact(_ text: String) -> String {
        var out = text.replacingOccurrences(of: url, with: redacted)
        for s in secrets { out = out.replacingOccurrences(of: s, with: "<redacted>") }
        return out
    }

    /// A hint at what a malformed URL looked like, without echoing it (it may hold a key).
    private static func shape(_ url: String) -> String {
        if url.isEmpty { return "an empty string" }
        if let r = url.range(of: "://") { return "a URL with scheme '\(url[..<r.lowerBound])'" }
        return "text without a scheme (\(url.count) characters)"
    }
}
