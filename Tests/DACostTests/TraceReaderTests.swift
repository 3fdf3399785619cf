import Foundation
import Testing
@testable import DACost

@Suite struct TraceReaderTests {
    static let op = VectorFile.fixtures + "/traces/op-mainnet-1766.hex"

    func readAll(_ path: String) throws -> [Transaction] {
        let r = try TraceReader(path: path)
        var out = [Transaction]()
        while let tx = try r.next() { out.append(tx) }
        return out
    }

    func write(_ text: String, _ name: String) throws -> String {
        let path = try VectorFile.temporaryDirectory() + "/" + name
        try AtomicFile.write(text, to: path)
        return path
    }

    /// The error a file gives, as text.
    func failure(_ text: String, _ name: String) throws -> String {
        let path = try write(text, name)
        do { _ = try readAll(path); return "no error" } catch { return "\(error)" }
    }

    @Test func readsTheRealOPTrace() throws {
        let txs = try readAll(Self.op)
        #expect(txs.count == 1766)
        #expect(txs.reduce(0) { $0 + $1.bytes.count } == 1_419_767)
        #expect(txs.filter { $0.type == .dynamicFee }.count == 1301)
    }

    @Test func rpcObjectsReencodeToTheExactSignedBytes() throws {
        let reader = try TraceReader(path: VectorFile.fixtures + "/traces/l1-mainnet-rpc-sample.jsonl")
        var got = [Transaction]()
        while let tx = try reader.next() { got.append(tx) }
        let expected = try readAll(VectorFile.fixtures + "/traces/l1-mainnet-rpc-sample.expected.hex")
        #expect(got.count == 14)
        #expect(got.map(\.bytes) == expected.map(\.bytes))
        #expect(Set(got.map(\.type)) == [.legacy, .accessList, .dynamicFee, .blob, .setCode])
        #expect(reader.hashesChecked == 14)
        #expect(got.first?.block == 19_426_586)
    }

    @Test func readsCompressedTracesAndJSONLines() throws {
        let dir = try VectorFile.temporaryDirectory()
        let original = try readAll(Self.op)
        for name in ["t.hex.gz", "t.hex.zst", "t.jsonl", "t.jsonl.zst"] {
            try TraceWriter.write(to: dir + "/" + name) { sink in for tx in original { try sink(tx) } }
            let back = try readAll(dir + "/" + name)
            #expect(back.map(\.bytes) == original.map(\.bytes), "\(name)")
        }
    }

    @Test func skipsCommentsBlankLinesAndDeposits() throws {
        let legacy = "dd80808094095e7baea6a6c7c4c2dfeb977efac326af552d878080808080"
        // An OP deposit: [sourceHash, from, to, mint, value, gas, isSystemTx, data].
        let deposit = "7ef8" + "3e" + "a0" + String(repeating: "11", count: 32) + "94" + String(repeating: "22", count: 20)
            + "80" + "80" + "80" + "82" + "5208" + "80" + "80"
        let path = try write("# header\n\n0x\(legacy)\n  \(legacy.uppercased())  \r\n0x\(deposit)\n", "c.hex")
        let reader = try TraceReader(path: path)
        var n = 0
        while try reader.next() != nil { n += 1 }
        #expect(n == 2)
        #expect(reader.depositsSkipped == 1)
    }

    // Each bad input named in the issue, with the file, the line and what was expected.
    @Test func oddLengthHex() throws {
        let e = try failure("# c\n0xdd80808094095e7baea6a6c7c4c2dfeb977efac326af552d87808080808\n", "odd.hex")
        #expect(e.contains("odd.hex:2:") && e.contains("even number of hex digits"))
    }

    @Test func nonHexCharacter() throws {
        let e = try failure("0xdd80808094095e7baea6a6c7c4c2dfeb977efac326af552d8780808080zz\n", "nonhex.hex")
        #expect(e.contains("nonhex.hex:1:") && e.contains("'z' at column 61"))
    }

    @Test func truncatedRLP() throws {
        let e = try failure("dd80808094095e7baea6a6c7c4c2dfeb977efac326af552d8780808080\n", "trunc.hex")
        #expect(e.contains("trunc.hex:1:") && e.contains("truncated"))
    }

