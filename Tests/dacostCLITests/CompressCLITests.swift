import Foundation
import Testing

@Suite struct CompressCLITests {
    static let op = CLI.fixtures + "/traces/op-mainnet-1766.hex"

    @Test func printsTheTableAndWritesTheProfile() throws {
        let dir = try CLI.temporaryDirectory()
        let r = try CLI.run(["compress", Self.op, "--codecs", "zstd-3,fastlz", "--batch-sizes", "128k,all", "-o", dir + "/p.json", "--verify"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("zstd-3") && r.stdout.contains("128k") && r.stdout.contains("comp MB/s"))
        let profile = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/p.json"))) as? [String: Any]
        #expect(profile?["schema"] as? String == "dacost.compression-profile/v1")
        #expect((profile?["results"] as? [Any])?.count == 4)
    }

    @Test func formats() throws {
        let md = try CLI.run(["compress", Self.op, "--codecs", "zlib-6", "--batch-sizes", "780k", "--format", "markdown", "--no-timing"])
        #expect(md.stdout.hasPrefix("| codec | batch |"))
        let csv = try CLI.run(["compress", Self.op, "--codecs", "zlib-6", "--batch-sizes", "780k", "--format", "csv", "--no-timing"])
        #expect(csv.stdout.split(separator: "\n").count == 2)
        let json = try CLI.run(["compress", Self.op, "--codecs", "zlib-6", "--batch-sizes", "780k", "--format", "json", "--no-timing"])
        #expect((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["schema"] != nil)
        let perTx = try CLI.run(["compress", Self.op, "--codecs", "fastlz,zlib-9", "--per-tx", "--format", "json", "--no-timing"])
        let lines = perTx.stdout.split(separator: "\n")
        #expect(lines.count == 2 * 1766)
        #expect(lines.first == #"{"codec":"fastlz","index":0,"bytes":120,"compressed_bytes":120}"# || lines.first?.hasPrefix(#"{"codec":"fastlz","index":0,"#) == true)
    }

    /// `--stack op`: the JSON carries each result's `encoded_bytes` (the span batches) beside its bytes of
    /// signed transactions; default sizes leave out the whole trace; a stack without an encoding yet, or
    /// `all` asked for explicitly, is a clear exit 2.
    @Test func stackOPReportsTheEncodedBytes() throws {
        let json = try CLI.run(["compress", Self.op, "--stack", "op", "--codecs", "zlib-9", "--batch-sizes", "4m", "--format", "json", "--no-timing"])
        #expect(json.status == 0, "\(json.stderr)")
        let result = ((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["results"] as? [[String: Any]])?.first
        let encoded = try #require(result?["encoded_bytes"] as? Int)
        #expect(abs(encoded - 1_409_463) < 1_410 && (result?["input_bytes"] as? Int ?? 0) > encoded)
        let defaults = try CLI.run(["compress", Self.op, "--stack", "op", "--codecs", "zlib-9", "--format", "csv", "--no-timing"])
        #expect(defaults.status == 0 && !defaults.stdout.contains("all"), "\(defaults.stdout)")
        let other = try CLI.run(["compress", Self.op, "--stack", "zk-sync"])
        #expect(other.status == 2 && other.stderr.contains("--stack: expected one of generic, op, arbitrum, polygon-cdk, zksync, got zk-sync"), "\(other.stderr)")
        let generic = try CLI.run(["compress", Self.op, "--txs-per-block", "3"])
        #expect(generic.status == 2 && generic.stderr.contains("--txs-per-block applies to a stack that posts transactions"), "\(generic.stderr)")
        // A profile baseline made with --stack op is checked in the same encoding (no false regression).
        let dir = try CLI.temporaryDirectory()
        let made = try CLI.run(["compress", Self.op, "--stack", "op", "--codecs", "zlib-9", "--batch-sizes", "128k", "--no-timing", "-o", dir + "/b.json", "--quiet"])
        let written = try String(contentsOfFile: dir + "/b.json", encoding: .utf8)
        #expect(made.status == 0 && written.contains(#""encoding" : "op-span-batch:12""#), "\(written.prefix(300))")
        let checked = try CLI.run(["check", "--baseline", dir + "/b.json", Self.op])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        let all = try CLI.run(["compress", Self.op, "--stack", "op", "--batch-sizes", "all"])
        #expect(all.status == 2 && all.stderr.contains("batch size 'all' with a stack's encoding"), "\(all.stderr)")
    }

    /// Arbitrum: the compressed batch carries nitro's header byte; CDK: batch data posted as it is, so the
    /// `none` row's compressed bytes are the encoded bytes.
    @Test func stackArbitrumAndCDKReportTheirEncodings() throws {
        func result(_ args: [String]) throws -> [String: Any] {
            let run = try CLI.run(["compress", Self.op, "--format", "json", "--no-timing", "--quiet"] + args)
            #expect(run.status == 0, "\(run.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            return try #require((json?["results"] as? [[String: Any]])?.first)
        }
        let arbitrum = try result(["--stack", "arbitrum", "--codecs", "none", "--batch-sizes", "100k"])
        let encoded = try #require(arbitrum["encoded_bytes"] as? Int)
        #expect(arbitrum["compressed_bytes"] as? Int == encoded + 15 && arbitrum["batches"] as? Int == 15)
        let cdk = try result(["--stack", "polygon-cdk", "--codecs", "none", "--batch-sizes", "120k"])
        let cdkEncoded = try #require(cdk["encoded_bytes"] as? Int)
        #expect(cdk["compressed_bytes"] as? Int == cdkEncoded && abs(cdkEncoded - 1_415_099) < 100, "\(cdkEncoded)")
        // ZK Stack: the modelled state diffs, far fewer bytes than the transactions, posted as they are.
        let zk = try result(["--stack", "zksync", "--codecs", "none", "--batch-sizes", "780k"])
        let zkEncoded = try #require(zk["encoded_bytes"] as? Int)
        #expect(zk["compressed_bytes"] as? Int == zkEncoded && zkEncoded * 5 < (zk["input_bytes"] as? Int ?? 0), "\(zkEncoded)")
    }

    @Test func sameInputsSameProfileWhateverTheJobs() throws {
        let dir = try CLI.temporaryDirectory()
        for jobs in ["1", "2"] {
            try CLI.run(["compress", Self.op, "--codecs", "zstd-3,brotli-4", "--batch-sizes", "16k,all", "--no-timing", "--jobs", jobs, "-o", "\(dir)/\(jobs).json"])
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: dir + "/1.json")), b = try Data(contentsOf: URL(fileURLWithPath: dir + "/2.json"))
        #expect(a == b)
    }

    /// Each bad input exits 2 with the file and line, and leaves no output file behind.
    @Test(arguments: [
        ("odd.hex", "0xdd80808094095e7baea6a6c7c4c2dfeb977efac326af552d87808080808\n", "odd.hex:1:"),
        ("nonhex.hex", "0xzz\n", "nonhex.hex:1:"),
        ("trunc.hex", "# x\ndd80808094095e7baea6a6c7c4c2dfeb977efac326af552d8780808080\n", "trunc.hex:2:"),
        ("trail.hex", "dd80808094095e7baea6a6c7c4c2dfeb977efac326af552d8780808080808000\n", "trail.hex:1:"),
        ("type.hex", "0x09c0\n", "unknown transaction type 0x09"),
        ("notobj.jsonl", "\"0x00\"\n", "notobj.jsonl:1: expected a block, a transaction or a JSON-RPC response, got a string"),
        ("missing.jsonl", "{\"type\":\"0x2\",\"nonce\":\"0x1\"}\n", "missing.jsonl:1: field 'chainId'"),
        ("empty.hex", "\n# nothing\n", "empty.hex: no transactions"),
    ])
    func badInputExits2WithoutOutput(_ name: String, _ content: String, _ expected: String) throws {
        let dir = try CLI.temporaryDirectory()
        try CLI.write(content, dir + "/" + name)
        let r = try CLI.run(["compress", dir + "/" + name, "-o", dir + "/out.json", "--codecs", "zstd-3"])
        #expect(r.status == 2)
        #expect(r.stderr.contains(expected), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out.json"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).count == 1, "no temporary file left")
    }

    @Test func missingFileAndTruncatedCompressedTraceExit2() throws {
        let dir = try CLI.temporaryDirectory()
        let missing = try CLI.run(["compress", dir + "/nope.hex"])
        #expect(missing.status == 2 && missing.stderr.contains("nope.hex: no such file"))
        try CLI.run(["synth", "--txs", "3000", "-o", dir + "/s.hex.zst"])
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/s.hex.zst"))
        try data.prefix(data.count - 100).write(to: URL(fileURLWithPath: dir + "/cut.hex.zst"))
        let cut = try CLI.run(["compress", dir + "/cut.hex.zst", "-o", dir + "/out.json"])
        #expect(cut.status == 2 && cut.stderr.contains("cut.hex.zst: the zstd stream is damaged or truncated"), "\(cut.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out.json"))
    }

    @Test func badOptionsExit2() throws {
        let codec = try CLI.run(["compress", Self.op, "--codecs", "lz4"])
        #expect(codec.status == 2 && codec.stderr.contains("unknown codec 'lz4'"))
        let size = try CLI.run(["compress", Self.op, "--batch-sizes", "12q"])
        #expect(size.status == 2 && size.stderr.contains("--batch-sizes"))
        let jobs = try CLI.run(["compress", Self.op, "--jobs", "0"])
        #expect(jobs.status == 2 && jobs.stderr.contains("--jobs"))
        let dict = try CLI.run(["compress", Self.op, "--codecs", "zstd-3-dict"])
        #expect(dict.status == 2 && dict.stderr.contains("--zstd-dict"))
    }

    @Test func synthIsDeterministicAndReadable() throws {
        let dir = try CLI.temporaryDirectory()
        for name in ["a.hex", "b.hex"] {
            let r = try CLI.run(["synth", "--profile", "erc20", "--txs", "500", "--seed", "42", "-o", "\(dir)/\(name)"])
            #expect(r.status == 0)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/a.hex")) == Data(contentsOf: URL(fileURLWithPath: dir + "/b.hex")))
        let c = try CLI.run(["compress", dir + "/a.hex", "--codecs", "zlib-9", "--batch-sizes", "all", "--no-timing"])
        #expect(c.status == 0 && c.stdout.contains("500 txs"))
        let bad = try CLI.run(["synth", "--profile", "nft", "--txs", "5", "-o", dir + "/c.hex"])
        #expect(bad.status == 2)
    }

    @Test func trainDictThenCompressWithIt() throws {
        let dir = try CLI.temporaryDirectory()
        try CLI.run(["synth", "--txs", "3000", "--seed", "8", "-o", dir + "/train.hex"])
        let t = try CLI.run(["train-dict", dir + "/train.hex", "-o", dir + "/d.dict", "--size", "32k"])
        #expect(t.status == 0, "\(t.stderr)")
        let c = try CLI.run(["compress", Self.op, "--codecs", "zstd-3,zstd-3-dict", "--zstd-dict", dir + "/d.dict", "--per-tx", "--verify", "--no-timing"])
        #expect(c.status == 0, "\(c.stderr)")
        #expect(c.stdout.contains("zstd-3-dict"))
    }
}
