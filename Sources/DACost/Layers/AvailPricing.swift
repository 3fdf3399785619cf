#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Avail `submit_data`: base fee + length fee + multiplier × weight fee (Substrate transaction payment).
public struct AvailPricing: DALayer {
    public static let lengthFeePerByte = 1e-7 // AVAIL; availproject/avail runtime/src/impls.rs TransactionByteFee (100 nanoAVAIL)
    public static let weightFee = 1e-11 // AVAIL per ref-time unit; availproject/avail runtime/src/impls.rs WeightFee (10 picoAVAIL)
    public static let regularBase = 5_340_425.0 + 2_991_000.0 // availproject/avail runtime/src/weights/pallet_dactr.rs submit_data
    public static let regularPerByte = 1_690.0 + 5_191.0 // same file: per-byte terms of the two components
    public static let matrixRows = 256.0, matrixCols = 512.0 // availproject/avail pallets/dactr/src/lib.rs default BlockLength
    public static let normalDispatchRatio = 0.85 // availproject/avail runtime/src/constants.rs NORMAL_DISPATCH_RATIO
    public static let maxBlockWeight = 5e12 // availproject/avail runtime/src/constants.rs MAXIMUM_BLOCK_WEIGHT (ref time)
    public static let bytesPerCell = 31.0 // availproject/avail pallets/dactr (31 data bytes per matrix cell)
    public static let defaultMaxSubmissionBytes = 1 << 20 // availproject/avail pallets/system/src/limits.rs (1 MiB per submit_data)

    public var name = "avail"
    public let kind = LayerKind.avail
    /// Fee multiplier (targeted fee adjustment); 1 at target fullness.
    public var multiplier = 1.0
    /// Base fee per extrinsic in AVAIL; not published for mainnet, so 0 unless set.
    public var baseFee = 0.0
    /// Tip per extrinsic in AVAIL (Substrate `ChargeTransactionPayment`): paid on top of the fee, it orders
    /// the pool when blocks are full. 0 unless set (?).
    public var tip = 0.0
    /// Bytes an extrinsic adds around its data (signature, era, nonce, tip, call index): an assumption.
    public var extrinsicOverheadBytes = 110
    /// Calibrated AVAIL per MB (10^6 bytes) at multiplier 1: replaces the weight and length formula
    /// when set (the on-chain `SubmitDataFeeModifier` is not known).
    public var availPerMB: Double?
    public var maxSubmissionBytes = AvailPricing.defaultMaxSubmissionBytes
    /// Gas on L1 per submission for the OP alt-DA commitment transaction, paid in ETH.
    public var l1CommitmentGas: UInt64 = 0

    public init(name: String = "avail") { self.name = name }

    public var nativeUnit: String { "AVAIL" }

    public var trust: TrustModel {
        TrustModel(guarantor: "Avail validator set + DAS", tradeOff: "Ethereum security; needs a bridge to prove availability on L1")
    }

    /// SCALE compact length prefix of `n`.
    public static func compactLength(_ n: Int) -> Int { n < 1 << 6 ? 1 : n < 1 << 14 ? 2 : n < 1 << 30 ? 4 : 5 }

    /// `submit_data` weight for `n` bytes: the larger of the benchmarked formula and the share of the
    /// data matrix it fills.
    public static func weight(bytes n: Int) -> Double {
        let regular = regularBase + regularPerByte * Double(n)
        let cells = ceil(Double(n + compactLength(n)) / bytesPerCell)
        let scalar = cells / (matrixRows * matrixCols) * normalDispatchRatio * maxBlockWeight
        return max(regular, scalar)
    }

    /// Fee in AVAIL for one submission of `n` data bytes.
    public func fee(bytes n: Int) -> Double {
        if let perMB = availPerMB { return baseFee + tip + multiplier * perMB * Double(n) / 1e6 }
        let encoded = n + Self.compactLength(n) + extrinsicOverheadBytes
        return baseFee + tip + Self.lengthFeePerByte * Double(encoded) + multiplier * Self.weightFee * Self.weight(bytes: n)
    }

    /// AVAIL per MB at multiplier 1 by the formula, for full submissions.
    public var formulaAvailPerMB: Double {
        var m = self; m.multiplier = 1; m.availPerMB = nil; m.baseFee = 0; m.tip = 0
        return m.fee(bytes: maxSubmissionBytes) / Double(maxSubmissionBytes) * 1e6
    }

    public func pack(_ payload: Payload) -> Packing {
        let n = max(1, (payload.bytes + maxSubmissionBytes - 1) / maxSubmissionBytes)
        return Packing(payload: payload, paidCapacityBytes: payload.bytes, transactions: n,
                       units: ["extrinsics": n, "bytes": payload.bytes, "l1_commitment_gas": n * Int(l1CommitmentGas)])
    }

    public func cost(_ packing: Packing, at market: MarketState) -> Cost {
        var remaining = packing.payload.bytes, avail = 0.0
        for _ in 0..<packing.transactions {
            let b = min(remaining, maxSubmissionBytes); remaining -= b
            avail += fee(bytes: b)
        }
        let usd = avail * market.price("AVAIL")
        let l1Wei = UInt128(packing.units["l1_commitment_gas"] ?? 0) * (market.l1BaseFee + market.l1PriorityFee)
        let l1USD = Units.eth(l1Wei) * market.price("ETH")
        var components: [CostComponent: Double] = [.altDAFee: usd]
        if l1Wei > 0 { components[.fixedL1Overhead] = l1USD }
        return Cost(native: avail, nativeUnit: "AVAIL", wei: nil, usd: usd + l1USD, components: components, l1ETH: Units.eth(l1Wei))
    }
}
