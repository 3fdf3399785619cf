import ArgumentParser
import DACost
import DACostRPC
import Foundation

struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch a real trace or fee history from a JSON-RPC node, resumably.",
        discussion: """
            Runs survive a flaky provider: requests are retried with backoff (429 with Retry-After, 5xx, \
            timeouts, dropped connections, "try later" errors), and an interrupted run resumes from its \
            checkpoint when the same command is run again. Exit 3 when the node cannot be reached or \
            answers wrongly; the checkpoint stays.
            """,
        subcommands: [FetchTxsCommand.self, FetchFeesCommand.self, FetchStateDiffsCommand.self])
}

/// Options both fetches share.
struct RPCOptions: ParsableArguments {
    @Option(help: "JSON-RPC endpoint (http:// or https://). Its path, query and credentials never appear in output.")
    var rpc: String

    @Option(name: .customLong("header"), help: "Extra HTTP header 'Name: value' (repeatable), e.g. an API key. Redacted in output.")
    var headers: [String] = []

    @Option(help: "First block.")
    var from: UInt64

    @Option(help: "Last block (inclusive).")
    var to: UInt64

    @Option(name: .shortAndLong, help: "Output file.")
    var output: String

    @Flag(help: "Do not verify the server's TLS certificate (only for a node you trust).")
    var insecure = false

    @Option(help: "Blocks per JSON-RPC batch.")
    var batch = 20

    @Option(name: .customLong("in-flight"), help: "Requests in flight at once.")
    var inFlight = 4

    @Option(help: "Seconds allowed for one request before it is retried.")
    var timeout: Double = 60

    @Option(name: .customLong("connect-timeout"), help: "Seconds allowed to connect.")
    var connectTimeout: Double = 10

    @Option(help: "Attempts per request before giving up.")
    var attempts = 10

    @Option(name: .customLong("retry-delay"), help: "Seconds before the first retry; doubles per attempt, with jitter, up to 30 s.")
    var retryDelay: Double = 0.5

    @Option(name: .customLong("checkpoint-every"), help: "Blocks between checkpoints.")
    var checkpointEvery = 256

    @Flag(help: "Print each retry on stderr.")
    var verbose = false
    @Flag(help: "No progress and no summary on stderr.")
    var quiet = false

    func validate() throws {
        guard from <= to else { throw ValidationError("--from \(from) is after --to \(to)") }
        guard to - from < 100_000_000 else { throw ValidationError("--from…--to: at most 100000000 blocks in one fetch") }
        guard (1...1000).contains(batch) else { throw ValidationError("--batch: expected 1…1000, got \(batch)") }
        guard (1...64).contains(inFlight) else { throw ValidationError("--in-flight: expected 1…64, got \(inFlight)") }
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout: expected seconds in (0, 3600], got \(timeout)") }
        guard connectTimeout > 0, connectTimeout <= 600 else { throw ValidationError("--connect-timeout: expected seconds in (0, 600], got \(connectTimeout)") }
        guard (1...100).contains(attempts) else { throw ValidationError("--attempts: expected 1…100, got \(attempts)") }
        guard retryDelay >= 0, retryDelay <= 60 else { throw ValidationError("--retry-delay: expected seconds in [0, 60], got \(retryDelay)") }
        guard (1...1_000_000).contains(checkpointEvery) else { throw ValidationError("--checkpoint-every: expected 1…1000000, got \(checkpointEvery)") }
    }

    func endpoint() throws -> RPCEndpoint {
        var e = try RPCEndpoint(url: rpc, headers: headers)
        e.insecure = insecure
        e.requestTimeout = timeout
        e.connectTimeout = connectTimeout
        return e
    }

    var options: FetchOptions {
        var o = FetchOptions()
        o.batchSize = batch
        o.inFlight = inFlight
        o.checkpointEvery = checkpointEvery
        o.retry = RetryPolicy(maxAttempts: attempts, baseDelay: retryDelay)
        return o
    }

