/// What a batch of a trace's transactions becomes before it is compressed: the signed transactions
/// as they are (`raw`, the generic stack), or what a stack's batch poster writes (`compress --stack op`,
/// `arbitrum`, `polygon-cdk`), or for ZK Stack a model of the state diffs it publishes (`zksync`).
public enum BatchEncoding: Equatable, Sendable {
    case raw
    /// OP Stack from Delta: the batch's transactions as one span batch (`SpanBatchEncoder`), RLP-framed as
    /// a channel holds it, in L2 blocks of `transactionsPerBlock` transactions (a trace's own block
    /// boundaries are not read yet; a block costs a span batch about one byte: its count and origin bit).
    case opSpanBatch(transactionsPerBlock: Int)
    /// Arbitrum Nitro: the batch's transactions as a sequencer batch's segment stream
    /// (`ArbitrumBatchEncoder`), one L2 message per block of `transactionsPerBlock` transactions; the
    /// compressed payload carries the brotli header byte.
    case arbitrumBatch(transactionsPerBlock: Int)
    /// Polygon CDK (Etrog): the batch's transactions as `batchL2Data` (`PolygonCDKBatchEncoder`), in L2
    /// blocks of `transactionsPerBlock`; a CDK chain posts it uncompressed (codec `none`).
    case cdkBatchData(transactionsPerBlock: Int)
    /// ZK Stack: not the transactions but a MODEL of the state diffs they would publish
    /// (`ZKStackStateDiffModel.batchPubdata`), posted as zkSync compresses them (codec `none` after).
    case zkStackStateDiffModel

    /// The real OP Mainnet channel of the bundled trace: 1,766 transactions in 143 blocks, 12 a block (?):
    /// a chain's own figure is its transactions a day over 43,200 blocks.
    public static let opMainnet = BatchEncoding.opSpanBatch(transactionsPerBlock: 12)

    /// Arbitrum One's blocks: a block is made every 250 ms while there are transactions (nitro
    /// `execution/gethexec/sequencer.go` max-block-speed); how many each holds depends on the chain's load
    /// (?): 4 is a stated default, `--txs-per-block` sets it.
    public static let arbitrumOne = BatchEncoding.arbitrumBatch(transactionsPerBlock: 4)
    /// A CDK chain's L2 blocks: a block closes after at most `L2BlockMaxDeltaTimestamp` 3 s (zkevm-node
    /// `config/default.go`); transactions per block depend on the chain's load (?): 4 is a stated default.
    public static let polygonCDK = BatchEncoding.cdkBatchData(transactionsPerBlock: 4)

    /// Transactions per L2 block this encoding assumes (nil for `raw`).
    public var transactionsPerBlock: Int? {
        switch self {
        case .raw: return nil
        case .opSpanBatch(let n), .arbitrumBatch(let n), .cdkBatchData(let n): return n
        case .zkStackStateDiffModel: return nil
        }
    }

    /// How a profile names the encoding (nil for `raw`): `op-span-batch:<transactions per block>`,
    /// `arbitrum-batch:<n>`, `cdk-batch:<n>`, `zksync-state-diff-model`.
    public var name: String? {
        switch self {
        case .raw: return nil
        case .opSpanBatch(let n): return "op-span-batch:\(n)"
        case .arbitrumBatch(let n): return "arbitrum-batch:\(n)"
        case .cdkBatchData(let n): return "cdk-batch:\(n)"
        case .zkStackStateDiffModel: return "zksync-state-diff-model"
        }
    }

    /// The encoding a profile names; nil when the name is not one of `name`'s forms.
    public init?(name: String?) {
        guard let name else { self = .raw; return }
        if name == "zksync-state-diff-model" { self = .zkStackStateDiffModel; return }
        let parts = name.split(separator: ":")
        guard parts.count == 2, let n = Int(parts[1]), (1...100_000).contains(n) else { return nil }
        switch parts[0] {
        case "op-span-batch": self = .opSpanBatch(transactionsPerBlock: n)
        case "arbitrum-batch": self = .arbitrumBatch(transactionsPerBlock: n)
        case "cdk-batch": self = .cdkBatchData(transactionsPerBlock: n)
        default: return nil
        }
    }

