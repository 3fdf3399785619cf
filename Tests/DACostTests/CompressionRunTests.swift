import Foundation
import Testing
@testable import DACost

@Suite struct CompressionRunTests {
    @Test func batchesNeverSplitATransaction() {
        var s = BatchSplitter(target: 100)
        var closed = [BatchSplitter.Batch]()
        for size in [40, 50, 20, 150, 10, 90, 1] {
            if let c = s.add([UInt8](repeating: 1, count: size)) { closed.append(c) }
        }
        if let c = s.flush() { closed.append(c) }
        // 40+50 | 20 | 150 (alone, over the target) | 10+90 | 1
        #expect(closed.map(\.bytes.count) == [90, 20, 150, 100, 1])
        #expect(closed.map(\.transactions) == [2, 1, 1, 2, 1])
        #expect(closed.map(\.lengths) == [[40, 50], [20], [150], [10, 90], [1]])
    }

    /// `--stack op`: each batch compressed as the OP batcher writes it, one span batch per channel. On the
    /// bundled trace in one batch (all 1,766 transactions), the encoding is within 0.1% of the real
    /// channel's 1,409,463 decompressed bytes and its zlib-9 within 0.5% of the real 615,361 bytes; a
    /// brotli channel carries its version byte; the whole-trace target is refused with the reason.
    @Test func encodesBatchesAsOPChannels() throws {
        var run = CompressionRun(codecs: [.zlib(9), .brotli(10)], targets: [.bytes(4 << 20), .bytes(128 << 10)])
        run.encoding = .opMainnet
        run.timing = false
        run.verify = true
        let p = try run.run(tracePath: "fixtures/traces/op-mainnet-1766.hex")
        let zlib = try #require(p.result(codec: .zlib(9), batch: .bytes(4 << 20)))
        let encoded = try #require(zlib.encodedBytes)
        #expect(zlib.batches == 1 && abs(Double(encoded - 1_409_463)) / 1_409_463 < 0.001, "\(encoded)")
        #expect(abs(Double(zlib.compressedBytes - 615_361)) / 615_361 < 0.005, "\(zlib.compressedBytes)")
        // The span batch is smaller than the signed transactions it carries; ratios stay over the latter.
        #expect(encoded < zlib.inputBytes && zlib.ratio == Double(zlib.compressedBytes) / Double(zlib.inputBytes))
        // Brotli: the same stream as compressing the encoding, plus the channel version byte.
        let brotli = try #require(p.result(codec: .brotli(10), batch: .bytes(4 << 20)))
        let stream = ByteBuffer()
        let txs = try SpanBatchTests.traceTransactions()
        let channel = SpanBatchEncoder.channelContent(try SpanBatchEncoder.encode(txs, blocks: .even(transactions: 1766, count: 148)))
        try channel.withUnsafeBytes { try CodecID.brotli(10).makeCompressor().compress($0, into: stream) }
        #expect(channel.count == encoded && brotli.compressedBytes == stream.count + 1)
        #expect(try #require(p.result(codec: .zlib(9), batch: .bytes(128 << 10))).batches > 1)
        run.targets = [.all]
        #expect(throws: BatchEncoding.UnsupportedTarget.self) { try run.run(tracePath: "fixtures/traces/op-mainnet-1766.hex") }
    }

    @Test func parsesBatchSizes() throws {
        #expect(try BatchTarget.parseList("16k,128k,780k,all") == [.bytes(16_384), .bytes(131_072), .bytes(798_720), .all])
        #expect(try BatchTarget.parseList("1m,500") == [.bytes(1 << 20), .bytes(500)])
        for bad in ["", "0", "-5", "12q", "k", "2g"] {
            #expect(throws: TraceError.self, "\(bad)") { _ = try BatchTarget.parseList(bad) }
        }
    }

