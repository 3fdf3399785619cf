/// The ratio estimator of one codec's compressed total from a sample of batches and an auxiliary codec's
/// sizes of every batch, with its standard error (Cochran, Sampling Techniques, 3rd ed., §6.3–6.4).
struct SampledRatio: Equatable {
    /// One measured batch: its bytes, the codec's and the auxiliary codec's compressed bytes, and the
    /// codec's zero bytes.
    struct Pair: Equatable {
        var input: Int, compressed: Int, auxiliary: Int, zeros: Int
    }

    /// Estimated compressed bytes over all batches, its standard error, and estimated zero bytes.
    var compressed: Double, standardError: Double, zeros: Double
    /// Batches sampled, and the residuals' standard deviation (bytes per batch).
    var sampled: Int, residualSD: Double

    /// `ownBatches`: the sample is of the population's own batches (so that all of them is the exact total);
    /// false for prefixes of another size's batches, which only stand for them. `certain`: a batch measured
    /// apart and added as it is (the trace's last, short batch, which compresses unlike the full ones).
    static func estimate(batches: Int, auxiliaryTotal: Int, sample: [Pair], ownBatches: Bool = true, certain: Pair? = nil) -> SampledRatio {
        if let c = certain {
            var rest = estimate(batches: batches - 1, auxiliaryTotal: auxiliaryTotal - c.auxiliary, sample: sample, ownBatches: ownBatches)
            if batches - 1 == 0 || sample.isEmpty { rest = SampledRatio(compressed: 0, standardError: 0, zeros: 0, sampled: 0, residualSD: 0) }
            rest.compressed += Double(c.compressed); rest.zeros += Double(c.zeros); rest.sampled += 1
            return rest
        }
        let n = sample.count
        guard n > 0, batches > 0 else { return SampledRatio(compressed: 0, standardError: .infinity, zeros: 0, sampled: 0, residualSD: 0) }
        let sumY = Double(sample.reduce(0) { $0 + $1.compressed }), sumX = Double(sample.reduce(0) { $0 + $1.auxiliary })
        let sumZ = Double(sample.reduce(0) { $0 + $1.zeros })
        // Every batch measured: the total itself.
        if ownBatches && n >= batches { return SampledRatio(compressed: sumY, standardError: 0, zeros: sumZ, sampled: n, residualSD: 0) }
        let q = sumX > 0 ? sumY / sumX : 0
        let total = sumX > 0 ? q * Double(auxiliaryTotal) : sumY / Double(n) * Double(batches)
        var ss = 0.0
        for s in sample {
            let e = sumX > 0 ? Double(s.compressed) - q * Double(s.auxiliary) : Double(s.compressed) - sumY / Double(n)
            ss += e * e
        }
        let sd = n > 1 ? (ss / Double(n - 1)).squareRoot() : .infinity
        let N = Double(batches)
        let se = n > 1 ? N * sd * (max(0, 1 - Double(n) / N) / Double(n)).squareRoot() : .infinity
        return SampledRatio(compressed: total, standardError: se, zeros: sumY > 0 ? sumZ / sumY * total : 0, sampled: n, residualSD: sd)
    }
}

/// One compressor per codec per worker thread, made on first use and reused.
final class CodecWorkers: @unchecked Sendable {
    /// One worker's compressors and output buffer: only that worker's thread touches it.
    private final class Slot {
        var compressors: [CodecID: Compressor] = [:]
        let out = ByteBuffer(capacity: 1 << 20)
    }
    let threads: Int
    private let slots: [Slot]

    init(threads: Int) {
        self.threads = threads
        slots = (0..<threads).map { _ in Slot() }
    }

    private func compressor(_ codec: CodecID, _ slot: Slot) throws -> Compressor {
        if let c = slot.compressors[codec] { return c }
        let c = try codec.makeCompressor()
        slot.compressors[codec] = c
        return c
    }

    /// Inputs from this size up leave nothing behind in their worker: the compressor is dropped and the
    /// output buffer shrunk. zstd keeps its largest workspace for the next hundred-odd streams (about
    /// 90 MB at level 19's 8 MiB window), so two workers that each compressed one large batch with each
    /// slow codec would otherwise hold hundreds of MB for the rest of the run (issue 18: < 300 MB).
    static let largeInputBytes = 1 << 20

    private func release(_ codec: CodecID, _ slot: Slot, after bytes: Int) {
        guard bytes >= Self.largeInputBytes else { return }
        slot.compressors[codec] = nil
        slot.out.removeAll(keepingAtMost: 1 << 20)
    }

    /// One input compressed as one stream: its compressed size and zero bytes.
    private func measure(_ input: UnsafeRawBufferPointer, _ compressor: Compressor, _ out: ByteBuffer) throws -> (Int, Int) {
        out.removeAll()
        try compressor.compress(input, into: out)
        return (out.count, CompressionRun.zeroCount(out.bytes))
    }

    /// Compressed size and zero bytes of each batch, on worker `worker`'s compressor.
    func compress(_ batches: [[UInt8]], codec: CodecID, worker: Int) throws -> [(Int, Int)] {
        let slot = slots[worker], compressor = try compressor(codec, slot)
        defer { release(codec, slot, after: batches.map(\.count).max() ?? 0) }
        return try batches.map { batch in try batch.withUnsafeBytes { try measure($0, compressor, slot.out) } }
    }

    /// Compressed size and zero bytes of each prefix of `batch` ending at one of `cuts`, each compressed on its
    /// own (no copies of the prefixes).
    func compress(prefixesOf batch: [UInt8], cuts: [Int], codec: CodecID, worker: Int) throws -> [(Int, Int)] {
        let slot = slots[worker], compressor = try compressor(codec, slot)
        defer { release(codec, slot, after: cuts.max() ?? 0) }
        return try batch.withUnsafeBytes { all in
            try cuts.map { try measure(UnsafeRawBufferPointer(rebasing: all[0..<min($0, all.count)]), compressor, slot.out) }
        }
    }

    /// Compressed size and zero bytes of each prefix of `batch` that ends at one of `cuts` (ascending), then
    /// of the whole batch: one stream flushed at each cut when the codec can flush, else each prefix on its own.
    func compress(_ batch: [UInt8], cuts: [Int], codec: CodecID, worker: Int) throws -> [(Int, Int)] {
        // No cut: the one-shot path the census and `CompressionRun` measure with.
        if cuts.isEmpty { return try compress([batch], codec: codec, worker: worker) }
        let slot = slots[worker], compressor = try compressor(codec, slot), out = slot.out
        out.removeAll()
        defer { release(codec, slot, after: batch.count) }
        return try batch.withUnsafeBytes { all -> [(Int, Int)] in
            var sizes = [(Int, Int)](), from = 0, zeros = 0, counted = 0
            func tally() -> (Int, Int) {
                zeros += CompressionRun.zeroCount(UnsafeRawBufferPointer(rebasing: out.bytes[counted..<out.count]))
                counted = out.count
                return (out.count, zeros)
            }
            try compressor.begin(pledgedSize: all.count)
            for cut in cuts {
                try compressor.write(UnsafeRawBufferPointer(rebasing: all[from..<cut]), into: out)
                from = cut
                guard try compressor.flush(into: out) else {
                    // No flush: each prefix and the whole batch on its own.
                    return try compress(prefixesOf: batch, cuts: cuts + [batch.count], codec: codec, worker: worker)
                }
                sizes.append(tally())
            }
            try compressor.write(UnsafeRawBufferPointer(rebasing: all[from..<all.count]), into: out)
            try compressor.end(into: out)
            sizes.append(tally())
            return sizes
        }
    }
}
