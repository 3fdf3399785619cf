import DACost
import DACostRPC
import Foundation
import LoopbackNode

enum Fixture {
    static var root: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }
    static var trace: String { root + "/fixtures/traces/l1-mainnet-portal-6-blocks.hex" }
    static var headers: String { root + "/fixtures/rpc/mainnet-blob-headers.json" }

    /// The six recorded blocks, in four contiguous ranges.
    static let ranges: [ClosedRange<UInt64>] = [19426586...19426587, 22162263...22162263, 22431083...22431084, 22869878...22869878]

    static func mainnet() throws -> RecordedChain { try RecordedChain.mainnet(trace: trace, headers: headers) }

    static func directory() throws -> String {
        let dir = NSTemporaryDirectory() + "dacost-rpc-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Fast retries and a short timeout, so fault tests take milliseconds, not minutes.
    static func options(batch: Int = 20, inFlight: Int = 4, attempts: Int = 10, checkpointEvery: Int = 256) -> FetchOptions {
        var o = FetchOptions()
        o.batchSize = batch
        o.inFlight = inFlight
        o.checkpointEvery = checkpointEvery
        o.checkpointSeconds = 0 // every resume point written, so the tests can read where a run stopped
        o.retry = RetryPolicy(maxAttempts: attempts, baseDelay: 0.005, maxDelay: 0.05, maxRetryAfter: 0.2)
        return o
    }

    static func endpoint(_ node: LoopbackNode, timeout: Double = 2) throws -> RPCEndpoint {
        var e = try RPCEndpoint(url: node.url)
        e.requestTimeout = timeout
        e.connectTimeout = 2
        return e
    }

    /// The signed transactions of a `.jsonl` (optionally `.zst`) trace, through the trace reader.
    static func transactions(_ path: String) throws -> [[UInt8]] {
        var out: [[UInt8]] = []
        try TraceReader(path: path).forEach { out.append($0.bytes) }
        return out
    }

    static func bytes(_ path: String) -> [UInt8] { FileManager.default.contents(atPath: path).map(Array.init) ?? [] }
}
