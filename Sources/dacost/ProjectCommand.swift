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

    @OptionGroup var stackOptions: StackOptions

    @Option(help: "Project once per stack (comma-separated: generic, op, arbitrum, zksync, polygon-cdk), each into its own folder under --out, with a summary of when each turns unviable in --out/report.md.")
    var stacks: String?

    @Flag(help: "No progress on stderr.")
    var quiet = false

    @OptionGroup var measurement: MeasurementOptions

    @Flag(help: "Refuse (exit 2, nothing written) a scenario with parts the projection would ignore, such as a spike outside the horizon.")
    var strict = false

    func validate() throws {
        if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs: expected 1…256, got \(jobs)") }
        if let paths, !(1...ProjectionSettings.maxPaths).contains(paths) {
            throw ValidationError("--paths: expected 1…\(ProjectionSettings.maxPaths), got \(paths)")
        }
        if let stacks {
            if stackOptions.stack != "generic" { throw ValidationError("--stacks replaces --stack: give one of them") }
            let list = stacks.split(separator: ",").map(String.init)
            for s in list where !StackOptions.stacks.contains(s) {
                throw ValidationError("--stacks: expected names from \(StackOptions.stacks.joined(separator: ", ")), got \(s)")
            }
            if list.isEmpty || Set(list).count != list.count { throw ValidationError("--stacks: expected distinct stack names, got \(stacks)") }
        }
    }

    func run() throws {
        guard let stacks else {
            var measured = FeeMeasurements()
            let report = try project(stackOptions, out: out, measured: &measured)
            print(ProjectionRenderer.screen(report), terminator: "")
            return
        }
        var runs = [(stack: String, document: ProjectionDocument)]()
        var measured = FeeMeasurements()
        for name in stacks.split(separator: ",").map(String.init) {
            var options = stackOptions
            options.stack = name
            runs.append((name, try project(options, out: out + "/" + name, measured: &measured)))
        }
        let summary = StackEconomicsReport(runs)
        let written = try summary.write(to: out)
        print(summary.markdown(), terminator: "")
        if !quiet { Console.note("wrote " + written.joined(separator: ", ")) }
    }

    /// What users' fees read from the trace, measured once for all the stacks of a run (the trace is the same).
    struct FeeMeasurements {
        var inputs: UserFeeInputs?
        /// Outer nil: not measured yet; inner nil: measured, and the trace is too short to say.
        var estimator: FeeEstimatorAccuracy??
    }

    /// One projection for one stack, written to `out`.
    private func project(_ stackOptions: StackOptions, out: String, measured: inout FeeMeasurements) throws -> ProjectionDocument {
        var provider = ProfileProvider()
        provider.jobs = jobs ?? Console.cores
        provider.encoding = stackOptions.encoding
        provider.exact = measurement.exact
        let measuring = ProgressDisplay(label: "measuring the trace", unit: "bytes", quiet: quiet)
        provider.progress = measuring.update
        var inputs = try PricingInputs.load(tracePath: trace, scenarioPath: scenario, provider: provider,
                                            opBlocksFromTraffic: stackOptions.txsPerBlock == nil)
        measuring.finish()
        if let paths { inputs.scenario.projection.paths = paths }
        if let seed { inputs.scenario.projection.seed = seed }
        var run = ProjectionRun()
        run.jobs = jobs ?? Console.cores
        // The trace is read for users' fees only when the stack's mechanism needs it.
        let kind = FeeMechanism.resolve(scenario: inputs.scenario, encoding: BatchEncoding(name: inputs.profile.encoding), inputs: UserFeeInputs())?.kind
        if kind?.readsTraceInputs == true {
            if measured.inputs == nil {
                let fees = ProgressDisplay(label: "measuring users' fees", unit: "bytes", quiet: quiet)
                measured.inputs = try UserFeeInputs.measure(path: inputs.tracePath, progress: fees.update)
                fees.finish()
            }
            run.feeInputs = measured.inputs
        }
        if kind?.hasEstimator == true {
            if measured.estimator == nil { measured.estimator = .some(try FeeEstimatorAccuracy.measure(path: inputs.tracePath)) }
            run.feeEstimator = measured.estimator ?? nil
        }
        let display = ProgressDisplay(label: "project", unit: "paths", quiet: quiet)
        run.progress = { done, total in display.update(done: Double(done), total: Double(total)) }
        if strict, let ignored = ProjectionReport.ignoredParts(of: inputs.scenario).first {
            throw ValidationError("--strict: \(ignored)")
        }
        let report = try ProjectionReport.build(scenario: inputs.scenario, scenarioFile: inputs.scenarioFile, profile: inputs.profile, run: run)
        display.finish()
        let written = try ProjectionRenderer.write(report, to: out)
        if !quiet { Console.note("wrote " + written.joined(separator: ", ")) }
        return report
    }
}
