extension PathSimulator {
    /// The blob layer on a simulated market: per step its batcher, then the step's 12-second blocks, where
    /// other rollups' demand goes first and the rollup's queued blobs take what is left; a shadow market
    /// without the rollup's blobs shows what its own demand costs.
    func runBlobMarket(_ bi: Int, _ m: Market, _ p: StepPrices, rng: SeededRandom, dailyBlobFee: inout DailyFee) -> PathOutcome.Layer {
        let days = scenario.horizonDays
        var b = batcher(bi, m)
        let auto = scenario.batcher.da == .auto
        let targetBlobsPerTx = Double(max(1, scenario.batcher.targetBlobsPerTx))

        let fork = schedule.fork(at: startTime) ?? BlobSchedule.mainnet.forks[0]
        let startFeeWei = (m.blobFeeGwei?.first).map { $0 * 1e9 }
            ?? Double(BlobFeeMarket.reserveBlobBaseFee(executionBaseFee: Units.wei(gwei: m.baseFeeGwei.first ?? 0)))
        let startExcess = scenario.projection.blobMarket.startExcessBlobGas
            ?? BlobMarketSimulator.excess(forFee: startFeeWei, updateFraction: fork.updateFraction)
        var market = BlobMarketSimulator(excess: startExcess, fork: fork)
        var shadow = BlobMarketSimulator(excess: startExcess, fork: fork)
        var forks = ForkClock(schedule: schedule, start: startTime)
        var queue = BlobQueue(capacity: steps + 1)
        // Other rollups' demand for each block of the current step, and the rollup's own blobs per block.
        let drawn = UnsafeMutablePointer<Int>.allocate(capacity: blocksPerStep)
        let arrivals = UnsafeMutablePointer<Int>.allocate(capacity: blocksPerStep)
        arrivals.initialize(repeating: 0, count: blocksPerStep)
        var demand = BackgroundDemand(rng: rng, noise: scenario.projection.blobMarket.backgroundNoiseSD)
        defer { queue.deallocate(); drawn.deallocate(); arrivals.deallocate(); demand.deallocate() }
        var dailyBacklog = [Int](repeating: 0, count: days)
        var block = 0, anchoredAt = 0
        var blocks = BlobBlocks.Tally(), maxBacklog = 0
        // The blob base fee users' fees read: the mean of each step's blocks.
        var stepBlobFee = fees == nil ? [] : [Double](repeating: 0, count: steps)

        for s in 0..<steps {
            b.follow(eras, step: s, layer: bi)
            let parityGasPerBlob = eras[b.era].parityGasPerBlob
            let day = stepDay[s]
            let l1FeeWei = p.l1FeeWei[s], eth = p.eth[s]
            // Blobs that already wait longer than a channel may stay open go out as calldata (with `da: auto`).
            // Each full channel is posted in the block where it filled; one closed by its duration (or the
            // horizon's end) in the step's last block.
            let carried = b.clock.bytes
            let posted = post(step: s, layer: bi, &b, p, blobFeeWei: market.fee, forceCalldata: queue.oldestWait(at: block) > maxAge,
                              marketPaysBlobGas: true)
            spread(posted, carried: carried, arriving: p.arriving[s], batch: b.full.batch, into: arrivals)

            // Calldata gas for one blob's worth of channel data: above the fee where a blob costs more than
            // that, rollups post calldata instead (the equilibrium that bounds blob fees).
            let parityFeeWei = parityGasPerBlob * l1FeeWei / BlobMarketSimulator.gasPerBlob
            if auto && queue.queued > 0 && market.fee > parityFeeWei {
                // Blobs dearer than calldata: what waits goes out as calldata instead.
                let usd = Double(queue.queued) * parityGasPerBlob * l1FeeWei * eth / 1e18
                b.tally.call += usd; b.tally.stepUSD += usd; b.tally.stepNative += eth > 0 ? usd / eth : 0
                b.tally.fallbackUSD += usd
                b.tally.fallbackSubmissions += (Double(queue.queued) / targetBlobsPerTx).rounded(.up)
                queue.clear()
            }

            let baseFeeWei = p.baseFeeWei[s]
            let blobUSD = BlobBlocks.run(count: blocksPerStep, firstBlock: block, mean: m.background[s], parityFeeWei: parityFeeWei, baseFeeWei: baseFeeWei,
                           weiToUSD: eth / 1e18, closedAboveParity: auto, demand: &demand, market: &market, shadow: &shadow,
                           forks: &forks, queue: &queue, tally: &blocks, drawn: drawn, arrivals: arrivals)
            for j in 0..<blocksPerStep { arrivals[j] = 0 }
            dailyBlobFee.record(sum: blocks.stepFeeSum / 1e9, count: blocksPerStep, max: blocks.stepFeeMax / 1e9, day: day)
            if !stepBlobFee.isEmpty { stepBlobFee[s] = blocks.stepFeeSum / Double(blocksPerStep) }
            block += blocksPerStep
            // The fees drift by a rounding error a block: back to exp(excess / F) every 256 blocks or so.
            if block - anchoredAt >= 256 { market.reanchor(); shadow.reanchor(); anchoredAt = block }
            b.tally.blob += blobUSD
            b.tally.stepUSD += blobUSD
            b.tally.stepNative += eth > 0 ? blobUSD / eth : 0
            maxBacklog = max(maxBacklog, queue.queued)
            dailyBacklog[day] = queue.queued
            book(step: s, &b, p)
        }
        var o = b.finished(txs: p.txs, stepSeconds: stepSeconds)
        o.worstLatencySeconds = blocks.worstLatencySeconds
        o.ownDemandBlocks = blocks.ownDemandBlocks
        o.ownDemandPremiumUSD = blocks.premiumUSD
        o.maxBacklogBlobs = maxBacklog
        o.stepBlobFeeWei = stepBlobFee
        o.backlogGrowsFromDay = ThroughputQueue.growsFromDay(dailyBacklog)
        return o
    }
}
