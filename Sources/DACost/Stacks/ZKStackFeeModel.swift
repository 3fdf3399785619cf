/// ZK Stack's fee model V2 ("PubdataIndependent", protocol ≥ 20): what a transaction pays per byte of
/// pubdata it publishes (zksync-era `core/lib/types/src/fee_model.rs`,
/// `core/lib/multivm/src/versions/vm_latest/utils/fee.rs`). Integer wei, ceilings as the code takes them.
public enum ZKStackFeeModel {
    /// Where pubdata goes, which sets `l1_pubdata_price`.
    public enum PubdataMode: String, Sendable { case blobs, calldata, validium }

    public struct Parameters: Sendable, Equatable, Codable {
        /// `internal_l1_pricing_multiplier` and `internal_pubdata_pricing_multiplier`: 0.8 and 1.0 in
        /// zksync-era's example config `etc/env/file_based/general.yaml` (Era's live values not read (?)).
        public var l1PricingMultiplier = 0.8
        public var pubdataPricingMultiplier = 1.0
        /// `minimal_l2_gas_price` 0.1 gwei, `compute_overhead_part` 0, `pubdata_overhead_part` 1,
        /// `batch_overhead_l1_gas` 800,000, `max_gas_per_batch` 200,000,000, `max_pubdata_per_batch`
        /// 500,000 (same example config (?)).
        public var minimalL2GasPriceWei = 100_000_000.0
        public var computeOverheadPart = 0.0
        public var pubdataOverheadPart = 1.0
        public var batchOverheadL1Gas = 800_000.0
        public var maxGasPerBatch = 200_000_000.0
        public var maxPubdataPerBatch = 500_000.0

        public init() {}

        enum CodingKeys: String, CodingKey {
            case l1PricingMultiplier = "internal_l1_pricing_multiplier", pubdataPricingMultiplier = "internal_pubdata_pricing_multiplier"
            case minimalL2GasPriceWei = "minimal_l2_gas_price_wei", computeOverheadPart = "compute_overhead_part"
            case pubdataOverheadPart = "pubdata_overhead_part", batchOverheadL1Gas = "batch_overhead_l1_gas"
            case maxGasPerBatch = "max_gas_per_batch", maxPubdataPerBatch = "max_pubdata_per_batch"
        }
    }

    /// `L1_GAS_PER_PUBDATA_BYTE` 17: calldata mode prices a pubdata byte at 17 L1 gas, "bigger than 16 to
    /// account for potential overhead" (zksync-era `core/lib/constants`, protocol ≥ 20).
    public static let l1GasPerPubdataByte = 17.0
    /// `ceil(fair_pubdata_price / 50,000)` floors the base fee: at most 50,000 gas per pubdata byte
    /// (zksync-era `core/lib/multivm/src/versions/vm_latest/constants.rs` MAX_GAS_PER_PUBDATA_BYTE, VM 1.5.0 on).
    public static let maxGasPerPubdataByte = 50_000.0

    /// What the batch is priced at: `l1_gas_price`, `l1_pubdata_price`, the fair prices, the L2 base fee
    /// and gas per pubdata byte.
    public struct Prices: Sendable, Equatable {
        public var l1GasPrice, l1PubdataPrice, fairL2GasPrice, fairPubdataPrice, baseFee, gasPerPubdata: Double
        /// What a transaction pays per pubdata byte: `gas_per_pubdata × base_fee` (≥ the fair price, by the ceiling).
        public var pubdataFeePerByte: Double { gasPerPubdata * baseFee }
    }

    /// The V2 prices from the L1 base fee and tip, and the blob base fee, all in wei.
    public static func prices(l1BaseFee: Double, l1PriorityFee: Double, blobBaseFee: Double, mode: PubdataMode,
                              parameters p: Parameters = Parameters()) -> Prices {
        let l1Gas = ((l1BaseFee + l1PriorityFee) * p.l1PricingMultiplier).rounded(.down)
        let l1Pubdata: Double
        switch mode {
        case .blobs: l1Pubdata = (blobBaseFee * p.pubdataPricingMultiplier).rounded(.down)
        case .calldata: l1Pubdata = l1Gas * l1GasPerPubdataByte
        case .validium: l1Pubdata = 0
        }
        let fairL2 = p.minimalL2GasPriceWei + p.computeOverheadPart * (l1Gas * p.batchOverheadL1Gas / p.maxGasPerBatch).rounded(.up)
        let fairPubdata = l1Pubdata + p.pubdataOverheadPart * (l1Gas * p.batchOverheadL1Gas / p.maxPubdataPerBatch).rounded(.up)
        let base = max(fairL2, (fairPubdata / maxGasPerPubdataByte).rounded(.up))
        let perPubdata = base > 0 ? (fairPubdata / base).rounded(.up) : 0
        return Prices(l1GasPrice: l1Gas, l1PubdataPrice: l1Pubdata, fairL2GasPrice: fairL2, fairPubdataPrice: fairPubdata,
                      baseFee: base, gasPerPubdata: perPubdata)
    }
}
