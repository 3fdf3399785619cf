/// L1 data-availability gas per transaction on the real trace: dacost's figure next to the figures
/// rollups publish, as a sanity check of the whole chain of numbers.
public struct SeedCheck: Codable, Equatable, Sendable {
    public var codec: CodecID
    public var bytesPerTx: Double
    public var compressedBytesPerTx: Double
    /// Calldata gas per transaction under EIP-7623 (the floor binds for an EOA inbox).
    public var calldataGasPerTx: Double
    /// The same bytes at the pre-Pectra EIP-2028 price (16 per non-zero byte), as the published figures used.
    public var calldataGasPerTxEIP2028: Double
    public var blobGasPerTx: Double
    public var blobExecutionGasPerTx: Double
    /// L2 transactions in one full calldata submission and in one full blob submission (not in the
    /// report's JSON: the stack table spreads per-batch costs over them).
    public var transactionsPerCalldataSubmission = 0.0, transactionsPerBlobSubmission = 0.0

    enum CodingKeys: String, CodingKey {
        case codec
        case bytesPerTx = "bytes_per_tx", compressedBytesPerTx = "compressed_bytes_per_tx"
        case calldataGasPerTx = "calldata_gas_per_tx", calldataGasPerTxEIP2028 = "calldata_gas_per_tx_eip2028"
        case blobGasPerTx = "blob_gas_per_tx", blobExecutionGasPerTx = "blob_execution_gas_per_tx"
    }

    /// Published L1 gas per transaction: OP Stack with batch compression and Arbitrum with brotli.
    public static let published: [(String, Double, String)] = [
        ("OP Stack", 2_100, "with batch compression, calldata before EIP-4844"),
        ("Arbitrum", 2_800, "with brotli, calldata before EIP-4844"),
    ]

    public static func compute(codec: CodecID, profile: CompressionProfile, batcher: Scenario.BatcherPolicy) -> SeedCheck? {
        guard let curve = RatioCurve(profile: profile, codec: codec) else { return nil }
        let bytesPerTx = Double(profile.trace.bytes) / Double(max(1, profile.trace.transactions))
        let calldata = EthereumCalldata(maxTxSize: batcher.maxCalldataTxSize)
        let blobs = EthereumBlobs(encoding: batcher.blobEncoding, targetBlobsPerTx: batcher.targetBlobsPerTx)
        func perTx(_ layer: DALayer) -> (Packing, Double, Double) {
            let batch = curve.uncompressedSize(forCompressed: Double(layer.maxSubmissionBytes))
            return (layer.pack(curve.payload(forBatch: batch)), batch / bytesPerTx, curve.at(batch).ratio)
        }
        let (cd, cdTxs, ratio) = perTx(calldata)
        let (bl, blTxs, _) = perTx(blobs)
        let zeros = Double(cd.payload.zeroBytes), nonZero = Double(cd.payload.bytes) - zeros
        let overhead = Double(cd.transactions) * 21_000
        return SeedCheck(codec: codec, bytesPerTx: bytesPerTx, compressedBytesPerTx: bytesPerTx * ratio,
                         calldataGasPerTx: Double(cd.units["gas"] ?? 0) / cdTxs,
                         calldataGasPerTxEIP2028: (overhead + 4 * zeros + 16 * nonZero) / cdTxs,
                         blobGasPerTx: Double(bl.units["blob_gas"] ?? 0) / blTxs,
                         blobExecutionGasPerTx: Double(bl.units["execution_gas"] ?? 0) / blTxs,
                         transactionsPerCalldataSubmission: cdTxs / Double(max(1, cd.transactions)),
                         transactionsPerBlobSubmission: blTxs / Double(max(1, bl.transactions)))
    }
}

/// Everything `compare` found, in one value that every output format renders.
public struct Report: Codable, Equatable, Sendable {
    public static let schemaID = "dacost.report/v1"

    public struct TraceSummary: Codable, Equatable, Sendable {
        public var path: String
        public var sha256: String
        public var transactions: Int
        public var bytes: Int
        public var bytesPerTx: Double
        enum CodingKeys: String, CodingKey { case path, sha256, transactions, bytes, bytesPerTx = "bytes_per_tx" }
    }

    public struct MarketSummary: Codable, Equatable, Sendable {
        /// Wei amounts as decimal strings (they may not fit a JSON number exactly).
        public var l1BaseFeeWei: String
        public var l1PriorityFeeWei: String
        public var blobBaseFeeWei: String
        public var blobFeeSource: String
        public var blobFork: String
        public var blobTarget: Int
        public var blobMax: Int
        /// The calldata rule in force on the scenario's day (fork name and pricing); nil in older reports.
        public var calldataFork: String?
        public var calldataPricing: CalldataPricing?
        public var usd: [String: Double]
        enum CodingKeys: String, CodingKey {
            case usd, calldataFork = "calldata_fork", calldataPricing = "calldata_pricing"
            case l1BaseFeeWei = "l1_base_fee_wei", l1PriorityFeeWei = "l1_priority_fee_wei", blobBaseFeeWei = "blob_base_fee_wei"
            case blobFeeSource = "blob_fee_source", blobFork = "blob_fork", blobTarget = "blob_target", blobMax = "blob_max"
        }
    }

    public struct TrustRow: Codable, Equatable, Sendable {
        public var layer: String
        public var kind: LayerKind
        public var guarantor: String
        public var tradeOff: String
        enum CodingKeys: String, CodingKey { case layer, kind, guarantor, tradeOff = "trade_off" }
    }

    /// A codec's measured ratio by batch size (mean batch bytes), from the trace's profile.
    public struct RatioPoints: Codable, Equatable, Sendable {
        public struct Point: Codable, Equatable, Sendable {
            public var batchBytes: Double
            public var ratio: Double
            public var ratioP5: Double
            public var ratioP95: Double
            enum CodingKeys: String, CodingKey { case ratio, batchBytes = "batch_bytes", ratioP5 = "ratio_p5", ratioP95 = "ratio_p95" }
        }
        public var codec: CodecID
        public var points: [Point]
    }

    public var schema = Report.schemaID
    public var dacostVersion: String
    public var scenarioFile: String
    public var scenario: Scenario
    public var trace: TraceSummary
    public var codecLibraries: [String: String]
    public var market: MarketSummary
    /// Cheapest first; the first row is the winner.
    public var rows: [ComparisonRow]
    public var trust: [TrustRow]
    public var opFee: OPFeeCheck?
    public var seedCheck: [SeedCheck]
    public var ratioCurves: [RatioPoints]
    public var assumptions: [String]
    public var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case schema, scenario, trace, market, rows, trust, assumptions, warnings
        case dacostVersion = "dacost_version", scenarioFile = "scenario_file", codecLibraries = "codec_libraries"
        case opFee = "op_fee", seedCheck = "seed_check", ratioCurves = "ratio_curves"
    }
}
