import CBlobLanes

extension PathSimulator {
    /// One path's blob layer on a simulated market, carried from step to step: its batcher and what the
    /// path reports of its blocks (their state is a `BlobBlockState`, kept apart for `BlobLanes`).
    struct BlobMarketPath {
        var b: LayerBatcher
        let m: Market, p: StepPrices
        var dailyBacklog: [Int]
        var maxBacklog = 0
        /// The blob base fee users' fees read: the mean of each step's blocks (kept when their mechanism
        /// reads it).
        var stepBlobFee: [Double]
        var dailyBlobFee: DailyFee
        /// The current day's blob fee sums and backlog, written to the daily arrays when the day ends: the
        /// same sums in the same order as adding each step to the arrays, without their checks per step.
        var day = 0, dayFeeSum = 0.0, dayFeeMaxWei = 0.0, dayBlocks = 0, dayBacklog = 0

        mutating func closeDay() {
            dailyBlobFee.record(sum: dayFeeSum, count: dayBlocks, max: dayFeeMaxWei / 1e9, day: day)
            dailyBacklog[day] = dayBacklog
            dayFeeSum = 0; dayFeeMaxWei = 0; dayBlocks = 0
        }
    }

    /// The blob layer on a simulated market for a group of paths (`BlobLanes.width` at most), each with
    /// its market, its step prices and its demand stream: per step each path's batcher, then the step's
    /// 12-second blocks for all of them, where other rollups' demand goes first and the rollup's queued
    /// blobs take what is left; a shadow market without the rollup's blobs shows what its own demand
    /// costs. Returns each path's layer and its daily blob fee; a path's result does not depend on the
    /// others in the group.
    func runBlobMarket(_ bi: Int, _ group: [(m: Market, p: StepPrices, rng: SeededRandom)],
                       vectorized: Bool) -> [(layer: PathOutcome.Layer, dailyBlobFee: DailyFee)] {
        var paths = [BlobMarketPath](), states = [BlobBlockState]()
        for g in group {
            let (path, state) = startBlobMarket(bi, g.m, g.p, rng: g.rng)
            paths.append(path); states.append(state)
        }
        let lanes = BlobLanes(lanes: group.count, blocksPerStep: blocksPerStep, vectorized: vectorized)
        defer { lanes.deallocate(); for s in states { s.deallocate() } }
        let auto = scenario.batcher.da == .auto
        var inputs = [BlobStepInputs](repeating: BlobStepInputs(), count: paths.count)
        var usd = [Double](repeating: 0, count: paths.count)
        var block = 0, anchoredAt = 0
        lanes.begin(states)
        // Through buffers: the arrays' copy-on-write checks, per path and step, are left out.
        paths.withUnsafeMutableBufferPointer { paths in
            states.withUnsafeMutableBufferPointer { states in
                inputs.withUnsafeMutableBufferPointer { inputs in
                    usd.withUnsafeMutableBufferPointer { usd in
                        for s in 0..<steps {
                            // Eight paths read about ten per-step series each, more streams than the processor's
                            // prefetchers follow: ask for each series' cache lines a few steps ahead (every half
                            // line: an array's elements need not start on a line).
                            if s & 3 == 0 { for i in paths.indices { prefetch(&paths[i], step: s &+ 16) } }
                            for i in paths.indices {
                                inputs[i] = openStep(s, bi, &paths[i], &states[i], block: block, auto: auto)
                            }
                            lanes.run(states, UnsafeBufferPointer(inputs), count: blocksPerStep, firstBlock: block, closedAboveParity: auto, usd: usd)
                            block += blocksPerStep
                            // The fees drift by a rounding error a block: back to exp(excess / F) every 256 blocks or so.
                            let reanchor = block - anchoredAt >= 256
                            if reanchor { anchoredAt = block }
                            for i in paths.indices {
                                if reanchor { states[i].market.reanchor(); states[i].shadow.reanchor() }
                                closeStep(s, &paths[i], states[i].tally, queued: states[i].queue.queued, blobUSD: usd[i])
                            }
                        }
                    }
                }
            }
        }
        lanes.end(&states)
        for i in paths.indices { paths[i].closeDay() }
        return paths.indices.map { (finished(paths[$0], states[$0].tally), paths[$0].dailyBlobFee) }
    }

    private func prefetch(_ x: inout BlobMarketPath, step: Int) {
        @inline(__always) func ahead(_ a: [Double]) {
            a.withUnsafeBufferPointer { if let base = $0.baseAddress, step < $0.count { dacost_prefetch(base + step) } }
        }
        ahead(x.p.l1FeeWei); ahead(x.p.baseFeeWei); ahead(x.p.blobFeeWei); ahead(x.p.eth); ahead(x.p.arriving); ahead(x.p.txs)
        ahead(x.m.background); ahead(x.b.series.celestiaGasPriceUtia); ahead(x.b.series.eigenPricePerSymbolWei); ahead(x.b.series.tokenUSD)
        ahead(x.b.stepUSDs); ahead(x.stepBlobFee)
    }

