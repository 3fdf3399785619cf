/// A path's market as users' fees read it, one value per step.
struct FeeMarket {
    var baseFeeWei: [Double], l1FeeWei: [Double], blobFeeWei: [Double], eth: [Double], txs: [Double]
    var startTime: Int64
    var stepSeconds: Double
}

/// What one layer's users pay for L1 data through a path under the stack's fee mechanism, step by step.
/// Prices are read `lagSteps` steps back (the L1 origin the L2 sees); a stateful mechanism (ArbOS's pricer,
/// cost-plus) also reads the layer's posting cost.
struct LayerRevenue {
    let mechanism: FeeMechanism
    let layerKind: LayerKind
    /// ZK Stack: pubdata bytes a transaction publishes on this layer.
    let pubdataPerTx: Double
    let lagSteps: Int
    /// OP: per step, wei a transaction pays per wei of L1 base fee (scaled by the base-fee scalar, or the
    /// Bedrock formula's whole factor) and per wei of blob base fee, and the operator fee in wei. They
    /// depend only on the date, so they are worked out once.
    let opPerBase: [Double], opPerBlob: [Double], opBedrockPerBase: [Double], opOperatorWei: [Double]

    struct Result {
        /// USD per step.
        var usd: [Double]
        /// OP from Ecotone: revenue per unit of the base-fee scalar and of the blob scalar (USD), and the rest
        /// (Bedrock steps, operator fee): revenue = baseFeeScalar × the first + blobScalar × the second + the rest.
        var perBaseFeeScalarUSD = 0.0, perBlobFeeScalarUSD = 0.0, otherUSD = 0.0
        /// ZK Stack: revenue from `l1_pubdata_price` and from the batch-overhead term at the configured
        /// `pubdata_overhead_part` (ceilings aside, revenue = the first + part′/part × the second).
        var zkPubdataTermUSD = 0.0, zkOverheadTermUSD = 0.0
        /// ArbOS: the pool's lowest surplus (USD at that step's ETH price; negative = owed to the poster), its
        /// surplus at the end, and the hours from the lowest point until it was back at zero (nil: never).
        var lowestSurplusUSD: Double?, endSurplusUSD: Double?, recoveryHours: Double?
        /// ArbOS: the pool's surplus at the end of each day (USD), its trajectory.
        var surplusByDayUSD = [Double]()
    }

    init(mechanism: FeeMechanism, layerKind: LayerKind, pubdataPerTx: Double, stepSeconds: Double, startTime: Int64 = 0, steps: Int = 0) {
        self.mechanism = mechanism; self.layerKind = layerKind; self.pubdataPerTx = pubdataPerTx
        lagSteps = Int((Double(mechanism.settings.l1OriginLagBlocks) * 12 / stepSeconds).rounded())
        var perBase = [Double](), perBlob = [Double](), bedrock = [Double](), op = [Double]()
        if mechanism.kind == .op {
            let s = mechanism.settings, inputs = mechanism.inputs
            let gas = UInt64(max(0, min(s.operatorFeeGasPerTx ?? inputs.meanGasLimit, 1e12)))
            for i in 0..<steps {
                let era = OPUserFee.era(at: startTime + Int64(Double(i) * stepSeconds))
                op.append(Double(OPUserFee.operatorFee(gas: gas, scalar: s.op.operatorFeeScalar, constant: s.op.operatorFeeConstant, era: era)))
                switch era {
                case .bedrock:
                    perBase.append(0); perBlob.append(0)
                    bedrock.append((inputs.meanCalldataGas + Double(s.op.overhead)) * Double(s.op.scalar) / 1e6)
                case .ecotone:
                    perBase.append(inputs.meanCalldataGas * 16 / 16e6); perBlob.append(inputs.meanCalldataGas / 16e6); bedrock.append(0)
                case .fjord, .isthmus, .jovian:
                    perBase.append(inputs.meanFjordEstimatedSizeScaled * 16 / 1e12); perBlob.append(inputs.meanFjordEstimatedSizeScaled / 1e12); bedrock.append(0)
                }
            }
        }
        opPerBase = perBase; opPerBlob = perBlob; opBedrockPerBase = bedrock; opOperatorWei = op
    }

    /// Layers whose revenue is the same on a path share one computation: those whose mechanism reads
    /// neither the layer's cost nor its kind share "all"; ZK Stack's by pubdata mode and pubdata a
    /// transaction (each layer's channels compress differently); nil: not shared.
    var shareKey: String? {
        switch mechanism.kind {
        case .op, .polygonCDK, .fixed: return "all"
        case .zksync: return "zk-\(zkMode.rawValue)-\(pubdataPerTx)"
        case .arbitrum, .costPlus: return nil
        }
    }

    var zkMode: ZKStackFeeModel.PubdataMode { layerKind == .ethereumBlobs ? .blobs : layerKind == .ethereumCalldata ? .calldata : .validium }

