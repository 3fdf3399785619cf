import Foundation
import Testing
@testable import DACost

/// Progress lines, rate and ETA against a fake clock: the meter takes the time from its caller.
struct ProgressMeterTests {
    @Test func etaIsWhatIsLeftAtTheRateSoFar() {
        var m = ProgressMeter(label: "project", unit: "paths", style: .log, now: 100)
        // 250 of 1,000 paths after 10 s: 25 paths/s, 750 left, 30 s to go.
        let line = m.update(done: 250, total: 1000, now: 110)
        #expect(line == "project,  25.0%, 250 of 1000 paths, 25 paths/s, ETA 30 s, elapsed 10 s")
        #expect(ProgressMeter.eta(done: 250, total: 1000, elapsed: 10) == 30)
        // Slower from there: the overall rate (300 in 20 s = 15/s) gives 700 / 15 = 46.7 s.
        #expect(m.update(done: 300, total: 1000, now: 120)?.hasSuffix("15 paths/s, ETA 47 s, elapsed 20 s") == true)
        // Nothing done yet, or no time passed: no rate and no ETA rather than a division by zero.
        #expect(ProgressMeter.eta(done: 0, total: 1000, elapsed: 5) == nil)
        #expect(ProgressMeter.rate(done: 10, elapsed: 0) == nil)
    }

    @Test func aLogGetsALineEveryTenSecondsATerminalFiveASecond() {
        var log = ProgressMeter(label: "compress", unit: "bytes", style: .log, now: 0)
        let shown = stride(from: 1.0, through: 35, by: 1).filter { log.update(done: $0 * 1e6, total: 50e6, now: $0) != nil }
        #expect(shown == [10, 20, 30])
        var tty = ProgressMeter(label: "compress", unit: "bytes", style: .terminal, now: 0)
        #expect(tty.update(done: 1e6, total: 50e6, now: 0.1) == nil)
        let line = tty.update(done: 25e6, total: 50e6, now: 0.25)
        #expect(line == "compress  [############............]   50.0%  25 of 50 MB  100 MB/s  ETA 0 s  elapsed 0 s")
        var quiet = ProgressMeter(label: "compress", unit: "bytes", style: .silent, now: 0)
        #expect(quiet.update(done: 1, total: 2, now: 1e6) == nil)
    }

    @Test func anUnknownTotalHasNoBarAndNoETA() {
        let m = ProgressMeter(label: "compress", unit: "txs", style: .terminal, now: 0)
        #expect(m.line(done: 1500, total: nil, now: 3) == "compress  1500 txs  500 txs/s  elapsed 3 s")
    }

    @Test func durationsReadAsAPersonPlansWithThem() {
        #expect(ProgressMeter.duration(59.4) == "59 s")
        #expect(ProgressMeter.duration(185) == "3 min 05 s")
        #expect(ProgressMeter.duration(7620) == "2 h 07 min")
        #expect(ProgressMeter.duration(.infinity) == "?")
        #expect(ProgressMeter.bar(fraction: 0.5, width: 4) == "[##..]")
        #expect(ProgressMeter.bar(fraction: .nan, width: 2) == "[..]")
    }

    /// A compression run's share done counts every pass of a codec over the trace as one unit: the batch
    /// passes move with the bytes read, the whole-trace passes one by one after the reading.
    @Test func compressionProgressWeighsBatchAndWholeTracePasses() {
        var p = CompressionProgress(transactions: 10, bytesRead: 500, bytes: 1000, batchPasses: 4, wholePassesDone: 0, wholePasses: 2)
        #expect(p.fraction == 0.5 * 4 / 6)
        p.bytesRead = 1000; p.wholePassesDone = 1
        #expect(p.fraction == 5.0 / 6)
        p.bytes = nil
        #expect(p.fraction == nil)
    }

    /// The reader counts the file's bytes as it reads them, the size its progress is measured against.
    @Test func traceReaderCountsTheFilesBytes() throws {
        for path in ["fixtures/traces/op-mainnet-1766.hex", "fixtures/traces/l1-mainnet-rpc-sample.jsonl"] {
            let r = try TraceReader(path: path)
            let size = try #require(r.fileBytes)
            while try r.next() != nil {}
            #expect(r.fileBytesRead == size, "\(path)")
        }
    }

    @Test func aCompressionRunReportsItsProgressToTheEnd() throws {
        var run = CompressionRun(codecs: [.zstd(3)], targets: [.bytes(128 << 10), .all])
        run.jobs = 2
        let seen = Locked<[CompressionProgress]>([])
        run.progress = { p in seen.withLock { $0.append(p) } }
        _ = try run.run(tracePath: "fixtures/traces/op-mainnet-1766.hex")
        let last = try #require(seen.withLock { $0 }.last)
        #expect(last.fraction == 1 && last.transactions == 1766 && last.wholePassesDone == 1)
    }
}
