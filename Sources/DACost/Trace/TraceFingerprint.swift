/// What identifies a trace and what pricing needs from every transaction, gathered in one pass:
/// count, bytes, SHA-256 over length-prefixed transactions, types, and the OP Fjord size estimate.
public struct TraceFingerprint {
    public private(set) var transactions = 0
    public private(set) var bytes = 0
    public private(set) var types: [String: Int] = [:]
    /// Σ FastLZ length of each signed transaction (op-geth `FlzCompressLen`).
    public private(set) var fastlzBytes = 0
    /// Σ `max(minTransactionSizeScaled, intercept + fastlzCoef × fastlzSize)`: the Fjord estimated size × 1e6.
    public private(set) var fjordEstimatedSizeScaled = 0
    private var sha = SHA256()

    /// Fjord linear regression (size × 1e6): op-geth core/types/rollup_cost.go.
    public static let fjordIntercept = -42_585_600 // op-geth core/types/rollup_cost.go L1CostIntercept
    public static let fjordFastlzCoef = 836_500 // op-geth core/types/rollup_cost.go L1CostFastlzCoef
    public static let fjordMinTransactionSizeScaled = 100_000_000 // op-geth core/types/rollup_cost.go MinTransactionSizeScaled (100 × 1e6)

    public init() {}

    public mutating func add(_ tx: Transaction) {
        let n = tx.bytes.count
        sha.update([UInt8(truncatingIfNeeded: n >> 24), UInt8(truncatingIfNeeded: n >> 16), UInt8(truncatingIfNeeded: n >> 8), UInt8(truncatingIfNeeded: n)])
        sha.update(tx.bytes)
        transactions += 1
        bytes += n
        types[tx.type.description, default: 0] += 1
        let flz = FastLZ.compressedLength(tx.bytes)
        fastlzBytes += flz
        fjordEstimatedSizeScaled += Self.fjordEstimatedSizeScaled(fastlzSize: flz)
    }

    public static func fjordEstimatedSizeScaled(fastlzSize: Int) -> Int {
        max(fjordMinTransactionSizeScaled, fjordIntercept + fjordFastlzCoef * fastlzSize)
    }

    public mutating func finalizeSHA256() -> String { Hex.encode(sha.finalize()) }

    /// Reads a whole trace for its fingerprint alone.
    public static func of(path: String) throws -> (TraceFingerprint, String) {
        let reader = try TraceReader(path: path)
        var f = TraceFingerprint()
        while let tx = try reader.next() { f.add(tx) }
        let sha = f.finalizeSHA256()
        return (f, sha)
    }
}
