import Foundation

/// Measures every codec at every batch target over one trace, streaming the trace once for the
/// batch targets (and once more per codec for the whole-trace target), on `jobs` threads. Sizes and
/// ratios do not depend on `jobs`; only the timing columns vary from run to run.
public struct CompressionRun {
    public var codecs: [CodecID]
    public var targets: [BatchTarget]
    /// Timed repetitions per batch; the median run is reported.
    public var repeats = 1
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Decompress every batch and compare it with the input.
    public var verify = false
    /// Measure MB/s (off: the profile is byte-identical run to run).
    public var timing = true
    public var codecOptions = CodecOptions()
    /// What each batch becomes before compression (the stack's posted encoding); `raw` by default.
    /// Batch targets stay in bytes of signed transactions; ratios are the compressed encoding over them.
    public var encoding = BatchEncoding.raw
    /// Called from the calling thread about every 0.25 s, and once at the end.
    public var progress: ((CompressionProgress) -> Void)?
    /// Per-transaction sizes in trace order, for `--per-tx` listings: (codec, index, bytes, compressed).
    public var perTransaction: ((CodecID, Int, Int, Int) -> Void)?

    public init(codecs: [CodecID], targets: [BatchTarget]) {
        self.codecs = codecs; self.targets = targets
    }

    private struct GroupResult {
        var target: Int, codec: Int, firstBatch: Int
        var compressed: [Int]
        var zeros: Int
        var compressTime: [Double], decompressTime: [Double]
    }

    /// The most the compression jobs in flight may hold (their batches and their codecs' working memory),
    /// as in `SampledCompressionRun`: a 1 GB trace at large batch sizes stays under 300 MB whatever the codecs.
    public var memoryBudgetBytes = 192 << 20

