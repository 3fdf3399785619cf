/// Everything a comparison or projection depends on, with every default resolved, so that a report
/// that records it can be reproduced.
public struct Scenario: Codable, Equatable, Sendable {
    public var name: String
    /// First day of the horizon, `YYYY-MM-DD` (UTC).
    public var start: String
    public var horizonDays: Int
    public var traffic: Traffic
    /// `default` (the bundled real OP Mainnet trace) or a path, relative to the scenario file.
    public var trace: String
    /// Codecs compared.
    public var codecs: [CodecID]
    public var batcher: BatcherPolicy
    public var market: MarketAssumptions
    /// The blob schedule in force (mainnet forks plus any the scenario adds).
    public var blobSchedule: [BlobFork]
    /// Ethereum's block gas limit by date and the share of it the rollup may use (nil in reports
    /// written before it existed: mainnet's).
    public var l1GasLimit: L1GasLimit?
    /// Calldata forks the scenario dates beyond mainnet's (a blob fork with `eip7976: true`); nil: none.
    public var calldataForks: [CalldataFork]?
    public var layers: [LayerSpec]
    public var opFee: OPFeeScalars
    /// Curves, Monte Carlo and the simulated blob market, for `dacost project`.
    public var projection: ProjectionSettings
    /// Fee parameters of the chains a `dacost backtest` compares, by chain name (nil: none named).
    public var backtestChains: [String: Backtest.ChainParameters]?

    enum CodingKeys: String, CodingKey {
        case name, start, traffic, trace, codecs, batcher, market, layers, projection
        case horizonDays = "horizon_days", blobSchedule = "blob_schedule", opFee = "op_fee", l1GasLimit = "l1_gas_limit", calldataForks = "calldata_forks"
        case backtestChains = "backtest_chains"
    }

    public struct Traffic: Codable, Equatable, Sendable {
        /// L2 transactions per second.
        public var tps: Double
    }

    /// How the chain's batcher builds and posts channels.
    public struct BatcherPolicy: Codable, Equatable, Sendable {
        public enum DAChoice: String, Codable, Sendable, CaseIterable { case blobs, calldata, auto }
        /// The codec the chain's batcher uses (its Ethereum cost is the one the OP fee check compares with).
        public var codec: CodecID
        public var targetBlobsPerTx: Int
        /// A channel is posted when full or when this much time has passed since it opened.
        public var maxChannelDurationMinutes: Double
        /// How the chain posts to Ethereum: blobs, calldata, or whichever is cheaper per submission.
        public var da: DAChoice
        public var blobEncoding: BlobEncoding
        public var maxCalldataTxSize: Int

        enum CodingKeys: String, CodingKey {
            case codec, da
            case targetBlobsPerTx = "target_blobs_per_tx", maxChannelDurationMinutes = "max_channel_duration_minutes"
            case blobEncoding = "blob_encoding", maxCalldataTxSize = "max_calldata_tx_size"
        }
    }

    /// Market values, constant over the horizon in `compare`.
    public struct MarketAssumptions: Codable, Equatable, Sendable {
        public var l1BaseFeeGwei: Double
        public var l1PriorityFeeGwei: Double
        /// A blob base fee in gwei, or nil for "from market": the EIP-7918 reserve the L1 base fee implies,
        /// where blob fees settle when demand is below target.
        public var blobBaseFeeGwei: Double?
        /// USD per token: ETH, TIA, AVAIL and any generic layer's token.
        public var usd: [String: Double]

        enum CodingKeys: String, CodingKey {
            case usd
            case l1BaseFeeGwei = "l1_base_fee_gwei", l1PriorityFeeGwei = "l1_priority_fee_gwei", blobBaseFeeGwei = "blob_base_fee_gwei"
        }

        /// The market state these values describe.
        public var state: MarketState {
            let base = Units.wei(gwei: l1BaseFeeGwei)
            let blob = blobBaseFeeGwei.map { max(1, Units.wei(gwei: $0)) }
                ?? max(UInt128(BlobFeeMarket.minBaseFeePerBlobGas), BlobFeeMarket.reserveBlobBaseFee(executionBaseFee: base))
            return MarketState(l1BaseFee: base, l1PriorityFee: Units.wei(gwei: l1PriorityFeeGwei), blobBaseFee: blob, usd: usd)
        }
    }

