/// Renders the `projection` section of a report: the screen table, Markdown and the daily CSV.
public enum ProjectionRenderer {
    static func usd(_ v: Double) -> String { "$" + NumberFormat.significant(v, 4) }
    static func band(_ b: Band) -> String { "\(usd(b.p50)) [\(usd(b.p5)) – \(usd(b.p95))]" }

    public static func summaryTable(_ p: ProjectionSection) -> TextTable {
        var t = TextTable(headers: ["layer", "total USD P50", "P5", "P95", "mean", "native P50", "$/tx P50", "$/tx P95", "backlog", "fallback subs", "loss"])
        for l in p.layers.sorted(by: { ($0.totalUSD.p50, $0.layer) < ($1.totalUSD.p50, $1.layer) }) {
            let backlog = l.maxBacklogBlobs == 0 ? "-" : "\(NumberFormat.grouped(l.maxBacklogBlobs)) blobs, \(NumberFormat.fixed(l.worstLatencySeconds.p95 / 3600, 1)) h" + (l.backlogGrowsFromDay.map { ", grows from day \($0 + 1)" } ?? "")
            let loss = l.pathsWithLoss == 0 ? "-" : "\(l.pathsWithLoss)/\(p.paths) paths" + (l.hoursToLossThreshold.map { ", \(NumberFormat.fixed($0.p50, 1)) h to threshold" } ?? "")
            t.rows.append([l.layer, usd(l.totalUSD.p50), usd(l.totalUSD.p5), usd(l.totalUSD.p95), usd(l.totalUSD.mean),
                           NumberFormat.significant(l.totalNative.p50, 4) + " " + l.nativeUnit, usd(l.costPerTxUSD.p50), usd(l.costPerTxUSD.p95),
                           backlog, NumberFormat.fixed(l.fallbackSubmissionsMean, 1), loss])
        }
        return t
    }

    public static func monthTable(_ p: ProjectionSection) -> TextTable {
        var t = TextTable(headers: ["layer", "month", "days", "USD P5", "P50", "P95", "mean", "native P50"])
        for l in p.layers {
            for m in l.months {
                t.rows.append([l.layer, m.month, "\(m.days)", usd(m.usd.p5), usd(m.usd.p50), usd(m.usd.p95), usd(m.usd.mean),
                               NumberFormat.significant(m.native.p50, 4) + " " + l.nativeUnit])
            }
        }
        return t
    }

    public static func componentTable(_ p: ProjectionSection) -> TextTable {
        var t = TextTable(headers: ["layer"] + CostComponent.allCases.map(\.rawValue) + ["own-demand premium"])
        for l in p.layers {
            t.rows.append([l.layer] + CostComponent.allCases.map { NumberFormat.fixed((l.componentShare[$0.rawValue] ?? 0) * 100, 1) + "%" }
                          + [l.ownDemandBlocksMean > 0 ? "\(NumberFormat.fixed(l.ownDemandPremiumShare * 100, 1))% (\(NumberFormat.grouped(Int(l.ownDemandBlocksMean))) blocks)" : "-"])
        }
        return t
    }

    public static func screen(_ r: Report) -> String {
        guard let p = r.projection else { return "" }
        var out = "dacost project: \(r.scenario.name), \(p.horizonDays) days from \(r.scenario.start), \(p.paths) paths (seed \(p.seed)), "
        out += p.blobMarketSimulated ? "simulated blob market\n\n" : "blob fee from the scenario\n\n"
        out += summaryTable(p).render(.table)
        return out + r.warnings.map { "warning: \($0)\n" }.joined()
    }

