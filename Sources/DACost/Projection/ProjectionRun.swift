import Foundation

/// Monte Carlo over the scenario's horizon: `paths` paths, each with its own seeded streams derived
/// from the scenario seed and the path index, spread over `jobs` threads. Results are gathered in
/// path order, so they do not depend on the number of threads.
public struct ProjectionRun {
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    public var progress: ((Int, Int) -> Void)?
    /// What the trace's transactions give users' fee formulas (`UserFeeInputs.measure`); without them a
    /// stack's mechanism reads zeros, so only `fixed` and `cost_plus` revenue is meaningful.
    public var feeInputs: UserFeeInputs?
    /// The stack's per-transaction fee estimate against each transaction's share of the batch, on the trace
    /// (`FeeEstimatorAccuracy.measure`), reported with OP and Arbitrum fees.
    public var feeEstimator: FeeEstimatorAccuracy?

    /// Whether a simulated blob market may run eight paths at once in AVX-512 lanes (where the CPU has
    /// them); off, path by path. The results are bit-identical either way.
    public var vectorized = true

    public init() {}

    public func run(scenario: Scenario, profile: CompressionProfile) throws -> ProjectionSection {
        guard let curve = RatioCurve(profile: profile, codec: scenario.batcher.codec) else {
            throw RegressionError.badOption("the profile has no measurements for the batcher codec \(scenario.batcher.codec)")
        }
        let fees = FeeMechanism.resolve(scenario: scenario, encoding: BatchEncoding(name: profile.encoding), inputs: feeInputs ?? UserFeeInputs())
        var sim = PathSimulator(scenario: scenario, profile: profile, curve: curve, fees: fees)
        sim.vectorizedBlobMarket = sim.vectorizedBlobMarket && vectorized
        let n = scenario.projection.paths
        // Each path keeps only what aggregation needs; paths are handed out in chunks.
        let outcomes = Locked<[Int: PathOutcome]>([:])
        let threads = max(1, min(jobs, n))
        let pool = WorkerPool(threads: threads, capacity: threads * 4)
        // Small chunks, so that the threads finish within a few paths of each other; a simulated blob
        // market runs a chunk's paths side by side in vector lanes, so there a chunk is a full group.
        let chunk = sim.vectorizedBlobMarket && scenario.projection.blobMarket.simulate
            ? BlobLanes.width : max(1, min(4, n / (threads * 8)))
        let done = Locked(0)
        var lastReport = monotonicSeconds()
        for start in stride(from: 0, to: n, by: chunk) {
            pool.submit { _ in
                var local = [Int: PathOutcome]()
                for (k, outcome) in sim.run(paths: start..<min(n, start + chunk)).enumerated() { local[start + k] = outcome }
                outcomes.withLock { $0.merge(local) { a, _ in a } }
                done.withLock { $0 += local.count }
            }
            if let progress, monotonicSeconds() - lastReport > 0.25 { lastReport = monotonicSeconds(); progress(done.withLock { $0 }, n) }
        }
        pool.finish()
        progress?(n, n)
        let all = outcomes.withLock { $0 }
        let ordered = (0..<n).compactMap { all[$0] }
        return aggregate(ordered, scenario: scenario, sim: sim)
    }
}

extension ProjectionRun {
    /// Seconds per path, single thread: market sampling alone, and the whole path. For benchmarks.
    public static func timePerPath(scenario: Scenario, profile: CompressionProfile, paths: Int,
                                   feeInputs: UserFeeInputs? = nil) -> (sampling: Double, total: Double)? {
        guard let curve = RatioCurve(profile: profile, codec: scenario.batcher.codec), paths > 0 else { return nil }
        let fees = FeeMechanism.resolve(scenario: scenario, encoding: BatchEncoding(name: profile.encoding), inputs: feeInputs ?? UserFeeInputs())
        let sim = PathSimulator(scenario: scenario, profile: profile, curve: curve, fees: fees)
        var t0 = monotonicSeconds()
        for p in 0..<paths { _ = sim.sampleMarket(path: p) }
        let sampling = (monotonicSeconds() - t0) / Double(paths)
        t0 = monotonicSeconds()
        for p in 0..<paths { _ = sim.run(path: p) }
        return (sampling, (monotonicSeconds() - t0) / Double(paths))
    }
}
