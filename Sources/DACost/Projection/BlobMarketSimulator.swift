import Foundation

/// The blob fee block by block: exact integer excess-blob-gas rules of the fork in force (EIP-4844,
/// EIP-7691 parameters, EIP-7918 reserve against the simulated execution base fee), with the fee
/// itself kept as a Double updated by a per-block factor and re-anchored to `exp` every 256 blocks (by
/// `step(blobs:baseFeeWei:)`, or by the block loop, which calls `reanchor()` itself).
/// The exact integer `fake_exponential` and this fast value stay within the bound that
/// `ProjectionTests.fastExponentialStaysWithinItsBound` checks.
struct BlobMarketSimulator {
    private(set) var excess: UInt64
    private(set) var fee: Double
    // Plain values only (no fork with its name String): the block loops keep this struct in registers.
    private var updateFraction: UInt64 = 1
    private var tables: FactorTables
    private var target: UInt64 = 0, maxBlobsPerBlock = 0, reserve = false
    private var sinceAnchor = 0

    /// Per-blob-count rules of one fork, in raw memory: they are read once per simulated block, where an
    /// array's bounds and uniqueness checks cost more than the lookup they guard. Entry n is EIP-4844's
    /// rule for n blobs, entry `count + n` the EIP-7918 reserve rule, so that the rule in force is picked
    /// by an index (a conditional move) rather than by a branch that random demand would mispredict.
    final class FactorTables {
        /// Fee factor: exp(excess change · 1 / F).
        let factors: UnsafeMutablePointer<Double>
        /// Excess change, wrapping: n · GAS_PER_BLOB − target (EIP-4844), or the reserve's
        /// n · GAS_PER_BLOB · (max − target) / max (EIP-7918, its integer division done once).
        let deltas: UnsafeMutablePointer<UInt64>
        let count: Int

        init(_ f: BlobFork) {
            count = max(0, f.max) + 1
            // At least 64 entries, zero past the rules: `BlobLanes` loads 64 into registers at once.
            let capacity = max(64, 2 * count)
            factors = .allocate(capacity: capacity); factors.initialize(repeating: 0, count: capacity)
            deltas = .allocate(capacity: capacity); deltas.initialize(repeating: 0, count: capacity)
            let F = Double(f.updateFraction), G = BlobFeeMarket.gasPerBlob
            let spread = UInt64(max(0, f.max - f.target)), maxU = UInt64(max(1, f.max))
            for n in 0..<count {
                factors[n] = Foundation.exp(Double(n - f.target) * Double(G) / F)
                deltas[n] = UInt64(n) &* G &- UInt64(f.target) &* G
                // EIP-7918: parent.blob_gas_used * (max - target) // max.
                let reserve = UInt64(n) * G * spread / maxU
                deltas[count + n] = reserve
                factors[count + n] = Foundation.exp(Double(reserve) / F)
            }
        }

        deinit { factors.deallocate(); deltas.deallocate() }
    }

    /// Computed, not stored: a stored static is initialised lazily, and reading it in the block loop would
    /// cost a `swift_once` call per block.
    @inline(__always) static var gasPerBlob: Double { Double(BlobFeeMarket.gasPerBlob) }
    /// A ceiling far above any market (10^12 gwei per blob gas) that keeps every cost finite.
    static let maxFee = 1e21

    init(excess: UInt64, fork: BlobFork) {
        self.excess = excess
        self.fee = 1
        tables = FactorTables(fork)
        setFork(fork)
    }

    /// The fast fee for an excess: `exp(excess / F)`, at least 1 wei (MIN_BASE_FEE_PER_BLOB_GAS).
    static func fastFee(excess: UInt64, updateFraction: UInt64) -> Double {
        min(maxFee, max(1, Foundation.exp(Double(excess) / Double(updateFraction))))
    }

    /// The excess whose fee is `feeWei` under `updateFraction` (inverse of `fastFee`).
    static func excess(forFee feeWei: Double, updateFraction: UInt64) -> UInt64 {
        feeWei <= 1 ? 0 : UInt64(Foundation.log(feeWei) * Double(updateFraction))
    }

    /// Switches to fork `f` from the next block on (the excess carries over).
    mutating func setFork(_ f: BlobFork) {
        updateFraction = f.updateFraction
        target = UInt64(f.target) * BlobFeeMarket.gasPerBlob
        maxBlobsPerBlock = f.max
        reserve = f.reservePrice
        tables = FactorTables(f)
        reanchor()
    }

    /// This market under fork `f`, returned rather than changed in place: the block loops call it by
    /// value, so that their copy of the market never has its address taken.
    @inline(never)
    func switching(to f: BlobFork) -> BlobMarketSimulator {
        var m = self
        m.setFork(f)
        return m
    }

    /// The fork's max blobs per block.
    var maxBlobs: Int { maxBlobsPerBlock }

    /// Sets the fee to `exp(excess / F)` again: the per-block factors drift by a rounding error a block.
    mutating func reanchor() {
        fee = Self.fastFee(excess: excess, updateFraction: updateFraction)
        sinceAnchor = 0
    }

