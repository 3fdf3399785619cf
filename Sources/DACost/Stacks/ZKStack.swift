/// ZK Stack (zkSync Era): its pubdata is state diffs, L2→L1 logs, messages and bytecodes, not
/// transactions, so a trace of signed transactions cannot say what it posts; its state-diff encoding is
/// not built yet. Its fixed costs are the operator's planning estimates (zksync-era
/// `core/node/eth_sender/src/publish_criterion.rs`).
public enum ZKStack {
    /// Commit 242,000 per batch (+61,000 per commit transaction), prove 800,000 per proof transaction,
    /// execute 100,000 per batch (+210,000 per execute transaction): one batch per transaction, 1,413,000.
    public static let gasPerBatch = 242_000.0 + 61_000 + 800_000 + 100_000 + 210_000

    public static let preset = StackPreset(
        name: "zksync", title: "ZK Stack (zkSync Era)", encoding: nil, calldataBatchBytes: 0,
        extraGasPerBatch: gasPerBatch, fixedGasPerDay: 0,
        fixedCostsNote: "per batch commit + prove + execute ≈ 1,413,000 gas (operator estimates, with one batch per commit, prove and execute transaction); pubdata is state diffs, not transactions: not built yet",
        published: 3_500)
}