    @Test func resultsDoNotDependOnJobs() throws {
        func profile(jobs: Int) throws -> CompressionProfile {
            var run = CompressionRun(codecs: [.fastlz, .zlib(6), .zstd(3), .brotli(5)], targets: [.bytes(16 << 10), .bytes(128 << 10), .all])
            run.jobs = jobs
            run.timing = false
            return try run.run(tracePath: TraceReaderTests.op)
        }
        let one = try profile(jobs: 1), two = try profile(jobs: 2), three = try profile(jobs: 3)
        #expect(one == two)
        #expect(one == three)
        #expect(try JSONOutput.encode(one) == JSONOutput.encode(two))
        let r = try #require(one.result(codec: .zstd(3), batch: .bytes(16 << 10)))
        #expect(r.batches == 88)
        #expect(r.inputBytes == 1_419_767)
        #expect(r.ratioP5 <= r.ratioP50 && r.ratioP50 <= r.ratioP95)
        #expect(one.trace.sha256.count == 64)
        #expect(one.codecs["zstd"] == ZstdCodec.libraryVersion)
    }

    @Test func perTransactionListsEverySize() throws {
        var run = CompressionRun(codecs: [.fastlz], targets: [.perTransaction])
        run.timing = false
        var seen = [(Int, Int)]()
        run.perTransaction = { _, index, bytes, compressed in seen.append((index, compressed)); _ = bytes }
        let p = try run.run(tracePath: TraceReaderTests.op)
        #expect(seen.count == 1766)
        #expect(seen.map(\.0) == Array(0..<1766))
        #expect(p.results.first?.batches == 1766)
        #expect(seen.reduce(0) { $0 + $1.1 } == p.results.first?.compressedBytes)
    }

    @Test func profileJSONHasTheDocumentedShape() throws {
        var run = CompressionRun(codecs: [.zstd(3)], targets: [.bytes(780 << 10)])
        run.timing = false
        let json = try JSONSerialization.jsonObject(with: Data(try JSONOutput.encode(try run.run(tracePath: TraceReaderTests.op)))) as? [String: Any]
        #expect(json?["schema"] as? String == "dacost.compression-profile/v1")
        let trace = json?["trace"] as? [String: Any]
        #expect(trace?["transactions"] as? Int == 1766)
        #expect(trace?["bytes"] as? Int == 1_419_767)
        let result = (json?["results"] as? [[String: Any]])?.first
        for key in ["codec", "batch_target_bytes", "batches", "input_bytes", "compressed_bytes", "ratio", "ratio_p5", "ratio_p50", "ratio_p95"] {
            #expect(result?[key] != nil, "\(key)")
        }
        #expect(result?["batch_target_bytes"] as? Int == 798_720)
        let back = try JSONDecoder().decode(CompressionProfile.self, from: Data(try JSONOutput.encode(try run.run(tracePath: TraceReaderTests.op))))
        #expect(back.results.first?.codec == .zstd(3))
    }
}

/// The trace identity cache: a hit while the file is untouched, a miss once it is rewritten.
@Suite struct TraceIdentityCacheTests {
    @Test func aRewrittenTraceIsReadAgain() throws {
        let dir = try VectorFile.temporaryDirectory()
        let trace = dir + "/t.hex", cache = TraceIdentityCache(directory: dir + "/cache")
        try AtomicFile.write("0x01\n", to: trace)
        #expect(cache.lookup(trace) == nil)
        cache.store(trace, sha: String(repeating: "ab", count: 32), bytes: 7, transactions: 1)
        let hit = cache.lookup(trace)
        #expect(hit?.sha == String(repeating: "ab", count: 32) && hit?.bytes == 7 && hit?.transactions == 1)
        try AtomicFile.write("0x02\n", to: trace) // same size, new file: another identity
        #expect(cache.lookup(trace) == nil)
        // A damaged entry is ignored, never trusted.
        cache.store(trace, sha: "not-a-hash", bytes: 7, transactions: 1)
        #expect(cache.lookup(trace) == nil)
    }

    /// The provider's answer is the same whether the identity was cached or not.
    @Test func aCachedIdentityGivesTheSameProfile() throws {
        let dir = try VectorFile.temporaryDirectory()
        let provider = ProfileProvider(cacheDirectory: dir)
        let trace = VectorFile.fixtures + "/traces/op-mainnet-1766.hex"
        let first = try provider.profile(tracePath: trace, codecs: [try CodecID(parsing: "zstd-3")])
        #expect(TraceIdentityCache(directory: dir).lookup(trace)?.sha == first.trace.sha256)
        let second = try provider.profile(tracePath: trace, codecs: [try CodecID(parsing: "zstd-3")])
        #expect(first == second)
    }
}
