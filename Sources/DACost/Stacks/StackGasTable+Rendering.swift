/// The stack table as Markdown (leading with the table the README shows) and JSON, written as a set.
extension StackGasTable {
    /// The table the README splices in.
    public func table() -> TextTable {
        func g(_ v: Double?) -> String { v.map { NumberFormat.grouped(Int($0.rounded())) } ?? "–" }
        func b(_ v: Double?) -> String { v.map { NumberFormat.fixed($0, 1) } ?? "–" }
        return TextTable(
            headers: ["stack", "posted as", "B/tx", "compressed B/tx", "calldata gas/tx, EIP-2028 (data + 21,000 a batch)", "fixed gas/tx",
                      "total, report's era", "calldata gas/tx, EIP-7623 (today)", "blob gas/tx", "blob fixed gas/tx", "published"],
            rows: rows.map { r in
                [r.title, r.encoding.map { "\($0), \(r.codec ?? "")" } ?? "state diffs (not built)", b(r.bytesPerTx), b(r.compressedBytesPerTx),
                 g(r.calldataDataGasEIP2028), g(r.calldataFixedGas), g(r.calldataTotalEIP2028), g(r.calldataDataGasToday),
                 g(r.blobGas), g(r.blobFixedGas), "~" + NumberFormat.grouped(Int(r.published))]
            })
    }

    public func markdown() -> String {
        var out = "# dacost stacks: L1 gas per L2 transaction, by stack\n\n"
        out += "The field report's table (\"Running Rollups in Production: What Breaks\": L1 DA gas per transaction of ~2,100 for the OP Stack, ~2,800 Arbitrum, ~3,500 zkSync, ~3,200 Polygon CDK) against the same \(transactions) transactions of \(trace), encoded and compressed as each stack posts them. "
        out += "Gas figures are a model on one trace, not measurements of each chain; the OP data part is held against OP Mainnet's real 2023 posting by `dacost backtest` (inbox gas within 0.1%, `reports/backtest/`).\n\n"
        out += "## Table\n\n" + table().render(.markdown) + "\n"
        out += "## Why they differ\n\n"
        for r in rows { out += "- **\(r.title)**: \(r.why) Fixed costs: \(r.fixedCosts).\n" }
        out += "\n## Assumptions\n\n"
        for a in assumptions { out += "- \(a)\n" }
        return out
    }

    /// Writes `stacks.md` and `stacks.json` into `directory` as one set; returns their paths.
    public func write(to directory: String) throws -> [String] {
        try ReportWriter.write([("stacks.md", Array(markdown().utf8)), ("stacks.json", try JSONOutput.encode(self))], to: directory)
    }
}
