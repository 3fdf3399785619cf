@testable import DACost
@testable import DACostRPC
import Foundation

/// What each harness feeds its input to. Readers that take a path get the input as a file in a
/// per-process folder (in /dev/shm when there is one, so a run costs no disk I/O).
enum FuzzTargets {
    static let folder: String = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let dir = "\(base)/dacost-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()

    /// The profile scenarios are priced with: the bundled trace's, measured once per process.
    static let profile: CompressionProfile? = {
        let path = "fixtures/profiles/op-mainnet-1766.profile.json"
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(CompressionProfile.self, from: data)
    }()

    /// Writes `input` to `name` in the folder: plain POSIX calls (FileManager's createFile wrote through a
    /// temporary file and a rename, a tenth of a scenario execution).
    static func file(_ input: UnsafeBufferPointer<UInt8>, named name: String) -> String {
        let path = "\(folder)/\(name)"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd >= 0 {
            var at = 0
            while at < input.count, let base = input.baseAddress {
                let n = write(fd, base + at, input.count - at)
                if n <= 0 { break }
                at += n
            }
            close(fd)
        }
        return path
    }

    /// The trace reader, every format: the first byte picks the file name's extension (the format), the
    /// rest is the file (gzip or zstd when it starts with their magic bytes); and the state-diff trace reader.
    static func trace(_ input: UnsafeBufferPointer<UInt8>) {
        guard let first = input.first else { return }
        let ext = [".hex", ".jsonl", ".json", ".txt"][Int(first) % 4]
        let path = file(UnsafeBufferPointer(rebasing: input.dropFirst()), named: "t" + ext)
        if let reader = try? TraceReader(path: path) {
            var count = 0
            while count < 100_000, let tx = try? reader.next() { count += 1; _ = tx }
        }
        // The same bytes as a ZK Stack state-diff trace (JSON lines), sealed into small batches.
        _ = try? StateDiffTrace.batches(path: path, transactionSlots: 4, maxPubdata: 2_000)
    }

    /// RLP, the signed-transaction decoder, OP span batches (a real channel's content is input too: what
    /// decodes must encode again to the same bytes), and the other stacks' batch encodings.
    static func rlp(_ input: UnsafeBufferPointer<UInt8>) {
        _ = try? TransactionDecoder.validate(input)
        _ = try? RLP.items(in: input, 0..<input.count)
        let bytes = Array(input)
        if let (blocks, txs) = try? SpanBatchDecoder.decode(bytes, chainId: 10) {
            _ = try? SpanBatchEncoder.encode(txs, blocks: blocks)
        }
        _ = try? SpanBatchEncoder.encode([bytes], blocks: SpanBatchEncoder.Blocks(txCounts: [1]))
        // Every stack's batch encoding takes a transaction as it came.
        for encoding in [BatchEncoding.arbitrumOne, .polygonCDK, .zkStackStateDiffModel] { _ = try? encoding.encode(bytes, lengths: [bytes.count]) }
    }

    /// The JSON tape, the tree built from it, and the strict reader of scenarios and baselines.
    static func json(_ input: UnsafeBufferPointer<UInt8>) {
        let bytes = Array(input)
        if let tape = try? JSONTape(parsing: bytes) {
            tape.withRoot { root in walk(root, depth: 0) }
        }
        _ = try? JSONValue.parse(bytes)
        _ = try? StrictJSON.parse(bytes)
    }

    private static func walk(_ e: JSONElement, depth: Int) {
        if e.isArray { for item in e.items { walk(item, depth: depth + 1) } }
        else if e.isObject { for (k, v) in e.members { _ = k.string; walk(v, depth: depth + 1) } }
        else { _ = e.string; _ = e.uint64; _ = e.numberText; _ = e.bool }
    }

    /// The scenario loader, then pricing (`compare`) and a short projection on what it accepts: a value
    /// the reader lets through must not trap in the model.
    static func scenario(_ input: UnsafeBufferPointer<UInt8>) {
        let isJSON = input.first(where: { $0 != 0x20 && $0 != 0x0a && $0 != 0x09 && $0 != 0x0d }) == UInt8(ascii: "{")
        let path = file(input, named: isJSON ? "s.json" : "s.yaml")
        guard var (scenario, name) = try? ScenarioReader.load(path: path), let profile else { return }
        _ = ComparisonReport.build(scenario: scenario, scenarioFile: name, profile: profile)
        scenario.projection.paths = min(scenario.projection.paths, 2)
        scenario.horizonDays = min(scenario.horizonDays, 2)
        var run = ProjectionRun()
        run.jobs = 1
        _ = try? ProjectionReport.build(scenario: scenario, scenarioFile: name, profile: profile, run: run)
    }

    /// CSV histories of market curves.
    static func csv(_ input: UnsafeBufferPointer<UInt8>) {
        let path = file(input, named: "h.csv")
        _ = try? CSVSeries.read(path: path, column: nil, scale: 1, min: 0, keyPath: "market.l1_base_fee_gwei")
        _ = try? CSVSeries.read(path: path, column: "fee", scale: 1e-9, min: 0, keyPath: "projection.curves.tps")
    }

    /// Baselines of both kinds, then what `check` does with them: a report's scenario is priced again.
    static func baseline(_ input: UnsafeBufferPointer<UInt8>) {
        let path = file(input, named: "b.json")
        switch try? Baseline.load(path: path) {
        case .profile(let p)?:
            _ = RegressionCheck.compare(baseline: p, current: p, tolerances: Tolerances(), speed: false)
        case .report(let r)?:
            guard let profile else { return }
            let current = ComparisonReport.build(scenario: r.scenario, scenarioFile: r.scenarioFile, profile: profile)
            _ = RegressionCheck.compare(baseline: r, current: current, tolerances: Tolerances())
        case nil: return
        }
    }

    /// A JSON-RPC batch response for three blocks, decoded as `fetch txs` and `fetch fees` do.
    static let endpoint = try? RPCEndpoint(url: "http://127.0.0.1:8545/key", headers: ["Authorization: Bearer abc"])
    static func rpc(_ input: UnsafeBufferPointer<UInt8>) {
        guard let endpoint else { return }
        let body = Array(input)
        let calls = (0..<3).map { RPCCall(method: "eth_getBlockByNumber", params: "[\"0x\(String($0, radix: 16))\",true]") }
        _ = try? JSONRPCClient.decodeBatch(body, calls: calls, firstID: 1, endpoint: endpoint) { results in
            try results.enumerated().map { try BlockDecoding.transactions($0.element, expected: UInt64($0.offset)) }
        }
        _ = try? JSONRPCClient.decodeBatch(body, calls: calls, firstID: 1, endpoint: endpoint) { results in
            try results.enumerated().map { try BlockDecoding.feeRow($0.element, expected: UInt64($0.offset), schedule: .mainnet) }
        }
        _ = JSONRPCClient.snippet(body, endpoint)
    }
}

/// libFuzzer's own entry, for a link where its `main` runs instead of the harness's: the target then
/// comes from DACOST_FUZZ_TARGET.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    (selected ?? FuzzTargets.fromEnvironment)(UnsafeBufferPointer(start: data, count: size))
    return 0
}

extension FuzzTargets {
    static let fromEnvironment: (UnsafeBufferPointer<UInt8>) -> Void =
        targets[ProcessInfo.processInfo.environment["DACOST_FUZZ_TARGET"] ?? ""] ?? { _ in }
}
