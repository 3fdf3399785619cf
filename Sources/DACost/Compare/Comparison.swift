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
    /// ETH paid on Ethereum besides the native unit (an alt-DA layer's commitment transactions).
    public var l1ETHPerSubmission: Double
    public var l1ETHPerDay: Double
    public var l1ETHPer30Days: Double
    /// Whether the layer can carry this posting rate at all; an infeasible row is never the winner.
    public var feasibility: Feasibility
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
        case l1ETHPerSubmission = "l1_eth_per_submission", l1ETHPerDay = "l1_eth_per_day", l1ETHPer30Days = "l1_eth_per_30_days"
        case feasible, infeasibleReason = "infeasible_reason"
    }

    public var feasible: Bool { feasibility.feasible }
}

extension ComparisonRow {
    /// Reports written before capacity and L1 commitments were modelled read as feasible with no ETH side.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        layer = try c.decode(String.self, forKey: .layer); layerKind = try c.decode(LayerKind.self, forKey: .layerKind)
        codec = try c.decode(CodecID.self, forKey: .codec); batchBytes = try c.decode(Double.self, forKey: .batchBytes)
        closedBy = try c.decode(String.self, forKey: .closedBy); ratio = try c.decode(Double.self, forKey: .ratio)
        submissionsPerDay = try c.decode(Double.self, forKey: .submissionsPerDay)
        payloadBytesPerSubmission = try c.decode(Int.self, forKey: .payloadBytesPerSubmission)
        transactionsPerSubmission = try c.decode(Double.self, forKey: .transactionsPerSubmission)
        units = try c.decode([String: Int].self, forKey: .units)
        layerTransactionsPerSubmission = try c.decode(Int.self, forKey: .layerTransactionsPerSubmission)
        fill = try c.decode(Double.self, forKey: .fill); nativeUnit = try c.decode(String.self, forKey: .nativeUnit)
        costPerSubmissionNative = try c.decode(Double.self, forKey: .costPerSubmissionNative)
        costPerSubmissionUSD = try c.decode(Double.self, forKey: .costPerSubmissionUSD)
        costPerTxUSD = try c.decode(Double.self, forKey: .costPerTxUSD); costPerMBUSD = try c.decode(Double.self, forKey: .costPerMBUSD)
        costPerDayNative = try c.decode(Double.self, forKey: .costPerDayNative); costPerDayUSD = try c.decode(Double.self, forKey: .costPerDayUSD)
        costPer30DaysNative = try c.decode(Double.self, forKey: .costPer30DaysNative)
        costPer30DaysUSD = try c.decode(Double.self, forKey: .costPer30DaysUSD)
        componentsPerDayUSD = try c.decode([String: Double].self, forKey: .componentsPerDayUSD)
        fixedL1OverheadPerDayUSD = try c.decode(Double.self, forKey: .fixedL1OverheadPerDayUSD)
        ratioExtrapolated = try c.decode(Bool.self, forKey: .ratioExtrapolated)
        l1ETHPerSubmission = try c.decodeIfPresent(Double.self, forKey: .l1ETHPerSubmission) ?? 0
        l1ETHPerDay = try c.decodeIfPresent(Double.self, forKey: .l1ETHPerDay) ?? 0
        l1ETHPer30Days = try c.decodeIfPresent(Double.self, forKey: .l1ETHPer30Days) ?? 0
        feasibility = Feasibility(feasible: try c.decodeIfPresent(Bool.self, forKey: .feasible) ?? true,
                                  reason: try c.decodeIfPresent(String.self, forKey: .infeasibleReason))
        warnings = try c.decode([String].self, forKey: .warnings)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(layer, forKey: .layer); try c.encode(layerKind, forKey: .layerKind); try c.encode(codec, forKey: .codec)
        try c.encode(batchBytes, forKey: .batchBytes); try c.encode(closedBy, forKey: .closedBy); try c.encode(ratio, forKey: .ratio)
        try c.encode(submissionsPerDay, forKey: .submissionsPerDay); try c.encode(payloadBytesPerSubmission, forKey: .payloadBytesPerSubmission)
        try c.encode(transactionsPerSubmission, forKey: .transactionsPerSubmission); try c.encode(units, forKey: .units)
        try c.encode(layerTransactionsPerSubmission, forKey: .layerTransactionsPerSubmission); try c.encode(fill, forKey: .fill)
        try c.encode(nativeUnit, forKey: .nativeUnit); try c.encode(costPerSubmissionNative, forKey: .costPerSubmissionNative)
        try c.encode(costPerSubmissionUSD, forKey: .costPerSubmissionUSD); try c.encode(costPerTxUSD, forKey: .costPerTxUSD)
        try c.encode(costPerMBUSD, forKey: .costPerMBUSD); try c.encode(costPerDayNative, forKey: .costPerDayNative)
        try c.encode(costPerDayUSD, forKey: .costPerDayUSD); try c.encode(costPer30DaysNative, forKey: .costPer30DaysNative)
        try c.encode(costPer30DaysUSD, forKey: .costPer30DaysUSD); try c.encode(componentsPerDayUSD, forKey: .componentsPerDayUSD)
        try c.encode(fixedL1OverheadPerDayUSD, forKey: .fixedL1OverheadPerDayUSD); try c.encode(ratioExtrapolated, forKey: .ratioExtrapolated)
        try c.encode(l1ETHPerSubmission, forKey: .l1ETHPerSubmission); try c.encode(l1ETHPerDay, forKey: .l1ETHPerDay)
        try c.encode(l1ETHPer30Days, forKey: .l1ETHPer30Days)
        try c.encode(feasibility.feasible, forKey: .feasible); try c.encodeIfPresent(feasibility.reason, forKey: .infeasibleReason)
        try c.encode(warnings, forKey: .warnings)
    }
}

