import Foundation
import Testing
@testable import DACost

/// Alt-DA outages in a projection (issue 17, part 3): dated windows, the seeded random process, and
/// what the batcher's policy does with the submissions that fall in them.
@Suite struct OutageTests {
    /// 0.01 TPS of the bundled trace, codec none, hour-long channels: one Celestia submission of
    /// ⌈0.01 × 3600 × 1,419,767 / 1,766⌉ = 28,943 bytes at the end of every hour (steps 11, 23, …, 95 of
    /// 5 minutes). A window from 06:00 to 08:00 covers steps 72-95: the submissions of steps 83 and 95.
    static func run(_ outage: String) throws -> ProjectionSection.Layer {
        let s = try ProjectionTests().scenario("""
            start: 2026-12-01
            horizon_days: 1
            traffic: {tps: 0.01}
            codecs: [none]
            batcher: {codec: none, max_channel_duration_minutes: 60}
            market: {l1_base_fee_gwei: 1, l1_priority_fee_gwei: 0, blob_base_fee_gwei: from_market, eth_usd: 3000, tia_usd: 2}
            layers: [{kind: celestia}]
            projection:
              paths: 1
              market_step_minutes: 5
            \(outage)
            """)
        return try #require(try ProjectionRun().run(scenario: s, profile: ProjectionTests.profile).layers.first)
    }

    static let window = "  outages: [{layer: celestia, windows: [{start: \"2026-12-01T06:00:00Z\", hours: 2}], failover: %@}]"

    /// The two submissions in the window go to Ethereum blobs at that layer's price, by hand: one blob of
    /// 131,072 blob gas at the EIP-7918 reserve (1 gwei / 16) + 21,000 gas at 1 gwei, at $3,000/ETH =
    /// $0.087576 each; the other 22 stay on Celestia, whose spend falls by exactly those two.
    @Test func aWindowMovesExactlyItsSubmissionsToTheFallback() throws {
        let none = try Self.run("")
        let failover = try Self.run(String(format: Self.window, "ethereum_blobs"))
        let o = try #require(failover.outage), f = try #require(failover.failover)
        #expect(f.policy == "ethereum_blobs" && f.submissions.p50 == 2 && o.hoursDegraded.p50 == 2 && o.longestOutageHours.p50 == 2)
        let perBlobTx = (131_072 * 0.0625e9 + 21_000 * 1e9) * 3000 / 1e18
        #expect(abs(perBlobTx - 0.087576) < 1e-12)
        #expect(abs(f.usd.p50 - 2 * perBlobTx) < 1e-12)
        #expect(failover.submissions.p50 == 24 && none.submissions.p50 == 24)
        let celestiaPerSubmission = none.totalUSD.p50 / 24
        #expect(abs(failover.totalUSD.p50 - (22 * celestiaPerSubmission + 2 * perBlobTx)) < 1e-9)
        #expect(none.outage == nil && none.fallbackSubmissions.p50 == 0)
    }

    /// Wait: the two submissions are charged when made and held (2 × 28,943 bytes at risk); the layer
    /// takes them when it is back. Halt: they are never made nor charged.
    @Test func waitHoldsAndHaltDrops() throws {
        let none = try Self.run("")
        let wait = try #require(try Self.run(String(format: Self.window, "wait")))
        let w = try #require(wait.outage)
        #expect(w.dataAtRiskBytes.p50 == 2 * 28_943 && wait.failover?.submissions.p50 == 0 && w.haltedSubmissions.p50 == 0)
        #expect(abs(wait.totalUSD.p50 - none.totalUSD.p50) < 1e-9)
        #expect(wait.backlogGrowsFromDay == nil)
        let halt = try Self.run(String(format: Self.window, "halt"))
        let h = try #require(halt.outage)
        #expect(h.haltedSubmissions.p50 == 2 && h.dataAtRiskBytes.p50 == 2 * 28_943)
        #expect(abs(halt.totalUSD.p50 - none.totalUSD.p50 * 22 / 24) < 1e-9)
    }

    /// The random process is the seed's: the same seed gives the same outages, another seed others; over
    /// ten years at 2 a month the count is near 240, and half the outages last under the median.
    @Test func randomOutagesAreReproducibleBySeed() {
        let s = OutageSettings(layer: "celestia", perMonth: 2, medianHours: 3, p95Hours: 12)
        let steps = 10 * 365 * 24 * 12, step = 300.0
        func plan(_ seed: UInt64) -> OutagePlan {
            var rng = SeededRandom(seed: seed, stream: 7)
            return OutagePlan(s, steps: steps, stepSeconds: step, rng: &rng)
        }
        let a = plan(1), b = plan(1), c = plan(2)
        #expect(a.down == b.down && a.down != c.down)
        // Count outages and their lengths (in steps) from the flags.
        var runs = [Int](), run = 0
        for d in a.down { if d { run += 1 } else if run > 0 { runs.append(run); run = 0 } }
        let months = Double(steps) * step / (OutagePlan.daysPerMonth * 86_400)
        #expect(abs(Double(runs.count) - 2 * months) < 4 * (2 * months).squareRoot(), "\(runs.count) outages in \(months) months")
        // Overlapping outages merge and steps round up, so the median run is at least the median duration.
        let median = Double(runs.sorted()[runs.count / 2]) * step / 3600
        #expect(median >= 3 && median < 4, "median \(median) h")
    }

    /// Outages name a layer of the scenario, not an Ethereum one, once each, with a known policy.
    @Test func badOutageSettingsAreNamed() {
        let base = "layers: [{kind: celestia}, {kind: ethereum_blobs}]\nprojection:\n  outages: "
        func error(_ text: String) -> String { ProjectionTests().error(base + text) }
        #expect(error("[{layer: ethereum-blobs}]").contains("projection.outages[0].layer"))
        #expect(error("[{layer: celestia, failover: pray}]").contains("projection.outages[0].failover"))
        #expect(error("[{layer: celestia}, {layer: celestia}]").contains("projection.outages[1].layer"))
        #expect(error("[{layer: celestia, median_hours: 5, p95_hours: 2}]").contains("projection.outages[0].p95_hours"))
        #expect(error("[{layer: celestia, windows: [{start: 2026-13-01, hours: 1}]}]").contains("projection.outages[0].windows[0].start"))
    }
}
