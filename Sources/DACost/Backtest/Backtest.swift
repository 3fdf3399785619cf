/// The model held against real days: for each day of a chain's posting, what dacost predicts from the
/// day's own activity and prices, beside what the chain really paid.
public struct Backtest: Sendable {
    /// The quantities compared, in report order.
    public static let quantities = ["inbox_gas", "inbox_fees_eth", "output_gas", "l1_fee_revenue_eth", "inbox_bytes"]

    /// What the trace says of transactions that the daily data does not: their envelope (everything but
    /// the input data: nonce, gas, to, value, signature, type and chain id) and how batches of them compress.
    public struct TraceStatistics: Codable, Equatable, Sendable {
        public var path: String
        public var transactions: Int
        /// Mean bytes of a signed transaction outside its input data, and their calldata gas (4 per zero
        /// byte, 16 per other byte).
        public var envelopeBytesPerTx: Double
        public var envelopeGasPerTx: Double
        /// Mean Fjord estimated size of a signed transaction × 1e6 (users' L1 fee from Fjord on).
        public var fjordEstimatedSizeScaledPerTx: Double = 0
        enum CodingKeys: String, CodingKey {
            case path, transactions
            case envelopeBytesPerTx = "envelope_bytes_per_tx", envelopeGasPerTx = "envelope_gas_per_tx"
            case fjordEstimatedSizeScaledPerTx = "fjord_estimated_size_scaled_per_tx"
        }
    }

    public var trace: TraceStatistics
    /// Compression of the trace's batches per codec (the channel codec of each day is chosen by date).
    public var curves: [CodecID: RatioCurve]
    public var schedule = CalldataSchedule.mainnet
    /// Fee parameters and fixed costs by chain name; a chain not named takes `defaults` (OP Mainnet's).
    public var chains = [String: ChainParameters]()
    public var defaults = ChainParameters()

    /// What differs from chain to chain in an OP Stack backtest.
    public struct ChainParameters: Codable, Equatable, Sendable {
        public var bedrockOverhead = OPStack.bedrockOverhead
        public var bedrockScalar = OPStack.bedrockScalar
        public var outputProposalGas = OPStack.outputProposalGas2023
        /// Ecotone/Fjord scalars: the bundled default scenario's `op_fee` (OP Mainnet's SystemConfig values,
        /// assumed unchanged (?)).
        public var baseFeeScalar: UInt64 = 5_227
        public var blobBaseFeeScalar: UInt64 = 1_014_213
        public init() {}
        enum CodingKeys: String, CodingKey {
            case bedrockOverhead = "bedrock_overhead", bedrockScalar = "bedrock_scalar", outputProposalGas = "output_proposal_gas"
            case baseFeeScalar = "base_fee_scalar", blobBaseFeeScalar = "blob_base_fee_scalar"
        }
    }

    public init(trace: TraceStatistics, curves: [CodecID: RatioCurve]) { self.trace = trace; self.curves = curves }

    /// One compared number.
    public struct Comparison: Codable, Equatable, Sendable {
        public var actual: Double
        public var predicted: Double
        /// 100 × (predicted − actual) / actual; nil when the actual is 0.
        public var errorPercent: Double?
        init(actual: Double, predicted: Double) {
            self.actual = actual; self.predicted = predicted
            errorPercent = actual != 0 ? 100 * (predicted - actual) / actual : nil
        }
    }

    /// A day, predicted.
    public struct Day: Equatable, Sendable {
        public var date: String
        public var chain: String
        /// The rules of the day: calldata fork, the batcher's channel codec.
        public var calldataFork: String
        public var codec: CodecID
        public var values: [String: Comparison]
        /// The zero-byte share of compressed batch data used for the day's inbox gas (measured on the trace).
        public var zeroByteShare: Double
        /// Inbox transactions the L2 activity predicts (the real count prices the inbox gas).
        public var predictedInboxTxs: Double
        /// The day's L2 data as the batcher saw it, before compression: signed transactions in batches.
        public var uncompressedBytes: Double
        /// Real L1 margin of the day: users' L1 fee revenue less inbox and output fees (ETH), and the model's.
        public var marginETHActual: Double
        /// nil when the model cannot price the day's revenue (from Ecotone on without a blob base fee).
        public var marginETHPredicted: Double?
    }

