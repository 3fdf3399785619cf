import Foundation
import Testing
@testable import DACost

@Suite struct BlobFeeMarketTests {
    static let vectors = (try? VectorFile.json("eip4844")) ?? [:]

    @Test func fakeExponentialMatchesGoEthereumVectors() throws {
        let cases = try #require(Self.vectors["fake_exponential"] as? [[String: Any]])
        #expect(cases.count == 15)
        for c in cases {
            let f = try #require(c["factor"] as? UInt64), n = try #require(c["numerator"] as? UInt64)
            let d = try #require(c["denominator"] as? UInt64), e = try #require(c["expected"] as? UInt64)
            #expect(BlobFeeMarket.fakeExponential(factor: f, numerator: n, denominator: d) == UInt128(e), "\(f) \(n) \(d)")
        }
    }

    @Test func blobBaseFeeUnderCancun() throws {
        let block = try #require(Self.vectors["blob_base_fee_cancun"] as? [String: Any])
        let fraction = try #require(block["update_fraction"] as? UInt64)
        for c in try #require(block["cases"] as? [[String: Any]]) {
            let excess = try #require(c["excess_blob_gas"] as? UInt64), wei = try #require(c["expected_wei"] as? UInt64)
            #expect(BlobFeeMarket.baseFeePerBlobGas(excessBlobGas: excess, updateFraction: fraction) == UInt128(wei))
        }
    }

    @Test func excessBlobGasUnderCancun() throws {
        let block = try #require(Self.vectors["excess_blob_gas_cancun"] as? [String: Any])
        let cancun = try #require(BlobSchedule.mainnet.forks.first)
        for c in try #require(block["cases"] as? [[String: Any]]) {
            let excess = try #require(c["parent_excess"] as? UInt64), blobs = try #require(c["parent_blobs"] as? UInt64)
            let expected = try #require(c["expected"] as? UInt64)
            let got = BlobFeeMarket.excessBlobGas(parentExcess: excess, parentBlobGasUsed: blobs * BlobFeeMarket.gasPerBlob,
                                                  parentBaseFee: 1_000_000_000, parentUpdateFraction: cancun.updateFraction, fork: cancun)
            #expect(got == expected, "\(excess) + \(blobs) blobs")
        }
    }

    @Test func eip7918ReservePrice() throws {
        let block = try #require(Self.vectors["excess_blob_gas_eip7918"] as? [String: Any])
        let osaka = try #require(BlobSchedule.mainnet.forks.first { $0.name == "osaka" })
        for c in try #require(block["cases"] as? [[String: Any]]) {
            let excess = try #require(c["parent_excess"] as? UInt64), blobs = try #require(c["parent_blobs"] as? UInt64)
            let baseFee = try #require(c["parent_base_fee_wei"] as? UInt64), expected = try #require(c["expected"] as? UInt64)
            let got = BlobFeeMarket.excessBlobGas(parentExcess: excess, parentBlobGasUsed: blobs * BlobFeeMarket.gasPerBlob,
                                                  parentBaseFee: UInt128(baseFee), parentUpdateFraction: osaka.updateFraction, fork: osaka)
            #expect(got == expected, "\(c["why"] ?? "")")
        }
    }

    /// Blocks 22431083 → 22431084 straddle the Pectra switch: the child's (Prague) target applies.
    @Test func replaysTheRealPectraSwitch() throws {
        let headers = try #require(try VectorFile.json("mainnet-blob-headers")["blocks"] as? [[String: Any]])
        let parent = try #require(headers.first { $0["number"] as? Int == 22_431_083 })
        let child = try #require(headers.first { $0["number"] as? Int == 22_431_084 })
        let schedule = BlobSchedule.mainnet
        let parentTime = try #require(parent["timestamp"] as? Int), childTime = try #require(child["timestamp"] as? Int)
        let parentFork = try #require(schedule.fork(at: Int64(parentTime)))
        let childFork = try #require(schedule.fork(at: Int64(childTime)))
        #expect(parentFork.name == "cancun" && childFork.name == "prague")
        let excess = try #require(parent["excessBlobGas"] as? Int), used = try #require(parent["blobGasUsed"] as? Int)
        let baseFee = try #require(parent["baseFeePerGas"] as? Int), childExcess = try #require(child["excessBlobGas"] as? Int)
        let got = BlobFeeMarket.excessBlobGas(parentExcess: UInt64(excess), parentBlobGasUsed: UInt64(used),
                                              parentBaseFee: UInt128(baseFee), parentUpdateFraction: parentFork.updateFraction,
                                              fork: childFork)
        #expect(got == UInt64(childExcess))
        #expect(got == 50_462_720)
        // And the vector file's copy of the same pair.
        let pair = try #require(Self.vectors["real_mainnet_pectra_switch"] as? [String: Any])
        let pairChild = try #require(pair["child_excess"] as? Int)
        #expect(UInt64(pairChild) == got)
    }

    @Test func scheduleHasTheMainnetForksAndRejectsDisorder() {
        let s = BlobSchedule.mainnet
        #expect(s.fork(at: 1_710_338_134) == nil)
        #expect(s.fork(at: 1_767_747_671)?.name == "bpo2")
        #expect(s.fork(at: 1_767_747_671)?.target == 14 && s.fork(at: 1_767_747_671)?.max == 21)
        #expect(s.fork(at: 1_765_290_070)?.name == "osaka")
        #expect(s.problems().isEmpty)
        var bad = s
        bad.forks.append(BlobFork(name: "bpo3", timestamp: 1_700_000_000, target: 20, max: 30, updateFraction: 1, reservePrice: true))
        #expect(bad.problems().first?.contains("time order") == true)
        // A max far beyond any fork would make the simulator build tables of that size: refused.
        var huge = s
        huge.forks[4].max = 1_000_000_000
        #expect(huge.problems().first?.contains("max ≤ 4096") == true)
    }

    @Test func hugeExcessSaturatesInsteadOfTrapping() {
        #expect(BlobFeeMarket.fakeExponential(factor: 1, numerator: 1 << 40, denominator: 3_338_477) == UInt128.max)
        #expect(BlobFeeMarket.excessBlobGas(parentExcess: .max, parentBlobGasUsed: 1 << 20, parentBaseFee: 1,
                                            parentUpdateFraction: 5_007_716, fork: BlobSchedule.mainnet.forks[1]) == .max)
    }
}
