import DACost
import DACostRPC
import Foundation
import LoopbackNode
import Testing

/// Each fault a provider can throw at a fetch: it either recovers with complete, correct output,
/// or stops with a clear error and a checkpoint from which a re-run completes.
@Suite struct FaultTests {
    static let first: UInt64 = 1000, count = 120

    static func chain() throws -> RecordedChain { try RecordedChain.synthetic(from: first, count: count, perBlock: 8) }

    /// The output of a fault-free fetch, for comparison.
    /// (With `.zst`, each checkpoint ends a zstd frame: the bytes depend on `checkpointEvery`, and on
    /// nothing else.)
    static func clean(_ chain: RecordedChain, zst: Bool = false, checkpointEvery: Int = 256) throws -> [UInt8] {
        let node = try LoopbackNode(chain: chain)
        defer { node.stop() }
        let out = try Fixture.directory() + (zst ? "/clean.jsonl.zst" : "/clean.jsonl")
        try FetchJob.transactions(endpoint: try Fixture.endpoint(node), from: first, to: first + UInt64(count) - 1,
                                  output: out, options: Fixture.options(batch: 10, checkpointEvery: checkpointEvery))
        return Fixture.bytes(out)
    }

    /// Runs a fetch with `fault` on the `at`-th request (0-based) and on `times` requests in a row.
    static func recovers(from fault: Fault, times: Int = 1, timeout: Double = 2) throws -> FetchSummary {
        let chain = try chain()
        let node = try LoopbackNode(chain: chain)
        defer { node.stop() }
        node.setFaults { $0 >= 2 && $0 < 2 + times ? fault : nil }
        let out = try Fixture.directory() + "/out.jsonl"
        let summary = try FetchJob.transactions(endpoint: try Fixture.endpoint(node, timeout: timeout), from: first,
                                                to: first + UInt64(count) - 1, output: out, options: Fixture.options(batch: 10))
        #expect(Fixture.bytes(out) == (try clean(chain)), "output after \(fault) differs from a clean run")
        #expect(summary.retries == times, "\(fault)")
        #expect(summary.transactions == 8 * count && summary.depositsSkipped == count)
        return summary
    }

    @Test func http429WithRetryAfterIsHonoured() throws {
        let node = try LoopbackNode(chain: try Self.chain())
        defer { node.stop() }
        node.setFaults { $0 == 0 ? .status(429, retryAfter: "1") : nil }
        var waits: [Double] = []
        var options = Fixture.options(batch: 200)
        options.retry = RetryPolicy(maxAttempts: 3, baseDelay: 0.001, maxDelay: 0.002, maxRetryAfter: 5)
        let out = try Fixture.directory() + "/out.jsonl"
        let started = Date()
        let s = try FetchJob.transactions(endpoint: try Fixture.endpoint(node), from: Self.first, to: Self.first + 9, output: out,
                                          options: options, onRetry: { _, wait in waits.append(wait) })
        #expect(s.retries == 1)
        #expect(waits == [1.0]) // Retry-After: 1 beats the 1-2 ms backoff
        #expect(Date().timeIntervalSince(started) >= 1.0)
    }

    @Test(arguments: [500, 502, 503])
    func serverErrorsAreRetried(status: Int) throws {
        _ = try Self.recovers(from: .status(status, retryAfter: nil), times: 3)
    }

    @Test func stalledConnectionTimesOutAndIsRetried() throws {
        _ = try Self.recovers(from: .stall(seconds: 1.5), timeout: 0.5)
    }

    @Test func connectionClosedMidBodyIsRetried() throws { _ = try Self.recovers(from: .closeMidBody, times: 2) }

    @Test func truncatedJSONIsRetried() throws { _ = try Self.recovers(from: .truncatedJSON) }

    @Test func invalidJSONIsRetried() throws { _ = try Self.recovers(from: .invalidJSON) }

    @Test func tryLaterRPCErrorIsRetried() throws { _ = try Self.recovers(from: .rpcError(code: -32005, message: "limit exceeded")) }

    @Test func wrongIDIsRetried() throws { _ = try Self.recovers(from: .wrongID) }

