import Foundation

/// Progress of one long step (profile, compress, project, fetch, backtest) as a person reads it: how
/// much is done of how much, at what rate, and when it will end. A value type fed with the time from
/// outside, so that the arithmetic of rate and ETA is tested against a fake clock.
///
/// On a terminal it redraws one line with a bar at most every 0.2 s; in a log (stderr not a terminal) it
/// writes a whole line every 10 s, so that a CI job or `nohup` run shows it is alive without flooding.
public struct ProgressMeter: Sendable {
    /// Where the lines go.
    public enum Style: Sendable {
        /// A line redrawn in place, with a bar.
        case terminal
        /// A line now and then, each on its own.
        case log
        /// Nothing (`--quiet`).
        case silent

        /// Seconds between two lines.
        var interval: Double {
            switch self {
            case .terminal: return 0.2
            case .log: return 10
            case .silent: return .infinity
            }
        }
    }

    /// What is being done, e.g. "compress" or "project".
    public let label: String
    /// What is counted, e.g. "paths" or "blocks"; `bytes` counts are shown in MB.
    public let unit: String
    public let style: Style
    private let started: Double
    private var lastShown: Double

    /// A meter started at `now` (seconds on any monotonic clock).
    public init(label: String, unit: String, style: Style, now: Double) {
        self.label = label; self.unit = unit; self.style = style
        started = now; lastShown = now
    }

    /// The line to show for `done` of `total` at `now`, or nil when it is not yet time for one (or the
    /// style is silent). `total` nil: the amount is not known yet, so there is no bar and no ETA.
    public mutating func update(done: Double, total: Double?, now: Double) -> String? {
        guard now - lastShown >= style.interval else { return nil }
        lastShown = now
        return line(done: done, total: total, now: now)
    }

    /// The line for `done` of `total` at `now`, whatever the time since the last one.
    public func line(done: Double, total: Double?, now: Double) -> String {
        let elapsed = max(0, now - started)
        let rate = Self.rate(done: done, elapsed: elapsed)
        var parts = [label]
        if let total, total > 0 {
            let fraction = min(1, max(0, done / total))
            if style == .terminal { parts.append(Self.bar(fraction: fraction, width: 24)) }
            parts.append(String(format: "%5.1f%%", fraction * 100))
            parts.append("\(amount(done)) of \(amount(total)) \(shownUnit)")
        } else {
            parts.append("\(amount(done)) \(shownUnit)")
        }
        if let rate { parts.append("\(amount(rate)) \(shownUnit)/s") }
        if let total, let eta = Self.eta(done: done, total: total, elapsed: elapsed) {
            parts.append("ETA " + Self.duration(eta))
        }
        parts.append("elapsed " + Self.duration(elapsed))
        return parts.joined(separator: style == .terminal ? "  " : ", ")
    }

    /// Units per second so far, or nil before there is anything to divide (less than 0.1 s or nothing done).
    public static func rate(done: Double, elapsed: Double) -> Double? {
        guard elapsed >= 0.1, done > 0, done.isFinite else { return nil }
        return done / elapsed
    }

    /// Seconds left at the rate so far, or nil when no rate is known yet or the total is not finite.
    public static func eta(done: Double, total: Double, elapsed: Double) -> Double? {
        guard let r = rate(done: done, elapsed: elapsed), total.isFinite else { return nil }
        return max(0, total - done) / r
    }

    /// `[######......]` for a fraction between 0 and 1.
    public static func bar(fraction: Double, width: Int) -> String {
        let f = fraction.isFinite ? min(1, max(0, fraction)) : 0, w = max(0, min(width, 1000))
        let filled = Int((f * Double(w)).rounded(.down))
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: w - filled) + "]"
    }

    /// "42 s", "3 min 05 s", "2 h 07 min": precise enough to plan around, no more.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        let s = Int(min(seconds, 1e9).rounded())
        if s < 60 { return "\(s) s" }
        if s < 3600 { return String(format: "%d min %02d s", s / 60, s % 60) }
        return String(format: "%d h %02d min", s / 3600, (s % 3600) / 60)
    }

    private var shownUnit: String { unit == "bytes" ? "MB" : unit }

    private func amount(_ x: Double) -> String {
        let v = unit == "bytes" ? x / 1e6 : x
        if !v.isFinite { return "?" }
        return v >= 100 || v == v.rounded() ? String(format: "%.0f", v) : String(format: "%.1f", v)
    }
}
