/// `report.html`: one self-contained file (inline CSS and SVG, no scripts, nothing fetched), readable
/// offline and printable, built from the same `Report` as the other formats.
public enum HTMLReport {
    /// The charts' own style, also used by a chart written as a file of its own.
    static let chartCSS = """
    svg .title { font-size: 15px; font-weight: 600; fill: #1a1a1a; } \
    svg .tick, svg .value { font-size: 11px; fill: #333333; } svg .label { font-size: 12px; fill: #1a1a1a; } \
    svg .grid { stroke: #e3e3e3; stroke-width: 1; } svg .axis { stroke: #555555; stroke-width: 1.2; }
    """

    static let css = """
    :root { color-scheme: light; }
    body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; margin: 0; color: #1a1a1a; background: #ffffff; }
    main { max-width: 980px; margin: 0 auto; padding: 24px; }
    h1 { font-size: 26px; margin: 0 0 8px; } h2 { font-size: 19px; margin: 28px 0 10px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
    p, li { line-height: 1.45; font-size: 14px; }
    table { border-collapse: collapse; font-size: 12.5px; margin: 8px 0; display: block; overflow-x: auto; max-width: 100%; }
    th, td { border: 1px solid #d0d0d0; padding: 3px 6px; } th { background: #f2f2f2; text-align: left; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    table.wrap { display: table; table-layout: auto; width: 100%; } table.wrap td, table.wrap th { white-space: normal; overflow-wrap: break-word; }
    tr.winner td { font-weight: 600; background: #fff8e1; }
    pre { background: #f6f6f6; padding: 10px; font-size: 11.5px; overflow-x: auto; }
    svg.chart { max-width: 100%; height: auto; display: block; margin: 6px 0 14px; }
    \(chartCSS)
    .lede { font-size: 15px; } .warn { color: #8a4b00; }
    @media print { table { display: table; font-size: 9px; } main { max-width: none; padding: 0; } section { break-inside: avoid; } h2 { break-after: avoid; } }
    """

    /// `wrap`: cells wrap inside the page's width instead of the table scrolling sideways.
    static func table(_ t: TextTable, winnerFirstRow: Bool = false, wrap: Bool = false) -> Markup {
        let head = Markup.el("thead", [], [.el("tr", [], t.headers.map { .el("th", [], text: $0) })])
        let body = t.rows.enumerated().map { (i, row) -> Markup in
            .el("tr", winnerFirstRow && i == 0 ? [("class", "winner")] : [],
                row.enumerated().map { (j, cell) in .el("td", j < t.alignments.count && t.alignments[j] == .right ? [("class", "num")] : [], text: cell) })
        }
        return .el("table", wrap ? [("class", "wrap")] : [], [head, .el("tbody", [], body)])
    }

    static func section(_ title: String, _ children: [Markup]) -> Markup { .el("section", [], [.el("h2", [], text: title)] + children) }

