/// Renders a projection: the screen table, Markdown, the long-format CSV, and the
/// `dacost.projection/v1` JSON, from one `ProjectionDocument`.
public enum ProjectionRenderer {
    static func usd(_ v: Double) -> String { "$" + NumberFormat.significant(v, 4) }
    /// A band as "P50 [P5 – P95]", each value formatted by `f`.
    static func band(_ b: Band, _ f: (Double) -> String) -> String { "\(f(b.p50)) [\(f(b.p5)) – \(f(b.p95))]" }
    static func hours(_ v: Double) -> String { NumberFormat.fixed(v, 1) }

    /// Layers by P50 spend over the horizon, cheapest first: the order of every per-layer table.
    static func ordered(_ p: ProjectionSection) -> [ProjectionSection.Layer] {
        p.layers.sorted { ($0.totalUSD.p50, $0.layer) < ($1.totalUSD.p50, $1.layer) }
    }

    static func backlogCell(_ l: ProjectionSection.Layer) -> String {
        guard l.maxBacklogBytes > 0 else { return "-" }
        return backlogAmount(l) + ", \(NumberFormat.fixed(l.worstLatencySeconds.p95 / 3600, 1)) h"
            + (l.backlogGrowsFromDay.map { ", grows from day \($0 + 1)" } ?? "")
    }

    /// The most waiting: blobs on Ethereum, bytes of the layer's throughput on an alt-DA layer.
    static func backlogAmount(_ l: ProjectionSection.Layer) -> String {
        l.maxBacklogBlobs > 0 ? "\(NumberFormat.grouped(l.maxBacklogBlobs)) blobs" : NumberFormat.bytes(Double(l.maxBacklogBytes))
    }

    static func lossCell(_ l: ProjectionSection.Layer, paths: Int) -> String {
        guard l.pathsWithLoss > 0 else { return "-" }
        var s = "\(l.pathsWithLoss)/\(paths) paths"
        if let h = l.hoursToLossThreshold {
            s += "; past threshold on \(l.pathsPastLossThreshold) after \(NumberFormat.fixed(h.p50, 1)) h (P50; P5 \(NumberFormat.fixed(h.p5, 1)), P95 \(NumberFormat.fixed(h.p95, 1)))"
        } else {
            s += "; threshold never passed"
        }
        return s
    }

    public static func summaryTable(_ p: ProjectionSection) -> TextTable {
        var t = TextTable(headers: ["layer", "total USD P50", "P5", "P95", "mean", "native P50", "$/tx P50", "$/tx P95", "backlog",
                                    "fallback subs (mean)", "loss", "feasible at start"])
        for l in ordered(p) {
            t.rows.append([l.layer + (l.feasible ? "" : " (infeasible)"), usd(l.totalUSD.p50), usd(l.totalUSD.p5), usd(l.totalUSD.p95), usd(l.totalUSD.mean),
                           NumberFormat.significant(l.totalNative.p50, 4) + " " + l.nativeUnit, usd(l.costPerTxUSD.p50), usd(l.costPerTxUSD.p95),
                           backlogCell(l), l.fallbackSubmissions.mean > 0 ? NumberFormat.grouped(Int(l.fallbackSubmissions.mean.rounded())) : "-",
                           lossCell(l, paths: p.paths), l.feasible ? "yes" : "no: " + (l.infeasibleReason ?? "over capacity")])
        }
        return t
    }

    /// What the loss column means, under the table.
    static func lossLegend(_ p: ProjectionSection) -> String? {
        guard let revenue = p.revenuePerTxUSD, p.feeMechanism == nil || p.feeMechanism?.hasPrefix("a fixed") == true else {
            return p.feeMechanism == nil ? nil : "Loss: paths on which posting cost (with the stack's fixed L1 costs) passed what users paid over a channel-long window; of those, the paths on which the cumulative P&L from the start fell past −\(usd(p.lossThresholdUSD)), and the hours from its last peak to then, P50 with P5 and P95 across those paths."
        }
        return "Loss: paths on which posting cost per transaction passed the revenue of \(usd(revenue)) per transaction; of those, the paths on which the cumulative P&L from the start (revenue less posting cost) fell past −\(usd(p.lossThresholdUSD)), and the hours from its last peak to then, P50 with P5 and P95 across those paths."
    }

