import DACost
import Foundation

/// Tuning of a fetch.
public struct FetchOptions: Sendable {
    /// Blocks per JSON-RPC batch.
    public var batchSize = 20
    /// Requests in flight at once (one connection each).
    public var inFlight = 4
    /// A resume point every this many blocks (counted from `--from`, so the output does not depend
    /// on where a run was interrupted: with `.zst`, each ends a frame).
    public var checkpointEvery = 256
    /// The checkpoint file is written at a resume point when this long has passed since the last
    /// write, and always when the fetch stops on an error: a re-run repeats at most this much work.
    public var checkpointSeconds = 1.0
    public var retry = RetryPolicy()
    public init() {}
}

/// Progress after each written batch, for the terminal.
public struct FetchProgress: Sendable {
    public var blocksDone: UInt64
    public var blocksTotal: UInt64
    public var transactions: Int
    public var retries: Int
    public var elapsed: Double
}

/// What a finished fetch did.
public struct FetchSummary: Sendable, CustomStringConvertible {
    public var blocks: UInt64
    public var transactions: Int
    public var depositsSkipped: Int
    public var transactionBytes: Int
    public var responseBytes: Int
    public var retries: Int
    public var seconds: Double
    /// The block a resumed run started from.
    public var resumedAt: UInt64?

    public var description: String {
        var s = "\(blocks) blocks"
        if transactions > 0 || transactionBytes > 0 {
            s += ", \(transactions) transactions (\(transactionBytes) signed bytes)"
            if depositsSkipped > 0 { s += ", \(depositsSkipped) deposits skipped" }
        }
        s += ", \(responseBytes) bytes received, \(retries) retries, \(String(format: "%.2f", seconds)) s"
        if let r = resumedAt { s += " (resumed at block \(r))" }
        return s
    }
}

/// Fetches a range of blocks in order with several requests in flight: workers fetch batches
/// ahead (within a bounded window, so memory stays flat), the caller's thread checks `parentHash`
/// continuity and writes blocks strictly in order, with checkpoints.
public final class BlockRangeFetch {
    public let endpoint: RPCEndpoint
    public let options: FetchOptions
    public let hydrated: Bool
    /// A second call per block whose result `decode` also reads (`fetch state-diffs`: the block's trace).
    public let traceCall: ((UInt64) -> RPCCall)?

    /// `hydrated`: full transaction objects (`fetch txs`) or headers only (`fetch fees`).
    public init(endpoint: RPCEndpoint, options: FetchOptions, hydrated: Bool, traceCall: ((UInt64) -> RPCCall)? = nil) {
        self.endpoint = endpoint; self.options = options; self.hydrated = hydrated; self.traceCall = traceCall
    }

    /// Runs the fetch into `output`; `decode` turns one block result (and its trace, with `traceCall`)
    /// into what is written.
    public func run(into output: CheckpointedOutput,
                    decode: @escaping (JSONElement, JSONElement?, UInt64) throws -> FetchedBlock,
                    progress: ((FetchProgress) -> Void)? = nil,
                    onRetry: ((String, Double) -> Void)? = nil) throws -> FetchSummary {
        let started = monotonicSeconds()
        var state = output.state
        let from = state.from, to = state.to
        let resumedAt: UInt64? = output.resumed ? state.next : nil
        let batch = UInt64(max(1, options.batchSize))
        let firstBlock = state.next
        let remaining = firstBlock > to ? 0 : to - firstBlock + 1
        let taskCount = Int((remaining + batch - 1) / batch)
        let shared = Shared(window: max(2, options.inFlight * 2))
        let hydrated = self.hydrated, endpoint = self.endpoint, policy = options.retry, traceCall = self.traceCall

        var threads: [Thread] = []
        for _ in 0..<min(max(1, options.inFlight), max(1, taskCount)) where taskCount > 0 {
            let t = Thread {
                var client: JSONRPCClient
                do {
                    client = try JSONRPCClient(endpoint: endpoint, policy: policy)
                } catch {
                    shared.fail(error); return
                }
                client.onRetry = onRetry
                client.isCancelled = { shared.stopped }
                var reported = (retries: 0, bytes: 0)
                while let task = shared.take(taskCount) {
                    let lo = firstBlock + UInt64(task) * batch
                    let hi = min(to, lo + batch - 1)
                    let calls = (lo...hi).flatMap { n in
                        [RPCCall(method: "eth_getBlockByNumber", params: "[\"0x\(String(n, radix: 16))\",\(hydrated)]")] + (traceCall.map { [$0(n)] } ?? [])
                    }
                    let per = traceCall == nil ? 1 : 2
                    let result: Result<[FetchedBlock], Error>
                    do {
                        result = .success(try client.batch(calls) { results in
                            try (lo...hi).enumerated().map { k, n in
                                try decode(results[k * per], per == 2 ? results[k * per + 1] : nil, n)
                            }
                        })
                    } catch {
                        result = .failure(error)
                    }
                    shared.put(task, result, retries: client.retries - reported.retries, bytes: client.bytesReceived - reported.bytes)
                    reported = (client.retries, client.bytesReceived)
                }
                shared.finished()
            }
            t.stackSize = 1 << 22
            threads.append(t)
            t.start()
        }
        defer { shared.stop() }

        var lastHash = state.lastHash
        var blocksDone = firstBlock - from
        var committed = monotonicSeconds()
        // Whatever stops the loop, the last resume point reached is what a re-run starts from.
        var finished = false
        defer { if !finished { try? output.commit() } }
        for task in 0..<taskCount {
            let blocks = try shared.next(task).get()
            for block in blocks {
                if let previous = lastHash, block.parentHash != previous {
                    throw FetchError.discontinuity(block: block.number, parentHash: block.parentHash, previousHash: previous)
                }
                lastHash = block.hash
                try output.append(block.text)
                state.transactions += block.transactions
                state.depositsSkipped += block.depositsSkipped
                state.transactionBytes += block.transactionBytes
                blocksDone += 1
                if blocksDone % UInt64(max(1, options.checkpointEvery)) == 0 && block.number != to {
                    state.next = block.number + 1
                    state.lastHash = lastHash
                    try output.mark(state)
                    if monotonicSeconds() - committed >= options.checkpointSeconds {
                        try output.commit()
                        committed = monotonicSeconds()
                    }
                }
            }
            progress?(FetchProgress(blocksDone: blocksDone, blocksTotal: to - from + 1, transactions: state.transactions,
                                    retries: shared.retries, elapsed: monotonicSeconds() - started))
        }
        shared.stop()
        shared.waitForWorkers(threads.count)
        try output.finish()
        finished = true
        return FetchSummary(blocks: to - from + 1, transactions: state.transactions, depositsSkipped: state.depositsSkipped,
                            transactionBytes: state.transactionBytes, responseBytes: shared.bytes, retries: shared.retries,
                            seconds: monotonicSeconds() - started, resumedAt: resumedAt)
    }

