import Foundation
import Testing
@testable import DACost

/// Alt-DA layers' throughput by date (issue 17, part 1): the arithmetic per layer at known dates, the
/// rows `compare` marks infeasible, and the backlog a projection carries when a layer cannot keep up.
@Suite struct AltDACapacityTests {
    static func at(_ day: String) -> Int64 { CalendarDay.epochSeconds(day) ?? 0 }

    /// A 256×256 square holds 1 × 478 + 65,534 × 482 = 31,587,866 blob bytes (Celestia docs,
    /// operate/networks/mainnet-beta); 128 and 64 by the same share arithmetic.
    @Test func celestiaSquaresHoldTheDocumentedBlobBytes() {
        #expect(CelestiaThroughput.blobBytes(squareSize: 256) == 31_587_866)
        #expect(CelestiaThroughput.blobBytes(squareSize: 128) == 478 + 16_382 * 482)
        #expect(CelestiaThroughput.blobBytes(squareSize: 64) == 478 + 4_094 * 482)
    }

    /// Celestia by app version: 2 MiB squares every 12 s (v1-v2), every 6 s (v3 Ginger, 2024-12-12),
    /// 8 MiB squares (2025-01-29), 32 MiB squares every 3 s (v9, 2026-07-01 18:53 UTC).
    @Test func celestiaThroughputFollowsTheAppVersion() throws {
        let spec = LayerSpec(kind: .celestia, name: "celestia")
        func rate(_ t: Int64) -> Double? { LayerThroughput.of(spec, at: t)?.bytesPerSecond }
        #expect(rate(Self.at("2024-06-01")) == 1_973_786.0 / 12)
        #expect(rate(Self.at("2024-12-12")) == 1_973_786.0 / 6)
        #expect(rate(Self.at("2025-06-01")) == 7_896_602.0 / 6)
        // v9 at 18:53 UTC, not at midnight.
        #expect(rate(Self.at("2026-07-01") + 18 * 3600 + 52 * 60) == 7_896_602.0 / 6)
        #expect(rate(Self.at("2026-07-01") + 18 * 3600 + 53 * 60) == 31_587_866.0 / 3)
        let v9 = try #require(LayerThroughput.of(spec, at: Self.at("2026-12-01")))
        #expect(v9.basis == "app v9: 256×256 squares (31,587,866 blob bytes) every 3 s")
        // The scenario's own block time (the reference marks v9's ~2.6 s effective as uncertain).
        var faster = spec
        faster.blockSeconds = 2.6
        #expect(LayerThroughput.of(faster, at: Self.at("2026-12-01"))?.bytesPerSecond == 31_587_866 / 2.6)
    }

    /// Avail: 256 × 256 cells of 31 data bytes every 20 s = 101,580.8 B/s; EigenDA on demand: 131,072
    /// symbols of 32 bytes a second; a reservation its own rate; a stated max_bytes_per_second wins.
    @Test func availAndEigenDAThroughput() throws {
        let avail = try #require(LayerThroughput.of(LayerSpec(kind: .avail, name: "avail"), at: Self.at("2026-12-01")))
        #expect(avail.bytesPerSecond == 101_580.8)
        let eigen = try #require(LayerThroughput.of(LayerSpec(kind: .eigenDA, name: "eigenda"), at: Self.at("2026-12-01")))
        #expect(eigen.bytesPerSecond == 4_194_304)
        var reserved = LayerSpec(kind: .eigenDA, name: "eigenda")
        reserved.mode = "reservation"; reserved.reservationSymbolsPerSecond = 1_000
        #expect(LayerThroughput.of(reserved, at: 0)?.bytesPerSecond == 32_000)
        var capped = LayerSpec(kind: .avail, name: "avail")
        capped.maxBytesPerSecond = 5
        #expect(LayerThroughput.of(capped, at: 0)?.basis == "max_bytes_per_second")
        #expect(LayerThroughput.of(LayerSpec(kind: .generic, name: "g"), at: 0) == nil)
        #expect(LayerThroughput.of(LayerSpec(kind: .ethereumBlobs, name: "b"), at: 0) == nil)
    }

