/// Order statistics used in tables and reports.
public enum Percentile {
    /// Linear interpolation between closest ranks (the "type 7" definition used by numpy and R),
    /// so that values are comparable with what an analyst computes elsewhere. `p` in 0...100.
    public static func of(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        if sorted.count == 1 { return sorted[0] }
        let rank = p / 100 * Double(sorted.count - 1)
        let lo = Int(rank.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - Double(lo))
    }

    /// The median of unsorted values.
    public static func median(_ values: [Double]) -> Double { of(values.sorted(), 50) }
}
