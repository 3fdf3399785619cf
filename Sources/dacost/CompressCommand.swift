import ArgumentParser
import DACost
import Foundation

struct CompressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compress",
        abstract: "Compress a trace in batches with each codec: ratio and speed by batch size (lzbench-style).")

    @Argument(help: "Trace file: .hex/.txt or .jsonl, optionally .gz/.zst compressed.")
    var trace: String

    @Option(help: "Codecs, comma-separated: none, fastlz, zlib-L, brotli-L[-wW], zstd-L[-wW][-dict].")
    var codecs: String = CodecID.defaults.map(\.description).joined(separator: ",")

    @Option(name: .customLong("batch-sizes"), help: "Batch targets in uncompressed bytes (k = KiB, m = MiB) or 'all'.")
    var batchSizes: String = BatchTarget.defaults.map(\.description).joined(separator: ",")

    @Flag(name: .customLong("per-tx"), help: "Compress each transaction alone (what per-tx fee estimators see).")
    var perTx = false

    @Option(help: "Output format on stdout.")
    var format: OutputFormat = .table

    @Option(name: .shortAndLong, help: "Also write the JSON compression profile here (atomically).")
    var output: String?

    @Option(help: "Timed repetitions; the median is reported.")
    var `repeat`: Int = 1

    @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
    var jobs: Int?

    @Flag(help: "Decompress every batch and compare it with the input.")
    var verify = false

    @Flag(name: .customLong("no-timing"), help: "Skip speed measurement: the profile is then byte-identical run to run.")
    var noTiming = false

    @Option(name: .customLong("zstd-dict"), help: "Dictionary for zstd-L-dict codecs (see `dacost train-dict`).")
    var zstdDict: String?

    @OptionGroup var stackOptions: StackOptions

    @Flag(help: "No progress on stderr.")
    var quiet = false

    var encoding: BatchEncoding { stackOptions.encoding }

    func validate() throws {
        guard (1...1000).contains(`repeat`) else { throw ValidationError("--repeat: expected 1…1000, got \(`repeat`)") }
        if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs: expected 1…256, got \(jobs)") }
        if encoding != .raw && perTx { throw ValidationError("--per-tx with --stack op: a span batch is built from a batch of transactions") }
    }

    func run() throws {
        let codecList = try CodecID.parseList(codecs)
        var targets: [BatchTarget] = perTx ? [.perTransaction] : try BatchTarget.parseList(batchSizes)
        // The default sizes end with the whole trace, which a stack's encoding does not measure.
        if encoding != .raw && batchSizes == BatchTarget.defaults.map(\.description).joined(separator: ",") { targets.removeAll { $0 == .all } }
        var options = CodecOptions()
        if let path = zstdDict {
            guard let data = FileManager.default.contents(atPath: path) else { throw TraceError.fileNotFound(path: path) }
            options.zstdDictionary = Array(data)
        }
        var run = CompressionRun(codecs: codecList, targets: targets)
        run.encoding = encoding
        run.repeats = `repeat`
        run.jobs = jobs ?? Console.cores
        run.verify = verify
        run.timing = !noTiming
        run.codecOptions = options
        let display = ProgressDisplay(label: "compress", unit: "bytes", quiet: quiet)
        run.progress = display.update
        let perTxJSON = perTx && format == .json
        if perTxJSON {
            run.perTransaction = { codec, index, bytes, compressed in
                print("{\"codec\":\"\(codec)\",\"index\":\(index),\"bytes\":\(bytes),\"compressed_bytes\":\(compressed)}")
            }
        }
        let profile = try run.run(tracePath: trace)
        display.finish()
        if let output { try AtomicFile.write(try JSONOutput.encode(profile), to: output) }
        if perTxJSON { return }
        switch format {
        case .json: print(try JSONOutput.string(profile), terminator: "")
        case .table:
            print("trace \(trace): \(profile.trace.transactions) txs, \(NumberFormat.grouped(profile.trace.bytes)) bytes, sha256 \(profile.trace.sha256.prefix(16))…")
            print(profile.table().render(.table), terminator: "")
        case .markdown: print(profile.table().render(.markdown), terminator: "")
        case .csv: print(profile.table().render(.csv), terminator: "")
        }
    }
}
