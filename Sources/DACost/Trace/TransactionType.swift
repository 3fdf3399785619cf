/// EIP-2718 transaction types a trace may hold.
public enum TransactionType: UInt8, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case legacy = 0x00       // pre-EIP-2718 (with or without EIP-155 replay protection)
    case accessList = 0x01   // EIP-2930
    case dynamicFee = 0x02   // EIP-1559
    case blob = 0x03         // EIP-4844 (canonical form, no sidecar)
    case setCode = 0x04      // EIP-7702
    case deposit = 0x7e      // OP Stack deposit (ethereum-optimism/specs deposits.md): never posted by a batcher

    public var description: String {
        switch self {
        case .legacy: return "legacy"
        case .accessList: return "EIP-2930"
        case .dynamicFee: return "EIP-1559"
        case .blob: return "EIP-4844"
        case .setCode: return "EIP-7702"
        case .deposit: return "OP deposit"
        }
    }
}

/// One signed transaction exactly as it is encoded on the wire (EIP-2718), with where it came from.
public struct Transaction: Sendable, Equatable {
    public var bytes: [UInt8]
    public var type: TransactionType
    public var block: UInt64?
    public var timestamp: UInt64?

    public init(bytes: [UInt8], type: TransactionType, block: UInt64? = nil, timestamp: UInt64? = nil) {
        self.bytes = bytes; self.type = type; self.block = block; self.timestamp = timestamp
    }
}