    public static func monthTable(_ p: ProjectionSection) -> TextTable {
        var t = TextTable(headers: ["layer", "month", "days", "USD P5", "P50", "P95", "mean", "native P50"])
        for l in ordered(p) {
            for m in l.months {
                t.rows.append([l.layer, m.month, "\(m.days)", usd(m.usd.p5), usd(m.usd.p50), usd(m.usd.p95), usd(m.usd.mean),
                               NumberFormat.significant(m.native.p50, 4) + " " + l.nativeUnit])
            }
        }
        return t
    }

    public static func componentTable(_ p: ProjectionSection) -> TextTable {
        var t = TextTable(headers: ["layer"] + CostComponent.allCases.map(\.rawValue) + ["own-demand premium"])
        for l in ordered(p) {
            var row = [l.layer]
            for c in CostComponent.allCases { row.append(NumberFormat.fixed((l.componentShare[c.rawValue] ?? 0) * 100, 1) + "%") }
            let premium = NumberFormat.fixed(l.ownDemandPremiumShare * 100, 1) + "% (\(NumberFormat.grouped(Int(l.ownDemandBlocks.mean.rounded()))) blocks, mean)"
            row.append(l.ownDemandBlocks.mean > 0 ? premium : "-")
            t.rows.append(row)
        }
        return t
    }

    public static func inputTable(_ p: ProjectionSection) -> TextTable {
        var t = TextTable(headers: ["input", "curve", "random"], alignments: [.left, .left, .left])
        for i in p.inputs { t.rows.append([i.input, i.curve, i.stochastic ? "yes" : "no"]) }
        return t
    }

    static func lede(_ d: ProjectionDocument) -> String {
        let p = d.projection
        var s = "\(p.horizonDays) days from \(p.start); \(p.paths) Monte Carlo paths (seed \(p.seed)); market and traffic curves sampled every \(NumberFormat.compact(p.marketStepMinutes)) minutes; "
        s += p.blobMarketSimulated ? "blob base fee simulated block by block (background demand plus the rollup's own blobs)." : "blob base fee from the scenario's curve."
        return s
    }

    public static func screen(_ d: ProjectionDocument) -> String {
        var out = "dacost project: \(d.scenario.name), " + lede(d) + "\n\n"
        out += summaryTable(d.projection).render(.table)
        if let legend = lossLegend(d.projection), d.projection.layers.contains(where: { $0.pathsWithLoss > 0 }) { out += legend + "\n" }
        return out + d.warnings.map { "warning: \($0)\n" }.joined()
    }

