/// Polygon CDK's fixed L1 costs and preset (the batch format is `PolygonCDKBatchEncoder`).
public enum PolygonCDK {
    /// Average `sequenceBatches` gas in the contracts' gas report (agglayer-contracts `gas_report.md`,
    /// 2023-08, small batches, mock verifier): 146,174, including the transaction's 21,000 and a little
    /// calldata (?).
    public static let sequenceBatchesGas = 146_174.0
    /// `verifyBatchesTrustedAggregator` ≈ FflonkVerifier 166,900 (measured in `stacks.md`) + ~140,000 of
    /// state updates (gas report) ≈ 300,000 (?), once per aggregator `VerifyProofInterval` 90 s
    /// (zkevm-node `config/default.go`): 960 verifications a day.
    public static let verifyBatchesGas = 300_000.0
    public static let verificationsPerDay = 86_400.0 / 90

    public static let preset = StackPreset(
        name: "polygon-cdk", title: "Polygon CDK (zkEVM, Etrog)", encoding: .polygonCDK,
        calldataBatchBytes: PolygonCDKBatchEncoder.maxTransactionsByteLength,
        extraGasPerBatch: sequenceBatchesGas - 21_000, fixedGasPerDay: verifyBatchesGas * verificationsPerDay,
        fixedCostsNote: "per batch sequenceBatches ~146,174 gas (gas report, small batches (?)); per day 960 proof verifications of ~300,000 gas (?) (one per 90 s)",
        published: 3_200)
}
