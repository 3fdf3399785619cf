import CBlobLanes

/// The 12-second blocks of one market step on a simulated blob market: other rollups' demand first (while
/// blobs are cheaper than calldata for them), the rollup's queued blobs in the space it leaves, and a
/// shadow market that faces the same demand without the rollup (to see what the rollup's own demand
/// costs). This is the innermost loop of a projection (216,000 blocks per path over 30 days), written so
/// that the compiler keeps its state in registers (plain values, no reference counting, no lazily
/// initialised statics, no fork check per block), with both markets stepped in the same iteration so
/// that the processor overlaps their two chains of dependent arithmetic.
enum BlobBlocks {
    /// What the rollup's blobs met in the blocks of a path.
    struct Tally {
        /// Blocks where the rollup's own blobs had raised the fee above the shadow market's, and what
        /// that premium cost.
        var ownDemandBlocks = 0
        var premiumUSD = 0.0
        var worstLatencySeconds = 0.0
        /// The blob base fee (wei per blob gas) summed over the last call's blocks, and its highest value.
        var stepFeeSum = 0.0, stepFeeMax = 0.0

        /// Adds a step's sums over its blocks: blobs × fee raised over the shadow market's (wei per blob
        /// gas), blocks where it was raised, the fee's sum and highest value, and the longest wait (blocks).
        @inline(__always)
        mutating func close(premium: Double, ownBlocks: Int, feeSum: Double, feeMax: Double, worstWait: Int, weiToUSD: Double) {
            premiumUSD += premium * BlobMarketSimulator.gasPerBlob * weiToUSD
            ownDemandBlocks += ownBlocks
            stepFeeSum = feeSum; stepFeeMax = feeMax
            worstLatencySeconds = max(worstLatencySeconds, Double(worstWait) * 12)
        }
    }

    /// A step's spend in USD from its sum of included blobs × fee (wei per blob gas).
    @inline(__always)
    static func usd(spent: Double, weiToUSD: Double) -> Double { spent * BlobMarketSimulator.gasPerBlob * weiToUSD }

    /// Runs `count` blocks from `firstBlock`, with other rollups' demand drawn around `mean` into the
    /// scratch buffer `drawn` (at least `count` entries). With `da: auto` (`closedAboveParity`), the
    /// rollup posts no blobs while they cost more than calldata (`parityFeeWei`). Returns what the rollup's
    /// blobs cost in these blocks, in USD. `arrivals[j]` (at least `count` entries) are the rollup's blobs
    /// posted in block j of the step: each channel in the block where it filled, not all at the step's start.
    @inline(never)
    static func run(count: Int, firstBlock: Int, mean: Double, parityFeeWei: Double, baseFeeWei: Double, weiToUSD: Double,
                    closedAboveParity: Bool, demand: inout BackgroundDemand, market: inout BlobMarketSimulator,
                    shadow: inout BlobMarketSimulator, forks: inout ForkClock, queue: inout BlobQueue, tally: inout Tally,
                    drawn: UnsafeMutablePointer<Int>, arrivals: UnsafeMutablePointer<Int>) -> Double {
        demand.fill(drawn, count: count, mean: mean)
        var q = queue, t = tally
        // Sums of included blobs × fee (wei per blob gas), turned into USD once per step.
        var spent = 0.0, premium = 0.0, ownBlocks = 0, feeSum = 0.0, feeMax = 0.0, worstWait = 0
        defer {
            t.close(premium: premium, ownBlocks: ownBlocks, feeSum: feeSum, feeMax: feeMax, worstWait: worstWait, weiToUSD: weiToUSD)
            queue = q; tally = t
        }
        // With `da: auto` the rollup posts no blobs above parity: all bits of this mask clear, else all set.
        let postsAboveParity = closedAboveParity ? 0 : -1
        // The two markets' states in locals, stepped with the rules they share (one copy, read once).
        var mExcess = market.excess, mFee = market.fee, sExcess = shadow.excess, sFee = shadow.fee
        var start = 0
        while start < count {
            if firstBlock &+ start >= forks.nextBlock, let f = forks.advance() {
                market.setState(excess: mExcess, fee: mFee); shadow.setState(excess: sExcess, fee: sFee)
                market = market.switching(to: f); shadow = shadow.switching(to: f)
                mExcess = market.excess; mFee = market.fee; sExcess = shadow.excess; sFee = shadow.fee
            }
            let rules = market.rules, maxBlobs = rules.maxBlobs
            let reserveBelow = BlobMarketSimulator.reserveThreshold(baseFeeWei: baseFeeWei, rules)
            // The blocks up to the next fork (or the end of the step): no fork check per block.
            let end = min(count, max(start &+ 1, forks.nextBlock &- firstBlock))
            for j in start..<end {
                let block = firstBlock &+ j
                if arrivals[j] > 0 { q.push(arrivals[j], at: block, mergingFrom: firstBlock) }
                let n = min(drawn[j], maxBlobs)
                // Masks, not branches: near parity (where `da: auto` holds a busy market) whether blobs are
                // open to others and to the rollup changes from block to block, and a branch would mispredict.
                let open = 0 &- (mFee <= parityFeeWei ? 1 : 0)
                let background = n & open
                let included = min(q.queued, maxBlobs &- background) & (open | postsAboveParity)
                let blobs = Double(included)
                spent += blobs * mFee
                feeSum += mFee; feeMax = max(feeMax, mFee)
                let raisedBy = max(0, mFee - sFee)
                premium += blobs * raisedBy
                ownBlocks &+= (included > 0 ? 1 : 0) & (raisedBy > 0 ? 1 : 0)
                worstWait = max(worstWait, q.takeBlocks(included, at: block))
                // Both counts are within 0...max: n by the min above, the market's because included ≤ max − background.
                BlobMarketSimulator.advance(excess: &sExcess, fee: &sFee, within: n & (0 &- (sFee <= parityFeeWei ? 1 : 0)), reserveBelow: reserveBelow, rules)
                BlobMarketSimulator.advance(excess: &mExcess, fee: &mFee, within: background &+ included, reserveBelow: reserveBelow, rules)
            }
            start = end
        }
        market.setState(excess: mExcess, fee: mFee); shadow.setState(excess: sExcess, fee: sFee)
        return usd(spent: spent, weiToUSD: weiToUSD)
    }
}

