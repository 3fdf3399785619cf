/// Where in a market step's blocks its channels are posted.
extension PathSimulator {
    /// Spreads a step's posted blobs over its blocks: the n-th full channel fills when `n × batch − carried`
    /// bytes have arrived (at the step's constant rate), and is posted in that block; a partly filled channel
    /// goes in the last block. Counted per block (channels filled by each block's end), so the work per step
    /// is bounded by its blocks, whatever the traffic.
    @inline(__always)
    func spread(_ posted: PostedBlobs, carried: Double, arriving: Double, batch: Double, into arrivals: UnsafeMutablePointer<Int>) {
        let last = blocksPerStep - 1
        if posted.full > 0 {
            // In channels: what was carried in, and what arrives per block (one division per step, none per block).
            let perBlock = arriving / (Double(blocksPerStep) * batch), start = carried / batch
            let full = Int(posted.full), fullChannels = posted.full, perChannel = posted.perChannel
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
        arrivals[last] += posted.partial
    }
}
