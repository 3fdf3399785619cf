import Foundation
import Testing
@testable import DACost

@Suite struct EthereumLayerTests {
    static let market = MarketState(l1BaseFee: 1_000_000_000, l1PriorityFee: 0, blobBaseFee: 1, usd: ["ETH": 3000])

    /// A batch posted to an EOA inbox pays the EIP-7623 floor: 10 gas per token, 40 per non-zero byte.
    @Test func calldataToAnEOAPaysTheFloor() {
        let layer = EthereumCalldata()
        #expect(layer.gas(zeroBytes: 0, nonZeroBytes: 1000) == 21_000 + 40 * 1000)
        #expect(layer.gas(zeroBytes: 1000, nonZeroBytes: 0) == 21_000 + 10 * 1000)
        // With enough execution gas the standard cost (4/16) is what counts again.
        #expect(layer.gas(zeroBytes: 0, nonZeroBytes: 1000, executionGas: 100_000) == 21_000 + 16 * 1000 + 100_000)
        // EIP-7976 (proposed): 64 gas per byte, zero or not.
        #expect(EthereumCalldata(pricing: .eip7976).gas(zeroBytes: 500, nonZeroBytes: 500) == 21_000 + 64 * 1000)
        // A whole frame: 100,000 non-zero channel bytes + 24 overhead bytes of which 3 are zero.
        let p = layer.pack(Payload(bytes: 100_000))
        #expect(p.transactions == 1)
        #expect(p.units["gas"] == 21_000 + 40 * (100_000 + 21) + 10 * 3)
        let c = layer.cost(p, at: Self.market)
        #expect(c.wei == UInt128(p.units["gas"] ?? 0) * 1_000_000_000)
    }

    @Test func calldataSplitsAtTheMaxTxSizeAndTheGasCap() {
        let layer = EthereumCalldata()
        #expect(layer.channelBytesPerTx == 119_976)
        #expect(layer.pack(Payload(bytes: 119_977)).transactions == 2)
        // A batcher allowed 1 MB transactions is held back by the 2^24 gas cap (EIP-7825).
        let big = EthereumCalldata(maxTxSize: 1_000_000)
        #expect(big.channelBytesPerTx == (16_777_216 - 21_000) / 40 - 24)
        for tx in 0..<big.pack(Payload(bytes: 1_000_000)).transactions { _ = tx }
        #expect(big.gas(zeroBytes: 0, nonZeroBytes: UInt64(big.channelBytesPerTx + 24)) <= 1 << 24)
    }

    /// 130,021 bytes of channel data need 2 blobs with OP encoding; 7 blobs' worth goes out in two
    /// transactions (6 + 1), each paying its own 21000 execution gas.
    @Test func blobPacking() {
        let layer = EthereumBlobs(encoding: .op, targetBlobsPerTx: 6)
        #expect(BlobEncoding.op.payloadBytesPerBlob == 130_044)
        #expect(BlobEncoding.op.channelBytesPerBlob == 130_020)
        #expect(BlobEncoding.arbitrum.channelBytesPerBlob == 130_048)
        #expect(BlobEncoding.fe31.channelBytesPerBlob == 126_976)
        #expect(layer.pack(Payload(bytes: 130_020)).units["blobs"] == 1)
        #expect(layer.pack(Payload(bytes: 130_021)).units["blobs"] == 2)
        let seven = layer.pack(Payload(bytes: 7 * 130_020))
        #expect(seven.units["blobs"] == 7 && seven.transactions == 2)
        #expect(seven.units["execution_gas"] == 2 * 21_000)
        let market = MarketState(l1BaseFee: 2_000_000_000, l1PriorityFee: 1_000_000_000, blobBaseFee: 5, usd: ["ETH": 2000])
        let cost = layer.cost(seven, at: market)
        #expect(cost.wei == UInt128(7 * 131_072 * 5) + UInt128(2 * 21_000) * 3_000_000_000)
        #expect(abs(seven.fill - 1.0) < 1e-12)
        #expect(abs(layer.pack(Payload(bytes: 65_010)).fill - 0.5) < 1e-12)
    }
}

@Suite struct AltDALayerTests {
    static let vectors = (try? VectorFile.json("celestia")) ?? [:]

