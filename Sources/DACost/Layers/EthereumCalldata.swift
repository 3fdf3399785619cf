/// Posting batches as L1 calldata to an inbox EOA (no execution), as OP batchers do in calldata mode.
public struct EthereumCalldata: DALayer {
    /// Intrinsic gas of any transaction.
    public static let txGas: UInt64 = 21_000 // go-ethereum params/protocol_params.go TxGas
    /// Standard calldata cost per zero / non-zero byte.
    public static let zeroByteGas: UInt64 = 4 // EIP-2028 (G_txdatazero)
    public static let nonZeroByteGas: UInt64 = 16 // EIP-2028 (G_txdatanonzero)
    /// EIP-7623 token weights: tokens = zero bytes + 4 × non-zero bytes.
    public static let standardTokenCost: UInt64 = 4 // EIP-7623 STANDARD_TOKEN_COST
    public static let totalCostFloorPerToken: UInt64 = 10 // EIP-7623 TOTAL_COST_FLOOR_PER_TOKEN
    /// EIP-7976 (proposed): floor tokens = 4 × every byte, 16 gas per floor token.
    public static let eip7976FloorTokensPerByte: UInt64 = 4 // EIP-7976
    public static let eip7976FloorCostPerToken: UInt64 = 16 // EIP-7976
    /// Per-transaction gas cap since Fusaka.
    public static let maxTxGas: UInt64 = 1 << 24 // EIP-7825 TX_GAS_LIMIT_CAP
    /// op-batcher's default max calldata transaction size.
    public static let defaultMaxTxSize = 120_000 // ethereum-optimism/optimism op-batcher/flags/flags.go (MaxL1TxSizeBytes)
    /// 1 derivation version byte per batcher transaction.
    public static let versionBytes = 1 // ethereum-optimism/optimism op-node/rollup/derive/params.go (DerivationVersion0)
    /// Frame overhead: channel id 16 + frame number 2 + length 4 + is_last 1.
    public static let frameOverhead = 23 // ethereum-optimism/optimism op-node/rollup/derive/frame.go (FrameV0OverHeadSize)
    /// Of the 24 overhead bytes, the zero ones: version 0x00, frame number high byte and the zero
    /// high byte of the u32 length (frames < 16 MiB); the 16-byte channel id is random.
    static let overheadZeroBytes = 3

    public var name = "ethereum-calldata"
    public let kind = LayerKind.ethereumCalldata
    public var maxTxSize: Int = EthereumCalldata.defaultMaxTxSize
    /// The data pricing in force (EIP-7623 since Prague; earlier forks for earlier days).
    public var pricing: CalldataPricing = .eip7623
    /// Transactions per submission the batcher may send for one channel.
    public var maxTransactionsPerSubmission = 1

    public init(name: String = "ethereum-calldata", maxTxSize: Int = EthereumCalldata.defaultMaxTxSize, pricing: CalldataPricing = .eip7623) {
        self.name = name; self.maxTxSize = maxTxSize; self.pricing = pricing
    }

    /// The proposed EIP-7976 floor in place of the rules in force.
    public var eip7976: Bool { pricing == .eip7976 }

    public var nativeUnit: String { "ETH" }

    public var trust: TrustModel { TrustModel(guarantor: "Ethereum consensus, permanent history", tradeOff: "nothing") }

    /// Channel bytes one transaction carries: its data less the version byte and frame overhead,
    /// and never so much that the worst-case gas passes the 2^24 cap.
    public var channelBytesPerTx: Int {
        let bySize = maxTxSize - Self.versionBytes - Self.frameOverhead
        let byGas = Int((Self.maxTxGas - Self.txGas) / pricing.worstGasPerByte) - Self.versionBytes - Self.frameOverhead
        return max(1, min(bySize, byGas))
    }

    public var maxSubmissionBytes: Int { channelBytesPerTx * maxTransactionsPerSubmission }

    /// Gas of one transaction to an EOA carrying `zero` and `nonZero` data bytes, by the rules in force.
    public func gas(zeroBytes zero: UInt64, nonZeroBytes nonZero: UInt64, executionGas: UInt64 = 0) -> UInt64 {
        pricing.transactionGas(zeroBytes: zero, nonZeroBytes: nonZero, executionGas: executionGas)
    }

    public func pack(_ payload: Payload) -> Packing {
        let per = channelBytesPerTx
        let txs = max(1, (payload.bytes + per - 1) / per)
        // Zero bytes are spread evenly over the transactions; the frame overhead adds its own.
        var gas: UInt64 = 0, dataBytes = 0, remaining = payload.bytes, zerosLeft = payload.zeroBytes
        for i in 0..<txs {
            let chunk = min(per, remaining)
            let zeros = i == txs - 1 ? zerosLeft : Int((Double(payload.zeroBytes) * Double(chunk) / Double(max(1, payload.bytes))).rounded())
            remaining -= chunk; zerosLeft -= zeros
            let total = chunk + Self.versionBytes + Self.frameOverhead
            let z = zeros + Self.overheadZeroBytes
            gas += self.gas(zeroBytes: UInt64(z), nonZeroBytes: UInt64(total - z))
            dataBytes += total
        }
        return Packing(payload: payload, paidCapacityBytes: txs * per, transactions: txs,
                       units: ["gas": Int(gas), "calldata_bytes": dataBytes, "transactions": txs])
    }

    public func cost(_ packing: Packing, at market: MarketState) -> Cost {
        let gas = UInt128(packing.units["gas"] ?? 0)
        let wei = gas * (market.l1BaseFee + market.l1PriorityFee)
        let eth = Units.eth(wei), usd = eth * market.price("ETH")
        return Cost(native: eth, nativeUnit: "ETH", wei: wei, usd: usd, components: [.calldata: usd])
    }
}
