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
        #expect(csv.hasPrefix("layer,day,usd_p5,usd_p50,usd_p95,usd_mean\n"))
        #expect(csv.split(separator: "\n").count == 1 + 5 * 3)
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
