import Foundation
import Testing
@testable import DACost

@Suite struct ComparisonTests {
    /// A profile with a flat ratio of 0.5: 10,000 txs of 1,000 bytes.
    static func flatProfile(ratio: Double = 0.5) -> CompressionProfile {
        func result(_ batch: BatchTarget, _ input: Int, _ batches: Int) -> CompressionProfile.Result {
            CompressionProfile.Result(codec: .zstd(3), batch: batch, batchTargetBytes: batch.byteCount, batches: batches, transactions: 10_000,
                                      inputBytes: input, compressedBytes: Int(Double(input) * ratio), ratio: ratio, ratioP5: ratio,
                                      ratioP50: ratio, ratioP95: ratio, compressMBs: nil, decompressMBs: nil)
        }
        let info = CompressionProfile.TraceInfo(path: "t", transactions: 10_000, bytes: 10_000_000, sha256: "00", depositsSkipped: 0,
                                                types: [:], fastlzBytes: 6_000_000, fjordEstimatedSizeScaled: 10_000 * 459_314_400)
        return CompressionProfile(dacostVersion: "test", trace: info, codecs: [:],
                                  results: [result(.bytes(16_384), 10_000_000, 625), result(.all, 10_000_000, 1)])
    }

    /// Numbers in reports: printf's digits (the exact binary value rounded), a '.' whatever the locale.
    @Test func fixedDecimalsArePrintfDigits() {
        #expect(NumberFormat.fixed(1.005, 2) == "1.00")   // 1.005 is 1.00499999999999989... in binary
        #expect(NumberFormat.fixed(2.5, 0) == "2")        // round half to even, as printf does
        #expect(NumberFormat.fixed(-0.25, 1) == "-0.2")
        #expect(NumberFormat.fixed(12_345.678, 1) == "12345.7")
        #expect(NumberFormat.fixed(1e20, 2) == "100000000000000000000.00")
        #expect(NumberFormat.fixed(0.000_001, 3) == "0.000")
        #expect(NumberFormat.fixed(-.greatestFiniteMagnitude, 20).count == 1 + 309 + 1 + 20)
        #expect(NumberFormat.fixed(.nan, 2) == "-" && NumberFormat.fixed(.infinity, 2) == "inf")
        #expect(NumberFormat.significant(0.063_67) == "0.06367")
    }

    /// By hand: 10 TPS × 1,000 B = 10,000 B/s. Six OP blobs hold 780,120 channel bytes = 1,560,240
    /// uncompressed bytes at ratio 0.5, filled in 156.024 s: 553.76… submissions a day. One submission:
    /// 6 × 131,072 blob gas at 1 gwei + 21,000 gas at 1 gwei = 807,432 gwei = $1.614864 at $2,000.
    @Test func blobsByHand() throws {
        let profile = Self.flatProfile()
        let curve = try #require(RatioCurve(profile: profile, codec: .zstd(3)))
        let market = MarketState(l1BaseFee: 1_000_000_000, l1PriorityFee: 0, blobBaseFee: 1_000_000_000, usd: ["ETH": 2000])
        let row = Comparison.row(layer: EthereumBlobs(), codec: .zstd(3), curve: curve, profile: profile, tps: 10,
                                 maxChannelSeconds: 3600, market: market)
        #expect(abs(row.batchBytes - 1_560_240) < 1e-3)
        #expect(row.payloadBytesPerSubmission == 780_120)
        #expect(row.units["blobs"] == 6 && row.layerTransactionsPerSubmission == 1)
        #expect(row.closedBy == "full")
        #expect(abs(row.submissionsPerDay - 864_000_000.0 / 1_560_240) < 1e-6)
        #expect(abs(row.costPerSubmissionUSD - 1.614864) < 1e-9)
        #expect(abs(row.costPerTxUSD - 1.614864 / 1560.24) < 1e-12)
        #expect(abs(row.costPerMBUSD - 1.614864 / 1.56024) < 1e-9)
        #expect(abs(row.costPerDayUSD - 1.614864 * 864_000_000 / 1_560_240) < 1e-6)
        #expect(abs(row.costPer30DaysUSD - 30 * row.costPerDayUSD) < 1e-9)
        #expect(row.fill == 1)
    }

