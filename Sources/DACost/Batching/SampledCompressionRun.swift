import Foundation

/// Measures a compression profile to a stated precision instead of compressing the whole trace at every
/// size: pricing reads a few batch sizes, and at one size a codec's ratio varies little from batch to batch.
///
/// One census pass reads the trace, splits it at every target size exactly as `CompressionRun` does, and
/// compresses every batch with the plan's cheap auxiliary codec. Then sampling passes compress a seeded,
/// stratified sample of those batches (real consecutive transactions, spread over the whole trace) with each
/// codec, until every ratio's standard error is below the plan's target or every batch is measured. Each
/// codec's ratio is the ratio estimator on the auxiliary codec (its compressed bytes over the auxiliary's on
/// the sample, times the auxiliary's exact total), whose error is only what the two codecs do not share.
/// `none` and the auxiliary codec itself are exact.
///
/// The large sizes (from 4 MiB, brotli's default window) are measured as prefixes of the largest size's
/// sampled batches: one stream per batch, flushed where each smaller size's batch would end, gives every
/// large size's compressed length for the cost of the largest alone (a flush costs a few bytes in MBs).
public struct SampledCompressionRun {
    public var codecs: [CodecID]
    /// Batch sizes (`.bytes` targets only).
    public var targets: [BatchTarget]
    public var plan = SamplingPlan()
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    public var encoding = BatchEncoding.raw
    /// Called about every 0.25 s while a pass reads the trace.
    public var progress: ((CompressionProgress) -> Void)?
    /// The trace's fingerprint and SHA-256 when the caller has just read them: the census then does not
    /// hash the trace again.
    public var knownFingerprint: (TraceFingerprint, sha256: String)?

    /// Sizes from here up are measured as prefixes of the largest one's batches, when it has enough of them.
    public var prefixFromBytes = 4 << 20
    /// The most the compression jobs in flight may hold: their batches and their codecs' working memory
    /// (`CodecID.workingMemoryBytes`). With the splitters' open batches and the process itself, it keeps a
    /// 1 GB trace's run under 300 MB whatever the codecs (two zstd-19 streams alone hold 180 MB).
    public var memoryBudgetBytes = 192 << 20
    static let prefixCarrierMinimumBatches = 2

    public init(codecs: [CodecID], targets: [BatchTarget]) { self.codecs = codecs; self.targets = targets }

    /// One target's batches as the census found them, and what the sampling measured of them.
    struct Census {
        var inputs: [Int] = [], encoded: [Int] = [], auxiliary: [Int] = [], auxiliaryZeros: [Int] = []
        /// Zero bytes of the encoded batches (what `none` posts), counted when `none` is asked for.
        var encodedZeros = 0
        var order: [Int] = []
        var drawn = 0
        /// Per sampled codec: the measured batches (keyed by batch index, or for a prefix target by the
        /// index of the carrier batch it is the prefix of).
        var sample: [[Int: SampledRatio.Pair]] = []
        /// Measured as prefixes of another target's batches (that target's index).
        var prefixOf: Int?
        /// Extrapolated from the carrier target's batches and their halves (a prefix target): both indices.
        var extrapolatedFrom: (half: Int, carrier: Int)?
    }

