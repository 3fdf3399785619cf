import DACost
import DACostRPC
import Foundation
import LoopbackNode
import Testing

/// `fetch state-diffs` against a node on 127.0.0.1 that answers the prestate tracer.
@Suite struct StateDiffFetchTests {
    static let first: UInt64 = 500, count = 12

    @Test func fetchesATraceZkSyncBatchesRead() throws {
        let chain = try RecordedChain.synthetic(from: Self.first, count: Self.count, perBlock: 6).withStateDiffs()
        let node = try LoopbackNode(chain: chain)
        defer { node.stop() }
        let out = try Fixture.directory() + "/diffs.jsonl"
        let summary = try FetchJob.stateDiffs(endpoint: try Fixture.endpoint(node), from: Self.first, to: Self.first + UInt64(Self.count) - 1,
                                              output: out, options: Fixture.options(batch: 5))
        #expect(summary.transactions == 6 * Self.count)
        let lines = String(decoding: Fixture.bytes(out), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 6 * Self.count)
        // Each line: the sender's balance and nonce (as system-contract writes) and the token slot.
        let first = try #require(lines.first.map(String.init))
        #expect(first.contains("\"address\":\"0x000000000000000000000000000000000000800a\""))
        #expect(first.contains("\"address\":\"0x0000000000000000000000000000000000008003\""))
        #expect(first.hasPrefix("{\"hash\":\"0x") && first.contains("\"initial\":false"))
        // A slot zero before (every fourth transaction's) is an initial write.
        #expect(lines.contains { $0.contains("\"initial\":true") })
        // The trace reads as zkSync batches with real pubdata.
        let batches = try StateDiffTrace.batches(path: out)
        #expect(batches.reduce(0) { $0 + $1.transactions } == 6 * Self.count)
        #expect(batches.allSatisfy { $0.pubdataBytes > 0 })
    }

    /// Hand-built: a slot cleared (absent from post) is written to zero; a slot unchanged is not written;
    /// deployed code is padded to an odd number of 32-byte words.
    @Test func diffModeShapes() throws {
        let text = """
            {"pre":{"0x1111111111111111111111111111111111111111":{"storage":{"0x01":"0x05","0x02":"0x09"}}},
             "post":{"0x1111111111111111111111111111111111111111":{"storage":{"0x02":"0x09"}},
                     "0x2222222222222222222222222222222222222222":{"code":"0x6001"}}}
            """
        let tape = try JSONTape(parsing: Array(text.utf8))
        let line = try tape.withRoot { root -> String in
            guard let pre = root.present("pre"), let post = root.present("post") else { return "" }
            return String(decoding: try StateDiffDecoding.line(hash: nil, pre: pre, post: post, block: 1, field: "t"), as: UTF8.self)
        }
        #expect(line.contains("\"key\":\"0x0000000000000000000000000000000000000000000000000000000000000001\",\"before\":\"0x0000000000000000000000000000000000000000000000000000000000000005\",\"after\":\"0x0000000000000000000000000000000000000000000000000000000000000000\",\"initial\":false"))
        #expect(!line.contains("000000000000000000000000000000000000000000000000000000000000000002\""))
        // 2 bytes of code → one 32-byte word (odd): 64 hex digits.
        #expect(line.contains("\"bytecodes\":[\"0x6001" + String(repeating: "0", count: 60) + "\"]"))
        #expect(StateDiffDecoding.padded([UInt8](repeating: 1, count: 33)).count == 96)
    }
}
