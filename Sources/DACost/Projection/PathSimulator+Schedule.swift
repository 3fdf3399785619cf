/// Where a market step's posted blobs enter its blocks: the n-th full channel fills when `n × batch −
/// carried` bytes have arrived (at the step's constant rate), and is posted in that block; a partly filled
/// channel goes in the last block. Counted per block (channels filled by each block's end), so the work
/// per step is bounded by its blocks, whatever the traffic. `BlobLanes`' vector kernel computes the same
/// counts with the same operations.
struct ChannelArrivals {
    /// Full channels (as posted, and as a count), channels arriving per block, and channels' worth of
    /// bytes carried in.
    var fullChannels = 0.0, perBlock = 0.0, start = 0.0
    var full = 0, perChannel = 0, partial = 0

    init() {}

    /// The step's `posted` blobs over `blocks` blocks, with `carried` bytes of the open channel carried in
    /// and `arriving` bytes arriving in the step, `batch` bytes to a channel.
    init(_ posted: PathSimulator.PostedBlobs, carried: Double, arriving: Double, batch: Double, blocks: Int) {
        // The divisions only for a step that posts full channels.
        let spread = posted.full > 0 ? Self.spread(carried: carried, arriving: arriving, batch: batch, blocks: blocks) : (perBlock: 0, start: 0)
        self.init(posted, perBlock: spread.perBlock, start: spread.start)
    }

    /// The same from a `ChannelSchedule`'s `perBlock` and `start` of the step.
    init(_ posted: PathSimulator.PostedBlobs, perBlock: Double, start: Double) {
        if posted.full > 0 {
            self.perBlock = perBlock; self.start = start
            full = Int(posted.full); fullChannels = posted.full; perChannel = posted.perChannel
        }
        partial = posted.partial
    }

    /// In channels, what arrives per block and what was carried in: two divisions per step, none per block.
    @inline(__always)
    static func spread(carried: Double, arriving: Double, batch: Double, blocks: Int) -> (perBlock: Double, start: Double) {
        (arriving / (Double(blocks) * batch), carried / batch)
    }

    /// Adds the step's blobs per block to `arrivals[0 ..< blocks]`.
    @inline(__always)
    func write(into arrivals: UnsafeMutablePointer<Int>, blocks: Int) {
        let last = blocks - 1
        if fullChannels > 0 {
            var before = 0
            for j in 0..<last {
                // Channels filled by the end of block j: the operand is within 0...full, so truncation is
                // the floor and cannot trap (the same count as flooring first and capping at `full` after).
                // Blocks done converted from j, not counted in a Double: no chain of dependent additions
                // from block to block (the same exact integer either way).
                let filled = Int(min(fullChannels, Double(j &+ 1) * perBlock + start))
                arrivals[j] &+= (filled &- before) &* perChannel
                before = filled
            }
            arrivals[last] &+= (full &- before) &* perChannel
        }
        arrivals[last] += partial
    }
}
