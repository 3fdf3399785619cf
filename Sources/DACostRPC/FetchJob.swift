import DACost
import Foundation

/// The two fetches the command line offers, as library calls.
public enum FetchJob {
    /// Every transaction of blocks `from...to` as `{"block","timestamp","index","raw"}` JSON lines
    /// (`.jsonl`, or `.jsonl.zst` compressed), re-encoded from the block's transaction objects and
    /// checked against their hashes; OP deposits skipped and counted.
    public static func transactions(endpoint: RPCEndpoint, from: UInt64, to: UInt64, output: String,
                                    options: FetchOptions = FetchOptions(),
                                    progress: ((FetchProgress) -> Void)? = nil,
                                    onRetry: ((String, Double) -> Void)? = nil) throws -> FetchSummary {
        let lower = output.lowercased()
        guard [".jsonl", ".jsonl.zst", ".ndjson", ".ndjson.zst"].contains(where: { lower.hasSuffix($0) }) else {
            throw FetchError.badRequest("-o \(output): expected a .jsonl or .jsonl.zst file name for a transaction trace")
        }
        let out = try CheckpointedOutput(path: output, kind: "txs", from: from, to: to)
        return try BlockRangeFetch(endpoint: endpoint, options: options, hydrated: true)
            .run(into: out, decode: { try BlockDecoding.transactions($0, expected: $1) }, progress: progress, onRetry: onRetry)
    }

    /// Per-block fee history as CSV (`BlockDecoding.feeHeader`), from block headers.
    public static func fees(endpoint: RPCEndpoint, from: UInt64, to: UInt64, output: String,
                            schedule: BlobSchedule = .mainnet, options: FetchOptions = FetchOptions(),
                            progress: ((FetchProgress) -> Void)? = nil,
                            onRetry: ((String, Double) -> Void)? = nil) throws -> FetchSummary {
        guard output.lowercased().hasSuffix(".csv") else {
            throw FetchError.badRequest("-o \(output): expected a .csv file name for fee history")
        }
        let out = try CheckpointedOutput(path: output, kind: "fees", from: from, to: to, header: Array(BlockDecoding.feeHeader.utf8))
        return try BlockRangeFetch(endpoint: endpoint, options: options, hydrated: false)
            .run(into: out, decode: { try BlockDecoding.feeRow($0, expected: $1, schedule: schedule) }, progress: progress, onRetry: onRetry)
    }
}
