/// The user-fee mechanism a projection prices revenue with: the stack's own (or the scenario's choice),
/// its parameters, and what it reads from the trace's transactions.
public struct FeeMechanism: Sendable {
    public let kind: FeeSettings.Mechanism
    public let settings: FeeSettings
    public let inputs: UserFeeInputs
    /// `fixed`: USD per transaction.
    public let revenuePerTxUSD: Double

    public init(kind: FeeSettings.Mechanism, settings: FeeSettings, inputs: UserFeeInputs, revenuePerTxUSD: Double = 0) {
        self.kind = kind; self.settings = settings; self.inputs = inputs; self.revenuePerTxUSD = revenuePerTxUSD
    }

    /// The mechanism for a scenario and the stack whose encoding the profile was measured in; nil when
    /// nothing says how the chain charges (a generic stack without `revenue_per_tx_usd` or `fees.mechanism`).
    public static func resolve(scenario: Scenario, encoding: BatchEncoding?, inputs: UserFeeInputs) -> FeeMechanism? {
        let settings = scenario.projection.fees ?? FeeSettings()
        let revenue = scenario.projection.revenuePerTxUSD
        let kind: FeeSettings.Mechanism
        if let chosen = settings.mechanism { kind = chosen }
        else {
            switch encoding {
            case .opSpanBatch?: kind = .op
            case .arbitrumBatch?: kind = .arbitrum
            case .cdkBatchData?: kind = .polygonCDK
            case .zkStackStateDiffModel?: kind = .zksync
            case .raw?, nil:
                guard revenue != nil else { return nil }
                kind = .fixed
            }
        }
        return FeeMechanism(kind: kind, settings: settings, inputs: inputs, revenuePerTxUSD: revenue ?? 0)
    }

    /// The name `report.json` gives it.
    public var name: String {
        switch kind {
        case .op: return "op-l1-fee (Bedrock, Ecotone, Fjord by date; Isthmus/Jovian operator fee)"
        case .arbitrum: return "arbos-l1-pricer"
        case .zksync: return "zk-stack-fee-model-v2"
        case .polygonCDK: return "polygon-cdk-effective-gas-price"
        case .fixed: return "fixed-per-tx"
        case .costPlus: return "cost-plus"
        }
    }

    /// The mechanism and its parameters in words, for a report's assumptions.
    public var summary: String {
        let s = settings, lag = "L1 prices read \(s.l1OriginLagBlocks) L1 blocks behind the head"
        switch kind {
        case .op:
            let gas = s.operatorFeeGasPerTx ?? inputs.meanGasLimit
            return "OP Stack L1 fee by date (Bedrock overhead \(s.op.overhead), scalar \(s.op.scalar); Ecotone/Fjord base-fee scalar \(s.op.baseFeeScalar), blob scalar \(s.op.blobBaseFeeScalar); operator fee scalar \(s.op.operatorFeeScalar), constant \(s.op.operatorFeeConstant) wei at \(NumberFormat.grouped(gas)) gas a transaction); \(lag). Per transaction of the trace: mean Fjord estimated size \(NumberFormat.fixed(inputs.meanFjordEstimatedSizeScaled / 1e6, 1)) bytes, mean calldata gas \(NumberFormat.fixed(inputs.meanCalldataGas, 0))."
        case .arbitrum:
            let start = s.arbitrumInitialPricePerUnitGwei.map { NumberFormat.compact($0, 4) + " gwei" } ?? "break-even with the first six hours' posting cost"
            return "ArbOS L1 pricer: \(NumberFormat.compact(s.arbitrum.unitsPerByte, 3)) units per brotli-1 byte (mean \(NumberFormat.fixed(inputs.meanBrotli1Bytes, 1)) bytes a transaction over \(inputs.brotliSampled) measured), equilibration units \(NumberFormat.grouped(s.arbitrum.equilibrationUnits)), inertia \(NumberFormat.compact(s.arbitrum.inertia, 3)), reward \(NumberFormat.compact(s.arbitrum.perUnitReward, 3)) wei a unit; price at the start \(start); one batch report per step with posting, carrying the layer's whole posting cost (for alt-DA layers too (?))."
        case .zksync:
            return "ZK Stack fee model V2: pubdata priced at the blob base fee (blob layer), 17 × L1 gas price (calldata) or 0 (alt-DA: validium), plus the batch overhead \(NumberFormat.grouped(s.zksync.batchOverheadL1Gas)) L1 gas over \(NumberFormat.grouped(s.zksync.maxPubdataPerBatch)) pubdata bytes, L1 gas price × \(NumberFormat.compact(s.zksync.l1PricingMultiplier, 3)); pubdata a transaction as the layer posts it (a MODEL of state diffs); \(lag)."
        case .polygonCDK:
            return "Polygon CDK effective gas price, its data term: ((66 + non-zero bytes) × \(NumberFormat.compact(s.polygonCDK.byteGasCost, 3)) + zero bytes × \(NumberFormat.compact(s.polygonCDK.zeroByteGasCost, 3))) × L1 gas price × net profit \(NumberFormat.compact(s.polygonCDK.netProfit, 3)); mean \(NumberFormat.fixed(inputs.meanCDKDataGas, 0)) L1 gas a transaction; the L2-gas term (L1 gas price × \(NumberFormat.compact(s.polygonCDK.l1GasPriceFactor, 3))) pays for execution and is not counted; \(lag)."
        case .fixed:
            return "a fixed \(ProjectionRenderer.usd(revenuePerTxUSD)) per transaction"
        case .costPlus:
            return "cost-plus: each step charges the last \(NumberFormat.compact(s.costPlusWindowMinutes, 4)) minutes' posting cost per transaction plus \(NumberFormat.compact(s.costPlusMargin * 100, 3))%"
        }
    }
}
