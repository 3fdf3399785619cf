/// A curve and a spike as a report states them: what the numbers of a projection rest on.
extension Curve {
    /// One line for a person: `mean-reverting from 20 around 15 (reversion 0.5/day, volatility 0.3/day; jumps 0.1/day)`.
    public var summary: String {
        func n(_ v: Double) -> String { NumberFormat.compact(v) }
        switch self {
        case .constant(let v): return "constant \(n(v))"
        case .piecewise(let points, let linear):
            return "\(points.count) dated points, \(linear ? "linear" : "step") (\(n(points.first?.value ?? 0)) → \(n(points.last?.value ?? 0)))"
        case .replay(let points, let source):
            return "replay of \(source) (\(points.count) rows, \(n(points.map(\.value).min() ?? 0))–\(n(points.map(\.value).max() ?? 0)))"
        case .gbm(let start, let mu, let sigma):
            return "geometric Brownian motion from \(n(start)) (drift \(n(mu * 100))%/year, volatility \(n(sigma * 100))%/year)"
        case .meanReverting(let start, let mean, let theta, let sigma, let jumps, let jumpMean, let jumpSd):
            var s = "mean-reverting from \(n(start)) around \(n(mean)) (reversion \(n(theta))/day, volatility \(n(sigma))/day"
            if jumps > 0 { s += "; jumps \(n(jumps))/day, log size \(n(jumpMean)) ± \(n(jumpSd))" }
            return s + ")"
        case .diurnal(let amplitude, let peak): return "daily cycle ±\(n(amplitude * 100))% peaking at \(n(peak)):00 UTC"
        case .growth(let start, let percent): return "growth from \(n(start)) at \(n(percent))%/month"
        case .product(let curves): return curves.map(\.summary).joined(separator: " × ")
        }
    }
}

extension Spike {
    /// Whether any of it falls inside a horizon of `seconds`.
    public func overlaps(horizonSeconds seconds: Double) -> Bool {
        startOffset < seconds && startOffset + hours * 3600 > 0
    }

    /// `memecoin frenzy: l1_base_fee_gwei ×20 for 6 h from day 3 12:00 UTC`.
    public var summary: String {
        let day = Int((startOffset / 86_400).rounded(.down)), secs = Int(startOffset) - day * 86_400
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let clock = two(secs / 3600) + ":" + two((secs % 3600) / 60)
        return "\(name): \(input) ×\(NumberFormat.compact(multiplier)) for \(NumberFormat.compact(hours)) h from day \(day + 1) \(clock) UTC"
    }
}
