import DACost
import Foundation

// In-process release benchmarks for steps too short to time as whole commands.
// Usage: dacost-bench pricing [iterations]
func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

let args = CommandLine.arguments.dropFirst()
switch args.first {
case "pricing":
    let n = args.dropFirst().first.flatMap(Int.init) ?? 200
    let (scenario, file) = try ScenarioReader.load(path: nil)
    guard let trace = ScenarioReader.defaultTracePath else { fatalError("no bundled trace") } // allowed: benchmark tool
    let profile = try ProfileProvider(cacheDirectory: nil).profile(tracePath: trace, codecs: scenario.codecs)
    var times = [Double]()
    var rows = 0
    for _ in 0..<n {
        let t0 = now()
        let report = ComparisonReport.build(scenario: scenario, scenarioFile: file, profile: profile)
        let rendered = ReportRenderer.markdown(report).count + ReportRenderer.csv(report).count + (try JSONOutput.encode(report)).count
        times.append(now() - t0)
        rows = report.rows.count + (rendered > 0 ? 0 : 1)
    }
    print("pricing step (\(scenario.layers.count) layers x \(scenario.codecs.count) codecs = \(rows) rows, report rendered): median \(String(format: "%.3f", median(times) * 1000)) ms over \(n) runs")
case "project":
    // Where a projection path's time goes: market sampling vs the simulation, single thread.
    let file = args.dropFirst().first ?? "fixtures/scenarios/stress-1000tps.yaml"
    let n = args.dropFirst(2).first.flatMap(Int.init) ?? 50
    let inputs = try PricingInputs.load(tracePath: nil, scenarioPath: file, provider: ProfileProvider(cacheDirectory: nil))
    guard let (sampling, total) = ProjectionRun.timePerPath(scenario: inputs.scenario, profile: inputs.profile, paths: n) else { fatalError("no curve") } // allowed: benchmark tool
    print("\(file): per path \(String(format: "%.2f", total * 1000)) ms single-threaded, of which market sampling \(String(format: "%.2f", sampling * 1000)) ms")
default:
    print("usage: dacost-bench pricing [iterations] | project [scenario] [paths]")
}