    /// Revenue per step for posting cost `cost` (USD per step, the stack's fixed L1 costs included).
    func run(cost: [Double], _ m: FeeMarket) -> Result {
        let n = min(cost.count, m.txs.count, m.eth.count, m.baseFeeWei.count, m.l1FeeWei.count, m.blobFeeWei.count)
        var r = Result(usd: [Double](repeating: 0, count: n))
        func lagged(_ s: Int) -> Int { max(0, s - lagSteps) }
        let s = mechanism.settings, inputs = mechanism.inputs
        switch mechanism.kind {
        case .op:
            let n = min(n, opPerBase.count)
            let bfs = Double(s.op.baseFeeScalar), bbfs = Double(s.op.blobBaseFeeScalar)
            for i in 0..<n {
                let l = lagged(i)
                let toUSD = m.txs[i] * m.eth[i] / 1e18
                let base = m.baseFeeWei[l], blob = m.blobFeeWei[l]
                let perBase = opPerBase[i] * base * toUSD, perBlob = opPerBlob[i] * blob * toUSD
                let other = (opOperatorWei[i] + opBedrockPerBase[i] * base) * toUSD
                r.usd[i] = bfs * perBase + bbfs * perBlob + other
                r.perBaseFeeScalarUSD += perBase; r.perBlobFeeScalarUSD += perBlob; r.otherUSD += other
            }
        case .arbitrum:
            arbitrum(cost: cost, m, n: n, into: &r)
        case .zksync:
            let mode = zkMode
            for i in 0..<n {
                let l = lagged(i)
                let p = ZKStackFeeModel.prices(l1BaseFee: m.baseFeeWei[l], l1PriorityFee: max(0, m.l1FeeWei[l] - m.baseFeeWei[l]),
                                               blobBaseFee: m.blobFeeWei[l], mode: mode, parameters: s.zksync)
                let toUSD = pubdataPerTx * m.txs[i] * m.eth[i] / 1e18
                r.usd[i] = p.pubdataFeePerByte * toUSD
                r.zkPubdataTermUSD += p.l1PubdataPrice * toUSD
                r.zkOverheadTermUSD += (p.pubdataFeePerByte - p.l1PubdataPrice) * toUSD
            }
        case .polygonCDK:
            for i in 0..<n {
                let fee = PolygonCDKEffectiveGasPrice.dataFee(dataGas: inputs.meanCDKDataGas, l1GasPrice: m.l1FeeWei[lagged(i)], parameters: s.polygonCDK)
                r.usd[i] = fee * m.txs[i] * m.eth[i] / 1e18
            }
        case .fixed:
            for i in 0..<n { r.usd[i] = mechanism.revenuePerTxUSD * m.txs[i] }
        case .costPlus:
            costPlus(cost: cost, m, n: n, into: &r)
        }
        return r
    }

    /// ArbOS's pricer: each step's transactions pay at the current price; a step with posting reports it.
    private func arbitrum(cost: [Double], _ m: FeeMarket, n: Int, into r: inout Result) {
        let p = mechanism.settings.arbitrum
        let unitsPerTx = p.unitsPerByte * mechanism.inputs.meanBrotli1Bytes
        func wei(_ i: Int) -> Double { m.eth[i] > 0 ? cost[i] / m.eth[i] * 1e18 : 0 }
        let start: Double
        if let g = mechanism.settings.arbitrumInitialPricePerUnitGwei { start = g * 1e9 }
        else {
            // Break-even with the first six hours: what ArbOS would have settled on before the horizon.
            let k = min(n, max(1, Int((6 * 3600 / m.stepSeconds).rounded())))
            var spent = 0.0, units = 0.0
            for i in 0..<k { spent += wei(i); units += m.txs[i] * unitsPerTx }
            start = units > 0 && spent > 0 ? spent / units : (n > 0 ? m.baseFeeWei[0] : 0)
        }
        var pricer = ArbOSL1Pricer(parameters: p, pricePerUnit: start)
        var surplus = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let paid = pricer.collect(units: m.txs[i] * unitsPerTx)
            r.usd[i] = paid * m.eth[i] / 1e18
            if cost[i] > 0 { pricer.report(weiSpent: wei(i)) }
            surplus[i] = pricer.surplus * m.eth[i] / 1e18
            let day = Int(Double(i) * m.stepSeconds / 86_400)
            if day >= r.surplusByDayUSD.count { r.surplusByDayUSD.append(surplus[i]) } else { r.surplusByDayUSD[day] = surplus[i] }
        }
        guard let low = surplus.indices.min(by: { surplus[$0] < surplus[$1] }) else { return }
        r.lowestSurplusUSD = surplus[low]
        r.endSurplusUSD = surplus.last
        if surplus[low] >= 0 { r.recoveryHours = 0 }
        else if let back = surplus[low...].firstIndex(where: { $0 >= 0 }) { r.recoveryHours = Double(back - low) * m.stepSeconds / 3600 }
    }

    /// Cost-plus: the last window's posting cost per transaction, plus the margin; before a window has
    /// passed, the first window's.
    private func costPlus(cost: [Double], _ m: FeeMarket, n: Int, into r: inout Result) {
        let s = mechanism.settings
        let w = max(1, Int((s.costPlusWindowMinutes * 60 / m.stepSeconds).rounded()))
        var firstCost = 0.0, firstTxs = 0.0
        for i in 0..<min(n, w) { firstCost += cost[i]; firstTxs += m.txs[i] }
        let boot = firstTxs > 0 ? firstCost / firstTxs : 0
        var windowCost = 0.0, windowTxs = 0.0
        for i in 0..<n {
            let perTx = i >= w && windowTxs > 0 ? windowCost / windowTxs : boot
            r.usd[i] = perTx * (1 + s.costPlusMargin) * m.txs[i]
            windowCost += cost[i]; windowTxs += m.txs[i]
            if i >= w { windowCost -= cost[i - w]; windowTxs -= m.txs[i - w] }
        }
    }
}
