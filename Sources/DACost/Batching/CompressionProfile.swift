/// How well and how fast each codec compresses a trace at each batch size: what `dacost compress -o`
/// writes (schema `dacost.compression-profile/v1`) and what pricing and CI checks read back.
public struct CompressionProfile: Codable, Equatable, Sendable {
    public static let schemaID = "dacost.compression-profile/v1"

    public struct TraceInfo: Codable, Equatable, Sendable {
        public var path: String
        public var transactions: Int
        /// Total signed transaction bytes.
        public var bytes: Int
        /// SHA-256 over the transactions, each as a 4-byte big-endian length then its bytes: the same
        /// value whatever file format or compression carried them.
        public var sha256: String
        public var depositsSkipped: Int
        /// Count by transaction type (`EIP-1559`: 1200, …).
        public var types: [String: Int]
        /// Σ FastLZ length per transaction, and Σ OP Fjord estimated size × 1e6 (the fee formula's input).
        public var fastlzBytes: Int
        public var fjordEstimatedSizeScaled: Int

        enum CodingKeys: String, CodingKey {
            case path, transactions, bytes, sha256, types
            case depositsSkipped = "deposits_skipped", fastlzBytes = "fastlz_bytes"
            case fjordEstimatedSizeScaled = "fjord_estimated_size_scaled"
        }
    }

    public struct Result: Codable, Equatable, Sendable {
        public var codec: CodecID
        public var batch: BatchTarget
        public var batchTargetBytes: Int?
        public var batches: Int
        public var transactions: Int
        public var inputBytes: Int
        public var compressedBytes: Int
        /// Bytes of the stack's posted encoding before compression (OP: the span batches as channels
        /// hold them), when the run encoded the batches; `compressedBytes` is then the compressed encoding.
        public var encodedBytes: Int?
        /// Zero bytes in the compressed output (calldata prices them lower).
        public var compressedZeroBytes: Int = 0
        public var ratio: Double
        public var ratioP5: Double
        public var ratioP50: Double
        public var ratioP95: Double
        /// For a sampled profile: the batches compressed with this codec (all of them for an exact result), and the
        /// ratio's standard error (absolute; 0 when every batch was measured). Nil in an exact profile.
        public var sampledBatches: Int?
        public var ratioStandardError: Double?
        /// For a sampled size past the codecs' windows: the two smaller sizes (bytes) whose measured
        /// compressed sizes, on the same sampled batches, it was extrapolated from. Nil when measured.
        public var extrapolatedFrom: [Int]?
        /// Median over `--repeat` runs, MB = 10^6 bytes as lzbench and `zstd -b` count; nil when not timed.
        public var compressMBs: Double?
        public var decompressMBs: Double?

        public var bytesPerTx: Double { transactions > 0 ? Double(inputBytes) / Double(transactions) : 0 }
        public var compressedBytesPerTx: Double { transactions > 0 ? Double(compressedBytes) / Double(transactions) : 0 }

        enum CodingKeys: String, CodingKey {
            case codec, batch, batches, transactions, ratio
            case batchTargetBytes = "batch_target_bytes"
            case inputBytes = "input_bytes"
            case compressedBytes = "compressed_bytes"
            case encodedBytes = "encoded_bytes"
            case compressedZeroBytes = "compressed_zero_bytes"
            case ratioP5 = "ratio_p5", ratioP50 = "ratio_p50", ratioP95 = "ratio_p95"
            case compressMBs = "compress_mb_s", decompressMBs = "decompress_mb_s"
            case sampledBatches = "sampled_batches", ratioStandardError = "ratio_standard_error"
            case extrapolatedFrom = "extrapolated_from"
        }

        /// The ratio's 95% interval (± 1.96 standard errors); nil when it was measured on every batch.
        public var ratioInterval: ClosedRange<Double>? {
            guard let se = ratioStandardError, se > 0 else { return nil }
            return (ratio - 1.96 * se)...(ratio + 1.96 * se)
        }
    }

    public var schema: String = CompressionProfile.schemaID
    public var dacostVersion: String
    public var trace: TraceInfo
    /// Library versions by library name (`"zstd": "1.5.4"`).
    public var codecs: [String: String]
    public var results: [Result]
    /// The stack's encoding the batches were compressed in (`BatchEncoding.name`, e.g. `op-span-batch:12`);
    /// absent for the signed transactions as they are. `check` replays it.
    public var encoding: String?
    /// How the profile was sampled (`SampledCompressionRun`); nil when every batch of every size was measured.
    public var sampling: SamplingPlan?

    enum CodingKeys: String, CodingKey {
        case schema, trace, codecs, results, encoding, sampling
        case dacostVersion = "dacost_version"
    }

    /// The result for a codec at a batch target, if measured.
    public func result(codec: CodecID, batch: BatchTarget) -> Result? {
        results.first { $0.codec == codec && $0.batch == batch }
    }
}
