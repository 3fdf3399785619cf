/// Each layer's monthly cost beside what guarantees its data: the trade-off an architect weighs, with
/// the layers no other beats on both (more stake behind it for less money) marked as the frontier.
public enum CostSecurity {
    public struct Point: Equatable, Sendable {
        public var layer: String
        /// P50 spend scaled to 30 days (USD).
        public var costPer30DaysUSD: Double
        public var stakeUSD: Double?
        public var feasible: Bool
    }

    /// The projection's layers as points (the DA switch's combined row left out: it has no security of its own).
    public static func points(_ p: ProjectionSection) -> [Point] {
        p.layers.compactMap { l in
            guard let s = l.security else { return nil }
            return Point(layer: l.layer, costPer30DaysUSD: l.totalUSD.p50 * 30 / Double(max(1, p.horizonDays)),
                         stakeUSD: s.stakeUSD, feasible: l.feasible)
        }
    }

    /// The feasible layers with a known stake that no other such layer dominates (as much stake or more
    /// for as little or less, better in one); cheapest first.
    public static func frontier(_ points: [Point]) -> [String] {
        let known = points.filter { $0.feasible && $0.stakeUSD != nil }
        return known.filter { a in
            !known.contains { b in
                guard let sa = a.stakeUSD, let sb = b.stakeUSD, b.layer != a.layer else { return false }
                return sb >= sa && b.costPer30DaysUSD <= a.costPer30DaysUSD && (sb > sa || b.costPer30DaysUSD < a.costPer30DaysUSD)
            }
        }.sorted { $0.costPer30DaysUSD < $1.costPer30DaysUSD }.map(\.layer)
    }

    /// The Markdown table: cost, feasibility, guarantor, committee, stake, retention, trust, frontier.
    static func table(_ p: ProjectionSection) -> TextTable? {
        let pts = points(p)
        guard !pts.isEmpty else { return nil }
        let onFrontier = Set(frontier(pts))
        var t = TextTable(headers: ["layer", "cost / 30 days (P50)", "feasible", "guarantor", "committee", "stake behind it", "retention",
                                    "a user must trust", "frontier"])
        for pt in pts.sorted(by: { $0.costPer30DaysUSD < $1.costPer30DaysUSD }) {
            guard let s = p.layers.first(where: { $0.layer == pt.layer })?.security else { continue }
            let stake = s.stakeUSD.map { ProjectionRenderer.usd($0) + " (" + s.stakeBasis + ")" } ?? s.stakeBasis
            t.rows.append([pt.layer, ProjectionRenderer.usd(pt.costPer30DaysUSD), pt.feasible ? "yes" : "no", s.guarantor, s.committee, stake,
                           s.retention, s.userTrusts, onFrontier.contains(pt.layer) ? "yes" : "-"])
        }
        return t
    }
}
