import Foundation

/// Re-encodes a transaction object as JSON-RPC returns it (`eth_getBlockByNumber(…, true)`,
/// `eth_getTransactionByHash`) into its exact signed EIP-2718 bytes.
public enum RPCTransactionEncoder {
    /// Encodes `object`; the type comes from its `type` field (absent means legacy).
    public static func encode(_ object: JSONObject) throws -> (TransactionType, [UInt8]) {
        let type = try transactionType(object)
        // Sized from the input data up front: grown by doubling, the payload of a typical
        // transaction would be reallocated and copied about ten times.
        let inputBytes = (object.present("input") ?? object.present("data")).flatMap { v -> Int? in
            if case .string(let s) = v { return s.count / 2 }
            return nil
        } ?? 0
        var payload = [UInt8]()
        payload.reserveCapacity(inputBytes + 256)
        for field in TransactionField.schema(for: type) {
            try encode(field, from: object, path: field.name, type: type, into: &payload)
        }
        var out = [UInt8]()
        out.reserveCapacity(payload.count + 10)
        if type != .legacy { out.append(type.rawValue) }
        RLP.encodeList(payload, into: &out)
        return (type, out)
    }

    public static func transactionType(_ object: JSONObject) throws -> TransactionType {
        guard let raw = object.present("type") else { return .legacy }
        let bytes = try quantity(raw, path: "type", maxBytes: 1)
        let v = bytes.first ?? 0
        guard let t = TransactionType(rawValue: v) else {
            throw TransactionDecodeError(field: "type", problem: "unknown transaction type 0x\(String(v, radix: 16)) (expected 0x0-0x4 or 0x7e)")
        }
        return t
    }

    private static func value(_ object: JSONObject, _ field: TransactionField) -> JSONValue? {
        for key in field.rpcKeys { if let v = object.present(key) { return v } }
        return nil
    }

    private static func encode(_ field: TransactionField, from object: JSONObject, path: String,
                               type: TransactionType, into out: inout [UInt8]) throws {
        let raw = value(object, field)
        switch field.kind {
        case .optionalAddress:
            guard let raw else { RLP.encodeString([], into: &out); return }
            try appendHex(raw, path: path, count: 20, what: "a 20-byte address", into: &out)
        case .bool:
            guard case .bool(let b)? = raw else {
                throw TransactionDecodeError(field: path, problem: raw == nil ? "missing (expected true or false)" : "expected true or false")
            }
            RLP.encodeString(b ? [1] : [], into: &out)
        default:
            guard let raw else {
                throw TransactionDecodeError(field: path, problem: "missing (the \(type) transaction needs it)")
            }
            try encode(raw, kind: field.kind, path: path, into: &out)
        }
    }

