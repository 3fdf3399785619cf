import CBlobLanes

/// One path's state in the blocks of a simulated blob market, carried from market step to step: its
/// market, the shadow market without the rollup, the fork clock, the rollup's queue, other rollups'
/// demand stream, and what the rollup's blobs met.
struct BlobBlockState {
    var market: BlobMarketSimulator
    var shadow: BlobMarketSimulator
    var forks: ForkClock
    var queue: BlobQueue
    var demand: BackgroundDemand
    var tally = BlobBlocks.Tally()

    func deallocate() { queue.deallocate(); demand.deallocate() }
}

/// What one path's blocks read in a market step besides its state: other rollups' mean demand, the
/// blob fee at calldata parity and the execution base fee (wei), wei to USD, and the rollup's blobs.
struct BlobStepInputs {
    var mean = 0.0, parityFeeWei = 0.0, baseFeeWei = 0.0, weiToUSD = 0.0
    var arrivals = ChannelArrivals()
}

/// The blocks of one market step for a group of paths: eight at once in AVX-512 lanes
/// (`dacost_blob_lanes_run`) where the CPU has them, else path by path (`BlobBlocks.run`). Each lane
/// performs the scalar loop's operations in its order, and draws its demand from its own stream as
/// `BackgroundDemand.fill` does, so a path's result does not depend on which ran it nor on the paths
/// beside it (`BlobLanesTests`).
struct BlobLanes {
    /// Paths per group.
    static let width = Int(DACOST_BLOB_LANES)
    /// Whether this CPU (and its OS) runs the vector kernel: AVX-512 F and DQ.
    static let available = dacost_blob_lanes_available() != 0

    let lanes: Int, blocksPerStep: Int
    let vectorized: Bool
    /// Path by path: other rollups' blobs and the rollup's own per block, one run of `blocksPerStep` per path.
    private let drawn: UnsafeMutablePointer<Int>, arrivals: UnsafeMutablePointer<Int>
    /// The kernel's per-lane values (`width` of each) and its view of them.
    private let doubles: UnsafeMutablePointer<Double>, words: UnsafeMutablePointer<UInt64>
    private let queues: UnsafeMutablePointer<dacost_blob_queue>
    private let kernel: UnsafeMutablePointer<dacost_blob_lanes>
    /// Other rollups' rounded demand for each of the 4,096 normal quantiles at one mean (`BackgroundDemand`
    /// keeps the same per path): used while every path of the group has that mean, as with a constant
    /// curve. The mean it holds, and the mean of the last step (a table is built when a mean repeats).
    private let rounded: UnsafeMutablePointer<UInt16>, means: UnsafeMutablePointer<Double>
    /// The rows of `doubles` and of `words`, `width` entries each: named once, for the kernel's view
    /// (built in `init`) and for the writes and reads around each call.
    private enum DoubleRow: Int, CaseIterable {
        case parity, reserveBelow, marketFee, shadowFee, spent, premium, feeSum, feeMax, mean, fullChannels, perBlock, spreadStart
    }
    /// `rng` is four rows: the generators' s0 of every lane, then s1, s2 and s3.
    private enum WordRow: Int, CaseIterable {
        case marketExcess, shadowExcess, ownBlocks, worstWait, rng, rng1, rng2, rng3, word, full, perChannel, partial
    }
    private func row(_ r: DoubleRow) -> UnsafeMutablePointer<Double> { doubles + r.rawValue * Self.width }
    private func row(_ r: WordRow) -> UnsafeMutablePointer<UInt64> { words + r.rawValue * Self.width }
    private func ints(_ r: WordRow) -> UnsafeMutablePointer<Int64> { UnsafeMutablePointer(OpaquePointer(row(r))) }

