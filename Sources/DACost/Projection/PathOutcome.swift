import Foundation

/// A layer's full channel: its uncompressed bytes, its payload, its linear cost, its blobs, and what it
/// takes of the layer's throughput (`DALayer.capacityBytes`).
struct FullChannel {
    var batch: Double
    var payload: Payload
    var cost: LinearCost
    var blobs: Int
    var capacityBytes = 0
}

/// What one Monte Carlo path produced, per layer (and for the DA switch, when there is one).
struct PathOutcome {
    struct Layer {
        var dailyUSD: [Double]
        var dailyNative: [Double]
        /// USD by component: blob gas, execution gas, calldata, alt-DA fee, fixed L1 overhead.
        var components = [Double](repeating: 0, count: 5)
        var submissions = 0.0
        var fallbackSubmissions = 0.0
        var fallbackUSD = 0.0
        var maxBacklogBlobs = 0
        /// An alt-DA layer's most bytes waiting for its throughput (`ThroughputQueue`).
        var maxBacklogBytes = 0.0
        var worstLatencySeconds = 0.0
        /// Outages of an alt-DA layer (`OutageRun`): hours down, the longest, submissions never made
        /// (halt), and the most bytes held unposted (wait, halt).
        var outageHours = 0.0, longestOutageHours = 0.0, haltedSubmissions = 0.0, heldBytes = 0.0
        /// EigenDA: submissions its on-demand meter refused that went to Ethereum, and what they cost.
        var refusedSubmissions = 0.0, refusedUSD = 0.0
        /// Celestia: hours the square was wanted past its size, and the highest price paid over the minimum.
        var congestedHours = 0.0, peakPriceMultiple = 1.0
        /// First day on which the backlog only grew from then on (nil: it drained).
        var backlogGrowsFromDay: Int?
        var ownDemandBlocks = 0
        var ownDemandPremiumUSD = 0.0
        /// Seconds from the cumulative P&L's last peak to its falling past −threshold; nil when it never did
        /// (`ProfitAndLoss`).
        var lossSeconds: Double?
        var lossStarted = false
        /// Revenue and its profit and loss (`PathSimulator.settle`), when the projection evaluates revenue.
        var economics: LayerEconomics?
        /// Spend per step and (blob layer on a simulated market) the mean blob base fee per step: kept only
        /// until the path's revenue is settled.
        var stepUSD = [Double](), stepBlobFeeWei = [Double]()

        init(days: Int) {
            dailyUSD = Array(repeating: 0, count: days)
            dailyNative = Array(repeating: 0, count: days)
        }

        /// Day `d`'s spend as the batcher summed it (`LayerBatcher.book`).
        mutating func closeDay(_ d: Int, usd: Double, native: Double) {
            guard d >= 0 && d < dailyUSD.count && d < dailyNative.count else { return }
            dailyUSD[d] = usd; dailyNative[d] = native
        }
    }
    var layers: [Layer]
    var transactions = 0.0
    /// Blob base fee (gwei) per day: the mean and the highest over the day's blocks (over its market steps
    /// when the fee comes from a curve).
    var dailyBlobFee: DailyFee
}

/// A fee through a day, from its values (per block or per market step): the mean and the maximum.
struct DailyFee {
    var sum: [Double], count: [Int], max: [Double]

    init(days: Int) {
        sum = Array(repeating: 0, count: days); count = Array(repeating: 0, count: days); max = Array(repeating: 0, count: days)
    }

    @inline(__always)
    mutating func record(_ v: Double, day: Int) { record(sum: v, count: 1, max: v, day: day) }

    /// `count` values summing to `sum`, the highest `max`.
    @inline(__always)
    mutating func record(sum v: Double, count n: Int, max m: Double, day: Int) {
        sum[day] += v; count[day] += n
        if m > max[day] { max[day] = m }
    }

    var mean: [Double] { zip(sum, count).map { $0.1 > 0 ? $0.0 / Double($0.1) : 0 } }
}