    /// EigenDA's meter counts padded symbols: 1,000,000 payload bytes take 1 + ⌈1e6 / 31⌉ = 32,260 symbols,
    /// padded to 32,768, i.e. 1,048,576 bytes of its throughput.
    @Test func eigenDACountsPaddedSymbols() {
        let layer = EigenDAPricing()
        let packing = layer.pack(Payload(bytes: 1_000_000))
        #expect(layer.capacityBytes(packing) == 32_768 * 32)
        let celestia = CelestiaPricing()
        #expect(celestia.capacityBytes(celestia.pack(Payload(bytes: 1_000_000))) == 1_000_000)
    }

    /// The issue's case: at 1,000 TPS of the bundled trace (~320 kB/s compressed) Avail cannot carry
    /// the load; Celestia and EigenDA can. No max_bytes_per_second is set: the ceilings are the layers' own.
    @Test func compareMarksAvailInfeasibleAt1000TPS() throws {
        let r = try CapacityTests.report("""
            start: 2026-12-01
            traffic: {tps: 1000}
            codecs: [brotli-10]
            layers: [{kind: celestia}, {kind: eigenda}, {kind: avail}]
            """)
        let avail = try #require(r.rows.first { $0.layerKind == .avail })
        #expect(!avail.feasible)
        #expect(avail.feasibility.reason?.hasSuffix("more than the layer's 101,581 B/s (a 256×256 matrix (2,031,616 data bytes) every 20 s)") == true,
                "\(avail.feasibility.reason ?? "")")
        #expect(r.rows.filter { $0.layerKind != .avail }.allSatisfy { $0.feasible })
        #expect(r.assumptions.contains { $0.contains("avail 101,581 B/s") && $0.contains("celestia 10,529,289 B/s (app v9") })
        // At 100 TPS Avail fits.
        let slow = try CapacityTests.report("""
            start: 2026-12-01
            traffic: {tps: 100}
            codecs: [brotli-10]
            layers: [{kind: avail}]
            """)
        #expect(slow.rows.allSatisfy { $0.feasible })
    }

    /// Submissions above the ceiling wait: 150 bytes a step against 100 carried leaves 50 more each
    /// step; first in, first out, step 4's bytes (through 750) are carried by the end of step 7 (7 × 100 +
    /// 100 = 800 ≥ 750, not at step 6's 700): a wait of 3 steps, 300 s, the longest; then it drains.
    @Test func theQueueCarriesWhatTheThroughputAllows() throws {
        var spec = LayerSpec(kind: .generic, name: "g")
        spec.maxBytesPerSecond = 1 // 100 bytes per 100-s step
        var q = try #require(ThroughputQueue(spec: spec, start: 0, steps: 20, stepSeconds: 100, days: 1))
        for s in 0..<5 { q.submitted = 150; q.close(step: s, day: 0) }
        #expect(q.backlog == 250 && q.maxBacklog == 250)
        for s in 5..<8 { q.close(step: s, day: 0) }
        #expect(q.backlog == 0 && q.maxBacklog == 250)
        #expect(q.worstWaitSeconds == 300 && q.worstWait(at: 8) == 300)
        // Left waiting at the horizon: 2 steps of 150 over 100 leave 100 (from step 9); at step 11 the
        // newest byte would wait 100 / 100 = 1 more step and the oldest has waited 11 − 9 = 2 steps, both
        // under the 300 s already measured; at step 13 the oldest has waited 4 steps: 400 s.
        for s in 8..<10 { q.submitted = 150; q.close(step: s, day: 0) }
        #expect(q.backlog == 100 && q.worstWait(at: 11) == 300)
        #expect(q.worstWait(at: 13) == 400)
        #expect(ThroughputQueue.growsFromDay([3.0, 2, 5, 10, 20]) == 1)
        #expect(ThroughputQueue.growsFromDay([0.0, 5, 3, 20]) == nil) // grew for under three days at the end
        #expect(ThroughputQueue.growsFromDay([0.0, 0, 0]) == nil)
    }

    /// A horizon that crosses Celestia v9 carries four times as much from the step after it activates.
    @Test func theQueueFollowsCelestiasDates() throws {
        let start = Self.at("2026-07-01") + 18 * 3600 // v9 53 minutes later
        var q = try #require(ThroughputQueue(spec: LayerSpec(kind: .celestia, name: "c"), start: start, steps: 4, stepSeconds: 1800, days: 1))
        let before = 7_896_602.0 / 6 * 1800, after = 31_587_866.0 / 3 * 1800
        q.submitted = before + 1; q.close(step: 0, day: 0)
        #expect(q.backlog == 1)
        q.submitted = before + 1; q.close(step: 1, day: 0)   // 18:30-19:00: still under the old square
        #expect(q.backlog == 2)
        q.submitted = 2 * before; q.close(step: 2, day: 0)   // from 19:00: v9 carries it all
        #expect(q.backlog == 0 && after > 2 * before + 2)
    }

    /// The stress scenario's projection: Avail's backlog grows from the first day and never drains;
    /// Celestia and EigenDA carry the load.
    @Test func stressProjectionShowsAvailsBacklog() throws {
        var s = try ScenarioReader.load(path: "fixtures/scenarios/stress-1000tps.yaml").0
        s.projection.paths = 2
        s.horizonDays = 4
        let p = try ProjectionRun().run(scenario: s, profile: ProjectionTests.profile)
        let avail = try #require(p.layers.first { $0.layer == "avail" })
        #expect(avail.backlogGrowsFromDay == 0)
        // Four days of (needed − 101,580.8) B/s waiting: hundreds of MB to tens of GB.
        #expect(avail.maxBacklogBytes > 10_000_000_000 && avail.maxBacklogBytes < 100_000_000_000, "\(avail.maxBacklogBytes)")
        #expect(avail.worstLatencySeconds.p50 > 86_400)
        for name in ["celestia", "eigenda"] {
            let l = try #require(p.layers.first { $0.layer == name })
            #expect(l.maxBacklogBytes == 0 && l.backlogGrowsFromDay == nil, "\(name)")
        }
    }

    /// The scenario's own values are read and bounded.
    @Test func scenarioOverridesAreReadAndChecked() throws {
        let (s, _) = try CapacityTests.scenario("""
            layers:
              - {kind: avail, block_seconds: 20, block_bytes: 4063232}
              - {kind: eigenda, on_demand_symbols_per_second: 65536}
            """)
        #expect(s.layers[0].blockBytes == 4_063_232 && s.layers[0].blockSeconds == 20)
        #expect(LayerThroughput.of(s.layers[1], at: 0)?.bytesPerSecond == 2_097_152.0)
        #expect(throws: ScenarioError.self) { try CapacityTests.scenario("layers: [{kind: avail, block_seconds: 0}]") }
        #expect(throws: ScenarioError.self) { try CapacityTests.scenario("layers: [{kind: eigenda, block_bytes: 100000}]") }
    }
}