/// The pricing step: pure functions of a scenario, a profile and a market state.
public enum Comparison {
    /// Steady-state cost of `layer` with `codec` at `tps` with the trace's transactions.
    public static func row(layer: DALayer, codec: CodecID, curve: RatioCurve, profile: CompressionProfile,
                           tps: Double, maxChannelSeconds: Double, market: MarketState,
                           limits: CapacityLimits = CapacityLimits()) -> ComparisonRow {
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
        let feasibility: Feasibility
        switch layer.kind {
        case .ethereumBlobs: feasibility = Capacity.blobs(perDay: Double(packing.units["blobs"] ?? 0) * perDay, fork: limits.blobFork)
        case .ethereumCalldata:
            feasibility = Capacity.calldata(gasPerDay: Double(packing.units["gas"] ?? 0) * perDay, gasLimit: limits.gasLimit, maxShare: limits.gasShare)
        case .celestia, .eigenDA, .avail, .generic:
            feasibility = Capacity.throughput(bytesPerDay: Double(layer.capacityBytes(packing)) * perDay, limit: limits.throughput,
                                              background: limits.background)
        }
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
            ratioExtrapolated: point.extrapolated, l1ETHPerSubmission: cost.l1ETH, l1ETHPerDay: cost.l1ETH * perDay,
            l1ETHPer30Days: cost.l1ETH * perDay * 30, feasibility: feasibility, warnings: warnings)
    }

    /// Every layer × codec of the scenario, feasible rows first and cheapest first within each (ties
    /// broken by name, so order is stable): the first row is the winner only if it is feasible.
    public static func rows(scenario: Scenario, profile: CompressionProfile, market: MarketState,
                            blobFork: BlobFork?, day: String) -> [ComparisonRow] {
        var rows = [ComparisonRow]()
        let gas = scenario.l1GasLimit ?? .mainnet
        for spec in scenario.layers {
            let layer = spec.makeLayer(batcher: scenario.batcher, calldata: scenario.startCalldataFork.pricing)
            var limits = CapacityLimits(blobFork: blobFork, gasLimit: gas.gasLimit(on: day), gasShare: gas.maxShare,
                                        throughput: LayerThroughput.of(spec, at: CalendarDay.epochSeconds(day) ?? 0))
            // Others' demand takes its share of EigenDA's and Avail's throughput; on Celestia the rollup
            // outbids it (a gas-price auction), so there it sets the price instead, and on Avail a higher tip goes first.
            let background = spec.backgroundBytesPerSecond?.startValue ?? 0
            if !spec.outranksBackground { limits.background = background }
            for codec in scenario.codecs {
                guard let curve = RatioCurve(profile: profile, codec: codec) else { continue }
                func priced(_ l: DALayer) -> ComparisonRow {
                    row(layer: l, codec: codec, curve: curve, profile: profile, tps: scenario.traffic.tps,
                        maxChannelSeconds: scenario.batcher.maxChannelDurationMinutes * 60, market: market, limits: limits)
                }
                var r = priced(layer)
                // A congested Celestia square: the rollup pays the price that gets its blobs included.
                if var c = layer as? CelestiaPricing, background > 0, let ceiling = limits.throughput?.bytesPerSecond {
                    let own = Double(r.payloadBytesPerSubmission) * r.submissionsPerDay / 86_400
                    let price = AltDACongestion.celestiaInclusionPrice(minPrice: c.gasPriceUtia, own: own, background: background,
                                                                       capacity: ceiling, spread: spec.backgroundPriceSpread ?? CelestiaPricing.defaultBidSpread)
                    if price > c.gasPriceUtia && price.isFinite {
                        let minimum = c.gasPriceUtia
                        c.gasPriceUtia = price
                        r = priced(c)
                        r.warnings.append("\(c.name): the square is congested (\(NumberFormat.grouped(Int((own + background).rounded()))) B/s wanted, \(NumberFormat.grouped(Int(ceiling.rounded()))) B/s carried): inclusion costs \(NumberFormat.significant(price, 3)) utia/gas instead of \(NumberFormat.significant(minimum, 3)) (a first-price market, others' bids spread by σ = \(NumberFormat.compact(spec.backgroundPriceSpread ?? CelestiaPricing.defaultBidSpread, 3)))")
                    }
                }
                rows.append(r)
            }
        }
        return rows.sorted {
            ($0.feasible ? 0 : 1, $0.costPerTxUSD, $0.layer, $0.codec.description) < ($1.feasible ? 0 : 1, $1.costPerTxUSD, $1.layer, $1.codec.description)
        }
    }
}

/// What bounds a layer's throughput on the scenario's day.
public struct CapacityLimits: Sendable {
    /// The blob fork in force (nil before Cancun).
    public var blobFork: BlobFork?
    public var gasLimit: Int
    public var gasShare: Double
    /// An alt-DA or generic layer's throughput on the day; nil = unlimited.
    public var throughput: LayerThroughput?
    /// What others use of it (bytes/s, the scenario's `background_bytes_per_second` at the start).
    public var background = 0.0

    public init(blobFork: BlobFork? = BlobSchedule.mainnet.forks.last, gasLimit: Int = L1GasLimit.mainnet.schedule.last?.gasLimit ?? 60_000_000,
                gasShare: Double = L1GasLimit.defaultMaxShare, throughput: LayerThroughput? = nil) {
        self.blobFork = blobFork; self.gasLimit = gasLimit; self.gasShare = gasShare; self.throughput = throughput
    }
}
