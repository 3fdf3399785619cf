import ArgumentParser
import DACost
import Foundation

struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Posting spend through time per layer: Monte Carlo bands over market and traffic curves, a simulated blob market.")

    @Argument(help: "Trace file (default: the scenario's trace, else the bundled real OP Mainnet trace).")
    var trace: String?

    @Option(help: "Scenario file, YAML or JSON (default: the bundled default scenario).")
    var scenario: String?

    @Option(help: "Monte Carlo paths (default: the scenario's, 1,000 when it says nothing).")
    var paths: Int?

    @Option(help: "Seed (default: the scenario's).")
    var seed: UInt64?

    @Option(help: "Folder for report.md, report.csv (daily series), report.json and report.html.")
    var out: String = "reports"

    @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
    var jobs: Int?

    @Flag(help: "No progress on stderr.")
    var quiet = false

    @Flag(help: "Refuse (exit 2, nothing written) a scenario with parts the projection would ignore, such as a spike outside the horizon.")
    var strict = false

    func validate() throws {
        if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs: expected 1…256, got \(jobs)") }
        if let paths, !(1...ProjectionSettings.maxPaths).contains(paths) {
            throw ValidationError("--paths: expected 1…\(ProjectionSettings.maxPaths), got \(paths)")
        }
    }

    func run() throws {
        var provider = ProfileProvider()
        provider.jobs = jobs ?? Console.cores
        var inputs = try PricingInputs.load(tracePath: trace, scenarioPath: scenario, provider: provider)
        if let paths { inputs.scenario.projection.paths = paths }
        if let seed { inputs.scenario.projection.seed = seed }
        var run = ProjectionRun()
        run.jobs = jobs ?? Console.cores
        let showProgress = !quiet && Console.stderrIsTerminal
        if showProgress { run.progress = { done, total in Console.progress("project: \(done)/\(total) paths") } }
        if strict, let ignored = ProjectionReport.ignoredParts(of: inputs.scenario).first {
            throw ValidationError("--strict: \(ignored)")
        }
        let report = try ProjectionReport.build(scenario: inputs.scenario, scenarioFile: inputs.scenarioFile, profile: inputs.profile, run: run)
        if showProgress { Console.clearProgress() }
        let written = try ProjectionRenderer.write(report, to: out)
        print(ProjectionRenderer.screen(report), terminator: "")
        if !quiet { Console.note("wrote " + written.joined(separator: ", ")) }
    }
}
