import Foundation

/// Submissions of one kind posted in one step.
struct SubmissionBatch {
    var cost: LinearCost
    var count: Double
    var blobs: Int
    var payload: Payload
    static let empty = SubmissionBatch(cost: LinearCost(), count: 0, blobs: 0, payload: Payload(bytes: 0))
}

/// What one Monte Carlo path produced, per layer (and for the DA switch, when there is one).
struct PathOutcome {
    struct Layer {
        var dailyUSD: [Double]
        var dailyNative: [Double]
        /// USD by component: blob gas, execution gas, calldata, alt-DA fee, fixed L1 overhead.
        var components = [Double](repeating: 0, count: 5)
        var submissions = 0.0
        var fallbackSubmissions = 0.0
        var fallbackUSD = 0.0
        var maxBacklogBlobs = 0
        var worstLatencySeconds = 0.0
        /// First day on which the backlog only grew from then on (nil: it drained).
        var backlogGrowsFromDay: Int?
        var ownDemandBlocks = 0
        var ownDemandPremiumUSD = 0.0
        /// Seconds from the first step where cost per tx passed revenue per tx to when the cumulative
        /// loss passed the threshold; nil when it never did.
        var lossSeconds: Double?
        var lossStarted = false
    }
    var layers: [Layer]
    var transactions = 0.0
    /// Blob base fee (gwei) at the start of each day.
    var dailyBlobFeeGwei: [Double]
}

/// One path: market curves sampled on the step grid, the batcher of each layer stepping through
/// time, and (for Ethereum blobs) the blob market block by block.
struct PathSimulator {
    let scenario: Scenario
    let profile: CompressionProfile
    let layers: [DALayer]
    let curve: RatioCurve
    let bytesPerTx: Double
    let stepSeconds: Double
    let steps: Int
    let blocksPerStep: Int
    let startTime: Int64
    let schedule: BlobSchedule
    let calldata: EthereumCalldata
    /// Per layer: uncompressed bytes of a full channel, its payload, its linear cost, its blobs and L1 txs.
    let full: [(batch: Double, payload: Payload, cost: LinearCost, blobs: Int, txs: Int)]

    init(scenario: Scenario, profile: CompressionProfile, curve: RatioCurve) {
        self.scenario = scenario
        self.profile = profile
        self.curve = curve
        layers = scenario.layers.map { $0.makeLayer(batcher: scenario.batcher) }
        bytesPerTx = Double(profile.trace.bytes) / Double(max(1, profile.trace.transactions))
        let blocks = max(1, Int((scenario.projection.marketStepMinutes * 60 / 12).rounded()))
        blocksPerStep = blocks
        stepSeconds = Double(blocks) * 12
        steps = Int((Double(scenario.horizonDays) * 86_400 / stepSeconds).rounded(.up))
        startTime = Int64(ScenarioReader.dayFormatter.date(from: scenario.start)?.timeIntervalSince1970 ?? 0)
        schedule = BlobSchedule(forks: scenario.blobSchedule)
        calldata = EthereumCalldata(maxTxSize: scenario.batcher.maxCalldataTxSize)
        var f = [(Double, Payload, LinearCost, Int, Int)]()
        for layer in layers {
            let batch = curve.uncompressedSize(forCompressed: Double(layer.maxSubmissionBytes))
            let payload = curve.payload(forBatch: batch)
            let packing = layer.pack(payload)
            f.append((batch, payload, LinearCost.of(layer, packing), packing.units["blobs"] ?? 0, packing.transactions))
        }
        full = f
    }

    /// Bounds on sampled inputs: the scenario's own TPS limit, and prices no market reaches.
    static let maxTPS = 1e7
    static let maxPrice = 1e15

    /// The first 12-second block of the horizon at or after a fork's activation (Int.max for none).
    static func firstBlock(at fork: BlobFork?, start: Int64) -> Int {
        guard let f = fork else { return Int.max }
        return Int(max(0, (f.timestamp - start + 11) / 12))
    }

    struct Market {
        var baseFeeGwei, tipGwei: [Double]
        var blobFeeGwei: [Double]?
        var usd: [String: [Double]]
        var tps: [Double]
        var celestiaGasPrice: [Double]?
        var eigenPrice: [Double]?
        var background: [Double]
    }

