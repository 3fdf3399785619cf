/// Celestia: one PayForBlobs transaction per submission, paying for its gas limit in utia.
public struct CelestiaPricing: DALayer {
    public static let shareSize = 512 // celestiaorg/go-square share/consts.go ShareSize
    public static let firstSparseShareContent = 478 // go-square share/consts.go FirstSparseShareContentSize
    public static let continuationSparseShareContent = 482 // go-square share/consts.go ContinuationSparseShareContentSize
    public static let firstSparseShareContentWithSigner = 458 // go-square share/consts.go (478 − 20-byte signer)
    public static let gasPerBlobByte: UInt64 = 8 // celestia-app pkg/appconsts/app_consts.go DefaultGasPerBlobByte
    public static let txSizeCostPerByte: UInt64 = 10 // celestia-app x/blob/types/payforblob.go (auth TxSizeCostPerByte)
    public static let bytesPerBlobInfo: UInt64 = 70 // celestia-app x/blob/types/payforblob.go BytesPerBlobInfo
    public static let pfbGasFixedCost: UInt64 = 75_000 // celestia-app x/blob/types/payforblob.go PFBGasFixedCost
    public static let defaultMaxTxBytes = 8 << 20 // celestia-app pkg/appconsts/app_consts.go (max tx size 8 MiB)
    /// σ of the log of other users' bids around the minimum price when the square is congested
    /// (`AltDACongestion.celestiaInclusionPrice`): a model value (?), no published bid distribution.
    public static let defaultBidSpread = 1.0
    public static let defaultGasPriceUtia = 0.004 // celestia-app pkg/appconsts/initial_consts.go DefaultMinGasPrice (node mempool)

    public var name = "celestia"
    public let kind = LayerKind.celestia
    public var gasPriceUtia = CelestiaPricing.defaultGasPriceUtia
    /// Largest blob per PFB; the batcher keeps submissions under it.
    public var maxBlobBytes = CelestiaPricing.defaultMaxTxBytes - 4096
    /// Gas on L1 per submission for the commitment's inbox transaction, paid in ETH (`AltDACommitment`).
    public var l1CommitmentGas: UInt64 = 0
    /// Whether the PFB embeds the signer in the first share (share version 1).
    public var signerInBlob = false

    public init(name: String = "celestia") { self.name = name }

    public var nativeUnit: String { "TIA" }

    public var trust: TrustModel {
        TrustModel(guarantor: "Celestia validator set + data availability sampling",
                   tradeOff: "Ethereum security; needs a bridge (Blobstream) to prove availability on L1")
    }

    public var maxSubmissionBytes: Int { maxBlobBytes }

    /// Shares a blob of `n` bytes occupies (go-square `SparseSharesNeeded`).
    public static func sharesNeeded(_ n: UInt64, withSigner: Bool = false) -> UInt64 {
        let first = UInt64(withSigner ? firstSparseShareContentWithSigner : firstSparseShareContent)
        if n == 0 { return 0 }
        if n <= first { return 1 }
        let rest = n - first, per = UInt64(continuationSparseShareContent)
        return 1 + (rest + per - 1) / per
    }

    /// PFB gas for blobs of these sizes (celestia-app `EstimateGas`).
    public static func estimateGas(blobSizes: [UInt64], withSigner: Bool = false) -> UInt64 {
        var gas = pfbGasFixedCost
        for n in blobSizes {
            gas += sharesNeeded(n, withSigner: withSigner) * UInt64(shareSize) * gasPerBlobByte
            gas += txSizeCostPerByte * bytesPerBlobInfo
        }
        return gas
    }

    public func pack(_ payload: Payload) -> Packing {
        // One blob per PFB; payloads over the limit become several PFBs.
        let pfbs = max(1, (payload.bytes + maxBlobBytes - 1) / maxBlobBytes)
        var gas: UInt64 = 0, shares: UInt64 = 0, remaining = payload.bytes
        for _ in 0..<pfbs {
            let n = UInt64(min(remaining, maxBlobBytes))
            remaining -= Int(n)
            gas += Self.estimateGas(blobSizes: [n], withSigner: signerInBlob)
            shares += Self.sharesNeeded(n, withSigner: signerInBlob)
        }
        let first = signerInBlob ? Self.firstSparseShareContentWithSigner : Self.firstSparseShareContent
        let capacity = Int(shares) == 0 ? 0 : pfbs * first + (Int(shares) - pfbs) * Self.continuationSparseShareContent
        return Packing(payload: payload, paidCapacityBytes: capacity, transactions: pfbs,
                       units: ["shares": Int(shares), "gas": Int(gas), "pfbs": pfbs, "l1_commitment_gas": pfbs * Int(l1CommitmentGas)])
    }

    public func cost(_ packing: Packing, at market: MarketState) -> Cost {
        let utia = Double(packing.units["gas"] ?? 0) * gasPriceUtia
        let tia = utia / Units.utiaPerTia
        let daUSD = tia * market.price("TIA")
        let l1Wei = UInt128(packing.units["l1_commitment_gas"] ?? 0) * (market.l1BaseFee + market.l1PriorityFee)
        let l1USD = Units.eth(l1Wei) * market.price("ETH")
        var components: [CostComponent: Double] = [.altDAFee: daUSD]
        if l1Wei > 0 { components[.fixedL1Overhead] = l1USD }
        return Cost(native: tia, nativeUnit: "TIA", wei: nil, usd: daUSD + l1USD, components: components, l1ETH: Units.eth(l1Wei))
    }
}