/// Congestion on alt-DA layers (issue 17, part 2): others' demand takes its share of the throughput;
/// Celestia prices inclusion above the minimum only when demand exceeds the square; Avail's multiplier
/// barely moves.
@Suite struct AltDACongestionTests {
    /// Everything fits: the minimum. Twice the room in others' demand (f = 1/2): others bid at least the
    /// minimum, half-normal in log with σ = 1, so the price is minimum × exp(Φ⁻¹(3/4)) = × e^0.6744897502.
    @Test func celestiaPricesAboveTheMinimumOnlyPastTheSquare() {
        let min = 0.004
        #expect(AltDACongestion.celestiaInclusionPrice(minPrice: min, own: 1, background: 5, capacity: 6, spread: 1) == min)
        #expect(AltDACongestion.celestiaInclusionPrice(minPrice: min, own: 1, background: 4.999, capacity: 6, spread: 1) == min)
        let p = AltDACongestion.celestiaInclusionPrice(minPrice: min, own: 1, background: 10, capacity: 6, spread: 1)
        #expect(abs(p / (min * Foundation.exp(0.6744897502)) - 1) < 1e-8, "\(p)")
        // Just past the square the price is just above the minimum (continuous), and it rises with demand.
        let just = AltDACongestion.celestiaInclusionPrice(minPrice: min, own: 1, background: 5.001, capacity: 6, spread: 1)
        #expect(just > min && just < min * 1.001)
        #expect(AltDACongestion.celestiaInclusionPrice(minPrice: min, own: 1, background: 100, capacity: 6, spread: 1) > p)
        #expect(AltDACongestion.celestiaInclusionPrice(minPrice: min, own: 7, background: 1, capacity: 6, spread: 1) == .infinity)
    }

