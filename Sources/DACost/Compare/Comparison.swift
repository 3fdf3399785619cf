/// One layer with one codec at the scenario's traffic and market: the steady state of a batcher that
/// posts a channel when it is full or when the max channel duration passes.
public struct ComparisonRow: Codable, Equatable, Sendable {
    public var layer: String
    public var layerKind: LayerKind
    public var codec: CodecID
    /// Uncompressed L2 bytes per submission, and what closed the channel ("full" or "duration").
    public var batchBytes: Double
    public var closedBy: String
    public var ratio: Double
    public var submissionsPerDay: Double
    public var payloadBytesPerSubmission: Int
    public var transactionsPerSubmission: Double
    /// Layer units per submission (blobs, shares, symbols, gas…).
    public var units: [String: Int]
    public var layerTransactionsPerSubmission: Int
    public var fill: Double
    public var nativeUnit: String
    public var costPerSubmissionNative: Double
    public var costPerSubmissionUSD: Double
    public var costPerTxUSD: Double
    /// Per MB (10^6 bytes) of uncompressed L2 data.
    public var costPerMBUSD: Double
    public var costPerDayNative: Double
    public var costPerDayUSD: Double
    public var costPer30DaysNative: Double
    public var costPer30DaysUSD: Double
    /// USD per day by component.
    public var componentsPerDayUSD: [String: Double]
    public var fixedL1OverheadPerDayUSD: Double
    /// The ratio comes from the whole trace, which is smaller than one batch here.
    public var ratioExtrapolated: Bool
    public var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case layer, codec, ratio, units, fill, warnings
        case layerKind = "layer_kind", batchBytes = "batch_uncompressed_bytes", closedBy = "closed_by"
        case submissionsPerDay = "submissions_per_day", payloadBytesPerSubmission = "payload_bytes_per_submission"
        case transactionsPerSubmission = "l2_transactions_per_submission"
        case layerTransactionsPerSubmission = "layer_transactions_per_submission"
        case nativeUnit = "native_unit", costPerSubmissionNative = "cost_per_submission_native"
        case costPerSubmissionUSD = "cost_per_submission_usd", costPerTxUSD = "cost_per_tx_usd", costPerMBUSD = "cost_per_mb_usd"
        case costPerDayNative = "cost_per_day_native", costPerDayUSD = "cost_per_day_usd"
        case costPer30DaysNative = "cost_per_30_days_native", costPer30DaysUSD = "cost_per_30_days_usd"
        case componentsPerDayUSD = "components_per_day_usd", fixedL1OverheadPerDayUSD = "fixed_l1_overhead_per_day_usd"
        case ratioExtrapolated = "ratio_extrapolated"
    }
}

/// The pricing step: pure functions of a scenario, a profile and a market state.
public enum Comparison {
    /// Steady-state cost of `layer` with `codec` at `tps` with the trace's transactions.
    public static func row(layer: DALayer, codec: CodecID, curve: RatioCurve, profile: CompressionProfile,
                           tps: Double, maxChannelSeconds: Double, market: MarketState) -> ComparisonRow {
        let bytesPerTx = Double(profile.trace.bytes) / Double(max(1, profile.trace.transactions))
        let bytesPerSecond = tps * bytesPerTx
        let full = curve.uncompressedSize(forCompressed: Double(layer.maxSubmissionBytes))
        let byDuration = bytesPerSecond * maxChannelSeconds
        let batch = max(bytesPerTx, min(full, byDuration))
        let point = curve.at(batch)
        let payload = curve.payload(forBatch: batch)
        let payloadBytes = payload.bytes
        let packing = layer.pack(payload)
        var cost = layer.cost(packing, at: market)
        let perDay = bytesPerSecond * 86_400 / batch
        let warnings = layer.warnings(compressedBytesPerSecond: bytesPerSecond * point.ratio, submissionsPerDay: perDay)
        // A reservation is paid per period whatever is sent: spread it over the submissions.
        if let eigen = layer as? EigenDAPricing, let perDayUSD = eigen.reservationUSDPerDay, perDay > 0 {
            let share = perDayUSD / perDay
            cost.usd += share
            cost.components[.altDAFee, default: 0] += share
            let eth = market.price("ETH")
            if eth > 0 { cost.native += share / eth }
        }
        let txsPerSubmission = batch / bytesPerTx
        let usdPerDay = cost.usd * perDay
        return ComparisonRow(
            layer: layer.name, layerKind: layer.kind, codec: codec, batchBytes: batch,
            closedBy: full <= byDuration ? "full" : "duration", ratio: point.ratio, submissionsPerDay: perDay,
            payloadBytesPerSubmission: payloadBytes, transactionsPerSubmission: txsPerSubmission, units: packing.units,
            layerTransactionsPerSubmission: packing.transactions, fill: packing.fill, nativeUnit: cost.nativeUnit,
            costPerSubmissionNative: cost.native, costPerSubmissionUSD: cost.usd, costPerTxUSD: cost.usd / txsPerSubmission,
            costPerMBUSD: cost.usd / (batch / 1e6), costPerDayNative: cost.native * perDay, costPerDayUSD: usdPerDay,
            costPer30DaysNative: cost.native * perDay * 30, costPer30DaysUSD: usdPerDay * 30,
            componentsPerDayUSD: Dictionary(uniqueKeysWithValues: cost.components.map { ($0.key.rawValue, $0.value * perDay) }),
            fixedL1OverheadPerDayUSD: (cost.components[.fixedL1Overhead] ?? 0) * perDay,
            ratioExtrapolated: point.extrapolated, warnings: warnings)
    }

    /// Every layer × codec of the scenario, cheapest first (ties broken by name, so order is stable).
    public static func rows(scenario: Scenario, profile: CompressionProfile, market: MarketState) -> [ComparisonRow] {
        var rows = [ComparisonRow]()
        for spec in scenario.layers {
            let layer = spec.makeLayer(batcher: scenario.batcher)
            for codec in scenario.codecs {
                guard let curve = RatioCurve(profile: profile, codec: codec) else { continue }
                rows.append(row(layer: layer, codec: codec, curve: curve, profile: profile, tps: scenario.traffic.tps,
                                maxChannelSeconds: scenario.batcher.maxChannelDurationMinutes * 60, market: market))
            }
        }
        return rows.sorted { ($0.costPerTxUSD, $0.layer, $0.codec.description) < ($1.costPerTxUSD, $1.layer, $1.codec.description) }
    }
}
