/// Renders signed EIP-2718 bytes as the JSON transaction object a node returns inside
/// `eth_getBlockByNumber(…, true)`: the inverse of `RPCTransactionEncoder`, driven by the same field
/// table. Used to serve recorded blocks to the fetcher in tests and benchmarks. `from` is left out:
/// recovering the sender needs secp256k1, and nothing here reads it.
public enum RPCTransactionRenderer {
    /// Where the transaction sits, for the `blockHash`, `blockNumber` and `transactionIndex` keys.
    public struct Position: Sendable {
        public var blockHash: [UInt8]
        public var blockNumber: UInt64
        public var index: Int
        public init(blockHash: [UInt8], blockNumber: UInt64, index: Int) {
            self.blockHash = blockHash; self.blockNumber = blockNumber; self.index = index
        }
    }

    /// The JSON object text; throws `TransactionDecodeError` when `raw` is not a well-formed transaction.
    public static func render(_ raw: [UInt8], at position: Position) throws -> String {
        let type = try TransactionDecoder.validate(raw)
        return try raw.withUnsafeBufferPointer { b -> String in
            let start = type == .legacy ? 0 : 1
            let (item, _) = try RLP.item(in: b, at: start, end: b.count)
            guard case .list(let body) = item else { throw TransactionDecodeError(field: nil, problem: "expected an RLP list") }
            var out = "{\"type\":\"0x\(String(type.rawValue, radix: 16))\""
            out += ",\"hash\":\"0x\(Hex.encode(Keccak256.hash(raw)))\""
            out += ",\"blockHash\":\"0x\(Hex.encode(position.blockHash))\""
            out += ",\"blockNumber\":\"0x\(String(position.blockNumber, radix: 16))\""
            out += ",\"transactionIndex\":\"0x\(String(position.index, radix: 16))\""
            let fields = TransactionField.schema(for: type)
            for (field, it) in zip(fields, try RLP.items(in: b, body)) {
                out += ",\"\(field.rpcKeys[0])\":" + (try value(b, it, field.kind))
                // Nodes return both spellings of the parity of a typed transaction.
                if field.kind == .parity { out += ",\"v\":" + (try value(b, it, .uint(maxBytes: 1))) }
            }
            return out + "}"
        }
    }

    private static func value(_ b: UnsafeBufferPointer<UInt8>, _ it: RLP.Item, _ kind: TransactionField.Kind) throws -> String {
        switch (kind, it) {
        case (.uint, .string(let r)), (.parity, .string(let r)), (.bool, .string(let r)):
            if kind == .bool { return r.isEmpty ? "false" : "true" }
            let digits = Hex.encode(UnsafeBufferPointer(rebasing: b[r]))
            let trimmed = digits.drop { $0 == "0" }
            return "\"0x\(trimmed.isEmpty ? "0" : String(trimmed))\""
        case (.optionalAddress, .string(let r)) where r.isEmpty:
            return "null"
        case (.address, .string(let r)), (.optionalAddress, .string(let r)), (.hash, .string(let r)), (.bytes, .string(let r)):
            return "\"0x\(Hex.encode(UnsafeBufferPointer(rebasing: b[r])))\""
        case (.hashList, .list(let r)):
            return "[" + (try RLP.items(in: b, r).map { try value(b, $0, .hash) }.joined(separator: ",")) + "]"
        case (.accessList, .list(let r)):
            let entries = try RLP.items(in: b, r).map { entry -> String in
                guard case .list(let er) = entry else { throw TransactionDecodeError(field: "accessList", problem: "expected a pair") }
                let pair = try RLP.items(in: b, er)
                guard pair.count == 2 else { throw TransactionDecodeError(field: "accessList", problem: "expected a pair") }
                return "{\"address\":\(try value(b, pair[0], .address)),\"storageKeys\":\(try value(b, pair[1], .hashList))}"
            }
            return "[" + entries.joined(separator: ",") + "]"
        case (.authorizationList, .list(let r)):
            let tuples = try RLP.items(in: b, r).map { entry -> String in
                guard case .list(let er) = entry else { throw TransactionDecodeError(field: "authorizationList", problem: "expected a tuple") }
                let parts = try zip(TransactionField.authorization, RLP.items(in: b, er)).map { f, v in
                    "\"\(f.rpcKeys[0])\":" + (try value(b, v, f.kind))
                }
                return "{" + parts.joined(separator: ",") + "}"
            }
            return "[" + tuples.joined(separator: ",") + "]"
        default:
            throw TransactionDecodeError(field: nil, problem: "field shape does not match its kind")
        }
    }
}
