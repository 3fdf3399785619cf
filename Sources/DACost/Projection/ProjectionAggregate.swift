import Foundation

/// From the paths' outcomes to the bands every report format shows: per layer the horizon, each
/// calendar month and each day, and what happened on the way (components, submissions, fallback,
/// backlog, own-demand premium, loss timer).
extension ProjectionRun {
    func aggregate(_ paths: [PathOutcome], scenario: Scenario, sim: PathSimulator) -> ProjectionSection {
        let days = scenario.horizonDays
        let startDay = CalendarDay(scenario.start) ?? CalendarDay(epochSeconds: 0)
        let dayNames = (0..<days).map { startDay.adding(days: $0).description }
        var months = [(String, [Int])]()
        for (d, name) in dayNames.enumerated() {
            let month = String(name.prefix(7))
            if months.last?.0 == month { months[months.count - 1].1.append(d) } else { months.append((month, [d])) }
        }
        func monthBands(_ usd: [[Double]], _ native: [[Double]]) -> [ProjectionSection.Month] {
            months.map { m in
                ProjectionSection.Month(month: m.0, days: m.1.count, usd: Band(usd.map { p in m.1.reduce(0) { $0 + p[$1] } }),
                                        native: Band(native.map { p in m.1.reduce(0) { $0 + p[$1] } }))
            }
        }
        func dayBands(_ usd: [[Double]], _ native: [[Double]]) -> [ProjectionSection.Day] {
            (0..<days).map { d in .init(day: dayNames[d], usd: Band(usd.map { $0[d] }), native: Band(native.map { $0[d] })) }
        }
        func perTx(_ totals: [Double]) -> Band {
            Band(zip(totals, paths).map { $0.1.transactions > 0 ? $0.0 / $0.1.transactions : 0 })
        }

        func section(_ i: Int) -> ProjectionSection.Layer {
            let layer = sim.layers[i]
            let per = paths.map { $0.layers[i] }
            let usd = per.map(\.dailyUSD), native = per.map(\.dailyNative)
            let totals = usd.map { $0.reduce(0, +) }
            var components = [String: Band](), share = [String: Double]()
            let all = per.reduce(0) { $0 + $1.components.reduce(0, +) }
            for (c, comp) in CostComponent.allCases.enumerated() {
                let values = per.map { $0.components[c] }
                guard values.contains(where: { $0 > 0 }) else { continue }
                components[comp.rawValue] = Band(values)
                share[comp.rawValue] = values.reduce(0, +) / all
            }
            let lossHours = per.compactMap { $0.lossSeconds.map { $0 / 3600 } }
            let grows = per.compactMap(\.backlogGrowsFromDay)
            let maxBacklog = per.map(\.maxBacklogBlobs).max() ?? 0
            var l = ProjectionSection.Layer(
                layer: layer.name, codec: scenario.batcher.codec, nativeUnit: layer.nativeUnit,
                totalUSD: Band(totals), totalNative: Band(native.map { $0.reduce(0, +) }), months: monthBands(usd, native),
                costPerTxUSD: perTx(totals), daily: dayBands(usd, native), componentsUSD: components, componentShare: share,
                submissions: Band(per.map(\.submissions)), fallbackSubmissions: Band(per.map(\.fallbackSubmissions)),
                fallbackUSD: Band(per.map(\.fallbackUSD)), backlogBlobs: Band(per.map { Double($0.maxBacklogBlobs) }),
                maxBacklogBlobs: maxBacklog,
                maxBacklogBytes: max(maxBacklog * scenario.batcher.blobEncoding.channelBytesPerBlob, Int(per.map(\.maxBacklogBytes).max() ?? 0)),
                worstLatencySeconds: Band(per.map(\.worstLatencySeconds)),
                backlogGrowsFromDay: grows.count * 2 > per.count ? grows.sorted()[grows.count / 2] : nil,
                ownDemandBlocks: Band(per.map { Double($0.ownDemandBlocks) }), ownDemandPremiumUSD: Band(per.map(\.ownDemandPremiumUSD)),
                ownDemandPremiumShare: all > 0 ? per.map(\.ownDemandPremiumUSD).reduce(0, +) / all : 0,
                pathsWithLoss: per.filter(\.lossStarted).count, pathsPastLossThreshold: lossHours.count,
                hoursToLossThreshold: lossHours.isEmpty ? nil : Band(lossHours))
            if let fees = sim.fees {
                l.economics = ProjectionEconomics.of(per, transactions: paths.map(\.transactions), fees: fees, dayNames: dayNames)
            }
            if let spec = scenario.layers.first(where: { $0.name == layer.name }), let to = spec.onRefusal {
                l.refusals = .init(policy: to, submissions: Band(per.map(\.refusedSubmissions)), usd: Band(per.map(\.refusedUSD)))
            }
            if let spec = scenario.layers.first(where: { $0.name == layer.name }) {
                l.security = LayerSecurity.of(spec, ethUSD: scenario.market.usd["ETH"] ?? 0)
                if spec.kind == .celestia && spec.backgroundBytesPerSecond != nil {
                    l.congestedHours = Band(per.map(\.congestedHours))
                    l.peakPriceMultiple = Band(per.map(\.peakPriceMultiple))
                }
            }
            if let o = scenario.projection.outage(of: layer.name) {
                l.outage = .init(
                    settings: o.summary, hoursDegraded: Band(per.map(\.outageHours)), longestOutageHours: Band(per.map(\.longestOutageHours)),
                    haltedSubmissions: Band(per.map(\.haltedSubmissions)), dataAtRiskBytes: Band(per.map(\.heldBytes)))
                // An alt-DA layer's fallback submissions are its failovers and its refusals (only the blob layer
                // falls back to calldata otherwise).
                l.failover = .init(policy: o.failover.rawValue, submissions: Band(per.map { $0.fallbackSubmissions - $0.refusedSubmissions }),
                                   usd: Band(per.map { $0.fallbackUSD - $0.refusedUSD }))
            }
            return l
        }
        // Layers are independent: their bands (about a hundred sorts of the paths' values each) are taken
        // side by side when the run has threads for it, in the same order either way.
        var layers: [ProjectionSection.Layer]
        if jobs > 1 {
            let sections = Locked([ProjectionSection.Layer?](repeating: nil, count: sim.layers.count))
            DispatchQueue.concurrentPerform(iterations: sim.layers.count) { i in
                let l = section(i)
                sections.withLock { $0[i] = l }
            }
            layers = sections.withLock { $0 }.compactMap { $0 }
        } else {
            layers = sim.layers.indices.map(section)
        }
        if let sw = scenario.projection.daSwitch, let a = sim.layers.firstIndex(where: { $0.name == sw.from }),
           let b = sim.layers.firstIndex(where: { $0.name == sw.to }) {
            // The switch at a day boundary: layer A's days before it, layer B's from it on. Native units
            // differ between the two, so the row is in USD only.
            let switchDay = max(0, min(days, Int((sw.offsetSeconds / 86_400).rounded(.up))))
            let usd = paths.map { p in (0..<days).map { d in d < switchDay ? p.layers[a].dailyUSD[d] : p.layers[b].dailyUSD[d] } }
            var row = layers[b]
            row.layer = "\(sw.from) → \(sw.to) on \(sw.date)"
            row.nativeUnit = "USD"
            let totals = usd.map { $0.reduce(0, +) }
            row.totalUSD = Band(totals); row.totalNative = Band(totals)
            row.months = monthBands(usd, usd)
            row.costPerTxUSD = perTx(totals)
            row.daily = dayBands(usd, usd)
            // The two layers' economics are not combined (their revenue would be; their P&L runs are not).
            row.economics = nil
            layers.append(row)
        }
        let settings = scenario.projection
        let horizonSeconds = Double(days) * 86_400
        return ProjectionSection(
            paths: paths.count, seed: settings.seed, start: scenario.start, horizonDays: days, marketStepMinutes: sim.stepSeconds / 60,
            blobMarketSimulated: settings.blobMarket.simulate, inputs: Self.inputs(of: scenario),
            spikes: settings.spikes.filter { $0.overlaps(horizonSeconds: horizonSeconds) }.map(\.summary),
            spikesOutsideHorizon: settings.spikes.filter { !$0.overlaps(horizonSeconds: horizonSeconds) }.map(\.summary),
            rules: Self.rules(sim, horizonSeconds: horizonSeconds),
            revenuePerTxUSD: settings.revenuePerTxUSD, lossThresholdUSD: settings.lossThresholdUSD, feeMechanism: sim.fees?.summary,
            feeEstimator: sim.fees?.kind.hasEstimator == true ? feeEstimator : nil,
            transactions: Band(paths.map(\.transactions)), layers: layers,
            blobBaseFeeGwei: (0..<days).map { d in
                .init(day: dayNames[d], mean: Band(paths.map { $0.dailyBlobFee.mean[d] }), max: Band(paths.map { $0.dailyBlobFee.max[d] }))
            })
    }

