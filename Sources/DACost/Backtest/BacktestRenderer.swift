/// Renders a backtest: Markdown (summary first, with its chart), CSV, JSON and HTML.
public enum BacktestRenderer {
    static let labels: [String: String] = [
        "inbox_gas": "inbox gas", "inbox_fees_eth": "inbox fees (ETH)", "output_gas": "output-proposal gas",
        "l1_fee_revenue_eth": "users' L1 fee revenue (ETH)", "inbox_bytes": "inbox bytes from L2 activity",
    ]
    /// The targets the issue set, shown beside the errors (median / max |error| in percent).
    static let targets: [String: String] = [
        "inbox_gas": "≤ 0.3 / ≤ 1", "inbox_fees_eth": "≤ 0.3 / ≤ 1", "output_gas": "≤ 2 / -", "l1_fee_revenue_eth": "≤ 2 / -",
        "inbox_bytes": "reported",
    ]

    static func pct(_ v: Double?) -> String { v.map { ($0 >= 0 ? "+" : "") + NumberFormat.fixed($0, 3) + "%" } ?? "-" }

    public static func summaryTable(_ d: BacktestDocument) -> TextTable {
        var t = TextTable(headers: ["quantity", "days", "median |error|", "max |error|", "target (median / max)"])
        for q in Backtest.quantities {
            guard let s = d.summary[q] else { continue }
            t.rows.append([labels[q] ?? q, "\(s.days)", NumberFormat.fixed(s.medianAbsErrorPercent, 3) + "%",
                           NumberFormat.fixed(s.maxAbsErrorPercent, 3) + "%", targets[q] ?? "-"])
        }
        return t
    }

    public static func dayTable(_ d: BacktestDocument) -> TextTable {
        var t = TextTable(headers: ["date", "chain", "inbox gas actual", "error", "inbox ETH actual", "error", "output gas actual", "error",
                                    "L1 fee revenue ETH actual", "error", "inbox bytes actual", "predicted", "error", "margin ETH actual", "predicted"])
        for day in d.days {
            func v(_ q: String) -> Backtest.Comparison? { day.values[q] }
            t.rows.append([day.date, day.chain,
                           NumberFormat.grouped(Int(v("inbox_gas")?.actual ?? 0)), pct(v("inbox_gas")?.errorPercent),
                           NumberFormat.fixed(v("inbox_fees_eth")?.actual ?? 0, 3), pct(v("inbox_fees_eth")?.errorPercent),
                           NumberFormat.grouped(Int(v("output_gas")?.actual ?? 0)), pct(v("output_gas")?.errorPercent),
                           NumberFormat.fixed(v("l1_fee_revenue_eth")?.actual ?? 0, 3), pct(v("l1_fee_revenue_eth")?.errorPercent),
                           NumberFormat.grouped(Int(v("inbox_bytes")?.actual ?? 0)), NumberFormat.grouped(Int((v("inbox_bytes")?.predicted ?? 0).rounded())),
                           pct(v("inbox_bytes")?.errorPercent),
                           NumberFormat.fixed(day.marginETHActual, 3), day.marginETHPredicted.map { NumberFormat.fixed($0, 3) } ?? "-"])
        }
        return t
    }

    public static func whatIfTable(_ w: WhatIf) -> TextTable {
        var t = TextTable(headers: ["layer", "codec", "USD over the days", "vs actual", "native", "L1 ETH (commitments + outputs)", "infeasible days"])
        for l in w.layers {
            t.rows.append([l.layer, l.codec.description, "$" + NumberFormat.significant(l.totalUSD, 5), pct(l.changePercent),
                           NumberFormat.significant(l.totalNative, 4) + " " + l.nativeUnit, NumberFormat.significant(l.l1ETH, 4),
                           l.infeasibleDays == 0 ? "-" : "\(l.infeasibleDays): \(l.infeasibleReason ?? "")"])
        }
        return t
    }

    /// Predicted against actual, per day: the figure the Markdown and the HTML lead with.
    static func chart(_ d: BacktestDocument, _ q: String, title: String, unit: String, scale: Double) -> FanChart {
        let days = d.days.map(\.date)
        func series(_ name: String, _ values: [Double]) -> FanChart.Series { .init(name: name, p5: values, p50: values, p95: values) }
        var chart = FanChart(id: "backtest-\(q)", title: title, yLabel: unit, days: days,
                             series: [series("actual", d.days.map { ($0.values[q]?.actual ?? 0) * scale }),
                                      series("predicted", d.days.map { ($0.values[q]?.predicted ?? 0) * scale })],
                             logScale: false, format: { NumberFormat.significant($0, 3) })
        chart.bandNote = nil
        return chart
    }

    static func charts(_ d: BacktestDocument) -> [FanChart] {
        [chart(d, "inbox_fees_eth", title: "Inbox fees per day: actual and predicted", unit: "ETH", scale: 1),
         chart(d, "l1_fee_revenue_eth", title: "Users' L1 fee revenue per day: actual and predicted", unit: "ETH", scale: 1),
         chart(d, "inbox_bytes", title: "Inbox bytes per day: actual and predicted from L2 activity", unit: "MB", scale: 1e-6)]
    }

