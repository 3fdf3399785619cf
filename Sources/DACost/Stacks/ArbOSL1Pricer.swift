/// ArbOS's L1 pricer: what an Arbitrum chain charges its users for L1 data, and how the price per unit
/// follows the batch poster's reported spending (nitro `arbos/l1pricing/l1pricing.go`
/// `UpdateForBatchPosterSpending`, ArbOS ≥ 11). Each transaction pays `units × pricePerUnit` into the
/// L1 fee pool; at each batch report the poster is paid what it spent (and the reward recipient
/// `perUnitReward` per unit), and the price moves by the gap between the surplus and zero, damped by
/// `inertia`. ArbOS computes with big integers; this uses `Double` (relative error ~1e-16 per update).
public struct ArbOSL1Pricer: Sendable, Equatable {
    public struct Parameters: Sendable, Equatable, Codable {
        /// 16 × 10,000,000 (nitro `arbos/l1pricing/l1pricing.go` InitialEquilibrationUnitsV6, from ArbOS 6).
        public var equilibrationUnits = 160_000_000.0
        /// nitro `arbos/l1pricing/l1pricing.go` InitialInertia 10.
        public var inertia = 10.0
        /// Wei per unit to the L1 reward recipient (nitro `l1pricing.go` InitialPerUnitReward 10).
        public var perUnitReward = 10.0
        /// Units per byte of a transaction's brotli-1 size: 16 (nitro `arbos/l1pricing/l1pricing.go`
        /// TxDataNonZeroGasEIP2028; brotli level 1 from ArbOS 20).
        public var unitsPerByte = 16.0

        public init() {}

        enum CodingKeys: String, CodingKey {
            case equilibrationUnits = "equilibration_units", inertia, perUnitReward = "per_unit_reward", unitsPerByte = "units_per_byte"
        }
    }

    public let parameters: Parameters
    /// Wei per unit charged now.
    public private(set) var pricePerUnit: Double
    /// The L1 fee pool (`L1PricerFundsPoolAddress`), what is still owed to the poster and to the reward
    /// recipient, units not yet allocated to a report, and the surplus at the last report.
    public private(set) var fundsAvailable = 0.0, dueToPoster = 0.0, dueForRewards = 0.0
    public private(set) var unitsSinceUpdate = 0.0, lastSurplus = 0.0

    public init(parameters: Parameters = Parameters(), pricePerUnit: Double) {
        self.parameters = parameters
        self.pricePerUnit = max(0, pricePerUnit)
    }

    /// The surplus of the pool: what it holds less what it owes (negative: the chain under-charged).
    public var surplus: Double { fundsAvailable - (dueToPoster + dueForRewards) }

    /// Transactions worth `units` pay at the current price; returns what they paid, wei.
    @discardableResult
    public mutating func collect(units: Double) -> Double {
        let paid = units * pricePerUnit
        fundsAvailable += paid
        unitsSinceUpdate += units
        return paid
    }

    /// A batch report: the poster spent `weiSpent`; every unit since the last report is allocated to it
    /// (the report and the batch fall in the same step here). Pays what the pool can, then moves the price.
    public mutating func report(weiSpent: Double) {
        let units = unitsSinceUpdate
        unitsSinceUpdate = 0
        dueToPoster += weiSpent
        dueForRewards += units * parameters.perUnitReward
        let rewards = min(units * parameters.perUnitReward, max(0, fundsAvailable))
        fundsAvailable -= rewards; dueForRewards -= rewards
        let toPoster = min(dueToPoster, max(0, fundsAvailable))
        fundsAvailable -= toPoster; dueToPoster -= toPoster
        guard units > 0 else { return }
        let s = surplus
        let inertiaUnits = parameters.equilibrationUnits / parameters.inertia
        let desired = -s / parameters.equilibrationUnits
        let actual = (s - lastSurplus) / units
        let change = (desired - actual) * units / (inertiaUnits + units)
        lastSurplus = s
        pricePerUnit = max(0, pricePerUnit + change)
    }
}