    public func run(tracePath: String) throws -> CompressionProfile {
        var targets = self.targets
        var sizes = try targets.map { t -> Int in
            guard case .bytes(let n) = t, n > 0 else { throw BatchEncoding.UnsupportedTarget(target: t) }
            return n
        }
        let sampled = codecs.filter { $0.family != .none && $0 != plan.auxiliary }
        // Past the codecs' windows the sizes are extrapolated from the two below: those are measured too.
        let fitTop = Self.extrapolationTop(codecs: sampled, largest: sizes.max() ?? 0, plan: plan, encoding: encoding, prefixFromBytes: prefixFromBytes)
        if let top = fitTop { for s in [top / 2, top] where !sizes.contains(s) { sizes.append(s); targets.append(.bytes(s)) } }
        var census = Array(repeating: Census(sample: Array(repeating: [:], count: sampled.count)), count: sizes.count)
        let workers = CodecWorkers(threads: max(1, jobs))
        let work = SamplingWork()
        var fingerprint = knownFingerprint?.0 ?? TraceFingerprint()
        let depositsSkipped = try takeCensus(tracePath, sizes: sizes, workers: workers, census: &census,
                                             fingerprint: &fingerprint, hashing: knownFingerprint == nil, sampled: sampled,
                                             measuredUpTo: fitTop ?? .max, work: work)
        let sha = knownFingerprint?.sha256 ?? fingerprint.finalizeSHA256()

        // The large sizes ride on the largest measured one's batches (a stack's encoding is of a whole batch:
        // not then); past the windows, sizes are extrapolated from that one's batches and their halves.
        let fitCarrier = fitTop.flatMap { top in sizes.firstIndex(of: top) }
        if let c = fitCarrier, let half = sizes.firstIndex(of: sizes[c] / 2), census[c].inputs.count >= Self.extrapolationCarrierMinimumBatches {
            for t in sizes.indices where sizes[t] > sizes[c] { census[t].extrapolatedFrom = (half, c) }
        }
        let measuredSizes = sizes.indices.filter { census[$0].extrapolatedFrom == nil }
        if encoding == .raw, let carrier = measuredSizes.max(by: { sizes[$0] < sizes[$1] }),
           census[carrier].inputs.count >= Self.prefixCarrierMinimumBatches {
            for t in measuredSizes where t != carrier && sizes[t] >= prefixFromBytes { census[t].prefixOf = carrier }
        }

        // Sampling passes: a pilot, then as many more batches as the observed spread says the target needs.
        var wanted = census.enumerated().map { t, c in
            c.prefixOf == nil && c.extrapolatedFrom == nil ? Self.pilot(batches: c.inputs.count, size: sizes[t], strata: plan.strata, certainTail: Self.tailIsCertain(c.inputs)) : 0
        }
        var passes = 0
        while passes < plan.maxPasses, !sampled.isEmpty, zip(census, wanted).contains(where: { $0.drawn < $1 }) {
            passes += 1
            try samplingPass(tracePath, sizes: sizes, sampled: sampled, wanted: wanted, workers: workers, census: &census, work: work)
            for t in sizes.indices { census[t].drawn = max(census[t].drawn, wanted[t]) }
            // How many batches each size needs for the target, from the spread seen so far; a prefix
            // target's need is its carrier's.
            for t in sizes.indices {
                let need = sampled.indices.map { c in
                    Self.batchesNeeded(estimate(census[t], codec: c), batches: census[t].inputs.count, target: plan.targetRelativeStandardError)
                }.max() ?? 0
                let owner = census[t].prefixOf ?? census[t].extrapolatedFrom?.carrier ?? t
                wanted[owner] = max(wanted[owner], min(census[owner].inputs.count, max(census[owner].drawn, need)))
            }
        }

        var out = [CompressionProfile.Result]()
        for (t, target) in targets.enumerated() {
            let c = census[t], inputTotal = c.inputs.reduce(0, +)
            for codec in codecs {
                let overhead = encoding.channelOverhead(codec: codec)
                var result: CompressionProfile.Result
                if codec.family == .none || codec == plan.auxiliary {
                    // Exact from the census.
                    let sizes = codec.family == .none ? c.encoded : c.auxiliary
                    result = CompressionRun.summarize(codec: codec, target: target, inputs: c.inputs, compressed: sizes.map { $0 + overhead },
                                                      transactions: fingerprint.transactions, compressTimes: nil, decompressTimes: nil)
                    result.compressedZeroBytes = codec.family == .none ? c.encodedZeros : c.auxiliaryZeros.reduce(0, +)
                    result.sampledBatches = c.inputs.count
                } else if let ci = sampled.firstIndex(of: codec) {
                    let e = estimate(c, codec: ci)
                    // Nothing measured at this size (no full prefix in the carriers drawn): no point on the curve.
                    guard e.sampled > 0 else { continue }
                    // A channel's version byte (OP, brotli) on every batch.
                    let compressed = Int(e.compressed.rounded()) + overhead * c.inputs.count
                    let ratios = c.sample[ci].values.map { Double($0.compressed + overhead) / Double(max(1, $0.input)) }.sorted()
                    result = CompressionProfile.Result(
                        codec: codec, batch: target, batchTargetBytes: target.byteCount, batches: c.inputs.count,
                        transactions: fingerprint.transactions, inputBytes: inputTotal, compressedBytes: compressed,
                        ratio: inputTotal > 0 ? Double(compressed) / Double(inputTotal) : 0,
                        ratioP5: Percentile.of(ratios, 5), ratioP50: Percentile.of(ratios, 50), ratioP95: Percentile.of(ratios, 95),
                        compressMBs: nil, decompressMBs: nil)
                    result.compressedZeroBytes = Int(e.zeros.rounded())
                    result.sampledBatches = e.sampled
                    result.ratioStandardError = inputTotal > 0 && e.standardError.isFinite ? e.standardError / Double(inputTotal) : nil
                    result.extrapolatedFrom = c.extrapolatedFrom.map { [sizes[$0.half], sizes[$0.carrier]] }
                } else { continue }
                if encoding != .raw { result.encodedBytes = c.encoded.reduce(0, +) }
                out.append(result)
            }
        }
        let info = CompressionProfile.TraceInfo(path: tracePath, transactions: fingerprint.transactions, bytes: fingerprint.bytes,
                                                sha256: sha, depositsSkipped: depositsSkipped,
                                                types: fingerprint.types, fastlzBytes: fingerprint.fastlzBytes,
                                                fjordEstimatedSizeScaled: fingerprint.fjordEstimatedSizeScaled)
        var versions = [String: String]()
        for codec in codecs + [plan.auxiliary] where codec.family != .none { versions[codec.library.name] = codec.library.version }
        var profile = CompressionProfile(dacostVersion: DACostVersion.current, trace: info, codecs: versions, results: out)
        profile.encoding = encoding.name
        profile.sampling = plan
        var finished = CompressionProgress(transactions: fingerprint.transactions, bytesRead: work.fileBytes ?? 0, bytes: work.fileBytes, batchPasses: 1,
                                           wholePassesDone: 0, wholePasses: 0)
        finished.workFraction = 1
        progress?(finished)
        return profile
    }

