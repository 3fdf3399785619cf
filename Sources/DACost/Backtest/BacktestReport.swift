/// What `dacost backtest` found, in one value every format renders (`backtest.json` is this value,
/// schema `dacost.backtest/v1`).
public struct BacktestDocument: Encodable, Sendable {
    public static let schemaID = "dacost.backtest/v1"

    public struct Row: Encodable, Sendable {
        public var day: Backtest.Day

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: AnyKey.self)
            try c.encode(day.date, forKey: AnyKey("date"))
            try c.encode(day.chain, forKey: AnyKey("chain"))
            try c.encode(day.calldataFork, forKey: AnyKey("calldata_fork"))
            try c.encode(day.codec, forKey: AnyKey("channel_codec"))
            for q in Backtest.quantities {
                guard let v = day.values[q] else { continue }
                try c.encode(v.actual, forKey: AnyKey(q + "_actual"))
                try c.encode(v.predicted, forKey: AnyKey(q + "_predicted"))
                try c.encodeIfPresent(v.errorPercent, forKey: AnyKey(q + "_error_percent"))
            }
            try c.encode(day.zeroByteShare, forKey: AnyKey("zero_byte_share"))
            try c.encode(day.predictedInboxTxs, forKey: AnyKey("inbox_txs_predicted"))
            try c.encode(day.marginETHActual, forKey: AnyKey("margin_eth_actual"))
            try c.encodeIfPresent(day.marginETHPredicted, forKey: AnyKey("margin_eth_predicted"))
        }
    }

    public var schema = BacktestDocument.schemaID
    public var dacostVersion: String
    public var source: String
    public var stack: String
    public var trace: Backtest.TraceStatistics
    public var codecLibraries: [String: String]
    public var parameters: [String: Double]
    public var rows: [Row]
    public var summary: [String: Backtest.Summary]
    public var whatIf: WhatIf?
    public var assumptions: [String]
    public var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case schema, source, stack, trace, parameters, rows, summary, assumptions, warnings
        case dacostVersion = "dacost_version", codecLibraries = "codec_libraries", whatIf = "what_if"
    }

    /// The backtest's own days, as rows.
    public var days: [Backtest.Day] { rows.map(\.day) }
}

/// A JSON key made at run time (`inbox_gas_actual`).
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// The same days' data priced as a scenario says: "had we posted these days on X, we would have paid Y".
public struct WhatIf: Encodable, Sendable {
    public struct Layer: Encodable, Sendable {
        public var layer: String
        public var codec: CodecID
        public var nativeUnit: String
        public var totalNative: Double
        /// ETH paid on L1 besides the native unit (commitments), and for output proposals.
        public var l1ETH: Double
        public var totalUSD: Double
        /// Days on which the layer could not carry the day's data, and why (the first reason).
        public var infeasibleDays: Int
        public var infeasibleReason: String?
        /// 100 × (this − actual) / actual, in USD.
        public var changePercent: Double
        enum CodingKeys: String, CodingKey {
            case layer, codec
            case nativeUnit = "native_unit", totalNative = "total_native", l1ETH = "l1_eth", totalUSD = "total_usd"
            case infeasibleDays = "infeasible_days", infeasibleReason = "infeasible_reason", changePercent = "change_percent"
        }
    }

    public var scenarioFile: String
    /// The rules the counterfactual is priced by: those in force on the scenario's start day.
    public var rulesOf: String
    public var calldataFork: String
    public var blobFork: String
    public var ethUSD: Double
    public var days: Int
    /// What the chain really paid for these days (inbox and output proposals), ETH and USD at `ethUSD`.
    public var actualETH: Double
    public var actualUSD: Double
    public var layers: [Layer]

    enum CodingKeys: String, CodingKey {
        case days, layers
        case scenarioFile = "scenario_file", rulesOf = "rules_of", calldataFork = "calldata_fork", blobFork = "blob_fork"
        case ethUSD = "eth_usd", actualETH = "actual_eth", actualUSD = "actual_usd"
    }

