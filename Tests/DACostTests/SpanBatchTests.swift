import Foundation
import Testing
@testable import DACost

/// OP span batches against a real channel: the 1,766 transactions of `fixtures/traces/op-mainnet-1766.hex`
/// are those of the OP Mainnet channel in `fixtures/channels/` (143 L2 blocks; op-rs/kona test data).
struct SpanBatchTests {
    /// The real channel, decompressed, and the span batch inside it.
    static func realChannel() throws -> (compressed: [UInt8], content: [UInt8], batch: [UInt8]) {
        let text = try String(contentsOfFile: "fixtures/channels/op-mainnet-channel-zlib.hex", encoding: .utf8)
        let hex = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined()
        let compressed = try #require(Hex.decode(hex))
        let d = try CodecID.zlib(9).makeDecompressor(options: CodecOptions()), out = ByteBuffer()
        try d.begin()
        try compressed.withUnsafeBytes { try d.write($0, into: out) }
        try d.end(into: out)
        let content = out.array
        // One batch: an RLP byte string filling the channel.
        let (item, next) = try content.withUnsafeBufferPointer { try RLP.item(in: $0, at: 0, end: $0.count) }
        guard case .string(let body) = item, next == content.count else { throw SpanBatchEncoder.Failure(transaction: 0, problem: "not one RLP string") }
        return (compressed, content, Array(content[body]))
    }

    static func traceTransactions() throws -> [[UInt8]] {
        let r = try TraceReader(path: "fixtures/traces/op-mainnet-1766.hex")
        var txs = [[UInt8]]()
        while let tx = try r.next() { txs.append(tx.bytes) }
        return txs
    }

    /// With the real batch's blocks (counts, origins, checks), the trace's transactions encode to the real
    /// span batch byte for byte: every field is placed and encoded as op-node does.
    @Test func reproducesTheRealSpanBatchExactly() throws {
        let real = try Self.realChannel()
        #expect(real.compressed.count == 615_361 && real.content.count == 1_409_463)
        let (blocks, _) = try SpanBatchEncoder.blocks(of: real.batch)
        #expect(blocks.txCounts.count == 143 && blocks.txCounts.reduce(0, +) == 1766)
        let ours = try SpanBatchEncoder.encode(try Self.traceTransactions(), blocks: blocks)
        #expect(ours.count == real.batch.count)
        let firstDifference = ours.indices.first { $0 < real.batch.count && ours[$0] != real.batch[$0] }
        #expect(firstDifference == nil, "first difference at byte \(firstDifference ?? -1)")
        #expect(SpanBatchEncoder.channelContent(ours) == real.content)
    }

    /// Decoding the real span batch with OP Mainnet's chain id (10) gives back the trace's signed
    /// transactions exactly, and encoding them again gives the batch: a round trip through real data.
    @Test func decodesTheRealSpanBatchIntoTheTracesTransactions() throws {
        let real = try Self.realChannel()
        let (blocks, txs) = try SpanBatchDecoder.decode(real.batch, chainId: 10)
        let trace = try Self.traceTransactions()
        #expect(txs.count == trace.count)
        let firstDifference = txs.indices.first { $0 < trace.count && txs[$0] != trace[$0] }
        #expect(firstDifference == nil, "transaction \(firstDifference ?? -1) differs")
        #expect(try SpanBatchEncoder.encode(txs, blocks: blocks) == real.batch)
        // A batch cut short, or with bytes after its last field, is refused with where it broke.
        #expect(throws: SpanBatchEncoder.Failure.self) { try SpanBatchDecoder.decode(Array(real.batch.dropLast()), chainId: 10) }
        #expect(throws: SpanBatchEncoder.Failure.self) { try SpanBatchDecoder.decode(real.batch + [0], chainId: 10) }
    }

    /// Without knowing where the blocks began (a trace of bare transactions spread evenly over 143 blocks),
    /// the span batch is within 0.1% of the real one and its zlib-9 channel within 0.5% (C zlib against
    /// the batcher's Go compress/zlib).
    @Test func withoutBlockBoundariesStaysWithinTheIssuesBounds() throws {
        let real = try Self.realChannel()
        let ours = SpanBatchEncoder.channelContent(try SpanBatchEncoder.encode(try Self.traceTransactions(),
                                                                                blocks: .even(transactions: 1766, count: 143)))
        let sizeError = abs(Double(ours.count - real.content.count)) / Double(real.content.count)
        #expect(sizeError < 0.001, "\(ours.count) vs \(real.content.count)")
        let c = try CodecID.zlib(9).makeCompressor(options: CodecOptions()), out = ByteBuffer()
        try ours.withUnsafeBytes { try c.compress($0, into: out) }
        let zlibError = abs(Double(out.count - real.compressed.count)) / Double(real.compressed.count)
        #expect(zlibError < 0.005, "\(out.count) vs \(real.compressed.count)")
        // What the span batch saves: the signed transactions themselves are larger.
        let signed = try Self.traceTransactions().reduce(0) { $0 + $1.count }
        #expect(signed > real.content.count)
    }

    /// Worked examples of the two encodings the spec names: protobuf uvarints and big-endian bitlists.
    @Test func uvarintsAndBitlists() {
        var out = [UInt8]()
        SpanBatchEncoder.appendUvarint(300, to: &out) // 300 = 0b10_0101100 → 0xac 0x02
        SpanBatchEncoder.appendUvarint(127, to: &out)
        SpanBatchEncoder.appendUvarint(128, to: &out)
        #expect(out == [0xac, 0x02, 0x7f, 0x80, 0x01])
        // Bits 0 and 8 of 9: the integer 0x0101 in two bytes.
        #expect(SpanBatchEncoder.bitlist([true] + Array(repeating: false, count: 7) + [true]) == [0x01, 0x01])
        #expect(SpanBatchEncoder.bitlist([false, true, true]) == [0x06])
        #expect(SpanBatchEncoder.Blocks.even(transactions: 10, count: 4).txCounts == [3, 3, 2, 2])
    }

    @Test func refusesWhatASpanBatchCannotCarry() throws {
        let deposit: [UInt8] = [0x7e, 0xc0]
        #expect(throws: SpanBatchEncoder.Failure(transaction: 0, problem: "a deposit: derived from L1, never in a batch")) {
            try SpanBatchEncoder.encode([deposit], blocks: SpanBatchEncoder.Blocks(txCounts: [1]))
        }
        #expect(throws: SpanBatchEncoder.Failure.self) { try SpanBatchEncoder.encode([[0x02, 0xc1, 0x80]], blocks: SpanBatchEncoder.Blocks(txCounts: [1])) }
        #expect(throws: SpanBatchEncoder.Failure.self) { try SpanBatchEncoder.encode([], blocks: SpanBatchEncoder.Blocks(txCounts: [1])) }
        // One block without transactions decodes to nothing and encodes back the same; a block claiming more
        // transactions than MAX_SPAN_BATCH_ELEMENT_COUNT is refused before anything is allocated for them.
        let empty: [UInt8] = [0x01, 0x00, 0x00] + Array(repeating: 0, count: 40) + [0x01, 0x00, 0x00]
        let decoded = try SpanBatchDecoder.decode(empty, chainId: 10)
        #expect(decoded.transactions.isEmpty)
        #expect(try SpanBatchEncoder.encode([], blocks: decoded.blocks) == empty)
        let huge: [UInt8] = Array(empty.dropLast()) + [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]
        #expect(throws: SpanBatchEncoder.Failure.self) { try SpanBatchDecoder.decode(huge, chainId: 10) }
    }
}
