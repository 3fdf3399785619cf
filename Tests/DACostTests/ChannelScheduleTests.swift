import Foundation
import Testing
@testable import DACost

/// The channel clock computed once for every path (`ChannelSchedule`) when traffic is deterministic:
/// a worked example, and every layer of every path bit for bit against each path's own clock.
@Suite struct ChannelScheduleTests {
    /// 400 bytes a step (none in the last) into 1,000-byte channels: the third step fills one (200 bytes
    /// left over), the horizon's last step closes the 600 bytes still open. Per block (5 a step): 400 /
    /// 5,000 = 0.08 of a channel; carried in: 0, 400, 800, 200, 600 bytes.
    @Test func workedExample() {
        let c = ChannelSchedule(arriving: [400, 400, 400, 400, 0],
                                batches: Array(repeating: 1000, count: 5), stepSeconds: 60, maxAge: 1e9, blocks: 5)
        #expect(c.full == [0, 0, 1, 0, 0])
        #expect(c.partial == [0, 0, 0, 0, 600])
        #expect(c.start == [0, 0.4, 0.8, 0.2, 0.6])
        #expect(c.perBlock == [0.08, 0.08, 0.08, 0.08, 0])
    }

    /// A channel older than the max duration closes partly filled: 300 bytes a step, 600 seconds at most.
    @Test func maxDurationClosesThePartialChannel() {
        let c = ChannelSchedule(arriving: Array(repeating: 300, count: 4), batches: Array(repeating: 1000, count: 4),
                                stepSeconds: 300, maxAge: 600, blocks: 25)
        #expect(c.full == [0, 0, 0, 0])
        #expect(c.partial == [0, 600, 0, 600])
    }

    /// Across Pectra (2025-05-07: EIP-7623's calldata floor, a new calldata era, and a blob fork) and across
    /// BPO1, at 1,000 TPS (channels every step, calldata fallback) and 3 TPS (partial channels at the max
    /// duration): every path's every layer the same with the shared clock as with its own.
    @Test(arguments: [("2025-05-06", 1_000.0, "auto"), ("2025-12-08", 3.0, "blobs")])
    func sharedClockGivesEveryPathsOwnResult(start: String, tps: Double, da: String) throws {
        let s = try BlobLanesTests.scenario(tps: tps, da: da, days: 2, paths: 9, start: start)
        let curve = try #require(RatioCurve(profile: ProjectionTests.profile, codec: s.batcher.codec))
        let shared = PathSimulator(scenario: s, profile: ProjectionTests.profile, curve: curve)
        var own = shared
        own.sharesChannelClock = false
        #expect(shared.channelSchedules.count == shared.layers.count)
        if start == "2025-05-06" { #expect(shared.eras.count > 1) }
        let a = shared.run(paths: 0..<9), b = own.run(paths: 0..<9)
        for path in 0..<9 {
            let diff = BlobLanesTests.differences(a[path], b[path])
            #expect(diff.isEmpty, "path \(path): \(diff.prefix(3))")
        }
        #expect(a.contains { $0.layers.contains { $0.submissions > 0 } })
    }

    /// Random traffic differs by path: no shared clock.
    @Test func randomTrafficHasNoSharedClock() throws {
        let s = try BlobLanesTests.scenario(tps: 100, da: "auto", traffic: "{kind: gbm, start: 100, drift_per_year: 0, volatility_per_year: 0.5}")
        let curve = try #require(RatioCurve(profile: ProjectionTests.profile, codec: s.batcher.codec))
        #expect(PathSimulator(scenario: s, profile: ProjectionTests.profile, curve: curve).channelSchedules.isEmpty)
    }
}

/// Inputs with deterministic curves are sampled once and shared by every path; random ones are each path's.
@Suite struct SharedSamplesTests {
    @Test func deterministicInputsAreSampledOnceRandomOnesPerPath() throws {
        let s = try BlobLanesTests.scenario(tps: 1_000, da: "auto", days: 2)
        let curve = try #require(RatioCurve(profile: ProjectionTests.profile, codec: s.batcher.codec))
        let sim = PathSimulator(scenario: s, profile: ProjectionTests.profile, curve: curve)
        #expect(sim.deterministicSamples["tps"] == Array(repeating: 1000, count: sim.steps))
        #expect(sim.deterministicSamples["eth_usd"] != nil && sim.deterministicSamples["l1_priority_fee_gwei"] != nil)
        #expect(sim.deterministicSamples["l1_base_fee_gwei"] == nil)
        let a = sim.sampleMarket(path: 1), b = sim.sampleMarket(path: 2)
        #expect(a.tps == b.tps && a.usd["ETH"] == b.usd["ETH"])
        #expect(a.baseFeeGwei != b.baseFeeGwei)
        let traffic = try #require(sim.sharedTraffic)
        #expect(traffic.txs == Array(repeating: 1000 * sim.stepSeconds, count: sim.steps))
        #expect(sim.stepPrices(a).arriving == a.tps.map { $0 * sim.bytesPerTx * sim.stepSeconds })
    }
}