    public static func markdown(_ d: BacktestDocument) -> String {
        let first = d.days.first?.date ?? "-", last = d.days.last?.date ?? "-"
        let chains = Set(d.days.map(\.chain)).sorted().joined(separator: ", ")
        var md = "# dacost backtest: \(chains), \(first) to \(last)\n\n"
        md += "The model against what the chain really paid, day by day (\(d.days.count) days of `\(d.source)`, stack `\(d.stack)`). "
        md += "Each prediction uses the rules in force that day and only that day's own activity and prices.\n\n"
        md += "## Summary\n\n" + summaryTable(d).render(.markdown)
        md += "\n![Inbox fees, revenue and inbox bytes per day, actual and predicted](backtest.svg)\n"
        if let w = d.whatIf {
            md += "\n## What if: the same days as `\(w.scenarioFile)` says\n\n"
            md += "These \(w.days) days' L2 data priced on each layer of the scenario at each day's real L1 gas price, with the rules in force on \(w.rulesOf) (calldata \(w.calldataFork), blobs \(w.blobFork)), the scenario's codec, blob fee and token prices (ETH $\(NumberFormat.significant(w.ethUSD))); output proposals as the chain made them. "
            md += "The chain really paid \(NumberFormat.significant(w.actualETH, 5)) ETH ($\(NumberFormat.significant(w.actualUSD, 5))).\n\n"
            md += whatIfTable(w).render(.markdown)
        }
        md += "\n## Day by day\n\n" + dayTable(d).render(.markdown)
        md += "\n## Assumptions\n\n" + d.assumptions.map { "- \($0)\n" }.joined()
        if !d.warnings.isEmpty { md += "\n## Warnings\n\n" + d.warnings.map { "- \($0)\n" }.joined() }
        md += "\n## Provenance\n\ndacost \(d.dacostVersion); data `\(d.source)`; trace `\(d.trace.path)` (\(d.trace.transactions) transactions); codec libraries: "
        md += d.codecLibraries.keys.sorted().map { "\($0) \(d.codecLibraries[$0] ?? "")" }.joined(separator: ", ") + ". Every number is in `backtest.json` (`\(BacktestDocument.schemaID)`).\n"
        return md
    }

    public static func csv(_ d: BacktestDocument) -> String {
        var headers = ["date", "chain", "calldata_fork", "channel_codec"]
        for q in Backtest.quantities { headers += [q + "_actual", q + "_predicted", q + "_error_percent"] }
        headers += ["zero_byte_share", "inbox_txs_predicted", "margin_eth_actual", "margin_eth_predicted"]
        var t = TextTable(headers: headers)
        func g(_ v: Double?) -> String { v.map { $0.isFinite ? String(describing: $0) : "" } ?? "" }
        for day in d.days {
            var row = [day.date, day.chain, day.calldataFork, day.codec.description]
            for q in Backtest.quantities { row += [g(day.values[q]?.actual), g(day.values[q]?.predicted), g(day.values[q]?.errorPercent)] }
            row += [g(day.zeroByteShare), g(day.predictedInboxTxs), g(day.marginETHActual), g(day.marginETHPredicted)]
            t.rows.append(row)
        }
        return t.render(.csv)
    }

    /// The charts alone, for the Markdown to show.
    public static func svg(_ d: BacktestDocument) -> String {
        let parts = charts(d).enumerated().map { i, c in
            Markup.el("g", [("transform", "translate(0,\(i * 400))")], [c.svg()])
        }
        let doc = Markup.el("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("width", "900"), ("height", "\(parts.count * 400)"),
                                    ("viewBox", "0 0 900 \(parts.count * 400)")],
                            [.el("style", [], text: "text { font-family: sans-serif; } " + HTMLReport.chartCSS)] + parts)
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + doc.rendered + "\n"
    }

    public static func html(_ d: BacktestDocument) -> String {
        var body: [Markup] = [
            .el("h1", [], text: "dacost backtest"),
            .el("p", [("class", "lede")], text: "\(d.days.count) days of \(d.source), stack \(d.stack): each day predicted from its own activity and prices under the rules in force that day."),
            HTMLReport.section("Summary", [HTMLReport.table(summaryTable(d))] + charts(d).map { $0.svg() }),
        ]
        if let w = d.whatIf { body.append(HTMLReport.section("What if: \(w.scenarioFile)", [HTMLReport.table(whatIfTable(w))])) }
        body += [HTMLReport.section("Day by day", [HTMLReport.table(dayTable(d))]),
                 HTMLReport.section("Assumptions", [.el("ul", [], d.assumptions.map { .el("li", [], text: $0) })])]
        if !d.warnings.isEmpty { body.append(HTMLReport.section("Warnings", [.el("ul", [("class", "warn")], d.warnings.map { .el("li", [], text: $0) })])) }
        return HTMLReport.page(title: "dacost backtest", body: body)
    }

    /// `backtest.md`, `backtest.svg`, `backtest.csv`, `backtest.json`, `backtest.html`, each atomically.
    public static func write(_ d: BacktestDocument, to directory: String) throws -> [String] {
        try ReportWriter.write([("backtest.md", Array(markdown(d).utf8)), ("backtest.svg", Array(svg(d).utf8)),
                                ("backtest.csv", Array(csv(d).utf8)), ("backtest.json", try JSONOutput.encode(d)),
                                ("backtest.html", Array(html(d).utf8))], to: directory)
    }
}