/// Other rollups' blobs per block: a normal draw around a mean, from a 12-bit table index (five to each
/// 64-bit word of the stream), rounded to whole blobs between 0 and the block's max.
struct BackgroundDemand {
    private var rng: SeededRandom
    private var word: UInt64 = 0, left = 0
    let noise: Double
    /// `NormalTable.raw`, held here: reading a lazily initialised static per draw costs a `swift_once` call.
    private let normals: UnsafePointer<Double>
    /// The rounded demand for each table index at `tableMean`: a mean that stays the same from step to
    /// step (a constant curve) is rounded once, not once per block.
    private let rounded: UnsafeMutablePointer<Int>
    private var tableMean = Double.nan, lastMean = Double.nan

    /// Allocates the rounding table; the owner calls `deallocate()`.
    init(rng: SeededRandom, noise: Double) {
        self.rng = rng
        self.noise = noise
        normals = NormalTable.raw
        rounded = .allocate(capacity: NormalTable.size)
    }

    func deallocate() { rounded.deallocate() }

    /// The stream as `BlobLanes` steps it: the generator, the word whose indices are in use and how many
    /// of them are left.
    var stream: (rng: SeededRandom, word: UInt64, left: Int) {
        get { (rng, word, left) }
        set { (rng, word, left) = newValue }
    }

    /// Draws `count` blocks' demand into `out`, at most `BlobSchedule.maxBlobsPerBlock` each (the caller
    /// clamps to the fork's max).
    mutating func fill(_ out: UnsafeMutablePointer<Int>, count: Int, mean: Double) {
        let repeated = mean == lastMean
        lastMean = mean
        if repeated && mean != tableMean {
            for i in 0..<NormalTable.size { rounded[i] = Self.wholeBlobs(mean + noise * normals[i], max: BlobSchedule.maxBlobsPerBlock) }
            tableMean = mean
        }
        if mean == tableMean {
            let table = rounded
            draw(into: out, count: count) { table[$0] }
        } else {
            let normals = normals, noise = noise
            draw(into: out, count: count) { Self.wholeBlobs(mean + noise * normals[$0], max: BlobSchedule.maxBlobsPerBlock) }
        }
    }

    /// Fills `out` with `value(index)` for the next `count` 12-bit indices of the stream: five to a word,
    /// the word's leftovers carried to the next call.
    @inline(__always)
    private mutating func draw(into out: UnsafeMutablePointer<Int>, count: Int, _ value: (Int) -> Int) {
        var j = 0
        while left > 0 && j < count { out[j] = value(Int(word & 4095)); word >>= 12; left &-= 1; j &+= 1 }
        while j &+ 5 <= count {
            let w = rng.next()
            out[j] = value(Int(w & 4095)); out[j &+ 1] = value(Int((w >> 12) & 4095)); out[j &+ 2] = value(Int((w >> 24) & 4095))
            out[j &+ 3] = value(Int((w >> 36) & 4095)); out[j &+ 4] = value(Int((w >> 48) & 4095))
            j &+= 5
        }
        if j < count {
            word = rng.next(); left = 5
            while j < count { out[j] = value(Int(word & 4095)); word >>= 12; left &-= 1; j &+= 1 }
        }
    }

    /// `z` rounded to whole blobs between 0 and `max`: adding 1.5 · 2^52 leaves the nearest integer in
    /// the low bits (no checked conversion per block).
    @inline(__always)
    static func wholeBlobs(_ z: Double, max: Int) -> Int {
        let clamped = Swift.min(Double(max), Swift.max(0, z))
        return Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: (clamped + 0x1.8p52).bitPattern))
    }
}

