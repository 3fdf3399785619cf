import Foundation

/// The one place numbers become text, so that tables, Markdown and CSV print the same digits on
/// every machine (no locale).
public enum NumberFormat {
    public static func fixed(_ v: Double, _ digits: Int) -> String {
        guard v.isFinite else { return v.isNaN ? "-" : (v > 0 ? "inf" : "-inf") }
        return String(format: "%.\(digits)f", locale: Locale(identifier: "en_US_POSIX"), v)
    }

    /// An integer with thin thousands separators (`1,409,463`).
    public static func grouped(_ v: Int) -> String {
        let s = String(v.magnitude)
        var out = ""
        for (i, c) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (v < 0 ? "-" : "") + out
    }

    /// Up to `significant` significant digits, for values of any magnitude (costs in USD).
    public static func significant(_ v: Double, _ significant: Int = 4) -> String {
        guard v.isFinite else { return fixed(v, 0) }
        if v == 0 { return "0" }
        let magnitude = Int(floor(log10(abs(v))))
        let digits = max(0, significant - 1 - magnitude)
        return fixed(v, min(digits, 12))
    }
}
