/// Prices at one moment: what every layer's cost is a function of.
public struct MarketState: Sendable, Equatable {
    /// L1 execution base fee, wei per gas.
    public var l1BaseFee: UInt128
    /// L1 priority fee (tip) a batcher pays, wei per gas.
    public var l1PriorityFee: UInt128
    /// Blob base fee, wei per blob gas.
    public var blobBaseFee: UInt128
    /// USD per unit of each token by symbol: "ETH", "TIA", "AVAIL", and any generic layer's token.
    public var usd: [String: Double]

    public init(l1BaseFee: UInt128, l1PriorityFee: UInt128, blobBaseFee: UInt128, usd: [String: Double]) {
        self.l1BaseFee = l1BaseFee; self.l1PriorityFee = l1PriorityFee; self.blobBaseFee = blobBaseFee; self.usd = usd
    }

    public func price(_ token: String) -> Double { usd[token] ?? .nan }
}

/// Where market states come from. Constant for `compare`; time-varying curves replace it later.
public protocol MarketModel: Sendable {
    func state(at timestamp: Int64) -> MarketState
}

/// The same prices at every moment.
public struct ConstantMarket: MarketModel {
    public let value: MarketState
    public init(_ value: MarketState) { self.value = value }
    public func state(at timestamp: Int64) -> MarketState { value }
}

/// Unit conversions used throughout.
public enum Units {
    public static let weiPerGwei: UInt128 = 1_000_000_000
    public static let weiPerEth = 1e18
    public static let utiaPerTia = 1e6 // celestia-app: 1 TIA = 10^6 utia
    public static let planckPerAvail = 1e18 // availproject/avail runtime/src/constants.rs: 18 decimals

    /// Wei from a gwei amount given as a decimal number (rounded to the nearest wei).
    public static func wei(gwei: Double) -> UInt128 {
        guard gwei.isFinite, gwei > 0 else { return 0 }
        // Saturates far above any price a scenario may hold (`ValueRanges`): never a trapping conversion.
        return UInt128(min(1e36, (gwei * 1e9).rounded()))
    }

    public static func eth(_ wei: UInt128) -> Double { Double(wei) / weiPerEth }
}
