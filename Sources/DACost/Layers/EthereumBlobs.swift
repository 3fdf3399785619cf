/// How channel data is laid into a blob's 4096 field elements.
public enum BlobEncoding: String, Sendable, Codable, CaseIterable {
    /// OP Stack v0: 127 bytes per 4 field elements, 4-byte header: 130,044 bytes, of which 1 version
    /// byte and one 23-byte frame header leave 130,020 bytes of channel data.
    case op
    /// Arbitrum Nitro: 130,048 bytes of RLP payload.
    case arbitrum
    /// 31 bytes per field element: 126,976 bytes.
    case fe31

    /// Usable payload bytes per blob.
    public var payloadBytesPerBlob: Int {
        switch self {
        case .op: return (4 * 31 + 3) * 1024 - 4 // ethereum-optimism/optimism op-service/eth/blob.go MaxBlobDataSize
        case .arbitrum: return 130_048 // OffchainLabs/nitro util/blobs/blobs.go
        case .fe31: return 31 * 4096 // EIP-4844 field elements × 31 usable bytes each
        }
    }

    /// Channel data per blob once frame overhead is paid.
    public var channelBytesPerBlob: Int {
        switch self {
        case .op: return payloadBytesPerBlob - EthereumCalldata.versionBytes - EthereumCalldata.frameOverhead
        case .arbitrum, .fe31: return payloadBytesPerBlob
        }
    }
}

/// Posting batches in EIP-4844 blobs: whole blobs paid at the blob base fee, plus each blob
/// transaction's own 21000 execution gas at the L1 base fee and tip.
public struct EthereumBlobs: DALayer {
    /// Most blobs one transaction may carry since Fusaka.
    public static let maxBlobsPerTransaction = 6 // EIP-7594; go-ethereum params BlobTxMaxBlobs

    public var name = "ethereum-blobs"
    public let kind = LayerKind.ethereumBlobs
    public var encoding: BlobEncoding = .op
    /// Blobs the batcher puts in each transaction (op-batcher `--target-num-frames`), 1…6.
    public var targetBlobsPerTx = 6
    /// Execution gas of a blob transaction (to an EOA inbox: just the intrinsic gas).
    public var executionGasPerTx: UInt64 = EthereumCalldata.txGas

    public init(name: String = "ethereum-blobs", encoding: BlobEncoding = .op, targetBlobsPerTx: Int = 6) {
        self.name = name; self.encoding = encoding
        self.targetBlobsPerTx = min(max(1, targetBlobsPerTx), Self.maxBlobsPerTransaction)
    }

    public var nativeUnit: String { "ETH" }

    public var trust: TrustModel {
        TrustModel(guarantor: "Ethereum consensus; pruned after about 18 days", tradeOff: "long-term retrieval relies on others")
    }

    public var maxSubmissionBytes: Int { targetBlobsPerTx * encoding.channelBytesPerBlob }

    public func pack(_ payload: Payload) -> Packing {
        let per = encoding.channelBytesPerBlob
        let blobs = max(1, (payload.bytes + per - 1) / per)
        let txs = (blobs + targetBlobsPerTx - 1) / targetBlobsPerTx
        return Packing(payload: payload, paidCapacityBytes: blobs * per, transactions: txs,
                       units: ["blobs": blobs, "blob_gas": blobs * Int(BlobFeeMarket.gasPerBlob),
                               "execution_gas": txs * Int(executionGasPerTx), "transactions": txs])
    }

    public func cost(_ packing: Packing, at market: MarketState) -> Cost {
        let blobWei = UInt128(packing.units["blob_gas"] ?? 0) * market.blobBaseFee
        let execWei = UInt128(packing.units["execution_gas"] ?? 0) * (market.l1BaseFee + market.l1PriorityFee)
        let eth = market.price("ETH")
        return Cost(native: Units.eth(blobWei + execWei), nativeUnit: "ETH", wei: blobWei + execWei,
                    usd: Units.eth(blobWei + execWei) * eth,
                    components: [.blobGas: Units.eth(blobWei) * eth, .executionGas: Units.eth(execWei) * eth])
    }
}
