/// Formats a `CheckResult` for a person (table, Markdown) and for CI tools (JUnit XML,
/// github-action-benchmark's `customSmallerIsBetter` JSON).
public enum CheckRenderer {
    static func value(_ v: Double?, _ unit: String) -> String {
        guard let v else { return "-" }
        switch unit {
        case "bytes": return NumberFormat.grouped(Int(v.rounded()))
        case "bytes/tx": return NumberFormat.fixed(v, 2)
        case "USD": return "$" + NumberFormat.significant(v, 5)
        case "ratio": return NumberFormat.fixed(v, 5)
        default: return NumberFormat.fixed(v, 1)
        }
    }

    static func change(_ m: CheckedMetric) -> String {
        guard let c = m.changePercent else { return "-" }
        return (c >= 0 ? "+" : "") + NumberFormat.fixed(c, 2) + "%"
    }

    static let statusOrder: [CheckedMetric.Status] = [.regressed, .improved, .libraryChanged, .notComparable, .new, .missing, .ok]

    /// Worst first, so a reader sees what failed without scrolling.
    static func ordered(_ r: CheckResult) -> [CheckedMetric] {
        r.metrics.enumerated().sorted { a, b in
            let ia = statusOrder.firstIndex(of: a.element.status) ?? 9, ib = statusOrder.firstIndex(of: b.element.status) ?? 9
            return (ia, a.offset) < (ib, b.offset)
        }.map(\.element)
    }

    public static func table(_ r: CheckResult) -> TextTable {
        var t = TextTable(headers: ["status", "metric", "what", "baseline", "now", "change", "tolerance"],
                          alignments: [.left, .left, .left, .right, .right, .right, .right])
        for m in ordered(r) {
            t.rows.append([m.status.rawValue, m.metric, m.key, value(m.baseline, m.unit), value(m.current, m.unit), change(m),
                           "±" + NumberFormat.significant(m.tolerancePercent, 3) + "%"])
        }
        return t
    }

    public static func summary(_ r: CheckResult) -> String {
        let count = { (s: CheckedMetric.Status) in r.metrics.filter { $0.status == s }.count }
        var line = "\(r.metrics.count) metrics: \(count(.regressed)) regressed, \(count(.improved)) improved, \(count(.ok)) within tolerance"
        if count(.missing) > 0 { line += ", \(count(.missing)) missing" + (r.missingFails ? " (a failure)" : " (allowed)") }
        let other = count(.libraryChanged) + count(.notComparable) + count(.new) + (r.missingFails ? 0 : count(.missing))
        if other > 0 { line += ", \(other) not judged" }
        return line
    }

    /// On screen: what is not within tolerance, and the chain's own configuration (batcher codec rows).
    /// On screen; `failuresOnly` (for `--quiet`) keeps only the regressed and missing metrics.
    public static func screen(_ r: CheckResult, all: Bool = false, failuresOnly: Bool = false) -> String {
        var out = failuresOnly ? "" : r.notes.map { "note: \($0)\n" }.joined()
        var t = table(r)
        if failuresOnly {
            let keep = ordered(r).map { $0.status == .regressed || (r.missingFails && $0.status == .missing) }
            t.rows = zip(t.rows, keep).filter { $0.1 }.map { $0.0 }
        } else if !all {
            let keep = ordered(r).map { $0.status != .ok || $0.key.hasSuffix("(batcher codec)") || !$0.key.contains(" / ") }
            t.rows = zip(t.rows, keep).filter { $0.1 }.map { $0.0 }
        }
        out += t.render(.table)
        out += summary(r) + "\n"
        if r.missingFails, !r.missing.isEmpty {
            out += missingExplanation(r)
        }
        if r.improved { out += "Improvements found: refresh the baseline with --update once they are intended.\n" }
        return out
    }

    /// Names every metric that went missing, and how to accept that.
    static func missingExplanation(_ r: CheckResult) -> String {
        var out = "Missing from this run (in the baseline, not measured now): "
        out += r.missing.map(\.name).joined(separator: ", ") + ".\n"
        return out + "A metric that disappears fails the check: measure it again, or pass --allow-missing if dropping it is intended.\n"
    }