    public static func markdown(_ r: Report) -> String {
        guard let p = r.projection else { return "" }
        var md = "# dacost project: \(r.scenario.name)\n\n"
        md += "\(p.horizonDays) days from \(r.scenario.start); \(p.paths) Monte Carlo paths (seed \(p.seed)); market and traffic curves sampled every \(NumberFormat.significant(p.marketStepMinutes)) minutes; "
        md += p.blobMarketSimulated ? "blob base fee simulated block by block (background demand plus the rollup's own blobs).\n\n" : "blob base fee from the scenario's curve.\n\n"
        md += "Mean L2 transactions over the horizon: \(NumberFormat.grouped(Int(p.transactionsMean))).\n\n"
        md += "## Spend over the horizon (USD; P50 [P5 – P95] across paths)\n\n" + summaryTable(p).render(.markdown)
        md += "\n## Per calendar month\n\n" + monthTable(p).render(.markdown)
        md += "\n## Share of spend by component\n\n" + componentTable(p).render(.markdown)
        let backlog = p.layers.filter { $0.maxBacklogBlobs > 0 }
        if !backlog.isEmpty {
            md += "\n## Posting backlog\n\n"
            for l in backlog {
                md += "- \(l.layer): up to \(NumberFormat.grouped(l.maxBacklogBlobs)) blobs (\(NumberFormat.grouped(l.maxBacklogBytes)) bytes) waiting; worst latency P50 \(NumberFormat.fixed(l.worstLatencySeconds.p50 / 3600, 2)) h, P95 \(NumberFormat.fixed(l.worstLatencySeconds.p95 / 3600, 2)) h"
                md += l.backlogGrowsFromDay.map { "; the backlog grows without bound from day \($0 + 1): blocks cannot carry the rollup's blobs" } ?? ""
                md += l.fallbackSubmissionsMean > 0 ? "; fallback to calldata: \(NumberFormat.fixed(l.fallbackSubmissionsMean, 1)) submissions costing \(usd(l.fallbackUSDMean)) (mean)" : ""
                md += ".\n"
            }
        }
        md += "\n## Daily spend (P50 per layer)\n\n"
        var t = TextTable(headers: ["day"] + p.layers.map(\.layer) + (p.blobMarketSimulated ? ["blob base fee P50 (gwei)"] : []))
        for (d, day) in (p.layers.first?.daily ?? []).enumerated() {
            t.rows.append([day.day] + p.layers.map { usd($0.daily[d].usd.p50) } + (p.blobMarketSimulated ? [NumberFormat.significant(p.blobBaseFeeGwei[d].usd.p50, 4)] : []))
        }
        md += t.render(.markdown)
        md += "\n## Assumptions\n\n" + r.assumptions.map { "- \($0)\n" }.joined()
        if !r.warnings.isEmpty { md += "\n## Warnings\n\n" + r.warnings.map { "- \($0)\n" }.joined() }
        md += "\n## Provenance\n\ndacost \(r.dacostVersion); scenario `\(r.scenarioFile)`; trace sha256 `\(r.trace.sha256)`; codec libraries: "
        md += r.codecLibraries.keys.sorted().map { "\($0) \(r.codecLibraries[$0] ?? "")" }.joined(separator: ", ") + ". The full scenario is in `report.json`.\n"
        return md
    }

    /// The daily series: one line per layer and day.
    public static func dailyCSV(_ p: ProjectionSection) -> String {
        var t = TextTable(headers: ["layer", "day", "usd_p5", "usd_p50", "usd_p95", "usd_mean"])
        for l in p.layers {
            for d in l.daily { t.rows.append([l.layer, d.day, "\(d.usd.p5)", "\(d.usd.p50)", "\(d.usd.p95)", "\(d.usd.mean)"]) }
        }
        for d in p.blobBaseFeeGwei where p.blobMarketSimulated {
            t.rows.append(["blob_base_fee_gwei", d.day, "\(d.usd.p5)", "\(d.usd.p50)", "\(d.usd.p95)", "\(d.usd.mean)"])
        }
        return t.render(.csv)
    }

    /// Files for a projection report: Markdown, the daily CSV, JSON and HTML, each atomically.
    public static func write(_ r: Report, to directory: String) throws -> [String] {
        guard let p = r.projection else { return [] }
        let files: [(String, [UInt8])] = [
            ("report.md", Array(markdown(r).utf8)),
            ("report.csv", Array(dailyCSV(p).utf8)),
            ("report.json", try JSONOutput.encode(r)),
            ("report.html", Array(HTMLReport.render(r).utf8)),
        ]
        return try ReportWriter.write(files, to: directory)
    }
}
