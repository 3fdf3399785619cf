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
        // One pass without bounds checks: a step without commitments adds exactly 0.
        usd.withUnsafeMutableBufferPointer { usd in
            o.dailyUSD.withUnsafeMutableBufferPointer { dailyUSD in
                o.dailyNative.withUnsafeMutableBufferPointer { dailyNative in
                    split.commitmentGas.withUnsafeBufferPointer { gas in
                        p.l1FeeWei.withUnsafeBufferPointer { fee in
                            p.eth.withUnsafeBufferPointer { eth in
                                stepDay.withUnsafeBufferPointer { day in
                                    // The day's sums in registers while the day stays the same (as in `settle`).
                                    var today = -1, daySum = 0.0, dayNative = 0.0
                                    for s in 0..<min(steps, usd.count, gas.count, fee.count, eth.count, day.count) {
                                        let wei = gas[s] * fee[s], c = wei * eth[s] / 1e18
                                        if day[s] != today {
                                            if today >= 0 { dailyUSD[today] = daySum; dailyNative[today] = dayNative }
                                            today = day[s]; daySum = dailyUSD[today]; dayNative = dailyNative[today]
                                        }
                                        daySum += c
                                        if nativeIsETH { dayNative += wei / 1e18 }
                                        total += c; usd[s] += c
                                    }
                                    if today >= 0 { dailyUSD[today] = daySum; dailyNative[today] = dayNative }
                                }
                            }
                        }
                    }
                }
            }
        }
        o.components[Self.commitmentComponent] += total
        if fees != nil { o.stepUSD = usd }
        return o
    }
}
