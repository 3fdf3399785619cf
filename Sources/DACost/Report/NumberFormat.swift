import Foundation

/// The one place numbers become text, so that tables, Markdown and CSV print the same digits on
/// every machine (no locale).
public enum NumberFormat {
    public static func fixed(_ v: Double, _ digits: Int) -> String {
        guard v.isFinite else { return v.isNaN ? "-" : (v > 0 ? "inf" : "-inf") }
        // C's printf: the exact binary value, rounded. `String(format:locale:)` gives the same digits through
        // ICU at a hundred times the cost, which the reports' thousands of numbers made a tenth of a run.
        let precision = max(0, min(digits, 20))
        // %f of the largest Double is 309 digits, plus sign, decimal point and 20 decimals.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 352) { buffer in
            let n = withVaList([Int32(precision), v]) { args in
                buffer.withMemoryRebound(to: CChar.self) { vsnprintf($0.baseAddress, $0.count, "%.*f", args) }
            }
            let text = UnsafeBufferPointer(rebasing: buffer[0..<max(0, min(Int(n), buffer.count - 1))])
            // Whatever the process locale makes of the decimal point (a comma, or several bytes), it sits
            // between the integer digits and the last `precision` digits: write a '.' there.
            guard precision > 0, let intEnd = text.firstIndex(where: { $0 != UInt8(ascii: "-") && !(0x30...0x39).contains($0) }),
                  text.count - precision > intEnd else { return String(decoding: text, as: UTF8.self) }
            return String(decoding: text[..<intEnd], as: UTF8.self) + "." + String(decoding: text[(text.count - precision)...], as: UTF8.self)
        }
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

    /// A measured or computed amount rounded to a whole number with separators; past what an `Int` holds
    /// (or not finite), in significant digits instead of trapping.
    public static func grouped(_ v: Double) -> String {
        guard v.isFinite, abs(v) < 9e18 else { return significant(v) }
        return grouped(Int(v.rounded()))
    }

    /// Up to `significant` significant digits, for values of any magnitude (costs in USD).
    public static func significant(_ v: Double, _ significant: Int = 4) -> String {
        guard v.isFinite else { return fixed(v, 0) }
        if v == 0 { return "0" }
        let magnitude = Int(floor(log10(abs(v))))
        let digits = max(0, significant - 1 - magnitude)
        return fixed(v, min(digits, 12))
    }

    /// A chart tick's amount in short scale, three significant digits: 950, 12.3k, 1M, 96.2B, 1T.
    public static func shortScale(_ v: Double) -> String {
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")]
        for (scale, unit) in units where abs(v) >= scale { return compact(v / scale, 3) + unit }
        return compact(v, 3)
    }

    /// A byte count in decimal units for prose, three significant digits: 950 B, 12.3 MB, 564 GB.
    public static func bytes(_ v: Double) -> String {
        let units: [(Double, String)] = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")]
        for (scale, unit) in units where abs(v) >= scale { return compact(v / scale, 3) + " " + unit }
        return compact(v, 3) + " B"
    }

    /// Up to `significant` digits without trailing zeros, for prose: 20, 0.5, 6.25.
    public static func compact(_ v: Double, _ significant: Int = 4) -> String {
        var s = self.significant(v, significant)
        guard s.contains("."), v.isFinite else { return s }
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
