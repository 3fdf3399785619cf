import DACost
import DACostRPC
import Foundation
import LoopbackNode

// In-process release benchmarks for steps too short to time as whole commands.
// Usage: dacost-bench pricing [iterations]
func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

let args = CommandLine.arguments.dropFirst()
switch args.first {
case "pricing":
    let n = args.dropFirst().first.flatMap(Int.init) ?? 200
    let (scenario, file) = try ScenarioReader.load(path: nil)
    guard let trace = try? ScenarioReader.defaultTracePath else { fatalError("no bundled trace") } // allowed: benchmark tool
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
    let fees = try UserFeeInputs.measure(path: try ScenarioReader.defaultTracePath)
    guard let (sampling, total) = ProjectionRun.timePerPath(scenario: inputs.scenario, profile: inputs.profile, paths: n, feeInputs: fees) else { fatalError("no curve") } // allowed: benchmark tool
    print("\(file): per path \(String(format: "%.2f", total * 1000)) ms single-threaded, of which market sampling \(String(format: "%.2f", sampling * 1000)) ms")
case "fetch":
    // Blocks per second of `fetch txs` against a loopback node in the same process (it shares the
    // two cores). The output goes to $TMPDIR (bench.sh: tmpfs).
    let blocks = args.dropFirst().first.flatMap(Int.init) ?? 4000
    let perBlock = args.dropFirst(2).first.flatMap(Int.init) ?? 100
    let ext = args.dropFirst(3).first ?? "jsonl"
    let profile = args.dropFirst(4).first.flatMap(SyntheticProfile.init(rawValue:)) ?? .opMainnet
    let chain = try RecordedChain.synthetic(from: 1, count: blocks, perBlock: perBlock, profile: profile)
    let node = try LoopbackNode(chain: chain)
    let out = NSTemporaryDirectory() + "dacost-bench-\(getpid()).\(ext)"
    var times = [Double]()
    func cpu() -> Double {
        var u = rusage(); getrusage(RUSAGE_SELF.rawValue, &u)
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
    }
    var cpuTimes = [Double]()
    for _ in 0..<(ProcessInfo.processInfo.environment["REPEAT"].flatMap(Int.init) ?? 3) {
        // The old output goes first: unlinking hundreds of MB inside the timed run cost 0.4 s.
        try? FileManager.default.removeItem(atPath: out)
        let t0 = now(), c0 = cpu()
        defer { cpuTimes.append(cpu() - c0) }
        var o = FetchOptions()
        if let b = ProcessInfo.processInfo.environment["BATCH"].flatMap(Int.init) { o.batchSize = b }
        if let f = ProcessInfo.processInfo.environment["INFLIGHT"].flatMap(Int.init) { o.inFlight = f }
        let s = try FetchJob.transactions(endpoint: try RPCEndpoint(url: node.url), from: 1, to: UInt64(blocks), output: out, options: o)
        times.append(now() - t0)
        precondition(s.transactions == blocks * perBlock) // allowed: benchmark tool
    }
    try? FileManager.default.removeItem(atPath: out)
    node.stop()
    let t = median(times)
    let meanTx = chain.blocks.values.reduce(0) { $0 + $1.transactions.dropFirst().reduce(0) { $0 + $1.count } } / max(1, blocks * perBlock)
    print("fetch txs -o .\(ext): \(blocks) blocks x \(perBlock) \(profile.rawValue) txs (mean \(meanTx) B, +1 deposit) in \(String(format: "%.3f", t)) s median of 3: \(Int(Double(blocks) / t)) blocks/s, \(Int(Double(blocks * perBlock) / t)) txs/s; CPU \(String(format: "%.2f", median(cpuTimes))) s (node and client in one process)")
case "decode":
    // One thread, no network: parse a block response and re-encode, hash-check and format its transactions.
    let chain = try RecordedChain.synthetic(from: 1, count: 200, perBlock: 100,
                                            profile: args.dropFirst().first.flatMap(SyntheticProfile.init(rawValue:)) ?? .opMainnet)
    let texts = (1...200).compactMap { chain.hydrated[UInt64($0)] }
    var parse = 0.0, decode = 0.0, txs = 0
    for _ in 0..<5 {
        for (i, t) in texts.enumerated() {
            let t0 = now()
            let v = try JSONTape(parsing: t)
            let t1 = now()
            txs += try v.withRoot { try BlockDecoding.transactions($0, expected: UInt64(i + 1)).transactions }
            decode += now() - t1; parse += t1 - t0
        }
    }
    let bytes = texts.reduce(0) { $0 + $1.count } * 5
    let sample = [UInt8](repeating: 0xab, count: 800)
    var k0 = now(), sink = 0
    for _ in 0..<100_000 { sink &+= Int(Keccak256.hash(sample)[0]) }
    let keccak = (now() - k0) / 1e5
    let v0 = try JSONTape(parsing: texts[0])
    k0 = now()
    var raws = [[UInt8]]()
    try v0.withRoot { root in
        for _ in 0..<20 { for tx in root["transactions"]?.items ?? root.items { raws.append(try RPCTransactionEncoder.encode(tx).1) } }
    }
    let encode = (now() - k0) / Double(raws.count)
    k0 = now()
    for r in raws { sink &+= Int(try TransactionDecoder.validate(r).rawValue) }
    let validate = (now() - k0) / Double(raws.count)
    k0 = now()
    var out = [UInt8](repeating: 0, count: 2 * (raws.map(\.count).max() ?? 0))
    for r in raws { r.withUnsafeBytes { src in out.withUnsafeMutableBytes { Hex.write(src, to: $0.baseAddress!) } } }
    let hex = (now() - k0) / Double(raws.count)
    print("keccak(800 B) \(String(format: "%.2f", keccak * 1e6)) µs, encode \(String(format: "%.2f", encode * 1e6)) µs, validate \(String(format: "%.2f", validate * 1e6)) µs, hex \(String(format: "%.2f", hex * 1e6)) µs \(sink % 2)")
    print("per tx: parse \(String(format: "%.2f", parse / Double(txs) * 1e6)) µs (\(Int(Double(bytes) / parse / 1e6)) MB/s), decode+hash+format \(String(format: "%.2f", decode / Double(txs) * 1e6)) µs")
case "serve":
    // A loopback node for timing the real command: prints its URL, serves until killed.
    let blocks = args.dropFirst().first.flatMap(Int.init) ?? 4000
    let perBlock = args.dropFirst(2).first.flatMap(Int.init) ?? 100
    let profile = args.dropFirst(3).first.flatMap(SyntheticProfile.init(rawValue:)) ?? .opMainnet
    let node = try LoopbackNode(chain: try RecordedChain.synthetic(from: 1, count: blocks, perBlock: perBlock, profile: profile))
    print(node.url)
    fflush(stdout)
    while true { sleep(3600) }
default:
    print("usage: dacost-bench pricing [iterations] | project [scenario] [paths] | fetch [blocks] [txs per block] [jsonl|jsonl.zst] [synth profile] | serve [blocks] [txs per block] [synth profile] | decode [synth profile]")
}