/// The rollup's blobs waiting for space, oldest first: one entry per market step that posted (block of its
/// first arrival, and the running total of blobs pushed up to its end), in a ring that never wraps over
/// itself since a path has at most `capacity` steps. Blobs leave in order, so taking them only moves a running
/// total and, now and then, the head.
struct BlobQueue {
    private let arrival: UnsafeMutablePointer<Int>, pushedThrough: UnsafeMutablePointer<Int>
    private var head = 0, tail = 0
    private var pushed = 0, taken = 0

    private let capacity: Int

    /// Allocates the ring; the owner calls `deallocate()`.
    init(capacity: Int) {
        self.capacity = max(1, capacity)
        arrival = .allocate(capacity: self.capacity + 1)
        arrival.initialize(repeating: 0, count: self.capacity + 1)
        pushedThrough = .allocate(capacity: self.capacity)
    }

    func deallocate() { arrival.deallocate(); pushedThrough.deallocate() }

    /// Blobs waiting.
    var queued: Int { pushed &- taken }

    /// The queue as the lane kernel (`BlobLanes`) reads and updates it: the same ring, and its indices
    /// and totals.
    var lane: dacost_blob_queue {
        get {
            dacost_blob_queue(arrival: UnsafeMutablePointer(OpaquePointer(arrival)), pushed_through: UnsafeMutablePointer(OpaquePointer(pushedThrough)),
                              head: Int64(head), tail: Int64(tail), pushed: Int64(pushed), taken: Int64(taken))
        }
        set {
            head = Int(truncatingIfNeeded: newValue.head); tail = Int(truncatingIfNeeded: newValue.tail)
            pushed = Int(truncatingIfNeeded: newValue.pushed); taken = Int(truncatingIfNeeded: newValue.taken)
        }
    }

    /// Seconds the oldest waiting blob has waited at `block` (0 when none waits).
    func oldestWait(at block: Int) -> Double { head < tail ? Double(block - arrival[head]) * 12 : 0 }

    /// Adds `blobs` arriving in `block`; they join the newest entry when it arrived at or after
    /// `mergingFrom` (the step's first block), so the ring holds one entry per step: the latency of a step's
    /// later blobs is then counted from its first arrival (at most a step too long).
    mutating func push(_ blobs: Int, at block: Int, mergingFrom: Int = .max) {
        guard blobs > 0 else { return }
        pushed &+= blobs
        if tail > head && arrival[tail &- 1] >= mergingFrom {
            pushedThrough[tail &- 1] = pushed
            return
        }
        // An empty queue starts over at the ring's start: a step that drains and refills its queue then
        // still adds no more than one entry since the last time it was empty, so `capacity` steps suffice.
        if head == tail { head = 0; tail = 0 }
        assert(tail < capacity, "blob queue ring overflow") // debug builds (the tests) check the bound argued above
        arrival[tail] = block; pushedThrough[tail] = pushed
        tail &+= 1
    }

    /// Everything waiting leaves (posted another way).
    mutating func clear() { head = tail; taken = pushed }

    /// Takes `count` blobs (0 < count ≤ `queued`) into `block`, oldest first; returns how long the oldest
    /// of them waited, in seconds (it was posted in the block of its arrival at the earliest).
    mutating func take(_ count: Int, at block: Int) -> Double { Double(takeBlocks(count, at: block)) * 12 }

    /// Takes `count` blobs (0 ≤ count ≤ `queued`) into `block`, oldest first; returns how many blocks the
    /// oldest of them spent waiting, its own block counted, or 0 when `count` is 0. No branch on `count`:
    /// the head's arrival is read even when nothing waits (the ring has one initialised slot to spare).
    @inline(__always)
    mutating func takeBlocks(_ count: Int, at block: Int) -> Int {
        let waited = block &- arrival[head] &+ 1
        taken &+= count
        while head < tail && pushedThrough[head] <= taken { head &+= 1 }
        // All bits set when count > 0 (its negation's sign), none when 0: a mask, since a comparison here
        // becomes a branch that mispredicts whenever the rollup's blobs fit in one block and not the next.
        return waited & ((0 &- count) >> (Int.bitWidth - 1))
    }
}

/// The blob schedule's forks as a simulation reaches them, block by block.
struct ForkClock {
    private let forks: [BlobFork]
    private let start: Int64
    private var next: BlobFork?
    /// The first block of the next fork (Int.max when none is left): a plain integer for the block loop
    /// to compare with, since a BlobFork holds a String and copying it would cost reference counting.
    private(set) var nextBlock: Int

    init(schedule: BlobSchedule, start: Int64) {
        forks = schedule.forks
        self.start = start
        next = forks.first { $0.timestamp > start }
        nextBlock = PathSimulator.firstBlock(at: next, start: start)
    }

    /// The fork that activates at `nextBlock`; moves on to the one after it.
    mutating func advance() -> BlobFork? {
        guard let f = next else { return nil }
        next = forks.first { $0.timestamp > f.timestamp }
        nextBlock = PathSimulator.firstBlock(at: next, start: start)
        return f
    }
}