    public func run(tracePath: String) throws -> CompressionProfile {
        if encoding != .raw, let t = targets.first(where: { $0 == .all || $0 == .perTransaction }) {
            throw BatchEncoding.UnsupportedTarget(target: t)
        }
        let reader = try TraceReader(path: tracePath)
        let finite = targets.enumerated().filter { $0.element != .all }
        let wantsAll = targets.contains(.all)
        let threads = max(1, jobs)
                let codecs = self.codecs, repeats = max(1, self.repeats), verify = self.verify, timing = self.timing
        let pool = WorkerPool(threads: threads, capacity: max(4, 2 * threads + 2) * max(1, codecs.count), memoryBudget: memoryBudgetBytes)
        let states = (0..<threads).map { _ in CompressionWorkerState(codecs: codecs.count) }
        let results = Locked<[GroupResult]>([])
        let failure = Locked<Error?>(nil)
        let done = Locked<Int>(0)
        let options = codecOptions

        var splitters = finite.map { BatchSplitter(target: $0.element.byteCount ?? 1) }
        var batchSizes = Array(repeating: [Int](), count: targets.count)
        var batchTxs = Array(repeating: [Int](), count: targets.count)
        var groups = Array(repeating: [[UInt8]](), count: targets.count)
        var groupBytes = Array(repeating: 0, count: targets.count)
        var groupFirst = Array(repeating: 0, count: targets.count)
        var submitted = 0

        func submit(_ t: Int) {
            let batches = groups[t], first = groupFirst[t], bytes = groupBytes[t]
            groups[t] = []; groupBytes[t] = 0; groupFirst[t] = batchSizes[t].count
            guard !batches.isEmpty else { return }
            for c in codecs.indices {
                submitted += 1
                pool.submit(cost: bytes + codecs[c].workingMemoryBytes) { worker in
                    if failure.withLock({ $0 != nil }) { return }
                    do {
                        let r = try Self.measure(batches, codec: codecs[c], index: c, state: states[worker], options: options,
                                                 repeats: repeats, verify: verify, timing: timing, firstBatch: first)
                        results.withLock { $0.append(GroupResult(target: t, codec: c, firstBatch: first, compressed: r.0, zeros: r.3,
                                                                  compressTime: r.1, decompressTime: r.2)) }
                    } catch {
                        failure.withLock { if $0 == nil { $0 = error } }
                    }
                    done.withLock { $0 += 1 }
                }
            }
        }

        var encodedBytes = Array(repeating: 0, count: targets.count)
        let encoding = self.encoding
        func take(_ t: Int, _ batch: (bytes: [UInt8], transactions: Int, lengths: [Int])) throws {
            batchSizes[t].append(batch.bytes.count)
            batchTxs[t].append(batch.transactions)
            let posted = try encoding.encode(batch.bytes, lengths: batch.lengths)
            encodedBytes[t] += posted.count
            groups[t].append(posted)
            groupBytes[t] += posted.count
            // Small batches (per-tx, 16k) go to workers in groups, so that queueing costs nothing.
            if groupBytes[t] >= 1 << 16 || groups[t].count >= 4096 { submit(t) }
        }

        var fingerprint = TraceFingerprint()
        var lastProgress = monotonicSeconds()
        var state = CompressionProgress(transactions: 0, bytesRead: 0, bytes: reader.fileBytes, batchPasses: finite.count * codecs.count,
                                        wholePassesDone: 0, wholePasses: wantsAll ? codecs.count : 0)
        var batchJobs = 0
        /// Reports until every job queued so far is done (the pool's queue is bounded, so this is the tail).
        func waitReporting() {
            guard let p = progress else { return }
            while failure.withLock({ $0 == nil }), done.withLock({ $0 }) < submitted {
                usleep(250_000)
                state.wholePassesDone = max(0, done.withLock { $0 } - batchJobs)
                p(state)
            }
        }
        // The reader, kept waiting by the queue or the memory budget, still reports.
        if let p = progress { pool.whileWaiting = { p(state) } }
        do {
            while let tx = try reader.next() {
                fingerprint.add(tx)
                let count = fingerprint.transactions
                for (i, (t, _)) in finite.enumerated() {
                    if let closed = splitters[i].add(tx.bytes) { try take(t, (closed.bytes, closed.transactions, closed.lengths)) }
                }
                if let p = progress, count % 1024 == 0, monotonicSeconds() - lastProgress > 0.25 {
                    lastProgress = monotonicSeconds()
                    state.transactions = count; state.bytesRead = reader.fileBytesRead
                    p(state)
                }
                if failure.withLock({ $0 != nil }) { break }
            }
            for (i, (t, _)) in finite.enumerated() {
                if let last = splitters[i].flush() { try take(t, (last.bytes, last.transactions, last.lengths)) }
                submit(t)
            }
        } catch {
            pool.finish()
            throw error
        }

        let totalBytes = fingerprint.bytes, count = fingerprint.transactions
        state.transactions = count; state.bytesRead = reader.fileBytesRead
        batchJobs = submitted
        // The whole trace as one stream per codec, re-read from the file so it is never all in memory.
        var wholeResults = [Int: (Int, [Double], [Double], Int)]()
        if wantsAll, failure.withLock({ $0 == nil }) {
            // The batch jobs' codec states (a zstd-19 or brotli-11 context per worker and codec) are done
            // with: free them before the whole-trace passes allocate their own, so peak memory is the larger
            // of the two phases, not their sum.
            waitReporting()
            pool.drain()
            for worker in states { worker.release() }
            let wr = Locked<[Int: (Int, [Double], [Double], Int)]>([:])
            if let p = progress {
                pool.whileWaiting = { state.wholePassesDone = max(0, done.withLock { $0 } - batchJobs); p(state) }
            }
            for c in codecs.indices {
                submitted += 1
                pool.submit(cost: codecs[c].workingMemoryBytes) { _ in
                    if failure.withLock({ $0 != nil }) { return }
                    do {
                        let r = try Self.measureWhole(tracePath, totalBytes: totalBytes, codec: codecs[c], options: options,
                                                      repeats: repeats, verify: verify, timing: timing)
                        wr.withLock { $0[c] = r }
                    } catch {
                        failure.withLock { if $0 == nil { $0 = error } }
                    }
                    done.withLock { $0 += 1 }
                }
            }
            waitReporting()
            pool.finish()
            wholeResults = wr.withLock { $0 }
        } else {
            waitReporting()
            pool.finish()
        }
        if let error = failure.withLock({ $0 }) { throw error }
        state.wholePassesDone = state.wholePasses
        progress?(state)

        // Assemble in trace order.
        let all = results.withLock { $0 }.sorted { ($0.target, $0.codec, $0.firstBatch) < ($1.target, $1.codec, $1.firstBatch) }
        var out = [CompressionProfile.Result]()
        for (t, target) in targets.enumerated() {
            for (c, codec) in codecs.enumerated() {
                var compressed = [Int](), inputs = [Int](), zeros = 0
                var cTimes = [Double](repeating: 0, count: repeats), dTimes = cTimes
                if target == .all {
                    guard let (size, ct, dt, z) = wholeResults[c] else { continue }
                    compressed = [size]; inputs = [totalBytes]; cTimes = ct; dTimes = dt; zeros = z
                } else {
                    for g in all where g.target == t && g.codec == c {
                        compressed += g.compressed
                        zeros += g.zeros
                        for r in 0..<repeats { cTimes[r] += g.compressTime[r]; dTimes[r] += g.decompressTime[r] }
                    }
                    inputs = batchSizes[t]
                }
                // A channel's version byte (OP, brotli) is part of what is posted.
                let overhead = encoding.channelOverhead(codec: codec)
                if overhead > 0 { compressed = compressed.map { $0 + overhead } }
                var result = Self.summarize(codec: codec, target: target, inputs: inputs, compressed: compressed,
                                            transactions: count, compressTimes: timing ? cTimes : nil,
                                            decompressTimes: timing ? dTimes : nil)
                result.compressedZeroBytes = zeros
                if encoding != .raw, target != .all { result.encodedBytes = encodedBytes[t] }
                out.append(result)
                if target == .perTransaction, let emit = perTransaction {
                    for (i, (a, b)) in zip(inputs, compressed).enumerated() { emit(codec, i, a, b) }
                }
            }
        }
        let info = CompressionProfile.TraceInfo(path: tracePath, transactions: count, bytes: totalBytes,
                                                sha256: fingerprint.finalizeSHA256(), depositsSkipped: reader.depositsSkipped,
                                                types: fingerprint.types, fastlzBytes: fingerprint.fastlzBytes,
                                                fjordEstimatedSizeScaled: fingerprint.fjordEstimatedSizeScaled)
        var versions = [String: String]()
        for codec in codecs where codec.family != .none { versions[codec.library.name] = codec.library.version }
        var profile = CompressionProfile(dacostVersion: DACostVersion.current, trace: info, codecs: versions, results: out)
        profile.encoding = encoding.name
        return profile
    }

