/// A layer's economics over a projection, as bands across paths: what users paid for L1 data under the
/// stack's mechanism, what posting and the stack's fixed L1 costs took, the cumulative P&L through time,
/// when the chain turned unviable, and (OP) the scalars that would have covered the cost.
public struct ProjectionEconomics: Codable, Equatable, Sendable {
    public struct Day: Codable, Equatable, Sendable {
        public var day: String
        public var usd: Band
    }

    /// ArbOS's L1 pricer: its pool's lowest surplus and its surplus at the end (USD; negative = owed to
    /// the batch poster), and the hours from the lowest point until it was back at zero, over the paths
    /// where it came back (`paths_recovered` of them).
    public struct Pricer: Codable, Equatable, Sendable {
        public var lowestSurplusUSD: Band
        public var endSurplusUSD: Band
        public var recoveryHours: Band?
        public var pathsRecovered: Int
        /// The surplus at the end of each day: the pool's trajectory.
        public var dailySurplusUSD: [Day]
        enum CodingKeys: String, CodingKey {
            case lowestSurplusUSD = "lowest_surplus_usd", endSurplusUSD = "end_surplus_usd", recoveryHours = "recovery_hours", pathsRecovered = "paths_recovered"
            case dailySurplusUSD = "daily_surplus_usd"
        }
    }

    /// OP scalars that cover the layer's cost (posting and the stack's fixed L1 costs) times (1 + margin) on
    /// `percentile`% of paths: both scaled together from the scenario's, or one solved with the other kept.
    public struct Advice: Codable, Equatable, Sendable {
        public var percentile: Double
        public var margin: Double
        public var baseFeeScalar: UInt64
        public var blobBaseFeeScalar: UInt64
        /// Share of paths on which the advised pair covers the cost, and the revenue it gives (band).
        public var pathsCovered: Double
        public var revenueUSD: Band
        /// The blob scalar needed with the scenario's base-fee scalar kept (nil: not solvable), and the
        /// base-fee scalar with the blob scalar kept.
        public var blobScalarAlone: UInt64?
        public var baseFeeScalarAlone: UInt64?
        enum CodingKeys: String, CodingKey {
            case percentile, margin
            case baseFeeScalar = "base_fee_scalar", blobBaseFeeScalar = "blob_base_fee_scalar", pathsCovered = "paths_covered"
            case revenueUSD = "revenue_usd", blobScalarAlone = "blob_base_fee_scalar_with_base_kept", baseFeeScalarAlone = "base_fee_scalar_with_blob_kept"
        }
    }

    /// ZK Stack: the `pubdata_overhead_part` (and, past 1, the `batch_overhead_l1_gas` at part 1) whose
    /// batch-overhead charge covers cost × (1 + margin) on `percentile`% of paths (ceilings aside).
    public struct ZKAdvice: Codable, Equatable, Sendable {
        public var percentile: Double
        public var margin: Double
        public var pubdataOverheadPart: Double
        public var batchOverheadL1Gas: Double
        public var pathsCovered: Double
        public var revenueUSD: Band
        enum CodingKeys: String, CodingKey {
            case percentile, margin, pubdataOverheadPart = "pubdata_overhead_part", batchOverheadL1Gas = "batch_overhead_l1_gas"
            case pathsCovered = "paths_covered", revenueUSD = "revenue_usd"
        }
    }

    public var feeMechanism: String
    public var revenueUSD: Band
    /// Posting plus the stack's fixed L1 costs, and the fixed part alone.
    public var costUSD: Band
    public var stackFixedUSD: Band
    /// Revenue − cost over the horizon, per transaction, and as a share of the cost (%).
    public var marginUSD: Band
    public var marginPerTxUSD: Band
    public var marginPercent: Band
    /// The cumulative P&L at the end of each day, and its lowest point at any step (the hole).
    public var cumulativePnlUSD: [Day]
    public var lowestCumulativePnlUSD: Band
    /// Paths where the loss timer started, and those where the loss passed the threshold, with the hours it took.
    public var pathsWithLoss: Int
    public var pathsUnviable: Int
    public var timeToUnviableHours: Band?
    public var pricer: Pricer?
    public var advice: Advice?
    public var zkAdvice: ZKAdvice?

