/// One compared number.
public struct CheckedMetric: Codable, Equatable, Sendable {
    public enum Status: String, Codable, Sendable {
        case ok, regressed, improved
        /// Made with another codec library version: reported, not judged.
        case libraryChanged = "library-changed"
        /// The scenario's market, traffic or layers changed: reported, not judged.
        case notComparable = "not-comparable"
        case new, missing
    }

    /// `ratio`, `compressed_bytes`, `cost_per_tx`, `cost_per_mb`, `compress_mb_s`, `decompress_mb_s`.
    public var metric: String
    /// What it measures: `zstd-3 @ 780k`, `ethereum-blobs / brotli-10`, `ethereum-blobs (batcher codec)`.
    public var key: String
    public var unit: String
    public var baseline: Double?
    public var current: Double?
    public var tolerancePercent: Double
    public var status: Status
    public var smallerIsBetter: Bool

    /// Relative change in percent.
    public var changePercent: Double? {
        guard let b = baseline, let c = current, b != 0 else { return nil }
        return (c - b) / abs(b) * 100
    }

    /// The JUnit / benchmark name.
    public var name: String { "\(metric)[\(key)]" }
}

/// What a check found, and why some numbers were not judged.
public struct CheckResult: Codable, Equatable, Sendable {
    public var metrics: [CheckedMetric]
    /// Changes of library version, trace or scenario, said as such.
    public var notes: [String]
    /// Whether a metric the baseline has and this run lacks fails the check (the default): a gate that
    /// passed when a metric vanished could be passed by dropping the metric (`--allow-missing` turns it off).
    public var missingFails = true

    public init(metrics: [CheckedMetric], notes: [String], missingFails: Bool = true) {
        self.metrics = metrics; self.notes = notes; self.missingFails = missingFails
    }

    public var regressed: Bool { metrics.contains { $0.status == .regressed } }
    public var improved: Bool { metrics.contains { $0.status == .improved } }
    /// Metrics of the baseline that this run lacks.
    public var missing: [CheckedMetric] { metrics.filter { $0.status == .missing } }
    /// A regression, or (unless allowed) a metric that went missing: exit 1.
    public var failed: Bool { regressed || (missingFails && !missing.isEmpty) }
}

/// Per-metric tolerances in percent: `ratio=0.2%,cost_per_tx=1%`.
public struct Tolerances: Sendable, Equatable {
    /// Deterministic metrics default to 0.5%: sizes and costs do not vary run to run.
    public static let defaultDeterministic = 0.5
    /// Speeds are noisy: 10% by default, and only with `--speed`.
    public static let defaultNoise = 10.0
    public static let names = ["ratio", "compressed_bytes", "cost_per_tx", "cost_per_mb", "compress_mb_s", "decompress_mb_s"]

    public var percent: [String: Double] = [:]
    public var noise = Tolerances.defaultNoise

    public init() {}

    public init(parsing text: String) throws {
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: " ") }
            guard parts.count == 2, Self.names.contains(parts[0]) else {
                throw RegressionError.badOption("--tolerance: '\(item)': expected NAME=PERCENT with NAME one of \(Self.names.joined(separator: ", "))")
            }
            guard let p = Self.percent(parts[1]) else {
                throw RegressionError.badOption("--tolerance: '\(item)': expected a percentage ≥ 0 such as 0.5%")
            }
            percent[parts[0]] = p
        }
    }

    /// A percentage ≥ 0 written `0.5%` or `0.5`; nil when it is not one.
    public static func percent(_ text: String) -> Double? {
        var v = text.trimmingCharacters(in: " ")
        if v.hasSuffix("%") { v.removeLast() }
        guard let p = Double(v), p >= 0, p.isFinite else { return nil }
        return p
    }

    public func of(_ metric: String) -> Double {
        percent[metric] ?? (metric.hasSuffix("_mb_s") ? noise : Self.defaultDeterministic)
    }
}

public enum RegressionError: Error, CustomStringConvertible, Equatable {
    case badOption(String)
    case badBaseline(path: String, problem: String)
    case traceChanged(path: String, baseline: String, current: String)

