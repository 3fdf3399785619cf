/// `projection.fees`: the user-fee mechanism and its parameters (`FeeSettings`).
extension ScenarioReader {
    func fees(_ v: Any?, opScalars: Scenario.OPFeeScalars, revenuePerTx: Bool) throws -> FeeSettings? {
        var f = FeeSettings()
        // The OP scalars default to the scenario's own `op_fee` (what `compare`'s fee check uses).
        f.op.baseFeeScalar = opScalars.baseFeeScalar
        f.op.blobBaseFeeScalar = opScalars.blobBaseFeeScalar
        guard let v else { return f }
        let path = "projection.fees"
        let o = try object(v, path, allowed: ["mechanism", "l1_origin_lag_blocks", "op", "operator_fee_gas_per_tx", "arbitrum",
                                              "arbitrum_initial_price_per_unit_gwei", "zksync", "polygon_cdk", "cost_plus_margin",
                                              "cost_plus_window_minutes", "advice_percentile", "advice_margin"])
        if o["mechanism"] != nil {
            let m = FeeSettings.Mechanism(rawValue: try string(o, "mechanism", path, oneOf: FeeSettings.Mechanism.allCases.map(\.rawValue)))
            f.mechanism = m
            if m == .fixed && !revenuePerTx { throw fail("\(path).mechanism", "fixed only with projection.revenue_per_tx_usd set", "fixed") }
        }
        if o["l1_origin_lag_blocks"] != nil { f.l1OriginLagBlocks = try integer(o, "l1_origin_lag_blocks", path, min: 0, max: 7_200) }
        if o["operator_fee_gas_per_tx"] != nil { f.operatorFeeGasPerTx = try number(o, "operator_fee_gas_per_tx", path, max: 1e9) }
        if o["arbitrum_initial_price_per_unit_gwei"] != nil {
            f.arbitrumInitialPricePerUnitGwei = try number(o, "arbitrum_initial_price_per_unit_gwei", path, max: 1e6)
        }
        if o["cost_plus_margin"] != nil { f.costPlusMargin = try number(o, "cost_plus_margin", path, min: -1, max: 100) }
        if o["cost_plus_window_minutes"] != nil { f.costPlusWindowMinutes = try number(o, "cost_plus_window_minutes", path, min: 1, max: 43_200) }
        if o["advice_percentile"] != nil { f.advicePercentile = try number(o, "advice_percentile", path, min: 1, max: 99) }
        if o["advice_margin"] != nil { f.adviceMargin = try number(o, "advice_margin", path, min: 0, max: 100) }
        if let op = o["op"] {
            let p = "\(path).op"
            let x = try object(op, p, allowed: ["overhead", "scalar", "base_fee_scalar", "blob_base_fee_scalar", "operator_fee_scalar", "operator_fee_constant"])
            func u64(_ k: String, _ max: Int) throws -> UInt64? { x[k] == nil ? nil : UInt64(try integer(x, k, p, min: 0, max: max)) }
            let word = Int(UInt32.max)
            if let v = try u64("overhead", Int(Int64.max)) { f.op.overhead = v }
            if let v = try u64("scalar", Int(Int64.max)) { f.op.scalar = v }
            if let v = try u64("base_fee_scalar", word) { f.op.baseFeeScalar = v }
            if let v = try u64("blob_base_fee_scalar", word) { f.op.blobBaseFeeScalar = v }
            if let v = try u64("operator_fee_scalar", word) { f.op.operatorFeeScalar = UInt32(v) }
            if let v = try u64("operator_fee_constant", Int(Int64.max)) { f.op.operatorFeeConstant = v }
        }
        if let a = o["arbitrum"] {
            let p = "\(path).arbitrum"
            let x = try object(a, p, allowed: ["equilibration_units", "inertia", "per_unit_reward", "units_per_byte"])
            if x["equilibration_units"] != nil { f.arbitrum.equilibrationUnits = try number(x, "equilibration_units", p, min: 0, exclusive: true, max: 1e15) }
            if x["inertia"] != nil { f.arbitrum.inertia = try number(x, "inertia", p, min: 0, exclusive: true, max: 1e6) }
            if x["per_unit_reward"] != nil { f.arbitrum.perUnitReward = try number(x, "per_unit_reward", p, max: 1e12) }
            if x["units_per_byte"] != nil { f.arbitrum.unitsPerByte = try number(x, "units_per_byte", p, max: 1e3) }
        }
        if let z = o["zksync"] {
            let p = "\(path).zksync"
            let x = try object(z, p, allowed: ["internal_l1_pricing_multiplier", "internal_pubdata_pricing_multiplier", "minimal_l2_gas_price_wei",
                                               "compute_overhead_part", "pubdata_overhead_part", "batch_overhead_l1_gas", "max_gas_per_batch",
                                               "max_pubdata_per_batch"])
            if x["internal_l1_pricing_multiplier"] != nil { f.zksync.l1PricingMultiplier = try number(x, "internal_l1_pricing_multiplier", p, max: 100) }
            if x["internal_pubdata_pricing_multiplier"] != nil { f.zksync.pubdataPricingMultiplier = try number(x, "internal_pubdata_pricing_multiplier", p, max: 100) }
            if x["minimal_l2_gas_price_wei"] != nil { f.zksync.minimalL2GasPriceWei = try number(x, "minimal_l2_gas_price_wei", p, max: 1e15) }
            if x["compute_overhead_part"] != nil { f.zksync.computeOverheadPart = try number(x, "compute_overhead_part", p, max: 1) }
            if x["pubdata_overhead_part"] != nil { f.zksync.pubdataOverheadPart = try number(x, "pubdata_overhead_part", p, max: 1) }
            if x["batch_overhead_l1_gas"] != nil { f.zksync.batchOverheadL1Gas = try number(x, "batch_overhead_l1_gas", p, max: 1e9) }
            if x["max_gas_per_batch"] != nil { f.zksync.maxGasPerBatch = try number(x, "max_gas_per_batch", p, min: 0, exclusive: true, max: 1e12) }
            if x["max_pubdata_per_batch"] != nil { f.zksync.maxPubdataPerBatch = try number(x, "max_pubdata_per_batch", p, min: 0, exclusive: true, max: 1e9) }
        }
        if let c = o["polygon_cdk"] {
            let p = "\(path).polygon_cdk"
            let x = try object(c, p, allowed: ["l1_gas_price_factor", "byte_gas_cost", "zero_byte_gas_cost", "net_profit"])
            if x["l1_gas_price_factor"] != nil { f.polygonCDK.l1GasPriceFactor = try number(x, "l1_gas_price_factor", p, max: 100) }
            if x["byte_gas_cost"] != nil { f.polygonCDK.byteGasCost = try number(x, "byte_gas_cost", p, max: 1e4) }
            if x["zero_byte_gas_cost"] != nil { f.polygonCDK.zeroByteGasCost = try number(x, "zero_byte_gas_cost", p, max: 1e4) }
            if x["net_profit"] != nil { f.polygonCDK.netProfit = try number(x, "net_profit", p, max: 100) }
        }
        return f
    }
}
