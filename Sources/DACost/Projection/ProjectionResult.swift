/// P5 / P50 / P95 and mean across Monte Carlo paths.
public struct Band: Codable, Equatable, Sendable {
    public var p5: Double, p50: Double, p95: Double, mean: Double

    public init(_ values: [Double]) {
        let s = values.sorted()
        p5 = Percentile.of(s, 5); p50 = Percentile.of(s, 50); p95 = Percentile.of(s, 95)
        mean = s.isEmpty ? .nan : s.reduce(0, +) / Double(s.count)
    }
}

/// What `dacost project` found: every number its reports show, per layer as bands across paths.
/// The body of `dacost.projection/v1` (see `ProjectionDocument`).
public struct ProjectionSection: Codable, Equatable, Sendable {
    public struct Month: Codable, Equatable, Sendable {
        public var month: String
        public var days: Int
        public var usd: Band
        public var native: Band
    }

    public struct Day: Codable, Equatable, Sendable {
        public var day: String
        public var usd: Band
        public var native: Band
    }

    /// The blob base fee through a day (gwei): its mean and its highest value over the day's blocks
    /// (over the market steps when the fee comes from a curve), each a band across paths.
    public struct FeeDay: Codable, Equatable, Sendable {
        public var day: String
        public var mean: Band
        public var max: Band
    }

    /// A curve the projection sampled: which input, and what it does.
    public struct Input: Codable, Equatable, Sendable {
        public var input: String
        public var curve: String
        public var stochastic: Bool
    }

    public struct Layer: Codable, Equatable, Sendable {
        public var layer: String
        public var codec: CodecID
        public var nativeUnit: String
        /// Spend over the horizon.
        public var totalUSD: Band
        public var totalNative: Band
        public var months: [Month]
        public var costPerTxUSD: Band
        public var daily: [Day]
        /// USD over the horizon by component (blob gas, execution gas, calldata, alt-DA fee, fixed L1 overhead).
        public var componentsUSD: [String: Band]
        /// Share of spend by component (of the sum over paths).
        public var componentShare: [String: Double]
        /// Submissions (whole counts per path) and those that fell back to calldata, with their cost.
        public var submissions: Band
        public var fallbackSubmissions: Band
        public var fallbackUSD: Band
        /// Blobs waiting at the worst moment of each path, and the most on any path.
        public var backlogBlobs: Band
        public var maxBacklogBlobs: Int
        public var maxBacklogBytes: Int
        public var worstLatencySeconds: Band
        /// The day (from the start, 0-based) from which the backlog (blobs, or an alt-DA layer's bytes) grows without bound, median over the
        /// paths where it does; nil when it drains on most paths.
        public var backlogGrowsFromDay: Int?
        /// Blocks where the rollup's own blobs raised the fee, and what that cost.
        public var ownDemandBlocks: Band
        public var ownDemandPremiumUSD: Band
        public var ownDemandPremiumShare: Double
        /// Paths where posting cost passed what users paid over a channel-long window, and the hours from the
        /// cumulative P&L's last peak until it fell past −threshold (over the paths where it did).
        public var pathsWithLoss: Int
        public var pathsPastLossThreshold: Int
        public var hoursToLossThreshold: Band?
        /// Whether the layer can carry the traffic at the curves' start values (as `dacost compare` judges
        /// it), and why not.
        public var feasible = true
        public var infeasibleReason: String?
        /// An alt-DA layer's outages, and what the batcher's failover did in them, when the scenario sets them.
        public var outage: Outage?
        public var failover: Failover?
        /// EigenDA with `on_refusal` on Ethereum: what the on-demand meter refused, posted there instead.
        public var refusals: Failover?
        /// What guarantees the layer's data, for how long, and what a user must trust.
        public var security: LayerSecurity?
        /// Celestia with others' demand: hours the square was wanted past its size, and the highest
        /// inclusion price over the minimum (×), as bands; nil when the layer has no such market.
        public var congestedHours: Band?
        public var peakPriceMultiple: Band?
        /// Users' fees for L1 data under the stack's mechanism against cost, when revenue is evaluated.
        public var economics: ProjectionEconomics?

