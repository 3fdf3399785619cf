import Foundation
import Testing
@testable import DACost

/// The field report's table on a 400-transaction slice of the real trace (the full trace takes half a
/// minute to measure in a debug build): fixed costs worked out by hand from the presets' sources.
struct StackGasTableTests {
    static func slice() throws -> String {
        let r = try TraceReader(path: "fixtures/traces/op-mainnet-1766.hex")
        var lines = [String]()
        while lines.count < 400, let tx = try r.next() { lines.append(Hex.encode(tx.bytes)) }
        let dir = try VectorFile.temporaryDirectory()
        try AtomicFile.write(lines.joined(separator: "\n") + "\n", to: dir + "/slice.hex")
        return dir + "/slice.hex"
    }

    @Test func everyStackIsPricedAsItPostsWithItsFixedCosts() throws {
        let path = try Self.slice()
        let (scenario, _) = try ScenarioReader.load(path: nil)
        #expect(scenario.traffic.tps == 10)
        let provider = ProfileProvider(cacheDirectory: nil)
        let table = try StackGasTable.build(tracePath: path, traceName: "slice", scenario: scenario, provider: provider)
        #expect(table.rows.map(\.stack) == ["op", "arbitrum", "zksync", "polygon-cdk"])
        #expect(table.rows.map(\.published) == [2_100, 2_800, 3_500, 3_200])
        let op = try #require(table.rows.first), arb = table.rows[1], zk = table.rows[2], cdk = table.rows[3]
        // OP: an EOA inbox, so only the day's 24 proposals of 86,859 gas over 10 TPS × 86,400 s.
        #expect(abs((op.calldataFixedGas ?? 0) - 24 * 86_859 / 864_000) < 1e-9)
        #expect(op.encoding == "op-span-batch:12" && op.codec == "brotli-10" && arb.codec == "brotli-11" && cdk.codec == "none")
        // Arbitrum: 189,000 gas beyond the batch transaction's 21,000, over a 99,960-byte batch's transactions.
        let arbTxs = 99_960 / (arb.compressedBytesPerTx ?? 1)
        #expect(abs((arb.calldataFixedGas ?? 0) - 189_000 / arbTxs) / (189_000 / arbTxs) < 0.02)
        // CDK: uncompressed, so its compressed bytes are its batch data; sequenceBatches beyond 21,000 per
        // 120,000-byte batch, plus 960 verifications of 300,000 gas a day.
        #expect(abs((cdk.compressedBytesPerTx ?? 0) / (cdk.bytesPerTx ?? 1) - 1) < 0.02)
        let cdkTxs = 120_000 / (cdk.compressedBytesPerTx ?? 1)
        let cdkFixed = 125_174 / cdkTxs + 960 * 300_000 / 864_000.0
        #expect(abs((cdk.calldataFixedGas ?? 0) - cdkFixed) / cdkFixed < 0.02)
        // Data gas sits between 4 and 16 gas a compressed byte (plus the batch transaction) in the report's
        // era, and the EIP-7623 floor is 2.5× that for non-zero bytes.
        for r in [op, arb, cdk] {
            let c = try #require(r.compressedBytesPerTx), d = try #require(r.calldataDataGasEIP2028), today = try #require(r.calldataDataGasToday)
            #expect(d > 4 * c && d < 16 * c + 21_000 / (120_000 / c) + 1, "\(r.stack)")
            #expect(today > 2 * d && today < 2.6 * d, "\(r.stack)")
            #expect(!r.why.isEmpty)
        }
        // ZK Stack: the state-diff model, 16 gas a pubdata byte in the report's era, its batch costs over
        // the batches the example seal criteria close.
        let zkBytes = try #require(zk.compressedBytesPerTx)
        #expect(zk.encoding == "state-diff model" && zk.why.hasPrefix("A MODEL, not a measurement"))
        #expect(abs((zk.calldataDataGasEIP2028 ?? 0) - 16 * zkBytes) < 1e-9)
        let zkFixed = ZKStack.gasPerBatch / ZKStack.transactionsPerBatch(pubdataPerTx: zkBytes)
        #expect(abs((zk.calldataFixedGas ?? 0) - zkFixed) / zkFixed < 0.02)
        let md = table.markdown()
        #expect(md.contains("## Why they differ") && md.contains("| ZK Stack (zkSync Era) | state-diff model, zksync state-diff compression |"))
    }
}
