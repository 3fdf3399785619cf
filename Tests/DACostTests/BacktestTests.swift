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

/// Users' L1 fee by the formula in force on the day.
@Suite struct BacktestRevenueByDateTests {
    /// A real 2023 row's values on a day (2024-05-01) between Ecotone and Fjord (2024-07-10). By hand from the model's own calldata gas: revenue = calldata gas × (16 × base × 5,227 + blob × 1,014,213) / 16e6.
    @Test func ecotoneDayUsesBlobFeeAndScalars() throws {
        var d = try #require(try DailyPostingCSV.read(path: try BacktestTests.write(BacktestTests.header + "\n" + BacktestTests.row + "\n")).first)
        d.date = "2024-05-01"
        d.l2AvgL1BlobBaseFeeGwei = 2
        let trace = try Backtest.TraceStatistics.measure(tracePath: ScenarioReader.defaultTracePath, name: "t")
        let model = Backtest(trace: trace, curves: [:])
        let chain = Backtest.ChainParameters()
        let gas = 1_000_000.0
        let ecotone = try #require(model.revenueETH(era: .ecotone, calldataGas: gas, day: d, chain: chain))
        let base = d.l2AvgL1BaseFeeGwei * 1e9, blob = 2e9
        #expect(abs(ecotone - gas * (16 * base * 5_227 + blob * 1_014_213) / 16e6 / 1e18) < 1e-12)
        // Fjord: the trace's mean estimated size per transaction in place of calldata gas / 16.
        let fjord = try #require(model.revenueETH(era: .fjord, calldataGas: gas, day: d, chain: chain))
        #expect(abs(fjord - d.l2Txs * trace.fjordEstimatedSizeScaledPerTx * (16 * base * 5_227 + blob * 1_014_213) / 1e12 / 1e18) < 1e-9)
        // Bedrock days keep their formula; an Ecotone day without the blob fee has none.
        d.l2AvgL1BlobBaseFeeGwei = nil
        #expect(model.revenueETH(era: .ecotone, calldataGas: gas, day: d, chain: chain) == nil)
        let bedrock = try #require(model.revenueETH(era: .bedrock, calldataGas: gas, day: d, chain: chain))
        #expect(abs(bedrock - (gas + d.l2Txs * 188) * base * 684_000 / 1e6 / 1e18) < 1e-12)
    }

    /// A post-Ecotone row read with and without the optional blob-fee column: priced, or left out with a warning.
    @Test func postEcotoneRowsArePricedWhenTheBlobFeeIsGiven() throws {
        let late = BacktestTests.row.replacingOccurrences(of: "2023-06-07", with: "2024-05-01")
        let without = try BacktestRun().run(csvPath: try BacktestTests.write(BacktestTests.header + "\n" + late + "\n"), tracePath: nil, whatIf: nil)
        #expect(without.rows.first?.day.values["l1_fee_revenue_eth"] == nil)
        #expect(without.rows.first?.day.marginETHPredicted == nil)
        #expect(without.warnings.contains { $0.contains("l2_avg_l1_blob_base_fee_gwei") })
        let with = try BacktestRun().run(csvPath: try BacktestTests.write(BacktestTests.header + ",l2_avg_l1_blob_base_fee_gwei\n" + late + ",3\n"),
                                         tracePath: nil, whatIf: nil)
        #expect(with.rows.first?.day.values["l1_fee_revenue_eth"]?.predicted ?? 0 > 0)
        #expect(with.rows.first?.day.marginETHPredicted != nil)
        let bad = try BacktestTests.write(BacktestTests.header + ",l2_avg_l1_blob_base_fee_gwei\n" + late + ",x\n")
        let error = #expect(throws: (any Error).self) { try BacktestRun().run(csvPath: bad, tracePath: nil, whatIf: nil) }
        #expect("\(error.map { "\($0)" } ?? "")".contains(":2: column 'l2_avg_l1_blob_base_fee_gwei'"))
    }
}
