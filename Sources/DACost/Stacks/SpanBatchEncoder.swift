/// OP Stack span batches (batch_version 1, from Delta: 2024-02-22 on OP Mainnet), as the batcher writes
/// them before compressing a channel: `0x01 ++ prefix ++ payload`, the transactions' fields regrouped
/// by kind (specs `protocol/delta/span-batches.md`; optimism `op-node/rollup/derive/span_batch*.go`).
/// What a span batch drops from a signed transaction (chain id, the RLP framing of fixed-size fields,
/// `v` folded into one parity bit) is why OP posts fewer bytes than the transactions themselves.
public enum SpanBatchEncoder {
    /// `batch_version` of a span batch (specs `delta/span-batches.md`, from Delta).
    public static let spanBatchType: UInt8 = 1

    /// What a span batch says about its blocks besides their transactions.
    public struct Blocks: Equatable, Sendable {
        /// First block's timestamp minus the L2 genesis timestamp (seconds).
        public var relTimestamp: UInt64 = 0
        /// The last block's L1 origin number.
        public var l1OriginNumber: UInt64 = 0
        /// First 20 bytes of the first block's parent hash, and of the last block's L1 origin hash.
        public var parentCheck = [UInt8](repeating: 0, count: 20), l1OriginCheck = [UInt8](repeating: 0, count: 20)
        /// Transactions in each block, and whether each block's L1 origin differs from its parent's.
        public var txCounts: [Int]
        public var originChanged: [Bool]

        public init(txCounts: [Int], originChanged: [Bool]? = nil) {
            self.txCounts = txCounts
            self.originChanged = originChanged ?? txCounts.indices.map { _ in false }
        }

        /// `transactions` spread as evenly as whole numbers allow over `count` blocks (earlier blocks get
        /// the remainder), for a trace that does not say where its blocks begin; the L1 origin changes
        /// every `blocksPerOrigin` blocks (6 for 2-s L2 blocks under 12-s L1 blocks).
        public static func even(transactions: Int, count: Int, blocksPerOrigin: Int = 6) -> Blocks {
            let n = max(1, count), t = max(0, transactions)
            let counts = (0..<n).map { t / n + ($0 < t % n ? 1 : 0) }
            return Blocks(txCounts: counts, originChanged: (0..<n).map { $0 % max(1, blocksPerOrigin) == 0 })
        }
    }

