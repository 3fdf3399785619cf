import ArgumentParser
import DACost
import Foundation

struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Hold the model against a chain's real daily posting: inbox gas and fees, output proposals, users' L1 fee revenue, inbox bytes.")

    @Argument(help: "Daily posting CSV (the columns of fixtures/op-chains-daily-2023.csv; default: that file, bundled).")
    var daily: String?

    @Option(help: "The chain's stack: \(BacktestRun.stacks.joined(separator: ", ")).")
    var stack: String = "op"

    @Option(help: "Trace standing in for the chain's transactions (default: the bundled OP Mainnet trace).")
    var trace: String?

    @Option(help: "Scenario naming each chain's fee parameters under backtest.chains (default: OP Mainnet's for every chain).")
    var scenario: String?

    @Option(name: .customLong("what-if"), help: "Scenario whose layers, codec and prices the same days are priced at (a counterfactual).")
    var whatIf: String?

    @Option(help: "Folder for backtest.md, backtest.svg, backtest.csv, backtest.json and backtest.html (created if missing).")
    var out: String = "reports/backtest"

    @Option(help: "Worker threads when the trace must be measured (default: all cores).")
    var jobs: Int?

    @Flag(help: "No summary on stdout and no progress on stderr.")
    var quiet = false

    func validate() throws {
        guard BacktestRun.stacks.contains(stack) else {
            throw ValidationError("--stack: expected one of \(BacktestRun.stacks.joined(separator: ", ")), got \(stack) (other stacks arrive with their presets)")
        }
        if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs: expected 1…256, got \(jobs)") }
    }

    func run() throws {
        var run = BacktestRun()
        run.stack = stack
        run.provider.jobs = jobs ?? Console.cores
        let measuring = ProgressDisplay(label: "measuring the trace", unit: "bytes", quiet: quiet)
        run.provider.progress = measuring.update
        defer { measuring.finish() }
        if let scenario { run.chains = try ScenarioReader.load(path: scenario).0.backtestChains ?? [:] }
        let csv = try daily ?? EmbeddedFile.opMainnetDaily2023.materialized(in: ProfileProvider.defaultCacheDirectory)
        let scenario = try whatIf.map { try ScenarioReader.load(path: $0) }
        let document = try run.run(csvPath: csv, sourceName: daily == nil ? "default (bundled op-chains-daily-2023.csv)" : nil,
                                   tracePath: trace, whatIf: scenario.map { ($0.0, $0.1) })
        let written = try BacktestRenderer.write(document, to: out)
        if !quiet {
            print(BacktestRenderer.summaryTable(document).render(.table), terminator: "")
            if let w = document.whatIf { print("\nWhat if (\(w.scenarioFile)):\n" + BacktestRenderer.whatIfTable(w).render(.table), terminator: "") }
            for w in document.warnings { Console.note("warning: \(w)") }
            Console.note("wrote " + written.joined(separator: ", "))
        }
    }
}
