import Foundation
import Testing
@testable import DACost

@Suite struct BacktestTests {
    static let csv = VectorFile.fixtures + "/op-chains-daily-2023.csv"

    static func write(_ text: String) throws -> String {
        let dir = try VectorFile.temporaryDirectory()
        try text.write(toFile: dir + "/d.csv", atomically: true, encoding: .utf8)
        return dir + "/d.csv"
    }

    static let header = "date,chain,l2_txs,l2_tx_bytes,l2_tx_calldata_gas,inbox_txs,inbox_bytes,inbox_gas_used,inbox_fees_eth,inbox_avg_gas_price_gwei,output_txs,output_gas_used,output_fees_eth,output_avg_gas_price_gwei,l2_avg_l1_base_fee_gwei,l1_fee_revenue_eth"
    static let row = "2023-06-07,OP Mainnet,381654,152405238,1209180024,665,70508146,1138900744,27.856191976699375,24.458840793152888,24,2084532,0.04677091331307627,22.437128963756024,24.240728435019196,30.598487793765074"

    /// By hand (specs exec-engine.md, Bedrock): (1,000 + 188) × 30 gwei × 684,000 / 1e6 = 24,377,760 gwei.
    @Test func bedrockFeeByHand() {
        #expect(OPStack.bedrockL1Fee(dataGas: 1_000, l1BaseFeeWei: 30_000_000_000) == 24_377_760_000_000)
    }

    /// The L1-attributes input by hand: selector 4 non-zero bytes; block 17,420,000 = 0x01 09 CE E0 (4); timestamp
    /// 1,686,139,200 = 0x64 80 71 40 (4); base fee 24 gwei = 0x05 96 82 F0 00 (4 non-zero of 5); hash 32; sequence 0
    /// (none); batcher hash 20; overhead 188 (1); scalar 684,000 = 0x0A 6F E0 (3).
    @Test func l1AttributesGasByHand() {
        let gas = OPStack.bedrockL1AttributesGas(l1BlockNumber: 17_420_000, l1Timestamp: 1_686_139_200, l1BaseFeeWei: 24_000_000_000,
                                                 sequenceNumber: 0)
        let nonZero: UInt64 = 4 + 4 + 4 + 4 + 32 + 0 + 20 + 1 + 3
        #expect(gas == 16 * nonZero + 4 * (260 - nonZero))
    }

