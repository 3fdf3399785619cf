/// P5 / P50 / P95 and mean across Monte Carlo paths.
public struct Band: Codable, Equatable, Sendable {
    public var p5: Double, p50: Double, p95: Double, mean: Double

    public init(_ values: [Double]) {
        let s = values.sorted()
        p5 = Percentile.of(s, 5); p50 = Percentile.of(s, 50); p95 = Percentile.of(s, 95)
        mean = s.isEmpty ? .nan : s.reduce(0, +) / Double(s.count)
    }
}

/// What `dacost project` found, per layer: the `projection` section of `dacost.report/v1`.
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
    }

    public struct Layer: Codable, Equatable, Sendable {
        public var layer: String
        public var codec: CodecID
        public var nativeUnit: String
        public var totalUSD: Band
        public var totalNative: Band
        public var months: [Month]
        public var costPerTxUSD: Band
        public var daily: [Day]
        /// Share of spend by component (mean over paths).
        public var componentShare: [String: Double]
        public var submissionsMean: Double
        public var fallbackSubmissionsMean: Double
        public var fallbackUSDMean: Double
        public var maxBacklogBlobs: Int
        public var maxBacklogBytes: Int
        public var worstLatencySeconds: Band
        /// The day (from the start, 0-based) from which the blob backlog grows without bound, median over the
        /// paths where it does; nil when it drains on most paths.
        public var backlogGrowsFromDay: Int?
        public var ownDemandBlocksMean: Double
        public var ownDemandPremiumUSDMean: Double
        public var ownDemandPremiumShare: Double
        /// Paths where posting cost passed the revenue per tx, and the hours until the cumulative loss passed
        /// the threshold (over the paths where it did).
        public var pathsWithLoss: Int
        public var hoursToLossThreshold: Band?

        enum CodingKeys: String, CodingKey {
            case layer, codec, months, daily
            case nativeUnit = "native_unit", totalUSD = "total_usd", totalNative = "total_native", costPerTxUSD = "cost_per_tx_usd"
            case componentShare = "component_share", submissionsMean = "submissions_mean"
            case fallbackSubmissionsMean = "fallback_submissions_mean", fallbackUSDMean = "fallback_usd_mean"
            case maxBacklogBlobs = "max_backlog_blobs", maxBacklogBytes = "max_backlog_bytes", worstLatencySeconds = "worst_latency_seconds"
            case backlogGrowsFromDay = "backlog_grows_from_day", ownDemandBlocksMean = "own_demand_blocks_mean"
            case ownDemandPremiumUSDMean = "own_demand_premium_usd_mean", ownDemandPremiumShare = "own_demand_premium_share"
            case pathsWithLoss = "paths_with_loss", hoursToLossThreshold = "hours_to_loss_threshold"
        }
    }

    public var paths: Int
    public var seed: UInt64
    public var horizonDays: Int
    public var marketStepMinutes: Double
    public var blobMarketSimulated: Bool
    public var transactionsMean: Double
    public var layers: [Layer]
    /// The blob base fee at the start of each day, across paths (gwei).
    public var blobBaseFeeGwei: [Day]

    enum CodingKeys: String, CodingKey {
        case paths, seed, layers
        case horizonDays = "horizon_days", marketStepMinutes = "market_step_minutes", blobMarketSimulated = "blob_market_simulated"
        case transactionsMean = "transactions_mean", blobBaseFeeGwei = "blob_base_fee_gwei"
    }
}
