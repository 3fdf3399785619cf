import Foundation

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
    /// The calldata rules over the horizon (the first is the start's); `layers`, `full`, `calldata` and
    /// `parityGasPerBlob` are the first era's.
    let eras: [CalldataEra]
    let calldata: EthereumCalldata
    /// Per layer: a full channel.
    let full: [FullChannel]
    /// The day of each step.
    let stepDay: [Int]
    /// Seconds a channel may stay open.
    let maxAge: Double
    /// Steps in the loss timer's window: as long as a channel may stay open, at least an hour.
    let lossWindow: Int
    /// How users pay for L1 data (nil: revenue is not evaluated), per layer its revenue, and the stack's
    /// fixed L1 costs per layer (nil: a generic stack has none).
    let fees: FeeMechanism?
    let revenue: [LayerRevenue]
    let stackFixed: [StackFixedCost]?
    /// Prices of layers that have no curve for them.
    let celestiaDefault: [Double], eigenDefault: [Double]
    /// Per layer, those prices repeated over the steps and a zero token price: one copy that every path
    /// shares (paths run side by side read the same memory).
    let defaultSeries: [LayerSeries]
    /// Calldata gas for one blob's worth of channel data: above the blob fee where a blob costs more than
    /// that, rollups post calldata instead.
    let parityGasPerBlob: Double
    /// Whether a simulated blob market steps several paths at once in vector lanes (`BlobLanes`), where
    /// the CPU can; the results are the same either way.
    var vectorizedBlobMarket = BlobLanes.available
    /// Market inputs whose curves are deterministic, sampled once by input name (`sampleMarket`), and
    /// transactions and bytes per step when the traffic is: every path shares these arrays.
    private(set) var deterministicSamples = [String: [Double]]()
    private(set) var sharedTraffic: (txs: [Double], arriving: [Double])?
    /// Whether layers read a `ChannelSchedule` computed once when every path has the same traffic; the
    /// results are the same either way.
    var sharesChannelClock = true
    /// Per layer, its channel clock when the traffic is deterministic (else none).
    private(set) var channelSchedules = [ChannelSchedule]()
    /// Layers whose every input is deterministic, run once: their outcome is the same on every path.
    private(set) var fixedLayers = [Int: PathOutcome.Layer]()
    /// Layers deterministic but for their L1 commitment transactions (alt-DA under a random L1 fee): run once
    /// without the commitments, keeping each step's commitment gas and spend; each path adds its own.
    private(set) var splitLayers = [Int: SplitLayer]()


    init(scenario: Scenario, profile: CompressionProfile, curve: RatioCurve, fees: FeeMechanism? = nil) {
        self.scenario = scenario
        self.profile = profile
        self.curve = curve
        bytesPerTx = Double(profile.trace.bytes) / Double(max(1, profile.trace.transactions))
        let blocks = max(1, Int((scenario.projection.marketStepMinutes * 60 / 12).rounded()))
        blocksPerStep = blocks
        stepSeconds = Double(blocks) * 12
        steps = Int((Double(scenario.horizonDays) * 86_400 / stepSeconds).rounded(.up))
        startTime = CalendarDay.epochSeconds(scenario.start) ?? 0
        schedule = BlobSchedule(forks: scenario.blobSchedule)
        eras = CalldataEra.eras(scenario: scenario, curve: curve, start: startTime, steps: steps, stepSeconds: stepSeconds)
        let first = eras[0] // allowed: `eras` always holds the start's
        layers = first.layers; full = first.full; calldata = first.calldata; parityGasPerBlob = first.parityGasPerBlob
        let days = scenario.horizonDays
        stepDay = (0..<steps).map { min(days - 1, Int(Double($0) * Double(blocks) * 12 / 86_400)) }
        maxAge = scenario.batcher.maxChannelDurationMinutes * 60
        lossWindow = max(1, Int((max(3600, maxAge) / (Double(blocks) * 12)).rounded(.up)))
        celestiaDefault = layers.map { ($0 as? CelestiaPricing)?.gasPriceUtia ?? 0 }
        eigenDefault = layers.map { Double(($0 as? EigenDAPricing)?.pricePerSymbolWei ?? 0) }
        let n = steps, zeros = [Double](repeating: 0, count: steps)
        defaultSeries = zip(celestiaDefault, eigenDefault).map { c, e in
            LayerSeries(celestiaGasPriceUtia: c == 0 ? zeros : Array(repeating: c, count: n),
                        eigenPricePerSymbolWei: e == 0 ? zeros : Array(repeating: e, count: n), tokenUSD: zeros)
        }
        self.fees = fees
        (revenue, stackFixed) = Self.economics(fees: fees, scenario: scenario, encoding: BatchEncoding(name: profile.encoding), full: first.full,
                                               bytesPerTx: bytesPerTx, stepSeconds: stepSeconds, startTime: startTime, steps: steps)
        let fixed = layers.indices.filter { isPathIndependent($0) }
        let split = layers.indices.filter { !fixed.contains($0) && full[$0].cost.commitmentGas > 0 && isPathIndependent($0, ignoringCommitment: true) }
        // Path 0's market, whose deterministic inputs every path then shares.
        var deterministic = [String: [Double]]()
        let m = sampleMarket(path: 0, recording: &deterministic), p = stepPrices(m)
        deterministicSamples = deterministic
        if !scenario.projection.curves.tps.isStochastic {
            sharedTraffic = (p.txs, p.arriving)
            channelSchedules = layers.indices.map {
                ChannelSchedule(arriving: p.arriving, eras: eras, layer: $0, stepSeconds: stepSeconds, maxAge: maxAge, blocks: blocks)
            }
        }
        for i in fixed { fixedLayers[i] = runLayer(i, m, p) }
        for i in split {
            var b = batcher(i, m, keepsSteps: false)
            b.splitCommitment = true
            b.commitmentGas = Array(repeating: 0, count: steps); b.stepUSDs = Array(repeating: 0, count: steps)
            run(&b, layer: i, p)
            splitLayers[i] = SplitLayer(outcome: b.finished(txs: p.txs, stepSeconds: stepSeconds), commitmentGas: b.commitmentGas, stepUSD: b.stepUSDs)
        }
    }

    /// Whether layer `i` costs the same on every path: traffic and every price it reads follow
    /// deterministic curves (constant, piecewise, replayed, diurnal, growth, with or without spikes).
    /// Blob layers are never: their choice of calldata and the simulated market depend on more.
    func isPathIndependent(_ i: Int, ignoringCommitment: Bool = false) -> Bool {
        guard !(layers[i] is EthereumBlobs) else { return false }
        // Outages move submissions to Ethereum at its prices, or hold them; random ones differ by path.
        if scenario.projection.outage(of: layers[i].name) != nil { return false }
        if random(scenario.layers[i].backgroundBytesPerSecond) || scenario.layers[i].onRefusal != nil { return false }
        let c = full[i].cost, curves = scenario.projection.curves
        func random(_ curve: Curve?) -> Bool { curve?.isStochastic ?? false }
        if random(curves.tps) { return false }
        let eth = random(curves.usd["ETH"])
        if c.executionGas > 0 || c.calldataGas > 0 || (c.commitmentGas > 0 && !ignoringCommitment) || c.blobGas > 0,
           random(curves.l1BaseFeeGwei) || random(curves.l1PriorityFeeGwei) || random(curves.blobBaseFeeGwei) || eth { return false }
        if c.celestiaGas > 0 && (random(curves.celestiaGasPriceUtia) || random(curves.usd["TIA"])) { return false }
        if c.eigenSymbols > 0 && (random(curves.eigendaPricePerSymbolWei) || eth) { return false }
        if c.tokenAmount > 0 && random(curves.usd[layers[i].nativeUnit]) { return false }
        return true
    }

    /// Bounds on sampled inputs: the scenario's own TPS limit, and prices no market reaches.
    static let maxTPS = 1e7
    static let maxPrice = 1e15

    /// The first 12-second block of the horizon at or after a fork's activation (Int.max for none).
    static func firstBlock(at fork: BlobFork?, start: Int64) -> Int {
        guard let f = fork else { return Int.max }
        return Int(max(0, (f.timestamp - start + 11) / 12))
    }

    func run(path: Int) -> PathOutcome { run(paths: path..<(path + 1))[0] }

    /// Paths `paths` (at most `BlobLanes.width` of them go through a simulated blob market together):
    /// each path's outcome is the same whichever paths run beside it.
    func run(paths: Range<Int>) -> [PathOutcome] {
        let days = scenario.horizonDays
        let simulated = scenario.projection.blobMarket.simulate ? layers.firstIndex { $0 is EthereumBlobs } : nil
        var outs = [PathOutcome](), markets = [(m: Market, p: StepPrices, rng: SeededRandom)]()
        for path in paths {
            let m = sampleMarket(path: path)
            let p = stepPrices(m)
            var out = PathOutcome(layers: [], transactions: p.txs.reduce(0, +), dailyBlobFee: DailyFee(days: days))
            // Each layer's batcher steps through time on its own; only a simulated blob market ties a layer
            // to the block-by-block loop.
            for i in layers.indices {
                if let f = fixedLayers[i] { out.layers.append(f) }
                else if let split = splitLayers[i] { out.layers.append(withCommitments(split, layer: i, p)) }
                else { out.layers.append(i == simulated ? PathOutcome.Layer(days: days) : runLayer(i, m, p)) }
            }
            if simulated == nil {
                for s in 0..<steps { out.dailyBlobFee.record(p.blobFeeWei[s] / 1e9, day: stepDay[s]) }
            }
            outs.append(out)
            markets.append((m, p, SeededRandom(seed: scenario.projection.seed, stream: UInt64(path) &* 16 &+ 2)))
        }
        if let bi = simulated {
            for start in stride(from: 0, to: markets.count, by: BlobLanes.width) {
                let group = Array(markets[start..<min(markets.count, start + BlobLanes.width)])
                for (k, r) in runBlobMarket(bi, group, vectorized: vectorizedBlobMarket).enumerated() {
                    outs[start + k].layers[bi] = r.layer
                    outs[start + k].dailyBlobFee = r.dailyBlobFee
                }
            }
        }
        if fees != nil {
            for k in outs.indices {
                let p = markets[k].p
                // The simulated market's fee per step when the mechanism reads it (else the curve's, unread).
                let blobFee = fees?.kind.readsBlobFee == true ? simulated.map { outs[k].layers[$0].stepBlobFeeWei } ?? p.blobFeeWei : p.blobFeeWei
                let market = FeeMarket(baseFeeWei: p.baseFeeWei, l1FeeWei: p.l1FeeWei, blobFeeWei: blobFee, eth: p.eth, txs: p.txs,
                                       startTime: startTime, stepSeconds: stepSeconds)
                var shared = [String: LayerRevenue.Result]()
                for i in outs[k].layers.indices { settle(&outs[k].layers[i], layer: i, market, shared: &shared) }
            }
        }
        return outs
    }

    /// The series a layer's linear cost reads besides the shared ones, each a full array (a curve, or
    /// the layer's fixed price repeated): one plain read per step.
    struct LayerSeries {
        var celestiaGasPriceUtia: [Double], eigenPricePerSymbolWei: [Double], tokenUSD: [Double]

        @inline(__always)
        func prices(_ s: Int, _ p: StepPrices, blobFeeWei: Double) -> LinearCost.Prices {
            LinearCost.Prices(l1FeeWei: p.l1FeeWei[s], blobFeeWei: blobFeeWei, ethUSD: p.eth[s], celestiaGasPriceUtia: celestiaGasPriceUtia[s],
                              eigenPricePerSymbolWei: eigenPricePerSymbolWei[s], tokenUSD: tokenUSD[s])
        }
    }

    private func series(_ i: Int, _ m: Market) -> LayerSeries {
        LayerSeries(celestiaGasPriceUtia: m.celestiaGasPrice ?? defaultSeries[i].celestiaGasPriceUtia,
                    eigenPricePerSymbolWei: m.eigenPrice ?? defaultSeries[i].eigenPricePerSymbolWei,
                    tokenUSD: m.usd[layers[i].nativeUnit] ?? defaultSeries[i].tokenUSD)
    }

    /// Layer `i`'s batcher at the start of a path.
    func batcher(_ i: Int, _ m: Market, keepsSteps: Bool = true) -> LayerBatcher {
        let background = backgroundDemand(i, m)
        let congestion = congested(series(i, m), layer: i, m, background: background)
        var b = LayerBatcher(full: full[i], layer: layers[i], calldata: calldata, series: congestion.series,
                             days: scenario.horizonDays, steps: steps,
                             // The batcher's choice of calldata applies to the (first) blob layer.
                             chooses: scenario.batcher.da == .auto && i == layers.firstIndex { $0 is EthereumBlobs },
                             keepsSteps: keepsSteps && fees != nil)
        if sharesChannelClock && i < channelSchedules.count { b.channels = channelSchedules[i] }
        b.outcome.congestedHours = Double(congestion.steps) * stepSeconds / 3600
        b.outcome.peakPriceMultiple = congestion.peak
        let spec = scenario.layers[i]
        // On Celestia the rollup outbids others (their demand sets its price), on Avail a higher tip goes
        // first; elsewhere they take their share.
        b.throughput = ThroughputQueue(spec: spec, start: startTime, steps: steps, stepSeconds: stepSeconds, days: scenario.horizonDays,
                                       background: spec.outranksBackground ? nil : background)
        if let kind = spec.onRefusal.flatMap(LayerKind.init(rawValue:)) {
            b.refusalFallback = EthereumFallback(kind: kind, batcher: scenario.batcher, calldata: eras[0].fork.pricing)
        }
        if let o = scenario.projection.outage(of: spec.name) {
            // A layer without a ceiling still holds what waits out an outage.
            if b.throughput == nil { b.throughput = ThroughputQueue(unlimitedSteps: steps, stepSeconds: stepSeconds, days: scenario.horizonDays) }
            // Each path and layer its own stream, apart from the market's (16 · path + 1) and the blob demand's (+ 2).
            var rng = SeededRandom(seed: scenario.projection.seed ^ 0x6F75_7461_6765_7321, stream: UInt64(m.path) &* 256 &+ UInt64(i))
            let plan = OutagePlan(o, steps: steps, stepSeconds: stepSeconds, rng: &rng)
            b.outage = OutageRun(plan: plan, failover: o.failover, batcher: scenario.batcher, calldata: eras[0].fork.pricing)
            b.downSteps = plan.down
        }
        return b
    }

    /// A layer priced from the curves alone.
    func runLayer(_ i: Int, _ m: Market, _ p: StepPrices) -> PathOutcome.Layer {
        var b = batcher(i, m)
        run(&b, layer: i, p)
        return b.finished(txs: p.txs, stepSeconds: stepSeconds)
    }

    /// Steps a layer's batcher through the horizon.
    private func run(_ b: inout LayerBatcher, layer i: Int, _ p: StepPrices) {
        for s in 0..<steps {
            b.follow(eras, step: s, layer: i)
            post(step: s, layer: i, &b, p, blobFeeWei: p.blobFeeWei[s], forceCalldata: false, marketPaysBlobGas: false)
            book(step: s, &b, p)
        }
    }

    /// Blobs a step hands to a simulated market: `full` channels of `perChannel` blobs each (0 when they went
    /// out as calldata), and those of a partly filled channel.
    struct PostedBlobs { var full = 0.0, perChannel = 0, partial = 0 }

    /// Closes step `s`'s channels (the full ones, and one at its max duration or the horizon's end) and
    /// prices them; returns the blobs handed to a simulated market (`marketPaysBlobGas`).
    @inline(__always)
    @discardableResult
    func post(step s: Int, layer i: Int, _ b: inout LayerBatcher, _ p: StepPrices, blobFeeWei: Double,
                      forceCalldata: Bool, marketPaysBlobGas: Bool) -> PostedBlobs {
        let prices = b.series.prices(s, p, blobFeeWei: blobFeeWei)
        let down = b.isDown(s)
        let f = b.full
        let (k, partial) = b.channels.isEmpty
            ? b.clock.advance(arriving: p.arriving[s], step: stepSeconds, batch: f.batch, maxAge: maxAge, last: s == steps - 1)
            : (b.channels.full[s], b.channels.partial[s])
        var posted = PostedBlobs()
        if k > 0 {
            let queued = post(f.cost, count: k, blobs: f.blobs, payload: f.payload, capacityBytes: f.capacityBytes, prices, step: s,
                              forceCalldata: forceCalldata, marketPaysBlobGas: marketPaysBlobGas, down: down, &b)
            if queued > 0 { posted.full = k; posted.perChannel = f.blobs }
        }
        if partial > 0 {
            let payload = curve.payload(forBatch: max(partial, bytesPerTx))
            let c = b.partials.cost(of: payload, on: b.layer)
            posted.partial = post(c.cost, count: 1, blobs: c.blobs, payload: payload, capacityBytes: c.capacityBytes, prices, step: s,
                                  forceCalldata: forceCalldata, marketPaysBlobGas: marketPaysBlobGas, down: down, &b)
        }
        return posted
    }

    /// Books step `s`'s spend into its day and the loss timer.
    @inline(__always)
    func book(step s: Int, _ b: inout LayerBatcher, _ p: StepPrices) {
        let day = stepDay[s]
        let down = b.isDown(s)
        b.throughput?.close(step: s, day: day, down: down)
        // `downSteps` is set exactly when the layer has outages: checked first, it spares the optional's test.
        if !down && !b.downSteps.isEmpty { b.outage?.heldBytes = 0 }
        if b.splitCommitment { b.commitmentGas[s] = b.stepCommitmentGas; b.stepCommitmentGas = 0 }
        if !b.stepUSDs.isEmpty { b.stepUSDs[s] = b.tally.stepUSD }
        b.book(usd: b.tally.stepUSD, native: b.tally.stepNative, day: day)
        b.tally.stepUSD = 0; b.tally.stepNative = 0
    }

    /// Prices `count` submissions of one payload. With `da: auto` on the blob layer (`chooses`), the batcher
    /// posts calldata instead when that is cheaper at current prices (with the EIP-7623 floor that
    /// op-batcher's own rule leaves out), or when blobs already wait longer than a channel may
    /// (`forceCalldata`). When the market is simulated it charges the blob gas block by block: the blobs
    /// handed to it are returned.
    @inline(__always)
    func post(_ linear: LinearCost, count: Double, blobs: Int, payload: Payload, capacityBytes: Int, _ prices: LinearCost.Prices, step s: Int,
                      forceCalldata: Bool, marketPaysBlobGas: Bool, down: Bool = false, _ b: inout LayerBatcher) -> Int {
        var cost = linear
        var fallback = false
        if down, var o = b.outage {
            defer { b.outage = o }
            switch o.failover {
            case .ethereumBlobs, .ethereumCalldata:
                // The same payload posted on Ethereum at its price; the alt-DA layer carries nothing.
                _ = o.fallback?.post(payload, count: count, at: prices, into: &b.tally)
                return 0
            case .wait:
                o.hold(Double(capacityBytes) * count)
            case .halt:
                o.hold(Double(capacityBytes) * count)
                o.haltedSubmissions += count
                return 0
            }
        }
        var count = count
        // Only a layer with a ceiling refuses: its throughput is tested before the fallback, whose optional
        // (an existential inside) costs a call to test.
        if b.throughput != nil, capacityBytes > 0, var f = b.refusalFallback, let room = b.throughput?.room(step: s) {
            // EigenDA's on-demand meter refuses what is past its room this step: those submissions go to Ethereum.
            let refused = max(0, count - (room / Double(capacityBytes)).rounded(.down))
            if refused > 0 {
                b.refusedUSD += f.post(payload, count: refused, at: prices, into: &b.tally)
                b.refusalFallback = f
                b.refusedSubmissions += refused
                count -= refused
                if count <= 0 { return 0 }
            }
        }
        b.throughput?.submitted += Double(capacityBytes) * count
        if b.chooses {
            let gas = b.calldataGas.gas(of: payload, b.calldata)
            if forceCalldata || gas * prices.l1FeeWei < cost.executionGas * prices.l1FeeWei + cost.blobGas * prices.blobFeeWei {
                cost = LinearCost(); cost.calldataGas = gas
                fallback = true
            }
        }
        var queued = 0
        if !fallback && marketPaysBlobGas { cost.blobGas = 0; queued = Int(count) * blobs }
        if b.splitCommitment { b.stepCommitmentGas += cost.commitmentGas * count; cost.commitmentGas = 0 }
        b.tally.add(cost.evaluate(prices, scale: count), count: count, fallback: fallback)
        return queued
    }
}
