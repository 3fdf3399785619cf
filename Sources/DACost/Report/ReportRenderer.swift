import Foundation

/// Renders a `Report` as a screen table, Markdown, CSV or JSON. Formatting only.
public enum ReportRenderer {
    static func usd(_ v: Double) -> String { "$" + NumberFormat.significant(v, 4) }

    /// The winner: the first row, when the layer can carry the load.
    public static func isWinner(_ row: ComparisonRow, in r: Report) -> Bool {
        row.feasible && r.rows.first.map { $0.layer == row.layer && $0.codec == row.codec } == true
    }

    /// `layer / codec`, marked when the layer cannot carry the load.
    static func rowLabel(_ row: ComparisonRow) -> String {
        "\(row.layer) / \(row.codec)" + (row.feasible ? "" : " (infeasible)")
    }

    /// What a row costs over 30 days in its own unit, with the ETH an alt-DA layer also pays on L1.
    static func native30Days(_ row: ComparisonRow) -> String {
        var s = NumberFormat.significant(row.costPer30DaysNative, 4) + " " + row.nativeUnit
        if row.l1ETHPer30Days > 0 { s += " + " + NumberFormat.significant(row.l1ETHPer30Days, 4) + " ETH" }
        return s
    }

    public static func summaryTable(_ r: Report) -> TextTable {
        var t = TextTable(headers: ["", "layer", "codec", "$/tx", "$/MB (uncompressed L2)", "$/day", "$/30 days", "native/30 days", "subs/day", "fill",
                                    "closed", "feasible"])
        for (i, row) in r.rows.enumerated() {
            t.rows.append([isWinner(row, in: r) ? "★" : "\(i + 1)", row.layer, row.codec.description, usd(row.costPerTxUSD), usd(row.costPerMBUSD),
                           usd(row.costPerDayUSD), usd(row.costPer30DaysUSD), native30Days(row),
                           NumberFormat.fixed(row.submissionsPerDay, 1), NumberFormat.fixed(row.fill * 100, 1) + "%", row.closedBy,
                           row.feasible ? "yes" : "no: " + (row.feasibility.reason ?? "over capacity")])
        }
        return t
    }

    public static func screen(_ r: Report) -> String {
        var out = "dacost compare: \(r.scenario.name), \(NumberFormat.significant(r.scenario.traffic.tps)) TPS, trace \(r.trace.transactions) txs (\(NumberFormat.fixed(r.trace.bytesPerTx, 1)) B/tx), ETH $\(NumberFormat.significant(r.market.usd["ETH"] ?? 0)), L1 base fee \(gwei(r.market.l1BaseFeeWei)) gwei, blob base fee \(gwei(r.market.blobBaseFeeWei)) gwei\n\n"
        out += summaryTable(r).render(.table)
        if let f = r.opFee {
            out += "\nOP fee check (\(f.postingLayer), \(f.postingCodec)): users pay \(usd(f.chargedPerTxUSD))/tx, posting costs \(usd(f.postingCostPerTxUSD))/tx, margin \(NumberFormat.fixed(f.marginPercent, 1))%; break-even blob scalar \(OPFeeCheck.describeBreakEven(f.breakEvenBlobBaseFeeScalar, other: "base-fee")) (base-fee scalar kept at \(f.baseFeeScalar))\n"
            if let why = f.postingInfeasibleReason { out += "  but \(f.postingLayer) cannot carry this traffic: \(why)\n" }
        }
        for w in r.warnings { out += "warning: \(w)\n" }
        return out
    }

    static func gwei(_ wei: String) -> String { NumberFormat.significant((Double(wei) ?? 0) / 1e9, 4) }

