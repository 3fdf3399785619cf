/// Everything `dacost project` found, in one value that every format renders: `report.json` is this value
/// (schema `dacost.projection/v1`), and `report.md`, `report.csv` and `report.html` show its numbers.
public struct ProjectionDocument: Codable, Equatable, Sendable {
    public static let schemaID = "dacost.projection/v1"

    public var schema = ProjectionDocument.schemaID
    public var dacostVersion: String
    public var scenarioFile: String
    /// The scenario in full, every default resolved.
    public var scenario: Scenario
    public var trace: Report.TraceSummary
    public var codecLibraries: [String: String]
    public var projection: ProjectionSection
    /// What the numbers rest on, and what to watch: each true of a projection (no steady-state sentences).
    public var assumptions: [String]
    public var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case schema, scenario, trace, projection, assumptions, warnings
        case dacostVersion = "dacost_version", scenarioFile = "scenario_file", codecLibraries = "codec_libraries"
    }
}

/// Builds a `dacost project` report.
public enum ProjectionReport {
    public static func build(scenario: Scenario, scenarioFile: String, profile: CompressionProfile, run: ProjectionRun) throws -> ProjectionDocument {
        var projection = try run.run(scenario: scenario, profile: profile)
        // Capacity at the curves' start values, judged as `compare` judges it, for each layer's batcher codec.
        var atStart = scenario
        atStart.codecs = [scenario.batcher.codec]
        let startRows = ComparisonReport.build(scenario: atStart, scenarioFile: scenarioFile, profile: profile).rows
        for i in projection.layers.indices {
            if let row = startRows.first(where: { $0.layer == projection.layers[i].layer }), !row.feasible {
                projection.layers[i].feasible = false
                projection.layers[i].infeasibleReason = row.feasibility.reason
            }
        }
        let p = projection
        var assumptions = [
            "Projection: \(p.paths) Monte Carlo paths (seed \(p.seed)); each market input and the traffic follows its curve (listed under Inputs), sampled every \(NumberFormat.compact(p.marketStepMinutes)) minutes; channels close on that grid when full or after \(NumberFormat.compact(scenario.batcher.maxChannelDurationMinutes)) minutes.",
            "Each layer posts with the batcher codec (\(scenario.batcher.codec)); the channel open at the horizon's end is posted and counted.",
            "Compression ratios are measured on the trace (\(profile.trace.transactions) transactions) at a doubling grid of batch sizes and interpolated in log(batch size); the traffic is the trace's transactions at the curve's TPS.",
            BatchEncoding.assumption(forProfileEncoding: profile.encoding),
        ]
        assumptions.append("Ethereum rules over the horizon, each step by the fork in force at its time: " + p.rules.joined(separator: "; ") + ".")
        assumptions += p.inputs.map { "\($0.input): \($0.curve)." }
        if !p.spikes.isEmpty { assumptions.append("Spikes applied: " + p.spikes.joined(separator: "; ") + ".") }
        if p.blobMarketSimulated {
            assumptions.append("Blob market: per 12-second block, background blobs are included first, the rollup's blobs fill what is left up to the fork's maximum, and the rest waits; the fee follows the exact excess rules of the fork in force with a floating-point exponential. The daily blob fee is the mean and the maximum over the day's blocks.")
        } else {
            assumptions.append("Blob base fee: from its curve (or the EIP-7918 reserve of the L1 base fee); the daily figure is the mean and the maximum over the day's market steps.")
        }
        assumptions.append("Capacity: blobs that blocks cannot carry wait in a backlog (simulated blob market only); what an alt-DA layer's throughput cannot carry waits in a backlog too, step by step at the throughput in force on each date (\(ComparisonReport.throughputs(scenario))), and is charged when submitted; calldata is not capacity-limited through time here (`dacost compare` marks infeasible rows at the start's values).")
        if scenario.layers.contains(where: { $0.backgroundBytesPerSecond != nil }) {
            assumptions.append("Others' demand on alt-DA layers (background_bytes_per_second, listed under Inputs): on Celestia the rollup outbids it in the gas-price auction, paying the minimum while everything fits in the square and above it otherwise (others' bids at or above the minimum, log-half-normal with σ = background_price_spread, default \(NumberFormat.compact(CelestiaPricing.defaultBidSpread)) (?), a model); on EigenDA it uses up the on-demand global bucket first and the rollup's refused traffic waits, or goes to Ethereum at that layer's price with on_refusal; on Avail it takes its share of the matrix unless the rollup's tip_avail beats others' background_tip_avail (then it goes first, as the pool orders by tip; both default 0 (?), no tip data found), and the fee multiplier, which moves at most ~0.22% a day, is held.")
        }
        if let outages = scenario.projection.outages {
            assumptions.append("Outages: " + outages.map(\.summary).joined(separator: "; ") + ". A market step counts as down when any part of it is; a failover posts the same payload to Ethereum at that layer's price (blob fee from its curve or the EIP-7918 reserve, not the simulated market); with wait the submissions are charged when made and held until the layer is back, then drain at its throughput; with halt they are never made. Random outages are a seeded Poisson process with log-normal durations, a model with stated values, not a measured failure rate.")
        }
        assumptions += ComparisonReport.layerAssumptions(scenario)
        if let m = p.feeMechanism, !m.hasPrefix("a fixed") {
            assumptions.append("Revenue (a MODEL of what users pay, from the stack's published fee rules and the trace's mean transaction; not checked against a chain's real revenue here, see `dacost backtest`): \(m). Cost for the margin adds the stack's fixed L1 costs (proposals, per-batch gas) from its preset, with batches counted as full channels. Unviable: the cumulative P&L from the start falls past −\(ProjectionRenderer.usd(p.lossThresholdUSD)), timed from its last peak.")
        } else if let r = p.revenuePerTxUSD {
            assumptions.append("Loss timer: revenue \(ProjectionRenderer.usd(r)) per transaction against posting cost; a path loses when a window as long as a channel may stay open (at least an hour) costs more than it earns, and turns unviable when its cumulative P&L from the start falls past −\(ProjectionRenderer.usd(p.lossThresholdUSD)), timed from the P&L's last peak.")
        }
        return ProjectionDocument(
            dacostVersion: DACostVersion.current, scenarioFile: scenarioFile, scenario: scenario,
            trace: .init(path: profile.trace.path, sha256: profile.trace.sha256, transactions: profile.trace.transactions,
                         bytes: profile.trace.bytes, bytesPerTx: Double(profile.trace.bytes) / Double(max(1, profile.trace.transactions))),
            codecLibraries: profile.codecs, projection: projection, assumptions: assumptions,
            warnings: warnings(projection, scenario: scenario, profile: profile))
    }

