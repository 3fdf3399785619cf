import Foundation
import Testing
@testable import DACost

/// Calldata pays the rules of its day: 68 gas per non-zero byte before Istanbul, 16 (EIP-2028) until
/// Prague, the EIP-7623 floor since, and a fork the scenario dates after that.
@Suite struct RulesByDateTests {
    static func time(_ day: String) -> Int64 { CalendarDay.epochSeconds(day) ?? 0 }

    @Test func mainnetCalldataForksByDate() {
        let s = CalldataSchedule.mainnet
        #expect(s.fork(at: Self.time("2019-06-01")).pricing == .frontier)
        #expect(s.fork(at: Self.time("2019-12-08")).pricing == .frontier)   // Istanbul came at 00:25 UTC that day
        #expect(s.fork(at: Self.time("2019-12-09")).pricing == .eip2028)
        #expect(s.fork(at: Self.time("2023-06-07")).pricing == .eip2028)
        #expect(s.fork(at: Self.time("2025-05-07")).pricing == .eip2028)    // Prague came at 10:05 UTC that day
        #expect(s.fork(at: Self.time("2025-05-08")).pricing == .eip7623)
    }

    /// By hand, 1,000 non-zero and 100 zero bytes: Frontier 21,000 + 68,000 + 400 = 89,400; EIP-2028
    /// 21,000 + 16,000 + 400 = 37,400; EIP-7623 tokens 4,100 → floor 41,000 → 62,000; EIP-7976 64 × 1,100 → 91,400.
    @Test func gasPerForkByHand() {
        #expect(CalldataPricing.frontier.transactionGas(zeroBytes: 100, nonZeroBytes: 1_000) == 89_400)
        #expect(CalldataPricing.eip2028.transactionGas(zeroBytes: 100, nonZeroBytes: 1_000) == 37_400)
        #expect(CalldataPricing.eip7623.transactionGas(zeroBytes: 100, nonZeroBytes: 1_000) == 62_000)
        #expect(CalldataPricing.eip7976.transactionGas(zeroBytes: 100, nonZeroBytes: 1_000) == 91_400)
    }

    /// A 2023 day pays 2023 rules: the calldata row is priced at 16 gas per non-zero byte, not the floor.
    @Test func aDayOf2023PaysEIP2028() throws {
        let old = try CapacityTests.report("start: 2023-06-07\ncodecs: [zlib-9]\nlayers: [{kind: ethereum_calldata}]\n")
        let now = try CapacityTests.report("start: 2026-06-07\ncodecs: [zlib-9]\nlayers: [{kind: ethereum_calldata}]\n")
        #expect(old.market.calldataPricing == .eip2028 && old.market.calldataFork == "istanbul")
        #expect(now.market.calldataPricing == .eip7623)
        let a = try #require(old.rows.first), b = try #require(now.rows.first)
        #expect(a.payloadBytesPerSubmission == b.payloadBytesPerSubmission)
        let payload = Payload(bytes: a.payloadBytesPerSubmission, zeroBytes: 0)
        let gas2028 = try #require(EthereumCalldata(pricing: .eip2028).pack(payload).units["gas"])
        let gasOld = try #require(a.units["gas"]), gasNow = try #require(b.units["gas"])
        // The same bytes: EIP-2028 gas (a little less than all-non-zero: ~0.4% of compressed bytes are zero and
        // cost 4), about 2.48 times less than under the floor.
        #expect(gasOld < gas2028 && Double(gasOld) / Double(gas2028) > 0.995)
        #expect(Double(gasNow) / Double(gasOld) > 2.4 && Double(gasNow) / Double(gasOld) < 2.5)
        #expect(old.assumptions.contains { $0.contains("Rules in force on 2023-06-07: calldata istanbul (16 gas per non-zero byte") })
    }

    /// A fork the scenario dates with `eip7976: true` prices calldata by EIP-7976 from its date.
    @Test func aDatedForkCanBringEIP7976() throws {
        let yaml = """
            start: 2027-03-01
            codecs: [zlib-9]
            layers: [{kind: ethereum_calldata}]
            blob_schedule: {extra_forks: [{name: glamsterdam, date: 2027-01-15, target: 21, max: 32, update_fraction: 20609697, eip7976: true}]}
            """
        let r = try CapacityTests.report(yaml)
        #expect(r.market.calldataPricing == .eip7976 && r.market.calldataFork == "glamsterdam")
        let before = try CapacityTests.report(yaml.replacingOccurrences(of: "start: 2027-03-01", with: "start: 2027-01-01"))
        #expect(before.market.calldataPricing == .eip7623)
    }
}

/// A projection that crosses a fork pays each side's rules, step by step.
@Suite struct ProjectionRulesByDateTests {
    @Test func calldataSpendChangesAtPrague() throws {
        let yaml = """
            start: 2025-05-05
            horizon_days: 4
            codecs: [brotli-10]
            batcher: {codec: brotli-10, da: calldata}
            market: {l1_base_fee_gwei: 1, l1_priority_fee_gwei: 0}
            layers: [{kind: ethereum_calldata}]
            projection: {paths: 1}
            """
        let (s, _) = try CapacityTests.scenario(yaml)
        let profile = try ProfileProvider(cacheDirectory: nil).profile(tracePath: try ScenarioReader.defaultTracePath, codecs: [.brotli(10)])
        let p = try ProjectionRun().run(scenario: s, profile: profile)
        let layer = try #require(p.layers.first)
        let before = layer.daily[0].usd.p50, after = layer.daily[3].usd.p50
        #expect(after / before > 2.4 && after / before < 2.5, "\(before) → \(after)")
        // Each side equals compare on a day under that rule.
        func comparePerDay(_ day: String) throws -> Double {
            let (t, file) = try CapacityTests.scenario(yaml.replacingOccurrences(of: "start: 2025-05-05", with: "start: \(day)"))
            return try #require(ComparisonReport.build(scenario: t, scenarioFile: file, profile: profile).rows.first).costPerDayUSD
        }
        #expect(abs(before / (try comparePerDay("2025-05-05")) - 1) < 0.005)
        #expect(abs(after / (try comparePerDay("2025-05-08")) - 1) < 0.005)
        #expect(p.rules.contains("calldata: istanbul, 16 gas per non-zero byte, 4 per zero byte (EIP-2028), from the start"))
        #expect(p.rules.contains { $0.hasPrefix("calldata: prague") && $0.contains("2025-05-07 10:05:11") }, "\(p.rules)")
    }
}
