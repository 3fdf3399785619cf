/// What a rollup stack posts and what it pays besides its data, as scenario defaults with their sources:
/// the batch encoding, the codec its batch poster uses, the largest calldata batch, and the fixed L1
/// gas it spends per batch and per day (proposals, assertions, proofs). Values marked (?) in
/// `../shared/reference/stacks.md` are stated as such in every table that uses them.
public struct StackPreset: Sendable, Equatable {
    /// The name `--stack` takes.
    public let name: String
    /// How people name the stack.
    public let title: String
    /// What the stack posts (nil: not built yet; ZK Stack posts state diffs, not transactions).
    public let encoding: BatchEncoding?
    /// Largest compressed batch in one calldata transaction, bytes.
    public let calldataBatchBytes: Int
    /// L1 gas per batch besides the batch transaction's 21,000 and its data (its contract's execution).
    public let extraGasPerBatch: Double
    /// L1 gas a day that does not depend on the data (proposals, assertions, proof verification).
    public let fixedGasPerDay: Double
    /// What the fixed costs are and how sure they are.
    public let fixedCostsNote: String
    /// The field report's L1 DA gas per transaction for this stack ("Running Rollups in Production").
    public let published: Double
    /// The longest the batch poster holds data before posting (minutes; nil: the scenario's batcher setting).
    public var maxDelayMinutes: Double? = nil

    /// The four stacks of the field report, in its order.
    public static let all: [StackPreset] = [OPStack.preset, ArbitrumNitro.preset, ZKStack.preset, PolygonCDK.preset]

    public static func named(_ name: String) -> StackPreset? { all.first { $0.name == name } }

    /// The stack whose profile was measured in `encoding`, the ZK Stack model included (nil: generic).
    public static func of(_ encoding: BatchEncoding?) -> StackPreset? {
        encoding == .zkStackStateDiffModel ? ZKStack.preset : encoding.flatMap(posting)
    }

    /// The preset whose batches are encoded as `encoding` (any transactions per block); nil for `raw`
    /// and for the ZK Stack model, whose batches are not calldata transactions.
    public static func posting(_ encoding: BatchEncoding) -> StackPreset? {
        switch encoding {
        case .opSpanBatch: return OPStack.preset
        case .arbitrumBatch: return ArbitrumNitro.preset
        case .cdkBatchData: return PolygonCDK.preset
        case .raw, .zkStackStateDiffModel: return nil
        }
    }
}
