import Foundation
import Testing
@testable import DACost

/// Arbitrum Nitro batches and Polygon CDK batch data: byte layouts against the node's own test vector
/// (CDK) and hand-built examples from the code (both), and sizes on the real OP trace against the
/// figures measured independently in `../shared/reference/stacks.md`.
struct StackEncodingTests {
    static func bytes(_ hex: String) throws -> [UInt8] { try #require(Hex.decode(hex)) }

    static func list(_ items: [[UInt8]]) -> [UInt8] {
        var out = [UInt8]()
        RLP.encodeList(items.flatMap { $0 }, into: &out)
        return out
    }

    static func string(_ b: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        RLP.encodeString(b, into: &out)
        return out
    }

    static func uint(_ v: UInt64) -> [UInt8] { string(RLP.bigEndian(v)) }

    static func trimmed(_ word: [UInt8]) -> [UInt8] { Array(word.drop { $0 == 0 }) }

    // zkevm-node `state/encoding_batch_v2_test.go` (Etrog): codedL2BlockHeader ++ codedRLP2Txs1, two
    // EIP-155 transactions of chain 1000 (nonces 2 and 3) with their r, s, v = 0x1b and percentage 0xff.
    static let cdkHeader = "0b73e6af6f00000000"
    static let cdkTwoTransactions = "ee02843b9aca00830186a0944d5cf5032b2a844602278b01199ed191a86c93ff88016345785d8a0000808203e88080bff0e780ba7db409339fd3f71969fa2cbf1b8535f6c725a1499d3318d3ef9c2b6340ddfab84add2c188f9efddb99771db1fe621c981846394ea4f035c85bcdd51bffee03843b9aca00830186a0944d5cf5032b2a844602278b01199ed191a86c93ff88016345785d8a0000808203e880805b346aa02230b22e62f73608de9ff39a162a6c24be9822209c770e3685b92d0756d5316ef954eefc58b068231ccea001fb7ac763ebe03afd009ad71cab36861e1bff"

    /// The signed legacy transaction the node's vector was made from: nonce, gas price 1 gwei, gas
    /// 100,000, to, 0.1 ETH, no data, v = 1000 · 2 + 35 + parity, r, s.
    static func legacy(nonce: UInt64, v: UInt64, r: [UInt8], s: [UInt8]) throws -> [UInt8] {
        list([uint(nonce), uint(1_000_000_000), uint(100_000), string(try bytes("4d5cf5032b2a844602278b01199ed191a86c93ff")),
              uint(100_000_000_000_000_000), string([]), uint(v), string(trimmed(r)), string(trimmed(s))])
    }

    @Test func cdkBatchDataMatchesTheNodesVector() throws {
        let vector = try Self.bytes(Self.cdkTwoTransactions)
        // Each transaction: a 47-byte list, r, s, v, percentage = 113 bytes.
        #expect(vector.count == 2 * 113)
        var txs = [[UInt8]]()
        for (i, at) in [0, 113].enumerated() {
            let r = Array(vector[at + 47..<at + 79]), s = Array(vector[at + 79..<at + 111])
            let parity = UInt64(vector[at + 111]) - 27
            txs.append(try Self.legacy(nonce: UInt64(2 + i), v: 1000 * 2 + 35 + parity, r: r, s: s))
        }
        let ours = try PolygonCDKBatchEncoder.encode(txs, blocks: [.init(deltaTimestamp: 0x73e6af6f, indexL1InfoTree: 0, transactions: 2)])
        #expect(Hex.encode(ours) == Self.cdkHeader + Self.cdkTwoTransactions)
    }

    /// Hand-built from `prepareRLPTxData`: an unprotected legacy transaction keeps six fields (no chain
    /// id, 0, 0); a type-2 transaction is written as its legacy equivalent (max fee as gas price, access
    /// list dropped, chain id from its first field), v = 27 + parity.
    @Test func cdkWritesUnprotectedAndTypedTransactionsInLegacyForm() throws {
        let r = [UInt8](repeating: 0x11, count: 32), s = [0x00] + [UInt8](repeating: 0x22, count: 31)
        let unprotected = try Self.legacy(nonce: 2, v: 28, r: r, s: s)
        let sixFields = Self.list([Self.uint(2), Self.uint(1_000_000_000), Self.uint(100_000), Self.string(try Self.bytes("4d5cf5032b2a844602278b01199ed191a86c93ff")),
                                   Self.uint(100_000_000_000_000_000), Self.string([])])
        #expect(try PolygonCDKBatchEncoder.encode([unprotected], blocks: [.init(deltaTimestamp: 2, transactions: 1)])
                == [0x0b, 0, 0, 0, 2, 0, 0, 0, 0] + sixFields + r + s + [0x1c, 0xff])

        let to = [UInt8](repeating: 0xab, count: 20)
        let typed = [0x02] + Self.list([Self.uint(10), Self.uint(1), Self.uint(1), Self.uint(2), Self.uint(21_000), Self.string(to),
                                        Self.uint(0), Self.string([]), Self.list([]), Self.uint(1), Self.string(r), Self.string(Self.trimmed(s))])
        let legacyForm = Self.list([Self.uint(1), Self.uint(2), Self.uint(21_000), Self.string(to), Self.uint(0), Self.string([]),
                                    Self.uint(10), [0x80], [0x80]])
        #expect(try PolygonCDKBatchEncoder.encode([typed], blocks: [.init(deltaTimestamp: 2, transactions: 1)])
                == [0x0b, 0, 0, 0, 2, 0, 0, 0, 0] + legacyForm + r + s + [0x1c, 0xff])
    }

    @Test func cdkRefusesWhatItCannotCarryAndNamesTheTransaction() throws {
        let ok = try Self.legacy(nonce: 1, v: 2035, r: [1], s: [2])
        let e = #expect(throws: PolygonCDKBatchEncoder.Failure.self) {
            try PolygonCDKBatchEncoder.encode([ok, [0x03, 0xc0]], blocks: [.init(deltaTimestamp: 2, transactions: 2)])
        }
        #expect(e?.transaction == 1 && e?.description.contains("blob transaction") == true)
        #expect(throws: PolygonCDKBatchEncoder.Failure.self) {
            try PolygonCDKBatchEncoder.encode([ok], blocks: [.init(deltaTimestamp: 2, transactions: 2)])
        }
    }

    /// Hand-built from nitro's batch poster: advance segments `kind ++ rlp(diff)`, a one-transaction block
    /// as `0x00 0x04 ++ tx`, a two-transaction block as an L2 batch of u64-length-prefixed SignedTx
    /// messages; every segment an RLP byte string.
    @Test func arbitrumSegmentsFollowTheBatchPoster() throws {
        let a: [UInt8] = [0x02, 0xaa], b: [UInt8] = [0x02, 0xbb], c: [UInt8] = [0x02, 0xcc]
        let stream = try ArbitrumBatchEncoder.segments([a, b, c], blocks: [
            .init(transactions: 1, timestampAdvance: 1, l1BlockAdvance: 1), .init(transactions: 2),
        ])
        let zeros7 = [UInt8](repeating: 0, count: 7)
        let batchMessage: [UInt8] = [0x00, 0x03] + zeros7 + [0x03, 0x04] + b + zeros7 + [0x03, 0x04] + c
        #expect(batchMessage.count == 24)
        #expect(stream == [0x82, 0x03, 0x01, 0x82, 0x04, 0x01, 0x84, 0x00, 0x04, 0x02, 0xaa, 0x98] + batchMessage)
        // What nitro's inbox reader sees: four byte strings.
        let items = try stream.withUnsafeBufferPointer { try RLP.items(in: $0, 0..<$0.count) }
        #expect(items.count == 4)
        #expect(ArbitrumBatchEncoder.l2Message([a][...]) == [0x04, 0x02, 0xaa])
    }

    /// The real OP trace as Arbitrum would post it, one transaction per message and brotli-11 over the
    /// whole batch: 312 bytes a transaction was measured independently (`stacks.md`, Python on the same
    /// trace, segments `0x00 0x04 ++ tx`, window 22); the CDK batch data of the same trace averages 799.
    @Test func realTraceSizesMatchTheIndependentMeasurements() throws {
        let txs = try SpanBatchTests.traceTransactions()
        let arbitrum = try ArbitrumBatchEncoder.segments(txs, blocks: txs.map { _ in .init(transactions: 1) })
        let out = ByteBuffer()
        try arbitrum.withUnsafeBytes { try CodecID.brotli(11).makeCompressor().compress($0, into: out) }
        let perTx = Double(out.count + 1) / Double(txs.count)
        #expect(abs(perTx - 312) < 3, "\(perTx) bytes a transaction")

        let cdk = try PolygonCDKBatchEncoder.encode(txs, blocks: [.init(deltaTimestamp: 2, transactions: txs.count)])
        let mean = Double(cdk.count - 9) / Double(txs.count)
        #expect(abs(mean - 799) < 1, "\(mean) bytes a transaction")
    }

    @Test func encodingsRoundTripTheirNames() {
        for e in [BatchEncoding.raw, .opMainnet, .arbitrumOne, .polygonCDK, .arbitrumBatch(transactionsPerBlock: 7)] {
            #expect(BatchEncoding(name: e.name) == e)
        }
        #expect(BatchEncoding(name: "zksync:3") == nil && BatchEncoding(name: "cdk-batch:0") == nil)
    }
}
