import Foundation

/// How a market input or the traffic moves through time. Stochastic kinds draw from the path's own
/// seeded stream, so a path is the same whatever thread runs it.
public indirect enum Curve: Equatable, Sendable, Codable {
    case constant(Double)
    /// Dated points, held (step) or interpolated (linear) between them.
    case piecewise(points: [TimedValue], linear: Bool)
    /// A real history replayed from its first row onwards, shifted to the scenario's start; each
    /// value holds until the next row.
    case replay(points: [TimedValue], source: String)
    /// Geometric Brownian motion: yearly drift and volatility.
    case gbm(start: Double, driftPerYear: Double, volatilityPerYear: Double)
    /// Log-Ornstein-Uhlenbeck around `mean`, with optional Poisson jumps in log space.
    case meanReverting(start: Double, mean: Double, reversionPerDay: Double, volatilityPerDay: Double,
                       jumpsPerDay: Double, jumpMeanLog: Double, jumpSdLog: Double)
    /// A daily cycle multiplier: 1 + amplitude × cos(2π (hour − peak) / 24).
    case diurnal(amplitude: Double, peakHour: Double)
    /// Compound growth: start × (1 + percent/100)^(months since start).
    case growth(start: Double, percentPerMonth: Double)
    /// The product of curves (a diurnal cycle on a growth trend).
    case product([Curve])

    public struct TimedValue: Equatable, Sendable, Codable {
        /// Seconds since the scenario's start.
        public var offset: Double
        public var value: Double
    }

    /// The value at the scenario's start (what a constant-market comparison uses).
    public var startValue: Double {
        switch self {
        case .constant(let v): return v
        case .piecewise(let p, _), .replay(let p, _): return p.first?.value ?? 0
        case .gbm(let s, _, _): return s
        case .meanReverting(let s, _, _, _, _, _, _): return s
        case .diurnal: return 1
        case .growth(let s, _): return s
        case .product(let cs): return cs.reduce(1) { $0 * $1.startValue }
        }
    }

    public var isStochastic: Bool {
        switch self {
        case .gbm, .meanReverting: return true
        case .product(let cs): return cs.contains(where: \.isStochastic)
        default: return false
        }
    }

    /// Values at `count` steps of `step` seconds (the value at the start of each step).
    public func sample(count: Int, step: Double, rng: inout SeededRandom) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        switch self {
        case .constant(let v):
            for i in 0..<count { out[i] = v }
        case .piecewise(let points, let linear):
            var j = 0
            for i in 0..<count {
                let t = Double(i) * step
                while j + 1 < points.count && points[j + 1].offset <= t { j += 1 }
                let a = points[j]
                if linear, j + 1 < points.count, t > a.offset {
                    let b = points[j + 1]
                    out[i] = a.value + (b.value - a.value) * (t - a.offset) / (b.offset - a.offset)
                } else {
                    out[i] = t < a.offset ? points[0].value : a.value
                }
            }
        case .replay(let points, _):
            var j = 0
            for i in 0..<count {
                let t = Double(i) * step
                while j + 1 < points.count && points[j + 1].offset <= t { j += 1 }
                out[i] = points[j].value
            }
        case .gbm(let start, let mu, let sigma):
            let dt = step / (365.25 * 86_400)
            var x = start
            let drift = (mu - sigma * sigma / 2) * dt, vol = sigma * dt.squareRoot()
            for i in 0..<count {
                out[i] = x
                x *= Foundation.exp(drift + vol * rng.nextNormal())
            }
        case .meanReverting(let start, let mean, let theta, let sigma, let jumps, let jumpMean, let jumpSd):
            let dt = step / 86_400
            let target = Foundation.log(max(mean, 1e-300))
            var x = Foundation.log(max(start, 1e-300))
            let decay = Foundation.exp(-theta * dt)
            // Exact OU transition over one step.
            let sd = theta > 0 ? sigma * ((1 - decay * decay) / (2 * theta)).squareRoot() : sigma * dt.squareRoot()
            let jumpChance = jumps * dt
            for i in 0..<count {
                out[i] = Foundation.exp(x)
                x = target + (x - target) * decay + sd * rng.nextNormal()
                if jumpChance > 0 && rng.nextUnit() < jumpChance { x += jumpMean + jumpSd * rng.nextNormal() }
            }
        case .diurnal(let amplitude, let peak):
            for i in 0..<count {
                let hour = (Double(i) * step / 3600).truncatingRemainder(dividingBy: 24)
                out[i] = 1 + amplitude * Foundation.cos(2 * Double.pi * (hour - peak) / 24)
            }
        case .growth(let start, let percent):
            for i in 0..<count { out[i] = start * Foundation.pow(1 + percent / 100, Double(i) * step / (30.436875 * 86_400)) }
        case .product(let curves):
            for i in 0..<count { out[i] = 1 }
            for c in curves {
                let s = c.sample(count: count, step: step, rng: &rng)
                for i in 0..<count { out[i] *= s[i] }
            }
        }
        return out
    }
}

/// A temporary multiplier on one market input: "memecoin frenzy: base fee ×20 for 6 hours".
public struct Spike: Equatable, Sendable, Codable {
    public var name: String
    /// Which input: a `market` key such as `l1_base_fee_gwei`, or `tps`.
    public var input: String
    /// Seconds since the scenario's start.
    public var startOffset: Double
    public var hours: Double
    public var multiplier: Double

    enum CodingKeys: String, CodingKey { case name, input, hours, multiplier, startOffset = "start_offset_seconds" }

    public func apply(to values: inout [Double], step: Double) {
        for i in values.indices {
            let t = Double(i) * step
            if t >= startOffset && t < startOffset + hours * 3600 { values[i] *= multiplier }
        }
    }
}
