import DACost
import Foundation
import Testing

@Suite struct ProjectCLITests {
    @Test func writesReportsIdenticalWhateverTheJobs() throws {
        let dir = try CLI.temporaryDirectory()
        try CLI.write("horizon_days: 3\nmarket: {eth_usd: {kind: gbm, start: 3000, drift_per_year: 0, volatility_per_year: 0.9}}\nprojection: {paths: 30, seed: 3}\n", dir + "/s.yaml")
        for jobs in ["1", "2"] {
            let r = try CLI.run(["project", "--scenario", dir + "/s.yaml", "--jobs", jobs, "--out", dir + "/r\(jobs)", "--quiet"], env: ["DACOST_CACHE": dir + "/c"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("total USD P50"))
        }
        for f in ["report.md", "report.csv", "report.json", "report.html"] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/r1/\(f)")) == Data(contentsOf: URL(fileURLWithPath: "\(dir)/r2/\(f)")), "\(f)")
        }
        let csv = try String(contentsOfFile: dir + "/r1/report.csv", encoding: .utf8)
        #expect(csv.hasPrefix("layer,period,date,metric,p5,p50,p95,mean\n"))
        // Per layer and day: USD and native; per day the blob fee's mean and max.
        #expect(csv.split(separator: "\n").filter { $0.contains(",day,") }.count == 5 * 3 * 2 + 3 * 2)
    }

    static func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    static func usd(_ v: Any?) -> String { "$" + NumberFormat.significant((v as? Double) ?? .nan, 4) }

