/// One scenario projected once per rollup stack, each with its own encoding, fixed costs and user-fee
/// mechanism: per stack and layer, whether and when the chain turned unviable and how deep the hole
/// went. What `dacost project --stacks` writes beside each stack's own report.
public struct StackEconomicsReport: Codable, Equatable, Sendable {
    public static let schemaID = "dacost.stack-economics/v1"

    public struct Row: Codable, Equatable, Sendable {
        public var stack: String
        public var layer: String
        public var feeMechanism: String
        public var revenueUSD: Band
        public var costUSD: Band
        public var marginPercent: Band
        public var lowestCumulativePnlUSD: Band
        public var pathsUnviable: Int
        public var timeToUnviableHours: Band?
        enum CodingKeys: String, CodingKey {
            case stack, layer
            case feeMechanism = "fee_mechanism", revenueUSD = "revenue_usd", costUSD = "cost_usd", marginPercent = "margin_percent"
            case lowestCumulativePnlUSD = "lowest_cumulative_pnl_usd", pathsUnviable = "paths_unviable", timeToUnviableHours = "time_to_unviable_hours"
        }
    }

    public var schema = StackEconomicsReport.schemaID
    public var scenario: String
    public var paths: Int
    public var lossThresholdUSD: Double
    public var spikes: [String]
    public var rows: [Row]

    enum CodingKeys: String, CodingKey { case schema, scenario, paths, spikes, rows, lossThresholdUSD = "loss_threshold_usd" }

    /// From each stack's projection, in the order given.
    public init(_ runs: [(stack: String, document: ProjectionDocument)]) {
        scenario = runs.first?.document.scenario.name ?? ""
        paths = runs.first?.document.projection.paths ?? 0
        lossThresholdUSD = runs.first?.document.projection.lossThresholdUSD ?? 0
        spikes = runs.first?.document.projection.spikes ?? []
        rows = runs.flatMap { run in
            run.document.projection.layers.compactMap { l in
                l.economics.map { e in
                    Row(stack: run.stack, layer: l.layer, feeMechanism: e.feeMechanism, revenueUSD: e.revenueUSD, costUSD: e.costUSD,
                        marginPercent: e.marginPercent, lowestCumulativePnlUSD: e.lowestCumulativePnlUSD, pathsUnviable: e.pathsUnviable,
                        timeToUnviableHours: e.timeToUnviableHours)
                }
            }
        }
    }

    public func markdown() -> String {
        var md = "# dacost project --stacks: \(scenario)\n\n"
        md += "The same scenario and trace projected once per rollup stack, each posting its own encoding and charging its users by its own fee mechanism (revenue is a MODEL from each stack's published fee rules). \(paths) Monte Carlo paths; unviable = the cumulative P&L from the start fell past −\(ProjectionRenderer.usd(lossThresholdUSD)), timed from its last peak (how fast the hole opened).\n\n"
        if !spikes.isEmpty { md += "Spikes: " + spikes.joined(separator: "; ") + ".\n\n" }
        var t = TextTable(headers: ["stack", "layer", "fee mechanism", "unviable paths", "hours to unviable P50 [P5 – P95]",
                                    "lowest cumulative P&L P50 [P5 – P95]", "margin P50"])
        for r in rows {
            let hours = r.timeToUnviableHours.map { ProjectionRenderer.band($0, ProjectionRenderer.hours) } ?? "never"
            t.rows.append([r.stack, r.layer, r.feeMechanism, "\(r.pathsUnviable)/\(paths)", hours,
                           ProjectionRenderer.band(r.lowestCumulativePnlUSD, EconomicsRenderer.usd), EconomicsRenderer.percent(r.marginPercent.p50)])
        }
        md += t.render(.markdown)
        md += "\nEach stack's full report (inputs, assumptions, the revenue formula and its parameters) is in its folder: " + Set(rows.map(\.stack)).sorted().map { "`\($0)/report.md`" }.joined(separator: ", ") + ".\n"
        return md
    }

    /// Writes `report.md` and `report.json` into `directory`, each atomically.
    public func write(to directory: String) throws -> [String] {
        try ReportWriter.write([("report.md", Array(markdown().utf8)), ("report.json", try JSONOutput.encode(self))], to: directory)
    }
}
