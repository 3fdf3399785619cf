/// ZK Stack (zkSync Era) pubdata: what a batch publishes is not its transactions but their effects, the
/// compressed storage diffs, L2→L1 logs, messages and published bytecodes
/// (zksync-era `docs/src/specs/contracts/settlement_contracts/data_availability/compression.md` and
/// `standard_pubdata_format.md`; the compressor in `core/lib/types/src/storage/writes/`, compression
/// version 1, since the Boojum upgrade 2023-12).
public enum ZKStackPubdata {
    /// Version byte of the state-diff compression (zksync-era `writes/compression.rs` COMPRESSION_VERSION_NUMBER).
    public static let compressionVersion: UInt8 = 1
    /// Bytes of a repeated write's enumeration index (zksync-era `writes/mod.rs` BYTES_PER_ENUMERATION_INDEX).
    public static let bytesPerEnumerationIndex: UInt8 = 4
    /// An L2→L1 log: shard id 1, is-service 1, tx number in block 2, sender 20, key 32, value 32
    /// (`standard_pubdata_format.md`).
    public static let l2ToL1LogBytes = 88

    /// One storage slot's change in a batch: its address and key, the derived key (Blake2s of both) under
    /// which an initial write is published, the enumeration index (0 for a slot written for the first
    /// time), and the slot's value before and after the batch (32-byte big-endian words).
    public struct StateDiff: Equatable, Sendable {
        public var address: [UInt8]
        public var key: [UInt8]
        public var derivedKey: [UInt8]
        public var enumerationIndex: UInt64
        public var initialValue: [UInt8]
        public var finalValue: [UInt8]

        public init(address: [UInt8], key: [UInt8], derivedKey: [UInt8], enumerationIndex: UInt64, initialValue: [UInt8], finalValue: [UInt8]) {
            self.address = address; self.key = key; self.derivedKey = derivedKey
            self.enumerationIndex = enumerationIndex; self.initialValue = initialValue; self.finalValue = finalValue
        }
    }

    /// Why state diffs cannot be compressed.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let problem: String
        public var description: String { problem }
    }

    /// The compressed state diffs of a batch with their 5-byte header: version, 3-byte length of what
    /// follows, enumeration-index width; then a 2-byte count of initial writes, each as derived key ++
    /// compressed value, then the repeated writes as 4-byte index ++ compressed value, all in (address,
    /// key) order as the circuits expect (zksync-era `writes/mod.rs` compress_state_diffs).
    public static func compress(_ diffs: [StateDiff]) throws -> [UInt8] {
        for d in diffs where d.address.count != 20 || d.key.count != 32 || d.derivedKey.count != 32 || d.initialValue.count != 32 || d.finalValue.count != 32 {
            throw Failure(problem: "a state diff needs a 20-byte address and 32-byte key, derived key and values")
        }
        let sorted = diffs.sorted { $0.address != $1.address ? $0.address.lexicographicallyPrecedes($1.address) : $0.key.lexicographicallyPrecedes($1.key) }
        let initial = sorted.filter { $0.enumerationIndex == 0 }, repeated = sorted.filter { $0.enumerationIndex != 0 }
        guard initial.count <= Int(UInt16.max) else { throw Failure(problem: "\(initial.count) initial writes in one batch; the count is 2 bytes (at most 65,535)") }
        var body = [UInt8(initial.count >> 8), UInt8(initial.count & 0xff)]
        for d in initial { body += d.derivedKey + compressValue(from: d.initialValue, to: d.finalValue) }
        for d in repeated {
            guard d.enumerationIndex <= UInt64(UInt32.max) else { throw Failure(problem: "enumeration index \(d.enumerationIndex) does not fit the 4-byte index") }
            let i = UInt32(d.enumerationIndex)
            body += [UInt8(i >> 24), UInt8(i >> 16 & 0xff), UInt8(i >> 8 & 0xff), UInt8(i & 0xff)] + compressValue(from: d.initialValue, to: d.finalValue)
        }
        guard body.count < 1 << 24 else { throw Failure(problem: "\(body.count) bytes of state diffs; the header's length is 3 bytes") }
        return [compressionVersion, UInt8(body.count >> 16), UInt8(body.count >> 8 & 0xff), UInt8(body.count & 0xff), bytesPerEnumerationIndex] + body
    }

    /// A slot's new value in the fewest bytes: a metadata byte (5 bits of length, 3 of operation) and the
    /// operand. Add (1) publishes new − old, Sub (2) old − new, both mod 2^256; Transform (3) the new value;
    /// each only when under 31 bytes, the shortest winning and Add, Sub, Transform in that order on a tie;
    /// else NoCompression, metadata 0 and the 32-byte value (zksync-era `writes/compression.rs`).
    public static func compressValue(from old: [UInt8], to new: [UInt8]) -> [UInt8] {
        var best: [UInt8]?
        for (operation, operand) in [(UInt8(1), subtract(new, old)), (2, subtract(old, new)), (3, new)] {
            guard let candidate = packed(operation, operand) else { continue }
            if best.map({ candidate.count < $0.count }) ?? true { best = candidate }
        }
        return best ?? [0] + new
    }

    /// One operation's packing: the metadata byte (5 bits of length, 3 of operation) and the operand's
    /// significant bytes; nil when they are 31 or more (the operation does not apply).
    static func packed(_ operation: UInt8, _ operand: [UInt8]) -> [UInt8]? {
        let significant = Array(operand.drop { $0 == 0 })
        return significant.count < 31 ? [UInt8(significant.count << 3) | operation] + significant : nil
    }

    /// `a − b` mod 2^256 of 32-byte big-endian words.
    static func subtract(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32), borrow = 0
        for i in stride(from: 31, through: 0, by: -1) {
            let d = Int(a[i]) - Int(b[i]) - borrow
            out[i] = UInt8((d + 256) & 0xff)
            borrow = d < 0 ? 1 : 0
        }
        return out
    }

    /// A batch's whole pubdata (`standard_pubdata_format.md`; era-contracts `StateDiffL2DAValidator.sol`):
    /// 4-byte count ++ L2→L1 logs (88 bytes each) ++ 4-byte count ++ messages (4-byte length ++ body) ++
    /// 4-byte count ++ published bytecodes (4-byte length ++ body) ++ the compressed state diffs with their header.
    public static func pubdataSize(logs: Int, messageSizes: [Int], bytecodeSizes: [Int], compressedStateDiffs: Int) -> Int {
        4 + logs * l2ToL1LogBytes + 4 + messageSizes.reduce(0) { $0 + 4 + $1 } + 4 + bytecodeSizes.reduce(0) { $0 + 4 + $1 } + compressedStateDiffs
    }
}