    public var description: String {
        switch self {
        case .badOption(let m): return m
        case .badBaseline(let p, let m): return "\(p): \(m)"
        case .traceChanged(let p, let b, let c):
            return "\(p): the baseline was made from another trace (sha256 \(b.prefix(16))…, now \(c.prefix(16))…): pass --allow-trace-change to compare anyway"
        }
    }
}

/// Compares a new measurement with a baseline, metric by metric.
public enum RegressionCheck {
    static func judge(_ metric: String, _ key: String, unit: String, baseline: Double?, current: Double?, smallerIsBetter: Bool,
                      tolerances: Tolerances, hold: CheckedMetric.Status? = nil) -> CheckedMetric {
        let tol = tolerances.of(metric)
        var m = CheckedMetric(metric: metric, key: key, unit: unit, baseline: baseline, current: current, tolerancePercent: tol,
                              status: .ok, smallerIsBetter: smallerIsBetter)
        if baseline == nil { m.status = .new; return m }
        if current == nil { m.status = .missing; return m }
        if let hold { m.status = hold; return m }
        guard let change = m.changePercent else { return m }
        let worse = smallerIsBetter ? change : -change
        m.status = worse > tol ? .regressed : worse < -tol ? .improved : .ok
        return m
    }

    /// Codec libraries whose version differs, said as such.
    static func libraryChanges(_ old: [String: String], _ new: [String: String]) -> ([String], Set<String>) {
        var notes = [String](), changed = Set<String>()
        for (lib, was) in old.sorted(by: { $0.key < $1.key }) {
            if let now = new[lib], now != was {
                notes.append("baseline made with \(lib) \(was), now \(lib) \(now): its numbers are reported, not judged")
                changed.insert(lib)
            }
        }
        return (notes, changed)
    }

    /// Profiles: ratio and compressed bytes per codec and batch size; speeds only when asked.
    public static func compare(baseline: CompressionProfile, current: CompressionProfile, tolerances: Tolerances, speed: Bool) -> CheckResult {
        var (notes, changedLibraries) = libraryChanges(baseline.codecs, current.codecs)
        if baseline.trace.sha256 != current.trace.sha256 {
            notes.append("the trace changed (sha256 \(baseline.trace.sha256.prefix(16))… → \(current.trace.sha256.prefix(16))…, \(baseline.trace.transactions) → \(current.trace.transactions) txs): compressed bytes are compared per transaction")
        }
        if baseline.dacostVersion != current.dacostVersion {
            notes.append("baseline made with dacost \(baseline.dacostVersion), now \(current.dacostVersion)")
        }
        // Totals of traces of different lengths say nothing: with another trace, bytes are compared per transaction.
        let perTx = baseline.trace.sha256 != current.trace.sha256
        var metrics = [CheckedMetric]()
        var keys = baseline.results.map { ($0.codec, $0.batch) }
        for r in current.results where !keys.contains(where: { $0 == (r.codec, r.batch) }) { keys.append((r.codec, r.batch)) }
        for (codec, batch) in keys {
            let b = baseline.result(codec: codec, batch: batch), c = current.result(codec: codec, batch: batch)
            let key = "\(codec) @ \(batch)"
            let hold: CheckedMetric.Status? = changedLibraries.contains(codec.library.name) ? .libraryChanged : nil
            metrics.append(judge("ratio", key, unit: "ratio", baseline: b?.ratio, current: c?.ratio, smallerIsBetter: true, tolerances: tolerances, hold: hold))
            if perTx {
                metrics.append(judge("compressed_bytes", key, unit: "bytes/tx", baseline: b?.compressedBytesPerTx, current: c?.compressedBytesPerTx,
                                     smallerIsBetter: true, tolerances: tolerances, hold: hold))
            } else {
                metrics.append(judge("compressed_bytes", key, unit: "bytes", baseline: b.map { Double($0.compressedBytes) },
                                     current: c.map { Double($0.compressedBytes) }, smallerIsBetter: true, tolerances: tolerances, hold: hold))
            }
            if speed {
                metrics.append(judge("compress_mb_s", key, unit: "MB/s", baseline: b?.compressMBs, current: c?.compressMBs,
                                     smallerIsBetter: false, tolerances: tolerances, hold: hold))
                metrics.append(judge("decompress_mb_s", key, unit: "MB/s", baseline: b?.decompressMBs, current: c?.decompressMBs,
                                     smallerIsBetter: false, tolerances: tolerances, hold: hold))
            }
        }
        return CheckResult(metrics: metrics, notes: notes)
    }