    public static func markdown(_ d: ProjectionDocument) -> String {
        let p = d.projection
        var md = "# dacost project: \(d.scenario.name)\n\n" + lede(d) + "\n\n"
        md += "Mean L2 transactions over the horizon: \(NumberFormat.grouped(Int(p.transactions.mean.rounded()))).\n\n"
        let summary = ProjectionSummary.lines(p)
        if !summary.isEmpty { md += "## Summary\n\n" + summary.map { "- \($0)\n" }.joined() + "\n" }
        md += "## Inputs\n\n" + inputTable(p).render(.markdown)
        if !p.spikes.isEmpty { md += "\nSpikes: " + p.spikes.joined(separator: "; ") + ".\n" }
        md += "\n## Spend over the horizon (USD; P50 [P5 – P95] across paths)\n\n" + summaryTable(p).render(.markdown)
        if let legend = lossLegend(p) { md += "\n" + legend + "\n" }
        if let e = EconomicsRenderer.markdown(p) { md += e }
        md += "\n## Per calendar month\n\n" + monthTable(p).render(.markdown)
        md += "\n## Share of spend by component\n\n" + componentTable(p).render(.markdown)
        let backlog = ordered(p).filter { $0.maxBacklogBytes > 0 || $0.fallbackSubmissions.mean > 0 }
        if !backlog.isEmpty {
            md += "\n## Posting backlog and fallback\n\n"
            for l in backlog {
                let amount = l.maxBacklogBlobs > 0 ? "\(NumberFormat.grouped(l.maxBacklogBlobs)) blobs (\(NumberFormat.grouped(l.maxBacklogBytes)) bytes)"
                    : NumberFormat.bytes(Double(l.maxBacklogBytes))
                md += "- \(l.layer): up to \(amount) waiting; worst latency P50 \(NumberFormat.fixed(l.worstLatencySeconds.p50 / 3600, 2)) h, P95 \(NumberFormat.fixed(l.worstLatencySeconds.p95 / 3600, 2)) h"
                md += l.backlogGrowsFromDay.map { "; the backlog grows without bound from day \($0 + 1): \(l.maxBacklogBlobs > 0 ? "blocks cannot carry the rollup's blobs" : "the layer cannot carry the rollup's data")" } ?? ""
                if l.fallbackSubmissions.mean > 0 {
                    md += "; fallback to calldata: \(NumberFormat.fixed(l.fallbackSubmissions.mean, 1)) submissions (mean; P50 \(NumberFormat.grouped(Int(l.fallbackSubmissions.p50.rounded()))))"
                    md += " costing \(usd(l.fallbackUSD.mean)) (mean)"
                }
                md += ".\n"
            }
        }
        md += "\n## Daily spend (P50 per layer)\n\n"
        let layers = ordered(p)
        var t = TextTable(headers: ["day"] + layers.map(\.layer) + ["blob base fee, day mean P50 (gwei)", "day max P50 (gwei)"])
        for (d, fee) in p.blobBaseFeeGwei.enumerated() {
            t.rows.append([fee.day] + layers.map { usd($0.daily[d].usd.p50) }
                          + [NumberFormat.significant(fee.mean.p50, 4), NumberFormat.significant(fee.max.p50, 4)])
        }
        md += t.render(.markdown)
        if let security = CostSecurity.table(p) {
            md += "\n## Cost and security (frontier: no other feasible layer has as much stake behind it for as little)\n\n" + security.render(.markdown)
        }
        if let outages = outageTable(p) { md += "\n## Outages and failover (P50 [P5 – P95] across paths)\n\n" + outages.render(.markdown) }
        md += "\n## Assumptions\n\n" + d.assumptions.map { "- \($0)\n" }.joined()
        if !d.warnings.isEmpty { md += "\n## Warnings\n\n" + d.warnings.map { "- \($0)\n" }.joined() }
        md += "\n## Provenance\n\ndacost \(d.dacostVersion); scenario `\(d.scenarioFile)`; trace sha256 `\(d.trace.sha256)`; codec libraries: "
        md += d.codecLibraries.keys.sorted().map { "\($0) \(d.codecLibraries[$0] ?? "")" }.joined(separator: ", ")
        md += ". Every band is in `report.json` (`\(ProjectionDocument.schemaID)`) and `report.csv`.\n"
        return md
    }

    /// Per layer with outages: hours down, the longest, the failover's submissions and spend, what a
    /// halt never posted and the most data held unposted; nil when the scenario sets no outages.
    static func outageTable(_ p: ProjectionSection) -> TextTable? {
        let layers = ordered(p).filter { $0.outage != nil }
        guard !layers.isEmpty else { return nil }
        func count(_ v: Double) -> String { NumberFormat.grouped(Int(v.rounded())) }
        var t = TextTable(headers: ["layer", "policy", "hours down", "longest (h)", "failover subs", "failover USD", "halted subs", "data at risk"])
        for l in layers {
            guard let o = l.outage, let f = l.failover else { continue }
            t.rows.append([l.layer, f.policy, band(o.hoursDegraded, hours), band(o.longestOutageHours, hours),
                           band(f.submissions, count), band(f.usd, usd), band(o.haltedSubmissions, count),
                           band(o.dataAtRiskBytes, NumberFormat.bytes)])
        }
        return t
    }