    /// Buffers for `lanes` paths (1 ... `width`); `vectorized` only where `available`. The owner calls
    /// `begin` before the first step, `end` after the last, then `deallocate()`.
    init(lanes: Int, blocksPerStep: Int, vectorized: Bool) {
        self.lanes = max(1, min(Self.width, lanes))
        self.blocksPerStep = max(1, blocksPerStep)
        self.vectorized = vectorized && Self.available
        let cells = self.vectorized ? 1 : self.blocksPerStep * self.lanes
        drawn = .allocate(capacity: cells); drawn.initialize(repeating: 0, count: cells)
        arrivals = .allocate(capacity: cells); arrivals.initialize(repeating: 0, count: cells)
        let w = Self.width, doubleCells = DoubleRow.allCases.count * w, wordCells = WordRow.allCases.count * w
        doubles = .allocate(capacity: doubleCells); doubles.initialize(repeating: 0, count: doubleCells)
        words = .allocate(capacity: wordCells); words.initialize(repeating: 0, count: wordCells)
        queues = .allocate(capacity: w)
        queues.initialize(repeating: dacost_blob_queue(), count: w)
        // Three entries of padding: the kernel reads eight bytes at an entry.
        rounded = .allocate(capacity: NormalTable.size + 3); rounded.initialize(repeating: 0, count: NormalTable.size + 3)
        means = .allocate(capacity: 2); means.initialize(repeating: .nan, count: 2)
        kernel = .allocate(capacity: 1)
        let demand = dacost_blob_demand(rng: row(.rng), word: row(.word), left: 0, mean: row(.mean), normals: NormalTable.raw, rounded: nil,
                                        noise: 0, max_blobs: Int64(BlobSchedule.maxBlobsPerBlock))
        let spread = dacost_blob_spread(full_channels: row(.fullChannels), per_block: row(.perBlock), start: row(.spreadStart),
                                        full: ints(.full), per_channel: ints(.perChannel), partial: ints(.partial), blocks: 0)
        kernel.initialize(to: dacost_blob_lanes(
            lanes: Int64(self.lanes), demand: demand, spread: spread, parity: row(.parity), reserve_below: row(.reserveBelow),
            market_excess: row(.marketExcess), shadow_excess: row(.shadowExcess), market_fee: row(.marketFee), shadow_fee: row(.shadowFee),
            queue: queues, spent: row(.spent), premium: row(.premium), fee_sum: row(.feeSum), fee_max: row(.feeMax),
            own_blocks: ints(.ownBlocks), worst_wait: ints(.worstWait)))
    }

    func deallocate() {
        drawn.deallocate(); arrivals.deallocate(); doubles.deallocate(); words.deallocate(); queues.deallocate(); kernel.deallocate()
        rounded.deallocate(); means.deallocate()
    }

    /// Hands the paths' demand streams to the kernel (vectorized): they stay there until `end`.
    func begin(_ states: [BlobBlockState]) {
        guard vectorized, let first = states.first else { return }
        let w = Self.width, rng = row(.rng), word = row(.word)
        for i in 0..<min(lanes, states.count) {
            let stream = states[i].demand.stream
            (rng[i], rng[w + i], rng[2 * w + i], rng[3 * w + i]) = stream.rng.state
            word[i] = stream.word
        }
        // Every lane draws as many indices: the first path's count of those left in its word is all of theirs.
        kernel.pointee.demand.left = Int64(first.demand.stream.left)
        kernel.pointee.demand.noise = first.demand.noise
    }

    /// Takes the demand streams back from the kernel.
    func end(_ states: inout [BlobBlockState]) {
        guard vectorized else { return }
        let w = Self.width, rng = row(.rng), word = row(.word)
        for i in 0..<min(lanes, states.count) {
            var stream = states[i].demand.stream
            stream.rng.state = (rng[i], rng[w + i], rng[2 * w + i], rng[3 * w + i])
            stream.word = word[i]; stream.left = Int(truncatingIfNeeded: kernel.pointee.demand.left)
            states[i].demand.stream = stream
        }
    }

    /// Runs `count` blocks from `firstBlock` for every path of the group; returns in `usd` what each
    /// path's blobs cost (see `BlobBlocks.run`).
    func run(_ st: UnsafeMutableBufferPointer<BlobBlockState>, _ inputs: UnsafeBufferPointer<BlobStepInputs>, count: Int, firstBlock: Int,
             closedAboveParity: Bool, usd: UnsafeMutableBufferPointer<Double>) {
        if vectorized {
            runLanes(st, inputs, count: count, firstBlock: firstBlock, closedAboveParity: closedAboveParity, usd: usd)
            return
        }
        for i in 0..<lanes {
            let x = inputs[i]
            let drawn = self.drawn + i * blocksPerStep, arrivals = self.arrivals + i * blocksPerStep
            x.arrivals.write(into: arrivals, blocks: count)
            var path = st[i]
            usd[i] = BlobBlocks.run(count: count, firstBlock: firstBlock, mean: x.mean, parityFeeWei: x.parityFeeWei, baseFeeWei: x.baseFeeWei,
                                    weiToUSD: x.weiToUSD, closedAboveParity: closedAboveParity, demand: &path.demand, market: &path.market,
                                    shadow: &path.shadow, forks: &path.forks, queue: &path.queue, tally: &path.tally,
                                    drawn: drawn, arrivals: arrivals)
            st[i] = path
            arrivals.update(repeating: 0, count: count)
        }
    }

