import Foundation

/// A codec's compression ratio as a function of batch size, from the profile's measurements:
/// linear in log(batch size) between measured points; past the whole trace it stays at the
/// whole-trace ratio (flagged: the trace is smaller than the batch).
public struct RatioCurve: Sendable {
    struct Point { let size: Double; let ratio: Double; let zeroFraction: Double }
    private let points: [Point]
    public let traceBytes: Int

    public init?(profile: CompressionProfile, codec: CodecID) {
        var pts = [Point]()
        for r in profile.results where r.codec == codec && r.batch != .perTransaction && r.batches > 0 && r.compressedBytes > 0 {
            // The batches' mean size, not the target: transactions never split, so batches fall short of it.
            pts.append(Point(size: Double(r.inputBytes) / Double(r.batches), ratio: r.ratio,
                             zeroFraction: Double(r.compressedZeroBytes) / Double(r.compressedBytes)))
        }
        pts.sort { $0.size < $1.size }
        var unique = [Point]()
        for p in pts where unique.last.map({ p.size > $0.size * 1.000001 }) ?? true { unique.append(p) }
        guard !unique.isEmpty else { return nil }
        points = unique
        traceBytes = profile.trace.bytes
    }

    /// Ratio and zero-byte fraction for batches of `size` uncompressed bytes, and whether the value is
    /// extrapolated past the trace.
    public func at(_ size: Double) -> (ratio: Double, zeroFraction: Double, extrapolated: Bool) {
        guard let first = points.first, let last = points.last else { return (1, 0, true) }
        if size <= first.size { return (first.ratio, first.zeroFraction, false) }
        if size >= last.size { return (last.ratio, last.zeroFraction, size > last.size * 1.05) }
        var i = 0
        while points[i + 1].size < size { i += 1 }
        let a = points[i], b = points[i + 1]
        let t = (log(size) - log(a.size)) / (log(b.size) - log(a.size))
        return (a.ratio + (b.ratio - a.ratio) * t, a.zeroFraction + (b.zeroFraction - a.zeroFraction) * t, false)
    }

    /// The compressed channel data of a batch of `size` uncompressed bytes: whole bytes, rounded up,
    /// with the zero bytes the codec leaves at this batch size (calldata prices them lower).
    public func payload(forBatch size: Double) -> Payload {
        let p = at(size)
        let bytes = Int((size * p.ratio).rounded(.up))
        return Payload(bytes: bytes, zeroBytes: Int((Double(bytes) * p.zeroFraction).rounded()))
    }

    /// The uncompressed batch size whose compressed size is `capacity` bytes.
    public func uncompressedSize(forCompressed capacity: Double) -> Double {
        var lo = 1.0, hi = 1e13
        for _ in 0..<200 {
            let mid = (lo * hi).squareRoot()
            if mid * at(mid).ratio < capacity { lo = mid } else { hi = mid }
            if hi / lo < 1 + 1e-12 { break }
        }
        return lo
    }
}