    /// TargetedFeeAdjustment (v = 1e-6, target 50%): a day of full 20-s blocks raises the multiplier by
    /// (1 + 5e-7 + 1.25e-13)^4,320 − 1 ≈ 0.216% (the reference's "~0.22%"); half-full blocks leave it.
    @Test func availsMultiplierBarelyMoves() {
        let full = AltDACongestion.availMultiplier(fullness: 1, blocks: 4_320) - 1
        #expect(abs(full - (Foundation.pow(1 + 5e-7 + 1.25e-13, 4_320) - 1)) < 1e-15)
        #expect(full > 0.00216 && full < 0.00217)
        #expect(AltDACongestion.availMultiplier(fullness: 0.5, blocks: 1e6) == 1)
        #expect(AltDACongestion.availMultiplier(fullness: 0, blocks: 4_320) < 1)
    }

    /// compare: a Celestia square others want twice over (20 MB/s against 10.5) raises the rollup's price and says so;
    /// EigenDA's on-demand bucket, mostly used by others, refuses the rollup's traffic (infeasible).
    @Test func compareSeesOthersDemand() throws {
        let quiet = try CapacityTests.report("""
            start: 2026-12-01
            traffic: {tps: 1000}
            codecs: [brotli-10]
            layers: [{kind: celestia}, {kind: eigenda}]
            """)
        let busy = try CapacityTests.report("""
            start: 2026-12-01
            traffic: {tps: 1000}
            codecs: [brotli-10]
            layers:
              - {kind: celestia, background_bytes_per_second: 20000000}
              - {kind: eigenda, background_bytes_per_second: 4000000}
            """)
        let c0 = try #require(quiet.rows.first { $0.layerKind == .celestia }), c1 = try #require(busy.rows.first { $0.layerKind == .celestia })
        #expect(c1.costPerTxUSD > c0.costPerTxUSD * 1.1, "\(c1.costPerTxUSD) vs \(c0.costPerTxUSD)")
        #expect(busy.warnings.contains { $0.contains("the square is congested") })
        let e1 = try #require(busy.rows.first { $0.layerKind == .eigenDA })
        #expect(!e1.feasible && e1.feasibility.reason?.contains("of which others use 4,000,000 B/s") == true, "\(e1.feasibility.reason ?? "")")
        #expect(busy.assumptions.contains { $0.contains("TargetedFeeAdjustment") } == false) // no Avail layer here
    }

    /// One layer (a `layers:` list item, indented two spaces) projected over three days from 2026-12-01 at
    /// 1,000 TPS of the bundled trace, brotli-10, one path.
    static func threeDays(layer: String) throws -> ProjectionSection.Layer {
        let s = try ProjectionTests().scenario("""
            start: 2026-12-01
            horizon_days: 3
            traffic: {tps: 1000}
            codecs: [brotli-10]
            batcher: {codec: brotli-10}
            projection: {paths: 1}
            layers:
            \(layer)
            """)
        return try #require(try ProjectionRun().run(scenario: s, profile: ProjectionTests.profile).layers.first)
    }