    public static func render(_ r: Report) -> String {
        let layers = r.scenario.layers.map(\.name)
        func series(_ layer: String) -> Int { layers.firstIndex(of: layer) ?? 0 }
        let usd: (Double) -> String = { "$" + NumberFormat.significant($0, 3) }
        let perTx = BarChart(id: "cost-per-tx", title: "Cost per transaction by layer and codec (cheapest first)", axisLabel: "USD per L2 transaction",
                             bars: r.rows.map { row in .init(label: ReportRenderer.rowLabel(row), value: row.costPerTxUSD, series: series(row.layer),
                                                             star: ReportRenderer.isWinner(row, in: r)) },
                             seriesNames: layers, format: usd)
        let byMB = r.rows.sorted { ($0.costPerMBUSD, $0.layer, $0.codec.description) < ($1.costPerMBUSD, $1.layer, $1.codec.description) }
        let perMB = BarChart(id: "cost-per-mb", title: "Cost per MB of uncompressed L2 data", axisLabel: "USD per MB (10^6 bytes)",
                             bars: byMB.map { row in .init(label: ReportRenderer.rowLabel(row), value: row.costPerMBUSD, series: series(row.layer),
                                                          star: ReportRenderer.isWinner(row, in: r)) },
                             seriesNames: layers, format: usd)
        let ratio = LineChart(id: "ratio-vs-batch", title: "Compression ratio vs batch size (compressed / original, lower is better)",
                              xLabel: "batch size, uncompressed bytes (log scale)", yLabel: "ratio",
                              series: r.ratioCurves.filter { $0.codec != .none }.map { .init(name: $0.codec.description, points: $0.points.map { ($0.batchBytes, $0.ratio) }) },
                              formatX: { v in v >= 1e6 ? NumberFormat.significant(v / 1e6, 3) + " MB" : NumberFormat.significant(v / 1e3, 3) + " kB" },
                              formatY: { NumberFormat.fixed($0, 2) })
        let gwei = { (w: String) in NumberFormat.significant((Double(w) ?? 0) / 1e9, 4) }
        var body: [Markup] = [
            .el("h1", [], text: "dacost compare: \(r.scenario.name)"),
            .el("p", [("class", "lede")], text: "\(NumberFormat.significant(r.scenario.traffic.tps)) TPS of the trace's transactions (\(r.trace.transactions) txs, \(NumberFormat.fixed(r.trace.bytesPerTx, 1)) bytes each). L1 base fee \(gwei(r.market.l1BaseFeeWei)) gwei + tip \(gwei(r.market.l1PriorityFeeWei)) gwei; blob base fee \(gwei(r.market.blobBaseFeeWei)) gwei (\(r.market.blobFeeSource)); blob schedule \(r.market.blobFork) (target \(r.market.blobTarget), max \(r.market.blobMax)). Cheapest that can carry the load: \(r.rows.first(where: \.feasible).map { "\($0.layer) with \($0.codec), \(usd($0.costPerTxUSD)) per transaction, \(usd($0.costPer30DaysUSD)) per 30 days" } ?? "none")."),
            section("Cost per transaction", [perTx.svg()]),
            section("Cost per MB", [perMB.svg()]),
            section("Compression by batch size", [ratio.svg(),
                .el("p", [], text: "Measured on the trace at each batch size (none, at 1.0, left out); pricing interpolates between the points in log(batch size).")]),
            section("Cost by layer and codec", [table(ReportRenderer.summaryTable(r), winnerFirstRow: r.rows.first?.feasible ?? false)]),
            section("Submissions", [table(ReportRenderer.submissionsTable(r), wrap: true)]),
            section("Spend per day by component (USD)", [table(ReportRenderer.componentsTable(r))]),
            section("Trust model", [table(ReportRenderer.trustTable(r))]),
        ]
        if let f = r.opFee {
            body.append(section("OP Fjord fee check", [.el("p", [], text: ReportRenderer.opFeeSentence(f))]))
        }
        if !r.seedCheck.isEmpty {
            body.append(section("Seed check: L1 data gas per transaction", [table(ReportRenderer.seedTable(r)),
                .el("p", [], text: "Published: " + SeedCheck.published.map { "\($0.0) ~\(NumberFormat.grouped(Int($0.1))) gas per transaction (\($0.2))" }.joined(separator: "; ") + ".")]))
        }
        body.append(section("Assumptions", [.el("ul", [], r.assumptions.map { .el("li", [], text: $0) })]))
        if !r.warnings.isEmpty { body.append(section("Warnings", [.el("ul", [("class", "warn")], r.warnings.map { .el("li", [], text: $0) })])) }
        let scenarioJSON = (try? JSONOutput.string(r.scenario)) ?? ""
        body.append(section("Scenario", [.el("p", [], text: "From \(r.scenarioFile), every default resolved:"), .el("pre", [], text: scenarioJSON)]))
        body.append(section("Provenance", [.el("p", [], text: "dacost \(r.dacostVersion); trace \(r.trace.path), sha256 \(r.trace.sha256), \(NumberFormat.grouped(r.trace.bytes)) bytes; codec libraries: " + r.codecLibraries.keys.sorted().map { "\($0) \(r.codecLibraries[$0] ?? "")" }.joined(separator: ", ") + ".")]))
        return page(title: "dacost compare: \(r.scenario.name)", body: body)
    }