    /// The parts of a scenario that are the thing under test in CI: codec settings. Everything else
    /// (traffic, market, layers) changing makes costs incomparable.
    static func assumptionsDiffer(_ a: Scenario, _ b: Scenario) -> [String] {
        var out = [String]()
        if a.traffic != b.traffic { out.append("traffic") }
        if a.market != b.market { out.append("market") }
        if a.layers != b.layers { out.append("layers") }
        if a.blobSchedule != b.blobSchedule { out.append("blob_schedule") }
        var ba = a.batcher, bb = b.batcher
        ba.codec = .none; bb.codec = .none
        if ba != bb { out.append("batcher (other than its codec)") }
        return out
    }

    /// Reports: cost per transaction and per MB, and the ratio, per layer with the batcher's codec and
    /// per layer × codec.
    public static func compare(baseline: Report, current: Report, tolerances: Tolerances) -> CheckResult {
        var (notes, changedLibraries) = libraryChanges(baseline.codecLibraries, current.codecLibraries)
        if baseline.trace.sha256 != current.trace.sha256 {
            notes.append("the trace changed (sha256 \(baseline.trace.sha256.prefix(16))… → \(current.trace.sha256.prefix(16))…)")
        }
        let differ = assumptionsDiffer(baseline.scenario, current.scenario)
        if !differ.isEmpty {
            notes.append("the scenario's \(differ.joined(separator: ", ")) changed: costs are reported, not judged (ratios still are)")
        }
        if baseline.scenario.batcher.codec != current.scenario.batcher.codec {
            notes.append("the batcher codec changed: \(baseline.scenario.batcher.codec) → \(current.scenario.batcher.codec)")
        }
        var metrics = [CheckedMetric]()
        func add(_ key: String, _ b: ComparisonRow?, _ c: ComparisonRow?) {
            let libs = [b?.codec, c?.codec].compactMap { $0?.library.name }
            let hold: CheckedMetric.Status? = libs.contains(where: changedLibraries.contains) ? .libraryChanged : nil
            let costHold: CheckedMetric.Status? = hold ?? (differ.isEmpty ? nil : .notComparable)
            metrics.append(judge("cost_per_tx", key, unit: "USD", baseline: b?.costPerTxUSD, current: c?.costPerTxUSD,
                                 smallerIsBetter: true, tolerances: tolerances, hold: costHold))
            metrics.append(judge("cost_per_mb", key, unit: "USD", baseline: b?.costPerMBUSD, current: c?.costPerMBUSD,
                                 smallerIsBetter: true, tolerances: tolerances, hold: costHold))
            metrics.append(judge("ratio", key, unit: "ratio", baseline: b?.ratio, current: c?.ratio,
                                 smallerIsBetter: true, tolerances: tolerances, hold: hold))
        }
        // The chain's own configuration first: each layer with the batcher's codec.
        var layers = baseline.scenario.layers.map(\.name)
        for l in current.scenario.layers.map(\.name) where !layers.contains(l) { layers.append(l) }
        for layer in layers {
            add("\(layer) (batcher codec)",
                baseline.rows.first { $0.layer == layer && $0.codec == baseline.scenario.batcher.codec },
                current.rows.first { $0.layer == layer && $0.codec == current.scenario.batcher.codec })
        }
        var keys = baseline.rows.map { ($0.layer, $0.codec) }
        for r in current.rows where !keys.contains(where: { $0 == (r.layer, r.codec) }) { keys.append((r.layer, r.codec)) }
        for (layer, codec) in keys {
            add("\(layer) / \(codec)", baseline.rows.first { $0.layer == layer && $0.codec == codec },
                current.rows.first { $0.layer == layer && $0.codec == codec })
        }
        return CheckResult(metrics: metrics, notes: notes)
    }
}