    /// project: a day when others want 14 MB/s of v9's 10.5 MB/s square costs the rollup more per day
    /// on Celestia (its inclusion price), counted as 24 congested hours; the other days cost the minimum.
    @Test func projectPricesACongestedDay() throws {
        let l = try AltDACongestionTests.threeDays(layer: """
              - kind: celestia
                background_bytes_per_second:
                  kind: piecewise
                  interpolation: step
                  points: [{date: 2026-12-01, value: 100000}, {date: 2026-12-02, value: 14000000}, {date: 2026-12-03, value: 100000}]
            """)
        #expect(l.congestedHours?.p50 == 24)
        let peak = try #require(l.peakPriceMultiple?.p50)
        #expect(peak > 1.2 && peak < 2, "\(peak)")
        #expect(l.daily[1].usd.p50 > l.daily[0].usd.p50 * 1.05 && abs(l.daily[2].usd.p50 / l.daily[0].usd.p50 - 1) < 0.01)
        #expect(l.maxBacklogBytes == 0) // the rollup outbids others: nothing waits
    }

    /// A throughput queue shares its layer: with others using 60 of 100 bytes a step, 50 submitted a step
    /// leave 10 more waiting each step.
    @Test func othersDemandShrinksWhatTheQueueCarries() throws {
        var spec = LayerSpec(kind: .generic, name: "g")
        spec.maxBytesPerSecond = 1
        var q = try #require(ThroughputQueue(spec: spec, start: 0, steps: 10, stepSeconds: 100, days: 1,
                                             background: Array(repeating: 0.6, count: 10)))
        for s in 0..<3 { q.submitted = 50; q.close(step: s, day: 0) }
        #expect(abs(q.backlog - 30) < 1e-9)
    }
}

/// EigenDA's refusal of on-demand traffic beyond the global bucket, and where it goes.
@Suite struct EigenDARefusalTests {
    /// Others use 4,000,000 of the bucket's 4,194,304 encoded B/s; the rollup at 1,000 TPS wants more than
    /// the rest. With `on_refusal: ethereum_blobs` the refused submissions go to blobs at their price and
    /// nothing waits; with the default (wait) they queue and the backlog grows.
    @Test func refusedTrafficGoesWhereTheScenarioSays() throws {
        func run(_ policy: String) throws -> ProjectionSection.Layer {
            try AltDACongestionTests.threeDays(layer: "  - {kind: eigenda, background_bytes_per_second: 4000000, on_refusal: \(policy)}")
        }
        let fallback = try run("ethereum_blobs")
        let r = try #require(fallback.refusals)
        #expect(r.policy == "ethereum_blobs" && r.submissions.p50 > 0 && r.usd.p50 > 0)
        #expect(fallback.maxBacklogBytes == 0 && fallback.fallbackSubmissions.p50 == r.submissions.p50)
        let wait = try run("wait")
        #expect(wait.refusals == nil && wait.maxBacklogBytes > 0 && wait.backlogGrowsFromDay == 0)
        // The same submissions either way: refused ones are made on Ethereum instead.
        #expect(wait.submissions.p50 == fallback.submissions.p50)
    }
}

/// Avail's tips: paid per extrinsic on top of the fee, and a tip above others' puts the rollup's data first.
@Suite struct AvailTipTests {
    static func avail(_ extra: String) throws -> ComparisonRow {
        let r = try CapacityTests.report("""
            traffic: {tps: 150}
            codecs: [brotli-10]
            layers: [{kind: avail, background_bytes_per_second: 70000\(extra)}]
            """)
        return try #require(r.rows.first { $0.layer == "avail" })
    }

    @Test func aHigherTipGoesFirstAndCostsItsTip() throws {
        // ~48 kB/s of the rollup's own plus 70 kB/s of others' is past the ~101.6 kB/s matrix: shared, it cannot carry.
        let plain = try Self.avail("")
        #expect(!plain.feasible)
        // Tipping above others (whose tip defaults to 0) puts its data first: its own bytes fit.
        let tipped = try Self.avail(", tip_avail: 0.01")
        #expect(tipped.feasible)
        let extrinsics = Double(tipped.units["extrinsics"] ?? 0) * tipped.submissionsPerDay
        #expect(abs((tipped.costPerDayNative - plain.costPerDayNative) - 0.01 * extrinsics) < 1e-9 * max(1, plain.costPerDayNative))
        // Tipping no more than others changes the cost but not the order.
        let matched = try Self.avail(", tip_avail: 0.01, background_tip_avail: 0.01")
        #expect(!matched.feasible)
    }
}
