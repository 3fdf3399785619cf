import ArgumentParser
import DACost
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "CI gate: recompute a baseline's numbers and fail (exit 1) when compression or cost per tx regressed.")

    @Option(help: "A compression profile (dacost compress -o) or report.json (dacost compare).")
    var baseline: String

    @Argument(help: "Trace to check (default: the baseline's).")
    var trace: String?

    @Option(help: "Scenario for a report baseline (default: the one recorded in the baseline).")
    var scenario: String?

    @Option(help: "Per-metric tolerances, e.g. ratio=0.2%,cost_per_tx=1% (default 0.5% each).")
    var tolerance: String?

    @Flag(help: "Also compare MB/s (noisy): median of --repeat runs against --noise.")
    var speed = false

    @Option(help: "Timed runs with --speed.")
    var `repeat`: Int = 5

    @Option(help: "Noise threshold for speeds, e.g. 10%.")
    var noise: String = "10%"

    @Option(help: "Also write the result as Markdown (for a PR comment); appended to $GITHUB_STEP_SUMMARY when set.")
    var markdown: String?

    @Option(help: "Also write JUnit XML, one test case per metric.")
    var junit: String?

    @Option(name: .customLong("benchmark-json"), help: "Also write github-action-benchmark customSmallerIsBetter JSON.")
    var benchmarkJSON: String?

    @Flag(help: "List every metric on screen, not only those outside tolerance and the batcher codec's.")
    var all = false

    @Flag(help: "Rewrite the baseline with the new numbers (atomically) and exit 0.")
    var update = false

    @Flag(name: .customLong("allow-trace-change"), help: "Compare even if the trace is not the one the baseline was made from.")
    var allowTraceChange = false

    @Flag(name: .customLong("allow-missing"), help: "Pass even if metrics of the baseline are missing from this run (by default that fails).")
    var allowMissing = false

    @Flag(help: "Print nothing on success; on failure only the failing metrics and the summary.")
    var quiet = false

    @Option(name: .customLong("zstd-dict"), help: "Dictionary for zstd-L-dict codecs in the baseline.")
    var zstdDict: String?

    @Option(help: "Worker threads (default: all cores).")
    var jobs: Int?

    func validate() throws {
        guard (1...1000).contains(`repeat`) else { throw ValidationError("--repeat: expected 1…1000, got \(`repeat`)") }
        if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs: expected 1…256, got \(jobs)") }
    }

    func run() throws {
        var run = CheckRun()
        if let tolerance { run.tolerances = try Tolerances(parsing: tolerance) }
        guard let noisePercent = Tolerances.percent(noise) else { throw ValidationError("--noise: expected a percentage such as 10%") }
        run.tolerances.noise = noisePercent
        run.speed = speed
        run.repeats = `repeat`
        run.jobs = jobs ?? Console.cores
        run.allowTraceChange = allowTraceChange
        if let path = zstdDict {
            guard let data = FileManager.default.contents(atPath: path) else { throw TraceError.fileNotFound(path: path) }
            run.codecOptions.zstdDictionary = Array(data)
        }
        let base = try Baseline.load(path: baseline)
        var (result, current) = try run.run(baseline: base, baselinePath: baseline, trace: trace, scenarioPath: scenario)
        result.missingFails = !allowMissing
        if !quiet || result.failed { print(CheckRenderer.screen(result, all: all, failuresOnly: quiet), terminator: "") }
        let md = CheckRenderer.markdown(result)
        if let markdown { try AtomicFile.write(md, to: markdown) }
        if let summary = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty,
           let handle = FileHandle(forWritingAtPath: summary) ?? (FileManager.default.createFile(atPath: summary, contents: nil) ? FileHandle(forWritingAtPath: summary) : nil) {
            handle.seekToEndOfFile()
            handle.write(Data((md + "\n").utf8))
            try? handle.close()
        }
        if let junit { try AtomicFile.write(CheckRenderer.junit(result), to: junit) }
        if let benchmarkJSON { try AtomicFile.write(try CheckRenderer.benchmarkJSON(result), to: benchmarkJSON) }
        if update {
            try AtomicFile.write(try current.encoded(), to: baseline)
            if !quiet { Console.note("updated \(baseline)") }
            return
        }
        if result.failed { throw ExitCode(1) }
    }
}
