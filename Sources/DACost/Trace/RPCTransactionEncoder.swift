import Foundation

/// Re-encodes a transaction object as JSON-RPC returns it (`eth_getBlockByNumber(…, true)`,
/// `eth_getTransactionByHash`) into its exact signed EIP-2718 bytes.
public enum RPCTransactionEncoder {
    /// Encodes `object`; the type comes from its `type` field (absent means legacy).
    public static func encode(_ object: JSONElement) throws -> (TransactionType, [UInt8]) {
        let buffer = ByteBuffer(capacity: object.textCount / 2 + 64)
        let (type, range) = try encode(object, into: buffer)
        return (type, Array(buffer.bytes[range]))
    }

    /// Appends the signed bytes of `object` to `buffer` and returns their type and place: how a
    /// fetch encodes a block's transactions into one reused buffer, with no allocation apiece.
    public static func encode(_ object: JSONElement, into buffer: ByteBuffer) throws -> (TransactionType, Range<Int>) {
        try RPCMembers.with(object) { members in
            let type = try transactionType(typeMember: members.present(.type))
            let start = buffer.count
            // Room for the whole object up front (its hex is twice the bytes): no growth on the way.
            let bound = object.textCount / 2 + 64
            _ = buffer.reserveFree(bound)
            if type != .legacy { buffer.append(byte: type.rawValue) }
            // The signed bytes are a little under half the object's text: a guess of the header size.
            try RLP.appendList(into: buffer, likelyLength: max(0, object.textCount / 2 - 200)) {
                for field in TransactionField.schema(for: type) {
                    let raw = field.key.flatMap(members.present) ?? field.alternate.flatMap(members.present)
                    try encode(field, raw, path: field.name, type: type, into: buffer)
                }
            }
            return (type, start..<buffer.count)
        }
    }

    /// The type an object's `type` member names (absent means legacy).
    public static func transactionType(_ object: JSONElement) throws -> TransactionType {
        try transactionType(typeMember: object.present("type"))
    }

    private static func transactionType(typeMember raw: JSONElement?) throws -> TransactionType {
        guard let raw else { return .legacy }
        let v: UInt8
        if raw.hasHexPrefix, let n = raw.uint64, n <= 0xff {
            v = UInt8(n)
        } else {
            v = try quantity(raw, path: "type", maxBytes: 1).first ?? 0
        }
        guard let t = TransactionType(rawValue: v) else {
            throw TransactionDecodeError(field: "type", problem: "unknown transaction type 0x\(String(v, radix: 16)) (expected 0x0-0x4 or 0x7e)")
        }
        return t
    }

    private static func encode(_ field: TransactionField, _ raw: JSONElement?, path: String,
                               type: TransactionType, into out: ByteBuffer) throws {
        switch field.kind {
        case .optionalAddress:
            guard let raw else { out.append(byte: 0x80); return }
            try appendHex(raw, path: path, count: 20, what: "a 20-byte address", into: out)
        case .bool:
            guard let b = raw?.bool else {
                throw TransactionDecodeError(field: path, problem: raw == nil ? "missing (expected true or false)" : "expected true or false")
            }
            out.append(byte: b ? 0x01 : 0x80)
        default:
            guard let raw else {
                throw TransactionDecodeError(field: path, problem: "missing (the \(type) transaction needs it)")
            }
            try encode(raw, kind: field.kind, path: path, into: out)
        }
    }

    private static func encode(_ raw: JSONElement, kind: TransactionField.Kind, path: String, into out: ByteBuffer) throws {
        switch kind {
        case .uint(let maxBytes):
            if let u = raw.utf8, appendQuantity(u, maxBytes: maxBytes, into: out) { return }
            // The careful path says what is wrong, or reads the rarer spellings (a JSON number).
            RLP.encodeString(try quantity(raw, path: path, maxBytes: maxBytes), into: out)
        case .parity:
            if let u = raw.utf8, u.count == 3, JSONString.hasHexPrefix(u),
               u[2] == UInt8(ascii: "0") || u[2] == UInt8(ascii: "1") {
                out.append(byte: u[2] == UInt8(ascii: "1") ? 0x01 : 0x80)
                return
            }
            let q = try quantity(raw, path: path, maxBytes: 1)
            guard q.isEmpty || q == [1] else { throw TransactionDecodeError(field: path, problem: "expected a y-parity of 0x0 or 0x1") }
            RLP.encodeString(q, into: out)
        case .address, .optionalAddress: try appendHex(raw, path: path, count: 20, what: "a 20-byte address", into: out)
        case .hash: try appendHex(raw, path: path, count: 32, what: "a 32-byte hash", into: out)
        case .bytes: try appendHex(raw, path: path, count: nil, what: "", into: out)
        case .bool: out.append(byte: raw.bool == true ? 0x01 : 0x80)
        case .hashList:
            guard raw.isArray else { throw TransactionDecodeError(field: path, problem: "expected an array of 32-byte hashes") }
            try RLP.appendList(into: out) {
                for (i, h) in raw.items.enumerated() { try encode(h, kind: .hash, path: "\(path)[\(i)]", into: out) }
            }
        case .accessList:
            guard raw.isArray else { throw TransactionDecodeError(field: path, problem: "expected an array of {address, storageKeys}") }
            try RLP.appendList(into: out) {
                for (i, obj) in raw.items.enumerated() {
                    let p = "\(path)[\(i)]"
                    guard obj.isObject else { throw TransactionDecodeError(field: p, problem: "expected an object {address, storageKeys}") }
                    guard let address = obj["address"] else { throw TransactionDecodeError(field: p + ".address", problem: "missing (expected a 20-byte address)") }
                    try RLP.appendList(into: out) {
                        try encode(address, kind: .address, path: p + ".address", into: out)
                        if let keys = obj["storageKeys"] {
                            try encode(keys, kind: .hashList, path: p + ".storageKeys", into: out)
                        } else {
                            out.append(byte: 0xc0) // absent: no keys
                        }
                    }
                }
            }
        case .authorizationList:
            guard raw.isArray else { throw TransactionDecodeError(field: path, problem: "expected an array of authorizations") }
            try RLP.appendList(into: out) {
                for (i, obj) in raw.items.enumerated() {
                    let p = "\(path)[\(i)]"
                    guard obj.isObject else { throw TransactionDecodeError(field: p, problem: "expected an authorization object") }
                    try RPCMembers.with(obj) { members in
                        try RLP.appendList(into: out) {
                            for f in TransactionField.authorization {
                                guard let v = f.key.flatMap(members.present) ?? f.alternate.flatMap(members.present) else {
                                    throw TransactionDecodeError(field: "\(p).\(f.name)", problem: "missing")
                                }
                                try encode(v, kind: f.kind, path: "\(p).\(f.name)", into: out)
                            }
                        }
                    }
                }
            }
        }
    }