    /// The census pass: every batch of every size, its encoded size and its auxiliary compressed size; and
    /// each size's draw order. Returns the deposits the reader skipped.
    private func takeCensus(_ tracePath: String, sizes: [Int], workers: CodecWorkers, census: inout [Census],
                            fingerprint: inout TraceFingerprint, hashing: Bool, sampled: [CodecID], measuredUpTo: Int,
                            work: SamplingWork) throws -> Int {
        let failure = Locked<Error?>(nil)
        let aux = Locked<[(t: Int, first: Int, sizes: [(Int, Int)])]>([])
        // A short queue: at the largest sizes each job holds a batch of tens of MB.
        let pool = WorkerPool(threads: workers.threads, capacity: workers.threads + 1, memoryBudget: memoryBudgetBytes)
        var groups = Array(repeating: [[UInt8]](), count: sizes.count), groupBytes = Array(repeating: 0, count: sizes.count)
        let codec = plan.auxiliary, encoding = self.encoding, countZeros = codecs.contains(.none)
        let auxCost = SamplingWork.secondsPerByte(codec)
        func submit(_ t: Int) {
            let batches = groups[t], first = census[t].inputs.count - batches.count
            groups[t] = []; groupBytes[t] = 0
            guard !batches.isEmpty else { return }
            pool.submit(cost: batches.reduce(codec.workingMemoryBytes) { $0 + $1.count }) { w in
                if failure.withLock({ $0 != nil }) { return }
                do {
                    let r = try workers.compress(batches, codec: codec, worker: w)
                    aux.withLock { $0.append((t, first, r)) }
                    work.add(Double(batches.reduce(0) { $0 + $1.count }) * auxCost)
                } catch { failure.withLock { if $0 == nil { $0 = error } } }
            }
        }
        func take(_ t: Int, _ batch: (bytes: [UInt8], transactions: Int, lengths: [Int])) throws {
            let posted = try encoding.encode(batch.bytes, lengths: batch.lengths)
            census[t].inputs.append(batch.bytes.count)
            census[t].encoded.append(posted.count)
            if countZeros { census[t].encodedZeros += posted.withUnsafeBytes { CompressionRun.zeroCount($0) } }
            groups[t].append(posted); groupBytes[t] += posted.count
            if groupBytes[t] >= 1 << 16 { submit(t) }
        }
        let reader = try TraceReader(path: tracePath)
        // This pass and, roughly, the first sampling pass (planned exactly once the batches are counted).
        work.fileBytes = reader.fileBytes
        let fileBytes = Double(reader.fileBytes ?? 0), traceBytes = Double(knownFingerprint?.0.bytes ?? (reader.fileBytes ?? 0) / 2)
        let perByte = SamplingWork.secondsPerByte(sampled)
        work.plan(fileBytes * SamplingWork.readSecondsPerByte + traceBytes * Double(sizes.count) * auxCost)
        work.planFirstPass(read: fileBytes * SamplingWork.readSecondsPerByte,
                           compression: sizes.filter { $0 <= measuredUpTo }.reduce(0) { $0 + Double(Self.pilot(batches: Int(traceBytes) / $1, size: $1, strata: plan.strata) * $1) } * perByte)
        var splitters = sizes.map { BatchSplitter(target: $0, wanted: nil) }
        do {
            try pass(reader, work: work, pool: pool) { tx in
                if hashing { fingerprint.add(tx) }
                for t in sizes.indices { if let closed = splitters[t].add(tx.bytes) { try take(t, (closed.bytes, closed.transactions, closed.lengths)) } }
            }
            for t in sizes.indices {
                if let last = splitters[t].flush() { try take(t, (last.bytes, last.transactions, last.lengths)) }
                submit(t)
            }
        } catch { pool.finish(); throw error }
        pool.finish()
        if let e = failure.withLock({ $0 }) { throw e }
        for t in sizes.indices {
            census[t].auxiliary = Array(repeating: 0, count: census[t].inputs.count)
            census[t].auxiliaryZeros = census[t].auxiliary
        }
        for g in aux.withLock({ $0 }) {
            for (k, s) in g.sizes.enumerated() { census[g.t].auxiliary[g.first + k] = s.0; census[g.t].auxiliaryZeros[g.first + k] = s.1 }
        }
        for t in sizes.indices {
            census[t].order = Self.drawOrder(batches: census[t].inputs.count, strata: plan.strata, seed: plan.seed, target: t,
                                             certainTail: Self.tailIsCertain(census[t].inputs))
        }
        return reader.depositsSkipped
    }

