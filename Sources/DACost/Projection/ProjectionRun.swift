import Foundation

/// Monte Carlo over the scenario's horizon: `paths` paths, each with its own seeded streams derived
/// from the scenario seed and the path index, spread over `jobs` threads. Results are gathered in
/// path order, so they do not depend on the number of threads.
public struct ProjectionRun {
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    public var progress: ((Int, Int) -> Void)?

    public init() {}

    public func run(scenario: Scenario, profile: CompressionProfile) throws -> ProjectionSection {
        guard let curve = RatioCurve(profile: profile, codec: scenario.batcher.codec) else {
            throw RegressionError.badOption("the profile has no measurements for the batcher codec \(scenario.batcher.codec)")
        }
        let sim = PathSimulator(scenario: scenario, profile: profile, curve: curve)
        let n = scenario.projection.paths
        // Each path keeps only what aggregation needs; paths are handed out in chunks.
        let outcomes = Locked<[Int: PathOutcome]>([:])
        let threads = max(1, min(jobs, n))
        let pool = WorkerPool(threads: threads, capacity: threads * 4)
        let chunk = max(1, min(16, n / (threads * 8)))
        let done = Locked(0)
        var lastReport = monotonicSeconds()
        for start in stride(from: 0, to: n, by: chunk) {
            pool.submit { _ in
                var local = [Int: PathOutcome]()
                for p in start..<min(n, start + chunk) { local[p] = sim.run(path: p) }
                outcomes.withLock { $0.merge(local) { a, _ in a } }
                done.withLock { $0 += local.count }
            }
            if let progress, monotonicSeconds() - lastReport > 0.25 { lastReport = monotonicSeconds(); progress(done.withLock { $0 }, n) }
        }
        pool.finish()
        progress?(n, n)
        let all = outcomes.withLock { $0 }
        let ordered = (0..<n).compactMap { all[$0] }
        return aggregate(ordered, scenario: scenario, sim: sim)
    }