    func sampleMarket(path: Int) -> Market {
        let p = scenario.projection
        var rng = SeededRandom(seed: p.seed, stream: UInt64(path) &* 16 &+ 1)
        func s(_ c: Curve, _ input: String) -> [Double] {
            var v = c.sample(count: steps, step: stepSeconds, rng: &rng)
            for spike in p.spikes where spike.input == input { spike.apply(to: &v, step: stepSeconds) }
            // A stochastic curve over a long horizon can run off to infinity: keep every input finite and
            // within what counts of channels and blobs can hold.
            let cap = input == "tps" ? Self.maxTPS : input == "background_blobs_per_block" ? 4096 : Self.maxPrice
            for j in v.indices where !(v[j] <= cap) { v[j] = v[j].isNaN ? 0 : cap }
            return v
        }
        var usd = [String: [Double]]()
        for key in p.curves.usd.keys.sorted() {
            let input = key == "ETH" ? "eth_usd" : key == "TIA" ? "tia_usd" : key == "AVAIL" ? "avail_usd" : key
            usd[key] = s(p.curves.usd[key]!, input) // allowed: iterating the dictionary's own keys
        }
        for (token, price) in scenario.market.usd where usd[token] == nil { usd[token] = Array(repeating: price, count: steps) }
        return Market(baseFeeGwei: s(p.curves.l1BaseFeeGwei, "l1_base_fee_gwei"), tipGwei: s(p.curves.l1PriorityFeeGwei, "l1_priority_fee_gwei"),
                      blobFeeGwei: p.curves.blobBaseFeeGwei.map { s($0, "blob_base_fee_gwei") }, usd: usd, tps: s(p.curves.tps, "tps"),
                      celestiaGasPrice: p.curves.celestiaGasPriceUtia.map { s($0, "celestia_gas_price_utia") },
                      eigenPrice: p.curves.eigendaPricePerSymbolWei.map { s($0, "eigenda_price_per_symbol_wei") },
                      background: s(p.blobMarket.backgroundBlobsPerBlock, "background_blobs_per_block"))
    }

