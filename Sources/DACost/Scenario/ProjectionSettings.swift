/// The time-varying side of a scenario, used by `dacost project`. Every market input and the traffic
/// is a curve; in `compare` each curve stands at its start value.
public struct ProjectionSettings: Codable, Equatable, Sendable {
    public struct Curves: Codable, Equatable, Sendable {
        public var l1BaseFeeGwei: Curve
        public var l1PriorityFeeGwei: Curve
        /// nil: "from_market" (the EIP-7918 reserve) or the simulated blob market.
        public var blobBaseFeeGwei: Curve?
        public var usd: [String: Curve]
        public var tps: Curve
        /// Overrides of layer prices through time (Celestia gas price in utia, EigenDA price per symbol in wei).
        public var celestiaGasPriceUtia: Curve?
        public var eigendaPricePerSymbolWei: Curve?

        enum CodingKeys: String, CodingKey {
            case usd, tps
            case l1BaseFeeGwei = "l1_base_fee_gwei", l1PriorityFeeGwei = "l1_priority_fee_gwei", blobBaseFeeGwei = "blob_base_fee_gwei"
            case celestiaGasPriceUtia = "celestia_gas_price_utia", eigendaPricePerSymbolWei = "eigenda_price_per_symbol_wei"
        }
    }

    public struct BlobMarket: Codable, Equatable, Sendable {
        /// Simulate the blob fee block by block (background demand + the rollup's own blobs).
        public var simulate: Bool
        /// Other rollups' blobs per block, and the noise around it (standard deviation, blobs).
        public var backgroundBlobsPerBlock: Curve
        public var backgroundNoiseSD: Double
        /// Excess blob gas at the start; nil: the excess whose fee is the scenario's blob fee (or 0).
        public var startExcessBlobGas: UInt64?

        enum CodingKeys: String, CodingKey {
            case simulate
            case backgroundBlobsPerBlock = "background_blobs_per_block", backgroundNoiseSD = "background_noise_sd"
            case startExcessBlobGas = "start_excess_blob_gas"
        }
    }

    /// Layer A until a date, then layer B: reported as one more row.
    public struct DASwitch: Codable, Equatable, Sendable {
        public var from: String
        public var to: String
        public var offsetSeconds: Double
        public var date: String
        enum CodingKeys: String, CodingKey { case from, to, date, offsetSeconds = "offset_seconds" }
    }

    public var paths: Int
    public var seed: UInt64
    /// Market inputs and traffic are held for this long between samples; channels close on this grid.
    public var marketStepMinutes: Double
    public var curves: Curves
    public var blobMarket: BlobMarket
    public var spikes: [Spike]
    /// What the chain earns per transaction for data (for the loss timer); nil: not evaluated.
    public var revenuePerTxUSD: Double?
    public var lossThresholdUSD: Double
    public var daSwitch: DASwitch?
    /// Alt-DA outages and the batcher's failover (nil: none; optional so that reports written before
    /// it still read back).
    public var outages: [OutageSettings]?
    /// How the chain charges its users for L1 data (nil: optional so that reports written before it still read back).
    public var fees: FeeSettings?

    /// The outage settings of layer `name`, if any.
    public func outage(of name: String) -> OutageSettings? { outages?.first { $0.layer == name } }

    enum CodingKeys: String, CodingKey {
        case paths, seed, curves, spikes, outages, fees
        case marketStepMinutes = "market_step_minutes", blobMarket = "blob_market"
        case revenuePerTxUSD = "revenue_per_tx_usd", lossThresholdUSD = "loss_threshold_usd", daSwitch = "da_switch"
    }

    /// At most this many paths: beyond it, percentiles gain nothing and memory grows.
    public static let maxPaths = 10_000_000
}
