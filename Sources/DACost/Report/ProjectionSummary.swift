/// The answers a projection gives in a few lines, first in its report: the cheapest layer that can carry
/// the load, those that cannot and why, what outages and failover cost, and what each saving against
/// Ethereum trades away.
public enum ProjectionSummary {
    public static func lines(_ p: ProjectionSection) -> [String] {
        var out = [String]()
        let per30 = 30 / Double(max(1, p.horizonDays))
        func cost(_ l: ProjectionSection.Layer) -> String {
            "\(ProjectionRenderer.usd(l.totalUSD.p50 * per30)) per 30 days (P50; P95 \(ProjectionRenderer.usd(l.totalUSD.p95 * per30)))"
        }
        let layers = p.layers.filter { $0.security != nil }.sorted { ($0.totalUSD.p50, $0.layer) < ($1.totalUSD.p50, $1.layer) }
        let carries = layers.filter { $0.feasible && $0.backlogGrowsFromDay == nil }
        if let best = carries.first {
            out.append("Cheapest layer that carries the load: **\(best.layer)**, \(cost(best)).")
        } else {
            out.append("No layer carries the load: every one is over capacity at the start or builds a backlog that never drains.")
        }
        for l in layers where !(l.feasible && l.backlogGrowsFromDay == nil) {
            // A layer here is infeasible at the start, or its backlog grows, or both.
            var why = [String]()
            if let r = l.infeasibleReason { why.append("it \(r)") }
            if let d = l.backlogGrowsFromDay { why.append("the backlog grows from day \(d + 1) (up to \(ProjectionRenderer.backlogAmount(l)) waiting)") }
            out.append("Cannot carry the load: \(l.layer) (\(why.joined(separator: "; "))).")
        }
        for l in layers {
            guard let hours = l.congestedHours, let peak = l.peakPriceMultiple, hours.p95 > 0 else { continue }
            out.append("Congestion on \(l.layer): others' demand and the rollup's wanted more than the square for \(NumberFormat.fixed(hours.p50, 1)) h (P50; P95 \(NumberFormat.fixed(hours.p95, 1)) h); inclusion then cost up to \(NumberFormat.significant(peak.p50, 3))× the minimum gas price (P50; P95 \(NumberFormat.significant(peak.p95, 3))×).")
        }
        for l in layers {
            guard let r = l.refusals, r.submissions.p95 > 0 else { continue }
            out.append("Refusals on \(l.layer): its on-demand meter, full of others' traffic, refused \(NumberFormat.grouped(Int(r.submissions.p50.rounded()))) submissions (P50; P95 \(NumberFormat.grouped(Int(r.submissions.p95.rounded())))), posted to \(r.policy) for \(ProjectionRenderer.usd(r.usd.p50)) (P50; P95 \(ProjectionRenderer.usd(r.usd.p95))).")
        }
        for l in layers {
            guard let o = l.outage, let f = l.failover else { continue }
            var s = "Outages on \(l.layer): \(NumberFormat.fixed(o.hoursDegraded.p50, 1)) h down (P50; P95 \(NumberFormat.fixed(o.hoursDegraded.p95, 1)) h)"
            switch f.policy {
            case "wait": s += "; the batcher waits, holding up to \(NumberFormat.bytes(o.dataAtRiskBytes.p95)) unposted (P95)"
            case "halt": s += "; the chain halts, \(NumberFormat.grouped(Int(o.haltedSubmissions.p95.rounded()))) submissions never made (P95)"
            default:
                s += "; failover to \(f.policy) costs \(ProjectionRenderer.usd(f.usd.p50)) (P50; P95 \(ProjectionRenderer.usd(f.usd.p95)))"
            }
            out.append(s + ".")
        }
        for l in layers {
            guard let e = l.economics else { continue }
            let hole = "the cumulative P&L at its lowest \(EconomicsRenderer.usd(e.lowestCumulativePnlUSD.p50)) (P50; P5 \(EconomicsRenderer.usd(e.lowestCumulativePnlUSD.p5)))"
            if let h = e.timeToUnviableHours {
                out.append("Unviable on \(l.layer): on \(e.pathsUnviable) of \(p.paths) paths the cumulative P&L fell past −\(ProjectionRenderer.usd(p.lossThresholdUSD)), \(NumberFormat.fixed(h.p50, 1)) h after its last peak (P50; P5 \(NumberFormat.fixed(h.p5, 1)) h, P95 \(NumberFormat.fixed(h.p95, 1)) h); \(hole); margin over the horizon \(EconomicsRenderer.percent(e.marginPercent.p50)) (P50).")
            } else {
                out.append("Viable on \(l.layer): users' fees vs cost, margin \(EconomicsRenderer.percent(e.marginPercent.p50)) (P50; P5 \(EconomicsRenderer.percent(e.marginPercent.p5))); \(hole).")
            }
        }
        // Each alt-DA layer's saving against the cheapest Ethereum layer, and what it trades for it.
        let ethereum = layers.filter { $0.security?.guarantor == "Ethereum consensus" }
        if let base = ethereum.first {
            for l in layers where l.security?.guarantor != "Ethereum consensus" && l.totalUSD.p50 < base.totalUSD.p50 {
                guard let s = l.security, base.totalUSD.p50 > 0 else { continue }
                let saving = 100 * (1 - l.totalUSD.p50 / base.totalUSD.p50)
                // Two decimals near 100%: "100% less" would hide that it still costs something.
                let percent = saving >= 99 ? NumberFormat.fixed(saving, 2) : NumberFormat.compact(saving, 3)
                out.append("\(l.layer) costs \(percent)% less than \(base.layer)\(base.feasible ? "" : " (itself over capacity)")"
                           + " and trades for it: a user must trust \(s.userTrusts); retention \(s.retention).")
            }
        }
        return out
    }
}
