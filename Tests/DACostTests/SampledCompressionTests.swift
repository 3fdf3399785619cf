import Foundation
import Testing
@testable import DACost

/// Issue 18: the compression profile measured to a stated precision from a sample of batches.
@Suite struct SampledCompressionTests {
    /// Cochran's ratio estimator on a hand-checked example: four batches whose auxiliary sizes are 100, 110,
    /// 90 and 100 (400 in all), two of them sampled with compressed sizes 50 and 57.
    @Test func ratioEstimatorWorkedExample() {
        let e = SampledRatio.estimate(batches: 4, auxiliaryTotal: 400, sample: [.init(input: 1000, compressed: 50, auxiliary: 100, zeros: 3), .init(input: 1000, compressed: 57, auxiliary: 110, zeros: 4)])
        // q = 107 / 210; total = q × 400 = 203.8095…
        #expect(abs(e.compressed - 203.809_523_8) < 1e-6)
        // Residuals −0.952381 and +0.952381: sd = √(2 · 0.952381²) = 1.346_870_06 (one degree of freedom).
        #expect(abs(e.residualSD - 1.346_870_06) < 1e-6)
        // SE = N · sd · √((1 − n/N) / n) = 4 · 1.346_870_06 · 0.5.
        #expect(abs(e.standardError - 2.693_740_12) < 1e-6)
        // Zero bytes scale with the estimate: 7 / 107 of it.
        #expect(abs(e.zeros - 7.0 / 107.0 * 203.809_523_8) < 1e-6)
        #expect(e.sampled == 2)
    }

    /// A batch counted for certain adds as it is; the rest are estimated as their own population.
    @Test func aCertainBatchAddsAsItIs() {
        let rest = SampledRatio.estimate(batches: 4, auxiliaryTotal: 400, sample: [.init(input: 1000, compressed: 50, auxiliary: 100, zeros: 3), .init(input: 1000, compressed: 57, auxiliary: 110, zeros: 4)])
        let with = SampledRatio.estimate(batches: 5, auxiliaryTotal: 430, sample: [.init(input: 1000, compressed: 50, auxiliary: 100, zeros: 3), .init(input: 1000, compressed: 57, auxiliary: 110, zeros: 4)],
                                         certain: .init(input: 300, compressed: 20, auxiliary: 30, zeros: 1))
        #expect(abs(with.compressed - (rest.compressed + 20)) < 1e-9 && with.standardError == rest.standardError && with.sampled == 3)
    }

    @Test func everyBatchSampledIsTheExactTotal() {
        let e = SampledRatio.estimate(batches: 2, auxiliaryTotal: 210, sample: [.init(input: 1000, compressed: 50, auxiliary: 100, zeros: 1), .init(input: 1000, compressed: 57, auxiliary: 110, zeros: 2)])
        #expect(e.compressed == 107 && e.standardError == 0 && e.zeros == 3)
    }

    /// Draws cover every stratum before any stratum twice, and the order is a seeded permutation.
    @Test func drawOrderIsAStratifiedPermutation() {
        let order = SampledCompressionRun.drawOrder(batches: 101, strata: 8, seed: 1, target: 0)
        #expect(order.sorted() == Array(0..<101))
        #expect(order.first == 100) // the short last batch, for certain
        let strata = order.dropFirst().prefix(8).map { $0 * 8 / 100 }
        #expect(Set(strata).count == 8, "\(strata)")
        #expect(order == SampledCompressionRun.drawOrder(batches: 101, strata: 8, seed: 1, target: 0))
        #expect(order != SampledCompressionRun.drawOrder(batches: 101, strata: 8, seed: 2, target: 0))
        #expect(SampledCompressionRun.drawOrder(batches: 3, strata: 16, seed: 1, target: 0).sorted() == [0, 1, 2])
    }