    /// The Ethereum rules over the horizon: the calldata rule and the blob fork at the start, and each fork crossed.
    static func rules(_ sim: PathSimulator, horizonSeconds: Double) -> [String] {
        func when(_ t: Int64) -> String {
            ISO8601DateFormatter.string(from: Date(timeIntervalSince1970: Double(t)), timeZone: TimeZone(identifier: "UTC") ?? .current,
                                        formatOptions: [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime])
        }
        var out = sim.eras.enumerated().map { i, era in
            "calldata: \(era.fork.name), \(era.fork.pricing.summary)" + (i == 0 ? ", from the start" : ", from \(when(era.fork.timestamp)) UTC")
        }
        let end = sim.startTime + Int64(horizonSeconds)
        if let f = sim.schedule.fork(at: sim.startTime) {
            out.append("blobs: \(f.name) (target \(f.target), max \(f.max)), from the start")
        } else {
            out.append("blobs: none before Cancun")
        }
        for f in sim.schedule.forks where f.timestamp > sim.startTime && f.timestamp < end {
            out.append("blobs: \(f.name) (target \(f.target), max \(f.max)), from \(when(f.timestamp)) UTC")
        }
        return out
    }

    /// The market inputs and traffic as the projection sampled them, in the scenario's key names.
    static func inputs(of scenario: Scenario) -> [ProjectionSection.Input] {
        let c = scenario.projection.curves
        var list: [(String, Curve?)] = [("tps", c.tps), ("l1_base_fee_gwei", c.l1BaseFeeGwei), ("l1_priority_fee_gwei", c.l1PriorityFeeGwei),
                                        ("blob_base_fee_gwei", c.blobBaseFeeGwei), ("celestia_gas_price_utia", c.celestiaGasPriceUtia),
                                        ("eigenda_price_per_symbol_wei", c.eigendaPricePerSymbolWei)]
        for token in c.usd.keys.sorted() { list.append((token.lowercased() + "_usd", c.usd[token])) }
        if scenario.projection.blobMarket.simulate { list.append(("background_blobs_per_block", scenario.projection.blobMarket.backgroundBlobsPerBlock)) }
        for spec in scenario.layers { list.append(("\(spec.name).background_bytes_per_second", spec.backgroundBytesPerSecond)) }
        return list.compactMap { name, curve in curve.map { .init(input: name, curve: $0.summary, stochastic: $0.isStochastic) } }
    }
}