    func run(path: Int) -> PathOutcome {
        let m = sampleMarket(path: path)
        var rng = SeededRandom(seed: scenario.projection.seed, stream: UInt64(path) &* 16 &+ 2)
        let days = scenario.horizonDays
        var out = PathOutcome(layers: layers.map { _ in PathOutcome.Layer(dailyUSD: Array(repeating: 0, count: days), dailyNative: Array(repeating: 0, count: days)) },
                              dailyBlobFeeGwei: Array(repeating: 0, count: days))
        let L = layers.count
        // Per-path accumulators as raw buffers (layer-major): in this loop an array's bounds and
        // uniqueness checks cost more than the arithmetic they guard.
        var buffers = [UnsafeMutablePointer<Double>]()
        defer { for b in buffers { b.deallocate() } }
        func buffer(_ n: Int) -> UnsafeMutablePointer<Double> {
            let b = UnsafeMutablePointer<Double>.allocate(capacity: max(1, n))
            b.initialize(repeating: 0, count: max(1, n))
            buffers.append(b)
            return b
        }
        let dUSD = buffer(L * days), dNative = buffer(L * days)
        let comps = buffer(L * 5)
        let subCount = buffer(L), fbSubs = buffer(L), fbUSD = buffer(L)
        let acc = buffer(L), age = buffer(L)
        let lossAcc = buffer(L), lossStart = buffer(L)
        let stepUSD = buffer(L)
        let window = max(1, Int((max(3600, scenario.batcher.maxChannelDurationMinutes * 60) / stepSeconds).rounded(.up)))
        let ringUSD = buffer(window * L), ringTxs = buffer(window * L)
        let windowUSD = buffer(L), windowTxs = buffer(L)
        var partialCache = [[Int: (cost: LinearCost, blobs: Int, payload: Payload)]](repeating: [:], count: layers.count)
        var calldataCache = [Int: Double]()
        var lastCalldata = (bytes: -1, gas: 0.0)
        let maxAge = scenario.batcher.maxChannelDurationMinutes * 60
        let simulate = scenario.projection.blobMarket.simulate
        let blobIndex = layers.firstIndex { $0 is EthereumBlobs }
        let auto = scenario.batcher.da == .auto
        let stepsPerDay = 86_400 / stepSeconds
        // The first step of each day (where the daily blob fee is read), without a division per step.
        var dayIndex = 0, nextDayStep = 0
        let reserveDivisor = Double(BlobFeeMarket.gasPerBlob / BlobFeeMarket.blobBaseCost)

        // The blob market, and its shadow without the rollup's blobs (to see what its own demand costs).
        var fork = schedule.fork(at: startTime) ?? BlobSchedule.mainnet.forks[0]
        let startFeeWei = (m.blobFeeGwei?.first).map { $0 * 1e9 }
            ?? Double(BlobFeeMarket.reserveBlobBaseFee(executionBaseFee: Units.wei(gwei: m.baseFeeGwei.first ?? 0)))
        let startExcess = scenario.projection.blobMarket.startExcessBlobGas
            ?? BlobMarketSimulator.excess(forFee: startFeeWei, updateFraction: fork.updateFraction)
        var market = BlobMarketSimulator(excess: startExcess, fork: fork)
        var shadow = BlobMarketSimulator(excess: startExcess, fork: fork)
        // The rollup's blobs waiting for space, oldest first: at most one entry per step, so a ring of
        // `steps` entries never wraps over itself (block of arrival, blobs still waiting).
        let qBlock = UnsafeMutablePointer<Int>.allocate(capacity: steps + 1), qBlobs = UnsafeMutablePointer<Int>.allocate(capacity: steps + 1)
        defer { qBlock.deallocate(); qBlobs.deallocate() }
        var head = 0, tail = 0, queued = 0
        var nextFork = schedule.forks.first { $0.timestamp > startTime }
        // Compared per block as a plain integer: a BlobFork holds a String, and copying it every
        // block would cost reference counting.
        var nextForkBlock = Self.firstBlock(at: nextFork, start: startTime)
        var forkMax = fork.max
        let noise = scenario.projection.blobMarket.backgroundNoiseSD
        let normals = NormalTable.values
        var dailyBacklog = [Int](repeating: 0, count: days)
        var block = 0

        // Hoisted out of the loop: per-layer price series and defaults (no lookups or casts per step).
        let ethSeries = m.usd["ETH"] ?? Array(repeating: 0, count: steps)
        let tokenSeries: [[Double]] = layers.map { layer in
            let unit = layer.nativeUnit
            return unit == "ETH" ? ethSeries : (m.usd[unit] ?? Array(repeating: 0, count: steps))
        }
        let celestiaDefault = layers.map { ($0 as? CelestiaPricing)?.gasPriceUtia ?? 0 }
        let eigenDefault = layers.map { Double(($0 as? EigenDAPricing)?.pricePerSymbolWei ?? 0) }
        let perBlobBytes = scenario.batcher.blobEncoding.channelBytesPerBlob
        // Calldata gas for one blob's worth of channel data: above the fee where a blob costs more than
        // that, rollups post calldata instead (the equilibrium that bounds blob fees).
        let parityGasPerBlob = Double(calldata.pack(Payload(bytes: perBlobBytes)).units["gas"] ?? 0)

        for s in 0..<steps {
            let t = Double(s) * stepSeconds
            let day = min(days - 1, Int(t / 86_400))
            let eth = ethSeries[s]
            let l1FeeWei = (m.baseFeeGwei[s] + m.tipGwei[s]) * 1e9
            // From the market: the EIP-7918 reserve, base fee × BLOB_BASE_COST / GAS_PER_BLOB = base fee / 16.
            let blobFeeWei = simulate ? market.fee : (m.blobFeeGwei?[s]).map { $0 * 1e9 }
                ?? max(1, (m.baseFeeGwei[s] * 1e9 / reserveDivisor).rounded(.down))
            if s == nextDayStep { out.dailyBlobFeeGwei[day] = blobFeeWei / 1e9; dayIndex += 1; nextDayStep = Int((Double(dayIndex) * stepsPerDay).rounded(.up)) }
            let arriving = m.tps[s] * bytesPerTx * stepSeconds
            let txs = m.tps[s] * stepSeconds
            out.transactions += txs
            var blobsThisStep = 0
            let parityFeeWei = parityGasPerBlob * l1FeeWei / BlobMarketSimulator.gasPerBlob
            let oldestWait = head < tail ? Double(block - qBlock[head]) * 12 : 0

            for i in 0..<layers.count {
                let f = full[i]
                let prices = LinearCost.Prices(l1FeeWei: l1FeeWei, blobFeeWei: blobFeeWei, ethUSD: eth,
                                               celestiaGasPriceUtia: m.celestiaGasPrice?[s] ?? celestiaDefault[i],
                                               eigenPricePerSymbolWei: m.eigenPrice?[s] ?? eigenDefault[i], tokenUSD: tokenSeries[i][s])
                let isBlob = i == blobIndex
                stepUSD[i] = 0
                acc[i] += arriving
                age[i] += stepSeconds
                // At most two submissions a step: the full channels, and one closed by its max duration.
                var subs = (SubmissionBatch.empty, SubmissionBatch.empty)
                let k = (acc[i] / f.batch).rounded(.down)
                if k >= 1 {
                    acc[i] -= k * f.batch
                    subs.0 = SubmissionBatch(cost: f.cost, count: k, blobs: f.blobs, payload: f.payload)
                    age[i] = arriving > 0 ? acc[i] / arriving * stepSeconds : 0
                }
                // A channel also closes at its max duration, and whatever is open at the horizon's end is posted.
                if acc[i] > 0 && (age[i] >= maxAge - 1e-6 || s == steps - 1) {
                    let payload = curve.payload(forBatch: max(acc[i], bytesPerTx))
                    if let cached = partialCache[i][payload.bytes] {
                        subs.1 = SubmissionBatch(cost: cached.cost, count: 1, blobs: cached.blobs, payload: payload)
                    } else {
                        let p = layers[i].pack(payload)
                        let v = (cost: LinearCost.of(layers[i], p), blobs: p.units["blobs"] ?? 0, payload: payload)
                        if partialCache[i].count > 4096 { partialCache[i].removeAll() }
                        partialCache[i][payload.bytes] = v
                        subs.1 = SubmissionBatch(cost: v.cost, count: 1, blobs: v.blobs, payload: payload)
                    }
                    acc[i] = 0; age[i] = 0
                }
                for j in 0..<2 {
                    let sub = j == 0 ? subs.0 : subs.1
                    guard sub.count > 0 else { continue }
                    subCount[i] += sub.count
                    var cost = sub.cost
                    var fallback = false
                    if auto && isBlob {
                        // The batcher's choice at current prices, with the EIP-7623 floor that op-batcher's own
                        // rule leaves out, or because blobs already wait longer than a channel may.
                        // Full channels repeat the same payload step after step: check the last one first.
                        var gas = sub.payload.bytes == lastCalldata.bytes ? lastCalldata.gas : (calldataCache[sub.payload.bytes] ?? -1)
                        if gas < 0 {
                            gas = Double(calldata.pack(sub.payload).units["gas"] ?? 0)
                            calldataCache[sub.payload.bytes] = gas
                        }
                        lastCalldata = (sub.payload.bytes, gas)
                        if gas * l1FeeWei < sub.cost.executionGas * l1FeeWei + sub.cost.blobGas * blobFeeWei || oldestWait > maxAge {
                            cost = LinearCost(); cost.calldataGas = gas
                            fallback = true
                        }
                    }
                    if !fallback && simulate && isBlob { cost.blobGas = 0; blobsThisStep += Int(sub.count) * sub.blobs }
                    let r = cost.evaluate(prices, scale: sub.count)
                    let usd = r.blob + r.exec + r.call + r.alt + r.commit
                    comps[i * 5] += r.blob; comps[i * 5 + 1] += r.exec; comps[i * 5 + 2] += r.call
                    comps[i * 5 + 3] += r.alt; comps[i * 5 + 4] += r.commit
                    stepUSD[i] += usd; dNative[i * days + day] += r.native
                    if fallback { fbSubs[i] += sub.count; fbUSD[i] += usd }
                }
            }

            // The blocks of this step: background demand first, the rollup's queued blobs in what is left.
            if simulate, let bi = blobIndex {
                if blobsThisStep > 0 { qBlock[tail] = block; qBlobs[tail] = blobsThisStep; tail += 1; queued += blobsThisStep }
                if auto && queued > 0 && market.fee > parityFeeWei {
                    // Blobs dearer than calldata: what waits goes out as calldata instead.
                    let usd = Double(queued) * parityGasPerBlob * l1FeeWei * eth / 1e18
                    comps[bi * 5 + 2] += usd
                    stepUSD[bi] += usd; dNative[bi * days + day] += eth > 0 ? usd / eth : 0
                    fbUSD[bi] += usd
                    fbSubs[bi] += (Double(queued) / Double(max(1, scenario.batcher.targetBlobsPerTx))).rounded(.up)
                    queued = 0; head = tail
                }
                let baseFeeWei = m.baseFeeGwei[s] * 1e9
                let mean = m.background[s]
                var blobUSD = 0.0, ownBlocks = 0, premium = 0.0, worst = out.layers[bi].worstLatencySeconds
                let weiToUSD = eth / 1e18
                for _ in 0..<blocksPerStep {
                    if block >= nextForkBlock, let nf = nextFork {
                        fork = nf
                        market.setFork(nf); shadow.setFork(nf)
                        nextFork = schedule.forks.first { $0.timestamp > nf.timestamp }
                        nextForkBlock = Self.firstBlock(at: nextFork, start: startTime)
                        forkMax = nf.max
                    }
                    var background = 0
                    // Other rollups post blobs only while blobs are cheaper than calldata for them.
                    if market.fee <= parityFeeWei {
                        var bg = mean
                        if noise > 0 { bg += noise * normals[Int(rng.next() >> 52)] }
                        background = bg > 0.5 ? min(forkMax, Int(bg + 0.5)) : 0
                    }
                    var shadowBackground = 0
                    if shadow.fee <= parityFeeWei {
                        shadowBackground = background
                        if market.fee > parityFeeWei { // the shadow market still draws its own demand
                            var bg = mean
                            if noise > 0 { bg += noise * normals[Int(rng.next() >> 52)] }
                            shadowBackground = bg > 0.5 ? min(forkMax, Int(bg + 0.5)) : 0
                        }
                    }
                    let included = (auto && market.fee > parityFeeWei) ? 0 : min(queued, forkMax - background)
                    if included > 0 {
                        let gas = Double(included) * BlobMarketSimulator.gasPerBlob
                        blobUSD += gas * market.fee * weiToUSD
                        if market.fee > shadow.fee {
                            ownBlocks += 1
                            premium += gas * (market.fee - shadow.fee) * weiToUSD
                        }
                        queued -= included
                        var left = included
                        while left > 0 && head < tail {
                            let take = min(left, qBlobs[head])
                            qBlobs[head] -= take; left -= take
                            let latency = Double(block - qBlock[head] + 1) * 12
                            if latency > worst { worst = latency }
                            if qBlobs[head] == 0 { head += 1 }
                        }
                    }
                    market.step(blobs: background + included, baseFeeWei: baseFeeWei)
                    shadow.step(blobs: shadowBackground, baseFeeWei: baseFeeWei)
                    block += 1
                }
                out.layers[bi].ownDemandBlocks += ownBlocks
                out.layers[bi].ownDemandPremiumUSD += premium
                out.layers[bi].worstLatencySeconds = worst
                comps[bi * 5] += blobUSD
                stepUSD[bi] += blobUSD
                dNative[bi * days + day] += eth > 0 ? blobUSD / eth : 0
                out.layers[bi].maxBacklogBlobs = max(out.layers[bi].maxBacklogBlobs, queued)
                dailyBacklog[day] = queued
            }

            for i in 0..<layers.count {
                dUSD[i * days + day] += stepUSD[i]
                // The loss timer: from the first time posting a transaction costs more than it earns, judged
                // over a window as long as a channel may stay open (one submission carries many steps' txs).
                if let revenue = scenario.projection.revenuePerTxUSD, out.layers[i].lossSeconds == nil, txs > 0 {
                    let slot = i * window + s % window
                    windowUSD[i] += stepUSD[i] - ringUSD[slot]; ringUSD[slot] = stepUSD[i]
                    windowTxs[i] += txs - ringTxs[slot]; ringTxs[slot] = txs
                    if !out.layers[i].lossStarted && s + 1 >= window && windowUSD[i] / windowTxs[i] > revenue {
                        out.layers[i].lossStarted = true; lossStart[i] = t
                    }
                    if out.layers[i].lossStarted {
                        lossAcc[i] += stepUSD[i] - revenue * txs
                        if lossAcc[i] >= scenario.projection.lossThresholdUSD { out.layers[i].lossSeconds = t + stepSeconds - lossStart[i] }
                    }
                }
            }
        }
        for i in 0..<L {
            out.layers[i].dailyUSD = Array(UnsafeBufferPointer(start: dUSD + i * days, count: days))
            out.layers[i].dailyNative = Array(UnsafeBufferPointer(start: dNative + i * days, count: days))
            out.layers[i].components = Array(UnsafeBufferPointer(start: comps + i * 5, count: 5))
            out.layers[i].submissions = subCount[i]
            out.layers[i].fallbackSubmissions = fbSubs[i]
            out.layers[i].fallbackUSD = fbUSD[i]
        }
        if let bi = blobIndex, simulate, let last = dailyBacklog.last, last > 0 {
            // The backlog grows without bound from the first day after which it never shrank again.
            var d = days - 1
            while d > 0 && dailyBacklog[d - 1] < dailyBacklog[d] { d -= 1 }
            // Growth over the last day or two is noise; unbounded means it never drained for 3 days to the end.
            if days - d >= min(3, days) { out.layers[bi].backlogGrowsFromDay = d }
        }
        return out
    }
}
