import ArgumentParser
import DACost

struct StacksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stacks",
        abstract: "L1 gas per L2 transaction of a trace as each rollup stack posts it, beside the field report's figures.")

    @Argument(help: "Trace file (default: the bundled real OP Mainnet trace).")
    var trace: String?

    @Option(help: "Scenario whose TPS spreads the per-day costs and whose batcher packs blobs (default: the bundled one).")
    var scenario: String?

    @Option(name: .customLong("state-diffs"), help: "A ZK Stack state-diff trace of the same transactions (JSON lines: writes, l2_to_l1_logs, messages, bytecodes): the ZK Stack row is measured from it instead of modelled.")
    var stateDiffs: String?

    @Option(help: "Folder for stacks.md and stacks.json (created if missing).")
    var out: String = "reports/stacks"

    @Option(help: "Worker threads when the trace must be measured (default: all cores).")
    var jobs: Int?

    @Flag(help: "No table on stdout and no progress on stderr.")
    var quiet = false

    func validate() throws {
        if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs: expected 1…256, got \(jobs)") }
    }

    func run() throws {
        let (scenario, _) = try ScenarioReader.load(path: scenario)
        var provider = ProfileProvider()
        provider.jobs = jobs ?? Console.cores
        let display = ProgressDisplay(label: "measuring the trace", unit: "bytes", quiet: quiet)
        provider.progress = display.update
        let path = try trace ?? ScenarioReader.defaultTracePath
        let table = try StackGasTable.build(tracePath: path, traceName: trace ?? "the bundled op-mainnet-1766.hex", scenario: scenario, provider: provider, stateDiffsPath: stateDiffs)
        display.finish()
        let written = try table.write(to: out)
        if !quiet {
            print(table.table().render(.table), terminator: "")
            Console.note("wrote " + written.joined(separator: ", "))
        }
    }
}
