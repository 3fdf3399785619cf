import Foundation
import Testing

@Suite struct CheckCLITests {
    static let op = CLI.fixtures + "/traces/op-mainnet-1766.hex"

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func unchangedInputsExit0() throws {
        let dir = try CLI.temporaryDirectory()
        let env = ["DACOST_CACHE": dir + "/cache", "GITHUB_STEP_SUMMARY": ""]
        try CLI.run(["compare", "--out", dir + "/base", "--quiet"], env: env)
        let r = try CLI.run(["check", "--baseline", dir + "/base/report.json"], env: env)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("0 regressed"))
        try CLI.run(["compress", Self.op, "--codecs", "zstd-3,fastlz", "--batch-sizes", "128k", "--no-timing", "-o", dir + "/p.json"])
        let p = try CLI.run(["check", "--baseline", dir + "/p.json"], env: env)
        #expect(p.status == 0, "\(p.stdout)\(p.stderr)")
    }

    /// The issue's case: the scenario's codec goes from brotli-11 to brotli-9.
    @Test func codecLevelDownIsARegressionInEveryOutput() throws {
        let dir = try CLI.temporaryDirectory()
        let env = ["DACOST_CACHE": dir + "/cache", "GITHUB_STEP_SUMMARY": dir + "/summary.md"]
        try CLI.write("batcher: {codec: brotli-11}\ncodecs: [zstd-3, brotli-11]\n", dir + "/s11.yaml")
        try CLI.write("batcher: {codec: brotli-9}\ncodecs: [zstd-3, brotli-9]\n", dir + "/s9.yaml")
        try CLI.run(["compare", "--scenario", dir + "/s11.yaml", "--out", dir + "/b", "--quiet"], env: env)
        let r = try CLI.run(["check", "--baseline", dir + "/b/report.json", "--scenario", dir + "/s9.yaml",
                             "--markdown", dir + "/m.md", "--junit", dir + "/j.xml", "--benchmark-json", dir + "/bench.json"], env: env)
        #expect(r.status == 1)
        // Metric, baseline value, new value, change in %.
        let line = try #require(r.stdout.split(separator: "\n").first { $0.contains("cost_per_tx") && $0.contains("ethereum-blobs (batcher codec)") })
        #expect(line.contains("regressed") && line.contains("$0.000044561") && line.contains("$0.000045684") && line.contains("+2.52%"), "\(line)")
        let md = try read(dir + "/m.md")
        #expect(md.contains("| regressed | cost_per_tx | ethereum-blobs (batcher codec) | $0.000044561 | $0.000045684 | +2.52% |"))
        let junit = try read(dir + "/j.xml")
        #expect(junit.contains("<failure message=\"cost_per_tx [ethereum-blobs (batcher codec)]: baseline $0.000044561, now $0.000045684, change +2.52%"))
        #expect(junit.contains("failures=\"28\"")) // 13 regressed + 15 brotli-11 metrics missing
        #expect(try read(dir + "/summary.md").contains("regression ❌"))
        let bench = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/bench.json"))) as? [[String: Any]]
        #expect(bench?.first?["name"] as? String == "cost_per_tx[ethereum-blobs (batcher codec)]")
        #expect(bench?.allSatisfy { $0["unit"] != nil && $0["value"] is Double } == true)
    }

    /// Padding bytes inserted into the trace's transactions: more compressed bytes.
    @Test func paddedTraceIsARegression() throws {
        let dir = try CLI.temporaryDirectory()
        try CLI.run(["synth", "--profile", "erc20", "--txs", "400", "--seed", "3", "-o", dir + "/t.hex"])
        try CLI.run(["compress", dir + "/t.hex", "--codecs", "zstd-3,zlib-9", "--batch-sizes", "16k,all", "--no-timing", "-o", dir + "/p.json"])
        // The same trace plus transactions whose calldata is 600 bytes of padding.
        var lines = try read(dir + "/t.hex").split(separator: "\n").map(String.init)
        try CLI.run(["synth", "--profile", "defi", "--txs", "20", "--seed", "9", "-o", dir + "/pad.hex"])
        lines.insert(contentsOf: try read(dir + "/pad.hex").split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init), at: lines.count / 2)
        try CLI.write(lines.joined(separator: "\n") + "\n", dir + "/padded.hex")
        let refused = try CLI.run(["check", "--baseline", dir + "/p.json", dir + "/padded.hex"])
        #expect(refused.status == 2 && refused.stderr.contains("--allow-trace-change"))
        let r = try CLI.run(["check", "--baseline", dir + "/p.json", dir + "/padded.hex", "--allow-trace-change", "--junit", dir + "/j.xml"])
        #expect(r.status == 1, "\(r.stdout)")
        #expect(r.stdout.contains("the trace changed") && r.stdout.contains("regressed  compressed_bytes"))
        #expect(try read(dir + "/j.xml").contains("type=\"regression\""))
    }

    @Test func libraryVersionChangeIsReportedNotJudged() throws {
        let dir = try CLI.temporaryDirectory()
        try CLI.run(["compress", Self.op, "--codecs", "zstd-3", "--batch-sizes", "780k", "--no-timing", "-o", dir + "/p.json"])
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/p.json"))) as? [String: Any])
        var codecs = try #require(json["codecs"] as? [String: Any])
        codecs["zstd"] = "1.5.99"
        json["codecs"] = codecs
        // A baseline 5% smaller would be a regression if it were judged.
        var results = try #require(json["results"] as? [[String: Any]])
        results[0]["compressed_bytes"] = Int(Double(results[0]["compressed_bytes"] as? Int ?? 0) * 0.95)
        json["results"] = results
        try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]).write(to: URL(fileURLWithPath: dir + "/p.json"))
        let r = try CLI.run(["check", "--baseline", dir + "/p.json"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("baseline made with zstd 1.5.99, now zstd 1.5"))
        #expect(r.stdout.contains("library-changed  compressed_bytes"))
    }

    @Test func improvementsHintAndUpdateRewritesTheBaseline() throws {
        let dir = try CLI.temporaryDirectory()
        try CLI.run(["compress", Self.op, "--codecs", "zstd-3", "--batch-sizes", "780k", "--no-timing", "-o", dir + "/p.json"])
        var text = try read(dir + "/p.json")
        text = text.replacingOccurrences(of: "\"compressed_bytes\" : 586564", with: "\"compressed_bytes\" : 600000")
        try CLI.write(text, dir + "/p.json")
        let r = try CLI.run(["check", "--baseline", dir + "/p.json"])
        #expect(r.status == 0 && r.stdout.contains("improved") && r.stdout.contains("--update"), "\(r.stdout)")
        let u = try CLI.run(["check", "--baseline", dir + "/p.json", "--update"])
        #expect(u.status == 0)
        #expect(try read(dir + "/p.json").contains("\"compressed_bytes\" : 586564"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["p.json"])
    }

    @Test(arguments: [
        ("not json at all", "not JSON"),
        (#"{"schema": "dacost.compression-profile/v0", "results": []}"#, #"schema "dacost.compression-profile/v0" is not one this dacost reads"#),
        (#"{"schema": "dacost.report/v1"}"#, "dacost.report/v1 without the field"),
    ])
    func badBaselinesExit2(_ content: String, _ expected: String) throws {
        let dir = try CLI.temporaryDirectory()
        try CLI.write(content, dir + "/b.json")
        let r = try CLI.run(["check", "--baseline", dir + "/b.json"])
        #expect(r.status == 2)
        #expect(r.stderr.contains(expected), "\(r.stderr)")
        let missing = try CLI.run(["check", "--baseline", dir + "/none.json"])
        #expect(missing.status == 2 && missing.stderr.contains("none.json: no such file"))
        let tol = try CLI.run(["check", "--baseline", dir + "/b.json", "--tolerance", "speed=5%"])
        #expect(tol.status == 2 && tol.stderr.contains("--tolerance"))
    }

    /// The issue's case: only the batcher codec changes (brotli-10 → brotli-9) with codecs [brotli-10, zstd-3]. The
    /// brotli-10 rows the baseline has are gone from the new run: that fails and names them.
    @Test func aMetricThatDisappearsFailsTheGate() throws {
        let dir = try CLI.temporaryDirectory()
        let env = ["DACOST_CACHE": dir + "/cache", "GITHUB_STEP_SUMMARY": ""]
        try CLI.write("batcher: {codec: brotli-10}\ncodecs: [brotli-10, zstd-3]\n", dir + "/s10.yaml")
        try CLI.write("batcher: {codec: brotli-9}\ncodecs: [brotli-10, zstd-3]\n", dir + "/s9.yaml")
        try CLI.run(["compare", "--scenario", dir + "/s10.yaml", "--out", dir + "/b", "--quiet"], env: env)
        // compare always prices the batcher codec, and says so.
        let c = try CLI.run(["compare", "--scenario", dir + "/s9.yaml", "--out", dir + "/c", "--quiet"], env: env)
        #expect(c.stdout.contains("brotli-9") && c.stdout.contains("the batcher codec brotli-9 is not among the scenario's codecs"), "\(c.stdout)")
        // The batcher's own rows are judged now (brotli-9 against brotli-10: +0.12%), none is missing.
        let r = try CLI.run(["check", "--baseline", dir + "/b/report.json", "--scenario", dir + "/s9.yaml"], env: env)
        let line = try #require(r.stdout.split(separator: "\n").first { $0.contains("cost_per_tx") && $0.contains("ethereum-blobs (batcher codec)") })
        #expect(line.contains("$0.000045631") && line.contains("$0.000045684") && line.contains("+0.12%"), "\(line)")
        #expect(!r.stdout.contains("missing"), "\(r.stdout)")
        // Held to a tolerance tighter than that change, it fails.
        let tight = try CLI.run(["check", "--baseline", dir + "/b/report.json", "--scenario", dir + "/s9.yaml",
                                 "--tolerance", "cost_per_tx=0.1%"], env: env)
        #expect(tight.status == 1, "\(tight.stdout)")

        // Only metrics dropped (zstd-3 leaves the codec list): a failure naming them, unless allowed.
        try CLI.write("batcher: {codec: brotli-10}\ncodecs: [brotli-10]\n", dir + "/only10.yaml")
        let m = try CLI.run(["check", "--baseline", dir + "/b/report.json", "--scenario", dir + "/only10.yaml", "--junit", dir + "/j.xml"], env: env)
        #expect(m.status == 1, "\(m.stdout)")
        #expect(m.stdout.contains("missing (a failure)") && m.stdout.contains("cost_per_tx[ethereum-blobs / zstd-3]") && m.stdout.contains("--allow-missing"), "\(m.stdout)")
        #expect(try read(dir + "/j.xml").contains("type=\"missing\""))
        let allowed = try CLI.run(["check", "--baseline", dir + "/b/report.json", "--scenario", dir + "/only10.yaml", "--allow-missing"], env: env)
        #expect(allowed.status == 0, "\(allowed.stdout)")
        #expect(allowed.stdout.contains("missing (allowed)"))
        // --quiet: nothing on success, only the failing metrics on failure.
        let quietOK = try CLI.run(["check", "--baseline", dir + "/b/report.json", "--quiet"], env: env)
        #expect(quietOK.status == 0 && quietOK.stdout.isEmpty && quietOK.stderr.isEmpty, "\(quietOK.stdout)\(quietOK.stderr)")
        let quietFail = try CLI.run(["check", "--baseline", dir + "/b/report.json", "--scenario", dir + "/only10.yaml", "--quiet"], env: env)
        #expect(quietFail.status == 1 && quietFail.stdout.contains("missing") && !quietFail.stdout.contains("  ok  "), "\(quietFail.stdout)")
    }

    /// With another trace, compressed bytes are judged per transaction: twice the same transactions compress to
    /// about the same bytes per tx, though the total doubles.
    @Test func anotherTraceIsJudgedPerTransaction() throws {
        let dir = try CLI.temporaryDirectory()
        try CLI.run(["synth", "--profile", "erc20", "--txs", "4000", "--seed", "3", "-o", dir + "/t.hex"])
        try CLI.run(["compress", dir + "/t.hex", "--codecs", "zstd-3", "--batch-sizes", "16k", "--no-timing", "-o", dir + "/p.json"])
        let lines = try read(dir + "/t.hex").split(separator: "\n").filter { !$0.hasPrefix("#") }
        try CLI.write((lines + lines).joined(separator: "\n") + "\n", dir + "/twice.hex")
        let r = try CLI.run(["check", "--baseline", dir + "/p.json", dir + "/twice.hex", "--allow-trace-change", "--all"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("compared per transaction"))
        let line = try #require(r.stdout.split(separator: "\n").first { $0.contains("compressed_bytes") })
        #expect(line.contains("ok"), "\(line)")
    }
}

/// Issue 19, class 3: a baseline is validated exactly as a scenario or profile given on the command line.
@Suite struct HostileBaselineTests {
    /// A report baseline edited by hand (or by an attacker), and what `check` must say of it.
    func checkEdited(_ edit: (inout [String: Any]) -> Void) throws -> CLI.Result {
        let dir = try CLI.temporaryDirectory()
        let env = ["DACOST_CACHE": dir + "/cache", "GITHUB_STEP_SUMMARY": ""]
        try CLI.run(["compare", "--out", dir + "/base", "--quiet"], env: env)
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/base/report.json"))
        var top = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        edit(&top)
        try JSONSerialization.data(withJSONObject: top).write(to: URL(fileURLWithPath: dir + "/edited.json"))
        return try CLI.run(["check", "--baseline", dir + "/edited.json"], env: env)
    }

    @Test func aReportBaselineWithImpossibleValuesIsRefused() throws {
        func setLayer(_ top: inout [String: Any], _ key: String, _ value: Any) {
            var s = top["scenario"] as? [String: Any] ?? [:]
            var layers = s["layers"] as? [[String: Any]] ?? []
            layers[2][key] = value
            s["layers"] = layers; top["scenario"] = s
        }
        let negative = try checkEdited { setLayer(&$0, "l1_commitment_gas", -5) }
        #expect(negative.status == 2 && negative.stderr.contains("edited.json") && negative.stderr.contains("l1_commitment_gas") && negative.stderr.contains("≥ 0"), "\(negative.stderr)")
        let eth = try checkEdited { top in
            var s = top["scenario"] as? [String: Any] ?? [:]; var m = s["market"] as? [String: Any] ?? [:]
            m["usd"] = ["ETH": -3000, "TIA": 1, "AVAIL": 0.01]; s["market"] = m; top["scenario"] = s
        }
        #expect(eth.status == 2 && eth.stderr.contains("market.usd.ETH"), "\(eth.stderr)")
        let fee = try checkEdited { top in
            var s = top["scenario"] as? [String: Any] ?? [:]; var m = s["market"] as? [String: Any] ?? [:]
            m["l1_base_fee_gwei"] = 1e30; s["market"] = m; top["scenario"] = s
        }
        #expect(fee.status == 2 && fee.stderr.contains("market.l1_base_fee_gwei") && fee.stderr.contains("≤ 1000000"), "\(fee.stderr)")
    }

    @Test func aProfileBaselineWithImpossibleMeasurementsIsRefused() throws {
        let dir = try CLI.temporaryDirectory()
        try CLI.run(["compress", CheckCLITests.op, "--codecs", "zstd-3", "--batch-sizes", "128k", "--no-timing", "-o", dir + "/p.json"])
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/p.json"))
        let top = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let results = try #require(top["results"] as? [[String: Any]])
        func check(_ results: [[String: Any]]) throws -> CLI.Result {
            var t = top; t["results"] = results
            try JSONSerialization.data(withJSONObject: t).write(to: URL(fileURLWithPath: dir + "/e.json"))
            return try CLI.run(["check", "--baseline", dir + "/e.json"], env: ["DACOST_CACHE": dir + "/cache"])
        }
        var huge = results; huge[0]["batch"] = 1_000_000_000_000; huge[0]["batch_target_bytes"] = 1_000_000_000_000
        let h = try check(huge)
        #expect(h.status == 2 && h.stderr.contains("results[0].batch"), "\(h.stderr)")
        let empty = try check([])
        #expect(empty.status == 2 && empty.stderr.contains("no measurements"), "\(empty.stderr)")
        var negative = results; negative[0]["ratio"] = -2.5
        let n = try check(negative)
        #expect(n.status == 2 && n.stderr.contains("results[0].ratio"), "\(n.stderr)")
    }

    @Test func aBaselineWithATrailingCommaNamesItsLineAndColumn() throws {
        let dir = try CLI.temporaryDirectory()
        try CLI.write("{\"schema\": \"dacost.profile/v1\",\n \"results\": [],\n}", dir + "/b.json")
        let r = try CLI.run(["check", "--baseline", dir + "/b.json"])
        #expect(r.status == 2 && r.stderr.contains("b.json") && r.stderr.contains("line 3, column 1"), "\(r.stderr)")
    }
}
