/// What a batch of a trace's transactions becomes before it is compressed: the signed transactions
/// as they are (`raw`: today's model for every stack but OP), or what the OP batcher writes, one span
/// batch per channel (`compress --stack op`).
public enum BatchEncoding: Equatable, Sendable {
    case raw
    /// OP Stack from Delta: the batch's transactions as one span batch (`SpanBatchEncoder`), RLP-framed as
    /// a channel holds it, in L2 blocks of `transactionsPerBlock` transactions (a trace's own block
    /// boundaries are not read yet; a block costs a span batch about one byte: its count and origin bit).
    case opSpanBatch(transactionsPerBlock: Int)

    /// The real OP Mainnet channel of the bundled trace: 1,766 transactions in 143 blocks, 12 a block (?):
    /// a chain's own figure is its transactions a day over 43,200 blocks.
    public static let opMainnet = BatchEncoding.opSpanBatch(transactionsPerBlock: 12)

    /// How a profile names the encoding (nil for `raw`): `op-span-batch:<transactions per block>`.
    public var name: String? {
        switch self {
        case .raw: return nil
        case .opSpanBatch(let perBlock): return "op-span-batch:\(perBlock)"
        }
    }

    /// The encoding a profile names; nil when the name is not one of `name`'s forms.
    public init?(name: String?) {
        guard let name else { self = .raw; return }
        let parts = name.split(separator: ":")
        guard parts.count == 2, parts[0] == "op-span-batch", let n = Int(parts[1]), (1...100_000).contains(n) else { return nil }
        self = .opSpanBatch(transactionsPerBlock: n)
    }

    /// What a report says the batches are, for a profile's `encoding` name (nil: the signed transactions).
    public static func assumption(forProfileEncoding name: String?) -> String {
        switch BatchEncoding(name: name) {
        case .opSpanBatch(let perBlock)?:
            return "Stack OP: each batch is what the OP batcher posts, one span batch (Delta format) per channel, compressed with the batcher's codec (a brotli channel with its version byte); L2 blocks of \(perBlock) transactions each are assumed (a trace's own block boundaries are not read yet; a block costs a span batch about one byte). Ratios are the compressed channel over the signed transactions."
        case .raw?:
            return "Stack generic: each batch is the trace's signed transactions as they are, compressed; no stack's batch format (--stack op encodes OP span batches)."
        case nil:
            return "Batch encoding '\(name ?? "")': not one this version knows."
        }
    }

    /// `batch` (the signed transactions of `lengths` bytes each, concatenated) as posted before compression.
    public func encode(_ batch: [UInt8], lengths: [Int]) throws -> [UInt8] {
        switch self {
        case .raw:
            return batch
        case .opSpanBatch(let perBlock):
            var txs = [[UInt8]](), at = 0
            txs.reserveCapacity(lengths.count)
            for n in lengths { txs.append(Array(batch[at..<at + n])); at += n }
            let blocks = (lengths.count + max(1, perBlock) - 1) / max(1, perBlock)
            return SpanBatchEncoder.channelContent(try SpanBatchEncoder.encode(txs, blocks: .even(transactions: txs.count, count: blocks)))
        }
    }

    /// Bytes a channel adds to the compressed stream: from Fjord, the channel version byte 0x01 before a
    /// brotli stream (optimism `op-node/rollup/derive/channel_compressor.go` `ChannelVersionBrotli`); a
    /// zlib channel has none (specs `derivation.md`, Channel Format).
    public func channelOverhead(codec: CodecID) -> Int {
        if case .opSpanBatch = self, codec.family == .brotli { return 1 }
        return 0
    }
}

extension BatchEncoding {
    /// A batch target an encoding cannot measure: a stack's posted encoding is built from whole batches
    /// of transactions, so neither one transaction alone nor the whole trace as a single stream applies.
    public struct UnsupportedTarget: Error, CustomStringConvertible {
        public let target: BatchTarget
        public var description: String {
            "batch size '\(target)' with a stack's encoding: a channel is built from a batch of transactions (OP: at most MAX_RLP_BYTES_PER_CHANNEL, 100,000,000 bytes since Fjord), so give sizes in bytes (e.g. 128k,780k)"
        }
    }
}