    /// One sampling pass: reads the trace, keeps the batches drawn since the last pass, and compresses them
    /// with every sampled codec (a carrier batch also at each of its prefix targets' cuts).
    private func samplingPass(_ tracePath: String, sizes: [Int], sampled: [CodecID], wanted: [Int], workers: CodecWorkers,
                              census: inout [Census], work: SamplingWork) throws {
        let failure = Locked<Error?>(nil)
        let measured = Locked<[(codec: Int, carrier: Int, batch: Int, input: [Int], sizes: [(Int, Int)])]>([])
        let auxPrefixes = Locked<[Int: [Int]]>([:])
        let prefixTargets = census.indices.filter { census[$0].prefixOf != nil }.sorted { sizes[$0] < sizes[$1] }
        let pool = WorkerPool(threads: workers.threads, capacity: workers.threads + 1, memoryBudget: memoryBudgetBytes)
        // The batches drawn since the last pass, and their work (the first pass's estimate is replaced).
        let drawing = census.enumerated().map { t, c in c.order[c.drawn..<max(c.drawn, wanted[t])] }
        var splitters = sizes.indices.map { BatchSplitter(target: sizes[$0], wanted: Set(drawing[$0])) }
        let drawnBytes = sizes.indices.reduce(0.0) { sum, t in sum + drawing[t].reduce(0.0) { $0 + Double(census[t].inputs[$1]) } }
        work.replan(pass: drawnBytes * SamplingWork.secondsPerByte(sampled))
        let encoding = self.encoding, auxiliary = plan.auxiliary
        func take(_ t: Int, _ batch: (index: Int, bytes: [UInt8], transactions: Int, lengths: [Int])) throws {
            let posted = try encoding.encode(batch.bytes, lengths: batch.lengths)
            // Where each prefix target's batch would end in this one, as a splitter at that target closes its first.
            let riders = prefixTargets.filter { census[$0].prefixOf == t }
            let cuts = riders.map { BatchSplitter.prefixLength(lengths: batch.lengths, target: sizes[$0]) }
            let b = batch.index
            for (c, codec) in sampled.enumerated() {
                pool.submit(cost: posted.count + codec.workingMemoryBytes) { w in
                    if failure.withLock({ $0 != nil }) { return }
                    do {
                        let r = try workers.compress(posted, cuts: cuts, codec: codec, worker: w)
                        measured.withLock { $0.append((c, t, b, cuts + [posted.count], r)) }
                        work.add(Double(batch.bytes.count) * SamplingWork.secondsPerByte(codec))
                    } catch { failure.withLock { if $0 == nil { $0 = error } } }
                }
            }
            if !cuts.isEmpty {
                pool.submit(cost: posted.count + auxiliary.workingMemoryBytes) { w in
                    if failure.withLock({ $0 != nil }) { return }
                    do {
                        let r = try workers.compress(prefixesOf: posted, cuts: cuts, codec: auxiliary, worker: w)
                        auxPrefixes.withLock { $0[b] = r.map(\.0) }
                    } catch { failure.withLock { if $0 == nil { $0 = error } } }
                }
            }
        }
        let reader = try TraceReader(path: tracePath)
        do {
            try pass(reader, work: work, pool: pool) { tx in
                for t in sizes.indices { if let closed = splitters[t].add(tx.bytes) { try take(t, closed) } }
            }
            for t in sizes.indices { if let last = splitters[t].flush() { try take(t, last) } }
        } catch { pool.finish(); throw error }
        pool.finish()
        if let e = failure.withLock({ $0 }) { throw e }
        let auxOfPrefix = auxPrefixes.withLock { $0 }
        for m in measured.withLock({ $0 }) {
            let riders = prefixTargets.filter { census[$0].prefixOf == m.carrier }
            for (k, t) in (riders + [m.carrier]).enumerated() {
                // A short carrier (the trace's last batch) holds no full batch of a size it does not exceed.
                if t != m.carrier && m.input[k] >= m.input[m.input.count - 1] { continue }
                let a = t == m.carrier ? census[t].auxiliary[m.batch] : (auxOfPrefix[m.batch]?[k] ?? 0)
                census[t].sample[m.codec][m.batch] = SampledRatio.Pair(input: m.input[k], compressed: m.sizes[k].0, auxiliary: a, zeros: m.sizes[k].1)
            }
            // The sizes past the windows, along this batch's growth from its half to its whole (the trace's
            // last, short batch is not a whole one).
            guard m.batch < census[m.carrier].inputs.count - 1 else { continue }
            for t in sizes.indices {
                guard let from = census[t].extrapolatedFrom, from.carrier == m.carrier,
                      let half = census[from.half].sample[m.codec][m.batch], let whole = census[m.carrier].sample[m.codec][m.batch],
                      let line = Self.extrapolate(half: half, whole: whole, to: sizes[t]) else { continue }
                census[t].sample[m.codec][m.batch] = line
            }
        }
    }

