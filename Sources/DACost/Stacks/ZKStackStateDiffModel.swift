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
        let f = try SignedTransactionFields(tx, accepted: [0, 1, 2, 3, 4]) { "transaction type \($0) has no ZK Stack model" }
        let value = try f.payload(f.value), data = try f.payload(f.data), to = try f.recipient()
        let gas = try f.payload(f.gas), price = try f.payload(f.gasPrice)
        func key() -> Int { Double(rng.next() >> 11) / Double(1 << 53) < initialWriteShare ? 32 : Int(ZKStackPubdata.bytesPerEnumerationIndex) }
        // The compressed size of a change by `operand`: metadata byte and operand (≤ 30 bytes), else 33.
        func change(_ operand: [UInt8]) -> Int {
            let n = operand.drop { $0 == 0 }.count
            return n < 31 ? 1 + n : 33
        }
        let index = Int(ZKStackPubdata.bytesPerEnumerationIndex)
        var bytes = index + change([1])                                   // nonce: Add 1
        bytes += index + change(Self.sum(Self.product(gas, price), value)) // balance: Sub (fee + value)
        if value.contains(where: { $0 != 0 }) { bytes += key() + change(value) }
        if to.isEmpty {
            bytes += 4 + data.count // a published bytecode: 4-byte length and the code (init code as its size)
        } else if !data.isEmpty {
            let amount = Array(data.suffix(32))
            for _ in 0..<callWrites { bytes += key() + change(amount) }
        }
        return bytes
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
