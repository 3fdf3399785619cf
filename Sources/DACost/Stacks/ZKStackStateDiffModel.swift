/// A MODEL of what a ZK Stack batch would publish for a trace of signed transactions, for when no
/// state-diff trace is at hand: ZK Stack publishes storage diffs, not transactions, so each transaction
/// is turned into the storage writes it would most plausibly make, compressed by the real rules
/// (`ZKStackPubdata.compressValue`). Every report that uses it says it is a model. The writes:
/// - the sender's nonce (NonceHolder), a repeated write of Add 1;
/// - the sender's ETH balance, a repeated write of Sub (fee + value), the fee taken as gas limit × gas price;
/// - with value, the recipient's balance, Add value;
/// - a contract call's own writes: `callWrites` slots (?), each of the size of the call's last 32-byte
///   argument (an ERC-20 transfer's amount);
/// - a contract creation publishes its bytecode, taken as the size of its init code (an upper bound).
/// Writes other than the sender's are initial (published under a 32-byte derived key) with probability
/// `initialWriteShare` (?), drawn from a seeded stream; every transaction is taken to have its own
/// sender (a sender with several transactions in a batch publishes its nonce and balance once: an
/// over-estimate for busy senders). No L2→L1 logs or messages: plain L2 transactions send none.
public struct ZKStackStateDiffModel: Sendable, Equatable {
    /// Storage slots a contract call writes besides the sender's nonce and balance (?): an ERC-20
    /// transfer writes two balances; swaps and mints write more, plain approvals one.
    public var callWrites = 2
    /// Share of the written slots (other than the sender's) never written before (?).
    public var initialWriteShare = 0.25
    public var seed: UInt64 = 1

    public init() {}

    /// What the model gives for a trace.
    public struct Estimate: Equatable, Sendable {
        public var transactions = 0
        /// Bytes of the signed transactions themselves.
        public var traceBytes = 0
        /// Modelled pubdata of the transactions' writes and bytecodes, bytes (batch headers not included).
        public var pubdataBytes = 0
        public var pubdataBytesPerTx: Double { Double(pubdataBytes) / Double(max(1, transactions)) }
    }

    /// Bytes of a batch's own pubdata besides its transactions': the state-diff header (5), the initial
    /// writes' count (2), the three 4-byte counts of logs, messages and bytecodes, and the operator's
    /// balance (one repeated write of the batch's fees, ~8 bytes) (`standard_pubdata_format.md`).
    public static let batchOverheadBytes = 5 + 2 + 3 * 4 + 4 + 1 + 8

    /// The model over every transaction of the trace at `path`.
    public func estimate(tracePath path: String) throws -> Estimate {
        let reader = try TraceReader(path: path)
        var rng = SeededRandom(seed: seed)
        var e = Estimate()
        while let tx = try reader.next() {
            e.transactions += 1
            e.traceBytes += tx.bytes.count
            e.pubdataBytes += try tx.bytes.withUnsafeBufferPointer { try pubdata(of: $0, rng: &rng) }
        }
        return e
    }

    /// Modelled pubdata bytes of one signed transaction.
    func pubdata(of tx: UnsafeBufferPointer<UInt8>, rng: inout SeededRandom) throws -> Int {
        var writes = Writes()
        try append(tx, rng: &rng, to: &writes)
        return writes.initial.count + writes.repeated.count + writes.bytecodes.count
    }

    /// A batch's modelled pubdata as the bytes zkSync would publish (`ZKStackPubdata`'s layout: the three
    /// empty counts of logs, messages and bytecodes, bytecodes aside, then the state-diff header, initial
    /// writes with their count, repeated writes), with pseudo-random derived keys and enumeration indexes
    /// drawn from a stream seeded by the batch's own bytes (the same batch, the same bytes, whatever the jobs).
    public func batchPubdata(_ transactions: [[UInt8]]) throws -> [UInt8] {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 // FNV-1a over the batch
        for tx in transactions { for b in tx { h = (h ^ UInt64(b)) &* 0x0100_0000_01b3 } }
        var rng = SeededRandom(seed: seed ^ h), writes = Writes()
        for (i, tx) in transactions.enumerated() {
            do { try tx.withUnsafeBufferPointer { try append($0, rng: &rng, to: &writes) } }
            catch let e as SignedTransactionFields.Problem { throw ZKStackPubdata.Failure(problem: "transaction \(i + 1): \(e.text)") }
        }
        // The operator's balance: one repeated write of the batch's fees.
        writes.repeated += Self.index(&rng) + [UInt8(8 << 3) | 1] + (0..<8).map { _ in UInt8(truncatingIfNeeded: rng.next() | 1) }
        let initialCount = min(writes.initialCount, Int(UInt16.max))
        let diffs = [UInt8(initialCount >> 8), UInt8(initialCount & 0xff)] + writes.initial + writes.repeated
        let n = diffs.count
        return [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] + writes.bytecodes
            + [ZKStackPubdata.compressionVersion, UInt8(truncatingIfNeeded: n >> 16), UInt8(truncatingIfNeeded: n >> 8), UInt8(truncatingIfNeeded: n),
               ZKStackPubdata.bytesPerEnumerationIndex] + diffs
    }

