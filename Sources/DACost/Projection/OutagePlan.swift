import Foundation

/// The market steps in which one alt-DA layer is down on one path: the scenario's dated windows and,
/// with a rate, a seeded Poisson process of outages with log-normal durations. A step counts as down
/// when any part of it is.
struct OutagePlan {
    /// One flag per step.
    let down: [Bool]
    /// Steps down over the horizon, and the longest run of them.
    let downSteps: Int, longestRun: Int

    /// Days in the month the rate is counted per (365.25 / 12, the calendar's mean month).
    static let daysPerMonth = 30.436875
    /// The standard normal's 95th percentile, for a log-normal fixed by its median and P95.
    static let z95 = 1.6448536269514722

    init(_ s: OutageSettings, steps: Int, stepSeconds: Double, rng: inout SeededRandom) {
        var down = [Bool](repeating: false, count: max(0, steps))
        let horizon = Double(steps) * stepSeconds
        func mark(from start: Double, seconds: Double) {
            guard seconds > 0, start < horizon, start + seconds > 0 else { return }
            let first = Swift.max(0, Int((Swift.max(0, start) / stepSeconds).rounded(.down)))
            let end = Swift.min(steps, Int((Swift.min(horizon, start + seconds) / stepSeconds).rounded(.up)))
            if first < end { for i in first..<end { down[i] = true } }
        }
        for w in s.windows { mark(from: w.startOffset, seconds: w.hours * 3600) }
        if s.perMonth > 0 {
            let ratePerSecond = s.perMonth / (Self.daysPerMonth * 86_400)
            let sigma = s.p95Hours > s.medianHours ? Foundation.log(s.p95Hours / s.medianHours) / Self.z95 : 0
            var t = 0.0
            while true {
                // Exponential gaps: −ln(1 − u) / rate, u in [0, 1).
                t += -Foundation.log1p(-rng.nextUnit()) / ratePerSecond
                guard t < horizon else { break }
                let hours = s.medianHours * Foundation.exp(sigma * rng.nextGaussian())
                mark(from: t, seconds: Swift.min(hours, horizon / 3600 + 1) * 3600)
            }
        }
        self.down = down
        var total = 0, run = 0, longest = 0
        for d in down {
            if d { total += 1; run += 1; longest = Swift.max(longest, run) } else { run = 0 }
        }
        downSteps = total; longestRun = longest
    }
}

/// One layer's outages on a path as its batcher meets them: the plan, the policy, and what they cost.
struct OutageRun {
    let plan: OutagePlan
    let failover: OutageSettings.Failover
    /// The Ethereum layer a failover posts to (nil for wait and halt).
    var fallback: EthereumFallback?
    /// Submissions a halted chain never made (those made on the fallback layer are in the batcher's tally).
    var haltedSubmissions = 0.0
    /// Bytes held while the layer was down (wait) or never posted (halt), at their most.
    var heldBytes = 0.0, maxHeldBytes = 0.0

    init(plan: OutagePlan, failover: OutageSettings.Failover, batcher: Scenario.BatcherPolicy, calldata: CalldataPricing) {
        self.plan = plan; self.failover = failover
        fallback = LayerKind(rawValue: failover.rawValue).flatMap { EthereumFallback(kind: $0, batcher: batcher, calldata: calldata) }
    }

    /// Bytes not posted while the layer is down (the owner resets `heldBytes` when it is back).
    mutating func hold(_ bytes: Double) {
        heldBytes += bytes
        maxHeldBytes = Swift.max(maxHeldBytes, heldBytes)
    }
}
