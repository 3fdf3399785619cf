/// Why bytes are not a well-formed signed transaction.
public struct TransactionDecodeError: Error, Equatable, CustomStringConvertible {
    /// The field that is wrong, when one is (`to`, `accessList[2].address`).
    public let field: String?
    public let problem: String
    public var description: String { field.map { "field '\($0)': \(problem)" } ?? problem }
}

/// Checks that bytes are exactly one EIP-2718 transaction (typed or legacy) whose fields have the
/// right shapes: canonical RLP, canonical integers within their widths, 20-byte addresses, 32-byte
/// hashes, the right number of fields, nothing after the end.
public enum TransactionDecoder {
    public static func validate(_ bytes: [UInt8]) throws -> TransactionType {
        try bytes.withUnsafeBufferPointer { try validate($0) }
    }

    public static func validate(_ b: UnsafeBufferPointer<UInt8>) throws -> TransactionType {
        guard let first = b.first else { throw TransactionDecodeError(field: nil, problem: "expected a transaction, got no bytes") }
        let type: TransactionType
        let bodyStart: Int
        if first >= 0xc0 {
            type = .legacy; bodyStart = 0
        } else if first <= 0x7f, let t = TransactionType(rawValue: first), t != .legacy {
            type = t; bodyStart = 1
        } else {
            let hex = Hex.encode([first])
            throw TransactionDecodeError(field: nil, problem: first <= 0x7f
                ? "unknown transaction type 0x\(hex) (expected 0x01-0x04, 0x7e, or an RLP list for legacy)"
                : "expected a transaction type byte or an RLP list, got 0x\(hex)")
        }
        let item: RLP.Item, next: Int
        do { (item, next) = try RLP.item(in: b, at: bodyStart, end: b.count) }
        catch let e as RLP.DecodeError { throw TransactionDecodeError(field: nil, problem: e.description) }
        guard case .list(let body) = item else {
            throw TransactionDecodeError(field: nil, problem: "expected an RLP list for the \(type) transaction body, got a string")
        }
        guard next == b.count else {
            throw TransactionDecodeError(field: nil, problem: "\(b.count - next) trailing bytes after the transaction (it ends at byte \(next))")
        }
        try check(b, body, TransactionField.schema(for: type), what: "\(type) transaction")
        return type
    }

    private static func items(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ field: String?) throws -> [RLP.Item] {
        do { return try RLP.items(in: b, r) }
        catch let e as RLP.DecodeError { throw TransactionDecodeError(field: field, problem: e.description) }
    }

    private static func check(_ b: UnsafeBufferPointer<UInt8>, _ body: Range<Int>, _ schema: [TransactionField],
                              what: String, prefix: String = "") throws {
        let list = try items(b, body, prefix.isEmpty ? nil : String(prefix.dropLast()))
        guard list.count == schema.count else {
            throw TransactionDecodeError(field: prefix.isEmpty ? nil : String(prefix.dropLast()),
                                         problem: "expected \(schema.count) fields in a \(what), got \(list.count)")
        }
        for (field, it) in zip(schema, list) {
            try check(b, it, field.kind, name: prefix + field.name)
        }
    }

    private static func string(_ it: RLP.Item, _ name: String, _ expected: String) throws -> Range<Int> {
        guard case .string(let r) = it else { throw TransactionDecodeError(field: name, problem: "expected \(expected), got a list") }
        return r
    }

    private static func list(_ it: RLP.Item, _ name: String, _ expected: String) throws -> Range<Int> {
        guard case .list(let r) = it else { throw TransactionDecodeError(field: name, problem: "expected \(expected), got a byte string") }
        return r
    }

    private static func check(_ b: UnsafeBufferPointer<UInt8>, _ it: RLP.Item, _ kind: TransactionField.Kind, name: String) throws {
        switch kind {
        case .uint(let maxBytes):
            let r = try string(it, name, "an integer")
            guard r.count <= maxBytes else {
                throw TransactionDecodeError(field: name, problem: "expected an integer of at most \(maxBytes) bytes, got \(r.count)")
            }
            if let f = r.first, b[f] == 0 {
                throw TransactionDecodeError(field: name, problem: "expected a canonical integer, got a leading zero byte")
            }
        case .parity:
            let r = try string(it, name, "a y-parity of 0 or 1")
            guard r.isEmpty || (r.count == 1 && b[r.lowerBound] == 1) else {
                throw TransactionDecodeError(field: name, problem: "expected a y-parity of 0 or 1")
            }
        case .bool:
            let r = try string(it, name, "a boolean")
            guard r.isEmpty || (r.count == 1 && b[r.lowerBound] == 1) else {
                throw TransactionDecodeError(field: name, problem: "expected a boolean (empty or 0x01)")
            }
        case .address:
            let r = try string(it, name, "a 20-byte address")
            guard r.count == 20 else { throw TransactionDecodeError(field: name, problem: "expected a 20-byte address, got \(r.count) bytes") }
        case .optionalAddress:
            let r = try string(it, name, "a 20-byte address or empty")
            guard r.count == 20 || r.isEmpty else {
                throw TransactionDecodeError(field: name, problem: "expected a 20-byte address or empty, got \(r.count) bytes")
            }
        case .hash:
            let r = try string(it, name, "a 32-byte hash")
            guard r.count == 32 else { throw TransactionDecodeError(field: name, problem: "expected a 32-byte hash, got \(r.count) bytes") }
        case .bytes:
            _ = try string(it, name, "a byte string")
        case .hashList:
            let r = try list(it, name, "a list of 32-byte hashes")
            for (i, h) in try items(b, r, name).enumerated() { try check(b, h, .hash, name: "\(name)[\(i)]") }
        case .accessList:
            let r = try list(it, name, "an access list")
            for (i, entry) in try items(b, r, name).enumerated() {
                let en = "\(name)[\(i)]"
                let er = try list(entry, en, "an [address, storageKeys] pair")
                let pair = try items(b, er, en)
                guard pair.count == 2 else { throw TransactionDecodeError(field: en, problem: "expected [address, storageKeys], got \(pair.count) items") }
                try check(b, pair[0], .address, name: en + ".address")
                try check(b, pair[1], .hashList, name: en + ".storageKeys")
            }
        case .authorizationList:
            let r = try list(it, name, "an authorization list")
            for (i, entry) in try items(b, r, name).enumerated() {
                let en = "\(name)[\(i)]"
                try check(b, try list(entry, en, "an authorization tuple"), TransactionField.authorization,
                          what: "EIP-7702 authorization", prefix: en + ".")
            }
        }
    }
}