    private func startBlobMarket(_ bi: Int, _ m: Market, _ p: StepPrices, rng: SeededRandom) -> (BlobMarketPath, BlobBlockState) {
        let fork = schedule.fork(at: startTime) ?? BlobSchedule.mainnet.forks[0]
        let startFeeWei = (m.blobFeeGwei?.first).map { $0 * 1e9 }
            ?? Double(BlobFeeMarket.reserveBlobBaseFee(executionBaseFee: Units.wei(gwei: m.baseFeeGwei.first ?? 0)))
        let startExcess = scenario.projection.blobMarket.startExcessBlobGas
            ?? BlobMarketSimulator.excess(forFee: startFeeWei, updateFraction: fork.updateFraction)
        let state = BlobBlockState(market: BlobMarketSimulator(excess: startExcess, fork: fork), shadow: BlobMarketSimulator(excess: startExcess, fork: fork),
                                   forks: ForkClock(schedule: schedule, start: startTime), queue: BlobQueue(capacity: steps + 1),
                                   demand: BackgroundDemand(rng: rng, noise: scenario.projection.blobMarket.backgroundNoiseSD))
        let path = BlobMarketPath(b: batcher(bi, m), m: m, p: p, dailyBacklog: [Int](repeating: 0, count: scenario.horizonDays),
                                  stepBlobFee: fees?.kind.readsBlobFee == true ? [Double](repeating: 0, count: steps) : [], dailyBlobFee: DailyFee(days: scenario.horizonDays))
        return (path, state)
    }

    /// Step `s` before its blocks: the batcher posts, each full channel in the block where it filled, one
    /// closed by its duration (or the horizon's end) in the step's last block (`ChannelArrivals`).
    /// Blobs that already wait longer than a channel may stay open, or (with `da: auto`) that cost more
    /// than calldata, go out as calldata. Returns what the step's blocks read.
    private func openStep(_ s: Int, _ bi: Int, _ x: inout BlobMarketPath, _ st: inout BlobBlockState, block: Int, auto: Bool) -> BlobStepInputs {
        x.b.follow(eras, step: s, layer: bi)
        let parityGasPerBlob = eras[x.b.era].parityGasPerBlob
        let l1FeeWei = x.p.l1FeeWei[s], eth = x.p.eth[s]
        let carried = x.b.clock.bytes
        let posted = post(step: s, layer: bi, &x.b, x.p, blobFeeWei: st.market.fee,
                          forceCalldata: st.queue.oldestWait(at: block) > maxAge, marketPaysBlobGas: true)
        let arrivals = x.b.channels.isEmpty
            ? ChannelArrivals(posted, carried: carried, arriving: x.p.arriving[s], batch: x.b.full.batch, blocks: blocksPerStep)
            : ChannelArrivals(posted, perBlock: x.b.channels.perBlock[s], start: x.b.channels.start[s])

        // Calldata gas for one blob's worth of channel data: above the fee where a blob costs more than
        // that, rollups post calldata instead (the equilibrium that bounds blob fees).
        let parityFeeWei = parityGasPerBlob * l1FeeWei / BlobMarketSimulator.gasPerBlob
        let queued = st.queue.queued
        if auto && queued > 0 && st.market.fee > parityFeeWei {
            // Blobs dearer than calldata: what waits goes out as calldata instead.
            let usd = Double(queued) * parityGasPerBlob * l1FeeWei * eth / 1e18
            x.b.tally.call += usd; x.b.tally.stepUSD += usd; x.b.tally.stepNative += eth > 0 ? usd / eth : 0
            x.b.tally.fallbackUSD += usd
            x.b.tally.fallbackSubmissions += (Double(queued) / Double(max(1, scenario.batcher.targetBlobsPerTx))).rounded(.up)
            st.queue.clear()
        }
        return BlobStepInputs(mean: x.m.background[s], parityFeeWei: parityFeeWei, baseFeeWei: x.p.baseFeeWei[s], weiToUSD: eth / 1e18,
                              arrivals: arrivals)
    }

    /// Step `s` after its blocks: the fee they met, the blobs' spend, the backlog, and the step booked.
    private func closeStep(_ s: Int, _ x: inout BlobMarketPath, _ t: BlobBlocks.Tally, queued: Int, blobUSD: Double) {
        let day = stepDay[s], eth = x.p.eth[s]
        if day != x.day { x.closeDay(); x.day = day }
        x.dayFeeSum += t.stepFeeSum / 1e9; x.dayBlocks += blocksPerStep
        // The day's highest fee in wei, divided when the day closes: division by a positive constant keeps
        // the order, so it is the same maximum.
        if t.stepFeeMax > x.dayFeeMaxWei { x.dayFeeMaxWei = t.stepFeeMax }
        if !x.stepBlobFee.isEmpty { x.stepBlobFee[s] = t.stepFeeSum / Double(blocksPerStep) }
        x.b.tally.blob += blobUSD
        x.b.tally.stepUSD += blobUSD
        x.b.tally.stepNative += eth > 0 ? blobUSD / eth : 0
        x.maxBacklog = max(x.maxBacklog, queued)
        x.dayBacklog = queued
        book(step: s, &x.b, x.p)
    }

    private func finished(_ x: BlobMarketPath, _ t: BlobBlocks.Tally) -> PathOutcome.Layer {
        var o = x.b.finished(txs: x.p.txs, stepSeconds: stepSeconds)
        o.worstLatencySeconds = t.worstLatencySeconds
        o.ownDemandBlocks = t.ownDemandBlocks
        o.ownDemandPremiumUSD = t.premiumUSD
        o.maxBacklogBlobs = x.maxBacklog
        o.stepBlobFeeWei = x.stepBlobFee
        o.backlogGrowsFromDay = ThroughputQueue.growsFromDay(x.dailyBacklog)
        return o
    }
}