    public static func markdown(_ r: CheckResult) -> String {
        let verdict = r.regressed ? "regression ❌" : r.failed ? "metrics missing ❌" : "no regression ✅"
        var md = "## dacost check: " + verdict + "\n\n"
        md += summary(r) + ".\n\n"
        for n in r.notes { md += "> \(n)\n\n" }
        let shown = ordered(r).filter { $0.status != .ok }
        if shown.isEmpty {
            md += "Every metric is within tolerance.\n"
        } else {
            var t = table(r)
            t.rows = t.rows.filter { $0.first != CheckedMetric.Status.ok.rawValue }
            md += t.render(.markdown)
        }
        if r.missingFails, !r.missing.isEmpty { md += "\n" + missingExplanation(r) }
        if r.improved { md += "\nImprovements found: refresh the baseline with `dacost check --update` once they are intended.\n" }
        return md
    }

    /// XML text and double-quoted attribute values need what HTML does.
    static func xml(_ s: String) -> String { Markup.escape(s) }

    /// JUnit XML: one test case per metric; regressions fail, unjudged metrics are skipped.
    public static func junit(_ r: CheckResult, suite: String = "dacost check") -> String {
        let fails = { (m: CheckedMetric) in m.status == .regressed || (r.missingFails && m.status == .missing) }
        let failures = r.metrics.filter(fails).count
        let skipped = r.metrics.filter { !fails($0) && [.libraryChanged, .notComparable, .new, .missing].contains($0.status) }.count
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        x += "<testsuites name=\"\(xml(suite))\" tests=\"\(r.metrics.count)\" failures=\"\(failures)\">\n"
        x += "  <testsuite name=\"\(xml(suite))\" tests=\"\(r.metrics.count)\" failures=\"\(failures)\" skipped=\"\(skipped)\" errors=\"0\">\n"
        if !r.notes.isEmpty {
            x += "    <properties>\n" + r.notes.map { "      <property name=\"note\" value=\"\(xml($0))\"/>\n" }.joined() + "    </properties>\n"
        }
        for m in r.metrics {
            x += "    <testcase classname=\"dacost.\(xml(m.metric))\" name=\"\(xml(m.key))\">\n"
            let detail = "\(m.metric) [\(m.key)]: baseline \(value(m.baseline, m.unit)), now \(value(m.current, m.unit)), change \(change(m)), tolerance ±\(NumberFormat.significant(m.tolerancePercent, 3))%"
            switch m.status {
            case .regressed: x += "      <failure message=\"\(xml(detail))\" type=\"regression\">\(xml(detail))</failure>\n"
            case .missing where r.missingFails:
                x += "      <failure message=\"\(xml("missing: " + detail))\" type=\"missing\">\(xml("in the baseline, not measured now"))</failure>\n"
            case .libraryChanged, .notComparable, .new, .missing: x += "      <skipped message=\"\(xml(m.status.rawValue + ": " + detail))\"/>\n"
            case .ok, .improved: x += "      <system-out>\(xml(detail))</system-out>\n"
            }
            x += "    </testcase>\n"
        }
        return x + "  </testsuite>\n</testsuites>\n"
    }

    /// github-action-benchmark `customSmallerIsBetter`: `[{"name", "unit", "value"}]`; speeds become
    /// seconds per GB so that smaller stays better.
    public static func benchmarkJSON(_ r: CheckResult) throws -> [UInt8] {
        struct Entry: Encodable { let name: String; let unit: String; let value: Double; let extra: String }
        var entries = [Entry]()
        for m in r.metrics {
            guard let v = m.current else { continue }
            if m.smallerIsBetter {
                entries.append(Entry(name: m.name, unit: m.unit, value: v, extra: "baseline \(value(m.baseline, m.unit))"))
            } else if v > 0 {
                entries.append(Entry(name: m.name.replacingOccurrences(of: "_mb_s", with: "_s_per_gb"), unit: "s/GB", value: 1000 / v,
                                     extra: "\(NumberFormat.fixed(v, 1)) MB/s"))
            }
        }
        return try JSONOutput.encode(entries)
    }
}
