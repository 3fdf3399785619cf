/// Polygon CDK's effective gas price (zkevm-node `pool/effectivegasprice.go`, from fork 5): the
/// sequencer charges each transaction its break-even price, the L2 gas it used at
/// `L1GasPriceFactor × L1 gas price` plus its batch bytes at 16 (non-zero) or 4 (zero) L1 gas each,
/// times `NetProfit`. Only the data term is the L1 data fee; the gas term pays for L2 execution and proving.
public enum PolygonCDKEffectiveGasPrice {
    public struct Parameters: Sendable, Equatable, Codable {
        /// zkevm-node `config/default.go` `[Pool.EffectiveGasPrice]`: L1GasPriceFactor 0.25, ByteGasCost 16,
        /// ZeroByteGasCost 4, NetProfit 1. (The node ships with `Enabled = false`; a chain that leaves it off
        /// charges the suggester's price with no data term (?).)
        public var l1GasPriceFactor = 0.25
        public var byteGasCost = 16.0
        public var zeroByteGasCost = 4.0
        public var netProfit = 1.0

        public init() {}

        enum CodingKeys: String, CodingKey {
            case l1GasPriceFactor = "l1_gas_price_factor", byteGasCost = "byte_gas_cost", zeroByteGasCost = "zero_byte_gas_cost", netProfit = "net_profit"
        }
    }

    /// The signature (65 bytes) and effective-percentage byte each transaction adds in the batch, counted
    /// as non-zero (zkevm-node `pool/effectivegasprice.go` constBytesTx).
    public static let constBytesTx = 66.0

    /// The data term of a transaction, in L1 gas: `(66 + non-zero bytes) × ByteGasCost + zero bytes × ZeroByteGasCost`
    /// of its legacy-field RLP (the bytes `batchL2Data` carries for it).
    public static func dataGas(zeroBytes: Double, nonZeroBytes: Double, parameters p: Parameters = Parameters()) -> Double {
        (constBytesTx + nonZeroBytes) * p.byteGasCost + zeroBytes * p.zeroByteGasCost
    }

    /// Break-even gas price, wei: `((gasUsed × l1GasPrice × L1GasPriceFactor) + dataGas × l1GasPrice) / gasUsed × NetProfit`
    /// (integer division before the profit factor, as the node does).
    public static func breakEvenGasPrice(gasUsed: Double, dataGas: Double, l1GasPrice: Double, parameters p: Parameters = Parameters()) -> Double {
        guard gasUsed > 0 else { return 0 }
        let l2MinGasPrice = (l1GasPrice * p.l1GasPriceFactor).rounded(.down)
        let total = gasUsed * l2MinGasPrice + dataGas * l1GasPrice
        return ((total / gasUsed).rounded(.down) * p.netProfit).rounded(.down)
    }

    /// The part of a transaction's fee that pays for its L1 data, wei: `dataGas × l1GasPrice × NetProfit`.
    public static func dataFee(dataGas: Double, l1GasPrice: Double, parameters p: Parameters = Parameters()) -> Double {
        dataGas * l1GasPrice * p.netProfit
    }
}