    /// Predicts one day.
    public func day(_ d: DailyPosting) throws -> Day {
        let chain = chains[d.chain] ?? defaults
        let fork = schedule.fork(at: d.time + 43_200)
        let codec = OPStack.channelCodec(at: d.time)
        guard let curve = curves[codec] else {
            throw DailyPostingError(file: trace.path, line: nil, column: nil, problem: "no compression measured for \(codec), the channel codec of \(d.date)")
        }
        // Inbox gas from the real transactions and bytes: 21,000 each, the day's rule for the bytes, with the
        // zero share dacost measures on its own compression of full channels, and the frame header's zeros.
        let channelBytes = Double(EthereumCalldata.defaultMaxTxSize - OPStack.batcherTxOverheadBytes)
        let fullChannel = curve.at(curve.uncompressedSize(forCompressed: channelBytes))
        let zeroShare = fullChannel.zeroFraction
        let overheadZeros = Double(EthereumCalldata.overheadZeroBytes) * d.inboxTxs
        let frameBytes = Double(OPStack.batcherTxOverheadBytes) * d.inboxTxs
        let zeros = (d.inboxBytes - frameBytes) * zeroShare + overheadZeros
        let perByte = fork.pricing.transactionGas(zeroBytes: 0, nonZeroBytes: 1) - EthereumCalldata.txGas
        let perZero = fork.pricing.transactionGas(zeroBytes: 1, nonZeroBytes: 0) - EthereumCalldata.txGas
        let inboxGas = Double(EthereumCalldata.txGas) * d.inboxTxs + Double(perByte) * (d.inboxBytes - zeros) + Double(perZero) * zeros
        let inboxFees = inboxGas * d.inboxAvgGasPriceGwei * 1e-9
        let outputGas = d.outputTxs * chain.outputProposalGas
        let outputFees = outputGas * d.outputAvgGasPriceGwei * 1e-9

        // Users' L1 fee (Bedrock): each transaction's signed-bytes gas + overhead, at the L2's view of the L1
        // base fee, × scalar. The day's input-data gas includes each block's L1-attributes deposit, which pays
        // no L1 fee; the envelope (not in the daily data) comes from the trace.
        let blocks = Double(OPStack.blocksPerDay)
        let depositGasAtChain = blocks * OPStack.meanBedrockL1AttributesGas(at: d.time + 43_200, l1BaseFeeWei: UInt64(max(0, min(1e15, d.l2AvgL1BaseFeeGwei * 1e9))),
                                                                           overhead: chain.bedrockOverhead, scalar: chain.bedrockScalar)
        let calldataGas = d.l2TxCalldataGas - depositGasAtChain + d.l2Txs * trace.envelopeGasPerTx
        let revenue = revenueETH(era: OPUserFee.era(at: d.time + 43_200), calldataGas: calldataGas, day: d, chain: chain)

        // Inbox bytes from L2 activity: the day's signed transactions in singular batches, compressed in
        // channels of one full batcher transaction each, plus each transaction's frame header.
        let signed = d.l2TxBytes - blocks * Double(OPStack.bedrockL1AttributesBytes) + d.l2Txs * trace.envelopeBytesPerTx
        let uncompressed = signed + blocks * Double(OPStack.singularBatchOverheadBytesPerBlock) + d.l2Txs * Double(OPStack.batchBytesPerTransaction)
        let compressed = uncompressed * fullChannel.ratio
        let txs = (compressed / channelBytes).rounded(.up)
        let inboxBytes = compressed + txs * Double(OPStack.batcherTxOverheadBytes)

        var day = Day(date: d.date, chain: d.chain, calldataFork: fork.name, codec: codec,
                   values: ["inbox_gas": .init(actual: d.inboxGasUsed, predicted: inboxGas),
                            "inbox_fees_eth": .init(actual: d.inboxFeesETH, predicted: inboxFees),
                            "output_gas": .init(actual: d.outputGasUsed, predicted: outputGas),
                            "inbox_bytes": .init(actual: d.inboxBytes, predicted: inboxBytes)],
                   zeroByteShare: zeroShare, predictedInboxTxs: txs, uncompressedBytes: uncompressed,
                   marginETHActual: d.l1FeeRevenueETH - d.inboxFeesETH - d.outputFeesETH,
                   marginETHPredicted: revenue.map { $0 - inboxFees - outputFees })
        if let revenue { day.values["l1_fee_revenue_eth"] = .init(actual: d.l1FeeRevenueETH, predicted: revenue) }
        return day
    }

