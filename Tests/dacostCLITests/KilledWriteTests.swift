import DACost
import Foundation
import Testing

/// Issue 19, class 8: `compare` killed at any moment never leaves a report set mixed from two runs,
/// and the next run leaves no temporary behind.
@Suite struct KilledWriteTests {
    /// The TPS a report file says it was computed for.
    func tps(markdown: String) -> String? {
        markdown.range(of: #"[0-9.]+ TPS"#, options: .regularExpression).map { String(markdown[$0]) }
    }

    @Test func killedComparesLeaveWholeSets() throws {
        let dir = try CLI.temporaryDirectory()
        let env = ["DACOST_CACHE": dir + "/cache"]
        try CLI.write("traffic: {tps: 10}\n", dir + "/a.yaml")
        try CLI.write("traffic: {tps: 20}\n", dir + "/b.yaml")
        try CLI.run(["compare", "--scenario", dir + "/a.yaml", "--out", dir + "/out", "--quiet"], env: env) // warms the cache
        var rng = SystemRandomNumberGenerator()
        for round in 0..<12 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CLI.binary)
            p.arguments = ["compare", "--scenario", dir + (round % 2 == 0 ? "/b.yaml" : "/a.yaml"), "--out", dir + "/out", "--quiet"]
            var environment = ProcessInfo.processInfo.environment
            environment["DACOST_CACHE"] = dir + "/cache"
            p.environment = environment
            p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(UInt32.random(in: 50_000...450_000, using: &rng))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            // What a reader of the folder sees once dacost has looked at it.
            ReportWriter.recover(in: dir + "/out")
            let md = try String(contentsOfFile: dir + "/out/report.md", encoding: .utf8)
            let csv = try String(contentsOfFile: dir + "/out/report.csv", encoding: .utf8)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/report.json"))) as? [String: Any])
            let jsonTPS = ((json["scenario"] as? [String: Any])?["traffic"] as? [String: Any])?["tps"] as? Double
            let mdTPS = tps(markdown: md)
            #expect(mdTPS == (jsonTPS == 10 ? "10.00 TPS" : "20.00 TPS"), "round \(round): markdown \(mdTPS ?? "?"), json \(jsonTPS ?? -1)")
            // The CSV's first row has the JSON's first row's daily spend (both are the same run).
            let rows = try #require(json["rows"] as? [[String: Any]])
            let jsonDaily = try #require(rows.first?["cost_per_day_usd"] as? Double)
            let header = csv.split(separator: "\n")[0].split(separator: ",")
            let first = csv.split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false)
            let column = try #require(header.firstIndex(of: "cost_per_day_usd"))
            // (Within 1e-12: Foundation's JSON reader is not exact in the last digit.)
            let csvDaily = try #require(Double(first[column]))
            #expect(abs(csvDaily - jsonDaily) <= 1e-12 * jsonDaily, "round \(round): csv \(csvDaily), json \(jsonDaily)")
        }
        try CLI.run(["compare", "--scenario", dir + "/a.yaml", "--out", dir + "/out", "--quiet"], env: env)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir + "/out").filter { $0.contains(".tmp-") || $0.hasPrefix(".dacost-staging") }
        #expect(left.isEmpty, "\(left)")
    }
}