    private static func encode(_ raw: JSONValue, kind: TransactionField.Kind, path: String, into out: inout [UInt8]) throws {
        switch kind {
        case .uint(let maxBytes):
            let mark = out.count
            if case .string(let s) = raw, s.withUTF8({ appendQuantity($0, maxBytes: maxBytes, into: &out) }) { return }
            out.removeSubrange(mark...) // whatever the fast path began; the careful one says what is wrong
            RLP.encodeString(try quantity(raw, path: path, maxBytes: maxBytes), into: &out)
        case .parity:
            let q = try quantity(raw, path: path, maxBytes: 1)
            guard q.isEmpty || q == [1] else { throw TransactionDecodeError(field: path, problem: "expected a y-parity of 0x0 or 0x1") }
            RLP.encodeString(q, into: &out)
        case .address, .optionalAddress: try appendHex(raw, path: path, count: 20, what: "a 20-byte address", into: &out)
        case .hash: try appendHex(raw, path: path, count: 32, what: "a 32-byte hash", into: &out)
        case .bytes: try appendHex(raw, path: path, count: nil, what: "", into: &out)
        case .bool: RLP.encodeString(raw == .bool(true) ? [1] : [], into: &out)
        case .hashList:
            guard let arr = raw.array else { throw TransactionDecodeError(field: path, problem: "expected an array of 32-byte hashes") }
            var inner = [UInt8]()
            for (i, h) in arr.enumerated() { try encode(h, kind: .hash, path: "\(path)[\(i)]", into: &inner) }
            RLP.encodeList(inner, into: &out)
        case .accessList:
            guard let arr = raw.array else { throw TransactionDecodeError(field: path, problem: "expected an array of {address, storageKeys}") }
            var inner = [UInt8]()
            for (i, e) in arr.enumerated() {
                let p = "\(path)[\(i)]"
                guard let obj = e.object else { throw TransactionDecodeError(field: p, problem: "expected an object {address, storageKeys}") }
                var pair = [UInt8]()
                try encode(obj["address"] ?? .null, kind: .address, path: p + ".address", into: &pair)
                try encode(obj["storageKeys"] ?? .array([]), kind: .hashList, path: p + ".storageKeys", into: &pair)
                RLP.encodeList(pair, into: &inner)
            }
            RLP.encodeList(inner, into: &out)
        case .authorizationList:
            guard let arr = raw.array else { throw TransactionDecodeError(field: path, problem: "expected an array of authorizations") }
            var inner = [UInt8]()
            for (i, e) in arr.enumerated() {
                let p = "\(path)[\(i)]"
                guard let obj = e.object else { throw TransactionDecodeError(field: p, problem: "expected an authorization object") }
                var tuple = [UInt8]()
                for f in TransactionField.authorization {
                    guard let v = value(obj, f) else { throw TransactionDecodeError(field: "\(p).\(f.name)", problem: "missing") }
                    try encode(v, kind: f.kind, path: "\(p).\(f.name)", into: &tuple)
                }
                RLP.encodeList(tuple, into: &inner)
            }
            RLP.encodeList(inner, into: &out)
        }
    }

    /// A JSON-RPC quantity ("0x1a", no leading zeros required) or a non-negative JSON integer, as
    /// minimal big-endian bytes.
    static func quantity(_ raw: JSONValue, path: String, maxBytes: Int) throws -> [UInt8] {
        var bytes: [UInt8]
        if case .string(let s) = raw {
            guard s.hasHexPrefix, s.count > 2 else {
                throw TransactionDecodeError(field: path, problem: "expected a hex quantity like \"0x1a\", got \"\(s.string.prefix(40))\"")
            }
            // Digits right-aligned into bytes: an odd count gets a leading zero nibble.
            guard let decoded = s.withUTF8({ quantityBytes(UnsafeBufferPointer(rebasing: $0[2...])) }) else {
                throw TransactionDecodeError(field: path, problem: "expected a hex quantity, got \"\(s.string.prefix(40))\"")
            }
            bytes = decoded
        } else if case .number(let text) = raw, let n = UInt64(text) {
            bytes = RLP.bigEndian(n)
        } else {
            throw TransactionDecodeError(field: path, problem: "expected a hex quantity string")
        }
        while bytes.first == 0 { bytes.removeFirst() }
        guard bytes.count <= maxBytes else {
            throw TransactionDecodeError(field: path, problem: "expected at most \(maxBytes) bytes, got \(bytes.count)")
        }
        return bytes
    }