    static func summarize(codec: CodecID, target: BatchTarget, inputs: [Int], compressed: [Int], transactions: Int,
                          compressTimes: [Double]?, decompressTimes: [Double]?) -> CompressionProfile.Result {
        let inTotal = inputs.reduce(0, +), outTotal = compressed.reduce(0, +)
        let ratios = zip(inputs, compressed).map { $0.0 > 0 ? Double($0.1) / Double($0.0) : 0 }.sorted()
        func speed(_ times: [Double]?) -> Double? {
            guard let times, !times.isEmpty else { return nil }
            let m = Percentile.median(times)
            guard m > 0 else { return nil }
            return (Double(inTotal) / 1e6 / m * 10).rounded() / 10
        }
        return CompressionProfile.Result(
            codec: codec, batch: target, batchTargetBytes: target.byteCount, batches: inputs.count,
            transactions: transactions, inputBytes: inTotal, compressedBytes: outTotal,
            ratio: inTotal > 0 ? Double(outTotal) / Double(inTotal) : 0,
            ratioP5: Percentile.of(ratios, 5), ratioP50: Percentile.of(ratios, 50), ratioP95: Percentile.of(ratios, 95),
            compressMBs: speed(compressTimes), decompressMBs: speed(decompressTimes))
    }

    /// Compresses each batch of a group `repeats` times and decompresses it once per repeat.
    private static func measure(_ batches: [[UInt8]], codec: CodecID, index: Int, state: CompressionWorkerState, options: CodecOptions,
                                repeats: Int, verify: Bool, timing: Bool, firstBatch: Int) throws -> ([Int], [Double], [Double], Int) {
        let compressor: Compressor
        if let c = state.compressors[index] { compressor = c } else {
            compressor = try codec.makeCompressor(options: options); state.compressors[index] = compressor
        }
        let decompressor: Decompressor
        if let d = state.decompressors[index] { decompressor = d } else {
            decompressor = try codec.makeDecompressor(options: options); state.decompressors[index] = decompressor
        }
        defer { state.release(codec: index, after: batches.map(\.count).max() ?? 0, timing: timing) }
        var sizes = [Int](), cTimes = [Double](repeating: 0, count: repeats), dTimes = cTimes, zeros = 0
        sizes.reserveCapacity(batches.count)
        for (b, batch) in batches.enumerated() {
            try batch.withUnsafeBytes { input in
                for r in 0..<repeats {
                    state.out.removeAll()
                    let t0 = monotonicSeconds()
                    try compressor.compress(input, into: state.out)
                    cTimes[r] += monotonicSeconds() - t0
                }
                sizes.append(state.out.count)
                zeros += zeroCount(state.out.bytes)
                guard timing || verify else { return }
                for r in 0..<(timing ? repeats : 1) {
                    state.back.removeAll()
                    let t0 = monotonicSeconds()
                    try decompressor.decompress(state.out.bytes, expectedSize: input.count, into: state.back)
                    dTimes[r] += monotonicSeconds() - t0
                }
                if verify, let mismatch = firstDifference(state.back.bytes, input) {
                    throw CodecError.roundTripMismatch(codec: codec.description, batch: firstBatch + b, offset: mismatch)
                }
            }
        }
        return (sizes, cTimes, dTimes, zeros)
    }

