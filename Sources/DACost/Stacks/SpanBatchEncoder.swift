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
            catch let e as SpanBatchFields.Problem { throw Failure(transaction: i, problem: e.text) }
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

    /// What is wrong with a transaction, for the caller to place.
    struct Problem: Error { let text: String }

    /// Reads `tx`.
    init(tx b: UnsafeBufferPointer<UInt8>) throws {
        func problem(_ text: String) -> Problem { Problem(text: text) }
        guard let first = b.first else { throw problem("empty") }
        let typed = first < 0xc0
        guard !typed || [0x01, 0x02, 0x04].contains(first) else {
            throw problem(first == 0x7e ? "a deposit: derived from L1, never in a batch"
                : first == 0x03 ? "a blob transaction: OP chains do not carry them" : "transaction type \(first) is not in span batches")
        }
        // The fields' full encodings (header included), in order.
        let items: [Range<Int>]
        do {
            let (list, _) = try RLP.item(in: b, at: typed ? 1 : 0, end: b.count)
            guard case .list(let body) = list else { throw problem("expected an RLP list") }
            items = try RLP.encodedRanges(in: b, body)
        } catch let e as RLP.DecodeError { throw problem("\(e)") }
        func payload(_ k: Int) throws -> [UInt8] {
            let r = items[k]
            guard let (item, _) = try? RLP.item(in: b, at: r.lowerBound, end: r.upperBound), case .string(let p) = item else { throw problem("field \(k) is not a byte string") }
            return Array(b[p])
        }
        func uint(_ k: Int) throws -> UInt64 {
            let p = try payload(k)
            guard p.count <= 8 else { throw problem("field \(k) is larger than 64 bits") }
            return p.reduce(0) { $0 << 8 | UInt64($1) }
        }
        func word(_ k: Int) throws -> [UInt8] {
            let p = try payload(k)
            guard p.count <= 32 else { throw problem("field \(k) is longer than 32 bytes") }
            return [UInt8](repeating: 0, count: 32 - p.count) + p
        }
        /// `prefix ++ rlp(list of the given fields)`, the fields copied as encoded (canonical RLP).
        func list(_ prefix: [UInt8], _ fields: [Int]) -> [UInt8] {
            var body = [UInt8]()
            for k in fields { body += b[items[k]] }
            var out = prefix
            RLP.encodeList(body, into: &out)
            return out
        }
        // Field positions: legacy [nonce, gasPrice, gas, to, value, data, v, r, s]; type 1 [chainId, nonce,
        // gasPrice, gas, to, value, data, accessList, yParity, r, s]; type 2 [chainId, nonce, maxPriority,
        // maxFee, gas, to, value, data, accessList, yParity, r, s]; type 4 adds authorizationList after accessList.
        let expected = typed ? [0x01: 11, 0x02: 12, 0x04: 13][Int(first)] ?? 0 : 9
        guard items.count == expected else { throw problem("expected \(expected) fields, found \(items.count)") }
        switch typed ? first : 0 {
        case 0:
            nonce = try uint(0); gas = try uint(2); to = try payload(3)
            data = list([], [4, 1, 5])
            let v = try uint(6)
            // EIP-155: v = chainId · 2 + 35 + parity; unprotected: 27 + parity.
            protected = v >= 35
            yParity = v >= 35 ? (v - 35) % 2 == 1 : v == 28
            r = try word(7); s = try word(8)
        case 0x01:
            nonce = try uint(1); gas = try uint(3); to = try payload(4)
            data = list([0x01], [5, 2, 6, 7])
            yParity = try uint(8) == 1; r = try word(9); s = try word(10)
        case 0x02:
            nonce = try uint(1); gas = try uint(4); to = try payload(5)
            data = list([0x02], [6, 2, 3, 7, 8])
            yParity = try uint(9) == 1; r = try word(10); s = try word(11)
        default: // 0x04, EIP-7702 (Isthmus)
            nonce = try uint(1); gas = try uint(4); to = try payload(5)
            data = list([0x04], [6, 2, 3, 7, 8, 9])
            yParity = try uint(10) == 1; r = try word(11); s = try word(12)
        }
        guard to.isEmpty || to.count == 20 else { throw problem("'to' is \(to.count) bytes, expected 20 or none") }
    }
}