    /// Calldata rules through time: mainnet's forks and the scenario's.
    public var calldataSchedule: CalldataSchedule { CalldataSchedule(forks: CalldataSchedule.mainnet.forks + (calldataForks ?? [])) }

    /// The calldata rule in force on the scenario's start day.
    public var startCalldataFork: CalldataFork { calldataSchedule.fork(at: startTimestamp) }

    /// The start day at 00:00 UTC, in unix seconds.
    public var startTimestamp: Int64 { CalendarDay.epochSeconds(start) ?? 0 }

    /// OP Stack Fjord fee scalars (SystemConfig `basefeeScalar`, `blobbasefeeScalar`).
    public struct OPFeeScalars: Codable, Equatable, Sendable {
        public var baseFeeScalar: UInt64
        public var blobBaseFeeScalar: UInt64
        enum CodingKeys: String, CodingKey { case baseFeeScalar = "base_fee_scalar", blobBaseFeeScalar = "blob_base_fee_scalar" }
    }
}

/// One layer to compare, with its parameters (defaults filled in by the reader).
public struct LayerSpec: Codable, Equatable, Sendable {
    /// Whether the rollup's data goes ahead of others' on this layer: on Celestia it outbids them in the
    /// gas-price auction (others' demand sets its price instead), on Avail when its tip beats theirs.
    public var outranksBackground: Bool {
        kind == .celestia || (kind == .avail && (tipAvail ?? 0) > (backgroundTipAvail ?? 0))
    }

    public var kind: LayerKind
    public var name: String
    // ethereum_calldata
    public var maxTxSize: Int?
    public var eip7976: Bool?
    // celestia, eigenda
    public var gasPriceUtia: Double?
    public var maxBlobBytes: Int?
    /// Gas of the L1 inbox transaction that carries each alt-DA submission's commitment; by default that of
    /// `l1CommitmentBytes` under the calldata rules (`AltDACommitment`).
    public var l1CommitmentGas: Int?
    /// Size of that commitment (default per layer: `AltDACommitment.standard(for:)`).
    public var l1CommitmentBytes: Int?
    /// Throughput the layer can carry (in the unit of `DALayer.capacityBytes`, per second): overrides the
    /// layer's dated ceiling (`LayerThroughput`); nil = that ceiling (unlimited for a generic layer).
    public var maxBytesPerSecond: Double?
    /// Celestia, Avail: the block time and blob (data) bytes per block, overriding the dated defaults.
    public var blockSeconds: Double?
    public var blockBytes: Int?
    /// EigenDA: the on-demand global rate (symbols per second), default `EigenDAThroughput.globalSymbolsPerPeriod`.
    public var onDemandSymbolsPerSecond: Double?
    /// EigenDA: where traffic the on-demand meter refuses goes: `wait` (nil), `ethereum_blobs` or `ethereum_calldata`.
    public var onRefusal: String?
    /// Any layer: the value staked behind its guarantee (USD) and its retention (days), over `LayerSecurity`'s defaults.
    public var stakeUSD: Double?
    public var retentionDays: Double?
    /// Alt-DA: everyone else's demand on the layer (bytes per second in its capacity unit), a curve; nil: none.
    public var backgroundBytesPerSecond: Curve?
    /// Celestia: the spread (σ of the log) of other users' bids around the minimum gas price (`AltDACongestion`).
    public var backgroundPriceSpread: Double?
    public var mode: String?
    public var pricePerSymbolWei: Int?
    public var minNumSymbols: Int?
    public var reservationSymbolsPerSecond: Double?
    public var reservationUSDPer30Days: Double?
    // avail
    public var multiplier: Double?
    public var baseFeeAvail: Double?
    /// The rollup's tip per extrinsic (AVAIL), and the tip others' extrinsics carry: the pool orders by tip,
    /// so the higher tip goes first when blocks are full. Both default 0 (?): no tip market data was found.
    public var tipAvail: Double?
    public var backgroundTipAvail: Double?
    public var extrinsicOverheadBytes: Int?
    public var availPerMB: Double?
    // generic
    public var token: String?
    public var fixedPerSubmission: Double?
    public var pricePerByte: Double?
    public var maxSubmissionBytes: Int?