    public static func markdown(_ r: Report) -> String {
        var md = "# dacost compare: \(r.scenario.name)\n\n"
        md += "\(NumberFormat.significant(r.scenario.traffic.tps)) TPS of the trace's transactions (\(r.trace.transactions) txs, \(NumberFormat.fixed(r.trace.bytesPerTx, 1)) bytes each); "
        md += "L1 base fee \(gwei(r.market.l1BaseFeeWei)) gwei + tip \(gwei(r.market.l1PriorityFeeWei)) gwei, blob base fee \(gwei(r.market.blobBaseFeeWei)) gwei (\(r.market.blobFeeSource)); "
        md += "blob schedule \(r.market.blobFork) (target \(r.market.blobTarget), max \(r.market.blobMax)); "
        if let c = r.market.calldataFork, let p = r.market.calldataPricing { md += "calldata rules \(c) (\(p.summary)); " }
        md += r.market.usd.keys.sorted().map { "\($0) $\(NumberFormat.significant(r.market.usd[$0] ?? 0))" }.joined(separator: ", ") + ".\n\n"
        md += "## Cost by layer and codec (feasible rows first, cheapest first; ★ = winner)\n\n"
        md += "$/MB is per MB (10^6 bytes) of uncompressed L2 data. A row is infeasible when its layer cannot carry the posting rate (blobs per block, the share of the L1 block gas limit, a layer's throughput): it can never be the winner.\n\n"
        md += summaryTable(r).render(.markdown)
        md += "\n## Submissions\n\n" + submissionsTable(r).render(.markdown)
        md += "\n## Spend per day by component (USD)\n\n" + componentsTable(r).render(.markdown)
        md += "\n## Trust model\n\n" + trustTable(r).render(.markdown)
        if let f = r.opFee { md += "\n## OP Fjord fee check\n\n" + opFeeSentence(f) + "\n" }
        if !r.seedCheck.isEmpty {
            md += "\n## Seed check: L1 data gas per transaction\n\n" + seedCheckMarkdown(r)
        }
        md += "\n## Assumptions\n\n" + r.assumptions.map { "- \($0)\n" }.joined()
        if !r.warnings.isEmpty { md += "\n## Warnings\n\n" + r.warnings.map { "- \($0)\n" }.joined() }
        md += "\n## Provenance\n\n"
        md += "dacost \(r.dacostVersion); scenario `\(r.scenarioFile)`; trace `\((r.trace.path as NSString).lastPathComponent)` sha256 `\(r.trace.sha256)`; "
        md += "codec libraries: " + r.codecLibraries.keys.sorted().map { "\($0) \(r.codecLibraries[$0] ?? "")" }.joined(separator: ", ") + ". "
        md += "The full resolved scenario is in `report.json`.\n"
        return md
    }

    public static func submissionsTable(_ r: Report) -> TextTable {
        var s = TextTable(headers: ["layer", "codec", "batch (uncompressed)", "ratio", "payload/submission", "L2 txs/submission", "layer units/submission", "$/submission", "native/submission"])
        for row in r.rows {
            s.rows.append([row.layer, row.codec.description, NumberFormat.grouped(Int(row.batchBytes)), NumberFormat.fixed(row.ratio, 4),
                           NumberFormat.grouped(row.payloadBytesPerSubmission), NumberFormat.fixed(row.transactionsPerSubmission, 1),
                           row.units.keys.sorted().map { "\($0.replacingOccurrences(of: "_", with: " ")) \(NumberFormat.grouped(row.units[$0] ?? 0))" }.joined(separator: ", "),
                           usd(row.costPerSubmissionUSD), NumberFormat.significant(row.costPerSubmissionNative, 4) + " " + row.nativeUnit])
        }
        return s
    }

    public static func componentsTable(_ r: Report) -> TextTable {
        var c = TextTable(headers: ["layer", "codec"] + CostComponent.allCases.map(\.rawValue))
        for row in r.rows {
            c.rows.append([row.layer, row.codec.description] + CostComponent.allCases.map { usd(row.componentsPerDayUSD[$0.rawValue] ?? 0) })
        }
        return c
    }

    public static func trustTable(_ r: Report) -> TextTable {
        var t = TextTable(headers: ["layer", "who guarantees the data", "what a user gives up vs Ethereum"], alignments: [.left, .left, .left])
        for row in r.trust { t.rows.append([row.layer, row.guarantor, row.tradeOff]) }
        return t
    }

