import Foundation
import Testing
@testable import DACost

@Suite struct CapacityTests {
    static func scenario(_ yaml: String) throws -> (Scenario, String) {
        let dir = try VectorFile.temporaryDirectory()
        try yaml.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        return try ScenarioReader.load(path: dir + "/s.yaml")
    }

    static func report(_ yaml: String) throws -> Report {
        let (s, file) = try scenario(yaml)
        let profile = try ProfileProvider(cacheDirectory: nil).profile(tracePath: try ScenarioReader.defaultTracePath, codecs: s.codecs)
        return ComparisonReport.build(scenario: s, scenarioFile: file, profile: profile)
    }

    /// BPO2 (max 21): 21 blobs per block fit, 21.01 do not; no blobs at all before Cancun.
    @Test func blobsPerBlockAgainstTheForkMaximum() throws {
        let bpo2 = try #require(BlobSchedule.mainnet.forks.first { $0.name == "bpo2" })
        #expect(Capacity.blobs(perDay: 7_200 * 21, fork: bpo2).feasible)
        let over = Capacity.blobs(perDay: 7_200 * 21.01, fork: bpo2)
        #expect(!over.feasible && over.reason == "needs 21.0 blobs per 12-s block, more than bpo2's maximum of 21")
        #expect(Capacity.blobs(perDay: 1, fork: nil).reason?.contains("before Cancun") == true)
    }

    /// Mainnet's gas limit by date, and the default share (the EIP-1559 target).
    @Test func gasLimitFollowsTheDate() {
        let g = L1GasLimit.mainnet
        #expect(g.gasLimit(on: "2023-06-01") == 30_000_000)
        #expect(g.gasLimit(on: "2025-03-01") == 36_000_000)
        #expect(g.gasLimit(on: "2025-08-01") == 45_000_000)
        #expect(g.gasLimit(on: "2026-12-01") == 60_000_000)
        #expect(g.maxShare == 0.5)
        // 30M gas per block at a 60M limit and half of it allowed: just fits; one more gas per block does not.
        #expect(Capacity.calldata(gasPerDay: 7_200 * 30_000_000, gasLimit: 60_000_000, maxShare: 0.5).feasible)
        #expect(!Capacity.calldata(gasPerDay: 7_200 * 30_000_001, gasLimit: 60_000_000, maxShare: 0.5).feasible)
    }

    /// The case: at 1,000 TPS of the bundled trace, calldata needs ~160M gas per block. It is marked
    /// infeasible in every format and is never the winner; an alt-DA layer over its stated throughput too.
    @Test func overCapacityRowsAreMarkedAndNeverWin() throws {
        let r = try Self.report("""
            traffic: {tps: 1000}
            codecs: [brotli-10]
            layers:
              - {kind: ethereum_calldata}
              - {kind: celestia, max_bytes_per_second: 1000}
              - {kind: eigenda}
            """)
        let calldata = try #require(r.rows.first { $0.layerKind == .ethereumCalldata })
        #expect(!calldata.feasible)
        let reason = try #require(calldata.feasibility.reason)
        let gas = try #require(Double(reason.split(separator: "M gas").first?.split(separator: " ").last ?? ""))
        #expect(gas > 150 && gas < 170, "\(reason)")
        #expect(reason.contains("more than 50% of the 60,000,000 L1 block gas limit"))
        let celestia = try #require(r.rows.first { $0.layerKind == .celestia })
        #expect(!celestia.feasible && celestia.feasibility.reason?.contains("max_bytes_per_second") == true)
        // Celestia is cheaper per tx, yet the winner is EigenDA, the cheapest that can carry the load.
        #expect(celestia.costPerTxUSD < r.rows[0].costPerTxUSD)
        #expect(r.rows[0].layer == "eigenda" && ReportRenderer.isWinner(r.rows[0], in: r))
        #expect(!r.rows.contains { !$0.feasible && ReportRenderer.isWinner($0, in: r) })
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONOutput.encode(r))) as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.filter { $0["feasible"] as? Bool == false }.count == 2)
        #expect(rows.contains { ($0["infeasible_reason"] as? String)?.contains("M gas per 12-s block") == true })
        let csv = ReportRenderer.csv(r)
        #expect(csv.split(separator: "\n").first?.hasSuffix("feasible,infeasible_reason") == true)
        #expect(csv.contains(",false,\"needs "))
        #expect(ReportRenderer.markdown(r).contains("| no: needs "))
        #expect(HTMLReport.render(r).contains("(infeasible)"))
    }

    /// When the chain's own posting layer cannot carry the traffic, the OP fee check says so.
    @Test func theOPFeeCheckSaysWhenItsPostingLayerIsInfeasible() throws {
        let r = try Self.report("""
            traffic: {tps: 1000}
            codecs: [brotli-10]
            batcher: {da: calldata}
            layers: [{kind: ethereum_calldata}, {kind: ethereum_blobs}]
            """)
        let f = try #require(r.opFee)
        #expect(f.postingLayer == "ethereum-calldata")
        #expect(f.postingInfeasibleReason?.contains("gas per 12-s block") == true)
        #expect(ReportRenderer.opFeeSentence(f).contains("cannot carry this traffic"))
    }

    /// Before Cancun a blob layer is infeasible.
    @Test func noBlobsBeforeCancun() throws {
        let r = try Self.report("start: 2023-09-01\ncodecs: [brotli-10]\nlayers: [{kind: ethereum_blobs}, {kind: ethereum_calldata}]\n")
        let blobs = try #require(r.rows.first { $0.layerKind == .ethereumBlobs })
        #expect(!blobs.feasible && blobs.feasibility.reason?.contains("before Cancun") == true)
        #expect(r.rows[0].layerKind == .ethereumCalldata)
    }
}

