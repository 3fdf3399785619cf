import DACost
import Foundation

/// The fetches the command line offers, as library calls.
public enum FetchJob {
    /// Every transaction of blocks `from...to` as `{"block","timestamp","index","raw"}` JSON lines
    /// (`.jsonl`, or `.jsonl.zst` compressed), re-encoded from the block's transaction objects and
    /// checked against their hashes; OP deposits skipped and counted.
    public static func transactions(endpoint: RPCEndpoint, from: UInt64, to: UInt64, output: String,
                                    options: FetchOptions = FetchOptions(),
                                    progress: ((FetchProgress) -> Void)? = nil,
                                    onRetry: ((String, Double) -> Void)? = nil) throws -> FetchSummary {
        try requireJSONLines(output, "a transaction trace")
        let out = try CheckpointedOutput(path: output, kind: "txs", from: from, to: to)
        return try BlockRangeFetch(endpoint: endpoint, options: options, hydrated: true)
            .run(into: out, decode: { b, _, n in try BlockDecoding.transactions(b, expected: n) }, progress: progress, onRetry: onRetry)
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
            .run(into: out, decode: { b, _, n in try BlockDecoding.feeRow(b, expected: n, schedule: schedule) }, progress: progress, onRetry: onRetry)
    }

    /// Every transaction of blocks `from...to` as a ZK Stack state-diff trace (`StateDiffTrace` JSON lines,
    /// `.jsonl` or `.jsonl.zst`), from the node's prestate tracer in diff mode (`StateDiffDecoding`): the
    /// node must serve `debug_traceBlockByNumber` (an archive node for old blocks).
    public static func stateDiffs(endpoint: RPCEndpoint, from: UInt64, to: UInt64, output: String,
                                  options: FetchOptions = FetchOptions(),
                                  progress: ((FetchProgress) -> Void)? = nil,
                                  onRetry: ((String, Double) -> Void)? = nil) throws -> FetchSummary {
        try requireJSONLines(output, "a state-diff trace")
        let out = try CheckpointedOutput(path: output, kind: "state-diffs", from: from, to: to)
        return try BlockRangeFetch(endpoint: endpoint, options: options, hydrated: false, traceCall: StateDiffDecoding.traceCall)
            .run(into: out, decode: { b, trace, n in
                guard let trace else { throw FetchError.badBlock(number: n, field: "debug_traceBlockByNumber", problem: "no trace in the answer") }
                return try StateDiffDecoding.block(b, trace: trace, expected: n)
            }, progress: progress, onRetry: onRetry)
    }

    /// A trace is written as JSON lines, plain or zstd-compressed: refuse another file name before fetching.
    static func requireJSONLines(_ output: String, _ what: String) throws {
        let lower = output.lowercased()
        guard [".jsonl", ".jsonl.zst", ".ndjson", ".ndjson.zst"].contains(where: { lower.hasSuffix($0) }) else {
            throw FetchError.badRequest("-o \(output): expected a .jsonl or .jsonl.zst file name for \(what)")
        }
    }
}
