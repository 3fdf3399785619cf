/// The fields of each transaction type, in RLP order, with their RPC (JSON) names. One table drives
/// both the strict decoder and the re-encoder of RPC objects, so the two cannot disagree.
struct TransactionField {
    enum Kind: Equatable {
        /// A canonical big-endian integer of at most `maxBytes` bytes.
        case uint(maxBytes: Int)
        /// 0 or 1.
        case parity
        case address
        /// 20 bytes, or empty for contract creation.
        case optionalAddress
        case hash
        case bytes
        case accessList
        case hashList
        case authorizationList
        /// OP deposit `isSystemTx`: empty (false) or 0x01.
        case bool
    }

    let name: String
    let kind: Kind
    /// Keys tried in order in an RPC object.
    let rpcKeys: [String]
    /// The same keys, numbered: the first, and the one read when it is absent. (Every name of
    /// the schema is an `RPCKey`; a test holds them together.)
    let key: RPCKey?, alternate: RPCKey?

    init(_ name: String, _ kind: Kind, rpc: [String]? = nil) {
        self.name = name; self.kind = kind; self.rpcKeys = rpc ?? [name]
        key = RPCKey(name: rpcKeys[0])
        alternate = rpcKeys.count > 1 ? RPCKey(name: rpcKeys[1]) : nil
    }

    static let u64 = Kind.uint(maxBytes: 8)
    static let u256 = Kind.uint(maxBytes: 32)

    /// The schema of each type, built once: decoding and re-encoding ask for it per transaction
    /// (a static per type: a dictionary lookup cost more than the rest of a small transaction's fields).
    private static let legacy = makeSchema(for: .legacy), accessList = makeSchema(for: .accessList)
    private static let dynamicFee = makeSchema(for: .dynamicFee), blob = makeSchema(for: .blob)
    private static let setCode = makeSchema(for: .setCode), deposit = makeSchema(for: .deposit)

    static func schema(for type: TransactionType) -> [TransactionField] {
        switch type {
        case .legacy: return legacy
        case .accessList: return accessList
        case .dynamicFee: return dynamicFee
        case .blob: return blob
        case .setCode: return setCode
        case .deposit: return deposit
        }
    }

    private static func makeSchema(for type: TransactionType) -> [TransactionField] {
        let chainId = TransactionField("chainId", u256)
        let nonce = TransactionField("nonce", u64)
        let gas = TransactionField("gas", u64)
        let value = TransactionField("value", u256)
        let data = TransactionField("input", .bytes, rpc: ["input", "data"])
        let accessList = TransactionField("accessList", .accessList)
        let yParity = TransactionField("yParity", .parity, rpc: ["yParity", "v"])
        let r = TransactionField("r", u256), s = TransactionField("s", u256)
        let tip = TransactionField("maxPriorityFeePerGas", u256), cap = TransactionField("maxFeePerGas", u256)
        switch type {
        case .legacy: // yellow paper; EIP-155 folds chainId into v
            return [nonce, TransactionField("gasPrice", u256), gas, TransactionField("to", .optionalAddress), value, data,
                    TransactionField("v", u256), r, s]
        case .accessList: // EIP-2930
            return [chainId, nonce, TransactionField("gasPrice", u256), gas, TransactionField("to", .optionalAddress), value,
                    data, accessList, yParity, r, s]
        case .dynamicFee: // EIP-1559
            return [chainId, nonce, tip, cap, gas, TransactionField("to", .optionalAddress), value, data, accessList,
                    yParity, r, s]
        case .blob: // EIP-4844: `to` may not be empty
            return [chainId, nonce, tip, cap, gas, TransactionField("to", .address), value, data, accessList,
                    TransactionField("maxFeePerBlobGas", u256), TransactionField("blobVersionedHashes", .hashList),
                    yParity, r, s]
        case .setCode: // EIP-7702: `to` may not be empty
            return [chainId, nonce, tip, cap, gas, TransactionField("to", .address), value, data, accessList,
                    TransactionField("authorizationList", .authorizationList), yParity, r, s]
        case .deposit: // ethereum-optimism/specs protocol/deposits.md
            return [TransactionField("sourceHash", .hash), TransactionField("from", .address),
                    TransactionField("to", .optionalAddress), TransactionField("mint", u256), value, gas,
                    TransactionField("isSystemTx", .bool), data]
        }
    }

    /// Fields of one EIP-7702 authorization tuple.
    static let authorization: [TransactionField] = [
        TransactionField("chainId", u256), TransactionField("address", .address), TransactionField("nonce", u64),
        TransactionField("yParity", .parity, rpc: ["yParity", "v"]), TransactionField("r", u256), TransactionField("s", u256),
    ]
}