    /// Every band in one long table: `layer, period (horizon|month|day), date, metric, p5, p50, p95, mean`.
    public static func csv(_ p: ProjectionSection) -> String {
        var t = TextTable(headers: ["layer", "period", "date", "metric", "p5", "p50", "p95", "mean"])
        func g(_ v: Double) -> String { v.isFinite ? String(describing: v) : "" }
        func add(_ layer: String, _ period: String, _ date: String, _ metric: String, _ b: Band) {
            t.rows.append([layer, period, date, metric, g(b.p5), g(b.p50), g(b.p95), g(b.mean)])
        }
        for l in ordered(p) {
            add(l.layer, "horizon", p.start, "usd", l.totalUSD)
            add(l.layer, "horizon", p.start, "native_" + l.nativeUnit.lowercased(), l.totalNative)
            add(l.layer, "horizon", p.start, "cost_per_tx_usd", l.costPerTxUSD)
            for c in l.componentsUSD.keys.sorted() { if let b = l.componentsUSD[c] { add(l.layer, "horizon", p.start, "usd_" + c, b) } }
            add(l.layer, "horizon", p.start, "submissions", l.submissions)
            add(l.layer, "horizon", p.start, "fallback_submissions", l.fallbackSubmissions)
            add(l.layer, "horizon", p.start, "fallback_usd", l.fallbackUSD)
            add(l.layer, "horizon", p.start, "backlog_blobs", l.backlogBlobs)
            add(l.layer, "horizon", p.start, "worst_latency_seconds", l.worstLatencySeconds)
            add(l.layer, "horizon", p.start, "own_demand_blocks", l.ownDemandBlocks)
            add(l.layer, "horizon", p.start, "own_demand_premium_usd", l.ownDemandPremiumUSD)
            if let h = l.hoursToLossThreshold { add(l.layer, "horizon", p.start, "hours_to_loss_threshold", h) }
            EconomicsRenderer.csvRows(l, start: p.start, add: add)
            if let o = l.outage {
                add(l.layer, "horizon", p.start, "outage_hours", o.hoursDegraded)
                add(l.layer, "horizon", p.start, "longest_outage_hours", o.longestOutageHours)
                if let f = l.failover {
                    add(l.layer, "horizon", p.start, "failover_submissions", f.submissions)
                    add(l.layer, "horizon", p.start, "failover_usd", f.usd)
                }
                add(l.layer, "horizon", p.start, "halted_submissions", o.haltedSubmissions)
                add(l.layer, "horizon", p.start, "data_at_risk_bytes", o.dataAtRiskBytes)
            }
            if let r = l.refusals {
                add(l.layer, "horizon", p.start, "refused_submissions", r.submissions)
                add(l.layer, "horizon", p.start, "refused_usd", r.usd)
            }
            if let h = l.congestedHours { add(l.layer, "horizon", p.start, "congested_hours", h) }
            if let m = l.peakPriceMultiple { add(l.layer, "horizon", p.start, "peak_price_multiple", m) }
            for m in l.months {
                add(l.layer, "month", m.month, "usd", m.usd)
                add(l.layer, "month", m.month, "native_" + l.nativeUnit.lowercased(), m.native)
            }
            for d in l.daily {
                add(l.layer, "day", d.day, "usd", d.usd)
                add(l.layer, "day", d.day, "native_" + l.nativeUnit.lowercased(), d.native)
            }
        }
        for d in p.blobBaseFeeGwei {
            add("blob_base_fee_gwei", "day", d.day, "mean", d.mean)
            add("blob_base_fee_gwei", "day", d.day, "max", d.max)
        }
        return t.render(.csv)
    }

    /// Files for a projection report: Markdown, CSV, JSON and HTML, each atomically.
    public static func write(_ d: ProjectionDocument, to directory: String) throws -> [String] {
        let files = try ReportWriter.render([
            ("report.md", { Array(markdown(d).utf8) }),
            ("report.csv", { Array(csv(d.projection).utf8) }),
            ("report.json", { try JSONOutput.encode(d) }),
            ("report.html", { Array(HTMLReport.render(d).utf8) }),
        ])
        return try ReportWriter.write(files, to: directory)
    }
}