    /// At 0.1 TPS the 60-minute limit closes channels: 360,000 bytes → 180,000 compressed → 2 blobs, the
    /// second partly empty (fill 180,000 / 260,040) — paid in full.
    @Test func lowTrafficPaysForEmptyBlobSpace() throws {
        let profile = Self.flatProfile()
        let curve = try #require(RatioCurve(profile: profile, codec: .zstd(3)))
        let market = MarketState(l1BaseFee: 1_000_000_000, l1PriorityFee: 0, blobBaseFee: 1_000_000_000, usd: ["ETH": 2000])
        let row = Comparison.row(layer: EthereumBlobs(), codec: .zstd(3), curve: curve, profile: profile, tps: 0.1,
                                 maxChannelSeconds: 3600, market: market)
        #expect(row.closedBy == "duration" && row.submissionsPerDay == 24)
        #expect(row.units["blobs"] == 2)
        #expect(abs(row.fill - 180_000.0 / 260_040) < 1e-12)
        #expect(abs(row.costPerSubmissionUSD - Double(2 * 131_072 + 21_000) * 1e9 / 1e18 * 2000) < 1e-9)
    }

    @Test func ratioCurveInterpolatesInLogSize() throws {
        var p = Self.flatProfile()
        p.results[0].ratio = 0.6
        let curve = try #require(RatioCurve(profile: p, codec: .zstd(3)))
        let mid = (16_000.0 * 10_000_000).squareRoot()
        #expect(abs(curve.at(mid).ratio - 0.55) < 1e-12)
        #expect(curve.at(1_000).ratio == 0.6)
        #expect(curve.at(5e7).extrapolated)
        #expect(abs(curve.uncompressedSize(forCompressed: 0.55 * mid) - mid) / mid < 1e-9)
    }

    @Test func fjordFeeMatchesOpGethVectors() throws {
        let cases = try #require(try VectorFile.json("op-fjord-l1-fee")["fjord"] as? [[String: Any]])
        #expect(cases.count == 7)
        for c in cases {
            let base = try #require(c["l1BaseFee"] as? UInt64), blob = try #require(c["l1BlobBaseFee"] as? UInt64)
            let bs = try #require(c["baseFeeScalar"] as? UInt64), bbs = try #require(c["blobBaseFeeScalar"] as? UInt64)
            let size = try #require(c["fastlzSize"] as? Int)
            let fee = try #require(c["expected_fee"] as? UInt64), gas = try #require(c["expected_gasUsed"] as? Int)
            #expect(OPFeeCheck.fjordFee(fastlzSize: size, l1BaseFee: UInt128(base), blobBaseFee: UInt128(blob), baseFeeScalar: bs,
                                        blobBaseFeeScalar: bbs) == UInt128(fee), "\(c["src"] ?? "")")
            #expect(OPFeeCheck.fjordGasUsed(fastlzSize: size) == gas)
        }
    }

    @Test func opFeeCheckBreaksEvenWhereItSays() throws {
        let profile = Self.flatProfile()
        let curve = try #require(RatioCurve(profile: profile, codec: .zstd(3)))
        let market = MarketState(l1BaseFee: 1_000_000_000, l1PriorityFee: 0, blobBaseFee: 1_000_000_000, usd: ["ETH": 2000])
        let row = Comparison.row(layer: EthereumBlobs(), codec: .zstd(3), curve: curve, profile: profile, tps: 10, maxChannelSeconds: 3600, market: market)
        let check = OPFeeCheck.evaluate(scalars: .init(baseFeeScalar: 0, blobBaseFeeScalar: 1_000_000), profile: profile, posting: row, market: market)
        let breakEven = try #require(check.breakEvenBlobBaseFeeScalar)
        let again = OPFeeCheck.evaluate(scalars: .init(baseFeeScalar: 0, blobBaseFeeScalar: UInt64(breakEven.rounded())), profile: profile,
                                        posting: row, market: market)
        #expect(abs(again.marginPercent) < 0.01)
        // Mean estimated size: 459,314,400 / 1e6 bytes per tx.
        #expect(abs(check.meanEstimatedSize - 459.3144) < 1e-9)
    }

    @Test func defaultComparisonIsCompleteAndStable() throws {
        let (scenario, file) = try ScenarioReader.load(path: nil)
        let trace = try ScenarioReader.defaultTracePath
        let profile = try ProfileProvider(cacheDirectory: nil).profile(tracePath: trace, codecs: scenario.codecs)
        let report = ComparisonReport.build(scenario: scenario, scenarioFile: file, profile: profile)
        #expect(report.rows.count == 25)
        #expect(report.rows.map(\.costPerTxUSD) == report.rows.map(\.costPerTxUSD).sorted())
        #expect(report.trust.count == 5)
        #expect(report.opFee?.postingLayer == "ethereum-blobs")
        #expect(report.seedCheck.first?.codec == .brotli(10))
        // Calldata to an EOA costs about 40 gas per compressed byte (floor) plus 21,000 per transaction.
        let seed = try #require(report.seedCheck.first)
        #expect(abs(seed.calldataGasPerTx / seed.compressedBytesPerTx - 40) < 1)
        #expect(try JSONOutput.encode(report) == JSONOutput.encode(ComparisonReport.build(scenario: scenario, scenarioFile: file, profile: profile)))
    }
}
