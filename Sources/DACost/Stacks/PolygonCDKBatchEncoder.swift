/// Polygon CDK (zkEVM rollup, Etrog and later) `batchL2Data` as the sequencer writes it into
/// `sequenceBatches` calldata: per L2 block a changeL2Block marker, per transaction its legacy-form RLP
/// with the signature appended and an effective-gas-price percentage, and **no compression**
/// (zkevm-node `state/encoding_batch_v2.go`, `state/helper.go` prepareRLPTxData, Etrog). That a CDK
/// chain posts its transactions uncompressed is why its data per transaction is the largest of the
/// four stacks.
public enum PolygonCDKBatchEncoder {
    /// The byte that opens an L2 block in batch data (zkevm-node `state/encoding_batch_v2.go` changeL2Block, Etrog).
    public static let changeL2Block: UInt8 = 0x0b
    /// `v` in batch data is 27 + the signature's parity (zkevm-node `state/helper.go` ether155V).
    public static let ether155V: UInt8 = 27
    /// The effective percentage of a transaction that pays its full gas price (zkevm-node `state/helper.go`
    /// MaxEffectivePercentage, Etrog).
    public static let maxEffectivePercentage: UInt8 = 255
    /// Most bytes of batch data in one batch: `_MAX_TRANSACTIONS_BYTE_LENGTH` (zkevm-contracts
    /// `contracts/v2/lib/PolygonRollupBaseEtrog.sol`, Etrog: geth's 128 KB transaction limit minus 8 KB).
    public static let maxTransactionsByteLength = 120_000

    /// One L2 block's header in batch data and how many of the batch's transactions it holds.
    public struct Block: Equatable, Sendable {
        /// Seconds since the previous block (u32), and the L1 info tree leaf the block uses (u32; 0 = no change).
        public var deltaTimestamp: UInt32
        public var indexL1InfoTree: UInt32
        public var transactions: Int

        public init(deltaTimestamp: UInt32, indexL1InfoTree: UInt32 = 0, transactions: Int) {
            self.deltaTimestamp = deltaTimestamp; self.indexL1InfoTree = indexL1InfoTree; self.transactions = transactions
        }

        /// `transactions` in blocks of `perBlock` (the last may hold fewer), `deltaTimestamp` seconds apart,
        /// for a trace that does not say where its blocks begin.
        public static func even(transactions: Int, perBlock: Int, deltaTimestamp: UInt32) -> [Block] {
            let p = max(1, perBlock), t = max(0, transactions)
            return stride(from: 0, to: max(t, 1), by: p).map { Block(deltaTimestamp: deltaTimestamp, transactions: min(p, t - $0)) }
        }
    }

    /// A transaction batch data cannot carry, or whose encoding is broken.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let transaction: Int
        public let problem: String
        public var description: String { "transaction \(transaction + 1): \(problem)" }
    }

    /// The batch data of `transactions` (signed EIP-2718 encodings) in `blocks`.
    public static func encode(_ transactions: [[UInt8]], blocks: [Block], effectivePercentage: UInt8 = maxEffectivePercentage) throws -> [UInt8] {
        // Each count within the batch first, so that their sum cannot overflow.
        guard blocks.allSatisfy({ (0...transactions.count).contains($0.transactions) }), blocks.reduce(0, { $0 + $1.transactions }) == transactions.count else {
            throw Failure(transaction: 0, problem: "the blocks hold \(blocks.reduce(0, { $0 &+ $1.transactions })) transactions, expected \(transactions.count)")
        }
        var out = [UInt8]()
        out.reserveCapacity(transactions.reduce(0) { $0 + $1.count } + 9 * blocks.count)
        var next = 0
        for block in blocks {
            out.append(changeL2Block)
            out += bigEndian(block.deltaTimestamp) + bigEndian(block.indexL1InfoTree)
            for i in next..<next + block.transactions {
                do { try append(transactions[i], effectivePercentage: effectivePercentage, to: &out) }
                catch let e as SignedTransactionFields.Problem { throw Failure(transaction: i, problem: e.text) }
            }
            next += block.transactions
        }
        return out
    }

    /// One transaction as batch data holds it: `rlp(nonce, gasPrice, gas, to, value, data, chainId, 0, 0)`
    /// (pre-EIP-155: the first six) ++ r (32) ++ s (32) ++ v (27 + parity) ++ effectivePercentage.
    /// CDK chains take legacy transactions; a typed transaction of the trace is written as the legacy
    /// transaction with the same fields (its max fee as the gas price; access and authorization lists,
    /// which the legacy form cannot carry, dropped). Deposits and blob transactions are refused.
    static func append(_ tx: [UInt8], effectivePercentage: UInt8, to out: inout [UInt8]) throws {
        try tx.withUnsafeBufferPointer { b in
            let f = try SignedTransactionFields(b, accepted: [0, 1, 2, 4]) { type in
                type == 0x7e ? "a deposit: not a transaction a CDK sequencer posts"
                    : type == 0x03 ? "a blob transaction: CDK chains do not carry them" : "transaction type \(type) has no CDK batch form"
            }
            _ = try f.recipient()
            var body = [UInt8]()
            for k in [f.nonce, f.gasPrice, f.gas, f.to, f.value, f.data] { body += f.encoded(k) }
            if let chainId = try f.chainId() {
                RLP.encodeUInt(chainId, into: &body)
                body += [0x80, 0x80]
            }
            RLP.encodeList(body, into: &out)
            out += try f.word(f.signature + 1)
            out += try f.word(f.signature + 2)
            out.append(ether155V + (try f.parity().yParity ? 1 : 0))
            out.append(effectivePercentage)
        }
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)] }
}
