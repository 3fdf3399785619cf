@testable import DACost
import DACostRPC
import Foundation
import LoopbackNode
import Testing

@Suite struct RecordedMainnetTests {
    @Test func fetchedTransactionsAreTheRecordedBlocksByteForByte() throws {
        let node = try LoopbackNode(chain: try Fixture.mainnet())
        defer { node.stop() }
        let dir = try Fixture.directory()
        var fetched: [[UInt8]] = []
        var lines: [String] = []
        for (i, r) in Fixture.ranges.enumerated() {
            let out = "\(dir)/part\(i).jsonl"
            let summary = try FetchJob.transactions(endpoint: try Fixture.endpoint(node), from: r.lowerBound, to: r.upperBound,
                                                    output: out, options: Fixture.options(batch: 1))
            #expect(summary.blocks == UInt64(r.count))
            #expect(summary.retries == 0)
            fetched += try Fixture.transactions(out)
            lines += (try String(contentsOfFile: out, encoding: .utf8)).split(separator: "\n").map(String.init)
        }
        let expected = try String(contentsOfFile: Fixture.trace, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }.compactMap { Hex.decode(String($0)) }
        let blocks = try JSONValue.parse(Fixture.bytes(Fixture.headers)).object?["blocks"]?.array ?? []
        #expect(expected.count == blocks.compactMap { $0.object?["n_txs"]?.uint64 }.reduce(0, +)) // 841
        #expect(fetched == expected)
        // Lines carry block, timestamp and the transaction's index in its block.
        #expect(lines.first?.hasPrefix("{\"block\":19426586,\"timestamp\":1710338123,\"index\":0,\"raw\":\"0x") == true)
        #expect(lines[127].hasPrefix("{\"block\":19426587,\"timestamp\":1710338135,\"index\":0,"))
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/part0.jsonl.partial"))
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/part0.jsonl.checkpoint.json"))
    }

    @Test func aSavedDumpOfTheRecordedBlocksIsATrace() throws {
        // The six blocks as a node answers a batch, saved pretty-printed and compressed, as one
        // would keep a dump: the trace reader gives the same transactions as the fetch.
        let chain = try Fixture.mainnet()
        let responses: [Any] = try chain.hydrated.keys.sorted().enumerated().map { i, n in
            ["jsonrpc": "2.0", "id": i, "result": try JSONSerialization.jsonObject(with: Data(chain.hydrated[n] ?? []))]
        }
        let text = try JSONSerialization.data(withJSONObject: responses, options: [.prettyPrinted, .sortedKeys])
        let path = try Fixture.directory() + "/blocks.json.zst"
        let compressor = try CodecID.zstd(3).makeCompressor()
        let out = ByteBuffer()
        try compressor.begin(pledgedSize: nil)
        try Array(text).withUnsafeBytes { try compressor.write($0, into: out) }
        try compressor.end(into: out)
        try AtomicFile.write(out.array, to: path)
        let reader = try TraceReader(path: path)
        var txs: [[UInt8]] = []
        while let tx = try reader.next() { txs.append(tx.bytes) }
        let expected = try String(contentsOfFile: Fixture.trace, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }.compactMap { Hex.decode(String($0)) }
        #expect(txs == expected)
        #expect(reader.hashesChecked == expected.count && reader.compression == "zstd")
    }

    @Test func feeCSVMatchesTheRecordedHeaders() throws {
        let node = try LoopbackNode(chain: try Fixture.mainnet())
        defer { node.stop() }
        let dir = try Fixture.directory()
        var rows: [[String]] = []
        for (i, r) in Fixture.ranges.enumerated() {
            let out = "\(dir)/fees\(i).csv"
            try FetchJob.fees(endpoint: try Fixture.endpoint(node), from: r.lowerBound, to: r.upperBound, output: out,
                              options: Fixture.options())
            let text = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
            #expect(text.first == "timestamp,block,base_fee_gwei,blob_base_fee_gwei,blob_gas_used,excess_blob_gas")
            rows += text.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        let headers = try JSONValue.parse(Fixture.bytes(Fixture.headers)).object?["blocks"]?.array ?? []
        #expect(rows.count == 6 && headers.count == 6)
        for (row, h) in zip(rows, headers) {
            let o = try #require(h.object)
            #expect(row[0] == String(o["timestamp"]?.uint64 ?? 0))
            #expect(row[1] == String(o["number"]?.uint64 ?? 0))
            // Exact decimal gwei, back to wei.
            let parts = row[2].split(separator: ".")
            let wei = (UInt64(parts[0]) ?? 0) * 1_000_000_000
                + (parts.count > 1 ? UInt64(parts[1].padding(toLength: 9, withPad: "0", startingAt: 0)) ?? 0 : 0)
            #expect(wei == o["baseFeePerGas"]?.uint64)
            #expect(row[4] == (o["blobGasUsed"]?.uint64).map(String.init) ?? "")
            #expect(row[5] == (o["excessBlobGas"]?.uint64).map(String.init) ?? "")
        }
        // Before Dencun there is no blob fee; at its first block the fee is the 1-wei minimum.
        #expect(rows[0][3] == "" && rows[1][3] == "0.000000001")
        // Block 22162263 (Cancun, fraction 3338477, EIP-4844): excess 27918336 → e^8.3626 ≈ 4,283.8 wei; the
        // integer Taylor series of fake_exponential gives 4,283 (hand-checked with Python's exact integers).
        #expect(rows[2][3] == "0.000004283")
        // Block 22431084 is after Prague (fraction 5007716, EIP-7691).
        let pectra = BlobFeeMarket.baseFeePerBlobGas(excessBlobGas: UInt64(rows[4][5]) ?? 0, updateFraction: 5_007_716)
        #expect(rows[4][3] == BlockDecoding.gwei(pectra))
    }

    @Test func feeCSVIsACurveTheScenarioReads() throws {
        let node = try LoopbackNode(chain: try RecordedChain.synthetic(from: 100, count: 30, perBlock: 0))
        defer { node.stop() }
        let dir = try Fixture.directory()
        try FetchJob.fees(endpoint: try Fixture.endpoint(node), from: 100, to: 129, output: "\(dir)/fees.csv", options: Fixture.options())
        let points = try CSVSeries.read(path: "\(dir)/fees.csv", column: "base_fee_gwei", scale: 1, min: 0, keyPath: "market.l1_base_fee_gwei")
        #expect(points.count == 30)
        #expect(points[1].offset == 2) // timestamps 2 s apart
        #expect(abs(points[0].value - 0.0010001) < 1e-15) // 1,000,100 wei
    }

    @Test func gweiIsExactDecimal() {
        #expect(BlockDecoding.gwei(61_563_636_216) == "61.563636216")
        #expect(BlockDecoding.gwei(1) == "0.000000001")
        #expect(BlockDecoding.gwei(12_000_000_000) == "12")
        #expect(BlockDecoding.gwei(UInt128(1) << 100) == "1267650600228229401496.703205376")
    }
}