    /// `report.json` of a projection is `dacost.projection/v1` and carries the numbers `report.md` shows, and
    /// `report.csv` the same bands; the report says what it assumed (curves, spikes, seed), nothing of a steady
    /// state, and warns of a spike outside the horizon, which `--strict` refuses.
    @Test func projectionJSONCarriesWhatTheMarkdownShows() throws {
        let dir = try CLI.temporaryDirectory()
        try CLI.write("""
            start: 2026-05-30
            horizon_days: 4
            market: {l1_base_fee_gwei: {kind: mean_reverting, start: 20, mean: 20, reversion_per_day: 1, volatility_per_day: 0.5}}
            projection:
              paths: 40
              seed: 5
              revenue_per_tx_usd: 0.0002
              loss_threshold_usd: 50
              spikes:
                - {name: frenzy, input: l1_base_fee_gwei, start: 2026-05-31, hours: 6, multiplier: 20}
                - {name: too late, input: l1_base_fee_gwei, start: 2026-07-01, hours: 6, multiplier: 20}
            """, dir + "/s.yaml")
        let env = ["DACOST_CACHE": dir + "/c"]
        let r = try CLI.run(["project", "--scenario", dir + "/s.yaml", "--out", dir + "/r", "--quiet"], env: env)
        #expect(r.status == 0, "\(r.stderr)")
        let md = try String(contentsOfFile: dir + "/r/report.md", encoding: .utf8)
        let csv = try String(contentsOfFile: dir + "/r/report.csv", encoding: .utf8)
        let top = try Self.json(dir + "/r/report.json")
        #expect(top["schema"] as? String == "dacost.projection/v1")
        let p = try #require(top["projection"] as? [String: Any])
        let layers = try #require(p["layers"] as? [[String: Any]])
        #expect(layers.count == 5)
        for l in layers {
            let name = try #require(l["layer"] as? String)
            let total = try #require(l["total_usd"] as? [String: Any])
            #expect(md.contains("| \(name) | \(Self.usd(total["p50"])) | \(Self.usd(total["p5"])) | \(Self.usd(total["p95"])) | \(Self.usd(total["mean"])) |"), "\(name)")
            // The same band in the CSV (to the last digit JSON parsing keeps).
            let line = try #require(csv.split(separator: "\n").first { $0.hasPrefix("\(name),horizon,2026-05-30,usd,") })
            let values = line.split(separator: ",").suffix(4).compactMap { Double($0) }
            let expected = ["p5", "p50", "p95", "mean"].compactMap { total[$0] as? Double }
            #expect(values.count == 4 && zip(values, expected).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) }, "\(line)")
            for m in try #require(l["months"] as? [[String: Any]]) {
                let u = try #require(m["usd"] as? [String: Any])
                #expect(md.contains("| \(name) | \(m["month"] as? String ?? "") | \(m["days"] as? Int ?? 0) | \(Self.usd(u["p5"])) | \(Self.usd(u["p50"])) | \(Self.usd(u["p95"])) | \(Self.usd(u["mean"])) |"))
            }
            let daily = try #require(l["daily"] as? [[String: Any]])
            #expect(daily.count == 4)
            for key in ["cost_per_tx_usd", "submissions", "fallback_submissions", "fallback_usd", "backlog_blobs", "worst_latency_seconds", "total_native"] {
                let band = try #require(l[key] as? [String: Any], "\(name).\(key)")
                #expect(Set(band.keys) == ["p5", "p50", "p95", "mean"])
            }
            #expect((l["components_usd"] as? [String: Any])?.isEmpty == false)
            let perTx = try #require(l["cost_per_tx_usd"] as? [String: Any])
            #expect(md.contains(Self.usd(perTx["p50"])))
        }
        // Per-layer tables share one order: the month table follows the horizon table.
        func order(after heading: String) -> [String] {
            guard let part = md.components(separatedBy: heading).dropFirst().first?.components(separatedBy: "\n## ").first else { return [] }
            var seen = [String]()
            for line in part.split(separator: "\n") where line.hasPrefix("| ") && !line.hasPrefix("| layer") && !line.hasPrefix("|--") {
                let name = String(line.dropFirst(2).prefix { $0 != " " })
                if !seen.contains(name) { seen.append(name) }
            }
            return seen
        }
        #expect(order(after: "## Spend over the horizon").count == 5)
        #expect(order(after: "## Per calendar month") == order(after: "## Spend over the horizon"))
        // The loss timer, with its time and a legend.
        let lossy = try #require(layers.first { ($0["paths_with_loss"] as? Int ?? 0) > 0 && $0["hours_to_loss_threshold"] is [String: Any] })
        let hours = try #require(lossy["hours_to_loss_threshold"] as? [String: Any])
        #expect(md.contains("after \(NumberFormat.fixed(hours["p50"] as? Double ?? 0, 1)) h (P50"))
        #expect(md.contains("Loss: paths on which posting cost per transaction passed the revenue"))
        // The day's blob fee: mean and max, in JSON and Markdown.
        let fees = try #require(p["blob_base_fee_gwei"] as? [[String: Any]])
        let mean = try #require((fees.first?["mean"] as? [String: Any])?["p50"] as? Double)
        #expect(md.contains("| \(NumberFormat.significant(mean, 4)) |"))
        // What it assumed: the curves, the spike, the seed; nothing of constants or a steady state.
        let assumptions = try #require(top["assumptions"] as? [String]).joined(separator: "\n")
        #expect(assumptions.contains("l1_base_fee_gwei: mean-reverting from 20") && assumptions.contains("seed 5"))
        #expect(assumptions.contains("frenzy: l1_base_fee_gwei ×20 for 6 h from day 2 00:00 UTC"))
        for text in [md, assumptions] {
            #expect(!text.contains("constants from the scenario") && !text.contains("Steady state"))
        }
        let warnings = try #require(top["warnings"] as? [String])
        #expect(warnings.contains { $0.contains("too late") && $0.contains("outside the 4-day horizon") })
        #expect(!warnings.contains { $0.contains("use dacost project") })
        #expect(p["spikes_outside_horizon"] as? [String] == ["too late: l1_base_fee_gwei ×20 for 6 h from day 33 00:00 UTC"])
        // The fan charts' log scale is on their value axis.
        let html = try String(contentsOfFile: dir + "/r/report.html", encoding: .utf8)
        #expect(html.contains("USD per day (log scale)") && !html.contains("day (UTC); log scale"))
        // --strict refuses it and writes nothing.
        let strict = try CLI.run(["project", "--scenario", dir + "/s.yaml", "--out", dir + "/strict", "--strict"], env: env)
        #expect(strict.status == 2 && strict.stderr.contains("outside the 4-day horizon"), "\(strict.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/strict"))
    }

    @Test(arguments: [
        ("horizon_days: 0\n", "horizon_days: expected a whole number from 1 to 3660, got 0"),
        ("projection: {paths: 20000000}\n", "projection.paths"),
        ("market: {eth_usd: {kind: wiggle}}\n", "market.eth_usd.kind"),
    ])
    func badScenariosExit2AndWriteNothing(_ yaml: String, _ expected: String) throws {
        let dir = try CLI.temporaryDirectory()
        try CLI.write(yaml, dir + "/s.yaml")
        let r = try CLI.run(["project", "--scenario", dir + "/s.yaml", "--out", dir + "/out"])
        #expect(r.status == 2 && r.stderr.contains(expected), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
        let paths = try CLI.run(["project", "--paths", "10000001", "--out", dir + "/out"])
        #expect(paths.status == 2 && paths.stderr.contains("--paths"))
    }
}
