/// How the chain charges its users for L1 data in a projection (`projection.fees` in a scenario): the
/// mechanism (by default the stack's), its parameters with sourced defaults, and the fee advice asked for.
public struct FeeSettings: Codable, Equatable, Sendable {
    public enum Mechanism: String, Codable, Sendable, CaseIterable {
        /// OP Stack: Bedrock, Ecotone, Fjord by date, with the Isthmus/Jovian operator fee.
        case op
        /// ArbOS's L1 pricer.
        case arbitrum
        /// ZK Stack fee model V2.
        case zksync
        /// Polygon CDK effective gas price (its data term).
        case polygonCDK = "polygon-cdk"
        /// A fixed fee per transaction (`projection.revenue_per_tx_usd`).
        case fixed
        /// The last window's posting cost per transaction plus a margin.
        case costPlus = "cost_plus"

        /// Whether it reads what the trace's transactions give (`UserFeeInputs`): the others read the
        /// layer's own posting or nothing of the trace.
        public var readsTraceInputs: Bool { self == .op || self == .arbitrum || self == .polygonCDK }
        /// Whether the stack charges by a per-transaction estimate that can be checked on the trace
        /// (`FeeEstimatorAccuracy`).
        public var hasEstimator: Bool { self == .op || self == .arbitrum }
        /// Whether users' fees follow the blob base fee (OP's Ecotone formula, ZK Stack's pubdata price).
        public var readsBlobFee: Bool { self == .op || self == .zksync }
    }

    /// nil: the stack's own (generic: `fixed` when `revenue_per_tx_usd` is set, else none).
    public var mechanism: Mechanism?
    /// L1 blocks the L2 lags behind the L1 head when it reads L1 prices: 4, op-node's sequencer
    /// `--sequencer.l1-confs` default (optimism `op-node/flags/flags.go`); the same lag is used for every stack (?).
    public var l1OriginLagBlocks = 4
    public var op = OPFeeParameters()
    /// L2 gas a transaction uses, for the operator fee (nil: the trace's mean gas limit, an upper bound).
    public var operatorFeeGasPerTx: Double?
    public var arbitrum = ArbOSL1Pricer.Parameters()
    /// ArbOS's price per unit at the start, gwei (nil: break-even with the first six hours' posting cost).
    public var arbitrumInitialPricePerUnitGwei: Double?
    public var zksync = ZKStackFeeModel.Parameters()
    public var polygonCDK = PolygonCDKEffectiveGasPrice.Parameters()
    /// `cost_plus`: margin over the cost per transaction of the last window, and the window (minutes).
    public var costPlusMargin = 0.1
    public var costPlusWindowMinutes = 60.0
    /// Fee advice: the percentile of paths at which the advised OP scalars must cover posting cost, and
    /// the margin over it (0.1 = 10%).
    public var advicePercentile = 50.0
    public var adviceMargin = 0.0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case mechanism, op, arbitrum, zksync
        case l1OriginLagBlocks = "l1_origin_lag_blocks", operatorFeeGasPerTx = "operator_fee_gas_per_tx"
        case arbitrumInitialPricePerUnitGwei = "arbitrum_initial_price_per_unit_gwei", polygonCDK = "polygon_cdk"
        case costPlusMargin = "cost_plus_margin", costPlusWindowMinutes = "cost_plus_window_minutes"
        case advicePercentile = "advice_percentile", adviceMargin = "advice_margin"
    }
}
