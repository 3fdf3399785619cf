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
default:
    print("usage: dacost-bench pricing [iterations]")
}