    @Test func trailingBytes() throws {
        let e = try failure("dd80808094095e7baea6a6c7c4c2dfeb977efac326af552d87808080808000\n", "trail.hex")
        #expect(e.contains("trail.hex:1:") && e.contains("1 trailing bytes"))
    }

    @Test func unknownType() throws {
        let e = try failure("0x05c0\n", "type.hex")
        #expect(e.contains("type.hex:1:") && e.contains("unknown transaction type 0x05"))
    }

    @Test func jsonThatIsNotAnObject() throws {
        let e = try failure("[1,2]\n", "arr.jsonl")
        #expect(e.contains("arr.jsonl:1: field '[0]'") && e.contains("expected a block, a transaction or a JSON-RPC response, got a number"))
        let e2 = try failure("{\"raw\": \n", "broken.jsonl")
        #expect(e2.contains("broken.jsonl:1:") && e2.contains("not valid JSON"))
    }

    @Test func jsonTransactionMissingAField() throws {
        let line = try String(contentsOfFile: VectorFile.fixtures + "/traces/l1-mainnet-rpc-sample.jsonl", encoding: .utf8)
            .split(separator: "\n")[3]
        var object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        object.removeValue(forKey: "maxFeePerGas")
        let text = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        let e = try failure("\(line)\n\(text)\n", "missing.jsonl")
        #expect(e.contains("missing.jsonl:2:") && e.contains("field 'maxFeePerGas'") && e.contains("missing"))
    }

    @Test func wrongHashIsCaught() throws {
        let line = try String(contentsOfFile: VectorFile.fixtures + "/traces/l1-mainnet-rpc-sample.jsonl", encoding: .utf8)
            .split(separator: "\n")[0]
        let tampered = line.replacingOccurrences(of: "\"nonce\": \"0x", with: "\"nonce\": \"0x1")
        let e = try failure(tampered + "\n", "hash.jsonl")
        #expect(e.contains("hash.jsonl:1:") && e.contains("field 'hash'"))
    }

