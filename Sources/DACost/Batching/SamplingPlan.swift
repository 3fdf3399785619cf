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
    /// Sizes above twice the codecs' longest match window (at least 8 MiB) are not compressed but
    /// extrapolated along each sampled batch's steady growth past the window (`SampledCompressionRun`).
    public var extrapolatesPastWindows: Bool

    public init(seed: UInt64 = 1, targetRelativeStandardError: Double = 0.001, strata: Int = 16,
                auxiliary: CodecID = .zstd(1), maxPasses: Int = 6, extrapolatesPastWindows: Bool = true) {
        self.seed = seed; self.targetRelativeStandardError = targetRelativeStandardError
        self.strata = strata; self.auxiliary = auxiliary; self.maxPasses = maxPasses
        self.extrapolatesPastWindows = extrapolatesPastWindows
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        seed = try c.decode(UInt64.self, forKey: .seed)
        targetRelativeStandardError = try c.decode(Double.self, forKey: .targetRelativeStandardError)
        strata = try c.decode(Int.self, forKey: .strata)
        auxiliary = try c.decode(CodecID.self, forKey: .auxiliary)
        maxPasses = try c.decode(Int.self, forKey: .maxPasses)
        // A profile cached before extrapolation existed measured every size.
        extrapolatesPastWindows = try c.decodeIfPresent(Bool.self, forKey: .extrapolatesPastWindows) ?? false
    }

    /// Traces up to this many bytes of signed transactions are measured exactly: sampling them would
    /// save little, and a small trace's batches are few.
    public static let exactUpToBytes = 8 << 20

    enum CodingKeys: String, CodingKey {
        case seed, strata
        case targetRelativeStandardError = "target_relative_standard_error"
        case auxiliary = "auxiliary_codec"
        case maxPasses = "max_passes"
        case extrapolatesPastWindows = "extrapolates_past_windows"
    }
}