    static func page(title: String, body: [Markup]) -> String {
        let page = Markup.el("html", [("lang", "en")], [
            .el("head", [], [.el("meta", [("charset", "utf-8")]), .el("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]),
                             .el("title", [], text: title), .el("style", [], text: css)]),
            .el("body", [], [.el("main", [], body)]),
        ])
        // CSS text is escaped like any text; '>' and '"' do not occur in it, so it stays valid CSS.
        return "<!DOCTYPE html>\n" + page.rendered + "\n"
    }

    /// A projection's page: the same numbers as its Markdown, with fan charts of the daily bands.
    public static func render(_ d: ProjectionDocument) -> String {
        let p = d.projection
        let usd: (Double) -> String = { "$" + NumberFormat.significant($0, 3) }
        let days = p.blobBaseFeeGwei.map(\.day)
        let layers = ProjectionRenderer.ordered(p)
        let fan = FanChart(id: "daily-spend", title: "Daily posting spend per layer across \(p.paths) paths", yLabel: "USD per day",
                           days: days, series: layers.map { l in
                               .init(name: l.layer, p5: l.daily.map(\.usd.p5), p50: l.daily.map(\.usd.p50), p95: l.daily.map(\.usd.p95)) },
                           logScale: true, format: usd)
        var body: [Markup] = [
            .el("h1", [], text: "dacost project: \(d.scenario.name)"),
            .el("p", [("class", "lede")], text: ProjectionRenderer.lede(d)),
            section("Summary", [.el("ul", [], ProjectionSummary.lines(p).map { .el("li", [], text: $0.replacingOccurrences(of: "**", with: "")) })]),
            section("Inputs", [table(ProjectionRenderer.inputTable(p))] + (p.spikes.isEmpty ? [] : [.el("p", [], text: "Spikes: " + p.spikes.joined(separator: "; ") + ".")])),
            section("Spend over the horizon", [table(ProjectionRenderer.summaryTable(p), wrap: true)]
                    + (ProjectionRenderer.lossLegend(p).map { [.el("p", [], text: $0)] } ?? []) + [fan.svg()]),
        ]
        let blob = FanChart(id: "blob-fee", title: "Blob base fee, mean of each day", yLabel: "gwei per blob gas", days: days,
                            series: [.init(name: "day mean", p5: p.blobBaseFeeGwei.map(\.mean.p5), p50: p.blobBaseFeeGwei.map(\.mean.p50),
                                           p95: p.blobBaseFeeGwei.map(\.mean.p95))],
                            logScale: true, format: { NumberFormat.significant($0, 2) })
        if let t = EconomicsRenderer.table(p) {
            let pnl = FanChart(id: "cumulative-pnl", title: "Cumulative P&L per layer (revenue − posting and fixed L1 costs) across \(p.paths) paths",
                               yLabel: "USD", days: days, series: layers.compactMap { l in
                                   l.economics.map { e in .init(name: l.layer, p5: e.cumulativePnlUSD.map(\.usd.p5), p50: e.cumulativePnlUSD.map(\.usd.p50),
                                                                p95: e.cumulativePnlUSD.map(\.usd.p95)) } },
                               logScale: false, format: usd)
            let notes = EconomicsRenderer.notes(p)
            body.append(section("Revenue and margin", (p.feeMechanism.map { [.el("p", [], text: "Users pay for L1 data by: " + $0)] } ?? [])
                                + [table(t, wrap: true)] + (notes.isEmpty ? [] : [.el("ul", [], notes.map { .el("li", [], text: $0) })]) + [pnl.svg()]))
        }
        if let t = CostSecurity.table(p) {
            let points = CostSecurity.points(p), onFrontier = Set(CostSecurity.frontier(points))
            let scatter = ScatterChart(id: "cost-security", title: "Cost per 30 days (P50) against the stake behind each layer",
                                       xLabel: "stake behind the layer's guarantee (USD; layers without a stated stake left out)",
                                       yLabel: "USD per 30 days", points: points.compactMap { pt in
                                           pt.stakeUSD.map { .init(name: pt.layer + (pt.feasible ? "" : " (infeasible)"), x: $0, y: pt.costPer30DaysUSD,
                                                                   onFrontier: onFrontier.contains(pt.layer)) } },
                                       format: { "$" + NumberFormat.shortScale($0) })
            body.append(section("Cost and security", [table(t, wrap: true), scatter.svg()]))
        }
        if let t = ProjectionRenderer.outageTable(p) { body.append(section("Outages and failover", [table(t)])) }
        body += [section("Blob market", [blob.svg()]),
                 section("Per calendar month", [table(ProjectionRenderer.monthTable(p))]),
                 section("Share of spend by component", [table(ProjectionRenderer.componentTable(p))]),
                 section("Assumptions", [.el("ul", [], d.assumptions.map { .el("li", [], text: $0) })])]
        if !d.warnings.isEmpty { body.append(section("Warnings", [.el("ul", [("class", "warn")], d.warnings.map { .el("li", [], text: $0) })])) }
        let scenarioJSON = (try? JSONOutput.string(d.scenario)) ?? ""
        body.append(section("Scenario", [.el("p", [], text: "From \(d.scenarioFile), every default resolved:"), .el("pre", [], text: scenarioJSON)]))
        body.append(section("Provenance", [.el("p", [], text: "dacost \(d.dacostVersion); trace \(d.trace.path), sha256 \(d.trace.sha256); codec libraries: " + d.codecLibraries.keys.sorted().map { "\($0) \(d.codecLibraries[$0] ?? "")" }.joined(separator: ", ") + ".")]))
        return page(title: "dacost project: \(d.scenario.name)", body: body)
    }
}