    /// Users' L1 fee revenue of a day (ETH) by the OP formula in force: Bedrock, `(calldata gas + overhead ×
    /// transactions) × base fee × scalar / 1e6`; Ecotone, `calldata gas × (16 × base fee × base-fee scalar +
    /// blob fee × blob scalar) / 16e6`; Fjord on, the trace's mean estimated size × transactions in place of
    /// calldata gas / 16 (a model: the day's own FastLZ sizes are not in the data). nil from Ecotone on when
    /// the day has no blob base fee.
    func revenueETH(era: OPUserFee.Era, calldataGas: Double, day d: DailyPosting, chain: ChainParameters) -> Double? {
        let base = d.l2AvgL1BaseFeeGwei * 1e9
        switch era {
        case .bedrock:
            return (calldataGas + d.l2Txs * Double(chain.bedrockOverhead)) * base * Double(chain.bedrockScalar) / 1e6 / 1e18
        case .ecotone, .fjord, .isthmus, .jovian:
            guard let blobGwei = d.l2AvgL1BlobBaseFeeGwei else { return nil }
            let scaled = 16 * base * Double(chain.baseFeeScalar) + blobGwei * 1e9 * Double(chain.blobBaseFeeScalar)
            if era == .ecotone { return calldataGas * scaled / 16e6 / 1e18 }
            return d.l2Txs * trace.fjordEstimatedSizeScaledPerTx * scaled / 1e12 / 1e18
        }
    }


    /// Median and largest |error| per quantity, over the days where it is defined.
    public struct Summary: Codable, Equatable, Sendable {
        public var medianAbsErrorPercent: Double
        public var maxAbsErrorPercent: Double
        public var days: Int
        enum CodingKeys: String, CodingKey {
            case days, medianAbsErrorPercent = "median_abs_error_percent", maxAbsErrorPercent = "max_abs_error_percent"
        }
    }

    public static func summary(_ days: [Day]) -> [String: Summary] {
        var out = [String: Summary]()
        for q in quantities {
            let errors = days.compactMap { $0.values[q]?.errorPercent.map(abs) }.sorted()
            guard !errors.isEmpty else { continue }
            out[q] = Summary(medianAbsErrorPercent: Percentile.of(errors, 50), maxAbsErrorPercent: errors.last ?? 0, days: errors.count)
        }
        return out
    }
}

extension Backtest.TraceStatistics {
    /// Reads a trace and measures its transactions' envelopes.
    public static func measure(tracePath: String, name: String) throws -> Backtest.TraceStatistics {
        var n = 0, bytes = 0.0, gas = 0.0, fjord = 0.0
        try TraceReader(path: tracePath).forEach { tx in
            guard tx.type != .deposit else { return }
            tx.bytes.withUnsafeBufferPointer { b in
                let input = TransactionInput.range(in: b) ?? 0..<0
                var zero = 0
                for (i, byte) in b.enumerated() where byte == 0 && !input.contains(i) { zero += 1 }
                let envelope = b.count - input.count
                bytes += Double(envelope)
                gas += Double(4 * zero + 16 * (envelope - zero))
            }
            fjord += Double(TraceFingerprint.fjordEstimatedSizeScaled(fastlzSize: FastLZ.compressedLength(tx.bytes)))
            n += 1
        }
        let count = Double(max(1, n))
        return .init(path: name, transactions: n, envelopeBytesPerTx: bytes / count, envelopeGasPerTx: gas / count,
                     fjordEstimatedSizeScaledPerTx: fjord / count)
    }
}
