/// ZK Stack (zkSync Era): its pubdata is state diffs, L2→L1 logs, messages and bytecodes, not
/// transactions (`ZKStackPubdata`), so a trace of signed transactions gives it only through a model
/// (`ZKStackStateDiffModel`). Its fixed costs are the operator's planning estimates (zksync-era
/// `core/node/eth_sender/src/publish_criterion.rs`).
public enum ZKStack {
    /// Commit 242,000 per batch (+61,000 per commit transaction), prove 800,000 per proof transaction,
    /// execute 100,000 per batch (+210,000 per execute transaction): one batch per transaction, 1,413,000.
    public static let gasPerBatch = 242_000.0 + 61_000 + 800_000 + 100_000 + 210_000
    /// Batch seal criteria of zksync-era's example config (`etc/env/file_based/general.yaml`: 8,192
    /// transaction slots, 500,000 bytes of pubdata); the built-in defaults are 250 and 100,000, and Era's
    /// live values were not read (?).
    public static let transactionSlots = 8_192
    public static let maxPubdataPerBatch = 500_000
    /// Pubdata bytes a blob carries: 31 of each 32-byte field element (`stacks.md`, 4096 × 31).
    public static let blobPayloadBytes = 126_976

    /// Transactions in a batch when each publishes `pubdataPerTx` bytes: the first seal criterion met.
    public static func transactionsPerBatch(pubdataPerTx: Double) -> Double {
        min(Double(transactionSlots), Double(maxPubdataPerBatch) / max(1, pubdataPerTx))
    }

    public static let preset = StackPreset(
        name: "zksync", title: "ZK Stack (zkSync Era)", encoding: nil, calldataBatchBytes: maxPubdataPerBatch,
        extraGasPerBatch: gasPerBatch, fixedGasPerDay: 0,
        fixedCostsNote: "per batch commit + prove + execute ≈ 1,413,000 gas (operator estimates, one batch per commit, prove and execute transaction), over batches sealed at 8,192 transactions or 500,000 bytes of pubdata (example config (?))",
        published: 3_500)
}