    /// What a report says the batches are, for a profile's `encoding` name (nil: the signed transactions).
    public static func assumption(forProfileEncoding name: String?) -> String {
        switch BatchEncoding(name: name) {
        case .opSpanBatch(let perBlock)?:
            return "Stack OP: each batch is what the OP batcher posts, one span batch (Delta format) per channel, compressed with the batcher's codec (a brotli channel with its version byte); L2 blocks of \(perBlock) transactions each are assumed (a trace's own block boundaries are not read yet; a block costs a span batch about one byte). Ratios are the compressed channel over the signed transactions."
        case .arbitrumBatch(let perBlock)?:
            return "Stack Arbitrum: each batch is a Nitro sequencer batch, the transactions as L2-message segments (one per L2 block of \(perBlock) transactions (?), with timestamp and L1-block segments), compressed as the batch poster does (brotli-11 by default, behind its header byte). Ratios are the compressed batch over the signed transactions."
        case .cdkBatchData(let perBlock)?:
            return "Stack Polygon CDK: each batch is the batchL2Data a CDK sequencer posts, L2 blocks of \(perBlock) transactions (?), each transaction in legacy form with r, s, v and an effective-gas percentage (typed transactions of the trace written as their legacy equivalent, access lists dropped). CDK does not compress: the `none` codec is what a CDK chain posts; other codecs show what compression would save."
        case .zkStackStateDiffModel?:
            return "Stack ZK Stack: A MODEL, not a measurement. ZK Stack publishes state diffs, not transactions; without a state-diff trace each batch's pubdata is modelled from its transactions (sender nonce and balance, recipient balance, 2 storage slots a contract call (?), a quarter of the written slots new (?), bytecodes of creations), compressed by zkSync's own state-diff rules, and posted without further compression. Ratios are the modelled pubdata over the signed transactions."
        case .raw?:
            return "Stack generic: each batch is the trace's signed transactions as they are, compressed; no stack's batch format (--stack op, arbitrum, polygon-cdk or zksync encodes a stack's)."
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
            let txs = Self.split(batch, lengths: lengths)
            let blocks = (lengths.count + max(1, perBlock) - 1) / max(1, perBlock)
            return SpanBatchEncoder.channelContent(try SpanBatchEncoder.encode(txs, blocks: .even(transactions: txs.count, count: blocks)))
        case .arbitrumBatch(let perBlock):
            let txs = Self.split(batch, lengths: lengths)
            return try ArbitrumBatchEncoder.segments(txs, blocks: ArbitrumBatchEncoder.Block.even(transactions: txs.count, perBlock: perBlock))
        case .cdkBatchData(let perBlock):
            let txs = Self.split(batch, lengths: lengths)
            // One L2 block every 2 s (?): only the 4-byte delta's value depends on it, not the size.
            return try PolygonCDKBatchEncoder.encode(txs, blocks: PolygonCDKBatchEncoder.Block.even(transactions: txs.count, perBlock: perBlock, deltaTimestamp: 2))
        case .zkStackStateDiffModel:
            return try ZKStackStateDiffModel().batchPubdata(Self.split(batch, lengths: lengths))
        }
    }

    private static func split(_ batch: [UInt8], lengths: [Int]) -> [[UInt8]] {
        var txs = [[UInt8]](), at = 0
        txs.reserveCapacity(lengths.count)
        for n in lengths { txs.append(Array(batch[at..<at + n])); at += n }
        return txs
    }

    /// The codec a stack's batch poster uses at `time` (nil for `raw`: the scenario's batcher codec
    /// stands): OP zlib before Fjord and brotli-10 from it (`OPStack.channelCodec`); Arbitrum brotli-11,
    /// the recompression level while the backlog is small (nitro `arbnode/compression_level.go`
    /// defaults); Polygon CDK none (batch data is posted as it is, zkevm-node `state/encoding_batch_v2.go`).
    public func posterCodec(at time: Int64) -> CodecID? {
        switch self {
        case .raw: return nil
        case .opSpanBatch: return OPStack.channelCodec(at: time)
        case .arbitrumBatch: return .brotli(11)
        case .cdkBatchData, .zkStackStateDiffModel: return CodecID.none
        }
    }

    /// Bytes a stack adds to the compressed stream: OP from Fjord, the channel version byte 0x01 before a
    /// brotli stream (optimism `op-node/rollup/derive/channel_compressor.go` `ChannelVersionBrotli`; a
    /// zlib channel has none, specs `derivation.md`, Channel Format); Arbitrum, the payload's header byte
    /// (nitro `daprovider/util.go` BrotliMessageHeaderByte) before its brotli stream.
    public func channelOverhead(codec: CodecID) -> Int {
        switch self {
        case .opSpanBatch where codec.family == .brotli: return 1
        case .arbitrumBatch: return 1
        default: return 0
        }
    }
}

extension BatchEncoding {
    /// A batch target an encoding cannot measure: a stack's posted encoding is built from whole batches
    /// of transactions, so neither one transaction alone nor the whole trace as a single stream applies.
    public struct UnsupportedTarget: Error, CustomStringConvertible {
        public let target: BatchTarget
        public var description: String {
            "batch size '\(target)' with a stack's encoding: a stack's batch is built from a batch of transactions (OP: at most MAX_RLP_BYTES_PER_CHANNEL, 100,000,000 bytes since Fjord; Arbitrum: 100,000 compressed bytes in calldata; CDK: 120,000 bytes), so give sizes in bytes (e.g. 100k,780k)"
        }
    }
}