    /// The sizes pricing reads: 10 TPS of 800-byte transactions for an hour is a 28.8 MB channel; the
    /// smallest submission (120,000 bytes of calldata) starts the grid at the point below a quarter of it.
    @Test func batchNeedTargetsTheSizesPricingReads() {
        let need = BatchNeed(smallestCapacityBytes: 120_000, largestCapacityBytes: 16 << 20, transactionsPerChannel: 36_000)
        let targets = need.targets(traceBytes: 1 << 30, bytesPerTx: 800)
        #expect(targets.first == .bytes(16 << 10))
        #expect(targets.last == .bytes(28_800_000))
        #expect(targets.count == 12) // 16k … 16M, then 28.8M
        // A trace shorter than the channel: its own size is the last target.
        #expect(need.targets(traceBytes: 5_000_000, bytesPerTx: 800).last == .bytes(5_000_000))
        // At 1,000 TPS the largest full submission binds: 16 MiB over the ratio floor.
        let busy = BatchNeed(smallestCapacityBytes: 120_000, largestCapacityBytes: 16 << 20, transactionsPerChannel: 3_600_000)
        #expect(busy.targets(traceBytes: 1 << 40, bytesPerTx: 800).last == .bytes(Int((Double(16 << 20) / BatchNeed.ratioFloor).rounded(.up))))
    }

    static func syntheticTrace(transactions: Int, seed: UInt64) throws -> String {
        let dir = try VectorFile.temporaryDirectory()
        let path = dir + "/synth.hex"
        var g = SyntheticTrace(profile: .opMainnet, seed: seed)
        try TraceWriter.write(to: path) { sink in for _ in 0..<transactions { try sink(g.next()) } }
        return path
    }

