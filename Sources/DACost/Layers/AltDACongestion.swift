import Foundation

/// Other users' demand on an alt-DA layer and what it does to the rollup (`shared/reference/stacks.md`
/// §13-15): the throughput it leaves, Celestia's inclusion price when the mempool outgrows the square,
/// and Avail's fee multiplier, which barely moves by design.
public enum AltDACongestion {
    /// The throughput left for the rollup (bytes/s in the layer's capacity unit): the ceiling less
    /// everyone else's demand, never below 0. EigenDA's on-demand meter refuses what is above it.
    public static func capacityLeft(ceiling: Double, background: Double) -> Double { max(0, ceiling - max(0, background)) }

    /// Celestia orders its mempool by gas price, a first-price auction with no base fee (docs
    /// `learn/TIA/submit-data`). Other users bid at or above the minimum price, the log of their bid over
    /// it half-normal with scale σ (`background_price_spread`, a model value). While the rollup's `own`
    /// demand and the `background` fit in the square's `capacity` (bytes/s), inclusion costs the minimum;
    /// beyond it the rollup must outbid all but the share f = (capacity − own) / background of others'
    /// demand that still fits: P(bid > p) = f, i.e. p = minimum × exp(σ · Φ⁻¹(1 − f/2)), which meets the
    /// minimum at f = 1. Infinite when the rollup alone needs more than the square.
    public static func celestiaInclusionPrice(minPrice: Double, own: Double, background: Double, capacity: Double, spread: Double) -> Double {
        guard own + background > capacity else { return minPrice }
        let room = capacity - own
        guard room > 0 else { return .infinity }
        let share = min(1, room / background)
        // Keep the quantile inside the normal quantile's domain (p in (0, 1)).
        let p = min(1 - 1e-12, max(0.5, 1 - share / 2))
        return minPrice * Foundation.exp(spread * NormalTable.inverseNormal(p))
    }

    /// Avail's TargetedFeeAdjustment (availproject/avail runtime/src/impls.rs; Substrate's pallet):
    /// per block m' = m · (1 + v·s + (v·s)²/2), s = fullness − target.
    public static let availAdjustmentVariable = 1e-6 // runtime/src/impls.rs AdjustmentVariable
    public static let availTargetFullness = 0.5 // runtime/src/impls.rs TargetBlockFullness (50%)
    public static let availMinMultiplier = 1e-9 // runtime/src/impls.rs MinimumMultiplier

    /// The multiplier after `blocks` blocks at `fullness` (0...1), from `start`.
    public static func availMultiplier(start: Double = 1, fullness: Double, blocks: Double) -> Double {
        let s = min(1, max(0, fullness)) - availTargetFullness
        let vs = availAdjustmentVariable * s
        return max(availMinMultiplier, start * Foundation.pow(1 + vs + vs * vs / 2, blocks))
    }
}