    /// The rounded-demand table when every path has the same mean this step and the table holds it (built
    /// when that mean repeats); nil otherwise, and the kernel rounds each draw itself. The same values either way.
    private func roundedTable(_ inputs: UnsafeBufferPointer<BlobStepInputs>) -> UnsafePointer<UInt16>? {
        let mean = inputs[0].mean
        var shared = true
        for i in 1..<lanes where inputs[i].mean != mean { shared = false }
        defer { means[1] = shared ? mean : .nan }
        guard shared else { return nil }
        if mean != means[0] && mean == means[1] {
            let noise = kernel.pointee.demand.noise, normals = NormalTable.raw
            for i in 0..<NormalTable.size {
                rounded[i] = UInt16(truncatingIfNeeded: BackgroundDemand.wholeBlobs(mean + noise * normals[i], max: BlobSchedule.maxBlobsPerBlock))
            }
            means[0] = mean
        }
        return mean == means[0] ? UnsafePointer(rounded) : nil
    }

    private func runLanes(_ states: UnsafeMutableBufferPointer<BlobBlockState>, _ inputs: UnsafeBufferPointer<BlobStepInputs>, count: Int,
                          firstBlock: Int, closedAboveParity: Bool, usd: UnsafeMutableBufferPointer<Double>) {
        let parity = row(.parity), reserveBelow = row(.reserveBelow), marketFee = row(.marketFee), shadowFee = row(.shadowFee)
        let spent = row(.spent), premium = row(.premium), feeSum = row(.feeSum), feeMax = row(.feeMax), mean = row(.mean)
        let fullChannels = row(.fullChannels), perBlock = row(.perBlock), spreadStart = row(.spreadStart)
        let marketExcess = row(.marketExcess), shadowExcess = row(.shadowExcess), ownBlocks = ints(.ownBlocks), worstWait = ints(.worstWait)
        let full = ints(.full), perChannel = ints(.perChannel), partial = ints(.partial)
        for i in 0..<lanes {
            let x = inputs[i]
            parity[i] = x.parityFeeWei; mean[i] = x.mean
            spent[i] = 0; premium[i] = 0; feeSum[i] = 0; feeMax[i] = 0; ownBlocks[i] = 0; worstWait[i] = 0
            fullChannels[i] = x.arrivals.fullChannels; perBlock[i] = x.arrivals.perBlock; spreadStart[i] = x.arrivals.start
            full[i] = Int64(x.arrivals.full); perChannel[i] = Int64(x.arrivals.perChannel); partial[i] = Int64(x.arrivals.partial)
            queues[i] = states[i].queue.lane
        }
        func load(_ i: Int) {
            marketExcess[i] = states[i].market.excess; marketFee[i] = states[i].market.fee
            shadowExcess[i] = states[i].shadow.excess; shadowFee[i] = states[i].shadow.fee
        }
        func store(_ i: Int) {
            states[i].market.setState(excess: marketExcess[i], fee: marketFee[i])
            states[i].shadow.setState(excess: shadowExcess[i], fee: shadowFee[i])
        }
        for i in 0..<lanes { load(i) }
        kernel.pointee.spread.blocks = Int64(count)
        kernel.pointee.demand.rounded = roundedTable(inputs)
        // Every path of the group reaches a fork in the same block: the first path's clock finds it, each
        // path's markets switch.
        var start = 0
        while start < count {
            if firstBlock &+ start >= states[0].forks.nextBlock {
                for i in 0..<lanes {
                    guard let f = states[i].forks.advance() else { continue }
                    store(i)
                    states[i].market = states[i].market.switching(to: f); states[i].shadow = states[i].shadow.switching(to: f)
                    load(i)
                }
            }
            let rules = states[0].market.rules
            for i in 0..<lanes { reserveBelow[i] = BlobMarketSimulator.reserveThreshold(baseFeeWei: inputs[i].baseFeeWei, rules) }
            let end = min(count, max(start &+ 1, states[0].forks.nextBlock &- firstBlock))
            var r = dacost_blob_rules(factors: UnsafePointer(rules.factors), deltas: UnsafePointer(rules.deltas), count: Int64(rules.count),
                                      target: rules.target, max_blobs: Int64(rules.maxBlobs), gas_per_blob: BlobFeeMarket.gasPerBlob,
                                      max_fee: BlobMarketSimulator.maxFee, posts_above_parity: closedAboveParity ? 0 : 1)
            dacost_blob_lanes_run(kernel, &r, Int64(firstBlock), Int64(start), Int64(end), Int64(firstBlock))
            start = end
        }
        for i in 0..<lanes {
            store(i)
            states[i].queue.lane = queues[i]
            states[i].tally.close(premium: premium[i], ownBlocks: Int(truncatingIfNeeded: ownBlocks[i]), feeSum: feeSum[i],
                                  feeMax: feeMax[i], worstWait: Int(truncatingIfNeeded: worstWait[i]), weiToUSD: inputs[i].weiToUSD)
            usd[i] = BlobBlocks.usd(spent: spent[i], weiToUSD: inputs[i].weiToUSD)
        }
    }
}