        /// What outages did to a layer over the horizon, as bands across paths.
        public struct Outage: Codable, Equatable, Sendable {
            /// The scenario's settings in words.
            public var settings: String
            /// Hours the layer was down, and its longest outage.
            public var hoursDegraded: Band
            public var longestOutageHours: Band
            /// Submissions a halted chain never made.
            public var haltedSubmissions: Band
            /// The most bytes held unposted during an outage (wait) or never posted (halt).
            public var dataAtRiskBytes: Band

            enum CodingKeys: String, CodingKey {
                case settings
                case hoursDegraded = "hours_degraded", longestOutageHours = "longest_outage_hours"
                case haltedSubmissions = "halted_submissions", dataAtRiskBytes = "data_at_risk_bytes"
            }
        }

        /// The batcher's policy while the layer is down (`ethereum_blobs`, `ethereum_calldata`, `wait`,
        /// `halt`), and the submissions it posted to Ethereum instead, with what they cost (USD).
        public struct Failover: Codable, Equatable, Sendable {
            public var policy: String
            public var submissions: Band
            public var usd: Band
        }

        enum CodingKeys: String, CodingKey {
            case layer, codec, months, daily, submissions
            case nativeUnit = "native_unit", totalUSD = "total_usd", totalNative = "total_native", costPerTxUSD = "cost_per_tx_usd"
            case componentsUSD = "components_usd", componentShare = "component_share"
            case fallbackSubmissions = "fallback_submissions", fallbackUSD = "fallback_usd"
            case backlogBlobs = "backlog_blobs", maxBacklogBlobs = "max_backlog_blobs", maxBacklogBytes = "max_backlog_bytes"
            case worstLatencySeconds = "worst_latency_seconds", backlogGrowsFromDay = "backlog_grows_from_day"
            case ownDemandBlocks = "own_demand_blocks", ownDemandPremiumUSD = "own_demand_premium_usd", ownDemandPremiumShare = "own_demand_premium_share"
            case pathsWithLoss = "paths_with_loss", pathsPastLossThreshold = "paths_past_loss_threshold", hoursToLossThreshold = "hours_to_loss_threshold"
            case feasible, infeasibleReason = "infeasible_reason", outage, failover, refusals, security
            case congestedHours = "congested_hours", peakPriceMultiple = "peak_price_multiple", economics
        }
    }

    public var paths: Int
    public var seed: UInt64
    public var start: String
    public var horizonDays: Int
    public var marketStepMinutes: Double
    public var blobMarketSimulated: Bool
    /// The curves sampled and the spikes applied (and those that fell outside the horizon).
    public var inputs: [Input]
    public var spikes: [String]
    public var spikesOutsideHorizon: [String]
    /// The Ethereum rules in force over the horizon, and the forks it crosses (calldata and blobs).
    public var rules: [String]
    /// Revenue per transaction and loss threshold of the loss timer (nil: not evaluated).
    public var revenuePerTxUSD: Double?
    public var lossThresholdUSD: Double
    /// The user-fee mechanism revenue was priced with, in words (nil: revenue not evaluated).
    public var feeMechanism: String?
    /// OP's Fjord estimate and Arbitrum's brotli-1 units against the real compressed shares, on this trace.
    public var feeEstimator: FeeEstimatorAccuracy?
    public var transactions: Band
    public var layers: [Layer]
    public var blobBaseFeeGwei: [FeeDay]

    enum CodingKeys: String, CodingKey {
        case paths, seed, start, layers, inputs, spikes, transactions
        case horizonDays = "horizon_days", marketStepMinutes = "market_step_minutes", blobMarketSimulated = "blob_market_simulated"
        case rules, spikesOutsideHorizon = "spikes_outside_horizon", revenuePerTxUSD = "revenue_per_tx_usd", lossThresholdUSD = "loss_threshold_usd"
        case feeMechanism = "fee_mechanism", feeEstimator = "fee_estimator"
        case blobBaseFeeGwei = "blob_base_fee_gwei"
    }
}
