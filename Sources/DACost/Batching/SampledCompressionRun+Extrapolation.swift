/// Sizes past the codecs' match windows, extrapolated rather than compressed (see `SampledCompressionRun`).
extension SampledCompressionRun {
    /// A batch's measured half and whole (both past the codecs' windows) carried on to a batch of `size`
    /// bytes along the line through them, for the codec and the auxiliary codec alike: past its window a
    /// codec meets each byte with the same length of history, so its output grows by a steady amount per
    /// byte. Nil when the two inputs do not differ.
    static func extrapolate(half: SampledRatio.Pair, whole: SampledRatio.Pair, to size: Int) -> SampledRatio.Pair? {
        let run = Double(whole.input - half.input)
        guard run > 0 else { return nil }
        let reach = Double(size - whole.input) / run
        func along(_ a: Int, _ b: Int) -> Int { max(0, Int((Double(b) + Double(b - a) * reach).rounded())) }
        return SampledRatio.Pair(input: size, compressed: along(half.compressed, whole.compressed),
                                 auxiliary: along(half.auxiliary, whole.auxiliary), zeros: along(half.zeros, whole.zeros))
    }

    /// Batches the extrapolation's carrier size needs: whole ones to fit lines through (the trace's last is short).
    static let extrapolationCarrierMinimumBatches = 3

    /// The largest size measured when `plan` extrapolates: twice the longest window of `codecs` and the
    /// auxiliary codec, and at least twice `prefixFromBytes` (both points of the line are then prefixes of
    /// one stream); nil when no size lies past it or batches are a stack's encoding (measured whole, with
    /// no prefixes).
    static func extrapolationTop(codecs: [CodecID], largest: Int, plan: SamplingPlan, encoding: BatchEncoding, prefixFromBytes: Int) -> Int? {
        guard plan.extrapolatesPastWindows, encoding == .raw else { return nil }
        // The auxiliary codec's line too: the ratio estimator divides by it.
        let window = (codecs + [plan.auxiliary]).map(\.historyWindowBytes).max() ?? 0
        let top = 2 * max(window, prefixFromBytes)
        return largest > top ? top : nil
    }
}
