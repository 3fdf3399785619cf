/// The fields of one signed transaction (legacy, EIP-2930, EIP-1559, EIP-4844 or EIP-7702), located in
/// its encoding: what a stack's batch format takes apart and regroups (OP span batches, Polygon CDK
/// batch data). Each field is kept as its RLP encoding's range, so an encoder can copy a field as it
/// was encoded (canonical RLP) or read its value.
struct SignedTransactionFields {
    /// The EIP-2718 type byte; 0 for a legacy transaction.
    let type: UInt8
    /// Each field's full encoding (header included), in the order of the type's RLP list.
    let items: [Range<Int>]
    let bytes: UnsafeBufferPointer<UInt8>

    /// What is wrong with a transaction, for the caller to place.
    struct Problem: Error { let text: String }

    /// Fields per type: legacy [nonce, gasPrice, gas, to, value, data, v, r, s]; type 1 [chainId, nonce,
    /// gasPrice, gas, to, value, data, accessList, yParity, r, s] (EIP-2930); type 2 [chainId, nonce,
    /// maxPriority, maxFee, gas, to, value, data, accessList, yParity, r, s] (EIP-1559); type 3 adds
    /// maxFeePerBlobGas and blobVersionedHashes after accessList (EIP-4844); type 4 adds authorizationList
    /// after accessList (EIP-7702).
    static let fieldCounts: [UInt8: Int] = [0: 9, 1: 11, 2: 12, 3: 14, 4: 13]

    /// Reads the list of `tx` (a signed transaction's EIP-2718 encoding), whose type must be one of `accepted`.
    init(_ tx: UnsafeBufferPointer<UInt8>, accepted: Set<UInt8>, refusal: (UInt8) -> String) throws {
        guard let first = tx.first else { throw Problem(text: "empty") }
        let typed = first < 0xc0
        type = typed ? first : 0
        guard accepted.contains(type) else { throw Problem(text: refusal(type)) }
        bytes = tx
        do {
            let (list, _) = try RLP.item(in: tx, at: typed ? 1 : 0, end: tx.count)
            guard case .list(let body) = list else { throw Problem(text: "expected an RLP list") }
            items = try RLP.encodedRanges(in: tx, body)
        } catch let e as RLP.DecodeError { throw Problem(text: "\(e)") }
        let expected = Self.fieldCounts[type] ?? 0
        guard items.count == expected else { throw Problem(text: "expected \(expected) fields, found \(items.count)") }
    }

    /// Positions of the common fields in this transaction's list (typed transactions start with the
    /// chain id, and EIP-1559 and later have two prices).
    var nonce: Int { type == 0 ? 0 : 1 }
    /// The gas price; from EIP-1559 on maxFeePerGas, the most it may pay.
    var gasPrice: Int { type == 0 ? 1 : type == 1 ? 2 : 3 }
    var gas: Int { type == 0 ? 2 : type == 1 ? 3 : 4 }
    var to: Int { gas + 1 }
    var value: Int { gas + 2 }
    var data: Int { gas + 3 }
    /// The signature's three fields: `v` (legacy) or `yParity`, then r, s: always the last three.
    var signature: Int { items.count - 3 }

    /// Field `k`'s encoding, header included.
    func encoded(_ k: Int) -> ArraySlice<UInt8> { ArraySlice(bytes[items[k]]) }

    /// Field `k`'s content, which must be a byte string.
    func payload(_ k: Int) throws -> [UInt8] {
        let r = items[k]
        guard let (item, _) = try? RLP.item(in: bytes, at: r.lowerBound, end: r.upperBound), case .string(let p) = item else {
            throw Problem(text: "field \(k) is not a byte string")
        }
        return Array(bytes[p])
    }

    /// Field `k` as an integer of at most 64 bits.
    func uint(_ k: Int) throws -> UInt64 {
        let p = try payload(k)
        guard p.count <= 8 else { throw Problem(text: "field \(k) is larger than 64 bits") }
        return p.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Field `k` as a 32-byte big-endian word (r, s).
    func word(_ k: Int) throws -> [UInt8] {
        let p = try payload(k)
        guard p.count <= 32 else { throw Problem(text: "field \(k) is longer than 32 bytes") }
        return [UInt8](repeating: 0, count: 32 - p.count) + p
    }

    /// The signature's parity bit, and for a legacy transaction whether `v` carries a chain id (EIP-155:
    /// v = chainId · 2 + 35 + parity; unprotected: 27 + parity).
    func parity() throws -> (yParity: Bool, protected: Bool?) {
        let v = try uint(signature)
        guard type == 0 else { return (v == 1, nil) }
        return (v >= 35 ? (v - 35) % 2 == 1 : v == 28, v >= 35)
    }

    /// The chain id a transaction is signed for: a typed transaction's first field, or EIP-155's from a
    /// legacy `v`; nil for an unprotected legacy transaction.
    func chainId() throws -> UInt64? {
        if type != 0 { return try uint(0) }
        let v = try uint(signature)
        return v >= 35 ? (v - 35) / 2 : nil
    }

    /// `to`: 20 bytes, or none for a contract creation.
    func recipient() throws -> [UInt8] {
        let t = try payload(to)
        guard t.isEmpty || t.count == 20 else { throw Problem(text: "'to' is \(t.count) bytes, expected 20 or none") }
        return t
    }
}
