/// One layer's profit and loss through a path: revenue against posting cost (with the stack's fixed
/// L1 costs), the cumulative P&L, its deepest point, and the loss timer — from when posting starts to
/// cost more than users pay, judged over a window as long as a channel may stay open (one submission
/// carries many steps' transactions), to when the loss since then passes the threshold ("unviable").
/// A loss that is earned back ends the episode: the timer measures the run of losses that sank the
/// chain, not the time since an early, repaid shortfall.
struct ProfitAndLoss {
    let threshold: Double, window: Int

    init(threshold: Double, window: Int) {
        self.threshold = threshold; self.window = max(1, window)
    }

    struct Result {
        var revenue = 0.0, cost = 0.0
        /// Cumulative P&L at the end and at its lowest point.
        var final = 0.0, lowest = 0.0
        /// Whether the loss timer ever started, and the seconds from the start of the losing run until its loss
        /// passed the threshold.
        var started = false
        var seconds: Double?
    }

    /// Over `cost[s]` and `revenue[s]` (USD) and `txs[s]` per step. Steps without transactions are left
    /// out of the loss timer (nothing was charged or posted for them).
    func run(cost: [Double], revenue: [Double], txs: [Double], stepSeconds: Double) -> Result {
        let n = min(cost.count, revenue.count, txs.count), window = window
        var r = Result()
        var cumulative = 0.0
        for s in 0..<n {
            r.cost += cost[s]; r.revenue += revenue[s]
            cumulative += revenue[s] - cost[s]
            if cumulative < r.lowest { r.lowest = cumulative }
        }
        r.final = cumulative
        let ring = UnsafeMutablePointer<Double>.allocate(capacity: 2 * window)
        ring.initialize(repeating: 0, count: 2 * window)
        defer { ring.deallocate() }
        var windowCost = 0.0, windowRevenue = 0.0, loss = 0.0, start = 0.0, slot = 0, started = false
        for s in 0..<n {
            defer { slot &+= 1; if slot == window { slot = 0 } } // s % window
            let u = cost[s], v = revenue[s]
            guard txs[s] > 0 else { continue }
            let t = Double(s) * stepSeconds
            windowCost += u - ring[slot]; ring[slot] = u
            windowRevenue += v - ring[window &+ slot]; ring[window &+ slot] = v
            if !started && s + 1 >= window && windowCost > windowRevenue { started = true; r.started = true; start = t }
            if started {
                loss += u - v
                if loss >= threshold { r.seconds = t + stepSeconds - start; break }
                if loss <= 0 { started = false; loss = 0 }
            }
        }
        return r
    }
}

/// A stack's fixed L1 costs per step, from its preset: gas per batch (batches counted as full channels of
/// the layer, a model) and gas per day, at the step's L1 gas price.
struct StackFixedCost {
    let gasPerBatch: Double, gasPerDay: Double, transactionsPerBatch: Double

    func usd(txs: Double, l1FeeWei: Double, eth: Double, stepSeconds: Double) -> Double {
        let gas = (transactionsPerBatch > 0 ? gasPerBatch * txs / transactionsPerBatch : 0) + gasPerDay * stepSeconds / 86_400
        return gas * l1FeeWei * eth / 1e18
    }
}
