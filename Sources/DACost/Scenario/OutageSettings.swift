/// When an alt-DA layer is down during a projection, and what the batcher does then
/// (`projection.outages` in a scenario): dated windows, a random process for Monte Carlo, and a policy.
public struct OutageSettings: Codable, Equatable, Sendable {
    /// What the batcher does with a submission while its layer is down.
    public enum Failover: String, Codable, Sendable, CaseIterable {
        /// Post it to Ethereum instead, as OP alt-DA's batcher falls back to L1 (`ethereum_blobs` or
        /// `ethereum_calldata`), at that layer's price for the same payload.
        case ethereumBlobs = "ethereum_blobs", ethereumCalldata = "ethereum_calldata"
        /// Hold it until the layer is back (L2 runs with unposted data; the backlog drains at the layer's
        /// throughput afterwards).
        case wait
        /// Stop the chain: the submission is never made (its transactions are not sequenced).
        case halt
    }

    /// A dated outage: from `startOffset` seconds after the scenario's start, for `hours`.
    public struct Window: Codable, Equatable, Sendable {
        public var startOffset: Double
        public var hours: Double
        enum CodingKeys: String, CodingKey { case hours, startOffset = "start_offset_seconds" }
    }

    /// The layer's name (as in `layers`).
    public var layer: String
    public var windows: [Window]
    /// Random outages: a Poisson process of this many per 30.436875-day month, each lasting a log-normal
    /// time with this median and 95th percentile (hours). 0 = dated windows only.
    public var perMonth: Double
    public var medianHours: Double
    public var p95Hours: Double
    public var failover: Failover

    public init(layer: String, windows: [Window] = [], perMonth: Double = 0, medianHours: Double = 1, p95Hours: Double = 6,
                failover: Failover = .ethereumBlobs) {
        self.layer = layer; self.windows = windows; self.perMonth = perMonth
        self.medianHours = medianHours; self.p95Hours = p95Hours; self.failover = failover
    }

    /// Whether the outages differ from path to path.
    public var isRandom: Bool { perMonth > 0 }

    /// For a report: "celestia: 1 dated window, 0.5 random outages a month (median 2 h, P95 12 h); fails over to ethereum_blobs".
    public var summary: String {
        var parts = [String]()
        if !windows.isEmpty { parts.append("\(windows.count) dated window\(windows.count == 1 ? "" : "s") (\(windows.map { NumberFormat.compact($0.hours, 3) + " h" }.joined(separator: ", ")))") }
        if isRandom {
            parts.append("\(NumberFormat.compact(perMonth, 3)) random outage\(perMonth == 1 ? "" : "s") a month (median \(NumberFormat.compact(medianHours, 3)) h, P95 \(NumberFormat.compact(p95Hours, 3)) h)")
        }
        let policy: String
        switch failover {
        case .ethereumBlobs, .ethereumCalldata: policy = "fails over to \(failover.rawValue)"
        case .wait: policy = "waits (submissions held until the layer is back)"
        case .halt: policy = "halts (no submissions while down)"
        }
        return "\(layer): " + (parts.isEmpty ? "no outage" : parts.joined(separator: ", ")) + "; " + policy
    }

    enum CodingKeys: String, CodingKey {
        case layer, windows, failover
        case perMonth = "per_month", medianHours = "median_hours", p95Hours = "p95_hours"
    }
}