    /// A transaction a span batch cannot carry, or whose encoding is broken.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let transaction: Int
        public let problem: String
        public var description: String { "transaction \(transaction + 1): \(problem)" }
    }

    /// The span batch of `transactions` (signed EIP-2718 encodings, in block order): `0x01 ++ prefix ++
    /// payload`. Legacy, EIP-2930, EIP-1559 and EIP-7702 (from Isthmus) transactions; deposits are
    /// derived from L1 and blob transactions do not exist on OP chains, so both are refused.
    public static func encode(_ transactions: [[UInt8]], blocks: Blocks) throws -> [UInt8] {
        guard blocks.txCounts.reduce(0, &+) == transactions.count, blocks.txCounts.allSatisfy({ $0 >= 0 }), blocks.originChanged.count == blocks.txCounts.count,
              !blocks.txCounts.isEmpty, blocks.parentCheck.count == 20, blocks.l1OriginCheck.count == 20 else {
            throw Failure(transaction: 0, problem: "the blocks hold \(blocks.txCounts.reduce(0, &+)) transactions in \(blocks.txCounts.count) blocks, expected \(transactions.count) in at least one")
        }
        var creation = [Bool](), parity = [Bool](), protected = [Bool]()
        var sigs = [UInt8](), tos = [UInt8](), datas = [UInt8](), nonces = [UInt8](), gases = [UInt8]()
        for (i, tx) in transactions.enumerated() {
            let f: SpanBatchFields
            do { f = try tx.withUnsafeBufferPointer { try SpanBatchFields(tx: $0) } }
            catch let e as SignedTransactionFields.Problem { throw Failure(transaction: i, problem: e.text) }
            creation.append(f.to.isEmpty)
            parity.append(f.yParity)
            if let p = f.protected { protected.append(p) }
            sigs += f.r + f.s
            tos += f.to
            datas += f.data
            appendUvarint(f.nonce, to: &nonces)
            appendUvarint(f.gas, to: &gases)
        }
        var out: [UInt8] = [spanBatchType]
        // prefix
        appendUvarint(blocks.relTimestamp, to: &out)
        appendUvarint(blocks.l1OriginNumber, to: &out)
        out += blocks.parentCheck + blocks.l1OriginCheck
        // payload: blocks, then the transactions' fields grouped by kind
        appendUvarint(UInt64(blocks.txCounts.count), to: &out)
        out += bitlist(blocks.originChanged)
        for c in blocks.txCounts { appendUvarint(UInt64(c), to: &out) }
        out += bitlist(creation) + bitlist(parity) + sigs + tos + datas + nonces + gases + bitlist(protected)
        return out
    }

    /// What a channel holds for one batch: the batch as an RLP byte string (channels concatenate them;
    /// specs `derivation.md`, Batch Format).
    public static func channelContent(_ batch: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        RLP.encodeString(batch, into: &out)
        return out
    }

    /// The block part of a span batch read back (a real one, to encode the same transactions with the
    /// same blocks), and where its transaction fields begin.
    public static func blocks(of batch: [UInt8]) throws -> (blocks: Blocks, transactionsStart: Int) {
        var r = SpanBatchDecoder.Reader(bytes: batch, at: 0)
        guard batch.first == spanBatchType else { throw r.fail("expected batch type 0x01") }
        r.at = 1
        let rel = try r.uvarint(), origin = try r.uvarint()
        let parent = Array(try r.bytes(20)), originCheck = Array(try r.bytes(20))
        let count = try r.uvarint()
        guard count >= 1, count <= 10_000_000 else { throw r.fail("block count \(count)") } // MAX_SPAN_BATCH_ELEMENT_COUNT
        let originChanged = try r.bits(Int(count))
        var counts = [Int]()
        for _ in 0..<count {
            let c = try r.uvarint()
            guard c <= 10_000_000 else { throw r.fail("a block of \(c) transactions") } // MAX_SPAN_BATCH_ELEMENT_COUNT
            counts.append(Int(c))
        }
        var blocks = Blocks(txCounts: counts, originChanged: originChanged)
        blocks.relTimestamp = rel; blocks.l1OriginNumber = origin
        blocks.parentCheck = parent; blocks.l1OriginCheck = originCheck
        return (blocks, r.at)
    }

    /// Protobuf's unsigned varint: 7 bits a byte, least significant first.
    static func appendUvarint(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 { out.append(UInt8(v & 0x7f) | 0x80); v >>= 7 }
        out.append(UInt8(v))
    }

    /// A bitlist: bit i of a big-endian integer padded to whole bytes (op-node `encodeSpanBatchBits`).
    static func bitlist(_ bits: [Bool]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: (bits.count + 7) / 8)
        for (i, bit) in bits.enumerated() where bit { out[out.count - 1 - i / 8] |= 1 << (i % 8) }
        return out
    }
}

/// One signed transaction's fields as a span batch regroups them.
struct SpanBatchFields {
    var to: [UInt8] = [], r: [UInt8] = [], s: [UInt8] = [], data: [UInt8] = []
    var nonce: UInt64 = 0, gas: UInt64 = 0
    var yParity = false
    /// Legacy transactions only: whether `v` carries a chain id (EIP-155).
    var protected: Bool?

    /// Reads `tx`: legacy, EIP-2930, EIP-1559 and EIP-7702 (from Isthmus) transactions; deposits are
    /// derived from L1 and blob transactions do not exist on OP chains, so both are refused.
    init(tx b: UnsafeBufferPointer<UInt8>) throws {
        let f = try SignedTransactionFields(b, accepted: [0, 1, 2, 4]) { type in
            type == 0x7e ? "a deposit: derived from L1, never in a batch"
                : type == 0x03 ? "a blob transaction: OP chains do not carry them" : "transaction type \(type) is not in span batches"
        }
        /// `prefix ++ rlp(list of the given fields)`, the fields copied as encoded (canonical RLP).
        func list(_ prefix: [UInt8], _ fields: [Int]) -> [UInt8] {
            var body = [UInt8]()
            for k in fields { body += f.encoded(k) }
            var out = prefix
            RLP.encodeList(body, into: &out)
            return out
        }
        nonce = try f.uint(f.nonce); gas = try f.uint(f.gas); to = try f.recipient()
        (yParity, protected) = try f.parity()
        r = try f.word(f.signature + 1); s = try f.word(f.signature + 2)
        // tx_data: the variable fields only (specs `delta/span-batches.md`): legacy rlp(value, gasPrice, data);
        // type 1 adds the access list; types 2 and 4 carry both prices, type 4 its authorization list.
        switch f.type {
        case 0: data = list([], [4, 1, 5])
        case 0x01: data = list([0x01], [5, 2, 6, 7])
        case 0x02: data = list([0x02], [6, 2, 3, 7, 8])
        default: data = list([0x04], [6, 2, 3, 7, 8, 9]) // EIP-7702 (Isthmus)
        }
    }
}
