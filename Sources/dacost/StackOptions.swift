import ArgumentParser
import DACost

/// `--stack` and `--txs-per-block`: how a batch is encoded before compression, shared by `compress`,
/// `compare` and `project`.
struct StackOptions: ParsableArguments {
    @Option(help: "Encode each batch as the stack posts it before compressing: generic (the signed transactions) or op (an OP span batch per channel).")
    var stack: String = "generic"

    @Option(name: .customLong("txs-per-block"), help: "With --stack op: transactions per L2 block (OP Mainnet's real channel: 1,766 in 143 blocks, about 12).")
    var txsPerBlock: Int = 12

    func validate() throws {
        guard ["generic", "op"].contains(stack) else {
            throw ValidationError("--stack: expected generic or op, got \(stack) (Arbitrum, ZK Stack and Polygon CDK encodings arrive with their presets)")
        }
        guard (1...100_000).contains(txsPerBlock) else { throw ValidationError("--txs-per-block: expected 1…100000, got \(txsPerBlock)") }
    }

    /// The encoding asked for.
    var encoding: BatchEncoding { stack == "op" ? .opSpanBatch(transactionsPerBlock: txsPerBlock) : .raw }
}
