/// The bytes one submission carries: compressed channel data, with how many of them are zero
/// (calldata prices zero bytes lower).
public struct Payload: Sendable, Equatable {
    public var bytes: Int
    public var zeroBytes: Int
    public init(bytes: Int, zeroBytes: Int = 0) { self.bytes = bytes; self.zeroBytes = min(max(0, zeroBytes), bytes) }
}

/// What a submission occupies on a layer.
public struct Packing: Sendable, Equatable {
    public var payload: Payload
    /// Payload bytes paid for (whole blobs, whole shares, padded symbols): fill = used / paid.
    public var paidCapacityBytes: Int
    /// Transactions on the layer (L1 txs, PFBs, extrinsics, dispersals).
    public var transactions: Int
    /// Layer units by name, e.g. ["blobs": 7, "blob_gas": 917504] or ["shares": 270, "gas": 1181620].
    public var units: [String: Int]

    public var fill: Double { paidCapacityBytes > 0 ? Double(payload.bytes) / Double(paidCapacityBytes) : 0 }
}

/// Spend components, as reports break them down.
public enum CostComponent: String, Sendable, Codable, CaseIterable {
    case blobGas = "blob_gas"
    case executionGas = "execution_gas"
    case calldata
    case altDAFee = "alt_da_fee"
    case fixedL1Overhead = "fixed_l1_overhead"
}

/// A cost in the layer's own unit and in USD, with its components in USD.
public struct Cost: Sendable, Equatable {
    /// Amount in `nativeUnit` (ETH, TIA, AVAIL or a generic token).
    public var native: Double
    public var nativeUnit: String
    /// Exact wei where the layer is paid in ETH.
    public var wei: UInt128?
    public var usd: Double
    public var components: [CostComponent: Double]
    /// ETH paid on Ethereum besides `native` when the layer's own unit is another token (an alt-DA
    /// layer's commitment transactions); 0 when `native` is ETH already.
    public var l1ETH = 0.0

    public static func + (a: Cost, b: Cost) -> Cost {
        var c = a
        c.native += a.nativeUnit == b.nativeUnit ? b.native : 0
        c.l1ETH += b.l1ETH
        if let x = a.wei, let y = b.wei { c.wei = x + y } else { c.wei = nil }
        c.usd += b.usd
        for (k, v) in b.components { c.components[k, default: 0] += v }
        return c
    }

    public func scaled(by f: Double) -> Cost {
        Cost(native: native * f, nativeUnit: nativeUnit, wei: nil, usd: usd * f, components: components.mapValues { $0 * f }, l1ETH: l1ETH * f)
    }
}

/// Who guarantees the data and what a user gives up (alt-da.md trust model).
public struct TrustModel: Sendable, Equatable, Codable {
    public var guarantor: String
    public var tradeOff: String

    public init(guarantor: String, tradeOff: String) { self.guarantor = guarantor; self.tradeOff = tradeOff }

    enum CodingKeys: String, CodingKey { case guarantor, tradeOff = "trade_off" }
}

/// A data-availability layer: how a payload is packed into its units, and what that costs at a
/// market state. Implementations are small pure values.
public protocol DALayer: Sendable {
    /// The name in reports (`ethereum-blobs`, or a user's name for a generic layer).
    var name: String { get }
    var kind: LayerKind { get }
    /// The most compressed channel data one submission carries; a batcher closes its channel there.
    var maxSubmissionBytes: Int { get }
    var trust: TrustModel { get }
    /// The unit costs are paid in (ETH, TIA, AVAIL, or a generic layer's token).
    var nativeUnit: String { get }
    func pack(_ payload: Payload) -> Packing
    func cost(_ packing: Packing, at market: MarketState) -> Cost
    /// Warnings about the layer's use at a given traffic (bytes per second of compressed data).
    func warnings(compressedBytesPerSecond: Double, submissionsPerDay: Double) -> [String]
    /// What a submission takes of the layer's throughput (`LayerThroughput`), in the unit its limit
    /// counts: the payload by default.
    func capacityBytes(_ packing: Packing) -> Int
}

extension DALayer {
    public func warnings(compressedBytesPerSecond: Double, submissionsPerDay: Double) -> [String] { [] }
    public func capacityBytes(_ packing: Packing) -> Int { packing.payload.bytes }
}

public enum LayerKind: String, Sendable, Codable, CaseIterable {
    case ethereumCalldata = "ethereum_calldata"
    case ethereumBlobs = "ethereum_blobs"
    case celestia
    case eigenDA = "eigenda"
    case avail
    case generic
}
