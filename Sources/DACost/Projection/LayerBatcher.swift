// The per-layer state a path steps through: the open channel, the spend so far, cached costs of
// partly filled channels and of calldata alternatives, and the loss timer.

/// One layer's open channel through time: bytes accumulate until full channels close, or until the
/// open one reaches the max channel duration (or the horizon ends).
struct ChannelClock {
    var bytes = 0.0, age = 0.0

    /// Advances one step: the number of full channels that closed, and the uncompressed size of a
    /// partly filled channel closed by its duration (0 for none).
    @inline(__always)
    mutating func advance(arriving: Double, step: Double, batch: Double, maxAge: Double, last: Bool) -> (full: Double, partial: Double) {
        bytes += arriving
        age += step
        // The floor, without a libm call per step: truncation is the floor for 0 ≤ q < 2^52.
        let q = bytes / batch
        let k = q >= 0 && q < 0x1p52 ? Double(Int64(q)) : q.rounded(.down)
        if k >= 1 {
            bytes -= k * batch
            // What is left arrived last: its age is the time it took to arrive.
            age = arriving > 0 ? bytes / arriving * step : 0
        }
        var partial = 0.0
        if bytes > 0 && (age >= maxAge - 1e-6 || last) {
            partial = bytes
            bytes = 0; age = 0
        }
        return (k >= 1 ? k : 0, partial)
    }
}

/// Sums of one layer's spend over a path (USD by component), and of the current step.
struct LayerTally {
    var blob = 0.0, exec = 0.0, call = 0.0, alt = 0.0, commit = 0.0
    var submissions = 0.0, fallbackSubmissions = 0.0, fallbackUSD = 0.0
    var stepUSD = 0.0, stepNative = 0.0

    @inline(__always)
    /// Adds `count` submissions' spend; returns it in USD.
    @discardableResult
    mutating func add(_ r: (blob: Double, exec: Double, call: Double, alt: Double, commit: Double, native: Double), count: Double, fallback: Bool) -> Double {
        let usd = r.blob + r.exec + r.call + r.alt + r.commit
        blob += r.blob; exec += r.exec; call += r.call; alt += r.alt; commit += r.commit
        submissions += count
        stepUSD += usd; stepNative += r.native
        if fallback { fallbackSubmissions += count; fallbackUSD += usd }
        return usd
    }
}

/// One layer's batcher on a path: its open channel and what it has spent.
struct LayerBatcher {
    /// The layer and its full channel under the calldata rule in force, and that rule's calldata.
    var full: FullChannel
    var layer: DALayer
    var calldata: EthereumCalldata
    let series: PathSimulator.LayerSeries
    var outcome: PathOutcome.Layer
    /// Whether it chooses between blobs and calldata at each submission (`da: auto`, blob layer).
    let chooses: Bool
    var tally = LayerTally()
    var clock = ChannelClock()
    /// The clock's steps computed once for all paths (empty: this batcher runs `clock`).
    var channels = ChannelSchedule()
    var partials = PartialChannelCosts(), calldataGas = CalldataGasCache()
    /// An alt-DA layer's ceiling and backlog (nil: no ceiling).
    var throughput: ThroughputQueue?
    /// An alt-DA layer's outages on this path and the batcher's policy (nil: none).
    var outage: OutageRun?
    /// The outage plan's flags, held apart: reading them through the optional `outage` copied it (its
    /// fallback layer and arrays) at every step.
    var downSteps = [Bool]()

    @inline(__always)
    func isDown(_ step: Int) -> Bool { step < downSteps.count && downSteps[step] }
    /// EigenDA: where what the on-demand meter refuses goes (nil: it waits), and how much did.
    var refusalFallback: EthereumFallback?
    var refusedSubmissions = 0.0, refusedUSD = 0.0
    /// A run shared by all paths that leaves the L1 commitments out, keeping each step's commitment gas
    /// for the paths to price (`PathSimulator.withCommitments`).
    var splitCommitment = false
    var stepCommitmentGas = 0.0
    var commitmentGas = [Double]()
    /// Spend per step (USD), kept for revenue and the loss timer, or a split run.
    var stepUSDs = [Double]()

    init(full: FullChannel, layer: DALayer, calldata: EthereumCalldata, series: PathSimulator.LayerSeries, days: Int,
         steps: Int, chooses: Bool, keepsSteps: Bool) {
        self.full = full; self.layer = layer; self.calldata = calldata; self.series = series; self.chooses = chooses
        outcome = PathOutcome.Layer(days: days)
        if keepsSteps { stepUSDs = Array(repeating: 0, count: steps) }
    }

