@testable import DACostRPC
import Foundation
import Testing

@Suite struct RetryPolicyTests {
    @Test func backoffDoublesWithJitterAndACap() {
        let p = RetryPolicy(maxAttempts: 10, baseDelay: 0.5, maxDelay: 30)
        // Jitter draws from the upper half of the ceiling: [c/2, c].
        #expect(p.delay(afterAttempt: 1, retryAfter: nil, unit: 0) == 0.25)
        #expect(p.delay(afterAttempt: 1, retryAfter: nil, unit: 1) == 0.5)
        #expect(p.delay(afterAttempt: 3, retryAfter: nil, unit: 1) == 2.0)
        #expect(p.delay(afterAttempt: 7, retryAfter: nil, unit: 1) == 30) // 0.5 × 2^6 = 32, capped
        #expect(p.delay(afterAttempt: 1000, retryAfter: nil, unit: 0.5) == 22.5)
    }

    @Test func retryAfterIsAFloorWithinItsCap() {
        let p = RetryPolicy(maxAttempts: 5, baseDelay: 0.1, maxDelay: 1, maxRetryAfter: 120)
        #expect(p.delay(afterAttempt: 1, retryAfter: 7, unit: 0) == 7)
        #expect(p.delay(afterAttempt: 1, retryAfter: 1e6, unit: 0) == 120)
        #expect(p.delay(afterAttempt: 1, retryAfter: 0, unit: 1) == 0.1)
    }

    @Test func retryAfterHeaderInSecondsOrAsADate() {
        let sink = ResponseSink()
        sink.header("HTTP/1.1 429 Too Many Requests\r\n")
        sink.header("Retry-After: 12\r\n")
        #expect(sink.retryAfter == 12)
        sink.header("HTTP/1.1 503 Service Unavailable\r\n")
        #expect(sink.retryAfter == nil) // a new response forgets the old header
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX"); f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        sink.header("retry-after: \(f.string(from: Date().addingTimeInterval(30)))\r\n")
        #expect((sink.retryAfter ?? 0) > 25 && (sink.retryAfter ?? 0) <= 30)
        sink.header("Retry-After: soon\r\n")
        #expect((sink.retryAfter ?? 0) > 25) // an unreadable value leaves what was there
    }
}

@Suite struct RedactionTests {
    @Test func pathQueryUserInfoAndHeadersAreSecret() throws {
        let e = try RPCEndpoint(url: "https://user:pa55word@eth-mainnet.g.alchemy.com/v2/AbCdEf123456xyz?key=QUERYKEY99",
                                headers: ["Authorization: Bearer TOKEN-123456", "X-Api-Key:  k3y-value-abc "])
        #expect(e.redacted == "https://eth-mainnet.g.alchemy.com/<redacted>")
        #expect(e.headers.map(\.value) == ["Bearer TOKEN-123456", "k3y-value-abc"])
        let message = e.redact("POST https://user:pa55word@eth-mainnet.g.alchemy.com/v2/AbCdEf123456xyz?key=QUERYKEY99 failed; "
                               + "echo AbCdEf123456xyz QUERYKEY99 pa55word Bearer TOKEN-123456 k3y-value-abc")
        for secret in ["AbCdEf123456xyz", "QUERYKEY99", "pa55word", "TOKEN-123456", "k3y-value-abc"] {
            #expect(!message.contains(secret), "\(secret) in \(message)")
        }
        #expect(message.contains("https://eth-mainnet.g.alchemy.com/<redacted>"))
    }

    /// Issue 19, class 7: each way a key leaked to stderr before.
    @Test func echoedKeysAreRedactedInEveryForm() throws {
        // Percent-decoded: the URL holds "s3cr%2Bt%2Fkey", the server echoes "s3cr+t/key".
        let e = try RPCEndpoint(url: "https://rpc.example.com/?apikey=s3cr%2Bt%2Fkey", headers: ["Authorization: Bearer tok3n-abcdef"])
        let decoded = e.redact("invalid api key s3cr+t/key")
        #expect(!decoded.contains("s3cr+t/key") && !decoded.contains("s3cr"), "\(decoded)")
        // JSON-escaped.
        #expect(!e.redact(#"{"error": "bad key s3cr+t\/key"}"#).contains("s3cr"))
        // An Authorization token echoed alone, without "Bearer".
        #expect(!e.redact("token tok3n-abcdef is not valid").contains("tok3n-abcdef"))
        // A key shorter than 6 characters, in a path or a header, whatever its length.
        let short = try RPCEndpoint(url: "https://rpc.example.com/k9Z", headers: ["X-Key: ab1"])
        let m = short.redact("unknown key k9Z (header ab1); see https://rpc.example.com/k9Z")
        #expect(!m.contains("k9Z") && !m.contains("ab1"), "\(m)")
        // Words that merely contain a short key are left alone.
        #expect(short.redact("about cab1n") == "about cab1n")
    }

    /// The 120-character snippet of a body was cut before redaction: half a key could stay behind.
    @Test func aBodySnippetIsRedactedBeforeItIsCut() throws {
        let key = "KEY-0123456789abcdefghij"
        let e = try RPCEndpoint(url: "https://rpc.example.com/v2/\(key)")
        let body = Array((String(repeating: "x", count: 110) + " " + key + " more").utf8)
        let s = JSONRPCClient.snippet(body, e)
        #expect(!s.contains("KEY-0123"), "\(s)")
        #expect(s.contains("<redacted>") || s.count <= 140)
    }

    @Test func aBareHostHasNothingToHide() throws {
        let e = try RPCEndpoint(url: "http://127.0.0.1:8545")
        #expect(e.redacted == "http://127.0.0.1:8545")
        #expect(e.redact("could not connect to http://127.0.0.1:8545") == "could not connect to http://127.0.0.1:8545")
    }

    @Test func malformedEndpointsAreRefusedWithoutEchoingThem() {
        for (url, hint) in [("", "an empty string"), ("ftp://host/SECRETPATH", "scheme 'ftp'"), ("localhost:8545/SECRETPATH", "text without a scheme")] {
            #expect {
                _ = try RPCEndpoint(url: url)
            } throws: { e in
                let text = "\(e)"
                return text.contains(hint) && !text.contains("SECRETPATH")
            }
        }
        #expect(throws: FetchError.self) { _ = try RPCEndpoint(url: "http://h/", headers: ["no colon here"]) }
        #expect(throws: FetchError.self) { _ = try RPCEndpoint(url: "http://h/", headers: ["Bad Name: v"]) }
    }
}
