import Foundation
import Testing

@Suite struct BacktestCLITests {
    /// With no arguments, from any folder: the bundled real days, five files written.
    @Test func bundledDaysFromAnyFolder() throws {
        let dir = try CLI.temporaryDirectory()
        let r = try CLI.run(["backtest", "--out", "bt"], cwd: dir, env: ["DACOST_CACHE": dir + "/cache"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("inbox gas") && r.stdout.contains("median |error|"))
        for f in ["backtest.md", "backtest.svg", "backtest.csv", "backtest.json", "backtest.html"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/bt/" + f), "\(f)")
        }
        let md = try String(contentsOfFile: dir + "/bt/backtest.md", encoding: .utf8)
        #expect(md.contains("default (bundled op-chains-daily-2023.csv)"))
    }

    /// A bad row exits 2 naming the file, line and column, and writes nothing.
    @Test func badRowExits2AndWritesNothing() throws {
        let dir = try CLI.temporaryDirectory()
        var lines = try String(contentsOfFile: CLI.fixtures + "/op-chains-daily-2023.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        lines[5] = lines[5].replacingOccurrences(of: ",24,", with: ",-24,")
        try CLI.write(lines.joined(separator: "\n") + "\n", dir + "/d.csv")
        let r = try CLI.run(["backtest", dir + "/d.csv", "--out", dir + "/out", "--quiet"], env: ["DACOST_CACHE": dir + "/cache"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("d.csv:6: column 'output_txs': expected a number from 0 to 1e18, got -24"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
        let stack = try CLI.run(["backtest", "--stack", "zksync", "--out", dir + "/out"])
        #expect(stack.status == 2 && stack.stderr.contains("--stack"))
    }
}