    enum CodingKeys: String, CodingKey {
        case feeMechanism = "fee_mechanism", revenueUSD = "revenue_usd", costUSD = "cost_usd", stackFixedUSD = "stack_fixed_usd"
        case marginUSD = "margin_usd", marginPerTxUSD = "margin_per_tx_usd", marginPercent = "margin_percent"
        case cumulativePnlUSD = "cumulative_pnl_usd", lowestCumulativePnlUSD = "lowest_cumulative_pnl_usd"
        case pathsWithLoss = "paths_with_loss", pathsUnviable = "paths_unviable", timeToUnviableHours = "time_to_unviable_hours"
        case pricer, advice, zkAdvice = "zk_advice"
    }
}

extension ProjectionEconomics {
    /// From one layer's outcome on every path (those without economics are skipped).
    static func of(_ per: [PathOutcome.Layer], transactions: [Double], fees: FeeMechanism, dayNames: [String]) -> ProjectionEconomics? {
        let e = per.compactMap(\.economics)
        guard e.count == per.count, !e.isEmpty else { return nil }
        let revenue = e.map(\.pnl.revenue), cost = e.map(\.pnl.cost), margin = e.map { $0.pnl.revenue - $0.pnl.cost }
        var cumulative = [Day]()
        var running = [Double](repeating: 0, count: per.count)
        for d in dayNames.indices {
            for k in e.indices { running[k] += e[k].dailyRevenueUSD[d] - e[k].dailyCostUSD[d] }
            cumulative.append(Day(day: dayNames[d], usd: Band(running)))
        }
        let unviable = per.compactMap { $0.lossSeconds.map { $0 / 3600 } }
        var out = ProjectionEconomics(
            feeMechanism: fees.name, revenueUSD: Band(revenue), costUSD: Band(cost), stackFixedUSD: Band(e.map(\.stackFixedUSD)),
            marginUSD: Band(margin), marginPerTxUSD: Band(zip(margin, transactions).map { $0.1 > 0 ? $0.0 / $0.1 : 0 }),
            marginPercent: Band(zip(margin, cost).map { $0.1 > 0 ? $0.0 / $0.1 * 100 : 0 }),
            cumulativePnlUSD: cumulative, lowestCumulativePnlUSD: Band(e.map(\.pnl.lowest)),
            pathsWithLoss: per.filter(\.lossStarted).count, pathsUnviable: unviable.count,
            timeToUnviableHours: unviable.isEmpty ? nil : Band(unviable))
        if fees.kind == .arbitrum {
            let lows = e.compactMap(\.revenue.lowestSurplusUSD), ends = e.compactMap(\.revenue.endSurplusUSD)
            let back = e.compactMap(\.revenue.recoveryHours)
            if !lows.isEmpty {
                let days = dayNames.indices.map { d in
                    Day(day: dayNames[d], usd: Band(e.map { d < $0.revenue.surplusByDayUSD.count ? $0.revenue.surplusByDayUSD[d] : 0 }))
                }
                out.pricer = Pricer(lowestSurplusUSD: Band(lows), endSurplusUSD: Band(ends), recoveryHours: back.isEmpty ? nil : Band(back),
                                    pathsRecovered: back.count, dailySurplusUSD: days)
            }
        }
        if fees.kind == .op { out.advice = advice(e, fees: fees) }
        if fees.kind == .zksync { out.zkAdvice = zkAdvice(e, fees: fees) }
        return out
    }

    /// The least factor k for which revenue `k × unit + fixed` covers cost × (1 + margin) on `percentile`% of
    /// paths with the revenue's percentile at or above the cost's (the two need not agree path by path).
    static func scale(_ e: [LayerEconomics], unit: (LayerEconomics) -> Double, fixed: (LayerEconomics) -> Double,
                      percentile q: Double, margin m: Double) -> Double {
        func quantile(_ v: [Double]) -> Double { Percentile.of(v.filter(\.isFinite).sorted(), q) }
        let target = quantile(e.map { $0.pnl.cost * (1 + m) })
        func covers(_ k: Double) -> Bool {
            let r = e.map { k * unit($0) + fixed($0) }
            let share = Double(zip(r, e).filter { $0.0 >= $0.1.pnl.cost * (1 + m) }.count) / Double(max(1, e.count))
            return share >= q / 100 && quantile(r) >= target
        }
        var lo = 0.0, hi = max(0, e.map { unit($0) > 0 ? ($0.pnl.cost * (1 + m) - fixed($0)) / unit($0) : 0 }.max() ?? 0)
        guard covers(hi) else { return hi }
        for _ in 0..<64 { let mid = (lo + hi) / 2; if covers(mid) { hi = mid } else { lo = mid } }
        return hi
    }

