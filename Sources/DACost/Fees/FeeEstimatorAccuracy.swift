import CBrotli

/// How well a stack's per-transaction L1 fee estimate matches each transaction's real share of the
/// compressed batch, on the user's own trace. OP (Fjord): each transaction's estimated size against its
/// marginal contribution to a brotli-10 channel (the bytes the stream emits when flushed after it,
/// scaled so the shares add up to the channel's size), with a least-squares refit of Fjord's intercept
/// and FastLZ coefficient. Arbitrum: the per-transaction brotli-1 sizes ArbOS charges against the same
/// transactions compressed together as one batch.
public struct FeeEstimatorAccuracy: Codable, Equatable, Sendable {
    public var transactions: Int
    /// Σ Fjord estimated size / Σ true share − 1 (positive: the chain over-charges this traffic), %.
    public var fjordOverchargePercent: Double
    /// Per-transaction error of the Fjord estimate (bytes): P5, P50, P95.
    public var fjordErrorP5: Double, fjordErrorP50: Double, fjordErrorP95: Double
    /// Fjord's constants refit on this trace (× 1e6, as op-geth writes them: −42,585,600 and 836,500).
    public var refitIntercept: Double, refitFastlzCoefficient: Double
    /// Σ brotli-1 size per transaction / the batch's brotli-11 size − 1: what ArbOS over-charges, %.
    public var arbitrumOverchargePercent: Double

    enum CodingKeys: String, CodingKey {
        case transactions
        case fjordOverchargePercent = "fjord_overcharge_percent", fjordErrorP5 = "fjord_error_bytes_p5"
        case fjordErrorP50 = "fjord_error_bytes_p50", fjordErrorP95 = "fjord_error_bytes_p95"
        case refitIntercept = "refit_intercept_scaled", refitFastlzCoefficient = "refit_fastlz_coefficient_scaled"
        case arbitrumOverchargePercent = "arbitrum_overcharge_percent"
    }

    /// At most this many transactions (the trace's first) are measured: one channel's worth and more.
    public static let limit = 20_000

    /// Reads the trace's first `limit` transactions and measures them.
    public static func measure(path: String) throws -> FeeEstimatorAccuracy? {
        let reader = try TraceReader(path: path)
        var txs = [[UInt8]]()
        while txs.count < limit, let tx = try reader.next() { txs.append(tx.bytes) }
        return measure(txs)
    }

    /// Measures the first `limit` transactions; nil for fewer than two or when brotli fails.
    public static func measure(_ transactions: [[UInt8]]) -> FeeEstimatorAccuracy? {
        let txs = Array(transactions.prefix(limit))
        guard txs.count >= 2, let marginal = flushedSizes(txs, quality: 10), let batch = BrotliCodec.compressedLength(txs.flatMap { $0 }, quality: 11) else { return nil }
        let channel = Double(BrotliCodec.compressedLength(txs.flatMap { $0 }, quality: 10) ?? 0)
        let total = marginal.reduce(0, +)
        guard total > 0, channel > 0 else { return nil }
        let share = marginal.map { $0 * channel / total }
        let flz = txs.map { Double(FastLZ.compressedLength($0)) }
        let estimate = flz.map { Double(TraceFingerprint.fjordEstimatedSizeScaled(fastlzSize: Int($0))) / 1e6 }
        let errors = zip(estimate, share).map { $0 - $1 }.sorted()
        // Least squares share = a + b × flz.
        let n = Double(txs.count), mx = flz.reduce(0, +) / n, my = share.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0
        for (x, y) in zip(flz, share) { sxy += (x - mx) * (y - my); sxx += (x - mx) * (x - mx) }
        let b = sxx > 0 ? sxy / sxx : 0, a = my - b * mx
        let perTx = txs.compactMap { BrotliCodec.compressedLength($0, quality: 1) }.reduce(0, +)
        return FeeEstimatorAccuracy(
            transactions: txs.count, fjordOverchargePercent: (estimate.reduce(0, +) / channel - 1) * 100,
            fjordErrorP5: Percentile.of(errors, 5), fjordErrorP50: Percentile.of(errors, 50), fjordErrorP95: Percentile.of(errors, 95),
            refitIntercept: a * 1e6, refitFastlzCoefficient: b * 1e6,
            arbitrumOverchargePercent: (Double(perTx) / Double(batch) - 1) * 100)
    }

    /// Bytes a brotli stream emits after each transaction when flushed there.
    static func flushedSizes(_ txs: [[UInt8]], quality: UInt32) -> [Double]? {
        guard let s = BrotliEncoderCreateInstance(nil, nil, nil) else { return nil }
        defer { BrotliEncoderDestroyInstance(s) }
        BrotliEncoderSetParameter(s, BROTLI_PARAM_QUALITY, quality)
        BrotliEncoderSetParameter(s, BROTLI_PARAM_LGWIN, 22)
        var out = [Double]()
        out.reserveCapacity(txs.count)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        for tx in txs {
            var emitted = 0
            let ok = tx.withUnsafeBufferPointer { input -> Bool in
                var availIn = input.count
                var next = input.baseAddress
                repeat {
                    let produced: Int? = buffer.withUnsafeMutableBufferPointer { b in
                        var availOut = b.count
                        var o = b.baseAddress
                        guard BrotliEncoderCompressStream(s, BROTLI_OPERATION_FLUSH, &availIn, &next, &availOut, &o, nil) == BROTLI_TRUE else { return nil }
                        return b.count - availOut
                    }
                    guard let produced else { return false }
                    emitted += produced
                } while availIn > 0 || BrotliEncoderHasMoreOutput(s) == BROTLI_TRUE
                return true
            }
            guard ok else { return nil }
            out.append(Double(emitted))
        }
        return out
    }
}