    /// The model on the bundled real days meets its targets (the closing note gives the table).
    @Test func bundledDaysMeetTheTargets() throws {
        let doc = try BacktestRun().run(csvPath: Self.csv, tracePath: nil, whatIf: nil)
        #expect(doc.rows.count == 55)
        let s = doc.summary
        let gas = try #require(s["inbox_gas"]), fees = try #require(s["inbox_fees_eth"]), output = try #require(s["output_gas"])
        let revenue = try #require(s["l1_fee_revenue_eth"])
        #expect(gas.medianAbsErrorPercent <= 0.3 && gas.maxAbsErrorPercent <= 1, "\(gas)")
        #expect(fees.medianAbsErrorPercent <= 0.3 && fees.maxAbsErrorPercent <= 1, "\(fees)")
        #expect(output.medianAbsErrorPercent <= 2, "\(output)")
        #expect(revenue.medianAbsErrorPercent <= 2, "\(revenue)")
        #expect(s["inbox_bytes"]?.days == 55)
        // 2023 pays 2023 rules: EIP-2028 calldata and zlib channels.
        #expect(doc.days.allSatisfy { $0.calldataFork == "istanbul" && $0.codec == .zlib(9) })
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONOutput.encode(doc))) as? [String: Any])
        #expect(json["schema"] as? String == "dacost.backtest/v1")
        let first = try #require((json["rows"] as? [[String: Any]])?.first)
        for q in Backtest.quantities { for suffix in ["_actual", "_predicted", "_error_percent"] { #expect(first[q + suffix] is Double, "\(q + suffix)") } }
        #expect(first["date"] as? String == "2023-06-07" && first["chain"] as? String == "OP Mainnet")
        let summary = try #require(json["summary"] as? [String: [String: Any]])
        #expect(summary["inbox_gas"]?["median_abs_error_percent"] is Double && summary["inbox_gas"]?["days"] as? Int == 55)
        #expect(BacktestRenderer.markdown(doc).hasPrefix("# dacost backtest: OP Mainnet, 2023-06-07 to 2023-07-31\n\nThe model against"))
        #expect(BacktestRenderer.markdown(doc).contains("## Summary\n\n| quantity |"))
    }

    /// The counterfactual prices the same days on the scenario's layers; what the chain paid is the inbox and
    /// output fees of the days.
    @Test func whatIfPricesTheSameDays() throws {
        let (scenario, file) = try ScenarioReader.load(path: VectorFile.fixtures + "/scenarios/backtest-what-if.yaml")
        let doc = try BacktestRun().run(csvPath: Self.csv, tracePath: nil, whatIf: (scenario, file))
        let w = try #require(doc.whatIf)
        let records = try DailyPostingCSV.read(path: Self.csv)
        #expect(abs(w.actualETH - records.reduce(0) { $0 + $1.inboxFeesETH + $1.outputFeesETH }) < 1e-9)
        #expect(w.layers.count == 5 && w.calldataFork == "prague" && w.blobFork == "bpo2")
        let blobs = try #require(w.layers.first { $0.layer == "ethereum-blobs" })
        let calldata = try #require(w.layers.first { $0.layer == "ethereum-calldata" })
        #expect(blobs.totalUSD < w.actualUSD && calldata.totalUSD > w.actualUSD)
    }

    @Test(arguments: [
        (row.replacingOccurrences(of: ",665,", with: ",,"), ":2: column 'inbox_txs': missing value"),
        (row.replacingOccurrences(of: ",665,", with: ",-665,"), ":2: column 'inbox_txs': expected a number from 0 to 1e18, got -665"),
        (row.replacingOccurrences(of: ",665,", with: ",66.5,"), ":2: column 'inbox_txs': expected a whole count"),
        (row.replacingOccurrences(of: ",665,", with: ",lots,"), ":2: column 'inbox_txs': expected a number, got \"lots\""),
        (row.replacingOccurrences(of: "2023-06-07", with: "2023-13-45"), ":2: column 'date': expected a calendar day YYYY-MM-DD"),
        (row + "\n" + row, ":3: column 'date': 2023-06-07 appears twice for chain OP Mainnet"),
    ])
    func badRowsNameLineAndColumn(_ body: String, _ expected: String) throws {
        let path = try Self.write(Self.header + "\n" + body + "\n")
        do {
            _ = try DailyPostingCSV.read(path: path)
            Issue.record("no error")
        } catch let e as DailyPostingError {
            #expect(e.description.contains(expected), "\(e)")
        }
    }

    /// Windows line ends read like Unix ones; a missing column is named.
    @Test func crlfReadsAndMissingColumnsAreNamed() throws {
        let rows = try DailyPostingCSV.read(path: try Self.write(Self.header + "\r\n" + Self.row + "\r\n"))
        #expect(rows.count == 1 && rows[0].l1FeeRevenueETH == 30.598487793765074)
        do {
            _ = try DailyPostingCSV.read(path: try Self.write(Self.header.replacingOccurrences(of: ",output_txs", with: "") + "\n"))
            Issue.record("no error")
        } catch let e as DailyPostingError {
            #expect(e.description.contains(":1: column 'output_txs': the header lacks output_txs"), "\(e)")
        }
    }

    /// Rows of several chains share a file; each chain's fee parameters come from the scenario that names it.
    @Test func chainsTakeTheirOwnParameters() throws {
        let other = Self.row.replacingOccurrences(of: "OP Mainnet", with: "Test Chain")
        let path = try Self.write(Self.header + "\n" + Self.row + "\n" + other + "\n")
        let plain = try BacktestRun().run(csvPath: path, tracePath: nil, whatIf: nil)
        #expect(plain.warnings.contains { $0.contains("Test Chain") && $0.contains("backtest.chains") })
        let (scenario, _) = try CapacityTests.scenario("backtest: {chains: {Test Chain: {bedrock_scalar: 1368000, output_proposal_gas: 90000}}}\n")
        var run = BacktestRun()
        run.chains = scenario.backtestChains ?? [:]
        let doc = try run.run(csvPath: path, tracePath: nil, whatIf: nil)
        #expect(!doc.warnings.contains { $0.contains("Test Chain") })
        let op = try #require(doc.days.first { $0.chain == "OP Mainnet" }), test = try #require(doc.days.first { $0.chain == "Test Chain" })
        let ratio = try #require(test.values["l1_fee_revenue_eth"]?.predicted) / (try #require(op.values["l1_fee_revenue_eth"]?.predicted))
        #expect(abs(ratio - 2) < 1e-3, "\(ratio)") // twice the scalar; the deposit's own scalar bytes barely move it
        #expect(test.values["output_gas"]?.predicted == Double(24 * 90_000))
    }
}
