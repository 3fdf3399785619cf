import Foundation

/// The blob fee block by block: exact integer excess-blob-gas rules of the fork in force (EIP-4844,
/// EIP-7691 parameters, EIP-7918 reserve against the simulated execution base fee), with the fee
/// itself kept as a Double updated by a per-block factor and re-anchored to `exp` every 256 blocks.
/// The exact integer `fake_exponential` and this fast value stay within the bound that
/// `BlobFeeApproximationTests` checks.
struct BlobMarketSimulator {
    private(set) var excess: UInt64
    private(set) var fee: Double
    private var fork: BlobFork
    private var target: UInt64 = 0, maxBlobs = 0, spread: UInt64 = 0, maxU: UInt64 = 1, reserve = false
    private var factors: [Double] = []   // exp((n − target) · GAS / F) for n blobs
    private var reserveFactors: [Double] = []
    /// Excess added per block under the binding reserve, by blob count (the EIP-7918 division, precomputed).
    private var reserveDelta: [UInt64] = []
    private var sinceAnchor = 0

    static let gasPerBlob = Double(BlobFeeMarket.gasPerBlob)
    /// A ceiling far above any market (10^12 gwei per blob gas) that keeps every cost finite.
    static let maxFee = 1e21

    init(excess: UInt64, fork: BlobFork) {
        self.excess = excess
        self.fork = fork
        self.fee = 1
        setFork(fork)
        anchor()
    }

    /// The fast fee for an excess: `exp(excess / F)`, at least 1 wei (MIN_BASE_FEE_PER_BLOB_GAS).
    static func fastFee(excess: UInt64, updateFraction: UInt64) -> Double {
        min(maxFee, max(1, Foundation.exp(Double(excess) / Double(updateFraction))))
    }

    /// The excess whose fee is `feeWei` under `updateFraction` (inverse of `fastFee`).
    static func excess(forFee feeWei: Double, updateFraction: UInt64) -> UInt64 {
        feeWei <= 1 ? 0 : UInt64(Foundation.log(feeWei) * Double(updateFraction))
    }

    mutating func setFork(_ f: BlobFork) {
        fork = f
        target = UInt64(f.target) * BlobFeeMarket.gasPerBlob
        maxBlobs = f.max
        spread = UInt64(f.max - f.target)
        maxU = UInt64(f.max)
        reserve = f.reservePrice
        let F = Double(f.updateFraction)
        factors = (0...f.max).map { Foundation.exp(Double($0 - f.target) * Self.gasPerBlob / F) }
        reserveDelta = (0...f.max).map { n in (UInt64(n) * BlobFeeMarket.gasPerBlob * UInt64(f.max - f.target)) / UInt64(f.max) }
        reserveFactors = (0...f.max).map { n in
            Foundation.exp(Double((UInt64(n) * BlobFeeMarket.gasPerBlob * UInt64(f.max - f.target)) / UInt64(f.max)) / F)
        }
        anchor()
    }

    var currentFork: BlobFork { fork }

    private mutating func anchor() {
        fee = Self.fastFee(excess: excess, updateFraction: fork.updateFraction)
        sinceAnchor = 0
    }

    /// Closes a block that used `blobs` blobs, with the block's execution base fee (wei).
    @inline(__always)
    mutating func step(blobs: Int, baseFeeWei: Double) {
        let used = UInt64(blobs) * BlobFeeMarket.gasPerBlob
        let (sum, overflow) = excess.addingReportingOverflow(used)
        if overflow { excess = .max; fee = Self.maxFee; return }
        if sum < target {
            excess = 0; fee = 1; sinceAnchor = 0
            return
        }
        let n = min(blobs, maxBlobs)
        if reserve && baseFeeWei > 16 * fee {
            let (e, o) = excess.addingReportingOverflow(blobs <= maxBlobs ? reserveDelta[blobs] : (used * spread) / maxU)
            excess = o ? .max : e
            fee = min(Self.maxFee, fee * reserveFactors[n])
        } else {
            let previous = excess
            excess = sum - target
            fee = min(Self.maxFee, excess >= previous ? fee * factors[n] : max(1, fee * factors[n]))
        }
        sinceAnchor += 1
        if sinceAnchor >= 256 || fee < 1 { anchor() }
    }
}

/// Standard normal deviates from a table: a simulation draws one per block per path, and Box-Muller
/// would dominate the run time.
enum NormalTable {
    static let size = 4096
    static let values: [Double] = (0..<size).map { i in inverseNormal((Double(i) + 0.5) / Double(size)) }

    @inline(__always) static func draw(_ rng: inout SeededRandom) -> Double { values[Int(rng.next() >> 52)] }

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
