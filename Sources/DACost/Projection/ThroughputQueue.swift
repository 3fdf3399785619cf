/// An alt-DA layer's ceiling through a projection (`LayerThroughput`): what the rollup's submissions
/// take of it step by step, and the backlog when they take more than it carries. The layer is charged
/// when a submission is made (its prices follow curves that rarely move within a backlog's wait); the
/// backlog is what waits for space, and how long.
struct ThroughputQueue {
    /// (first step, bytes the layer carries per step), by date.
    private let changes: [(step: Int, bytesPerStep: Double)]
    private var next = 1
    private var perStep: Double
    let stepSeconds: Double
    /// Bytes submitted in the current step (in the unit of `DALayer.capacityBytes`).
    var submitted = 0.0
    private(set) var backlog = 0.0, maxBacklog = 0.0, worstWaitSeconds = 0.0
    /// The backlog at the end of each day.
    private(set) var daily: [Double]

    /// Everyone else's demand per step (bytes/s), which the rollup cannot use; nil: none.
    private let background: [Double]?
    /// Waits, first in first out: per step that submitted, (step, bytes submitted up to its end); the
    /// layer's carried total passing an entry's total ends that step's wait.
    private var arrivals = [(step: Int, through: Double)]()
    private var head = 0, submittedTotal = 0.0, carriedTotal = 0.0
    /// What the layer carried for the rollup in the last step (bytes).
    private var lastCarried = 0.0

    /// `nil` for a layer without a ceiling.
    init?(spec: LayerSpec, start: Int64, steps: Int, stepSeconds: Double, days: Int, background: [Double]? = nil) {
        let list = Self.schedule(spec, start: start, steps: steps, stepSeconds: stepSeconds)
        guard let first = list.first else { return nil }
        changes = list.map { (step: $0.step, bytesPerStep: $0.bytesPerSecond * stepSeconds) }
        perStep = first.bytesPerSecond * stepSeconds
        self.stepSeconds = stepSeconds
        self.background = background
        daily = Array(repeating: 0, count: max(1, days))
    }

    /// The layer's ceiling (bytes/s) by market step: in force from the first step that starts at or after
    /// each change (`LayerThroughput.changes`); empty for a layer without a ceiling.
    static func schedule(_ spec: LayerSpec, start: Int64, steps: Int, stepSeconds: Double) -> [(step: Int, bytesPerSecond: Double)] {
        let end = start &+ Int64((Double(steps) * stepSeconds).rounded(.up))
        return LayerThroughput.changes(spec, from: start, to: end).map { c in
            (step: max(0, Int((Double(c.time - start) / stepSeconds).rounded(.up))), bytesPerSecond: c.bytesPerSecond)
        }
    }

    /// What the layer can still take this step (bytes): its ceiling less others' demand, what waits and
    /// what was submitted so far in the step.
    func room(step s: Int) -> Double { max(0, perStepAt(s) - others(at: s) - backlog - submitted) }

    /// Bytes others take in step `s`.
    private func others(at s: Int) -> Double { background.map { s < $0.count ? $0[s] * stepSeconds : 0 } ?? 0 }

    /// The ceiling per step in force at step `s` (the change list read without moving the cursor).
    private func perStepAt(_ s: Int) -> Double {
        var v = perStep, i = next
        while i < changes.count && changes[i].step <= s { v = changes[i].bytesPerStep; i += 1 }
        return v
    }

    /// A layer without a ceiling of its own, for what waits out an outage.
    init(unlimitedSteps steps: Int, stepSeconds: Double, days: Int) {
        changes = [(step: 0, bytesPerStep: .infinity)]
        perStep = .infinity
        self.stepSeconds = stepSeconds
        background = nil
        daily = Array(repeating: 0, count: max(1, days))
    }

    /// Closes step `s` (of day `day`): its submissions join the backlog, and the layer carries a step's
    /// worth, or nothing while it is `down`.
    @inline(__always)
    mutating func close(step s: Int, day: Int, down: Bool = false) {
        while next < changes.count && changes[next].step <= s { perStep = changes[next].bytesPerStep; next += 1 }
        let carried = down ? 0 : max(0, perStep - others(at: s))
        let taken = min(backlog + submitted, carried)
        lastCarried = carried
        if submitted > 0 {
            submittedTotal += submitted
            // A step whose bytes all go out in it waits for nothing: only the others are tracked.
            if backlog + submitted > carried || head < arrivals.count { arrivals.append((s, submittedTotal)) }
        }
        backlog = max(0, backlog + submitted - carried)
        submitted = 0
        maxBacklog = max(maxBacklog, backlog)
        carriedTotal += taken
        // Steps whose bytes are all carried by now: they waited from their step to this one.
        while head < arrivals.count && arrivals[head].through <= carriedTotal * (1 + 1e-12) {
            worstWaitSeconds = max(worstWaitSeconds, Double(s - arrivals[head].step) * stepSeconds)
            head += 1
        }
        if head > 4096 && head * 2 > arrivals.count { arrivals.removeFirst(head); head = 0 }
        if day >= 0 && day < daily.count { daily[day] = backlog }
    }

    /// The longest wait: of the bytes carried, of the oldest still waiting at `step` (the horizon's end),
    /// and of the newest, were the layer to go on carrying what it carried in the last step (its own
    /// ceiling if it carried nothing then): a projection past the horizon.
    func worstWait(at step: Int) -> Double {
        guard head < arrivals.count else { return worstWaitSeconds }
        let oldest = Double(step - arrivals[head].step) * stepSeconds
        let rate = lastCarried > 0 ? lastCarried : perStep
        let newest = rate > 0 && rate.isFinite ? backlog / rate * stepSeconds : 0
        return max(worstWaitSeconds, oldest, newest)
    }

    /// The first day from which the backlog only grew to the horizon's end (nil: it drained, or grew for
    /// less than three days at the end, which is noise).
    static func growsFromDay<T: Comparable & Numeric>(_ daily: [T]) -> Int? {
        guard let last = daily.last, last > 0 else { return nil }
        var d = daily.count - 1
        while d > 0 && daily[d - 1] < daily[d] { d -= 1 }
        return daily.count - d >= min(3, daily.count) ? d : nil
    }
}
