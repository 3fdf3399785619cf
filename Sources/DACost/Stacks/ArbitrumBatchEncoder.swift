/// Arbitrum Nitro sequencer batches as the batch poster builds them: an RLP stream of segments (each a
/// byte string that starts with its kind), one L2-message segment per L2 block preceded by segments
/// that advance the timestamp and the L1 block number when they change, compressed with brotli behind
/// a header byte (nitro `arbnode/batch_poster.go` batchSegments, `arbstate/inbox.go`,
/// `execution/gethexec/sequencer.go` MessageFromTxes, `daprovider/util.go`).
public enum ArbitrumBatchEncoder {
    /// Segment kinds (nitro `arbstate/inbox.go`, since Nitro 2022-08-31).
    public static let batchSegmentKindL2Message: UInt8 = 0
    public static let batchSegmentKindAdvanceTimestamp: UInt8 = 3
    public static let batchSegmentKindAdvanceL1BlockNumber: UInt8 = 4
    /// L2 message kinds (nitro `arbos/parse_l2.go`): a block of several transactions is a Batch of
    /// length-prefixed SignedTx messages, a block of one a SignedTx message.
    public static let l2MessageKindBatch: UInt8 = 3
    public static let l2MessageKindSignedTx: UInt8 = 4
    /// The payload's header byte for a brotli-compressed batch (nitro `daprovider/util.go` BrotliMessageHeaderByte).
    public static let brotliMessageHeaderByte: UInt8 = 0
    /// Segments one batch may hold (nitro `arbstate/inbox.go` MaxSegmentsPerSequencerMessage).
    public static let maxSegmentsPerSequencerMessage = 100 * 1024
    /// The batch poster's default calldata batch limit, of which the 40-byte sequencer message header is
    /// not posted (nitro `arbnode/batch_poster.go` MaxCalldataBatchSize, SequencerMessageHeaderSize).
    public static let maxCalldataBatchSize = 100_000
    public static let sequencerMessageHeaderSize = 40
    /// Payload bytes per blob: 254 bits of each of 4,096 field elements (nitro `util/blobs/blobs.go`
    /// BlobEncodableData, since the 4844 batch poster).
    public static let blobEncodableData = 254 * 4096 / 8

    /// One L2 block: how many of the batch's transactions it holds, and by how much it advances the
    /// timestamp (seconds) and the L1 block number over the previous block.
    public struct Block: Equatable, Sendable {
        public var transactions: Int
        public var timestampAdvance: UInt64
        public var l1BlockAdvance: UInt64

        public init(transactions: Int, timestampAdvance: UInt64 = 0, l1BlockAdvance: UInt64 = 0) {
            self.transactions = transactions; self.timestampAdvance = timestampAdvance; self.l1BlockAdvance = l1BlockAdvance
        }

        /// `transactions` in blocks of `perBlock` (the last may hold fewer), for a trace that does not say
        /// where its blocks begin: the timestamp advances a second every `blocksPerSecond` blocks and the L1
        /// block every `blocksPerL1Block` (4 and 48 for Arbitrum One's 250 ms blocks under 12-s L1 slots).
        public static func even(transactions: Int, perBlock: Int, blocksPerSecond: Int = 4, blocksPerL1Block: Int = 48) -> [Block] {
            let p = max(1, perBlock), t = max(0, transactions)
            return stride(from: 0, to: max(t, 1), by: p).enumerated().map { i, first in
                Block(transactions: min(p, t - first), timestampAdvance: i % max(1, blocksPerSecond) == 0 ? 1 : 0,
                      l1BlockAdvance: i % max(1, blocksPerL1Block) == 0 ? 1 : 0)
            }
        }
    }

    /// The L2 message of one block's transactions (signed EIP-2718 encodings), as the sequencer writes it:
    /// one transaction is `0x04 ++ tx`; several are `0x03 ++ (u64 BE length ++ 0x04 ++ tx)…`.
    public static func l2Message(_ transactions: ArraySlice<[UInt8]>) -> [UInt8] {
        if transactions.count == 1, let tx = transactions.first { return [l2MessageKindSignedTx] + tx }
        var out: [UInt8] = [l2MessageKindBatch]
        for tx in transactions {
            let n = UInt64(tx.count + 1)
            out += (0..<8).reversed().map { UInt8(truncatingIfNeeded: n >> (8 * $0)) }
            out.append(l2MessageKindSignedTx)
            out += tx
        }
        return out
    }

    /// The uncompressed batch body: for each block, an advance-timestamp and an advance-L1-block segment
    /// when they change (`kind ++ rlp(uint64 difference)`), then its L2-message segment (`0x00 ++ message`),
    /// each segment RLP-encoded as a byte string.
    public static func segments(_ transactions: [[UInt8]], blocks: [Block]) throws -> [UInt8] {
        // Each count within the batch first, so that their sum cannot overflow.
        let bounded = blocks.allSatisfy { (0...transactions.count).contains($0.transactions) }
        let total = bounded ? blocks.reduce(0) { $0 + $1.transactions } : -1
        guard total == transactions.count else {
            throw Failure(problem: "the blocks' transaction counts do not add up to the batch's \(transactions.count) transactions")
        }
        var out = [UInt8](), next = 0, count = 0
        out.reserveCapacity(transactions.reduce(0) { $0 + $1.count + 12 } + 8 * blocks.count)
        func segment(_ s: [UInt8]) throws {
            count += 1
            guard count <= maxSegmentsPerSequencerMessage else {
                throw Failure(problem: "more than \(maxSegmentsPerSequencerMessage) segments (MaxSegmentsPerSequencerMessage): split the batch")
            }
            RLP.encodeString(s, into: &out)
        }
        for block in blocks {
            if block.timestampAdvance > 0 { try segment(integerSegment(batchSegmentKindAdvanceTimestamp, block.timestampAdvance)) }
            if block.l1BlockAdvance > 0 { try segment(integerSegment(batchSegmentKindAdvanceL1BlockNumber, block.l1BlockAdvance)) }
            if block.transactions > 0 {
                try segment([batchSegmentKindL2Message] + l2Message(transactions[next..<next + block.transactions]))
            }
            next += block.transactions
        }
        return out
    }

    /// `kind ++ rlp(value)` (nitro `batch_poster.go` prepareIntSegment).
    static func integerSegment(_ kind: UInt8, _ value: UInt64) -> [UInt8] {
        var s = [kind]
        RLP.encodeUInt(value, into: &s)
        return s
    }

    /// A batch that cannot be built.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let problem: String
        public var description: String { problem }
    }
}
