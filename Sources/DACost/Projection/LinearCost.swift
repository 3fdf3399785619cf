/// A submission's cost as a linear function of prices, so that the simulator can price it at every
/// market step with a few multiplications instead of re-packing it.
struct LinearCost {
    /// Gas paid at the L1 base fee + tip, split by component.
    var executionGas = 0.0, calldataGas = 0.0, commitmentGas = 0.0
    var blobGas = 0.0
    /// Celestia PFB gas, priced at the (possibly time-varying) gas price in utia.
    var celestiaGas = 0.0
    /// EigenDA billed symbols, at the (possibly time-varying) price per symbol in wei.
    var eigenSymbols = 0.0
    /// A fee fixed in the layer's token (Avail, generic layers).
    var tokenAmount = 0.0
    /// Which unit `native` is in. A small enum, not the token's name: this value is copied in the
    /// simulator's innermost loop, where a String would cost reference counting on every copy.
    var unit = NativeUnit.eth

    enum NativeUnit: UInt8 { case eth, tia, token }

    struct Prices {
        var l1FeeWei: Double   // base fee + tip
        var blobFeeWei: Double
        var ethUSD: Double
        var celestiaGasPriceUtia: Double
        var eigenPricePerSymbolWei: Double
        var tokenUSD: Double
    }

    /// USD by component (blob gas, execution gas, calldata, alt-DA fee, fixed L1 overhead), and the
    /// amount in the layer's own unit, for `scale` submissions.
    @inline(__always)
    func evaluate(_ p: Prices, scale: Double) -> (blob: Double, exec: Double, call: Double, alt: Double, commit: Double, native: Double) {
        let usdPerWei = p.ethUSD / 1e18 * scale
        let exec = executionGas * p.l1FeeWei * usdPerWei, call = calldataGas * p.l1FeeWei * usdPerWei
        let commit = commitmentGas * p.l1FeeWei * usdPerWei, blob = blobGas * p.blobFeeWei * usdPerWei
        if isEthereumOnly {
            // Calldata and blobs: the alt-DA terms below are exact zeros at the (finite) prices the simulator
            // reads, so they are left out with their three divisions, on the path every step takes.
            return (blob, exec, call, 0, commit, ((executionGas + calldataGas + commitmentGas) * p.l1FeeWei + blobGas * p.blobFeeWei) * scale / 1e18)
        }
        let tia = celestiaGas * p.celestiaGasPriceUtia / Units.utiaPerTia * scale
        let eigenWei = eigenSymbols * p.eigenPricePerSymbolWei * scale
        let alt = tia * p.tokenUSD + eigenWei * p.ethUSD / 1e18 + tokenAmount * scale * p.tokenUSD
        let native: Double
        switch unit {
        case .tia: native = tia
        case .eth: native = ((executionGas + calldataGas + commitmentGas) * p.l1FeeWei + blobGas * p.blobFeeWei) * scale / 1e18 + eigenWei / 1e18
        case .token: native = tokenAmount * scale
        }
        return (blob, exec, call, alt, commit, native)
    }

    /// Whether it is paid in ETH on Ethereum alone (no alt-DA fee).
    var isEthereumOnly: Bool { celestiaGas == 0 && eigenSymbols == 0 && tokenAmount == 0 && unit == .eth }

    /// The linear form of a layer's packing (what `DALayer.cost` computes at one market state).
    static func of(_ layer: DALayer, _ packing: Packing) -> LinearCost {
        var c = LinearCost()
        switch layer {
        case is EthereumCalldata:
            c.calldataGas = Double(packing.units["gas"] ?? 0)
        case is EthereumBlobs:
            c.executionGas = Double(packing.units["execution_gas"] ?? 0)
            c.blobGas = Double(packing.units["blob_gas"] ?? 0)
        case is CelestiaPricing:
            c.celestiaGas = Double(packing.units["gas"] ?? 0); c.unit = .tia
            c.commitmentGas = Double(packing.units["l1_commitment_gas"] ?? 0)
        case let e as EigenDAPricing:
            if case .onDemand = e.mode { c.eigenSymbols = Double(packing.units["billed_symbols"] ?? 0) }
            c.commitmentGas = Double(packing.units["l1_commitment_gas"] ?? 0)
        default:
            // Fees fixed in the layer's token: price them at 1 USD to read the token amount back.
            let probe = MarketState(l1BaseFee: 0, l1PriorityFee: 0, blobBaseFee: 0, usd: [:])
            let cost = layer.cost(packing, at: probe)
            c.tokenAmount = cost.native; c.unit = layer.nativeUnit == "ETH" ? .eth : .token
            c.commitmentGas = Double(packing.units["l1_commitment_gas"] ?? 0)
        }
        return c
    }
}
