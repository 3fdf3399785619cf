import Foundation
import Testing

@Suite struct CompareCLITests {
    @Test func noArgumentsFromAnyDirectory() throws {
        let dir = try CLI.temporaryDirectory()
        let r = try CLI.run(["compare"], cwd: dir, env: ["DACOST_CACHE": dir + "/cache"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("★") && r.stdout.contains("ethereum-blobs") && r.stdout.contains("OP fee check"))
        for f in ["report.md", "report.csv", "report.json"] {
            #expect(FileManager.default.fileExists(atPath: "\(dir)/reports/\(f)"), "\(f)")
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/reports/report.json"))) as? [String: Any]
        #expect(json?["schema"] as? String == "dacost.report/v1")
        #expect((json?["scenario"] as? [String: Any])?["layers"] != nil)
        #expect(((json?["trace"] as? [String: Any])?["sha256"] as? String)?.count == 64)
        #expect(json?["codec_libraries"] != nil && json?["dacost_version"] != nil)
        // Again: byte-identical reports.
        let first = try Data(contentsOf: URL(fileURLWithPath: dir + "/reports/report.json"))
        let md = try Data(contentsOf: URL(fileURLWithPath: dir + "/reports/report.md"))
        try CLI.run(["compare", "--quiet"], cwd: dir, env: ["DACOST_CACHE": dir + "/cache"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/reports/report.json")) == first)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/reports/report.md")) == md)
    }

    /// The executable copied alone into an empty folder (no resource bundle beside it) still runs the
    /// main job on the bundled trace and scenario.
    /// `--stack op`: the trace is measured as OP span batches in channels (and cached apart from the raw
    /// profile); the report says so, and OP's encoding posts fewer bytes per transaction than the signed
    /// transactions compressed as they are.
    @Test func stackOPPricesTheSpanBatches() throws {
        let dir = try CLI.temporaryDirectory()
        let env = ["DACOST_CACHE": dir + "/cache"]
        let args = ["compare", "--codecs", "zlib-9", "--format", "json", "--quiet"]
        let op = try CLI.run(args + ["--stack", "op", "--out", dir + "/op"], env: env)
        #expect(op.status == 0, "\(op.stderr)")
        let generic = try CLI.run(args + ["--out", dir + "/generic"], env: env)
        func seedBytes(_ r: CLI.Result) throws -> Double {
            let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
            let seed = (json?["seed_check"] as? [[String: Any]])?.first
            return try #require(seed?["compressed_bytes_per_tx"] as? Double)
        }
        #expect(try seedBytes(op) < seedBytes(generic))
        #expect(try String(contentsOfFile: dir + "/op/report.md", encoding: .utf8).contains("Stack OP: each batch is what the OP batcher posts"))
        #expect(try String(contentsOfFile: dir + "/generic/report.md", encoding: .utf8).contains("Stack generic"))
        let cached = try FileManager.default.contentsOfDirectory(atPath: dir + "/cache").filter { $0.hasSuffix(".json") }
        // The OP profile is measured and cached (blocks of the bundled scenario's 10 TPS × 2 s); the raw one is the bundled profile.
        #expect(cached.count == 1, "\(cached)")
        #expect(try String(contentsOfFile: dir + "/cache/" + (cached.first ?? ""), encoding: .utf8).contains("op-span-batch:20"))
        let bad = try CLI.run(["compare", "--stack", "zk-sync"], env: env)
        #expect(bad.status == 2 && bad.stderr.contains("--stack: expected one of generic, op, arbitrum, polygon-cdk, zksync, got zk-sync"), "\(bad.stderr)")
    }

    /// Every stack prices with no other argument, names itself among the assumptions, and (ZK Stack)
    /// says it is a model.
    @Test func everyStackPricesWithNoOtherArgument() throws {
        let dir = try CLI.temporaryDirectory()
        let env = ["DACOST_CACHE": dir + "/cache"]
        for (stack, says) in [("arbitrum", "Stack Arbitrum:"), ("polygon-cdk", "Stack Polygon CDK:"), ("zksync", "Stack ZK Stack: A MODEL, not a measurement")] {
            let r = try CLI.run(["compare", "--stack", stack, "--out", dir + "/" + stack, "--quiet"], env: env)
            #expect(r.status == 0, "\(stack): \(r.stderr)")
            #expect(try String(contentsOfFile: dir + "/\(stack)/report.md", encoding: .utf8).contains(says), "\(stack)")
        }
    }

    @Test func theBinaryAloneRunsTheMainJob() throws {
        let dir = try CLI.temporaryDirectory()
        try FileManager.default.copyItem(atPath: CLI.binary, toPath: dir + "/dacost")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: dir + "/dacost")
        p.arguments = ["compare", "--out", "r", "--quiet"]
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        // No cache folder given: the bundled trace goes to $HOME/.cache/dacost, here inside the folder.
        p.environment = ["HOME": dir + "/home", "PATH": "/usr/bin:/bin"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/r/report.json"))) as? [String: Any]
        #expect((json?["trace"] as? [String: Any])?["transactions"] as? Int == 1766)
    }

    @Test func anotherTraceIsMeasuredOnceThenCached() throws {
        let dir = try CLI.temporaryDirectory()
        try CLI.run(["synth", "--txs", "1500", "--seed", "4", "-o", dir + "/t.hex"])
        let env = ["DACOST_CACHE": dir + "/cache"]
        let a = try CLI.run(["compare", dir + "/t.hex", "--codecs", "zstd-3,zlib-6", "--out", dir + "/r1", "--quiet"], env: env)
        #expect(a.status == 0, "\(a.stderr)")
        // One measured profile, and the trace's identity (hash by inode, size and times) beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/cache").filter { $0.hasSuffix(".json") }.count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/cache/traces").count == 1)
        let b = try CLI.run(["compare", dir + "/t.hex", "--codecs", "zstd-3,zlib-6", "--out", dir + "/r2", "--quiet"], env: env)
        #expect(b.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/r1/report.json")) == Data(contentsOf: URL(fileURLWithPath: dir + "/r2/report.json")))
    }

    /// Each bad scenario exits 2 with a precise message and leaves existing reports untouched.
    @Test(arguments: [
        ("colour: blue\n", "colour: unknown key"),
        ("layers: [{kind: celestia, gas_price_utia: cheap}]\n", #"layers[0].gas_price_utia: expected a number ≥ 0 and ≤ 1000000000, got "cheap""#),
        ("market: {eth_usd: -3}\n", "market.eth_usd: expected a number > 0 and ≤ 10000000, got -3"),
        ("traffic: {tps: 0}\n", "traffic.tps: expected a number > 0 and ≤ 10000000, got 0"),
        ("layers: [{kind: arweave}]\n", "layers[0].kind: expected one of"),
        ("codecs: [lz4]\n", "codecs[0]: expected a codec name"),
        ("blob_schedule: {extra_forks: [{name: x, timestamp: 1000, target: 1, max: 2, update_fraction: 5}]}\n", "time order"),
        ("trace: missing.hex\n", "trace: expected an existing trace file"),
    ])
    func badScenarioExits2AndWritesNothing(_ yaml: String, _ expected: String) throws {
        let dir = try CLI.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
        try CLI.write("old", dir + "/out/report.json")
        try CLI.write(yaml, dir + "/s.yaml")
        let r = try CLI.run(["compare", "--scenario", dir + "/s.yaml", "--out", dir + "/out"], env: ["DACOST_CACHE": dir + "/cache"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("s.yaml: ") && r.stderr.contains(expected), "\(r.stderr)")
        #expect(try String(contentsOfFile: dir + "/out/report.json", encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out") == ["report.json"])
    }

    @Test func missingScenarioOrTraceExits2() throws {
        let a = try CLI.run(["compare", "--scenario", "/nonexistent/s.yaml", "--out", "/tmp/never"])
        #expect(a.status == 2 && a.stderr.contains("/nonexistent/s.yaml: no such file"))
        let b = try CLI.run(["compare", "/nonexistent/t.hex", "--out", "/tmp/never"])
        #expect(b.status == 2 && b.stderr.contains("/nonexistent/t.hex: no such file"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never"))
    }
}