    /// The 14 real transaction objects of the RPC sample, as JSON values.
    static func sampleObjects() throws -> [Any] {
        try String(contentsOfFile: VectorFile.fixtures + "/traces/l1-mainnet-rpc-sample.jsonl", encoding: .utf8)
            .split(separator: "\n").filter { $0.hasPrefix("{") }
            .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) }
    }

    static func json(_ value: Any, pretty: Bool = false) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: pretty ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]), as: UTF8.self)
    }

    @Test func blockDumpsInEveryLayoutReadAsTheirTransactions() throws {
        // Without their own blockNumber, transactions take the block's number and timestamp.
        let objects = try Self.sampleObjects().map { o in (o as? [String: Any] ?? [:]).filter { $0.key != "blockNumber" } }
        let expected = try readAll(VectorFile.fixtures + "/traces/l1-mainnet-rpc-sample.expected.hex").map(\.bytes)
        let block: [String: Any] = ["number": "0x10", "timestamp": "0x20", "hash": "0x" + String(repeating: "ab", count: 32), "transactions": objects]
        let halves: [[String: Any]] = [Array(objects[..<7]), Array(objects[7...])].enumerated().map { i, txs in
            ["jsonrpc": "2.0", "id": i, "result": ["number": "0x" + String(16 + i, radix: 16), "timestamp": "0x20", "transactions": txs]]
        }
        let layouts: [(String, String)] = [
            ("block.jsonl", try Self.json(block) + "\n"),                                        // a block per line
            ("response.jsonl", try Self.json(["jsonrpc": "2.0", "id": 1, "result": block]) + "\n"), // a response per line
            ("batch.jsonl", try Self.json(halves) + "\n"),                                       // a batch response per line
            ("dump.json", "# eth_getBlockByNumber, batched\n" + (try Self.json(halves, pretty: true))), // one pretty document
        ]
        for (name, text) in layouts {
            let reader = try TraceReader(path: try write(text, name))
            var txs = [Transaction]()
            while let tx = try reader.next() { txs.append(tx) }
            #expect(txs.map(\.bytes) == expected, "\(name)")
            #expect(reader.hashesChecked == 14, "\(name)")
            #expect(txs.allSatisfy { $0.timestamp == 32 } && txs.first?.block == 16, "\(name)")
        }
    }

    @Test func blockDumpErrorsNameTheLineAndTheValue() throws {
        let objects = try Self.sampleObjects()
        // A document over many lines: the error names the line of the bad value.
        let good = try Self.json(objects[0])
        let doc = "{\n  \"number\": \"0x10\",\n  \"transactions\": [\n    \(good),\n    {\"raw\": \"0xzz\"}\n  ]\n}\n"
        let e = try failure(doc, "dump.json")
        #expect(e.contains("dump.json:5: field 'transactions[1].raw'") && e.contains("hex"))
        // A document cut short: where the text ends.
        let cut = try failure(String(doc.dropLast(8)), "cut.json")
        #expect(cut.contains("cut.json:5:") && cut.contains("not valid JSON"))
        // Blocks dumped without their transactions, error responses and null results.
        let hashes = try failure(try Self.json(["number": "0x1", "transactions": ["0x" + String(repeating: "12", count: 32)]]) + "\n", "hashes.jsonl")
        #expect(hashes.contains("hashes.jsonl:1: field 'transactions[0]'") && hashes.contains("got a hash") && hashes.contains("eth_getBlockByNumber(n, true)"))
        let error = try failure(good + "\n" + (try Self.json(["jsonrpc": "2.0", "id": 2, "error": ["code": -32005, "message": "limit exceeded"]])) + "\n", "error.jsonl")
        #expect(error.contains("error.jsonl:2: field 'error'") && error.contains("limit exceeded"))
        let null = try failure("[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}]\n", "null.jsonl")
        #expect(null.contains("null.jsonl:1: field '[0].result'") && null.contains("no block"))
        // A bad field of a transaction inside a response names the whole path.
        var broken = try #require(objects[3] as? [String: Any])
        broken["nonce"] = "0xzz"
        let path = try failure(try Self.json([["jsonrpc": "2.0", "id": 1, "result": ["transactions": [objects[0], broken]]]]) + "\n", "path.jsonl")
        #expect(path.contains("path.jsonl:1: field '[0].result.transactions[1].nonce'"))
        let pretty = try failure(try Self.json([["jsonrpc": "2.0", "id": 1, "result": ["transactions": [objects[0], broken]]]], pretty: true), "pretty.json")
        let lines = try Self.json([["jsonrpc": "2.0", "id": 1, "result": ["transactions": [objects[0], broken]]]], pretty: true).split(separator: "\n", omittingEmptySubsequences: false)
        let nonceLine = try #require(lines.firstIndex { $0.contains("\"0xzz\"") }) + 1
        #expect(pretty.contains("pretty.json:\(nonceLine): field '[0].result.transactions[1].nonce'"))
    }

    @Test func emptyFile() throws {
        let e = try failure("# only a comment\n\n", "empty.hex")
        #expect(e.contains("empty.hex") && e.contains("no transactions"))
    }

    @Test func missingFile() {
        #expect(throws: TraceError.fileNotFound(path: "/nonexistent/trace.hex")) { _ = try TraceReader(path: "/nonexistent/trace.hex") }
    }

    @Test func truncatedCompressedFiles() throws {
        let dir = try VectorFile.temporaryDirectory()
        let original = try readAll(Self.op)
        for name in ["t.hex.gz", "t.hex.zst"] {
            let full = dir + "/" + name
            try TraceWriter.write(to: full) { sink in for tx in original { try sink(tx) } }
            let data = try #require(FileManager.default.contents(atPath: full))
            let cut = dir + "/cut-" + name
            try AtomicFile.write(Array(data.prefix(data.count / 2)), to: cut)
            do { _ = try readAll(cut); Issue.record("\(name): no error") } catch {
                #expect("\(error)".contains("cut-\(name)") && "\(error)".contains("damaged or truncated"), "\(error)")
            }
        }
    }
}
