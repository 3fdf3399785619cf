import Foundation
import Testing
@testable import DACost

/// Issue 18: a 1 GB trace's run stays under 300 MB whatever the codecs: the jobs in flight are admitted
/// by the memory they will hold, workers give a large job's memory back, and the estimates are sane.
@Suite struct MemoryBudgetTests {
    /// Jobs of 60 under a budget of 100 run one at a time even with two threads; without a budget, two.
    @Test func aBudgetBoundsWhatRunsAtOnce() {
        func mostAtOnce(budget: Int?) -> Int {
            let pool = WorkerPool(threads: 2, capacity: 8, memoryBudget: budget)
            let state = Locked((running: 0, most: 0))
            for _ in 0..<12 {
                pool.submit(cost: 60) { _ in
                    state.withLock { $0.running += 1; $0.most = max($0.most, $0.running) }
                    usleep(2_000)
                    state.withLock { $0.running -= 1 }
                }
            }
            pool.finish()
            return state.withLock { $0.most }
        }
        #expect(mostAtOnce(budget: 100) == 1)
        #expect(mostAtOnce(budget: nil) == 2)
        // A job over the budget on its own still runs (nothing else is in flight).
        let pool = WorkerPool(threads: 2, capacity: 2, memoryBudget: 10)
        let ran = Locked(0)
        pool.submit(cost: 1_000) { _ in ran.withLock { $0 += 1 } }
        pool.finish()
        #expect(ran.withLock { $0 } == 1)
    }

    /// A reader kept waiting by long jobs still reports progress: `whileWaiting` runs about twice a second
    /// on the waiting thread, in `submit` and in `finish` (a line every ~10 s when stderr is not a terminal).
    @Test func aWaitingSubmitterStillTicks() {
        let pool = WorkerPool(threads: 2, capacity: 1, memoryBudget: 100)
        let ticks = Locked(0)
        let caller = Thread.current
        pool.whileWaiting = { #expect(Thread.current == caller); ticks.withLock { $0 += 1 } }
        // The first job holds the whole budget for 1.6 s: the second waits in `submit`, then in `finish`.
        pool.submit(cost: 100) { _ in usleep(1_600_000) }
        pool.submit(cost: 100) { _ in usleep(600_000) }
        pool.finish()
        #expect(ticks.withLock { $0 } >= 3)
    }

    /// A budget only orders the work: the tightest one (every job alone) gives the same profile, sampled or
    /// exact, with batches of 1 MiB and more (whose workers then drop their codec state).
    @Test func aBudgetChangesNoResult() throws {
        let path = try SampledCompressionTests.syntheticTrace(transactions: 4_000, seed: 21)
        let codecs: [CodecID] = [.none, .zlib(6), .zstd(3), .brotli(5)]
        let targets: [BatchTarget] = [.bytes(64 << 10), .bytes(1 << 20), .bytes(2 << 20)]
        var exact = CompressionRun(codecs: codecs, targets: targets + [.all])
        exact.timing = false
        let free = try exact.run(tracePath: path)
        exact.memoryBudgetBytes = 1
        #expect(try exact.run(tracePath: path) == free)
        var sampled = SampledCompressionRun(codecs: codecs, targets: targets)
        let unbounded = try sampled.run(tracePath: path)
        sampled.memoryBudgetBytes = 1
        #expect(try sampled.run(tracePath: path) == unbounded)
    }

    /// A buffer that held one large output gives its room back.
    @Test func aBufferShrinksAfterALargeOutput() {
        let b = ByteBuffer(capacity: 1 << 10)
        b.append([UInt8](repeating: 7, count: 8 << 20))
        #expect(b.capacity >= 8 << 20)
        b.removeAll(keepingAtMost: 1 << 20)
        #expect(b.count == 0 && b.capacity == 1 << 20)
        b.append([1, 2, 3])
        #expect(Array(b.bytes) == [1, 2, 3])
    }

    /// Working memory: zstd from the library's own estimate (level 19's 8 MiB window, 2^24 chain and 2^22
    /// hash entries of 4 bytes: 80 MB and more), brotli-11's ring of 2^23 and binary tree of 2^25 bytes.
    @Test func codecWorkingMemoryEstimates() {
        #expect(CodecID.brotli(11).workingMemoryBytes == (8 << 20) + (32 << 20))
        #expect(CodecID.brotli(1).workingMemoryBytes == (8 << 20) + (1 << 20))
        #expect(CodecID.zstd(19).workingMemoryBytes > 80 << 20 && CodecID.zstd(19).workingMemoryBytes < 160 << 20)
        #expect(CodecID.zstd(1).workingMemoryBytes < CodecID.zstd(3).workingMemoryBytes)
        #expect(CodecID.zstd(3, windowLog: 24).workingMemoryBytes > CodecID.zstd(3).workingMemoryBytes + (16 << 20))
        #expect(CodecID.zlib(9).workingMemoryBytes == 256 << 10 && CodecID.none.workingMemoryBytes == 0)
    }
}
