/// Other users' demand on an alt-DA layer through a path: sampled from the layer's
/// `background_bytes_per_second` curve, it takes its share of the layer's throughput (the backlog's
/// `ThroughputQueue`) and, on Celestia, sets the price that gets the rollup's blobs included.
extension PathSimulator {
    /// Layer `i`'s background demand per step (bytes/s) on the path of `m`; nil when the scenario sets none.
    func backgroundDemand(_ i: Int, _ m: Market) -> [Double]? {
        guard let c = scenario.layers[i].backgroundBytesPerSecond else { return nil }
        // Its own stream per path and layer, apart from the market's, the blob demand's and the outages'.
        var rng = SeededRandom(seed: scenario.projection.seed ^ 0x6261_636B_6772_6E64, stream: UInt64(m.path) &* 256 &+ UInt64(i))
        return c.sample(count: steps, step: stepSeconds, rng: &rng).map { $0.isFinite ? min(max(0, $0), 1e12) : 0 }
    }

    /// The layer's ceiling (bytes/s) at each step, by the dates its throughput changes.
    func ceilings(_ i: Int) -> [Double]? {
        let changes = ThroughputQueue.schedule(scenario.layers[i], start: startTime, steps: steps, stepSeconds: stepSeconds)
        guard let first = changes.first else { return nil }
        var out = [Double](repeating: first.bytesPerSecond, count: steps), next = 1
        for s in 0..<steps {
            while next < changes.count && changes[next].step <= s { next += 1 }
            out[s] = changes[next - 1].bytesPerSecond
        }
        return out
    }

    /// Celestia's gas price at each step with others' demand on the square: the minimum while
    /// everything fits, the first-price inclusion price beyond (`AltDACongestion`). The rollup's own
    /// demand is its traffic at the step's TPS, compressed at the full channel's ratio.
    /// Also returns the steps where the square was congested and the highest price over the minimum.
    func congested(_ series: LayerSeries, layer i: Int, _ m: Market, background: [Double]?) -> (series: LayerSeries, steps: Int, peak: Double) {
        guard layers[i] is CelestiaPricing, let background, let ceilings = ceilings(i) else { return (series, 0, 1) }
        let ratio = curve.at(full[i].batch).ratio
        let spread = scenario.layers[i].backgroundPriceSpread ?? CelestiaPricing.defaultBidSpread
        var out = series, congestedSteps = 0, peak = 1.0
        for s in 0..<min(steps, background.count, ceilings.count, m.tps.count, series.celestiaGasPriceUtia.count) {
            let own = m.tps[s] * bytesPerTx * ratio
            let price = AltDACongestion.celestiaInclusionPrice(minPrice: series.celestiaGasPriceUtia[s], own: own, background: background[s],
                                                               capacity: ceilings[s], spread: spread)
            // The rollup alone over the square: no price includes it all; the backlog says so.
            if price.isFinite { out.celestiaGasPriceUtia[s] = min(price, Self.maxPrice) }
            let base = series.celestiaGasPriceUtia[s]
            if own + background[s] > ceilings[s] {
                congestedSteps += 1
                if base > 0 && price.isFinite { peak = max(peak, price / base) }
            }
        }
        return (out, congestedSteps, peak)
    }
}
