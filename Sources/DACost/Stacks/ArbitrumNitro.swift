/// Arbitrum Nitro's fixed L1 costs and preset (the batch format is `ArbitrumBatchEncoder`).
public enum ArbitrumNitro {
    /// The L1 gas ArbOS charges users for each batch besides its data: `perBatchGasCost` 210,000 (nitro
    /// `arbos/l1pricing/l1pricing.go`, ArbOS ≥ 11), which covers the batch transaction's own 21,000. The
    /// real `addSequencerL2Batch` gas was not measured (?): this is ArbOS's own estimate.
    public static let perBatchGasCost = 210_000.0
    /// Batch poster default `max-calldata-batch-size` 100,000 bytes, less the 40-byte sequencer message
    /// header that SequencerInbox forms itself (nitro `arbnode/batch_poster.go`).
    public static let calldataBatchBytes = ArbitrumBatchEncoder.maxCalldataBatchSize - ArbitrumBatchEncoder.sequencerMessageHeaderSize

    /// Batch poster `max-delay`: a batch is posted at the latest an hour after its first message (nitro
    /// `arbnode/batch_poster.go` DefaultBatchPosterConfig MaxDelay time.Hour).
    public static let maxDelayMinutes = 60.0

    public static let preset = StackPreset(
        name: "arbitrum", title: "Arbitrum Nitro", encoding: .arbitrumOne, calldataBatchBytes: calldataBatchBytes,
        extraGasPerBatch: perBatchGasCost - 21_000, fixedGasPerDay: 0,
        fixedCostsNote: "per batch ArbOS's perBatchGasCost 210,000 gas (its estimate; real gas not measured (?)); BoLD assertions every 15 min, gas not found (?), counted as 0",
        published: 2_800, maxDelayMinutes: maxDelayMinutes)
}