    /// State shared between the workers and the writing thread.
    private final class Shared: @unchecked Sendable {
        private let condition = NSCondition()
        private let window: Int
        private var nextTask = 0
        private var consumed = 0
        private var results: [Int: Result<[FetchedBlock], Error>] = [:]
        private var isStopped = false
        private var done = 0
        private var retryCount = 0, byteCount = 0
        var retries: Int { condition.lock(); defer { condition.unlock() }; return retryCount }
        var bytes: Int { condition.lock(); defer { condition.unlock() }; return byteCount }

        init(window: Int) { self.window = window }

        var stopped: Bool { condition.lock(); defer { condition.unlock() }; return isStopped }

        /// The next task to fetch, waiting while the window ahead of the writer is full; nil when done.
        func take(_ count: Int) -> Int? {
            condition.lock(); defer { condition.unlock() }
            while !isStopped && nextTask < count && nextTask >= consumed + window { condition.wait() }
            guard !isStopped, nextTask < count else { return nil }
            nextTask += 1
            return nextTask - 1
        }

        func put(_ task: Int, _ r: Result<[FetchedBlock], Error>, retries: Int, bytes: Int) {
            condition.lock(); defer { condition.unlock() }
            results[task] = r
            retryCount += retries; byteCount += bytes
            // Stop handing out work after a failure: the writer stops at it anyway.
            if case .failure = r { isStopped = true }
            condition.broadcast()
        }

        func fail(_ error: Error) {
            condition.lock(); defer { condition.unlock() }
            results[nextTask] = .failure(error)
            isStopped = true
            condition.broadcast()
        }

        /// Waits for `task`'s result. Tasks already handed out are waited for, so that everything
        /// before a failure is written; a task nobody will fetch any more returns the first failure.
        func next(_ task: Int) -> Result<[FetchedBlock], Error> {
            condition.lock(); defer { condition.unlock() }
            while results[task] == nil {
                if isStopped && task >= nextTask,
                   let first = results.keys.sorted().first(where: { if case .failure = results[$0] { return true }; return false }),
                   let failure = results[first] {
                    return failure
                }
                condition.wait()
            }
            consumed = task + 1
            condition.broadcast()
            return results.removeValue(forKey: task) ?? .failure(FetchError.checkpoint(path: "", problem: "internal: lost a result"))
        }

        func finished() {
            condition.lock(); defer { condition.unlock() }
            done += 1
            condition.broadcast()
        }

        func stop() {
            condition.lock(); defer { condition.unlock() }
            isStopped = true
            condition.broadcast()
        }

        func waitForWorkers(_ n: Int) {
            condition.lock(); defer { condition.unlock() }
            while done < n { condition.wait() }
        }
    }
}
