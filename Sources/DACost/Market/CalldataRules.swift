/// How Ethereum prices a transaction's data bytes, by fork: what a calldata batch paid on a given day.
public enum CalldataPricing: String, Codable, Sendable, CaseIterable {
    /// 68 gas per non-zero byte, 4 per zero byte (yellow paper G_txdatanonzero, Frontier to Istanbul).
    case frontier
    /// 16 gas per non-zero byte, 4 per zero byte (EIP-2028, Istanbul, 2019-12-08).
    case eip2028
    /// EIP-2028 with the EIP-7623 floor of 10 gas per token (Prague, 2025-05-07).
    case eip7623
    /// The EIP-7976 floor: 64 gas per byte, zero or not (proposed; a fork the user dates).
    case eip7976
}

/// A dated calldata rule.
public struct CalldataFork: Codable, Equatable, Sendable {
    public var name: String
    /// Activation (unix seconds).
    public var timestamp: Int64
    public var pricing: CalldataPricing

    public init(name: String, timestamp: Int64, pricing: CalldataPricing) { self.name = name; self.timestamp = timestamp; self.pricing = pricing }
}

/// Calldata rules through time: mainnet's forks plus those a scenario dates.
public struct CalldataSchedule: Sendable, Equatable {
    public var forks: [CalldataFork]

    public init(forks: [CalldataFork]) { self.forks = forks.sorted { $0.timestamp < $1.timestamp } }

    /// Mainnet: Istanbul (EIP-2028) at block 9,069,000, 2019-12-08 00:25:09 UTC; Prague (EIP-7623) at
    /// 2025-05-07 10:05:11 UTC (go-ethereum `params/config.go` MainnetChainConfig IstanbulBlock, PragueTime).
    public static let mainnet = CalldataSchedule(forks: [
        CalldataFork(name: "frontier", timestamp: 1_438_269_973, pricing: .frontier), // mainnet genesis + first block, 2015-07-30
        istanbul,
        CalldataFork(name: "prague", timestamp: 1_746_612_311, pricing: .eip7623),
    ])

    static let istanbul = CalldataFork(name: "istanbul", timestamp: 1_575_764_709, pricing: .eip2028)

    /// The fork in force at `time` (the first one before mainnet began).
    public func fork(at time: Int64) -> CalldataFork {
        forks.last { $0.timestamp <= time } ?? forks.first ?? CalldataSchedule.istanbul
    }

    /// Forks whose activation falls within [from, to).
    public func crossed(from: Int64, to: Int64) -> [CalldataFork] { forks.filter { $0.timestamp > from && $0.timestamp < to } }
}

extension CalldataPricing {
    /// Gas per non-zero data byte before Istanbul (yellow paper G_txdatanonzero, Frontier).
    public static let frontierNonZeroByteGas: UInt64 = 68

    /// For a person: `16 gas per non-zero byte, 4 per zero byte (EIP-2028)`.
    public var summary: String {
        switch self {
        case .frontier: return "68 gas per non-zero byte, 4 per zero byte (Frontier)"
        case .eip2028: return "16 gas per non-zero byte, 4 per zero byte (EIP-2028)"
        case .eip7623: return "EIP-2028 with the EIP-7623 floor of 10 gas per token, 40 per non-zero byte to an inbox"
        case .eip7976: return "the EIP-7976 floor, 64 gas per byte"
        }
    }

    /// The most gas one data byte can cost: what bounds the bytes a transaction under a gas cap carries.
    public var worstGasPerByte: UInt64 {
        switch self {
        case .frontier: return Self.frontierNonZeroByteGas
        case .eip2028: return EthereumCalldata.nonZeroByteGas
        case .eip7623: return EthereumCalldata.standardTokenCost * EthereumCalldata.totalCostFloorPerToken
        case .eip7976: return EthereumCalldata.eip7976FloorTokensPerByte * EthereumCalldata.eip7976FloorCostPerToken
        }
    }

    /// Gas of one transaction carrying `zero` zero bytes and `nonZero` other bytes that runs `executionGas`:
    /// 21,000 + the data cost of the fork (with the floors, the larger of standard cost + execution and the floor).
    public func transactionGas(zeroBytes zero: UInt64, nonZeroBytes nonZero: UInt64, executionGas: UInt64 = 0) -> UInt64 {
        let base = EthereumCalldata.txGas
        let standard = EthereumCalldata.zeroByteGas * zero + EthereumCalldata.nonZeroByteGas * nonZero + executionGas
        switch self {
        case .frontier: return base + EthereumCalldata.zeroByteGas * zero + Self.frontierNonZeroByteGas * nonZero + executionGas
        case .eip2028: return base + standard
        case .eip7623:
            let tokens = zero + EthereumCalldata.standardTokenCost * nonZero
            return base + max(standard, EthereumCalldata.totalCostFloorPerToken * tokens)
        case .eip7976:
            let floor = EthereumCalldata.eip7976FloorCostPerToken * EthereumCalldata.eip7976FloorTokensPerByte * (zero + nonZero)
            return base + max(standard, floor)
        }
    }
}