    /// Runs `body` with progress on a terminal and retry notes when verbose; prints the summary.
    func run(_ what: String, _ body: (RPCEndpoint, ((FetchProgress) -> Void)?, ((String, Double) -> Void)?) throws -> FetchSummary) throws {
        let e = try endpoint()
        Interrupt.install()
        let display = ProgressDisplay(label: what, unit: "blocks", quiet: quiet)
        let progress: (FetchProgress) -> Void = { p in display.update(done: Double(p.blocksDone), total: Double(p.blocksTotal)) }
        let verbose = self.verbose
        let retry: (String, Double) -> Void = { reason, wait in
            if verbose { Console.note(String(format: "retrying in %.2f s: %@", wait, reason)) }
        }
        let summary: FetchSummary
        do {
            summary = try body(e, progress, retry)
        } catch {
            display.finish()
            if let f = error as? FetchError, !f.isUsageError {
                Console.note("the checkpoint is kept: run the same command again to resume")
            }
            throw error
        }
        display.finish()
        if !quiet { Console.note("wrote \(output): \(summary)") }
    }
}

struct FetchTxsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "txs",
        abstract: "Every transaction of a block range as {block, timestamp, index, raw} JSON lines (.jsonl or .jsonl.zst).")

    @OptionGroup var rpc: RPCOptions

    func run() throws {
        try rpc.run("fetching") { e, progress, retry in
            try FetchJob.transactions(endpoint: e, from: rpc.from, to: rpc.to, output: rpc.output, options: rpc.options,
                                      progress: progress, onRetry: retry)
        }
    }
}

struct FetchFeesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fees",
        abstract: "Per-block base fee, blob base fee, blob gas used and excess blob gas as CSV for a scenario's csv curve.")

    @OptionGroup var rpc: RPCOptions

    func run() throws {
        try rpc.run("fetching") { e, progress, retry in
            try FetchJob.fees(endpoint: e, from: rpc.from, to: rpc.to, output: rpc.output, options: rpc.options,
                              progress: progress, onRetry: retry)
        }
    }
}

struct FetchStateDiffsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state-diffs",
        abstract: "Each transaction's state changes as a ZK Stack state-diff trace (.jsonl or .jsonl.zst), from the node's prestate tracer in diff mode (debug_traceBlockByNumber).")

    @OptionGroup var rpc: RPCOptions

    func run() throws {
        try rpc.run("fetching") { e, progress, retry in
            try FetchJob.stateDiffs(endpoint: e, from: rpc.from, to: rpc.to, output: rpc.output, options: rpc.options,
                                    progress: progress, onRetry: retry)
        }
    }
}

/// Ctrl-C or SIGTERM during a fetch: say how to resume, and exit at once. Everything up to the last
/// checkpoint is on disk, and the output name is untouched. (Installed and unblocked explicitly: a shell
/// or test runner may pass SIGINT down ignored or blocked.)
enum Interrupt {
    private static let message: [UInt8] = Array("\ndacost: interrupted; the checkpoint is kept: run the same command again to resume\n".utf8)
    private static var buffer: UnsafeMutablePointer<UInt8>?

    static func install() {
        let b = UnsafeMutablePointer<UInt8>.allocate(capacity: message.count)
        b.initialize(from: message, count: message.count)
        buffer = b
        length = message.count
        signal(SIGINT, onSignal)
        signal(SIGTERM, onSignal)
        // A parent may also have left them blocked; threads started later inherit this mask.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    fileprivate static var length = 0
    fileprivate static var text: UnsafeMutablePointer<UInt8>? { buffer }
}

/// Only async-signal-safe calls here: write(2) and _exit(2).
private func onSignal(_ sig: Int32) {
    if let t = Interrupt.text { _ = write(2, t, Interrupt.length) }
    _exit(128 + sig)
}
