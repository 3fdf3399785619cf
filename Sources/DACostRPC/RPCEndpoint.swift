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
    /// Every secret in every form, longest first, as bytes; `anywhere` when it is long enough (6
    /// characters) to be replaced wherever it appears, otherwise only where it stands as a word.
    private let secrets: [(bytes: [UInt8], anywhere: Bool)]

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
        if let f = c.percentEncodedFragment { s.append(f) }
        // A header value whole and word by word: a server may echo just the token of "Bearer <token>".
        for (_, value) in parsed { s.append(value); s += value.split(separator: " ").map(String.init) }
        // Each in every form a server may echo it: as sent, percent-decoded, percent-encoded, JSON-escaped.
        var forms = Set<String>()
        for secret in s where !secret.isEmpty {
            forms.insert(secret)
            if let d = secret.removingPercentEncoding, !d.isEmpty { forms.insert(d) }
            if let e = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) { forms.insert(e) }
        }
        for f in forms where f.contains("/") { forms.insert(f.replacingOccurrences(of: "/", with: "\\/")) }
        // Longest first so a key inside a longer secret is not half replaced.
        secrets = forms.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
            .map { (Array($0.utf8), $0.count >= 6) }
    }

    /// `text` with the URL replaced by its redacted form and every secret part removed, whatever its
    /// length: a secret of 6 characters or more wherever it appears, a shorter one wherever it stands
    /// as a word of its own (replacing every "v2" or "rpc" inside other words would garble the message,
    /// and such a fragment inside a longer word is not the secret standing alone).
    public func redact(_ text: String) -> String {
        // On bytes with memchr: an error body may be 64 KiB, and a dozen Foundation searches over it
        // cost more than the request that failed.
        var out = Self.replacing(Array(url.utf8), with: Array(redacted.utf8), in: Array(text.utf8), wordsOnly: false)
        for s in secrets { out = Self.replacing(s.bytes, with: Self.marker, in: out, wordsOnly: !s.anywhere) }
        return String(decoding: out, as: UTF8.self)
    }

    private static let marker = Array("<redacted>".utf8)

    /// `text` with each occurrence of `word` that no letter, digit, `-` or `_` touches replaced.
    static func replacingWord(_ word: String, in text: String) -> String {
        String(decoding: replacing(Array(word.utf8), with: marker, in: Array(text.utf8), wordsOnly: true), as: UTF8.self)
    }

    /// `haystack` with every occurrence of `needle` replaced, left to right without overlaps; with
    /// `wordsOnly`, only those that no letter, digit, `-`, `_` or non-ASCII byte touches.
    static func replacing(_ needle: [UInt8], with replacement: [UInt8], in haystack: [UInt8], wordsOnly: Bool) -> [UInt8] {
        guard !needle.isEmpty, haystack.count >= needle.count else { return haystack }
        func isWordByte(_ b: UInt8) -> Bool {
            (0x30...0x39).contains(b) || (0x41...0x5a).contains(b) || (0x61...0x7a).contains(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b >= 0x80
        }
        var out: [UInt8] = []
        var copied = 0, from = 0
        haystack.withUnsafeBytes { h in
            needle.withUnsafeBytes { n in
                guard let hb = h.baseAddress, let nb = n.baseAddress else { return }
                // memchr for the first byte, memcmp for the rest (Glibc's memmem is a GNU extension Swift does not import).
                while from + n.count <= h.count, let hit = memchr(hb + from, Int32(needle[0]), h.count - n.count + 1 - from) {
                    let at = UnsafeRawPointer(hit) - hb
                    guard memcmp(hit, nb, n.count) == 0 else { from = at + 1; continue }
                    let end = at + n.count
                    if wordsOnly && ((at > 0 && isWordByte(haystack[at - 1])) || (end < h.count && isWordByte(haystack[end]))) {
                        from = at + 1
                        continue
                    }
                    if out.isEmpty { out.reserveCapacity(h.count) }
                    out += haystack[copied..<at]
                    out += replacement
                    copied = end; from = end
                }
            }
        }
        guard copied > 0 else { return haystack }
        out += haystack[copied...]
        return out
    }

    /// A hint at what a malformed URL looked like, without echoing it (it may hold a key).
    private static func shape(_ url: String) -> String {
        if url.isEmpty { return "an empty string" }
        if let r = url.range(of: "://") { return "a URL with scheme '\(url[..<r.lowerBound])'" }
        return "text without a scheme (\(url.count) characters)"
    }
}
