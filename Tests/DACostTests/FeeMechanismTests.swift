import Foundation
import Testing
@testable import DACost

/// Each stack's user-fee formula against published vectors and hand-computed examples.
@Suite struct FeeMechanismTests {
    // op-geth core/types/rollup_cost_test.go: baseFee 1000 × 1e6, overhead 50, scalar 7 × 1e6, blob base
    // fee 10 × 1e6, scalars 2 and 3, the empty tx's 30 non-zero bytes (480 calldata gas).
    let baseFee: UInt128 = 1_000_000_000, blobFee: UInt128 = 10_000_000

    @Test func bedrockAndRegolithMatchOpGeth() {
        // Regolith: (480 + 50) × 1e9 × 7e6 / 1e6 = 3,710,000,000,000 (op-geth regolithFee).
        #expect(OPStack.bedrockL1Fee(dataGas: 480, l1BaseFeeWei: baseFee, overhead: 50, scalar: 7_000_000) == 3_710_000_000_000)
        // Pre-Regolith adds 68 non-zero bytes: 1,618 gas → 11,326,000,000,000 (op-geth bedrockFee).
        #expect(OPStack.bedrockL1Fee(dataGas: 480 + 68 * 16, l1BaseFeeWei: baseFee, overhead: 50, scalar: 7_000_000) == 11_326_000_000_000)
    }

    @Test func ecotoneMatchesOpGeth() {
        // (480 / 16) × (2 × 16 × 1000 + 3 × 10) × 1e6 … = 960,900 (op-geth ecotoneFee).
        #expect(OPUserFee.ecotoneL1Fee(calldataGas: 480, l1BaseFee: baseFee, blobBaseFee: blobFee, baseFeeScalar: 2, blobBaseFeeScalar: 3) == 960_900)
        var p = OPFeeParameters(); p.baseFeeScalar = 2; p.blobBaseFeeScalar = 3
        #expect(OPUserFee.l1Fee(era: .ecotone, calldataGas: 480, fastlzSize: 0, l1BaseFee: baseFee, blobBaseFee: blobFee, parameters: p) == 960_900)
    }

    @Test func fjordEraMatchesThePublishedVectors() throws {
        let cases = try #require(try VectorFile.json("op-fjord-l1-fee")["fjord"] as? [[String: Any]])
        #expect(cases.count >= 3)
        for c in cases {
            func n(_ k: String) -> UInt64 { (c[k] as? NSNumber)?.uint64Value ?? 0 }
            var p = OPFeeParameters(); p.baseFeeScalar = n("baseFeeScalar"); p.blobBaseFeeScalar = n("blobBaseFeeScalar")
            for era in [OPUserFee.Era.fjord, .isthmus, .jovian] {
                let fee = OPUserFee.l1Fee(era: era, calldataGas: 0, fastlzSize: Int(n("fastlzSize")), l1BaseFee: UInt128(n("l1BaseFee")),
                                          blobBaseFee: UInt128(n("l1BlobBaseFee")), parameters: p)
                #expect(fee == UInt128(n("expected_fee")), "\(c["src"] ?? "")")
            }
        }
    }

    @Test func operatorFeeMatchesOpGethIsthmusAndJovian() {
        // op-geth rollup_cost_test.go: gas 1,618, scalar 1,439,103,868, constant 1,256,417,826,609,331,460.
        let gas: UInt64 = 1_618, scalar: UInt32 = 1_439_103_868, constant: UInt64 = 1_256_417_826_609_331_460
        #expect(OPUserFee.operatorFee(gas: gas, scalar: scalar, constant: constant, era: .isthmus) == 1_256_417_826_611_659_930)
        #expect(OPUserFee.operatorFee(gas: gas, scalar: scalar, constant: constant, era: .jovian) == 1_256_650_673_615_173_860)
        #expect(OPUserFee.operatorFee(gas: gas, scalar: scalar, constant: constant, era: .fjord) == 0)
    }

    @Test func opErasFollowTheMainnetCalendar() {
        #expect(OPUserFee.era(at: 1_700_000_000) == .bedrock)   // 2023-11-14
        #expect(OPUserFee.era(at: OPStack.ecotoneTime) == .ecotone)
        #expect(OPUserFee.era(at: OPStack.fjordTime - 1) == .ecotone)
        #expect(OPUserFee.era(at: OPStack.fjordTime) == .fjord)
        #expect(OPUserFee.era(at: 1_746_806_400) == .fjord)      // one second before Isthmus
        #expect(OPUserFee.era(at: 1_746_806_401) == .isthmus)
        #expect(OPUserFee.era(at: 1_764_691_201) == .jovian)
    }

