/// Layers shared by all paths: those deterministic but for their L1 commitment transactions are run once
/// without them, and each path adds its commitments at its own L1 prices.
extension PathSimulator {
    /// Where commitments are booked in `PathOutcome.Layer.components` (in `CostComponent` order).
    static let commitmentComponent = CostComponent.allCases.firstIndex(of: .fixedL1Overhead) ?? 4

    struct SplitLayer {
        var outcome: PathOutcome.Layer
        var commitmentGas: [Double]
        /// Spend per step without the commitments.
        var stepUSD: [Double]
    }

    /// A split layer on one path: its shared outcome plus the commitments at the path's own L1 prices, with
    /// the loss timer run over the sum.
    func withCommitments(_ split: SplitLayer, layer i: Int, _ p: StepPrices) -> PathOutcome.Layer {
        var o = split.outcome
        let nativeIsETH = layers[i].nativeUnit == "ETH"
        var total = 0.0
        var usd = split.stepUSD
        for s in 0..<steps {
            let gas = split.commitmentGas[s]
            if gas > 0 {
                let wei = gas * p.l1FeeWei[s], c = wei * p.eth[s] / 1e18
                o.dailyUSD[stepDay[s]] += c
                if nativeIsETH { o.dailyNative[stepDay[s]] += wei / 1e18 }
                total += c; usd[s] += c
            }
        }
        o.components[Self.commitmentComponent] += total
        let loss = lossTimer()?.run(usd: usd, txs: p.txs, stepSeconds: stepSeconds)
        o.lossSeconds = loss?.seconds
        o.lossStarted = loss?.started ?? false
        return o
    }
}