    /// Appends a 0x-hex quantity as an RLP integer straight from its digits; false (having written
    /// nothing that matters: the caller then throws) when it is not one of at most `maxBytes` bytes.
    private static func appendQuantity(_ u: UnsafeBufferPointer<UInt8>, maxBytes: Int, into out: inout [UInt8]) -> Bool {
        guard u.count > 2, u[0] == UInt8(ascii: "0"), u[1] | 0x20 == UInt8(ascii: "x") else { return false }
        var i = 2
        while i < u.count, u[i] == UInt8(ascii: "0") { i += 1 }
        let digits = u.count - i
        let n = (digits + 1) / 2
        guard n <= maxBytes else { return false }
        if n == 0 { out.append(0x80); return true }
        var first: UInt8
        if digits % 2 == 1 {
            guard let v = Hex.nibble(u[i]) else { return false }
            first = v; i += 1
        } else {
            guard let hi = Hex.nibble(u[i]), let lo = Hex.nibble(u[i + 1]) else { return false }
            first = hi << 4 | lo; i += 2
        }
        if n == 1 && first < 0x80 { out.append(first); return true }
        // Decoded on the stack, then appended in one copy (n ≤ maxBytes ≤ 32): appending byte by
        // byte costs a capacity check each, and r and s are 32 bytes of every transaction.
        let rest = i
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1 + 32) { t -> Bool in
            guard n <= 32, let dst = t.baseAddress, let digits = u.baseAddress else { return false }
            dst[0] = 0x80 + UInt8(n)
            dst[1] = first
            guard n == 1 || Hex.decodePairs(digits + rest, count: n - 1, into: dst + 2) else { return false }
            out.append(contentsOf: UnsafeBufferPointer(start: dst, count: n + 1))
            return true
        }
    }

    /// Hex digits (no prefix) as minimal big-endian bytes; nil on a non-digit.
    private static func quantityBytes(_ d: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var i = 0
        while i < d.count - 1, d[i] == UInt8(ascii: "0") { i += 1 }
        let n = d.count - i
        var out = [UInt8](repeating: 0, count: (n + 1) / 2)
        var k = n % 2 == 1 ? 1 : 0
        while i < d.count {
            guard let v = Hex.nibble(d[i]) else { return nil }
            out[k >> 1] |= k & 1 == 0 ? v << 4 : v
            k += 1; i += 1
        }
        return out
    }

    /// Appends the RLP string of 0x-hex data straight from its digits, without an intermediate
    /// array (the input of a block's transactions is most of its bytes). On any problem the
    /// careful path below says what is wrong.
    private static func appendHex(_ raw: JSONValue, path: String, count expected: Int?, what: String,
                                  into out: inout [UInt8]) throws {
        let mark = out.count
        if case .string(let s) = raw, s.withUTF8({ appendHex($0, count: expected, into: &out) }) { return }
        // Drop whatever the fast path began; the careful path throws the precise error.
        out.removeSubrange(mark...)
        let decoded = try expected.map { try fixed(raw, path: path, count: $0, what: what) } ?? (try data(raw, path: path))
        RLP.encodeString(decoded, into: &out)
    }

    private static func appendHex(_ u: UnsafeBufferPointer<UInt8>, count expected: Int?, into out: inout [UInt8]) -> Bool {
        guard u.count >= 2, u[0] == UInt8(ascii: "0"), u[1] | 0x20 == UInt8(ascii: "x"), u.count % 2 == 0 else { return false }
        let n = (u.count - 2) / 2
        if let expected, n != expected { return false }
        if n == 1, let hi = Hex.nibble(u[2]), let lo = Hex.nibble(u[3]), hi << 4 | lo < 0x80 {
            out.append(hi << 4 | lo)
            return true
        }
        RLP.encodeHeader(n, offset: 0x80, into: &out)
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: n))
        guard let digits = u.baseAddress?.advanced(by: 2) else { return false }
        return out.withUnsafeMutableBufferPointer { o in
            o.baseAddress.map { Hex.decodePairs(digits, count: n, into: $0 + start) } ?? false
        }
    }

    static func data(_ raw: JSONValue, path: String) throws -> [UInt8] {
        guard case .string(let s) = raw, s.hasHexPrefix else {
            throw TransactionDecodeError(field: path, problem: "expected 0x-prefixed hex data")
        }
        var b = [UInt8]()
        guard s.withUTF8({ Hex.decode($0, into: &b) }) == nil else {
            throw TransactionDecodeError(field: path, problem: "expected 0x-prefixed hex data with an even number of digits")
        }
        return b
    }

    static func fixed(_ raw: JSONValue, path: String, count: Int, what: String) throws -> [UInt8] {
        let b = try data(raw, path: path)
        guard b.count == count else { throw TransactionDecodeError(field: path, problem: "expected \(what), got \(b.count) bytes") }
        return b
    }
}
