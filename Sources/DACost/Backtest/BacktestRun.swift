/// Runs a backtest end to end: reads the days, measures the trace that stands in for the chain's
/// transactions, predicts each day, and (with a scenario) prices the same days as it says.
public struct BacktestRun {
    /// The stacks whose fee formula and fixed costs the backtest knows.
    public static let stacks = ["op"]

    public var stack = "op"
    public var provider = ProfileProvider()
    /// Per-chain fee parameters (from a scenario's `backtest.chains`); others take OP Mainnet's.
    public var chains = [String: Backtest.ChainParameters]()

    public init() {}

    /// `sourceName`: how reports name the data (default: its path).
    public func run(csvPath: String, sourceName: String? = nil, tracePath: String?, whatIf: (scenario: Scenario, file: String)?) throws -> BacktestDocument {
        let records = try DailyPostingCSV.read(path: csvPath)
        let bundled = tracePath == nil
        let path = try tracePath ?? ScenarioReader.defaultTracePath
        let name = bundled ? "default (bundled op-mainnet-1766.hex)" : path
        var codecs: [CodecID] = [.zlib(9), .brotli(10)]
        if let w = whatIf, !codecs.contains(w.scenario.batcher.codec) { codecs.append(w.scenario.batcher.codec) }
        var profile = try provider.profile(tracePath: path, codecs: codecs)
        profile.trace.path = name
        var curves = [CodecID: RatioCurve]()
        for c in codecs { curves[c] = RatioCurve(profile: profile, codec: c) }
        var model = Backtest(trace: try .measure(tracePath: path, name: name), curves: curves)
        model.chains = chains
        let outputProposalGas = model.defaults.outputProposalGas
        let days = try records.map(model.day)
        let whatIfResult = try whatIf.map {
            try WhatIf.price(records, predicted: days, scenario: $0.scenario, scenarioFile: $0.file, profile: profile,
                             outputProposalGas: outputProposalGas)
        }
        var warnings = [String]()
        let unpriced = records.filter { $0.time >= OPStack.ecotoneTime && $0.l2AvgL1BlobBaseFeeGwei == nil }
        if !unpriced.isEmpty {
            warnings.append("\(unpriced.count) day\(unpriced.count == 1 ? " is" : "s are") from Ecotone (2024-03-14) on without the column \(DailyPostingCSV.blobFeeColumn): users' L1 fee then needs the blob base fee, so their revenue and modelled margin are left out")
        }
        let unnamed = Set(records.map(\.chain)).sorted().filter { $0 != "OP Mainnet" && self.chains[$0] == nil }
        if !unnamed.isEmpty {
            warnings.append("chains without parameters of their own (\(unnamed.joined(separator: ", "))) are priced with OP Mainnet's Bedrock overhead and scalar and its proposal gas: name them under backtest.chains in a --scenario")
        }
        let t = model.trace
        let assumptions = [
            "Stack \(stack): OP Stack. Inbox gas: each batcher transaction 21,000 gas plus its data by the calldata rule of the day (\(Set(days.map(\.calldataFork)).sorted().joined(separator: ", "))); the zero-byte share of compressed batch data is dacost's own measurement of full channels of the trace (\(NumberFormat.fixed((days.first?.zeroByteShare ?? 0) * 100, 3))% for \(days.first?.codec.description ?? "-")), plus the frame header's 3 zero bytes per transaction; the day's real transaction count and bytes.",
            "Inbox fees: that gas at the day's real average inbox gas price.",
            "Output proposals: \(NumberFormat.grouped(Int(outputProposalGas))) gas each (OP Mainnet's 2023 L2OutputOracle.proposeL2Output, the median of the bundled data: in-sample; the forge benchmark gives 92,973), times the day's real count.",
            "Users' L1 fee revenue by the formula in force that day (OPUserFee): Bedrock, (calldata gas of each signed transaction + overhead \(OPStack.bedrockOverhead)) × the L2's L1 base fee × scalar \(OPStack.bedrockScalar) / 1e6; from Ecotone, the calldata gas × (16 × base fee × \(model.defaults.baseFeeScalar) + blob base fee × \(model.defaults.blobBaseFeeScalar)) / 16e6, and from Fjord the trace's mean estimated size (\(NumberFormat.fixed(t.fjordEstimatedSizeScaledPerTx / 1e6, 1)) bytes) per transaction in place of calldata gas / 16, at the day's blob base fee (column \(DailyPostingCSV.blobFeeColumn)). The day's input-data gas comes from the data less each block's L1-attributes deposit (43,200 a day, 260 bytes, gas modelled from its fields); each transaction's envelope (nonce, gas, to, value, signature: \(NumberFormat.fixed(t.envelopeBytesPerTx, 1)) bytes, \(NumberFormat.fixed(t.envelopeGasPerTx, 1)) gas on average) comes from the trace \(t.path), \(t.transactions) transactions of 2024: a model, not the chain's own mix.",
            "Inbox bytes from L2 activity: the day's signed transactions (input data from the day, envelopes from the trace) in singular batches (\(OPStack.singularBatchOverheadBytesPerBlock) bytes per L2 block and \(OPStack.batchBytesPerTransaction) per transaction around them), compressed with the channel codec of the day at the ratio dacost measures on the trace for a full 120,000-byte batcher transaction, plus 24 bytes of framing per transaction. What limits it: the trace's transaction mix (2024, larger contract calls) is not 2023's, and the real batcher's channels were not always full.",
        ]
        let parameters = ["output_proposal_gas": outputProposalGas, "bedrock_overhead": Double(model.defaults.bedrockOverhead),
                          "bedrock_scalar": Double(model.defaults.bedrockScalar), "envelope_bytes_per_tx": t.envelopeBytesPerTx,
                          "envelope_gas_per_tx": t.envelopeGasPerTx, "l1_attributes_bytes": Double(OPStack.bedrockL1AttributesBytes)]
        return BacktestDocument(dacostVersion: DACostVersion.current, source: sourceName ?? csvPath, stack: stack, trace: model.trace,
                                codecLibraries: profile.codecs, parameters: parameters, rows: days.map { .init(day: $0) },
                                summary: Backtest.summary(days), whatIf: whatIfResult, assumptions: assumptions, warnings: warnings)
    }
}
