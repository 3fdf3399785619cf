import Foundation

/// The field report's table, reproduced: per stack, L1 gas per L2 transaction of a trace as that stack
/// posts it (its batch encoding and codec), as calldata under the rules of the report's era (EIP-2028,
/// 16 gas per non-zero byte) and under today's (the EIP-7623 floor), and as blobs; each split into data
/// and fixed overhead (the batch transactions, per-batch contract execution, proposals and proofs a day
/// spread over the day's transactions), beside the report's figure.
public struct StackGasTable: Codable, Equatable, Sendable {
    public static let schemaID = "dacost.stacks/v1"

    public struct Row: Codable, Equatable, Sendable {
        public var stack: String
        public var title: String
        /// The encoding and codec measured; nil when the stack's encoding is not built.
        public var encoding: String?
        public var codec: String?
        public var bytesPerTx: Double?
        public var compressedBytesPerTx: Double?
        /// Calldata, EIP-2028 (16/4 gas a byte) plus the batch transaction's 21,000: the report's era.
        public var calldataDataGasEIP2028: Double?
        /// Calldata since Pectra (the EIP-7623 floor binds for data-only transactions).
        public var calldataDataGasToday: Double?
        /// Per-batch execution and per-day fixed gas spread over calldata batches.
        public var calldataFixedGas: Double?
        public var blobGas: Double?
        /// Blob transactions' execution gas and the fixed gas, spread over blob batches.
        public var blobFixedGas: Double?
        public var published: Double
        public var fixedCosts: String
        public var why: String

        enum CodingKeys: String, CodingKey {
            case stack, title, encoding, codec, published, why
            case bytesPerTx = "bytes_per_tx", compressedBytesPerTx = "compressed_bytes_per_tx"
            case calldataDataGasEIP2028 = "calldata_data_gas_eip2028", calldataDataGasToday = "calldata_data_gas_eip7623"
            case calldataFixedGas = "calldata_fixed_gas", blobGas = "blob_gas", blobFixedGas = "blob_fixed_gas"
            case fixedCosts = "fixed_costs"
        }

        /// Calldata gas per transaction in the report's era, data and fixed together.
        public var calldataTotalEIP2028: Double? { calldataDataGasEIP2028.flatMap { d in calldataFixedGas.map { d + $0 } } }
    }

    public var schema = StackGasTable.schemaID
    public var dacostVersion = DACostVersion.current
    public var trace: String
    public var transactions: Int
    public var tps: Double
    public var rows: [Row]
    public var assumptions: [String]

    enum CodingKeys: String, CodingKey {
        case schema, trace, transactions, tps, rows, assumptions
        case dacostVersion = "dacost_version"
    }

    /// The table for the trace at `tracePath` (named `traceName` in the output), with the scenario's TPS
    /// (per-day costs are spread over its transactions) and batcher (blob packing). Each stack's profile
    /// comes from `provider` (measured once and cached per encoding).
    /// With `stateDiffsPath`, a state-diff trace of the same transactions (`StateDiffTrace`), the ZK
    /// Stack row is measured from it; without, it comes from `ZKStackStateDiffModel` and says so.
    public static func build(tracePath: String, traceName: String, scenario: Scenario, provider: ProfileProvider,
                             stateDiffsPath: String? = nil, presets: [StackPreset] = StackPreset.all) throws -> StackGasTable {
        let txsPerDay = max(1e-9, scenario.traffic.tps * 86_400)
        var rows = [Row](), transactions = 0
        for preset in presets {
            var row = Row(stack: preset.name, title: preset.title, published: preset.published, fixedCosts: preset.fixedCostsNote, why: "")
            guard let encoding = preset.encoding, let codec = encoding.posterCodec(at: scenario.startTimestamp) else {
                if preset.name == ZKStack.preset.name {
                    let e = try ZKStackStateDiffModel().estimate(tracePath: tracePath)
                    transactions = e.transactions
                    row.bytesPerTx = Double(e.traceBytes) / Double(max(1, e.transactions))
                    if let stateDiffsPath {
                        let batches = try StateDiffTrace.batches(path: stateDiffsPath)
                        let txs = batches.reduce(0) { $0 + $1.transactions }, bytes = batches.reduce(0) { $0 + $1.pubdataBytes }
                        rows.append(zkStackRow(row, pubdataPerTx: Double(bytes) / Double(max(1, txs)), transactionsPerBatch: Double(txs) / Double(batches.count),
                                               perDayGas: preset.fixedGasPerDay / txsPerDay,
                                               source: "Measured from the state-diff trace \(stateDiffsPath) (\(txs) transactions in \(batches.count) batches, compressed by zkSync's rules)"))
                    } else {
                        let perBatch = ZKStack.transactionsPerBatch(pubdataPerTx: e.pubdataBytesPerTx)
                        let perTx = e.pubdataBytesPerTx + Double(ZKStackStateDiffModel.batchOverheadBytes) / perBatch
                        rows.append(zkStackRow(row, pubdataPerTx: perTx, transactionsPerBatch: perBatch, perDayGas: preset.fixedGasPerDay / txsPerDay,
                                               source: "A MODEL, not a measurement: no state-diff trace was given, so each transaction is turned into the storage writes it would most plausibly make (sender nonce and balance, recipient balance, \(ZKStackStateDiffModel().callWrites) slots per contract call (?), a quarter of them new (?)), compressed by zkSync's own rules"))
                    }
                }
                continue
            }
            var p = provider
            p.encoding = encoding
            let profile = try p.profile(tracePath: tracePath, codecs: [codec])
            transactions = profile.trace.transactions
            var batcher = scenario.batcher
            batcher.maxCalldataTxSize = preset.calldataBatchBytes
            guard let seed = SeedCheck.compute(codec: codec, profile: profile, batcher: batcher) else { continue }
            let perDay = preset.fixedGasPerDay / txsPerDay
            row.encoding = encoding.name; row.codec = codec.description
            row.bytesPerTx = seed.bytesPerTx; row.compressedBytesPerTx = seed.compressedBytesPerTx
            row.calldataDataGasEIP2028 = seed.calldataGasPerTxEIP2028
            row.calldataDataGasToday = seed.calldataGasPerTx
            row.calldataFixedGas = preset.extraGasPerBatch / max(1e-9, seed.transactionsPerCalldataSubmission) + perDay
            row.blobGas = seed.blobGasPerTx
            row.blobFixedGas = seed.blobExecutionGasPerTx + preset.extraGasPerBatch / max(1e-9, seed.transactionsPerBlobSubmission) + perDay
            row.why = why(row, preset: preset)
            rows.append(row)
        }
        let assumptions = [
            "Trace: \(traceName), \(transactions) transactions; every stack is given the same transactions (an OP Mainnet mix), so differences come from encoding, codec and fixed costs, not from each chain's own mix.",
            "Calldata columns: full calldata batches of each stack's limit (OP 120,000 bytes, Arbitrum 99,960, CDK 120,000; ZK Stack's pubdata in its commit transactions, every byte taken as non-zero); the EIP-2028 column is the report's era (16 gas per non-zero byte, 4 per zero, plus 21,000 per batch transaction); the EIP-7623 column is today's floor (40/10).",
            "Blob columns: full blob submissions of the scenario's batcher (\(scenario.batcher.targetBlobsPerTx) blobs a transaction); blob gas is priced on its own market, so it is not comparable gas for gas with calldata. Polygon CDK (Etrog) posts calldata only: its blob columns say what the same batch data would take in blobs.",
            "Fixed gas per day is spread over \(NumberFormat.fixed(scenario.traffic.tps, 0)) TPS (the scenario's traffic): at lower rates it weighs more per transaction.",
            "Blocks per batch are assumed (a trace does not say where its blocks begin): OP 12 transactions a block, Arbitrum 4 (?), CDK 4 (?).",
        ]
        return StackGasTable(trace: traceName, transactions: transactions, tps: scenario.traffic.tps, rows: rows, assumptions: assumptions)
    }

