import Foundation
import Testing
@testable import DACost

/// The vector kernel (`BlobLanes`, eight paths per AVX-512 register) against the path-by-path block loop
/// (`BlobBlocks.run`): every path's outcome bit for bit, whatever group it runs in. On a CPU without
/// AVX-512 both sides run the scalar loop, and the tests still hold the grouping to the single path.
@Suite struct BlobLanesTests {
    /// A crowded market that crosses BPO1 (2025-12-09 14:21:11 UTC) in the middle of a market step, with
    /// a random base fee, a frenzy and noisy demand from other rollups.
    /// `start` and `traffic` (a TPS curve in place of `tps`) for other suites.
    static func scenario(tps: Double, da: String, days: Int = 3, paths: Int = 11, stepMinutes: Double = 5,
                         start: String = "2025-12-08", traffic: String? = nil) throws -> Scenario {
        let dir = try VectorFile.temporaryDirectory()
        try AtomicFile.write("""
            name: lanes
            start: \(start)
            horizon_days: \(days)
            traffic: {tps: \(traffic ?? "\(tps)")}
            batcher: {codec: brotli-10, da: \(da)}
            market:
              l1_base_fee_gwei: {kind: mean_reverting, start: 1.0, mean: 1.0, reversion_per_day: 2, volatility_per_day: 0.8}
              l1_priority_fee_gwei: 0.5
              blob_base_fee_gwei: from_market
              eth_usd: 3000
            projection:
              paths: \(paths)
              seed: 77
              market_step_minutes: \(stepMinutes)
              blob_market: {simulate: true, background_blobs_per_block: 7, background_noise_sd: 4}
              spikes:
                - {name: frenzy, input: l1_base_fee_gwei, start: "2025-12-09T10:00:00Z", hours: 3, multiplier: 30}
              revenue_per_tx_usd: 0.0005
              loss_threshold_usd: 5000
            """, to: dir + "/s.yaml")
        return try ScenarioReader.load(path: dir + "/s.yaml").0
    }

    static func simulator(_ s: Scenario, vectorized: Bool) throws -> PathSimulator {
        let curve = try #require(RatioCurve(profile: ProjectionTests.profile, codec: s.batcher.codec))
        var sim = PathSimulator(scenario: s, profile: ProjectionTests.profile, curve: curve)
        sim.vectorizedBlobMarket = vectorized && BlobLanes.available
        return sim
    }

    /// Every field a report reads, compared exactly.
    static func differences(_ a: PathOutcome, _ b: PathOutcome) -> [String] {
        var out = [String]()
        func check<T: Equatable>(_ x: T, _ y: T, _ what: String) { if x != y { out.append("\(what): \(x) vs \(y)") } }
        check(a.dailyBlobFee.sum, b.dailyBlobFee.sum, "daily blob fee sum")
        check(a.dailyBlobFee.max, b.dailyBlobFee.max, "daily blob fee max")
        check(a.dailyBlobFee.count, b.dailyBlobFee.count, "daily blob fee count")
        check(a.layers.count, b.layers.count, "layers")
        for (i, (x, y)) in zip(a.layers, b.layers).enumerated() {
            check(x.dailyUSD, y.dailyUSD, "layer \(i) daily USD"); check(x.dailyNative, y.dailyNative, "layer \(i) daily native")
            check(x.components, y.components, "layer \(i) components")
            check(x.submissions, y.submissions, "layer \(i) submissions")
            check(x.fallbackSubmissions, y.fallbackSubmissions, "layer \(i) fallback submissions")
            check(x.fallbackUSD, y.fallbackUSD, "layer \(i) fallback USD")
            check(x.maxBacklogBlobs, y.maxBacklogBlobs, "layer \(i) backlog")
            check(x.worstLatencySeconds, y.worstLatencySeconds, "layer \(i) latency")
            check(x.ownDemandBlocks, y.ownDemandBlocks, "layer \(i) own-demand blocks")
            check(x.ownDemandPremiumUSD, y.ownDemandPremiumUSD, "layer \(i) premium")
            check(x.backlogGrowsFromDay, y.backlogGrowsFromDay, "layer \(i) backlog growth")
            check(x.lossStarted, y.lossStarted, "layer \(i) loss started"); check(x.lossSeconds, y.lossSeconds, "layer \(i) loss seconds")
            check(x.economics?.dailyRevenueUSD, y.economics?.dailyRevenueUSD, "layer \(i) revenue")
        }
        return out
    }

    /// 1,000 TPS (a queue that never drains, blobs that wait, calldata fallback), 30 TPS posting blobs
    /// whatever they cost (a queue that drains and refills within steps), and 20-minute steps (100
    /// blocks: the kernel draws demand and arrivals 64 blocks at a time): eleven paths in groups of eight
    /// and three (five idle lanes), against each path run alone by the scalar loop.
    @Test(arguments: [(1_000.0, "auto", 5.0), (30.0, "blobs", 5.0), (300.0, "auto", 20.0)])
    func lanesMatchThePathByPathLoopBitForBit(tps: Double, da: String, stepMinutes: Double) throws {
        let s = try Self.scenario(tps: tps, da: da, stepMinutes: stepMinutes)
        let lanes = try Self.simulator(s, vectorized: true), scalar = try Self.simulator(s, vectorized: false)
        let grouped = lanes.run(paths: 0..<8) + lanes.run(paths: 8..<11)
        let bi = try #require(lanes.layers.firstIndex { $0 is EthereumBlobs })
        var exercised = (backlog: false, ownDemand: false, fallback: false)
        for path in 0..<11 {
            let alone = scalar.run(path: path)
            let diff = Self.differences(grouped[path], alone)
            #expect(diff.isEmpty, "path \(path) at \(tps) TPS: \(diff.prefix(3))")
            let blob = alone.layers[bi]
            exercised.backlog = exercised.backlog || blob.maxBacklogBlobs > 0
            exercised.ownDemand = exercised.ownDemand || blob.ownDemandBlocks > 0
            exercised.fallback = exercised.fallback || blob.fallbackSubmissions > 0
        }
        // The cases the kernel's rarer branches handle were met.
        #expect(exercised.backlog && exercised.ownDemand)
        if da == "auto" { #expect(exercised.fallback) }
    }

    /// A path's outcome is the same in any group and alone.
    @Test func aPathsOutcomeDoesNotDependOnItsGroup() throws {
        let s = try Self.scenario(tps: 1_000, da: "auto", days: 1, paths: 8)
        let sim = try Self.simulator(s, vectorized: true)
        let group = sim.run(paths: 0..<8), shifted = sim.run(paths: 5..<7), alone = sim.run(path: 6)
        #expect(Self.differences(group[6], alone).isEmpty)
        #expect(Self.differences(shifted[1], alone).isEmpty)
        #expect(Self.differences(group[5], shifted[0]).isEmpty)
    }

    /// The whole projection, vector lanes on and off, and with one thread or two: the same section.
    @Test func projectionIsTheSameWithAndWithoutLanes() throws {
        let s = try Self.scenario(tps: 1_000, da: "auto", days: 2, paths: 10)
        var on = ProjectionRun(), off = ProjectionRun()
        on.jobs = 2; off.jobs = 1; off.vectorized = false
        #expect(try on.run(scenario: s, profile: ProjectionTests.profile) == off.run(scenario: s, profile: ProjectionTests.profile))
    }
}