    /// Prices each day's L2 data (the uncompressed batch bytes the day's activity gives) on every layer of
    /// the scenario at that day's real L1 gas price, with the scenario's codec, blob fee and token prices.
    public static func price(_ records: [DailyPosting], predicted: [Backtest.Day], scenario: Scenario, scenarioFile: String,
                             profile: CompressionProfile, outputProposalGas: Double) throws -> WhatIf {
        guard let curve = RatioCurve(profile: profile, codec: scenario.batcher.codec) else {
            throw DailyPostingError(file: scenarioFile, line: nil, column: "batcher.codec", problem: "no compression measured for \(scenario.batcher.codec)")
        }
        let calldata = scenario.startCalldataFork
        let blobFork = BlobSchedule(forks: scenario.blobSchedule).fork(at: scenario.startTimestamp)
        let eth = scenario.market.usd["ETH"] ?? 0
        let bytesPerTx = Double(profile.trace.bytes) / Double(max(1, profile.trace.transactions))
        let gasLimit = scenario.l1GasLimit ?? .mainnet
        var layers = [Layer]()
        var actualETH = 0.0
        for r in records { actualETH += r.inboxFeesETH + r.outputFeesETH }
        for spec in scenario.layers {
            let layer = spec.makeLayer(batcher: scenario.batcher, calldata: calldata.pricing)
            let limits = CapacityLimits(blobFork: blobFork, gasLimit: gasLimit.gasLimit(on: scenario.start), gasShare: gasLimit.maxShare,
                                        throughput: LayerThroughput.of(spec, at: CalendarDay.epochSeconds(scenario.start) ?? 0))
            var native = 0.0, l1 = 0.0, usd = 0.0, infeasible = 0, reason: String?
            for (r, d) in zip(records, predicted) {
                let base = Units.wei(gwei: r.inboxAvgGasPriceGwei)
                let blob = scenario.market.blobBaseFeeGwei.map { max(1, Units.wei(gwei: $0)) }
                    ?? max(UInt128(BlobFeeMarket.minBaseFeePerBlobGas), BlobFeeMarket.reserveBlobBaseFee(executionBaseFee: base))
                let market = MarketState(l1BaseFee: base, l1PriorityFee: 0, blobBaseFee: blob, usd: scenario.market.usd)
                let tps = d.uncompressedBytes / 86_400 / bytesPerTx
                let row = Comparison.row(layer: layer, codec: scenario.batcher.codec, curve: curve, profile: profile, tps: tps,
                                         maxChannelSeconds: scenario.batcher.maxChannelDurationMinutes * 60, market: market, limits: limits)
                if !row.feasible { infeasible += 1; reason = reason ?? row.feasibility.reason }
                let outputETH = r.outputTxs * outputProposalGas * r.outputAvgGasPriceGwei * 1e-9
                native += row.costPerDayNative
                l1 += row.l1ETHPerDay + outputETH
                usd += row.costPerDayUSD + outputETH * eth
            }
            let actualUSD = actualETH * eth
            layers.append(Layer(layer: layer.name, codec: scenario.batcher.codec, nativeUnit: layer.nativeUnit, totalNative: native,
                                l1ETH: l1, totalUSD: usd, infeasibleDays: infeasible, infeasibleReason: reason,
                                changePercent: actualUSD > 0 ? 100 * (usd - actualUSD) / actualUSD : 0))
        }
        return WhatIf(scenarioFile: scenarioFile, rulesOf: scenario.start, calldataFork: calldata.name, blobFork: blobFork?.name ?? "none",
                      ethUSD: eth, days: records.count, actualETH: actualETH, actualUSD: actualETH * eth,
                      layers: layers.sorted { ($0.infeasibleDays > 0 ? 1 : 0, $0.totalUSD) < ($1.infeasibleDays > 0 ? 1 : 0, $1.totalUSD) })
    }
}