    /// What a batch's transactions write, apart as zkSync publishes them.
    struct Writes {
        var initial = [UInt8](), repeated = [UInt8](), bytecodes = [UInt8]()
        var initialCount = 0
    }

    /// A repeated write's 4-byte enumeration index: Era's tree holds a few hundred million slots (?), so
    /// indexes below 2^28.
    static func index(_ rng: inout SeededRandom) -> [UInt8] {
        let i = UInt32(truncatingIfNeeded: rng.next()) & 0x0fff_ffff
        return [UInt8(i >> 24), UInt8(i >> 16 & 0xff), UInt8(i >> 8 & 0xff), UInt8(i & 0xff)]
    }

    /// Appends one transaction's modelled writes.
    func append(_ tx: UnsafeBufferPointer<UInt8>, rng: inout SeededRandom, to w: inout Writes) throws {
        let f = try SignedTransactionFields(tx, accepted: [0, 1, 2, 3, 4]) { "transaction type \($0) has no ZK Stack model" }
        let value = try f.payload(f.value), data = try f.payload(f.data), to = try f.recipient()
        let gas = try f.payload(f.gas), price = try f.payload(f.gasPrice)
        // A value change as zkSync packs it, else metadata 0 and a 32-byte value (the operand stands in for it).
        func change(_ operation: UInt8, _ operand: [UInt8]) -> [UInt8] {
            ZKStackPubdata.packed(operation, operand) ?? [0] + [UInt8](repeating: 0, count: max(0, 32 - operand.count)) + operand.suffix(32)
        }
        func write(_ operation: UInt8, _ operand: [UInt8], sender: Bool) {
            if !sender && Double(rng.next() >> 11) / Double(1 << 53) < initialWriteShare {
                w.initial += (0..<4).flatMap { _ in withUnsafeBytes(of: rng.next()) { Array($0) } } + change(operation, operand)
                w.initialCount += 1
            } else {
                w.repeated += Self.index(&rng) + change(operation, operand)
            }
        }
        write(1, [1], sender: true)                                           // nonce: Add 1
        write(2, Self.sum(Self.product(gas, price), value), sender: true)     // balance: Sub (fee + value)
        if value.contains(where: { $0 != 0 }) { write(1, value, sender: false) }
        if to.isEmpty {
            // A published bytecode: 4-byte length and the code (its init code's size, an upper bound).
            let n = UInt32(truncatingIfNeeded: data.count)
            w.bytecodes += [UInt8(n >> 24), UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)] + data
        } else if !data.isEmpty {
            let amount = Array(data.suffix(32))
            for _ in 0..<callWrites { write(3, amount, sender: false) }
        }
    }

    /// Big-endian byte strings as numbers: their product and sum (only their sizes matter here, so both
    /// are exact but unbounded).
    static func product(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        guard !a.isEmpty, !b.isEmpty else { return [] }
        var out = [UInt32](repeating: 0, count: a.count + b.count)
        for (i, x) in a.reversed().enumerated() {
            var carry: UInt32 = 0
            for (j, y) in b.reversed().enumerated() {
                let t = out[i + j] + UInt32(x) * UInt32(y) + carry
                out[i + j] = t & 0xff; carry = t >> 8
            }
            out[i + b.count] += carry
        }
        return out.reversed().map { UInt8($0 & 0xff) }
    }

    static func sum(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        let n = max(a.count, b.count) + 1
        let x = [UInt8](repeating: 0, count: n - a.count) + a, y = [UInt8](repeating: 0, count: n - b.count) + b
        var out = [UInt8](repeating: 0, count: n), carry = 0
        for i in stride(from: n - 1, through: 0, by: -1) {
            let t = Int(x[i]) + Int(y[i]) + carry
            out[i] = UInt8(t & 0xff); carry = t >> 8
        }
        return out
    }
}