    @Test func permanentRPCErrorStopsAtOnceAndResumes() throws {
        let chain = try Self.chain()
        let node = try LoopbackNode(chain: chain)
        defer { node.stop() }
        node.setFaults { $0 == 5 ? .rpcError(code: -32602, message: "invalid argument 0: hex string without 0x prefix") : nil }
        let out = try Fixture.directory() + "/out.jsonl"
        let to = Self.first + UInt64(Self.count) - 1
        let options = Fixture.options(batch: 10, inFlight: 1, checkpointEvery: 20)
        #expect {
            try FetchJob.transactions(endpoint: try Fixture.endpoint(node), from: Self.first, to: to, output: out, options: options)
        } throws: { e in
            guard case .rpc(_, let method, let code, _)? = e as? FetchError else { return false }
            return method == "eth_getBlockByNumber" && code == -32602
        }
        #expect(node.requestCount == 6) // no retry of a request that cannot succeed
        #expect(!FileManager.default.fileExists(atPath: out))
        let cp = try JSONDecoder().decode(CheckpointedOutput.State.self, from: Data(Fixture.bytes(out + ".checkpoint.json")))
        #expect(cp.next == Self.first + 40) // 5 batches of 10 fetched, checkpoints every 20
        node.setFaults { _ in nil }
        let s = try FetchJob.transactions(endpoint: try Fixture.endpoint(node), from: Self.first, to: to, output: out, options: options)
        #expect(s.resumedAt == Self.first + 40)
        #expect(Fixture.bytes(out) == (try Self.clean(chain)))
    }

    @Test func aStopWritesTheLastResumePointEvenBetweenTimedCheckpoints() throws {
        // The checkpoint file is written at most once a second on a fast fetch; a stop must still
        // record the last resume point reached, or a re-run would repeat (and, with .zst, re-frame) work.
        let chain = try Self.chain()
        let node = try LoopbackNode(chain: chain)
        defer { node.stop() }
        node.setFaults { $0 == 5 ? .rpcError(code: -32602, message: "invalid argument") : nil }
        let out = try Fixture.directory() + "/out.jsonl.zst"
        let to = Self.first + UInt64(Self.count) - 1
        var options = Fixture.options(batch: 10, inFlight: 1, checkpointEvery: 20)
        options.checkpointSeconds = 3600
        #expect(throws: FetchError.self) {
            try FetchJob.transactions(endpoint: try Fixture.endpoint(node), from: Self.first, to: to, output: out, options: options)
        }
        let cp = try JSONDecoder().decode(CheckpointedOutput.State.self, from: Data(Fixture.bytes(out + ".checkpoint.json")))
        #expect(cp.next == Self.first + 40)
        node.setFaults { _ in nil }
        let s = try FetchJob.transactions(endpoint: try Fixture.endpoint(node), from: Self.first, to: to, output: out, options: options)
        #expect(s.resumedAt == Self.first + 40)
        #expect(Fixture.bytes(out) == (try Self.clean(chain, zst: true, checkpointEvery: 20)))
    }

    @Test func persistentFailureGivesUpWithACheckpointAndAReRunCompletes() throws {
        let chain = try Self.chain()
        let node = try LoopbackNode(chain: chain)
        defer { node.stop() }
        node.setFaults { $0 >= 7 ? .status(503, retryAfter: nil) : nil }
        let out = try Fixture.directory() + "/out.jsonl.zst"
        let to = Self.first + UInt64(Self.count) - 1
        let options = Fixture.options(batch: 10, inFlight: 2, attempts: 3, checkpointEvery: 30)
        #expect {
            try FetchJob.transactions(endpoint: try Fixture.endpoint(node), from: Self.first, to: to, output: out, options: options)
        } throws: { e in
            guard case .gaveUp(_, let attempts, let last)? = e as? FetchError else { return false }
            return attempts == 3 && last.contains("503")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(FileManager.default.fileExists(atPath: out + ".checkpoint.json"))
        node.setFaults { _ in nil }
        let s = try FetchJob.transactions(endpoint: try Fixture.endpoint(node), from: Self.first, to: to, output: out, options: options)
        #expect(s.resumedAt != nil)
        #expect(Fixture.bytes(out) == (try Self.clean(chain, zst: true, checkpointEvery: 30)))
        #expect(try Fixture.transactions(out).count == 8 * Self.count)
    }

    @Test func parentHashMismatchStopsAndNamesTheBlock() throws {
        let chain = try Self.chain()
        let node = try LoopbackNode(chain: chain)
        defer { node.stop() }
        let bad: UInt64 = Self.first + 57
        node.setParent(of: bad, to: [UInt8](repeating: 0xab, count: 32))
        let out = try Fixture.directory() + "/out.jsonl"
        let to = Self.first + UInt64(Self.count) - 1
        let options = Fixture.options(batch: 10, checkpointEvery: 25)
        var message = ""
        #expect {
            try FetchJob.transactions(endpoint: try Fixture.endpoint(node), from: Self.first, to: to, output: out, options: options)
        } throws: { e in
            message = "\(e)"
            guard case .discontinuity(let block, let parent, _)? = e as? FetchError else { return false }
            return block == bad && parent == "0x" + String(repeating: "ab", count: 32)
        }
        #expect(message.contains("block 1057") && message.contains("gap or a reorg"))
        let cp = try JSONDecoder().decode(CheckpointedOutput.State.self, from: Data(Fixture.bytes(out + ".checkpoint.json")))
        #expect(cp.next == Self.first + 50)
        node.setParent(of: bad, to: nil) // the reorg settles
        _ = try FetchJob.transactions(endpoint: try Fixture.endpoint(node), from: Self.first, to: to, output: out, options: options)
        #expect(Fixture.bytes(out) == (try Self.clean(chain)))
    }

    @Test func hashMismatchNamesTheTransaction() throws {
        // A node that serves a transaction whose fields do not hash to its `hash`.
        var blocks = try Self.chain().blocks.values.sorted { $0.number < $1.number }.prefix(3).map { $0 }
        var raw = blocks[1].transactions[3]
        raw[raw.count - 1] ^= 1 // flip a bit of the signature's s: still well-formed, another hash
        blocks[1].transactions[3] = raw
        let good = try Self.chain()
        let tampered = try RecordedChain(blocks: blocks)
        // Serve the tampered block's fields under the original hashes.
        let node = try LoopbackNode(chain: try RecordedChain.splicingHashes(of: good, into: tampered))
        defer { node.stop() }
        let out = try Fixture.directory() + "/out.jsonl"
        #expect {
            try FetchJob.transactions(endpoint: try Fixture.endpoint(node), from: Self.first, to: Self.first + 2, output: out,
                                      options: Fixture.options())
        } throws: { e in
            guard case .hashMismatch(let block, let index, _, _)? = e as? FetchError else { return false }
            return block == Self.first + 1 && index == 3
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func thirtyPercentRandomFailuresOverAThousandBlocksGiveTheCleanOutput() throws {
        let chain = try RecordedChain.synthetic(from: 5000, count: 1000, perBlock: 5)
        let cleanNode = try LoopbackNode(chain: chain)
        let dir = try Fixture.directory()
        try FetchJob.transactions(endpoint: try Fixture.endpoint(cleanNode), from: 5000, to: 5999, output: dir + "/clean.jsonl.zst",
                                  options: Fixture.options(batch: 10))
        cleanNode.stop()
        let node = try LoopbackNode(chain: chain)
        defer { node.stop() }
        node.setRandomFaults(rate: 0.3, seed: 7, stallSeconds: 0.6)
        let s = try FetchJob.transactions(endpoint: try Fixture.endpoint(node, timeout: 0.3), from: 5000, to: 5999,
                                          output: dir + "/flaky.jsonl.zst", options: Fixture.options(batch: 10, attempts: 30))
        #expect(s.retries > 20)
        #expect(Fixture.bytes(dir + "/flaky.jsonl.zst") == Fixture.bytes(dir + "/clean.jsonl.zst"))
        #expect(try Fixture.transactions(dir + "/flaky.jsonl.zst").count == 5000)
    }
}
