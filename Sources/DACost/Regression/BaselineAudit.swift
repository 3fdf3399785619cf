import Foundation

/// A baseline is input too: the scenario inside a report baseline and the measurements of a profile
/// baseline are held to the same ranges as a scenario or profile given on the command line
/// (`ValueRanges`), before `check` recomputes anything from them.
enum BaselineAudit {
    /// Keys whose values may be negative (drifts, growth rates, log sizes, offsets before the start).
    static let signed: Set<String> = ["driftPerYear", "percentPerMonth", "jumpMeanLog", "start_offset_seconds", "offset"]
    /// Keys that must be above zero: a zero horizon, path count, step or channel would leave nothing to
    /// compute (or divide by it).
    static let positive: Set<String> = ["horizon_days", "paths", "market_step_minutes", "target_blobs_per_tx", "max_channel_duration_minutes",
                                        "max_calldata_tx_size", "update_fraction", "max", "target", "ETH", "gas_limit", "max_share"]
    /// The largest batch a profile measures (dacost's own batch grid stops far below).
    static let maxBatchBytes = 1 << 30

    /// Checks every number of a report's scenario: finite, within its quantity's range, and of the
    /// right sign. Returns the first problem as "key.path: what".
    static func scenarioProblem(_ scenario: Scenario) -> String? {
        guard let data = try? JSONEncoder().encode(scenario), let tree = try? JSONSerialization.jsonObject(with: data) else {
            return "the scenario cannot be read back"
        }
        return problem(in: tree, path: "scenario")
    }

    private static func problem(in v: Any, path: String) -> String? {
        switch v {
        case let o as [String: Any]:
            for key in o.keys.sorted() { if let p = problem(in: o[key] as Any, path: "\(path).\(key)") { return p } }
            return nil
        case let a as [Any]:
            for (i, e) in a.enumerated() { if let p = problem(in: e, path: "\(path)[\(i)]") { return p } }
            return nil
        case is Bool, is String, is NSNull: return nil
        case let n as NSNumber:
            let d = n.doubleValue
            let key = String(path.split(separator: ".").last ?? "")
            let keyName = key.split(separator: "[").first.map(String.init) ?? key
            let ceiling = ValueRanges.ceiling(keyPath: path)
            guard d.isFinite else { return "\(path): expected a finite number, got \(d)" }
            if d < 0 && !signed.contains(keyName) { return "\(path): expected a number ≥ 0, got \(d)" }
            if d == 0 && positive.contains(keyName) { return "\(path): expected a number > 0, got 0" }
            if abs(d) > ceiling { return "\(path): expected a number ≤ \(ScenarioReader.trim(ceiling)), got \(d)" }
            return nil
        default: return nil
        }
    }

    /// Checks a profile's measurements: at least one result, batch sizes a profile could have measured,
    /// and sizes and ratios that are positive and finite.
    static func profileProblem(_ p: CompressionProfile) -> String? {
        guard !p.results.isEmpty else { return "results: the profile holds no measurements (an empty baseline would pass any check)" }
        for (i, r) in p.results.enumerated() {
            let at = "results[\(i)]"
            if case .bytes(let n) = r.batch, n <= 0 || n > maxBatchBytes {
                return "\(at).batch: expected a batch size from 1 byte to \(maxBatchBytes) bytes, got \(n)"
            }
            guard r.ratio.isFinite, r.ratio > 0, r.ratio <= 1e6 else { return "\(at).ratio: expected a ratio > 0 and ≤ 1000000, got \(r.ratio)" }
            guard r.inputBytes >= 0, r.compressedBytes >= 0, r.batches >= 0, r.transactions >= 0 else {
                return "\(at): counts of bytes, batches and transactions must not be negative"
            }
        }
        return nil
    }
}