    /// A JSON-RPC quantity ("0x1a", no leading zeros required) or a non-negative JSON integer, as
    /// minimal big-endian bytes.
    static func quantity(_ raw: JSONElement, path: String, maxBytes: Int) throws -> [UInt8] {
        var bytes: [UInt8]
        if let text = raw.string {
            var s = text
            guard raw.hasHexPrefix, s.utf8.count > 2 else {
                throw TransactionDecodeError(field: path, problem: "expected a hex quantity like \"0x1a\", got \"\(s.prefix(40))\"")
            }
            // Digits right-aligned into bytes: an odd count gets a leading zero nibble.
            guard let decoded = s.withUTF8({ quantityBytes(UnsafeBufferPointer(rebasing: $0[2...])) }) else {
                throw TransactionDecodeError(field: path, problem: "expected a hex quantity, got \"\(s.prefix(40))\"")
            }
            bytes = decoded
        } else if let text = raw.numberText, let n = UInt64(text) {
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

    /// Appends a 0x-hex quantity as an RLP integer straight from its digits; false (having
    /// written nothing) when it is not one of at most `maxBytes` (≤ 32) bytes.
    private static func appendQuantity(_ u: UnsafeBufferPointer<UInt8>, maxBytes: Int, into out: ByteBuffer) -> Bool {
        guard u.count > 2, JSONString.hasHexPrefix(u), let text = u.baseAddress else { return false }
        var i = 2
        while i < u.count, u[i] == UInt8(ascii: "0") { i += 1 }
        let digits = u.count - i
        let n = (digits + 1) / 2
        guard n <= maxBytes, n <= 32 else { return false }
        let p = out.reserveFree(n + 1).assumingMemoryBound(to: UInt8.self)
        if n == 0 { p[0] = 0x80; out.advance(by: 1); return true }
        // Digits right-aligned into bytes after the one-byte header: an odd count gets a leading zero nibble.
        if digits % 2 == 1 {
            guard let v = Hex.nibble(u[i]) else { return false }
            p[1] = v
            guard Hex.decodePairs(text + i + 1, count: n - 1, into: p + 2) else { return false }
        } else {
            guard Hex.decodePairs(text + i, count: n, into: p + 1) else { return false }
        }
        if n == 1 && p[1] < 0x80 {
            p[0] = p[1]
            out.advance(by: 1)
        } else {
            p[0] = 0x80 + UInt8(n)
            out.advance(by: n + 1)
        }
        return true
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
    private static func appendHex(_ raw: JSONElement, path: String, count expected: Int?, what: String,
                                  into out: ByteBuffer) throws {
        if let u = raw.utf8, appendHex(u, count: expected, into: out) { return }
        let decoded = try expected.map { try fixed(raw, path: path, count: $0, what: what) } ?? (try data(raw, path: path))
        RLP.encodeString(decoded, into: out)
    }

    /// False, having written nothing, when `u` is not 0x-hex of `expected` bytes.
    private static func appendHex(_ u: UnsafeBufferPointer<UInt8>, count expected: Int?, into out: ByteBuffer) -> Bool {
        guard JSONString.hasHexPrefix(u), u.count % 2 == 0,
              let text = u.baseAddress else { return false }
        let n = (u.count - 2) / 2
        if let expected, n != expected { return false }
        let p = out.reserveFree(n + 9).assumingMemoryBound(to: UInt8.self)
        if n == 1 {
            guard Hex.decodePairs(text + 2, count: 1, into: p + 1) else { return false }
            if p[1] < 0x80 { p[0] = p[1]; out.advance(by: 1) } else { p[0] = 0x81; out.advance(by: 2) }
            return true
        }
        let h = RLP.writeHeader(n, offset: 0x80, to: p)
        guard Hex.decodePairs(text + 2, count: n, into: p + h) else { return false }
        out.advance(by: h + n)
        return true
    }

    static func data(_ raw: JSONElement, path: String) throws -> [UInt8] {
        guard var s = raw.string, raw.hasHexPrefix else {
            throw TransactionDecodeError(field: path, problem: "expected 0x-prefixed hex data")
        }
        var b = [UInt8]()
        guard s.withUTF8({ Hex.decode($0, into: &b) }) == nil else {
            throw TransactionDecodeError(field: path, problem: "expected 0x-prefixed hex data with an even number of digits")
        }
        return b
    }

    static func fixed(_ raw: JSONElement, path: String, count: Int, what: String) throws -> [UInt8] {
        let b = try data(raw, path: path)
        guard b.count == count else { throw TransactionDecodeError(field: path, problem: "expected \(what), got \(b.count) bytes") }
        return b
    }
}
