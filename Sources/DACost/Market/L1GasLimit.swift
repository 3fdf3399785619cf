/// Ethereum's block gas limit through time, and the share of it a rollup's calldata may take before its
/// posting counts as more than L1 can carry. The limit is the validators' choice, not a fork rule:
/// these are the values mainnet blocks reached on each date (scenario values, so the user can date more).
public struct L1GasLimit: Codable, Equatable, Sendable {
    public struct Step: Codable, Equatable, Sendable {
        /// First day (`YYYY-MM-DD`, UTC) the limit holds.
        public var from: String
        public var gasLimit: Int
        enum CodingKeys: String, CodingKey { case from, gasLimit = "gas_limit" }
        public init(from: String, gasLimit: Int) { self.from = from; self.gasLimit = gasLimit }
    }

    /// Steps in date order.
    public var schedule: [Step]
    /// Share of the block gas limit the rollup's calldata may use at most.
    public var maxShare: Double

    enum CodingKeys: String, CodingKey { case schedule, maxShare = "max_share" }

    public init(schedule: [Step], maxShare: Double) { self.schedule = schedule; self.maxShare = maxShare }

    /// Mainnet. Dates are when block headers reached each value (validators' votes move it a little per
    /// block), so each may be off by a day or two (?).
    public static let mainnet = L1GasLimit(schedule: [
        // EIP-1559 (London, 2021-08-05): ELASTICITY_MULTIPLIER 2 doubled the 15M limit to 30M (target 15M).
        Step(from: "2021-08-05", gasLimit: 30_000_000),
        // Raised by validator signalling to 36M in early February 2025 (EIP-7935 text, 2025-04: "currently 36M").
        Step(from: "2025-02-05", gasLimit: 36_000_000),
        // Raised to 45M in July 2025 (?) by validator signalling.
        Step(from: "2025-07-21", gasLimit: 45_000_000),
        // EIP-7935 (Fusaka meta EIP-7607): client defaults 60M; reached before Fusaka (2025-12-03) (?).
        Step(from: "2025-11-25", gasLimit: 60_000_000),
    ], maxShare: defaultMaxShare)

    /// By default a rollup may use up to the EIP-1559 gas target, limit / ELASTICITY_MULTIPLIER (2)
    /// (EIP-1559): above it, its own calldata alone keeps raising the base fee block after block.
    public static let defaultMaxShare = 0.5

    /// The limit in force on `day` (`YYYY-MM-DD`); before the first step, the first step's.
    public func gasLimit(on day: String) -> Int {
        var limit = schedule.first?.gasLimit ?? 0
        for s in schedule where s.from <= day { limit = s.gasLimit }
        return limit
    }
}