    func aggregate(_ paths: [PathOutcome], scenario: Scenario, sim: PathSimulator) -> ProjectionSection {
        let days = scenario.horizonDays
        let startDate = ScenarioReader.dayFormatter.date(from: scenario.start) ?? Date(timeIntervalSince1970: 0)
        let dayNames = (0..<days).map { ScenarioReader.dayFormatter.string(from: startDate.addingTimeInterval(Double($0) * 86_400)) }
        var months = [(String, [Int])]()
        for (d, name) in dayNames.enumerated() {
            let month = String(name.prefix(7))
            if months.last?.0 == month { months[months.count - 1].1.append(d) } else { months.append((month, [d])) }
        }
        var layers = [ProjectionSection.Layer]()
        for (i, layer) in sim.layers.enumerated() {
            let per = paths.map { $0.layers[i] }
            let totals = per.map { $0.dailyUSD.reduce(0, +) }
            let native = per.map { $0.dailyNative.reduce(0, +) }
            let componentTotals = (0..<5).map { c in per.map { $0.components[c] }.reduce(0, +) }
            let all = componentTotals.reduce(0, +)
            var share = [String: Double]()
            for (c, comp) in CostComponent.allCases.enumerated() where componentTotals[c] > 0 { share[comp.rawValue] = componentTotals[c] / all }
            let lossHours = per.compactMap { $0.lossSeconds.map { $0 / 3600 } }
            let grows = per.compactMap(\.backlogGrowsFromDay)
            layers.append(ProjectionSection.Layer(
                layer: layer.name, codec: scenario.batcher.codec, nativeUnit: layer.nativeUnit,
                totalUSD: Band(totals), totalNative: Band(native),
                months: months.map { m in
                    ProjectionSection.Month(month: m.0, days: m.1.count, usd: Band(per.map { p in m.1.reduce(0) { $0 + p.dailyUSD[$1] } }),
                                            native: Band(per.map { p in m.1.reduce(0) { $0 + p.dailyNative[$1] } }))
                },
                costPerTxUSD: Band(zip(totals, paths).map { $0.1.transactions > 0 ? $0.0 / $0.1.transactions : 0 }),
                daily: (0..<days).map { d in .init(day: dayNames[d], usd: Band(per.map { $0.dailyUSD[d] })) },
                componentShare: share,
                submissionsMean: per.map(\.submissions).reduce(0, +) / Double(max(1, per.count)),
                fallbackSubmissionsMean: per.map(\.fallbackSubmissions).reduce(0, +) / Double(max(1, per.count)),
                fallbackUSDMean: per.map(\.fallbackUSD).reduce(0, +) / Double(max(1, per.count)),
                maxBacklogBlobs: per.map(\.maxBacklogBlobs).max() ?? 0,
                maxBacklogBytes: (per.map(\.maxBacklogBlobs).max() ?? 0) * scenario.batcher.blobEncoding.channelBytesPerBlob,
                worstLatencySeconds: Band(per.map(\.worstLatencySeconds)),
                backlogGrowsFromDay: grows.count * 2 > per.count ? grows.sorted()[grows.count / 2] : nil,
                ownDemandBlocksMean: Double(per.map(\.ownDemandBlocks).reduce(0, +)) / Double(max(1, per.count)),
                ownDemandPremiumUSDMean: per.map(\.ownDemandPremiumUSD).reduce(0, +) / Double(max(1, per.count)),
                ownDemandPremiumShare: all > 0 ? per.map(\.ownDemandPremiumUSD).reduce(0, +) / all : 0,
                pathsWithLoss: per.filter(\.lossStarted).count,
                hoursToLossThreshold: lossHours.isEmpty ? nil : Band(lossHours)))
        }
        if let sw = scenario.projection.daSwitch, let a = sim.layers.firstIndex(where: { $0.name == sw.from }),
           let b = sim.layers.firstIndex(where: { $0.name == sw.to }) {
            // The switch at a day boundary: layer A's days before it, layer B's from it on.
            let switchDay = max(0, min(days, Int((sw.offsetSeconds / 86_400).rounded(.up))))
            let per = paths.map { p in (0..<days).map { d in d < switchDay ? p.layers[a].dailyUSD[d] : p.layers[b].dailyUSD[d] } }
            var row = layers[b]
            row.layer = "\(sw.from) → \(sw.to) on \(sw.date)"
            row.nativeUnit = "USD"
            let totals = per.map { $0.reduce(0, +) }
            row.totalUSD = Band(totals); row.totalNative = Band(totals)
            row.months = months.map { m in .init(month: m.0, days: m.1.count, usd: Band(per.map { p in m.1.reduce(0) { $0 + p[$1] } }),
                                                 native: Band(per.map { p in m.1.reduce(0) { $0 + p[$1] } })) }
            row.costPerTxUSD = Band(zip(totals, paths).map { $0.1.transactions > 0 ? $0.0 / $0.1.transactions : 0 })
            row.daily = (0..<days).map { d in .init(day: dayNames[d], usd: Band(per.map { $0[d] })) }
            layers.append(row)
        }
        return ProjectionSection(
            paths: paths.count, seed: scenario.projection.seed, horizonDays: days, marketStepMinutes: sim.stepSeconds / 60,
            blobMarketSimulated: scenario.projection.blobMarket.simulate,
            transactionsMean: paths.map(\.transactions).reduce(0, +) / Double(max(1, paths.count)),
            layers: layers,
            blobBaseFeeGwei: (0..<days).map { d in .init(day: dayNames[d], usd: Band(paths.map { $0.dailyBlobFeeGwei[d] })) })
    }
}

extension ProjectionRun {
    /// Seconds per path, single thread: market sampling alone, and the whole path. For benchmarks.
    public static func timePerPath(scenario: Scenario, profile: CompressionProfile, paths: Int) -> (sampling: Double, total: Double)? {
        guard let curve = RatioCurve(profile: profile, codec: scenario.batcher.codec), paths > 0 else { return nil }
        let sim = PathSimulator(scenario: scenario, profile: profile, curve: curve)
        var t0 = monotonicSeconds()
        for p in 0..<paths { _ = sim.sampleMarket(path: p) }
        let sampling = (monotonicSeconds() - t0) / Double(paths)
        t0 = monotonicSeconds()
        for p in 0..<paths { _ = sim.run(path: p) }
        return (sampling, (monotonicSeconds() - t0) / Double(paths))
    }
}