    /// The calldata era in force (an index into the simulator's `eras`).
    private(set) var era = 0

    /// At step `s`, enters the next calldata era when it begins there: its layer, full channel and calldata
    /// (costs cached under the old rule are dropped).
    @inline(__always)
    mutating func follow(_ eras: [CalldataEra], step s: Int, layer i: Int) {
        guard era + 1 < eras.count && s == eras[era + 1].firstStep else { return }
        era += 1
        let next = eras[era]
        full = next.full[i]; layer = next.layers[i]; calldata = next.calldata
        partials = PartialChannelCosts(); calldataGas = CalldataGasCache()
        outage?.fallback?.follow(calldata: next.fork.pricing)
        refusalFallback?.follow(calldata: next.fork.pricing)
    }

    /// The day being booked and its spend so far, written to `outcome`'s daily arrays when the day
    /// changes (and by `finished`): the same sums, without two array writes per step, each with its
    /// copy-on-write check.
    private var bookedDay = 0, dayUSD = 0.0, dayNative = 0.0

    /// Adds a step's spend to day `d`.
    @inline(__always)
    mutating func book(usd: Double, native: Double, day d: Int) {
        if d != bookedDay {
            outcome.closeDay(bookedDay, usd: dayUSD, native: dayNative)
            bookedDay = d; dayUSD = outcome.dailyUSD[d]; dayNative = outcome.dailyNative[d]
        }
        dayUSD += usd; dayNative += native
    }

    /// The path's outcome for this layer, with its totals; `txs` are the transactions per step.
    func finished(txs: [Double], stepSeconds: Double) -> PathOutcome.Layer {
        var o = outcome
        o.closeDay(bookedDay, usd: dayUSD, native: dayNative)
        o.components = [tally.blob, tally.exec, tally.call, tally.alt, tally.commit]
        o.submissions = tally.submissions
        o.fallbackSubmissions = tally.fallbackSubmissions
        o.fallbackUSD = tally.fallbackUSD
        o.stepUSD = stepUSDs
        o.refusedSubmissions = refusedSubmissions; o.refusedUSD = refusedUSD
        if let r = outage {
            o.outageHours = Double(r.plan.downSteps) * stepSeconds / 3600
            o.longestOutageHours = Double(r.plan.longestRun) * stepSeconds / 3600
            o.haltedSubmissions = r.haltedSubmissions
            o.heldBytes = r.maxHeldBytes
        }
        if let q = throughput {
            o.maxBacklogBytes = q.maxBacklog
            o.worstLatencySeconds = max(o.worstLatencySeconds, q.worstWait(at: txs.count))
            o.backlogGrowsFromDay = ThroughputQueue.growsFromDay(q.daily)
        }
        return o
    }
}

/// Costs of partly filled channels by payload size: they close at every max channel duration, often
/// with the same compressed size.
struct PartialChannelCosts {
    private var table = [Int: (cost: LinearCost, blobs: Int, capacityBytes: Int)]()

    mutating func cost(of payload: Payload, on layer: DALayer) -> (cost: LinearCost, blobs: Int, capacityBytes: Int) {
        if let c = table[payload.bytes] { return c }
        let p = layer.pack(payload)
        let c = (cost: LinearCost.of(layer, p), blobs: p.units["blobs"] ?? 0, capacityBytes: layer.capacityBytes(p))
        if table.count > 4096 { table.removeAll() }
        table[payload.bytes] = c
        return c
    }
}

/// Calldata gas of a payload (with the EIP-7623 floor), for the batcher's blobs-or-calldata choice:
/// full channels repeat the same payload step after step, so the last one is checked first.
struct CalldataGasCache {
    private var last = (bytes: -1, gas: 0.0)
    private var table = [Int: Double]()

    @inline(__always)
    mutating func gas(of payload: Payload, _ calldata: EthereumCalldata) -> Double {
        if payload.bytes == last.bytes { return last.gas }
        let gas = table[payload.bytes] ?? Double(calldata.pack(payload).units["gas"] ?? 0)
        if table.count > 4096 { table.removeAll() }
        table[payload.bytes] = gas
        last = (payload.bytes, gas)
        return gas
    }
}