    @Test func celestiaShareVectors() throws {
        for key in ["sparse_shares_needed", "sparse_shares_needed_with_signer"] {
            let cases = try #require(Self.vectors[key] as? [[String: Any]])
            for c in cases {
                let n = try #require(c["bytes"] as? UInt64), shares = try #require(c["shares"] as? UInt64)
                #expect(CelestiaPricing.sharesNeeded(n, withSigner: key.hasSuffix("signer")) == shares, "\(key) \(n)")
            }
        }
        for c in try #require(Self.vectors["estimate_gas"] as? [[String: Any]]) {
            let sizes = try #require(c["blob_sizes"] as? [UInt64]), gas = try #require(c["gas"] as? UInt64)
            #expect(CelestiaPricing.estimateGas(blobSizes: sizes) == gas)
        }
    }

    /// alt-da.md: one blob of 130,044 bytes → 270 shares → 1,181,620 gas → 4,726.48 utia at 0.004.
    @Test func celestiaWorkedExample() {
        let layer = CelestiaPricing()
        let p = layer.pack(Payload(bytes: 130_044))
        #expect(p.units["shares"] == 270 && p.units["gas"] == 1_181_620)
        let c = layer.cost(p, at: MarketState(l1BaseFee: 0, l1PriorityFee: 0, blobBaseFee: 1, usd: ["TIA": 2, "ETH": 3000]))
        #expect(abs(c.native * 1e6 - 4_726.48) < 1e-6)
        #expect(abs(c.usd - 4_726.48e-6 * 2) < 1e-9)
        #expect(abs(p.fill - 130_044.0 / Double(478 + 269 * 482)) < 1e-12)
    }

    /// alt-da.md: 1 MiB → 33,827 → 65,536 symbols → 29,294.592 gwei at 0.447 gwei per symbol.
    @Test func eigenDAWorkedExample() {
        #expect(EigenDAPricing.symbols(payloadBytes: 1 << 20) == 65_536)
        let layer = EigenDAPricing()
        let p = layer.pack(Payload(bytes: 1 << 20))
        let c = layer.cost(p, at: MarketState(l1BaseFee: 0, l1PriorityFee: 0, blobBaseFee: 1, usd: ["ETH": 1000]))
        #expect(c.wei == 29_294_592_000_000)
        // Anything under 128 KiB is billed as 4096 symbols.
        #expect(layer.pack(Payload(bytes: 100)).units["billed_symbols"] == 4096)
    }

    @Test func eigenDAReservationWarnsWhenTrafficExceedsIt() {
        let layer = EigenDAPricing(mode: .reservation(symbolsPerSecond: 100, usdPer30Days: 3000))
        #expect(layer.reservationUSDPerDay == 100)
        #expect(layer.warnings(compressedBytesPerSecond: 31 * 50, submissionsPerDay: 10).isEmpty)
        #expect(layer.warnings(compressedBytesPerSecond: 31 * 500, submissionsPerDay: 10).first?.contains("500.0 symbols/s") == true)
    }

    /// Avail `submit_data` for 130,044 bytes by hand: the matrix share (4,196 cells of 131,072, × 0.85 ×
    /// 5e12 = 136,058,044,433.6) outweighs the benchmarked 903,164,189; fee = 1e-11 × weight + 1e-7 ×
    /// (130,044 + 4 + 110) bytes.
    @Test func availWorkedExample() {
        #expect(AvailPricing.compactLength(63) == 1 && AvailPricing.compactLength(64) == 2 && AvailPricing.compactLength(130_044) == 4)
        let w = AvailPricing.weight(bytes: 130_044)
        #expect(abs(w - 4196.0 / 131_072 * 0.85 * 5e12) < 1e-3)
        let fee = AvailPricing().fee(bytes: 130_044)
        #expect(abs(fee - (1e-11 * w + 1e-7 * 130_158)) < 1e-12)
        // Even 10 bytes take a whole matrix cell: 5e12 × 0.85 / 131,072 = 32,424,926.7578125 outweighs
        // the benchmarked 8,400,235.
        #expect(AvailPricing.weight(bytes: 10) == 32_424_926.7578125)
        var calibrated = AvailPricing(); calibrated.availPerMB = 2
        #expect(abs(calibrated.fee(bytes: 500_000) - 1) < 1e-12)
    }

    @Test func genericLayer() {
        let g = GenericLayer(name: "dac", token: "USD", fixedPerSubmission: 0.5, pricePerByte: 1e-6)
        let c = g.cost(g.pack(Payload(bytes: 1_000_000)), at: MarketState(l1BaseFee: 0, l1PriorityFee: 0, blobBaseFee: 1, usd: [:]))
        #expect(abs(c.usd - 1.5) < 1e-12)
    }
}
