/// A `dacost project` report: the comparison at the start's market, plus the projection.
public enum ProjectionReport {
    public static func build(scenario: Scenario, scenarioFile: String, profile: CompressionProfile, run: ProjectionRun) throws -> Report {
        var report = ComparisonReport.build(scenario: scenario, scenarioFile: scenarioFile, profile: profile)
        let projection = try run.run(scenario: scenario, profile: profile)
        report.projection = projection
        report.assumptions += [
            "Projection: \(projection.paths) paths; market inputs and traffic follow the scenario's curves, held for \(NumberFormat.significant(projection.marketStepMinutes)) minutes at a time; channels close on that grid (full, or at the max duration).",
            "Each layer posts with the batcher codec (\(scenario.batcher.codec)); the channel open at the horizon's end is posted and counted.",
        ]
        if projection.blobMarketSimulated {
            report.assumptions.append("Blob market: per 12-second block, background blobs are included first, the rollup's blobs fill what is left up to the fork's maximum, and the rest waits; the fee follows the exact excess rules of the fork in force with a floating-point exponential.")
        }
        for l in projection.layers {
            if let d = l.backlogGrowsFromDay {
                report.warnings.append("\(l.layer): the blob backlog grows without bound from day \(d + 1) (up to \(NumberFormat.grouped(l.maxBacklogBlobs)) blobs waiting, worst latency P95 \(NumberFormat.fixed(l.worstLatencySeconds.p95 / 3600, 1)) h): blocks cannot carry the rollup's blobs")
            }
            if let h = l.hoursToLossThreshold {
                report.warnings.append("\(l.layer): on \(l.pathsWithLoss) of \(projection.paths) paths posting cost passed the revenue per tx; the cumulative loss passed $\(NumberFormat.significant(scenario.projection.lossThresholdUSD)) after \(NumberFormat.fixed(h.p50, 1)) h (P50)")
            }
        }
        return report
    }
}
