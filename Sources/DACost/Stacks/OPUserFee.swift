/// The OP Stack's L1 data fee charged to each L2 transaction, by fork, and the Isthmus/Jovian operator
/// fee: small pure functions of plain values, as op-geth `core/types/rollup_cost.go` computes them
/// (integer math, floor division). Constants with their source and the fork they hold from.
public enum OPUserFee {
    /// Which formula a block at a time uses on OP Mainnet.
    public enum Era: String, Sendable, Codable, CaseIterable {
        case bedrock, ecotone, fjord, isthmus, jovian

        /// The L1 data fee formula the era uses (Isthmus and Jovian keep Fjord's and add the operator fee).
        public var dataFeeFormula: String {
            switch self {
            case .bedrock: return "Bedrock: (calldata gas + overhead) × L1 base fee × scalar / 1e6"
            case .ecotone: return "Ecotone: calldata gas × (16 × L1 base fee × base-fee scalar + blob base fee × blob scalar) / 16e6"
            case .fjord, .isthmus, .jovian:
                return "Fjord: max(100, −42.5856 + 0.8365 × FastLZ size) × (16 × L1 base fee × base-fee scalar + blob base fee × blob scalar) / 1e6"
            }
        }
    }

    /// Isthmus on OP Mainnet, 2025-05-09 16:00:01 UTC (superchain-registry `superchain/configs/mainnet/superchain.toml`
    /// isthmus_time): the operator fee appears.
    public static let isthmusTime: Int64 = 1_746_806_401
    /// Jovian on OP Mainnet, 2025-12-02 16:00:01 UTC (superchain-registry `superchain.toml` jovian_time): the
    /// operator fee's scalar is multiplied by 100 instead of divided by 1e6 (specs `jovian/exec-engine.md`).
    public static let jovianTime: Int64 = 1_764_691_201

    /// The era at a Unix time on OP Mainnet (forks dated in `OPStack`). Before Bedrock (2023-06-06) OP
    /// Mainnet was the legacy chain: the Bedrock formula is the closest and is used.
    public static func era(at time: Int64) -> Era {
        if time >= jovianTime { return .jovian }
        if time >= isthmusTime { return .isthmus }
        if time >= OPStack.fjordTime { return .fjord }
        if time >= OPStack.ecotoneTime { return .ecotone }
        return .bedrock
    }

    /// Ecotone L1 fee, wei: `calldataGas × (16 × l1BaseFee × baseFeeScalar + blobBaseFee × blobBaseFeeScalar) / 16e6`
    /// (op-geth `newL1CostFuncEcotone`; specs `ecotone/l1-attributes.md`), calldata gas = 4 per zero byte and
    /// 16 per other byte of the signed transaction.
    public static func ecotoneL1Fee(calldataGas: UInt64, l1BaseFee: UInt128, blobBaseFee: UInt128,
                                    baseFeeScalar: UInt64, blobBaseFeeScalar: UInt64) -> UInt128 {
        let scaled = UInt128(baseFeeScalar) * l1BaseFee * 16 + UInt128(blobBaseFeeScalar) * blobBaseFee
        return UInt128(calldataGas) * scaled / 16_000_000
    }

    /// Operator fee, wei, of a transaction that used `gas` L2 gas (specs `isthmus/exec-engine.md`: `gas ×
    /// operatorFeeScalar / 1e6 + operatorFeeConstant`; from Jovian `gas × operatorFeeScalar × 100 +
    /// operatorFeeConstant`, specs `jovian/exec-engine.md`). Zero before Isthmus.
    public static func operatorFee(gas: UInt64, scalar: UInt32, constant: UInt64, era: Era) -> UInt128 {
        switch era {
        case .bedrock, .ecotone, .fjord: return 0
        case .isthmus: return UInt128(gas) * UInt128(scalar) / 1_000_000 + UInt128(constant)
        case .jovian: return UInt128(gas) * UInt128(scalar) * 100 + UInt128(constant)
        }
    }

    /// The L1 data fee of one transaction in an era, wei, from its calldata gas (Bedrock, Ecotone) or its
    /// FastLZ size (Fjord on).
    public static func l1Fee(era: Era, calldataGas: UInt64, fastlzSize: Int, l1BaseFee: UInt128, blobBaseFee: UInt128,
                             parameters p: OPFeeParameters) -> UInt128 {
        switch era {
        case .bedrock:
            return OPStack.bedrockL1Fee(dataGas: calldataGas, l1BaseFeeWei: l1BaseFee, overhead: p.overhead, scalar: p.scalar)
        case .ecotone:
            return ecotoneL1Fee(calldataGas: calldataGas, l1BaseFee: l1BaseFee, blobBaseFee: blobBaseFee,
                                baseFeeScalar: p.baseFeeScalar, blobBaseFeeScalar: p.blobBaseFeeScalar)
        case .fjord, .isthmus, .jovian:
            return OPFeeCheck.fjordFee(fastlzSize: fastlzSize, l1BaseFee: l1BaseFee, blobBaseFee: blobBaseFee,
                                       baseFeeScalar: p.baseFeeScalar, blobBaseFeeScalar: p.blobBaseFeeScalar)
        }
    }
}

/// The fee parameters an OP chain's SystemConfig sets, with OP Mainnet's as defaults.
public struct OPFeeParameters: Sendable, Equatable, Codable {
    /// Bedrock overhead and scalar (superchain-registry `op.toml` genesis system_config: 188 and 684,000).
    public var overhead: UInt64 = OPStack.bedrockOverhead
    public var scalar: UInt64 = OPStack.bedrockScalar
    /// Ecotone/Fjord scalars. Default: the OP docs' values tuned to OP Mainnet full blobs, base-fee scalar
    /// 1,100 and blob scalar 655,000 (ethereum-optimism/docs `pages/builders/chain-operators/management/blobs.mdx`) (?):
    /// OP Mainnet's live values change by governance and were not read.
    public var baseFeeScalar: UInt64 = 1_100
    public var blobBaseFeeScalar: UInt64 = 655_000
    /// Isthmus operator fee: 0 on OP Mainnet (it is for chains with other costs to cover).
    public var operatorFeeScalar: UInt32 = 0
    public var operatorFeeConstant: UInt64 = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case overhead, scalar
        case baseFeeScalar = "base_fee_scalar", blobBaseFeeScalar = "blob_base_fee_scalar"
        case operatorFeeScalar = "operator_fee_scalar", operatorFeeConstant = "operator_fee_constant"
    }
}