    /// Reads the trace once, calling `body` per transaction and reporting progress (the run's share of its
    /// estimated work, not of this pass's bytes), also while `pool` keeps the reader waiting and while it
    /// finishes the pass's last jobs.
    private func pass(_ reader: TraceReader, work: SamplingWork, pool: WorkerPool, _ body: (Transaction) throws -> Void) throws {
        var state = CompressionProgress(transactions: 0, bytesRead: 0, bytes: reader.fileBytes, batchPasses: 1, wholePassesDone: 0, wholePasses: 0)
        var last = monotonicSeconds(), count = 0, reading = true
        func report() {
            // Once the pass is read, its reading is in the work done.
            if reading { work.read(Double(reader.fileBytesRead) * SamplingWork.readSecondsPerByte) }
            state.transactions = count; state.bytesRead = reader.fileBytesRead
            state.workFraction = work.fraction
            progress?(state)
        }
        if progress != nil { pool.whileWaiting = report }
        while let tx = try reader.next() {
            try body(tx)
            count += 1
            if progress != nil, count % 1024 == 0, monotonicSeconds() - last > 0.25 { last = monotonicSeconds(); report() }
        }
        report()
        work.endPass()
        reading = false
    }

    private func estimate(_ c: Census, codec: Int) -> SampledRatio {
        let pairs = c.sample[codec].sorted { $0.key < $1.key }
        // The trace's last batch is drawn first and counted apart (it is short, and compresses unlike the rest).
        let last = c.inputs.count - 1
        let ownBatches = c.prefixOf == nil && c.extrapolatedFrom == nil
        if ownBatches, let tail = pairs.last, tail.key == last, Self.tailIsCertain(c.inputs) {
            return SampledRatio.estimate(batches: c.inputs.count, auxiliaryTotal: c.auxiliary.reduce(0, +),
                                         sample: pairs.dropLast().map(\.value), certain: tail.value)
        }
        return SampledRatio.estimate(batches: c.inputs.count, auxiliaryTotal: c.auxiliary.reduce(0, +), sample: pairs.map(\.value),
                                     ownBatches: ownBatches)
    }