    /// Parts of a scenario a projection would not use (`--strict` refuses them).
    public static func ignoredParts(of scenario: Scenario) -> [String] {
        let horizon = Double(scenario.horizonDays) * 86_400
        return scenario.projection.spikes.filter { !$0.overlaps(horizonSeconds: horizon) }.map {
            "spike '\($0.summary)' lies outside the \(scenario.horizonDays)-day horizon from \(scenario.start)"
        }
    }

    /// Warnings about the projection's own layers only.
    static func warnings(_ p: ProjectionSection, scenario: Scenario, profile: CompressionProfile) -> [String] {
        var out = [String]()
        for s in p.spikesOutsideHorizon {
            out.append("spike '\(s)' lies outside the \(p.horizonDays)-day horizon from \(p.start): it was not applied")
        }
        if let curve = RatioCurve(profile: profile, codec: scenario.batcher.codec) {
            let extrapolated = scenario.layers.map { $0.makeLayer(batcher: scenario.batcher) }.filter { layer in
                curve.at(curve.uncompressedSize(forCompressed: Double(layer.maxSubmissionBytes))).extrapolated
            }
            if !extrapolated.isEmpty {
                out.append("the trace (\(NumberFormat.grouped(profile.trace.bytes)) bytes) is smaller than one full channel for \(extrapolated.count) of \(scenario.layers.count) layers (\(extrapolated.map(\.name).joined(separator: ", "))): they use the whole-trace ratio, which understates compression of larger batches")
            }
        }
        for l in p.layers {
            if let why = l.infeasibleReason {
                out.append("\(l.layer) cannot carry the traffic at the start's values (\(why)): its spend is what posting would cost if it could")
            }
            if let d = l.backlogGrowsFromDay {
                let what = l.maxBacklogBlobs > 0 ? "blocks cannot carry the rollup's blobs" : "the layer's throughput cannot carry the rollup's data"
                out.append("\(l.layer): the backlog grows without bound from day \(d + 1) (up to \(ProjectionRenderer.backlogAmount(l)) waiting, worst latency P95 \(NumberFormat.fixed(l.worstLatencySeconds.p95 / 3600, 1)) h): \(what)")
            }
            if let f = l.failover, let kind = LayerKind(rawValue: f.policy),
               let target = scenario.layers.first(where: { $0.kind == kind }), let why = p.layers.first(where: { $0.layer == target.name })?.infeasibleReason {
                out.append("\(l.layer) fails over to \(f.policy), which cannot carry this traffic either (\(why)): the failover spend is what posting would cost if it could")
            }
            if let h = l.hoursToLossThreshold {
                out.append("\(l.layer): on \(l.pathsWithLoss) of \(p.paths) paths posting cost passed what users paid; on \(l.pathsPastLossThreshold) the cumulative P&L fell past −\(ProjectionRenderer.usd(p.lossThresholdUSD)), \(NumberFormat.fixed(h.p50, 1)) h after its last peak (P50)")
            }
        }
        return out
    }
}