    /// The ZK Stack row from its pubdata per transaction (measured or modelled, as `source` says): priced
    /// as calldata (every byte taken as non-zero: 16 gas in the report's era, the EIP-7623 floor's 40
    /// today; the commit transaction's own 21,000 is in its fixed cost) and as blobs of 126,976 bytes.
    static func zkStackRow(_ base: Row, pubdataPerTx bytes: Double, transactionsPerBatch perBatch: Double, perDayGas: Double, source: String) -> Row {
        var row = base
        row.encoding = source.hasPrefix("A MODEL") ? "state-diff model" : "state-diff trace"
        row.codec = "zksync state-diff compression"
        row.compressedBytesPerTx = bytes
        row.calldataDataGasEIP2028 = 16 * bytes
        row.calldataDataGasToday = 40 * bytes
        row.calldataFixedGas = ZKStack.gasPerBatch / max(1, perBatch) + perDayGas
        row.blobGas = bytes * Double(BlobFeeMarket.gasPerBlob) / Double(ZKStack.blobPayloadBytes)
        row.blobFixedGas = row.calldataFixedGas
        let total = 16 * bytes + (row.calldataFixedGas ?? 0)
        row.why = "\(source): \(NumberFormat.fixed(bytes, 0)) bytes a transaction, \(NumberFormat.fixed(total / base.published, 1))× the published figure. State diffs do not grow with calldata size, so this row does not carry the trace's heavy tail of large transactions the others do; and its fixed cost per transaction hangs on the batch size: \(NumberFormat.grouped(Int((ZKStack.gasPerBatch / max(1, perBatch)).rounded()))) gas at \(NumberFormat.grouped(Int(perBatch))) transactions a batch, \(NumberFormat.grouped(Int(ZKStack.gasPerBatch / 500))) at 500."
        return row
    }

    /// One sentence on why dacost's figure differs from the published one: what compressed size, and what
    /// size of transaction at this stack's ratio, the published figure implies.
    static func why(_ r: Row, preset: StackPreset) -> String {
        guard let total = r.calldataTotalEIP2028, let bytes = r.bytesPerTx, let compressed = r.compressedBytesPerTx else { return "" }
        let ratio = compressed / max(1, bytes)
        let impliedCompressed = preset.published / 16
        let how: String
        switch preset.encoding {
        case .cdkBatchData?: how = "CDK posts its batch data uncompressed (ratio \(NumberFormat.fixed(ratio, 2)))"
        case .arbitrumBatch?: how = "brotli-11 over Nitro's segments leaves \(NumberFormat.fixed(ratio, 2)) of them"
        default: how = "its channels leave \(NumberFormat.fixed(ratio, 2)) of them"
        }
        return "\(NumberFormat.fixed(total / preset.published, 1))× the published figure. This trace's transactions average \(NumberFormat.fixed(bytes, 0)) bytes and \(how): \(NumberFormat.fixed(compressed, 0)) bytes a transaction. \(NumberFormat.grouped(Int(preset.published))) gas at 16 a byte is about \(NumberFormat.fixed(impliedCompressed, 0)) bytes, which at this ratio means transactions of about \(NumberFormat.fixed(impliedCompressed / max(0.01, ratio), 0)) bytes: the published figure describes a lighter mix of transactions than this trace's."
    }
}
