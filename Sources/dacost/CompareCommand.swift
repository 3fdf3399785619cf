import ArgumentParser
import DACost
import Foundation

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Price a trace's compressed batches on each DA layer and codec of a scenario, side by side.")

    @Argument(help: "Trace file (default: the scenario's trace, else the bundled real OP Mainnet trace).")
    var trace: String?

    @Option(help: "Scenario file, YAML or JSON (default: the bundled default scenario).")
    var scenario: String?

    @Option(help: "Codecs to compare, comma-separated (default: the scenario's).")
    var codecs: String?

    @Option(help: "Folder for report.md, report.csv, report.json and report.html (created if missing).")
    var out: String = "reports"

    @Option(help: "Output on stdout.")
    var format: OutputFormat = .table

    @Option(help: "Worker threads when the trace must be measured (default: all cores).")
    var jobs: Int?

    @OptionGroup var stackOptions: StackOptions

    @Flag(help: "No progress on stderr.")
    var quiet = false

    @OptionGroup var measurement: MeasurementOptions

    func validate() throws {
        if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs: expected 1…256, got \(jobs)") }
    }

    func run() throws {
        var provider = ProfileProvider()
        provider.jobs = jobs ?? Console.cores
        provider.encoding = stackOptions.encoding
        provider.exact = measurement.exact
        let display = ProgressDisplay(label: "measuring the trace", unit: "bytes", quiet: quiet)
        provider.progress = display.update
        let inputs = try PricingInputs.load(tracePath: trace, scenarioPath: scenario, codecs: try codecs.map(CodecID.parseList), provider: provider,
                                            opBlocksFromTraffic: stackOptions.txsPerBlock == nil)
        display.finish()
        let report = ComparisonReport.build(scenario: inputs.scenario, scenarioFile: inputs.scenarioFile, profile: inputs.profile)
        let written = try ReportWriter.write(report, to: out)
        switch format {
        case .table: print(ReportRenderer.screen(report), terminator: "")
        case .markdown: print(ReportRenderer.markdown(report), terminator: "")
        case .csv: print(ReportRenderer.csv(report), terminator: "")
        case .json: print(try JSONOutput.string(report), terminator: "")
        }
        if !quiet { Console.note("wrote " + written.joined(separator: ", ")) }
    }
}
