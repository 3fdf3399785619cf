/// The economics part of a projection report: per layer what users paid for L1 data under the stack's
/// fee mechanism against posting cost, the cumulative P&L's hole, time to unviable, ArbOS's pool, and the
/// OP scalars advised.
enum EconomicsRenderer {
    static func usd(_ v: Double) -> String { v < 0 ? "−" + ProjectionRenderer.usd(-v) : ProjectionRenderer.usd(v) }
    /// A percentage to one decimal, without a "−0.0".
    static func percent(_ v: Double) -> String { abs(v) < 0.05 ? "0.0%" : NumberFormat.fixed(v, 1) + "%" }

    static func table(_ p: ProjectionSection) -> TextTable? {
        let rows = ProjectionRenderer.ordered(p).compactMap { l in l.economics.map { (l, $0) } }
        guard !rows.isEmpty else { return nil }
        var t = TextTable(headers: ["layer", "revenue USD", "cost USD (stack fixed)", "margin", "margin/tx", "lowest cumulative P&L",
                                    "unviable: paths, hours to threshold"])
        for (l, e) in rows {
            let unviable = e.timeToUnviableHours.map { "\(e.pathsUnviable)/\(p.paths); " + ProjectionRenderer.band($0, ProjectionRenderer.hours) + " h" } ?? "0/\(p.paths)"
            t.rows.append([l.layer, ProjectionRenderer.band(e.revenueUSD, usd), ProjectionRenderer.band(e.costUSD, usd) + " (" + usd(e.stackFixedUSD.p50) + ")",
                           ProjectionRenderer.band(e.marginPercent, percent), usd(e.marginPerTxUSD.p50),
                           ProjectionRenderer.band(e.lowestCumulativePnlUSD, usd), unviable])
        }
        return t
    }

    /// Lines under the table: ArbOS's pool and the OP advice, per layer.
    static func notes(_ p: ProjectionSection) -> [String] {
        var out = [String]()
        for l in ProjectionRenderer.ordered(p) {
            guard let e = l.economics else { continue }
            if let r = e.pricer {
                let back = r.recoveryHours.map { "back at zero \(ProjectionRenderer.band($0, ProjectionRenderer.hours)) h after its lowest point on \(r.pathsRecovered)/\(p.paths) paths" }
                    ?? "never back at zero within the horizon"
                out.append("\(l.layer): ArbOS's L1 pool at its lowest \(ProjectionRenderer.band(r.lowestSurplusUSD, usd)), at the end \(ProjectionRenderer.band(r.endSurplusUSD, usd)); \(back).")
            }
            if let a = e.advice {
                let pct = NumberFormat.fixed(a.percentile, 0), margin = NumberFormat.fixed(a.margin * 100, 0)
                var s = "\(l.layer): scalars covering cost + \(margin)% on \(pct)% of paths: base-fee scalar \(NumberFormat.grouped(Int(a.baseFeeScalar))), blob scalar \(NumberFormat.grouped(Int(a.blobBaseFeeScalar))) (covers \(NumberFormat.fixed(a.pathsCovered * 100, 0))% of paths; revenue \(ProjectionRenderer.band(a.revenueUSD, usd)))"
                if let b = a.blobScalarAlone { s += "; or blob scalar \(NumberFormat.grouped(Int(b))) with the base-fee scalar kept" }
                if let b = a.baseFeeScalarAlone { s += "; or base-fee scalar \(NumberFormat.grouped(Int(b))) with the blob scalar kept" }
                out.append(s + ".")
            }
            if let z = e.zkAdvice {
                out.append("\(l.layer): the batch overhead that covers cost + \(NumberFormat.fixed(z.margin * 100, 0))% on \(NumberFormat.fixed(z.percentile, 0))% of paths: pubdata_overhead_part \(NumberFormat.compact(z.pubdataOverheadPart, 3))" + (z.pubdataOverheadPart > 1 ? " (past its bound of 1: batch_overhead_l1_gas \(NumberFormat.grouped(z.batchOverheadL1Gas)) at part 1)" : "") + " (covers \(NumberFormat.fixed(z.pathsCovered * 100, 0))% of paths; revenue \(ProjectionRenderer.band(z.revenueUSD, usd)); ceilings aside, a model).")
            }
        }
        return out
    }

