import Foundation
import Testing
@testable import DACost

/// Calldata pays the rules of its day: 68 gas per non-zero byte before Istanbul, 16 (EIP-2028) until
/// Prague, the EIP-7623 floor since, and a fork the scenario dates after that.
@Suite struct RulesByDateTests {
    static func time(_ day: String) -> Int64 { Int64(ScenarioReader.dayFormatter.date(from: day)?.timeIntervalSince1970 ?? 0) }

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
