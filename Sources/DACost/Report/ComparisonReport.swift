import Foundation

/// Builds the `compare` report from a scenario and a profile.
public enum ComparisonReport {
    public static func build(scenario given: Scenario, scenarioFile: String, profile: CompressionProfile) -> Report {
        // The batcher codec is always priced: the OP fee check and the CI gate's batcher rows read it.
        var scenario = given
        let batcherCodecAdded = !scenario.codecs.contains(scenario.batcher.codec)
        if batcherCodecAdded { scenario.codecs.append(scenario.batcher.codec) }
        let schedule = BlobSchedule(forks: scenario.blobSchedule)
        let startTime = CalendarDay.epochSeconds(scenario.start) ?? 0
        let market: MarketModel = ConstantMarket(scenario.market.state)
        let state = market.state(at: startTime)
        let fork = schedule.fork(at: startTime)
        let rows = Comparison.rows(scenario: scenario, profile: profile, market: state, blobFork: fork, day: scenario.start)

        var warnings = [String]()
        var warned = Set<String>()
        for r in rows where !r.feasible && warned.insert(r.layer).inserted {
            warnings.append("\(r.layer) cannot carry \(NumberFormat.significant(scenario.traffic.tps)) TPS: \(r.feasibility.reason ?? "over capacity"); its rows are infeasible and never the winner")
        }
        if batcherCodecAdded {
            warnings.append("the batcher codec \(scenario.batcher.codec) is not among the scenario's codecs: it was added, since the chain's own posting (the OP fee check, the CI gate's batcher rows) is priced with it")
        }
        for r in rows { for w in r.warnings where !warnings.contains(w) { warnings.append(w) } }
        let extrapolated = rows.filter(\.ratioExtrapolated)
        if let largest = extrapolated.map(\.batchBytes).max() {
            warnings.append("the trace (\(NumberFormat.grouped(profile.trace.bytes)) bytes) is smaller than one batch for \(extrapolated.count) of \(rows.count) rows (up to \(NumberFormat.grouped(Int(largest))) bytes): they use the whole-trace ratio, which understates compression of larger batches; a longer trace gives sharper figures")
        }
        // The rollup's own blob demand against the blob target of the fork in force.
        if let fork, let blobRow = rows.first(where: { $0.layerKind == .ethereumBlobs && $0.codec == scenario.batcher.codec }) {
            let perBlock = blobRow.submissionsPerDay * Double(blobRow.units["blobs"] ?? 0) / 7_200
            // Above the maximum the row is infeasible and says why; between target and maximum it is a warning.
            if perBlock <= Double(fork.max) && perBlock > Double(fork.target) {
                warnings.append("at \(scenario.traffic.tps) TPS the rollup alone needs \(NumberFormat.fixed(perBlock, 1)) blobs per block, above \(fork.name)'s target of \(fork.target): its own demand raises the blob base fee, which a constant price ignores (use dacost project)")
            }
        }
        let ethereumKind: LayerKind? = {
            switch scenario.batcher.da {
            case .blobs: return .ethereumBlobs
            case .calldata: return .ethereumCalldata
            case .auto: return nil
            }
        }()
        let postingCandidates = rows.filter { $0.codec == scenario.batcher.codec && ($0.layerKind == .ethereumBlobs || $0.layerKind == .ethereumCalldata) }
        let posting = ethereumKind.flatMap { k in postingCandidates.first { $0.layerKind == k } } ?? postingCandidates.first
        let opFee = posting.map { OPFeeCheck.evaluate(scalars: scenario.opFee, profile: profile, posting: $0, market: state) }

        var seedCodecs = [scenario.batcher.codec]
        if scenario.codecs.contains(.brotli(11)) && !seedCodecs.contains(.brotli(11)) { seedCodecs.append(.brotli(11)) }
        if scenario.codecs.contains(.zlib(9)) && !seedCodecs.contains(.zlib(9)) { seedCodecs.append(.zlib(9)) }
        let seed = seedCodecs.compactMap { SeedCheck.compute(codec: $0, profile: profile, batcher: scenario.batcher) }

        var trust = [Report.TrustRow]()
        for spec in scenario.layers {
            let layer = spec.makeLayer(batcher: scenario.batcher)
            trust.append(.init(layer: layer.name, kind: layer.kind, guarantor: layer.trust.guarantor, tradeOff: layer.trust.tradeOff))
        }
        var assumptions = [
            "Market values are constants from the scenario (\(scenario.name)); they are assumptions, not live prices.",
            "Steady state: channels close when full or after \(NumberFormat.significant(scenario.batcher.maxChannelDurationMinutes)) minutes; every channel is priced at the same market state.",
            "Ratios are measured on the trace at a doubling grid of batch sizes and interpolated in log(batch size).",
            BatchEncoding.assumption(forProfileEncoding: profile.encoding),
        ]
        if scenario.market.blobBaseFeeGwei == nil {
            assumptions.append("Blob base fee 'from_market': the EIP-7918 reserve (L1 base fee × 8192 / 131072), where blob fees sit while demand is below target.")
        }
        assumptions += layerAssumptions(scenario)
        assumptions += availMultiplierDrift(scenario, rows: rows)
        let calldataFork = scenario.startCalldataFork
        assumptions.append("Rules in force on \(scenario.start): calldata \(calldataFork.name) (\(calldataFork.pricing.summary)); blobs \(fork.map { "\($0.name) (target \($0.target), max \($0.max) per block\($0.reservePrice ? ", EIP-7918 reserve" : ""))" } ?? "none (before Cancun)"); alt-DA layers by their own rules, their L1 commitments by the calldata rule.")
        let gasLimit = scenario.l1GasLimit ?? .mainnet
        assumptions.append("Capacity on \(scenario.start): Ethereum blobs up to \(fork.map { "\($0.name)'s \($0.max)" } ?? "0 (before Cancun)") per block; calldata up to \(NumberFormat.compact(gasLimit.maxShare * 100, 3))% of the \(NumberFormat.grouped(gasLimit.gasLimit(on: scenario.start))) L1 block gas limit; alt-DA layers up to their throughput on that day, less others' demand on EigenDA and Avail where the scenario states it (on Celestia the rollup outbids it instead): " + Self.throughputs(scenario) + ".")
        let curves: [Report.RatioPoints] = scenario.codecs.map { codec in
            let pts = profile.results.filter { $0.codec == codec && $0.batch != .perTransaction && $0.batches > 0 }
                .map { Report.RatioPoints.Point(batchBytes: Double($0.inputBytes) / Double($0.batches), ratio: $0.ratio, ratioP5: $0.ratioP5, ratioP95: $0.ratioP95) }
                .sorted { $0.batchBytes < $1.batchBytes }
            return Report.RatioPoints(codec: codec, points: pts)
        }
        if let line = stackFixedCosts(scenario, profile: profile, rows: rows, market: state) { assumptions.append(line) }
        if let line = profile.samplingNote { assumptions.append(line) }
        let blobFeeSource = scenario.market.blobBaseFeeGwei == nil ? "from_market (EIP-7918 reserve)" : "scenario"
        return Report(
            dacostVersion: DACostVersion.current, scenarioFile: scenarioFile, scenario: scenario,
            trace: .init(path: profile.trace.path, sha256: profile.trace.sha256, transactions: profile.trace.transactions,
                         bytes: profile.trace.bytes, bytesPerTx: Double(profile.trace.bytes) / Double(max(1, profile.trace.transactions))),
            codecLibraries: profile.codecs,
            market: .init(l1BaseFeeWei: String(state.l1BaseFee), l1PriorityFeeWei: String(state.l1PriorityFee),
                          blobBaseFeeWei: String(state.blobBaseFee), blobFeeSource: blobFeeSource,
                          blobFork: fork?.name ?? "none", blobTarget: fork?.target ?? 0, blobMax: fork?.max ?? 0,
                          calldataFork: scenario.startCalldataFork.name, calldataPricing: scenario.startCalldataFork.pricing, usd: state.usd),
            rows: rows, trust: trust, opFee: opFee, seedCheck: seed, ratioCurves: curves,
            assumptions: assumptions, warnings: warnings)
    }

    /// The stack's fixed L1 costs beside the rows (which price the data alone): per day for each layer at the
    /// batcher codec, at the start's L1 price; nil for a generic stack.
    static func stackFixedCosts(_ scenario: Scenario, profile: CompressionProfile, rows: [ComparisonRow], market: MarketState) -> String? {
        let encoding = BatchEncoding(name: profile.encoding)
        guard let preset = StackPreset.of(encoding) else { return nil }
        let l1Fee = Double(market.l1BaseFee + market.l1PriorityFee), eth = market.price("ETH")
        let txsPerDay = scenario.traffic.tps * 86_400
        let perLayer = rows.filter { $0.codec == scenario.batcher.codec }.compactMap { r -> String? in
            guard let fixed = StackFixedCost.of(encoding, transactionsPerSubmission: r.transactionsPerSubmission,
                                                payloadPerTx: Double(r.payloadBytesPerSubmission) / max(1, r.transactionsPerSubmission)) else { return nil }
            return "\(r.layer) \(ProjectionRenderer.usd(fixed.usd(txs: txsPerDay, l1FeeWei: l1Fee, eth: eth, stepSeconds: 86_400)))"
        }
        return "Stack \(preset.title): its fixed L1 costs are not in the rows above (they price the data): \(preset.fixedCostsNote). Per day at the start's L1 price, batches counted as the rows' submissions (a model): " + perLayer.joined(separator: ", ") + "."
    }

    /// Avail's congestion pricing at the rollup's load: how far TargetedFeeAdjustment would move the fee
    /// multiplier in a day of blocks this full. It is held at the scenario's `multiplier`, and the line says why.
    static func availMultiplierDrift(_ scenario: Scenario, rows: [ComparisonRow]) -> [String] {
        let at = CalendarDay.epochSeconds(scenario.start) ?? 0
        return scenario.layers.filter { $0.kind == .avail }.compactMap { spec in
            guard let ceiling = LayerThroughput.of(spec, at: at)?.bytesPerSecond, ceiling > 0,
                  let r = rows.first(where: { $0.layer == spec.name && $0.codec == scenario.batcher.codec }) else { return nil }
            let own = Double(r.payloadBytesPerSubmission) * r.submissionsPerDay / 86_400
            let fullness = min(1, (own + (spec.backgroundBytesPerSecond?.startValue ?? 0)) / ceiling)
            let blocksPerDay = 86_400 / (spec.blockSeconds ?? AvailThroughput.blockSeconds)
            let change = AltDACongestion.availMultiplier(fullness: fullness, blocks: blocksPerDay) - 1
            return "\(spec.name): blocks \(NumberFormat.compact(fullness * 100, 3))% full at this load would move the fee multiplier by \(NumberFormat.significant(change * 100, 2))% a day (TargetedFeeAdjustment, v = 1e-6, target 50%): congestion pricing is effectively off by design, so the multiplier is held at the scenario's value and congestion shows as a backlog instead. Tips order the pool: the rollup tips \(NumberFormat.compact(spec.tipAvail ?? 0, 4)) AVAIL a submission against others' \(NumberFormat.compact(spec.backgroundTipAvail ?? 0, 4)) (tip_avail, background_tip_avail; defaults 0 (?)), so " + (spec.outranksBackground ? "its data goes first and others' demand does not take its share." : "it shares the matrix with others' demand in arrival order.")
        }
    }

    /// Each alt-DA layer's throughput on the scenario's day, and what sets it.
    static func throughputs(_ scenario: Scenario) -> String {
        let at = CalendarDay.epochSeconds(scenario.start) ?? 0
        let parts = scenario.layers.compactMap { spec in
            LayerThroughput.of(spec, at: at).map { "\(spec.name) \(NumberFormat.grouped(Int($0.bytesPerSecond.rounded()))) B/s (\($0.basis))" }
        }
        return parts.isEmpty ? "none in this scenario" : parts.joined(separator: "; ")
    }

    /// What each layer's price rests on besides the market: Avail's fee formula, alt-DA commitments.
    static func layerAssumptions(_ scenario: Scenario) -> [String] {
        var out = [String]()
        for spec in scenario.layers {
            if spec.kind == .avail, spec.availPerMB == nil, let l = spec.makeLayer(batcher: scenario.batcher) as? AvailPricing {
                out.append("\(spec.name): AVAIL per MB from the submit_data weight formula at multiplier \(NumberFormat.significant(l.multiplier)) = \(NumberFormat.significant(l.formulaAvailPerMB)) AVAIL/MB (the on-chain SubmitDataFeeModifier is not known; set avail_per_mb to calibrate); extrinsic overhead \(l.extrinsicOverheadBytes) bytes assumed.")
            }
            if AltDACommitment.standard(for: spec.kind) != nil {
                let gas = spec.l1CommitmentGas ?? 0
                out.append(gas == 0
                    ? "\(spec.name): no L1 commitment transaction modelled (l1_commitment_gas: 0)."
                    : "\(spec.name): each submission also sends an L1 transaction to the batch inbox carrying a \(spec.l1CommitmentBytes.map { "\($0)-byte " } ?? "")commitment (OP alt-DA), \(NumberFormat.grouped(gas)) gas at the L1 base fee + tip, paid in ETH (set l1_commitment_bytes or l1_commitment_gas).")
            }
        }
        return out
    }
}