    /// ZK Stack: the overhead part that covers cost on the chosen share of paths.
    static func zkAdvice(_ e: [LayerEconomics], fees: FeeMechanism) -> ZKAdvice? {
        let s = fees.settings, part = s.zksync.pubdataOverheadPart
        guard part > 0, e.contains(where: { $0.revenue.zkOverheadTermUSD > 0 }) else { return nil }
        let k = scale(e, unit: { $0.revenue.zkOverheadTermUSD }, fixed: { $0.revenue.zkPubdataTermUSD }, percentile: s.advicePercentile, margin: s.adviceMargin)
        let revenue = e.map { k * $0.revenue.zkOverheadTermUSD + $0.revenue.zkPubdataTermUSD }
        let covered = zip(revenue, e).filter { $0.0 >= $0.1.pnl.cost * (1 + s.adviceMargin) }.count
        return ZKAdvice(percentile: s.advicePercentile, margin: s.adviceMargin, pubdataOverheadPart: part * k,
                        batchOverheadL1Gas: s.zksync.batchOverheadL1Gas * part * k, pathsCovered: Double(covered) / Double(e.count),
                        revenueUSD: Band(revenue))
    }

    /// The OP scalars that cover cost × (1 + margin) on the chosen share of paths.
    static func advice(_ e: [LayerEconomics], fees: FeeMechanism) -> Advice? {
        let s = fees.settings, q = s.advicePercentile, m = s.adviceMargin
        let base = Double(fees.settings.op.baseFeeScalar), blob = Double(fees.settings.op.blobBaseFeeScalar)
        guard e.contains(where: { $0.revenue.perBaseFeeScalarUSD > 0 || $0.revenue.perBlobFeeScalarUSD > 0 }) else { return nil }
        func scalar(_ v: Double) -> UInt64 { UInt64(max(0, min(Double(UInt32.max), v.rounded(.up)))) }
        // Both scaled by one factor k.
        let k = base > 0 || blob > 0
            ? scale(e, unit: { base * $0.revenue.perBaseFeeScalarUSD + blob * $0.revenue.perBlobFeeScalarUSD }, fixed: { $0.revenue.otherUSD },
                    percentile: q, margin: m) : 0
        let advisedBase = scalar(base * k), advisedBlob = scalar(blob * k)
        let revenue = e.map { Double(advisedBase) * $0.revenue.perBaseFeeScalarUSD + Double(advisedBlob) * $0.revenue.perBlobFeeScalarUSD + $0.revenue.otherUSD }
        let covered = zip(revenue, e).filter { $0.0 >= $0.1.pnl.cost * (1 + m) }.count
        // One scalar solved with the other kept.
        let blobAlone = e.allSatisfy({ $0.revenue.perBlobFeeScalarUSD > 0 })
            ? scalar(scale(e, unit: { $0.revenue.perBlobFeeScalarUSD }, fixed: { base * $0.revenue.perBaseFeeScalarUSD + $0.revenue.otherUSD },
                           percentile: q, margin: m)) : nil
        let baseAlone = e.allSatisfy({ $0.revenue.perBaseFeeScalarUSD > 0 })
            ? scalar(scale(e, unit: { $0.revenue.perBaseFeeScalarUSD }, fixed: { blob * $0.revenue.perBlobFeeScalarUSD + $0.revenue.otherUSD },
                           percentile: q, margin: m)) : nil
        return Advice(percentile: q, margin: m, baseFeeScalar: advisedBase, blobBaseFeeScalar: advisedBlob,
                      pathsCovered: Double(covered) / Double(e.count), revenueUSD: Band(revenue),
                      blobScalarAlone: blobAlone, baseFeeScalarAlone: baseAlone)
    }
}