    /// Whether the trace's last, short batch is measured for certain: when it holds 2% of the bytes or more
    /// (a short batch compresses up to a few % worse, so that left to the estimator it would bias the ratio
    /// by up to a few hundredths of a %; a large size's last batch is tens of MB of brotli-11, not worth it).
    static func tailIsCertain(_ inputs: [Int]) -> Bool {
        guard let last = inputs.last, inputs.count > 1 else { return false }
        return Double(last) >= 0.02 * Double(inputs.reduce(0, +))
    }

    /// The order batches are drawn in: the last batch first when it is measured for certain; the others
    /// cut into `strata` equal runs, each run shuffled (seeded), then one from each run in turn, so that
    /// any prefix of the order is spread over the whole trace.
    static func drawOrder(batches: Int, strata: Int, seed: UInt64, target: Int, certainTail: Bool = true) -> [Int] {
        guard batches > 1 else { return batches == 1 ? [0] : [] }
        let rest = certainTail ? batches - 1 : batches
        let k = max(1, min(strata, rest))
        var rng = SeededRandom(seed: seed, stream: UInt64(target))
        let runs = (0..<k).map { h -> [Int] in
            var run = Array((h * rest / k)..<((h + 1) * rest / k))
            run.shuffle(using: &rng)
            return run
        }
        var order = certainTail ? [rest] : [], round = 0
        order.reserveCapacity(batches)
        while order.count < batches {
            for h in 0..<k where round < runs[h].count { order.append(runs[h][round]) }
            round += 1
        }
        return order
    }

    /// The first pass's sample: the last batch when it is certain, then one batch from each stratum at small
    /// sizes (up to 1 MiB in all), at least two at any size (the least that shows a spread; at the
    /// large sizes a batch costs a minute of brotli-11, and its ratio to the auxiliary codec's varies by a few
    /// parts in 10^5), all of them when there are that few. The next passes draw what the spread asks for.
    static func pilot(batches: Int, size: Int, strata: Int, certainTail: Bool = false) -> Int {
        let byBytes = (1 << 20) / max(1, size)
        return min(batches, (certainTail ? 1 : 0) + max(2, min(strata, byBytes)))
    }

    /// Batches to draw so that the relative standard error falls to `target`, from the current estimate's
    /// spread (finite-population corrected: at most all of them).
    static func batchesNeeded(_ e: SampledRatio, batches: Int, target: Double) -> Int {
        guard e.sampled >= 2, e.compressed > 0, batches > 0 else { return max(2, e.sampled) }
        let a = pow(e.residualSD * Double(batches) / e.compressed, 2)
        guard a > 0 else { return e.sampled }
        let n = 1 / (target * target / a + 1 / Double(batches))
        return min(batches, Int((n * 1.1).rounded(.up)))
    }
}