@Suite struct AltDACommitmentTests {
    /// By hand, EIP-7623 floor (10 gas per token, tokens = zero bytes + 4 × non-zero bytes) + 21,000:
    /// Celestia 43 bytes (4 zero): 21,000 + 10 × (4 + 4 × 39) = 22,600; Avail 34 bytes (1 zero): 22,330;
    /// EigenDA 1,100 non-zero bytes: 21,000 + 44,000 = 65,000.
    @Test func commitmentGasByHand() {
        #expect(AltDACommitment.celestia.bytes == 43 && AltDACommitment.celestia.gas() == 22_600)
        #expect(AltDACommitment.avail.bytes == 34 && AltDACommitment.avail.gas() == 22_330)
        #expect(AltDACommitment.eigenDA.gas() == 65_000)
    }

    /// Every alt-DA row pays its commitment on L1 by default, shows the ETH beside its token, and a user's
    /// `l1_commitment_bytes` or `l1_commitment_gas` replaces the default.
    @Test func altDARowsIncludeTheirL1SideByDefault() throws {
        let (s, _) = try CapacityTests.scenario("codecs: [brotli-10]\n")
        #expect(s.layers.first { $0.kind == .celestia }?.l1CommitmentGas == 22_600)
        #expect(s.layers.first { $0.kind == .eigenDA }?.l1CommitmentGas == 65_000)
        #expect(s.layers.first { $0.kind == .avail }?.l1CommitmentGas == 22_330)
        let r = try CapacityTests.report("codecs: [brotli-10]\nmarket: {l1_base_fee_gwei: 10}\n")
        let celestia = try #require(r.rows.first { $0.layerKind == .celestia })
        // 22,600 gas at (10 + tip) gwei per submission.
        let tip = s.market.l1PriorityFeeGwei
        #expect(abs(celestia.l1ETHPerSubmission - 22_600 * (10 + tip) * 1e-9) < 1e-12)
        #expect(celestia.componentsPerDayUSD["fixed_l1_overhead"] ?? 0 > 0)
        #expect(ReportRenderer.summaryTable(r).render(.markdown).contains("TIA + "))
        let given = try CapacityTests.scenario("layers: [{kind: celestia, l1_commitment_bytes: 100}, {kind: avail, l1_commitment_gas: 0}]\n").0
        #expect(given.layers[0].l1CommitmentGas == Int(AltDACommitment(bytes: 100).gas()))
        #expect(given.layers[1].l1CommitmentGas == 0)
    }
}

@Suite struct ReportWordingTests {
    /// A break-even scalar of 0 says why: the other scalar alone covers the posting cost.
    @Test func breakEvenZeroSaysWhy() throws {
        #expect(OPFeeCheck.describeBreakEven(0, other: "base-fee") == "0 (the base-fee scalar alone already covers the posting cost)")
        #expect(OPFeeCheck.describeBreakEven(nil, other: "base-fee").contains("the fee it multiplies is zero"))
        #expect(OPFeeCheck.describeBreakEven(63_135.4, other: "base-fee") == "63135")
        let r = try CapacityTests.report("op_fee: {base_fee_scalar: 100000000}\ncodecs: [brotli-10]\n")
        let f = try #require(r.opFee)
        #expect(f.breakEvenBlobBaseFeeScalar == 0)
        #expect(ReportRenderer.opFeeSentence(f).contains("blob base-fee scalar 0 (the base-fee scalar alone already covers the posting cost)"))
        #expect(ReportRenderer.screen(r).contains("break-even blob scalar 0 (the base-fee scalar alone"))
    }

    /// $/MB says what the MB is.
    @Test func costPerMBSaysWhichBytes() throws {
        let r = try CapacityTests.report("codecs: [brotli-10]\n")
        #expect(ReportRenderer.summaryTable(r).headers.contains("$/MB (uncompressed L2)"))
        #expect(ReportRenderer.markdown(r).contains("$/MB is per MB (10^6 bytes) of uncompressed L2 data"))
    }
}
