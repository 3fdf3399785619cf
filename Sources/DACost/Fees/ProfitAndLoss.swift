/// One layer's profit and loss through a path: revenue against posting cost (with the stack's fixed
/// L1 costs), the cumulative P&L from the horizon's start, its deepest point, and when it turned
/// unviable: the first time the cumulative loss passed the threshold, timed from the P&L's last peak
/// before it (how fast the hole opened). Users pay when their transactions are sequenced and the chain
/// pays when the data is posted, often later: counting from the start keeps what users already paid
/// for data still waiting, where a per-window loss would count a delayed posting as a loss.
struct ProfitAndLoss {
    let threshold: Double, window: Int

    init(threshold: Double, window: Int) {
        self.threshold = threshold; self.window = max(1, window)
    }

    struct Result {
        var revenue = 0.0, cost = 0.0
        /// Cumulative P&L at the end and at its lowest point.
        var final = 0.0, lowest = 0.0
        /// Whether posting ever cost more than users paid over a window as long as a channel may stay open,
        /// and the seconds from the cumulative P&L's last peak to its passing −threshold (nil: it never did).
        var started = false
        var seconds: Double?
    }

    /// Over `cost[s]` and `revenue[s]` (USD) and `txs[s]` per step. Steps without transactions are left
    /// out of the windowed comparison (nothing was charged or posted for them).
    func run(cost: [Double], revenue: [Double], txs: [Double], stepSeconds: Double) -> Result {
        // Through buffers: a Monte Carlo settles every layer of every path (43 million steps in the stress
        // scenario), without a bounds check per read.
        cost.withUnsafeBufferPointer { cost in
            revenue.withUnsafeBufferPointer { revenue in
                txs.withUnsafeBufferPointer { txs in run(cost: cost, revenue: revenue, txs: txs, stepSeconds: stepSeconds) }
            }
        }
    }

    private func run(cost: UnsafeBufferPointer<Double>, revenue: UnsafeBufferPointer<Double>, txs: UnsafeBufferPointer<Double>,
                     stepSeconds: Double) -> Result {
        let n = min(cost.count, revenue.count, txs.count), window = window
        var r = Result()
        // Plain locals (no optional to test per step), the same sums in the same order.
        var totalCost = 0.0, totalRevenue = 0.0, lowest = 0.0
        var cumulative = 0.0, peak = 0.0, peakTime = 0.0
        var passed = false, seconds = 0.0
        let floor = -threshold
        var s = 0
        while s < n && !passed {
            let c = cost[s], v = revenue[s]
            totalCost += c; totalRevenue += v
            cumulative += v - c
            let end = Double(s &+ 1) * stepSeconds
            // Selects rather than branches: a random walk's new highs and lows are hard to predict.
            let higher = cumulative > peak
            peakTime = higher ? end : peakTime; peak = higher ? cumulative : peak
            lowest = cumulative < lowest ? cumulative : lowest
            if cumulative <= floor { passed = true; seconds = end - peakTime }
            s &+= 1
        }
        // Once past the threshold the peak no longer matters: the same sums, without the peak's selects and the test.
        while s < n {
            let c = cost[s], v = revenue[s]
            totalCost += c; totalRevenue += v
            cumulative += v - c
            lowest = cumulative < lowest ? cumulative : lowest
            s &+= 1
        }
        r.cost = totalCost; r.revenue = totalRevenue; r.lowest = lowest
        if passed { r.seconds = seconds }
        r.final = cumulative
        let ring = UnsafeMutablePointer<Double>.allocate(capacity: 2 * window)
        ring.initialize(repeating: 0, count: 2 * window)
        defer { ring.deallocate() }
        var windowCost = 0.0, windowRevenue = 0.0, slot = 0
        for s in 0..<n {
            defer { slot &+= 1; if slot == window { slot = 0 } } // s % window
            guard txs[s] > 0 else { continue }
            windowCost += cost[s] - ring[slot]; ring[slot] = cost[s]
            windowRevenue += revenue[s] - ring[window &+ slot]; ring[window &+ slot] = revenue[s]
            if s + 1 >= window && windowCost > windowRevenue { r.started = true; break }
        }
        return r
    }
}

/// A stack's fixed L1 costs per step, from its preset: gas per batch (batches counted as full channels of
/// the layer, a model) and gas per day, at the step's L1 gas price.
struct StackFixedCost {
    let gasPerBatch: Double, gasPerDay: Double, transactionsPerBatch: Double

    /// The fixed costs of the stack whose batches are encoded as `encoding` (nil: a generic stack has
    /// none), for a layer posting `transactionsPerSubmission` transactions of `payloadPerTx` posted bytes
    /// each: a batch is a submission, except ZK Stack's, sealed by its own criteria on pubdata.
    static func of(_ encoding: BatchEncoding?, transactionsPerSubmission: Double, payloadPerTx: Double) -> StackFixedCost? {
        guard let preset = StackPreset.of(encoding) else { return nil }
        let zk = encoding == .zkStackStateDiffModel
        return StackFixedCost(gasPerBatch: preset.extraGasPerBatch, gasPerDay: preset.fixedGasPerDay,
                              transactionsPerBatch: zk ? ZKStack.transactionsPerBatch(pubdataPerTx: payloadPerTx) : transactionsPerSubmission)
    }

    func usd(txs: Double, l1FeeWei: Double, eth: Double, stepSeconds: Double) -> Double {
        let gas = (transactionsPerBatch > 0 ? gasPerBatch * txs / transactionsPerBatch : 0) + gasPerDay * stepSeconds / 86_400
        return gas * l1FeeWei * eth / 1e18
    }
}