    /// Closes a block that used `blobs` blobs (a block holds at most the fork's max), with the block's
    /// execution base fee (wei).
    @inline(__always)
    mutating func step(blobs: Int, baseFeeWei: Double) {
        // The tables' bounds: 0 ≤ n ≤ max (a negative count, which no caller passes, reads as a full block).
        step(within: UInt(bitPattern: blobs) <= UInt(maxBlobsPerBlock) ? blobs : maxBlobsPerBlock, baseFeeWei: baseFeeWei)
        sinceAnchor &+= 1
        if sinceAnchor >= 256 { reanchor() }
    }

    /// The fork's rules as the block loop reads them: a market and its shadow share them, so the loop
    /// holds one copy (fewer values to keep in registers) and steps each market's state with it.
    struct Rules {
        let factors: UnsafeMutablePointer<Double>, deltas: UnsafeMutablePointer<UInt64>
        let count: Int, target: UInt64, reserve: Bool, maxBlobs: Int
    }

    var rules: Rules {
        Rules(factors: tables.factors, deltas: tables.deltas, count: tables.count, target: target, reserve: reserve, maxBlobs: maxBlobsPerBlock)
    }

    /// The state after the block loop stepped it with `advance`.
    mutating func setState(excess: UInt64, fee: Double) { self.excess = excess; self.fee = fee }

    /// The EIP-7918 reserve rule applies to a block whose blob fee is below this (wei per blob gas):
    /// BLOB_BASE_COST · base fee > GAS_PER_BLOB · blob base fee, i.e. fee < base fee / 16 (exact either
    /// way: 16 is a power of two); 0 when the fork has no reserve price (the fee is never below 1 wei).
    @inline(__always)
    static func reserveThreshold(baseFeeWei: Double, _ r: Rules) -> Double { r.reserve ? baseFeeWei / 16 : 0 }

    /// One block on a market's state held apart from it (`excess`, `fee`), with its fork's `rules`, for a
    /// count already bounded to 0...max. The rule is picked by an index and the below-target reset by a
    /// mask, not by branches: random demand near the target or the reserve price would mispredict them,
    /// and this is the innermost loop of a projection (15% less time than with the branches).
    @inline(__always)
    static func advance(excess: inout UInt64, fee: inout Double, within n: Int, reserveBelow: Double, _ r: Rules) {
        // Wrapping arithmetic cannot wrap here: a scenario's excess starts below 2^46 (start_excess_blob_gas
        // ≤ 2^38, or the log of a fee ≤ 10^24 wei times an update fraction ≤ 2^40) and grows by at most
        // 4096 blobs · 2^17 = 2^29 a block over at most 3,660 days (< 2^25 blocks).
        let sum = excess &+ UInt64(truncatingIfNeeded: n) &* BlobFeeMarket.gasPerBlob
        // EIP-7918: when the reserve binds, the excess grows by the reserve's share of the blob gas used;
        // else EIP-4844's used − target.
        let k = n &+ (fee < reserveBelow ? r.count : 0)
        let next = excess &+ r.deltas[k]
        // The fee never falls below 1 wei (MIN_BASE_FEE_PER_BLOB_GAS) nor above `maxFee`: compared as Doubles
        // the compiler branches here, and these branches are well predicted (a fee rarely sits at a bound),
        // which takes the comparison off the fee's chain of dependent operations.
        let scaled = fee * r.factors[k]
        let floored = scaled > 1 ? scaled : 1
        let nextFee = (floored < maxFee ? floored : maxFee).bitPattern
        // Below the target the excess is 0 and the fee 1 wei (both EIPs).
        let below: UInt64 = sum < r.target ? 1 : 0
        let reset = 0 &- below
        excess = next & ~reset
        fee = Double(bitPattern: (nextFee & ~reset) | (Double(1).bitPattern & reset))
    }

    /// `step(blobs:baseFeeWei:)` for a count the caller has already bounded to 0...`maxBlobs`, without
    /// re-anchoring: the caller calls `reanchor()` every few hundred blocks.
    @inline(__always)
    mutating func step(within n: Int, baseFeeWei: Double) {
        let r = rules
        Self.advance(excess: &excess, fee: &fee, within: n, reserveBelow: Self.reserveThreshold(baseFeeWei: baseFeeWei, r), r)
    }
}

/// Standard normal deviates from a table: a simulation draws one per block per path, and Box-Muller
/// would dominate the run time.
enum NormalTable {
    static let size = 4096
    static let values: [Double] = (0..<size).map { i in inverseNormal((Double(i) + 0.5) / Double(size)) }
    /// The same values in memory that lives as long as the process, read with a 12-bit index and no bounds check.
    nonisolated(unsafe) static let raw: UnsafePointer<Double> = {
        let p = UnsafeMutablePointer<Double>.allocate(capacity: size)
        p.initialize(from: values, count: size)
        return UnsafePointer(p)
    }()

    /// Acklam's rational approximation of the normal quantile (relative error < 1.2e-9).
    static func inverseNormal(_ p: Double) -> Double {
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let lo = 0.02425, hi = 1 - lo
        if p < lo {
            let q = (-2 * Foundation.log(p)).squareRoot()
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        if p > hi {
            let q = (-2 * Foundation.log(1 - p)).squareRoot()
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let q = p - 0.5, r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}