    public static func opFeeSentence(_ f: OPFeeCheck) -> String {
        var s = "With base-fee scalar \(f.baseFeeScalar) and blob base-fee scalar \(f.blobBaseFeeScalar), the Fjord L1 fee charges a mean \(usd(f.chargedPerTxUSD)) per transaction "
        s += "(mean FastLZ size \(NumberFormat.fixed(f.meanFastlzBytes, 1)) bytes, estimated size \(NumberFormat.fixed(f.meanEstimatedSize, 1)) bytes); "
        s += "posting the same transactions on \(f.postingLayer) with \(f.postingCodec) costs \(usd(f.postingCostPerTxUSD)) per transaction. "
        s += "Margin: \(usd(f.marginPerTxUSD)) per transaction (\(NumberFormat.fixed(f.marginPercent, 1))%). "
        s += "Break-even: blob base-fee scalar \(OPFeeCheck.describeBreakEven(f.breakEvenBlobBaseFeeScalar, other: "base-fee")) with the base-fee scalar kept, or base-fee scalar \(OPFeeCheck.describeBreakEven(f.breakEvenBaseFeeScalar, other: "blob base-fee")) with the blob scalar kept."
        if let why = f.postingInfeasibleReason {
            s += " The posting layer \(f.postingLayer) cannot carry this traffic (\(why)): the chain could not post at this cost."
        }
        return s
    }

    public static func seedTable(_ r: Report) -> TextTable {
        var t = TextTable(headers: ["codec", "B/tx", "compressed B/tx", "calldata gas/tx (EIP-7623)", "calldata gas/tx (16/B, pre-Pectra)", "blob gas/tx", "blob tx exec gas/tx"])
        for s in r.seedCheck {
            t.rows.append([s.codec.description, NumberFormat.fixed(s.bytesPerTx, 1), NumberFormat.fixed(s.compressedBytesPerTx, 1),
                           NumberFormat.grouped(Int(s.calldataGasPerTx.rounded())), NumberFormat.grouped(Int(s.calldataGasPerTxEIP2028.rounded())),
                           NumberFormat.grouped(Int(s.blobGasPerTx.rounded())), NumberFormat.fixed(s.blobExecutionGasPerTx, 1)])
        }
        return t
    }

    public static func seedCheckMarkdown(_ r: Report) -> String {
        var md = seedTable(r).render(.markdown)
        md += "\nPublished: " + SeedCheck.published.map { "\($0.0) ~\(NumberFormat.grouped(Int($0.1))) gas per tx (\($0.2))" }.joined(separator: "; ") + ".\n"
        return md
    }

    public static func csv(_ r: Report) -> String {
        var t = TextTable(headers: ["rank", "layer", "layer_kind", "codec", "batch_uncompressed_bytes", "closed_by", "ratio", "submissions_per_day",
                                    "payload_bytes_per_submission", "l2_transactions_per_submission", "fill", "native_unit",
                                    "cost_per_submission_native", "cost_per_submission_usd", "cost_per_tx_usd", "cost_per_mb_usd",
                                    "cost_per_day_native", "cost_per_day_usd", "cost_per_30_days_native", "cost_per_30_days_usd",
                                    "fixed_l1_overhead_per_day_usd", "ratio_extrapolated", "l1_eth_per_30_days", "feasible", "infeasible_reason"])
        func g(_ v: Double) -> String { v.isFinite ? String(describing: v) : "" }
        for (i, row) in r.rows.enumerated() {
            t.rows.append(["\(i + 1)", row.layer, row.layerKind.rawValue, row.codec.description, g(row.batchBytes), row.closedBy, g(row.ratio),
                           g(row.submissionsPerDay), "\(row.payloadBytesPerSubmission)", g(row.transactionsPerSubmission), g(row.fill),
                           row.nativeUnit, g(row.costPerSubmissionNative), g(row.costPerSubmissionUSD), g(row.costPerTxUSD), g(row.costPerMBUSD),
                           g(row.costPerDayNative), g(row.costPerDayUSD), g(row.costPer30DaysNative), g(row.costPer30DaysUSD),
                           g(row.fixedL1OverheadPerDayUSD), row.ratioExtrapolated ? "true" : "false", g(row.l1ETHPer30Days),
                           row.feasible ? "true" : "false", row.feasibility.reason ?? ""])
        }
        return t.render(.csv)
    }
}
