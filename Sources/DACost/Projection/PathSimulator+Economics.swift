/// One layer's economics on one path: what users paid for L1 data under the stack's mechanism against
/// what posting (and the stack's fixed L1 costs) cost.
struct LayerEconomics {
    var pnl: ProfitAndLoss.Result
    var stackFixedUSD = 0.0
    /// Revenue and cost (posting and the stack's fixed costs) per day.
    var dailyRevenueUSD: [Double], dailyCostUSD: [Double]
    var revenue: LayerRevenue.Result
}

extension PathSimulator {
    /// Each layer's revenue under `fees` and the stack's fixed L1 costs (nil for a generic stack), from the
    /// layers' full channels.
    static func economics(fees: FeeMechanism?, scenario: Scenario, encoding: BatchEncoding?, full: [FullChannel], bytesPerTx: Double,
                          stepSeconds: Double, startTime: Int64, steps: Int) -> (revenue: [LayerRevenue], stackFixed: [StackFixedCost]?) {
        // Pubdata a transaction publishes: its share of a full channel's payload on the layer.
        let pubdata = full.map { $0.batch > 0 ? Double($0.payload.bytes) * bytesPerTx / $0.batch : 0 }
        let kinds = scenario.layers.map(\.kind)
        let revenue = fees.map { f in
            kinds.indices.map { LayerRevenue(mechanism: f, layerKind: kinds[$0], pubdataPerTx: pubdata[$0], stepSeconds: stepSeconds,
                                             startTime: startTime, steps: steps) }
        } ?? []
        // The same stack for every layer: all have fixed costs, or (generic) none.
        guard StackPreset.of(encoding) != nil else { return (revenue, nil) }
        let fixed = full.indices.compactMap { i in
            StackFixedCost.of(encoding, transactionsPerSubmission: bytesPerTx > 0 ? full[i].batch / bytesPerTx : 0, payloadPerTx: pubdata[i])
        }
        return (revenue, fixed)
    }

    /// Settles layer `i`'s revenue on a path once every layer has run (the blob fee users read may come
    /// from the simulated market): revenue per step, the stack's fixed costs, the P&L and the loss timer.
    /// The per-step series are dropped afterwards.
    func settle(_ o: inout PathOutcome.Layer, layer i: Int, _ m: FeeMarket, shared: inout [String: LayerRevenue.Result]) {
        guard i < revenue.count else { return }
        var cost = o.stepUSD.isEmpty ? [Double](repeating: 0, count: steps) : o.stepUSD
        var fixedUSD = 0.0
        if let f = stackFixed?[i] {
            for s in 0..<min(cost.count, m.txs.count) {
                let c = f.usd(txs: m.txs[s], l1FeeWei: m.l1FeeWei[s], eth: m.eth[s], stepSeconds: stepSeconds)
                cost[s] += c; fixedUSD += c
            }
        }
        let key = revenue[i].shareKey
        let r: LayerRevenue.Result
        if let key, let done = shared[key] { r = done }
        else {
            r = revenue[i].run(cost: cost, m)
            if let key { shared[key] = r }
        }
        let pnl = ProfitAndLoss(threshold: scenario.projection.lossThresholdUSD, window: lossWindow)
            .run(cost: cost, revenue: r.usd, txs: m.txs, stepSeconds: stepSeconds)
        var daily = [Double](repeating: 0, count: scenario.horizonDays), dailyCost = daily
        let days = daily.count
        daily.withUnsafeMutableBufferPointer { daily in
            dailyCost.withUnsafeMutableBufferPointer { dailyCost in
                // Summed in registers while the day stays the same, flushed when it changes: the same
                // additions in the same order, without each waiting on the one before through memory.
                var day = -1, revenueSum = 0.0, costSum = 0.0
                for s in 0..<min(r.usd.count, cost.count, stepDay.count) {
                    let d = stepDay[s]
                    guard d < days else { continue } // a step's day is within the horizon: never taken
                    if d != day {
                        if day >= 0 { daily[day] = revenueSum; dailyCost[day] = costSum }
                        day = d; revenueSum = daily[d]; costSum = dailyCost[d]
                    }
                    revenueSum += r.usd[s]; costSum += cost[s]
                }
                if day >= 0 { daily[day] = revenueSum; dailyCost[day] = costSum }
            }
        }
        o.lossStarted = pnl.started
        o.lossSeconds = pnl.seconds
        var kept = r
        kept.usd = []
        o.economics = LayerEconomics(pnl: pnl, stackFixedUSD: fixedUSD, dailyRevenueUSD: daily, dailyCostUSD: dailyCost, revenue: kept)
        o.stepUSD = []; o.stepBlobFeeWei = []
    }
}