    /// Against every batch compressed: each sampled ratio is within 0.5% of the exact one and within four of
    /// its standard errors, `none` and the auxiliary codec are exact, and sizes with few batches are all measured.
    @Test func sampledRatiosMatchTheExactProfile() throws {
        let path = try Self.syntheticTrace(transactions: 6_000, seed: 7)
        let codecs: [CodecID] = [.none, .zlib(6), .zstd(1), .brotli(4)]
        let targets: [BatchTarget] = [.bytes(16 << 10), .bytes(64 << 10), .bytes(1 << 20)]
        var exactRun = CompressionRun(codecs: codecs, targets: targets)
        exactRun.timing = false
        let exact = try exactRun.run(tracePath: path)
        var run = SampledCompressionRun(codecs: codecs, targets: targets)
        run.plan.targetRelativeStandardError = 0.002
        // Progress: the share of the run's estimated work, within 0…1, ending at 1.
        let seen = Locked<[Double]>([])
        run.progress = { p in seen.withLock { $0.append(p.fraction ?? -1) } }
        let sampled = try run.run(tracePath: path)
        let fractions = seen.withLock { $0 }
        #expect(fractions.allSatisfy { (0...1).contains($0) } && fractions.last == 1, "\(fractions)")
        run.progress = nil
        #expect(sampled.trace == exact.trace)
        #expect(sampled.sampling == run.plan)
        for r in exact.results {
            let s = try #require(sampled.result(codec: r.codec, batch: r.batch))
            #expect(s.batches == r.batches && s.inputBytes == r.inputBytes)
            if r.codec == .none || r.codec == .zstd(1) {
                #expect(s.compressedBytes == r.compressedBytes && s.compressedZeroBytes == r.compressedZeroBytes)
                continue
            }
            let se = try #require(s.ratioStandardError)
            #expect(abs(s.ratio / r.ratio - 1) < 0.005, "\(r.codec)@\(r.batch): \(s.ratio) vs \(r.ratio)")
            #expect(abs(s.ratio - r.ratio) <= 4 * se + 1e-9, "\(r.codec)@\(r.batch): off by \(s.ratio - r.ratio), SE \(se), n \(s.sampledBatches ?? 0) of \(s.batches)")
            // Few batches at 1 MiB: every one measured, so the exact figure.
            if r.batches <= 2 { #expect(s.compressedBytes == r.compressedBytes && se == 0) }
            #expect(try #require(s.sampledBatches) <= r.batches)
        }
        // Small batches are many: a sample of them, not all.
        #expect(try #require(sampled.result(codec: .brotli(4), batch: .bytes(16 << 10))?.sampledBatches) < exact.result(codec: .brotli(4), batch: .bytes(16 << 10))?.batches ?? 0)
        // Deterministic: the same plan gives the same profile.
        #expect(try run.run(tracePath: path) == sampled)
    }

    /// The large sizes as prefixes of the largest size's batches: within 0.5% of every batch compressed.
    @Test func prefixSizesMatchTheExactProfile() throws {
        let path = try Self.syntheticTrace(transactions: 6_000, seed: 11)
        let codecs: [CodecID] = [.zlib(6), .zstd(3), .brotli(5)]
        let targets: [BatchTarget] = [.bytes(16 << 10), .bytes(64 << 10), .bytes(128 << 10), .bytes(256 << 10)]
        var exactRun = CompressionRun(codecs: codecs, targets: targets)
        exactRun.timing = false
        let exact = try exactRun.run(tracePath: path)
        var run = SampledCompressionRun(codecs: codecs, targets: targets)
        run.prefixFromBytes = 64 << 10
        run.plan.targetRelativeStandardError = 0.002
        let sampled = try run.run(tracePath: path)
        for r in exact.results {
            let s = try #require(sampled.result(codec: r.codec, batch: r.batch))
            #expect(abs(s.ratio / r.ratio - 1) < 0.005, "\(r.codec)@\(r.batch): \(s.ratio) vs \(r.ratio)")
        }
        // The prefixes were drawn with the 256k batches: no more of them than of those.
        let carrier = try #require(sampled.result(codec: .brotli(5), batch: .bytes(256 << 10))?.sampledBatches)
        #expect(try #require(sampled.result(codec: .brotli(5), batch: .bytes(64 << 10))?.sampledBatches) <= carrier)
    }

    /// Past the codecs' windows, the sizes are extrapolated along each sampled batch's growth from its half
    /// to its whole: within 0.5% of every batch compressed, recorded as extrapolated, and not drawn.
    @Test func sizesPastTheWindowsAreExtrapolatedWithinHalfAPercent() throws {
        let path = try Self.syntheticTrace(transactions: 6_000, seed: 13)
        // Windows of 32 KiB (deflate, and zstd-1 -w15 as the auxiliary) and 64 KiB (brotli -w16): the line
        // runs through 64 KiB and 128 KiB.
        let codecs: [CodecID] = [.zlib(6), .brotli(5, window: 16)]
        let targets: [BatchTarget] = [.bytes(16 << 10), .bytes(64 << 10), .bytes(256 << 10), .bytes(512 << 10)]
        var exactRun = CompressionRun(codecs: codecs, targets: targets + [.bytes(128 << 10)])
        exactRun.timing = false
        let exact = try exactRun.run(tracePath: path)
        var run = SampledCompressionRun(codecs: codecs, targets: targets)
        run.prefixFromBytes = 64 << 10
        run.plan.targetRelativeStandardError = 0.002
        run.plan.auxiliary = .zstd(1, windowLog: 15)
        let sampled = try run.run(tracePath: path)
        for r in exact.results {
            let s = try #require(sampled.result(codec: r.codec, batch: r.batch), "\(r.codec)@\(r.batch)")
            #expect(abs(s.ratio / r.ratio - 1) < 0.005, "\(r.codec)@\(r.batch): \(s.ratio) vs \(r.ratio)")
            let past = (r.batch.byteCount ?? 0) > 128 << 10
            #expect(s.extrapolatedFrom == (past ? [64 << 10, 128 << 10] : nil), "\(r.codec)@\(r.batch)")
        }
        // The report's assumptions name the modelled sizes.
        let note = try #require(sampled.samplingNote)
        #expect(note.contains("Batch sizes 256k, 512k are a MODEL") && note.contains("from 64k to 128k"), "\(note)")
        // Measuring without extrapolation: the plan says so, and nothing is extrapolated.
        run.plan.extrapolatesPastWindows = false
        let measured = try run.run(tracePath: path)
        #expect(measured.results.allSatisfy { $0.extrapolatedFrom == nil } && measured.sampling != sampled.sampling)
        #expect(measured.samplingNote?.contains("MODEL") == false)
        #expect(measured.result(codec: .zlib(6), batch: .bytes(128 << 10)) == nil)
    }

    /// The line through a batch's half and whole, worked by hand: each of the codec's, the auxiliary codec's
    /// and the zero bytes grows by its own step per byte.
    @Test func extrapolationFollowsTheLineThroughHalfAndWhole() throws {
        let half = SampledRatio.Pair(input: 100, compressed: 50, auxiliary: 60, zeros: 5)
        let whole = SampledRatio.Pair(input: 200, compressed: 90, auxiliary: 110, zeros: 9)
        // 300 bytes past the whole at 40, 50 and 4 per 100.
        #expect(SampledCompressionRun.extrapolate(half: half, whole: whole, to: 500) == SampledRatio.Pair(input: 500, compressed: 210, auxiliary: 260, zeros: 21))
        #expect(SampledCompressionRun.extrapolate(half: half, whole: half, to: 500) == nil)
        // Windows: zstd's level table, brotli's WBITS, deflate's 32 KiB.
        #expect(CodecID.zstd(3).historyWindowBytes == 2 << 20 && CodecID.zstd(19).historyWindowBytes == 8 << 20)
        #expect(CodecID.brotli(11).historyWindowBytes == 4 << 20 && CodecID.brotli(5, window: 16).historyWindowBytes == 64 << 10)
        #expect(CodecID.zlib(9).historyWindowBytes == 32 << 10 && CodecID.zstd(1, windowLog: 24).historyWindowBytes == 16 << 20)
        // The default codecs measure up to 8 MiB (brotli's 4 MiB window); zstd-19's 8 MiB window moves it to 16 MiB.
        let plan = SamplingPlan()
        #expect(SampledCompressionRun.extrapolationTop(codecs: [.brotli(10), .brotli(11), .zstd(3)], largest: 30 << 20, plan: plan, encoding: .raw, prefixFromBytes: 4 << 20) == 8 << 20)
        #expect(SampledCompressionRun.extrapolationTop(codecs: [.brotli(11), .zstd(19)], largest: 30 << 20, plan: plan, encoding: .raw, prefixFromBytes: 4 << 20) == 16 << 20)
        #expect(SampledCompressionRun.extrapolationTop(codecs: [.brotli(11)], largest: 8 << 20, plan: plan, encoding: .raw, prefixFromBytes: 4 << 20) == nil)
    }

    /// A stream flushed where a shorter batch would end gives that batch's compressed size to within a few
    /// bytes, and the whole batch's as if unflushed to within a few hundred.
    @Test func flushedPrefixesMeasureTheShorterBatches() throws {
        var g = SyntheticTrace(profile: .opMainnet, seed: 4)
        var batch = [UInt8](), lengths = [Int]()
        while batch.count < 600_000 { let tx = g.next().bytes; batch += tx; lengths.append(tx.count) }
        let cuts = [100_000, 300_000].map { BatchSplitter.prefixLength(lengths: lengths, target: $0) }
        let workers = CodecWorkers(threads: 1)
        for codec: CodecID in [.brotli(9), .zstd(3), .zlib(6)] {
            let nested = try workers.compress(batch, cuts: cuts, codec: codec, worker: 0)
            let alone = try workers.compress(cuts.map { Array(batch[0..<$0]) } + [batch], codec: codec, worker: 0)
            #expect(nested.count == 3)
            for (n, a) in zip(nested, alone) { #expect(abs(Double(n.0) / Double(a.0) - 1) < 0.003, "\(codec): \(n.0) vs \(a.0)") }
        }
        // The cut is where a splitter at that target closes its first batch.
        var splitter = BatchSplitter(target: 100_000, wanted: nil)
        var offset = 0, first: Int?
        for n in lengths where first == nil {
            if let closed = splitter.add(Array(batch[offset..<offset + n])) { first = closed.bytes.count }
            offset += n
        }
        #expect(first == cuts[0])
    }

    /// The provider samples a large trace when it knows the sizes pricing needs, caches the result with
    /// its plan, and measures exactly when asked.
    @Test func providerSamplesALargeTraceAndCachesHowItMeasured() throws {
        let path = try Self.syntheticTrace(transactions: 3_000, seed: 3)
        let cache = try VectorFile.temporaryDirectory()
        var provider = ProfileProvider(cacheDirectory: cache)
        provider.sampleAboveBytes = 1 << 20
        provider.need = BatchNeed(smallestCapacityBytes: 120_000, largestCapacityBytes: 131_072, transactionsPerChannel: 1_000)
        let first = try provider.profile(tracePath: path, codecs: [.zstd(3)])
        #expect(first.sampling == SamplingPlan())
        #expect(first.results.allSatisfy { $0.sampledBatches != nil })
        #expect(first.results.map(\.batch).last == .bytes(655_360)) // 131,072 / 0.2
        // Reports say the ratios are estimated, and how precisely.
        let note = try #require(first.samplingNote)
        #expect(note.contains("ESTIMATED") && note.contains("standard error") && note.contains("--exact"), "\(note)")
        #expect(try provider.profile(tracePath: path, codecs: [.zstd(3)]) == first)
        // The cached sampled profile does not answer an exact request.
        provider.exact = true
        let exact = try provider.profile(tracePath: path, codecs: [.zstd(3)])
        #expect(exact.sampling == nil && exact.results.contains { $0.batch == .all } && exact.samplingNote == nil)
    }
}