    public init(kind: LayerKind, name: String) { self.kind = kind; self.name = name }

    enum CodingKeys: String, CodingKey {
        case kind, name, eip7976, mode, multiplier, token
        case maxTxSize = "max_tx_size", gasPriceUtia = "gas_price_utia", maxBlobBytes = "max_blob_bytes"
        case l1CommitmentGas = "l1_commitment_gas", l1CommitmentBytes = "l1_commitment_bytes", maxBytesPerSecond = "max_bytes_per_second"
        case blockSeconds = "block_seconds", blockBytes = "block_bytes", onDemandSymbolsPerSecond = "on_demand_symbols_per_second"
        case onRefusal = "on_refusal"
        case stakeUSD = "stake_usd", retentionDays = "retention_days"
        case backgroundBytesPerSecond = "background_bytes_per_second", backgroundPriceSpread = "background_price_spread"
        case pricePerSymbolWei = "price_per_symbol_wei", minNumSymbols = "min_num_symbols"
        case reservationSymbolsPerSecond = "reservation_symbols_per_second", reservationUSDPer30Days = "reservation_usd_per_30_days"
        case baseFeeAvail = "base_fee_avail", tipAvail = "tip_avail", backgroundTipAvail = "background_tip_avail", extrinsicOverheadBytes = "extrinsic_overhead_bytes", availPerMB = "avail_per_mb"
        case fixedPerSubmission = "fixed_per_submission", pricePerByte = "price_per_byte", maxSubmissionBytes = "max_submission_bytes"
    }

    /// The layer these parameters describe, under the batcher's blob settings.
    public func makeLayer(batcher: Scenario.BatcherPolicy, calldata: CalldataPricing = .eip7623) -> DALayer {
        switch kind {
        case .ethereumBlobs:
            return EthereumBlobs(name: name, encoding: batcher.blobEncoding, targetBlobsPerTx: batcher.targetBlobsPerTx)
        case .ethereumCalldata:
            return EthereumCalldata(name: name, maxTxSize: maxTxSize ?? batcher.maxCalldataTxSize, pricing: eip7976 == true ? .eip7976 : calldata)
        case .celestia:
            var l = CelestiaPricing(name: name)
            if let v = gasPriceUtia { l.gasPriceUtia = v }
            if let v = maxBlobBytes { l.maxBlobBytes = v }
            if let v = l1CommitmentGas { l.l1CommitmentGas = UInt64(v) }
            return l
        case .eigenDA:
            var l = EigenDAPricing(name: name)
            if mode == "reservation", let bw = reservationSymbolsPerSecond, let usd = reservationUSDPer30Days {
                l.mode = .reservation(symbolsPerSecond: bw, usdPer30Days: usd)
            }
            if let v = pricePerSymbolWei { l.pricePerSymbolWei = UInt64(v) }
            if let v = minNumSymbols { l.minNumSymbols = UInt64(v) }
            if let v = maxBlobBytes { l.maxBlobBytes = v }
            if let v = l1CommitmentGas { l.l1CommitmentGas = UInt64(v) }
            return l
        case .avail:
            var l = AvailPricing(name: name)
            if let v = multiplier { l.multiplier = v }
            if let v = baseFeeAvail { l.baseFee = v }
            if let v = tipAvail { l.tip = v }
            if let v = extrinsicOverheadBytes { l.extrinsicOverheadBytes = v }
            l.availPerMB = availPerMB
            if let v = maxSubmissionBytes { l.maxSubmissionBytes = v }
            if let v = l1CommitmentGas { l.l1CommitmentGas = UInt64(v) }
            return l
        case .generic:
            return GenericLayer(name: name, token: token ?? "USD", fixedPerSubmission: fixedPerSubmission ?? 0,
                                pricePerByte: pricePerByte ?? 0, maxSubmissionBytes: maxSubmissionBytes ?? 1 << 20)
        }
    }
}
