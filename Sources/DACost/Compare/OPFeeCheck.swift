/// "Are we charging enough?": the OP Stack Fjord L1 fee that users pay, with the scenario's scalars,
/// against what posting their data really costs on the chain's Ethereum layer.
public struct OPFeeCheck: Codable, Equatable, Sendable {
    public var baseFeeScalar: UInt64
    public var blobBaseFeeScalar: UInt64
    /// The Ethereum layer and codec the chain posts with.
    public var postingLayer: String
    public var postingCodec: CodecID
    /// Mean FastLZ size and Fjord estimated size per transaction.
    public var meanFastlzBytes: Double
    public var meanEstimatedSize: Double
    /// Mean L1 fee charged per transaction, wei and USD.
    public var chargedPerTxWei: Double
    public var chargedPerTxUSD: Double
    public var postingCostPerTxWei: Double
    public var postingCostPerTxUSD: Double
    /// charged − posting cost, per transaction, and as a share of the posting cost.
    public var marginPerTxUSD: Double
    public var marginPercent: Double
    /// The blob scalar that breaks even with the base-fee scalar kept, and vice versa (0 = the
    /// other scalar alone already covers the cost).
    /// nil where the fee it multiplies is zero (no scalar can break even through it).
    public var breakEvenBlobBaseFeeScalar: Double?
    public var breakEvenBaseFeeScalar: Double?
    /// Why the posting layer cannot carry the chain's traffic (nil when it can): the cost compared is then
    /// one the chain could not actually post at.
    public var postingInfeasibleReason: String?

    enum CodingKeys: String, CodingKey {
        case baseFeeScalar = "base_fee_scalar", blobBaseFeeScalar = "blob_base_fee_scalar"
        case postingLayer = "posting_layer", postingCodec = "posting_codec"
        case meanFastlzBytes = "mean_fastlz_bytes", meanEstimatedSize = "mean_estimated_size"
        case chargedPerTxWei = "charged_per_tx_wei", chargedPerTxUSD = "charged_per_tx_usd"
        case postingCostPerTxWei = "posting_cost_per_tx_wei", postingCostPerTxUSD = "posting_cost_per_tx_usd"
        case marginPerTxUSD = "margin_per_tx_usd", marginPercent = "margin_percent"
        case breakEvenBlobBaseFeeScalar = "break_even_blob_base_fee_scalar", breakEvenBaseFeeScalar = "break_even_base_fee_scalar"
        case postingInfeasibleReason = "posting_infeasible_reason"
    }

    /// Fjord L1 fee of one transaction (op-geth `newL1CostFuncFjord`), wei.
    public static func fjordFee(fastlzSize: Int, l1BaseFee: UInt128, blobBaseFee: UInt128,
                                baseFeeScalar: UInt64, blobBaseFeeScalar: UInt64) -> UInt128 {
        let estimated = UInt128(TraceFingerprint.fjordEstimatedSizeScaled(fastlzSize: fastlzSize))
        let scaled = UInt128(baseFeeScalar) * l1BaseFee * 16 + UInt128(blobBaseFeeScalar) * blobBaseFee
        return estimated * scaled / 1_000_000_000_000 // op-geth core/types/rollup_cost.go fjordDivisor = 1e12
    }

    /// Fjord `l1GasUsed` of one transaction: estimated size × 16 / 1e6.
    public static func fjordGasUsed(fastlzSize: Int) -> Int {
        TraceFingerprint.fjordEstimatedSizeScaled(fastlzSize: fastlzSize) * 16 / 1_000_000
    }

    public static func evaluate(scalars: Scenario.OPFeeScalars, profile: CompressionProfile, posting: ComparisonRow,
                                market: MarketState) -> OPFeeCheck {
        let n = Double(max(1, profile.trace.transactions))
        let meanEstimate = Double(profile.trace.fjordEstimatedSizeScaled) / n // × 1e6
        let base = Double(market.l1BaseFee), blob = Double(market.blobBaseFee)
        let charged = meanEstimate * (Double(scalars.baseFeeScalar) * base * 16 + Double(scalars.blobBaseFeeScalar) * blob) / 1e12
        let eth = market.price("ETH")
        let costUSD = posting.costPerTxUSD
        let costWei = eth > 0 ? costUSD / eth * 1e18 : 0
        let chargedUSD = charged / 1e18 * eth
        // fee = est × (bfs × 16 × base + bbfs × blob) / 1e12 = cost → solve for one scalar.
        let needed = meanEstimate > 0 ? costWei * 1e12 / meanEstimate : 0
        let blobScalar = blob > 0 ? max(0, (needed - Double(scalars.baseFeeScalar) * 16 * base) / blob) : nil
        let baseScalar = base > 0 ? max(0, (needed - Double(scalars.blobBaseFeeScalar) * blob) / (16 * base)) : nil
        return OPFeeCheck(baseFeeScalar: scalars.baseFeeScalar, blobBaseFeeScalar: scalars.blobBaseFeeScalar,
                          postingLayer: posting.layer, postingCodec: posting.codec,
                          meanFastlzBytes: Double(profile.trace.fastlzBytes) / n, meanEstimatedSize: meanEstimate / 1e6,
                          chargedPerTxWei: charged, chargedPerTxUSD: chargedUSD, postingCostPerTxWei: costWei,
                          postingCostPerTxUSD: costUSD, marginPerTxUSD: chargedUSD - costUSD,
                          marginPercent: costUSD > 0 ? (chargedUSD - costUSD) / costUSD * 100 : 0,
                          breakEvenBlobBaseFeeScalar: blobScalar, breakEvenBaseFeeScalar: baseScalar,
                          postingInfeasibleReason: posting.feasibility.reason)
    }

    /// A break-even scalar for a person: 0 says the other scalar alone covers the cost; "-" that the fee it
    /// multiplies is zero.
    public static func describeBreakEven(_ v: Double?, other: String) -> String {
        guard let v else { return "- (the fee it multiplies is zero)" }
        if v == 0 { return "0 (the \(other) scalar alone already covers the posting cost)" }
        return NumberFormat.fixed(v, 0)
    }
}
