/// When and how long to wait before trying a request again: exponential backoff with full
/// jitter (AWS's "exponential backoff and jitter"), never shorter than a server's `Retry-After`.
public struct RetryPolicy: Sendable {
    /// Attempts per request, the first included.
    public var maxAttempts: Int
    /// Delay before the first retry, in seconds; doubles per attempt.
    public var baseDelay: Double
    /// Cap on one delay, in seconds (a `Retry-After` is honoured up to `maxRetryAfter`).
    public var maxDelay: Double
    public var maxRetryAfter: Double

    public init(maxAttempts: Int = 10, baseDelay: Double = 0.5, maxDelay: Double = 30, maxRetryAfter: Double = 300) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = max(0, baseDelay)
        self.maxDelay = max(self.baseDelay, maxDelay)
        self.maxRetryAfter = max(0, maxRetryAfter)
    }

    /// Seconds to wait after failed attempt number `attempt` (1-based); `unit` is a uniform draw in [0, 1).
    public func delay(afterAttempt attempt: Int, retryAfter: Double?, unit: Double) -> Double {
        let exponent = Double(min(max(attempt - 1, 0), 30))
        let ceiling = min(maxDelay, baseDelay * pow2(exponent))
        // Full jitter over the upper half keeps clients apart without collapsing to zero.
        let jittered = ceiling * (0.5 + 0.5 * min(max(unit, 0), 1))
        guard let retryAfter, retryAfter > 0 else { return jittered }
        return max(jittered, min(retryAfter, maxRetryAfter))
    }

    private func pow2(_ e: Double) -> Double {
        var v = 1.0
        for _ in 0..<Int(e) { v *= 2 }
        return v
    }
}
