import ArgumentParser
import DACost

/// `--stack` and `--txs-per-block`: how a batch is encoded before compression, shared by `compress`,
/// `compare` and `project`.
struct StackOptions: ParsableArguments {
    @Option(help: "Encode each batch as the stack posts it before compressing: generic (the signed transactions), op (an OP span batch per channel), arbitrum (a Nitro sequencer batch of segments) polygon-cdk (CDK batchL2Data, posted uncompressed) or zksync (a MODEL of the state diffs a ZK Stack batch publishes).")
    var stack: String = "generic"

    @Option(name: .customLong("txs-per-block"), help: "Transactions per L2 block, for a trace without block boundaries (defaults: op in compare and project the scenario's TPS × OP's 2-second blocks, in compress 12, from OP Mainnet's real channel of 1,766 transactions in 143 blocks; arbitrum 4 (?); polygon-cdk 4 (?)).")
    var txsPerBlock: Int?

    static let stacks = ["generic", "op", "arbitrum", "polygon-cdk", "zksync"]

    func validate() throws {
        guard Self.stacks.contains(stack) else {
            throw ValidationError("--stack: expected one of \(Self.stacks.joined(separator: ", ")), got \(stack)")
        }
        if let n = txsPerBlock, !(1...100_000).contains(n) { throw ValidationError("--txs-per-block: expected 1…100000, got \(n)") }
        if txsPerBlock != nil && (stack == "generic" || stack == "zksync") {
            throw ValidationError("--txs-per-block applies to a stack that posts transactions in blocks: add --stack op, arbitrum or polygon-cdk")
        }
    }

    /// The encoding asked for.
    var encoding: BatchEncoding {
        switch stack {
        case "op": return txsPerBlock.map { .opSpanBatch(transactionsPerBlock: $0) } ?? .opMainnet
        case "arbitrum": return txsPerBlock.map { .arbitrumBatch(transactionsPerBlock: $0) } ?? .arbitrumOne
        case "polygon-cdk": return txsPerBlock.map { .cdkBatchData(transactionsPerBlock: $0) } ?? .polygonCDK
        case "zksync": return .zkStackStateDiffModel
        default: return .raw
        }
    }
}