    static func zeroCount(_ p: UnsafeRawBufferPointer) -> Int {
        var n = 0
        for b in p where b == 0 { n += 1 }
        return n
    }

    /// Streams the whole trace through one codec, piping its output straight into the decompressor
    /// so that neither the input nor the output is ever held whole.
    private static func measureWhole(_ path: String, totalBytes: Int, codec: CodecID, options: CodecOptions,
                                     repeats: Int, verify: Bool, timing: Bool) throws -> (Int, [Double], [Double], Int) {
        let compressor = try codec.makeCompressor(options: options)
        let decompressor = try codec.makeDecompressor(options: options)
        var cTimes = [Double](), dTimes = [Double]()
        var size = 0, zeros = 0
        for r in 0..<repeats {
            let reader = try TraceReader(path: path)
            let chunk = ByteBuffer(capacity: 1 << 20), out = ByteBuffer(capacity: 1 << 20), back = ByteBuffer(capacity: 1 << 20)
            let pending = ByteBuffer(capacity: 1 << 20) // input not yet matched by decompressed output
            let check = verify && r == 0
            var ct = 0.0, dt = 0.0, produced = 0, consumed = 0, zeroBytes = 0
            try decompressor.begin()
            try compressor.begin(pledgedSize: totalBytes)
            // Decoded bytes must equal the oldest input not yet matched.
            func match() throws {
                let n = back.count
                guard n <= pending.count, firstDifference(back.bytes, UnsafeRawBufferPointer(rebasing: pending.bytes[0..<n])) == nil else {
                    throw CodecError.roundTripMismatch(codec: codec.description, batch: 0, offset: consumed)
                }
                pending.removeFirst(n)
                consumed += n
            }
            func drain() throws {
                guard out.count > 0 else { return }
                produced += out.count
                zeroBytes += zeroCount(out.bytes)
                if timing || check {
                    back.removeAll()
                    let t0 = monotonicSeconds()
                    try decompressor.write(out.bytes, into: back)
                    dt += monotonicSeconds() - t0
                    if check { try match() }
                }
                out.removeAll()
            }
            func feed() throws {
                let t0 = monotonicSeconds()
                try compressor.write(chunk.bytes, into: out)
                ct += monotonicSeconds() - t0
                if check { pending.append(chunk.bytes) }
                chunk.removeAll()
                try drain()
            }
            while let tx = try reader.next() {
                chunk.append(tx.bytes)
                if chunk.count >= 1 << 20 { try feed() }
            }
            try feed()
            let t0 = monotonicSeconds()
            try compressor.end(into: out)
            ct += monotonicSeconds() - t0
            try drain()
            if timing || check {
                back.removeAll()
                let t1 = monotonicSeconds()
                try decompressor.end(into: back)
                dt += monotonicSeconds() - t1
                if check {
                    try match()
                    if pending.count != 0 { throw CodecError.roundTripMismatch(codec: codec.description, batch: 0, offset: consumed) }
                }
            }
            size = produced; zeros = zeroBytes
            cTimes.append(ct); dTimes.append(dt)
        }
        return (size, cTimes, dTimes, zeros)
    }

    static func firstDifference(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int? {
        if a.count == b.count, a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 { return nil } // allowed: non-empty
        let n = min(a.count, b.count)
        for i in 0..<n where a[i] != b[i] { return i }
        return n
    }
}

/// How far a compression run is, for a progress line.
public struct CompressionProgress: Sendable {
    /// Transactions read so far.
    public var transactions: Int
    /// Bytes of the trace file read so far (compressed bytes for a compressed trace), and its size (nil
    /// for a pipe).
    public var bytesRead: Int, bytes: Int?
    /// Passes of one codec over the trace in batches (targets × codecs), all made while the file is read:
    /// the pool's bounded queue keeps the compression close behind the reading.
    public var batchPasses: Int
    /// Passes of one codec over the whole trace as one stream (the `all` target), made after the reading.
    public var wholePassesDone: Int, wholePasses: Int

    /// A sampled run's share done, from its estimated work (`SampledCompressionRun`); nil for a full run.
    public var workFraction: Double?

    /// The share of the run done, estimated by counting every pass as one compression of the trace (or a
    /// sampled run's estimated work); nil when the trace's size is not known.
    public var fraction: Double? {
        if let workFraction { return min(1, max(0, workFraction)) }
        guard let bytes, bytes > 0 else { return nil }
        let read = Double(min(bytesRead, bytes)) / Double(bytes)
        let passes = Double(batchPasses + wholePasses)
        guard passes > 0 else { return read }
        return (read * Double(batchPasses) + Double(wholePassesDone)) / passes
    }
}
