/// One layer's channel clock over the whole horizon, for traffic that is the same on every path (a
/// deterministic TPS curve): the full channels and the partly filled one that each step closes, and
/// where the step's channels fill (`ChannelArrivals`' rate and start). Computed once by the same
/// `ChannelClock.advance` every path would run, with the same inputs, and read by every path instead:
/// the clock is a chain of two divisions per step that each path would otherwise wait on.
struct ChannelSchedule {
    /// Per step: full channels closed, and the uncompressed bytes of a partly filled one (0 for none).
    private(set) var full = [Double](), partial = [Double]()
    /// Per step, in channels: what arrives per block, and what was carried in (`ChannelArrivals`).
    private(set) var perBlock = [Double](), start = [Double]()

    /// No schedule: each path runs its own clock.
    init() {}

    /// Layer `layer`'s clock through `arriving` bytes per step, under the calldata eras' full channels.
    init(arriving: [Double], eras: [CalldataEra], layer: Int, stepSeconds: Double, maxAge: Double, blocks: Int) {
        var batches = [Double](), era = 0
        batches.reserveCapacity(arriving.count)
        for s in arriving.indices {
            // As `LayerBatcher.follow` enters the next era.
            if era + 1 < eras.count && s == eras[era + 1].firstStep { era += 1 }
            batches.append(eras[era].full[layer].batch)
        }
        self.init(arriving: arriving, batches: batches, stepSeconds: stepSeconds, maxAge: maxAge, blocks: blocks)
    }

    /// The clock through `arriving` bytes per step, with `batches[s]` bytes to a full channel in step `s`.
    init(arriving: [Double], batches: [Double], stepSeconds: Double, maxAge: Double, blocks: Int) {
        let steps = min(arriving.count, batches.count)
        full.reserveCapacity(steps); partial.reserveCapacity(steps)
        perBlock.reserveCapacity(steps); start.reserveCapacity(steps)
        var clock = ChannelClock()
        for s in 0..<steps {
            let carried = clock.bytes
            let (k, bytes) = clock.advance(arriving: arriving[s], step: stepSeconds, batch: batches[s], maxAge: maxAge, last: s == steps - 1)
            full.append(k); partial.append(bytes)
            let spread = ChannelArrivals.spread(carried: carried, arriving: arriving[s], batch: batches[s], blocks: blocks)
            perBlock.append(spread.perBlock); start.append(spread.start)
        }
    }

    var isEmpty: Bool { full.isEmpty }
}
