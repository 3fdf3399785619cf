/// The batch sizes a scenario's pricing reads from a profile, so that a sampled profile measures those
/// (and the doubling grid points around them, for the curve) rather than every size up to the trace.
public struct BatchNeed: Equatable, Sendable {
    /// The smallest and the largest compressed submission of the scenario's layers (bytes).
    public var smallestCapacityBytes: Int
    public var largestCapacityBytes: Int
    /// Transactions a channel holds when its duration closes it (TPS × the channel's longest duration).
    public var transactionsPerChannel: Double
    /// A compression ratio below any the codecs reach on transaction data (brotli-11 on OP Mainnet's
    /// channel: 0.31, stacks.md): a full submission's batch is at most its capacity over this.
    public static let ratioFloor = 0.2

    public init(smallestCapacityBytes: Int, largestCapacityBytes: Int, transactionsPerChannel: Double) {
        self.smallestCapacityBytes = smallestCapacityBytes; self.largestCapacityBytes = largestCapacityBytes
        self.transactionsPerChannel = transactionsPerChannel
    }

    /// The uncompressed batch sizes pricing can ask for, with `bytesPerTx` the trace's mean transaction.
    public func range(bytesPerTx: Double) -> (lower: Double, upper: Double) {
        let byDuration = max(bytesPerTx, transactionsPerChannel * bytesPerTx)
        let lower = max(bytesPerTx, min(Double(smallestCapacityBytes), byDuration))
        let upper = max(lower, min(byDuration, Double(largestCapacityBytes) / Self.ratioFloor))
        return (lower, upper)
    }

    /// The targets to measure: the doubling grid's points from the one at or below a quarter of `lower`
    /// (a projection's traffic moves, and a channel its duration closes early is smaller) to the last below
    /// `upper`, and `upper` itself (the duration's batch, or the largest full one); none past the trace.
    public func targets(traceBytes: Int, bytesPerTx: Double) -> [BatchTarget] {
        let (lower, upper) = range(bytesPerTx: bytesPerTx)
        let top = min(Int(upper.rounded(.up)), max(1, traceBytes))
        var out = [BatchTarget]()
        var size = 16 << 10
        while size * 2 <= Int(lower / 4) { size *= 2 }
        while size < top { out.append(.bytes(size)); size *= 2 }
        out.append(.bytes(top))
        return out
    }
}

extension BatchNeed {
    /// What the scenario's layers and batcher ask of a profile: their submissions' capacities, and the
    /// transactions of a channel its duration closes at the scenario's traffic.
    public init(scenario: Scenario) {
        let capacities = scenario.layers.map {
            $0.makeLayer(batcher: scenario.batcher, calldata: scenario.startCalldataFork.pricing).maxSubmissionBytes
        }
        self.init(smallestCapacityBytes: max(1, capacities.min() ?? 1), largestCapacityBytes: max(1, capacities.max() ?? 1),
                  transactionsPerChannel: max(1, scenario.traffic.tps * scenario.batcher.maxChannelDurationMinutes * 60))
    }
}