    /// A hand-run of two batch reports (equilibration 1,000 units, inertia 10, no reward, price 10 wei a unit):
    /// 1. 100 units pay 1,000; the poster spent 1,500: 1,000 paid, 500 owed, surplus −500;
    ///    Δ = (500/1000 − (−500 − 0)/100) × 100 / (100 + 100) = 2.75 → 12.75.
    /// 2. 100 units pay 1,275; spent 1,500 more: owed 725, surplus −725;
    ///    Δ = (0.725 − (−725 + 500)/100) × 0.5 = 1.4875 → 14.2375.
    @Test func arbOSPricerFollowsAHandRunSequence() {
        var p = ArbOSL1Pricer.Parameters()
        p.equilibrationUnits = 1_000; p.inertia = 10; p.perUnitReward = 0
        var pricer = ArbOSL1Pricer(parameters: p, pricePerUnit: 10)
        #expect(pricer.collect(units: 100) == 1_000)
        pricer.report(weiSpent: 1_500)
        #expect(pricer.surplus == -500)
        #expect(pricer.pricePerUnit == 12.75)
        #expect(pricer.collect(units: 100) == 1_275)
        pricer.report(weiSpent: 1_500)
        #expect(pricer.surplus == -725)
        #expect(abs(pricer.pricePerUnit - 14.2375) < 1e-9)
    }