    /// How far the stack's per-transaction estimate is from each transaction's real share, on this trace.
    static func estimator(_ p: ProjectionSection) -> [String] {
        guard let a = p.feeEstimator else { return [] }
        func signed(_ v: Double) -> String { (v >= 0 ? "+" : "−") + NumberFormat.fixed(abs(v), 1) + "%" }
        if p.feeMechanism?.hasPrefix("ArbOS") == true {
            return ["Fee estimate on this trace (first \(NumberFormat.grouped(a.transactions)) transactions, measured): ArbOS's per-transaction brotli-1 units come to \(signed(a.arbitrumOverchargePercent)) of the same transactions compressed together at brotli-11, so the pricer's units over-state the data the chain posts by that much (the price per unit adjusts to it)."]
        }
        return ["Fee estimate on this trace (first \(NumberFormat.grouped(a.transactions)) transactions, measured): Fjord's estimated sizes sum to \(signed(a.fjordOverchargePercent)) of the transactions' real shares of a brotli-10 channel (each share its flushed marginal bytes, scaled to the channel), per transaction \(NumberFormat.fixed(a.fjordErrorP50, 1)) bytes at the median (P5 \(NumberFormat.fixed(a.fjordErrorP5, 1)), P95 \(NumberFormat.fixed(a.fjordErrorP95, 1))); refit on this trace: intercept \(NumberFormat.grouped(a.refitIntercept)), FastLZ coefficient \(NumberFormat.grouped(a.refitFastlzCoefficient)) (op-geth: −42,585,600 and 836,500)."]
    }

    static func markdown(_ p: ProjectionSection) -> String? {
        guard let t = table(p) else { return nil }
        var md = "\n## Revenue and margin (USD; P50 [P5 – P95] across paths)\n\n"
        if let m = p.feeMechanism { md += "Users pay for L1 data by: \(m)\n\n" }
        md += t.render(.markdown)
        md += "\nCost is posting plus the stack's fixed L1 costs (a model: batches counted as full channels). Unviable: the cumulative P&L from the start fell past −\(usd(p.lossThresholdUSD)); the hours are from its last peak to then (how fast the hole opened).\n"
        let n = notes(p) + estimator(p)
        if !n.isEmpty { md += "\n" + n.map { "- \($0)\n" }.joined() }
        return md
    }

    /// CSV rows of a layer's economics.
    static func csvRows(_ l: ProjectionSection.Layer, start: String, add: (String, String, String, String, Band) -> Void) {
        guard let e = l.economics else { return }
        add(l.layer, "horizon", start, "revenue_usd", e.revenueUSD)
        add(l.layer, "horizon", start, "cost_with_stack_fixed_usd", e.costUSD)
        add(l.layer, "horizon", start, "stack_fixed_usd", e.stackFixedUSD)
        add(l.layer, "horizon", start, "margin_usd", e.marginUSD)
        add(l.layer, "horizon", start, "margin_per_tx_usd", e.marginPerTxUSD)
        add(l.layer, "horizon", start, "lowest_cumulative_pnl_usd", e.lowestCumulativePnlUSD)
        if let h = e.timeToUnviableHours { add(l.layer, "horizon", start, "time_to_unviable_hours", h) }
        for d in e.cumulativePnlUSD { add(l.layer, "day", d.day, "cumulative_pnl_usd", d.usd) }
        for d in e.pricer?.dailySurplusUSD ?? [] { add(l.layer, "day", d.day, "arbos_surplus_usd", d.usd) }
    }
}
