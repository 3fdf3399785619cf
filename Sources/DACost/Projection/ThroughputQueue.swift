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

    /// `nil` for a layer without a ceiling.
    init?(spec: LayerSpec, start: Int64, steps: Int, stepSeconds: Double, days: Int) {
        let end = start &+ Int64((Double(steps) * stepSeconds).rounded(.up))
        let list = LayerThroughput.changes(spec, from: start, to: end)
        guard let first = list.first else { return nil }
        changes = list.map { c in
            (step: max(0, Int((Double(c.time - start) / stepSeconds).rounded(.up))), bytesPerStep: c.bytesPerSecond * stepSeconds)
        }
        perStep = first.bytesPerSecond * stepSeconds
        self.stepSeconds = stepSeconds
        daily = Array(repeating: 0, count: max(1, days))
    }

    /// A layer without a ceiling of its own, for what waits out an outage.
    init(unlimitedSteps steps: Int, stepSeconds: Double, days: Int) {
        changes = [(step: 0, bytesPerStep: .infinity)]
        perStep = .infinity
        self.stepSeconds = stepSeconds
        daily = Array(repeating: 0, count: max(1, days))
    }

    /// Closes step `s` (of day `day`): its submissions join the backlog, and the layer carries a step's
    /// worth, or nothing while it is `down`.
    @inline(__always)
    mutating func close(step s: Int, day: Int, down: Bool = false) {
        while next < changes.count && changes[next].step <= s { perStep = changes[next].bytesPerStep; next += 1 }
        backlog = max(0, backlog + submitted - (down ? 0 : perStep))
        submitted = 0
        if backlog > maxBacklog {
            maxBacklog = backlog
            // The newest byte waits for everything ahead of it to be carried (once the layer is up).
            if perStep.isFinite { worstWaitSeconds = max(worstWaitSeconds, backlog / perStep * stepSeconds) }
        }
        if day >= 0 && day < daily.count { daily[day] = backlog }
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