    /// After a step change in L1 cost (10 → 30 wei a unit) the price rises while the surplus is negative and
    /// settles at the new cost (plus the reward), with the surplus back near zero.
    @Test func arbOSPricerConvergesAfterAStepChange() {
        var p = ArbOSL1Pricer.Parameters()
        p.perUnitReward = 10
        let units = 16.0 * 300 * 500 // 500 transactions of 300 brotli bytes a report
        var pricer = ArbOSL1Pricer(parameters: p, pricePerUnit: 20)
        for _ in 0..<200 { pricer.collect(units: units); pricer.report(weiSpent: units * 10) }
        #expect(abs(pricer.pricePerUnit - 20) < 0.5)
        var rising = 0, last = pricer.pricePerUnit
        for i in 0..<400 {
            pricer.collect(units: units); pricer.report(weiSpent: units * 30)
            if i < 5 { #expect(pricer.surplus < 0); if pricer.pricePerUnit > last { rising += 1 } }
            last = pricer.pricePerUnit
        }
        #expect(rising == 5)
        #expect(abs(pricer.pricePerUnit - 40) < 0.5, "price \(pricer.pricePerUnit)")
        #expect(abs(pricer.surplus) < units * 40 * 0.05)
    }

    /// ZK Stack V2 by hand, default parameters, L1 base fee 10 gwei, blob base fee 1 gwei:
    /// l1_gas_price 8e9; overhead part ⌈8e9 × 800,000 / 500,000⌉ = 1.28e10; blobs: fair pubdata 1e9 + 1.28e10 = 1.38e10,
    /// base fee max(1e8, ⌈1.38e10 / 50,000⌉) = 1e8, gas per pubdata ⌈1.38e10 / 1e8⌉ = 138.
    @Test func zkStackPricesMatchAWorkedExample() {
        let blobs = ZKStackFeeModel.prices(l1BaseFee: 10e9, l1PriorityFee: 0, blobBaseFee: 1e9, mode: .blobs)
        #expect(blobs.l1GasPrice == 8e9)
        #expect(blobs.fairPubdataPrice == 1.38e10)
        #expect(blobs.baseFee == 1e8)
        #expect(blobs.gasPerPubdata == 138)
        #expect(blobs.pubdataFeePerByte == 1.38e10)
        // Calldata: 17 × 8e9 = 1.36e11 + 1.28e10 = 1.488e11 → 1,488 gas a byte.
        let calldata = ZKStackFeeModel.prices(l1BaseFee: 10e9, l1PriorityFee: 0, blobBaseFee: 1e9, mode: .calldata)
        #expect(calldata.fairPubdataPrice == 1.488e11)
        #expect(calldata.gasPerPubdata == 1_488)
        // Validium: only the batch overhead, 128 gas a byte.
        #expect(ZKStackFeeModel.prices(l1BaseFee: 10e9, l1PriorityFee: 0, blobBaseFee: 1e9, mode: .validium).gasPerPubdata == 128)
        // At 1,000 gwei the pubdata price lifts the base fee over the minimal L2 price: ⌈(1.7e12 + 1.28e12 … ) / 50,000⌉.
        let dear = ZKStackFeeModel.prices(l1BaseFee: 1_000e9, l1PriorityFee: 0, blobBaseFee: 1e9, mode: .calldata)
        #expect(dear.baseFee == (dear.fairPubdataPrice / 50_000).rounded(.up))
        #expect(dear.baseFee > 1e8)
    }

    /// CDK by hand: 100 non-zero and 10 zero bytes → (66 + 100) × 16 + 10 × 4 = 2,696 gas; a 21,000-gas transfer
    /// at 1 gwei: (21,000 × 0.25 gwei + 2,696 × 1 gwei) / 21,000 = 378,380,952 wei (floor).
    @Test func polygonCDKBreakEvenMatchesAHandComputation() {
        #expect(PolygonCDKEffectiveGasPrice.dataGas(zeroBytes: 10, nonZeroBytes: 100) == 2_696)
        #expect(PolygonCDKEffectiveGasPrice.breakEvenGasPrice(gasUsed: 21_000, dataGas: 2_696, l1GasPrice: 1e9) == 378_380_952)
        #expect(PolygonCDKEffectiveGasPrice.dataFee(dataGas: 2_696, l1GasPrice: 1e9) == 2.696e12)
    }

    /// Unviable: the first time the cumulative P&L from the start passes −threshold, timed from its last peak.
    @Test func unviableIsTimedFromTheLastPeakOfTheCumulativePnL() {
        let pnl = ProfitAndLoss(threshold: 8, window: 1)
        // Cumulative P&L +5, 0, −10, −15: the peak at the end of the first step (60 s), −8 passed at the end of
        // the third (180 s): 120 s.
        let a = pnl.run(cost: [0, 10, 10, 10], revenue: [5, 5, 0, 5], txs: [1, 1, 1, 1], stepSeconds: 60)
        #expect(a.started && a.seconds == 120)
        #expect(a.final == -15 && a.lowest == -15)
        // Users paid for data posted later: a cushion of 20, then a posting lump of 25 — a loss of 5, not unviable.
        let b = pnl.run(cost: [0, 0, 25, 0], revenue: [10, 10, 0, 0], txs: [1, 1, 1, 1], stepSeconds: 60)
        #expect(b.started && b.seconds == nil && b.lowest == -5)
        // Losing from the first step: timed from the start.
        let c = pnl.run(cost: [10, 10], revenue: [0, 0], txs: [1, 1], stepSeconds: 60)
        #expect(c.seconds == 60)
    }

    @Test func userFeeInputsAverageEachTransaction() throws {
        let trace = try ScenarioReader.defaultTracePath
        var heard = [(Double, Double?)]()
        let inputs = try UserFeeInputs.measure(path: trace) { heard.append(($0, $1)) }
        // Progress ends at the whole file.
        let last = try #require(heard.last)
        #expect(last.1 != nil && last.0 == last.1)
        var txs = [[UInt8]]()
        let reader = try TraceReader(path: trace)
        while let t = try reader.next() { txs.append(t.bytes) }
        #expect(inputs.transactions == txs.count && inputs.brotliSampled == txs.count)
        let gas = txs.map { tx in Double(tx.reduce(0) { $0 + ($1 == 0 ? 4 : 16) }) }.reduce(0, +) / Double(txs.count)
        #expect(abs(inputs.meanCalldataGas - gas) < 1e-6)
        #expect(inputs == UserFeeInputs.measure(transactions: txs))
        // The stacks.md measurement of this trace: brotli-1 per transaction 456 bytes on average.
        #expect(abs(inputs.meanBrotli1Bytes - 456) < 1)
        #expect(inputs.meanCDKDataGas > 0 && inputs.meanGasLimit > 21_000)
    }

    @Test func scenarioFeeSettingsAreReadAndChecked() throws {
        let t = ProjectionTests()
        let s = try t.scenario("""
            projection:
              fees: {mechanism: cost_plus, cost_plus_margin: 0.2, op: {base_fee_scalar: 7}, arbitrum: {inertia: 20}}
            """)
        let f = try #require(s.projection.fees)
        #expect(f.mechanism == .costPlus && f.costPlusMargin == 0.2 && f.op.baseFeeScalar == 7 && f.arbitrum.inertia == 20)
        #expect(t.error("projection: {fees: {mechanism: flat}}").contains("projection.fees.mechanism"))
        #expect(t.error("projection: {fees: {mechanism: fixed}}").contains("revenue_per_tx_usd"))
        #expect(t.error("projection: {fees: {zksync: {max_pubdata_per_batch: 0}}}").contains("projection.fees.zksync.max_pubdata_per_batch"))
    }
}
