/// A path's market: every curve sampled on the step grid from the path's own seeded stream, and the
/// prices every layer reads at each step.
extension PathSimulator {
    struct Market {
        var baseFeeGwei, tipGwei: [Double]
        var blobFeeGwei: [Double]?
        var usd: [String: [Double]]
        var tps: [Double]
        var celestiaGasPrice: [Double]?
        var eigenPrice: [Double]?
        var background: [Double]
        /// The path these were sampled for (it seeds the path's other random draws, e.g. outages).
        var path = 0
    }

    func sampleMarket(path: Int) -> Market {
        var unused = [String: [Double]]()
        return sampleMarket(path: path, recording: &unused)
    }

    /// Path `path`'s market; the inputs whose curves are deterministic come from `deterministicSamples`
    /// when it holds them (the same array for every path: such a curve draws nothing from the stream),
    /// and are added to `recording` when it does not.
    func sampleMarket(path: Int, recording: inout [String: [Double]]) -> Market {
        let p = scenario.projection
        var rng = SeededRandom(seed: p.seed, stream: UInt64(path) &* 16 &+ 1)
        func s(_ c: Curve, _ input: String) -> [Double] {
            let deterministic = !c.isStochastic
            if deterministic, let v = deterministicSamples[input] { return v }
            var v = c.sample(count: steps, step: stepSeconds, rng: &rng)
            for spike in p.spikes where spike.input == input { spike.apply(to: &v, step: stepSeconds) }
            // A stochastic curve over a long horizon can run off to infinity: keep every input finite and
            // within what counts of channels and blobs can hold.
            let cap = input == "tps" ? Self.maxTPS : input == "background_blobs_per_block" ? 4096 : Self.maxPrice
            for j in v.indices where !(v[j] <= cap) { v[j] = v[j].isNaN ? 0 : cap }
            if deterministic { recording[input] = v }
            return v
        }
        var usd = [String: [Double]]()
        for key in p.curves.usd.keys.sorted() {
            let input = key == "ETH" ? "eth_usd" : key == "TIA" ? "tia_usd" : key == "AVAIL" ? "avail_usd" : key
            usd[key] = s(p.curves.usd[key]!, input) // allowed: iterating the dictionary's own keys
        }
        for (token, price) in scenario.market.usd where usd[token] == nil {
            let key = "price of " + token
            let v = deterministicSamples[key] ?? Array(repeating: price, count: steps)
            recording[key] = v; usd[token] = v
        }
        return Market(baseFeeGwei: s(p.curves.l1BaseFeeGwei, "l1_base_fee_gwei"), tipGwei: s(p.curves.l1PriorityFeeGwei, "l1_priority_fee_gwei"),
                      blobFeeGwei: p.curves.blobBaseFeeGwei.map { s($0, "blob_base_fee_gwei") }, usd: usd, tps: s(p.curves.tps, "tps"),
                      celestiaGasPrice: p.curves.celestiaGasPriceUtia.map { s($0, "celestia_gas_price_utia") },
                      eigenPrice: p.curves.eigendaPricePerSymbolWei.map { s($0, "eigenda_price_per_symbol_wei") },
                      background: s(p.blobMarket.backgroundBlobsPerBlock, "background_blobs_per_block"), path: path)
    }

    /// Prices of one path on the step grid that every layer reads.
    struct StepPrices {
        var l1FeeWei: [Double]     // base fee + tip
        var baseFeeWei: [Double]
        /// From the curve, or the EIP-7918 reserve when there is none (the simulated market replaces it).
        var blobFeeWei: [Double]
        var eth: [Double]
        var txs: [Double]
        var arriving: [Double]     // uncompressed bytes per step
    }

    func stepPrices(_ m: Market) -> StepPrices {
        // From the market: the EIP-7918 reserve, base fee × BLOB_BASE_COST / GAS_PER_BLOB = base fee / 16.
        let reserveDivisor = Double(BlobFeeMarket.gasPerBlob / BlobFeeMarket.blobBaseCost)
        return StepPrices(
            l1FeeWei: (0..<steps).map { (m.baseFeeGwei[$0] + m.tipGwei[$0]) * 1e9 },
            baseFeeWei: m.baseFeeGwei.map { $0 * 1e9 },
            blobFeeWei: (0..<steps).map { s in (m.blobFeeGwei?[s]).map { $0 * 1e9 } ?? max(1, (m.baseFeeGwei[s] * 1e9 / reserveDivisor).rounded(.down)) },
            eth: m.usd["ETH"] ?? Array(repeating: 0, count: steps),
            txs: sharedTraffic?.txs ?? m.tps.map { $0 * stepSeconds },
            arriving: sharedTraffic?.arriving ?? m.tps.map { $0 * bytesPerTx * stepSeconds })
    }
}
