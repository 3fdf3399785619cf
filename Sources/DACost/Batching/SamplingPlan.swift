/// How a sampled compression profile is measured: the seed of the draw, the precision each ratio is
/// measured to, the strata the draws are spread over, and the cheap codec measured on every batch as
/// the control variate. Recorded in the profile, so that a cached profile is reused only for the same plan.
public struct SamplingPlan: Codable, Equatable, Sendable {
    public var seed: UInt64
    /// Standard error of each ratio relative to the ratio (0.001 = 0.1%).
    public var targetRelativeStandardError: Double
    /// Equal runs of consecutive batches; draws go round the strata, so that even the first few cover the
    /// whole trace rather than its start.
    public var strata: Int
    /// Measured on every batch (it runs at hundreds of MB/s): the sampled codecs' ratios are estimated
    /// from their ratio to it on the sampled batches, which cancels most of the batch-to-batch variation
    /// that both see (a batch of big contract calls compresses badly with any codec).
    public var auxiliary: CodecID
    /// Sampling passes over the trace at most (each reads the trace once).
    public var maxPasses: Int

    public init(seed: UInt64 = 1, targetRelativeStandardError: Double = 0.001, strata: Int = 16,
                auxiliary: CodecID = .zstd(1), maxPasses: Int = 6) {
        self.seed = seed; self.targetRelativeStandardError = targetRelativeStandardError
        self.strata = strata; self.auxiliary = auxiliary; self.maxPasses = maxPasses
    }

    /// Traces up to this many bytes of signed transactions are measured exactly: sampling them would
    /// save little, and a small trace's batches are few.
    public static let exactUpToBytes = 8 << 20

    enum CodingKeys: String, CodingKey {
        case seed, strata
        case targetRelativeStandardError = "target_relative_standard_error"
        case auxiliary = "auxiliary_codec"
        case maxPasses = "max_passes"
    }
}

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
