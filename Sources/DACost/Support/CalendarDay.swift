/// A day of the proleptic Gregorian calendar in UTC, read and written as `YYYY-MM-DD`. Scenario dates,
/// backtest rows and report days are all whole UTC days; plain arithmetic (Howard Hinnant's
/// days-from-civil) reads them exactly, refuses impossible days (2026-13-45, 2023-02-29) instead of
/// rolling them over as a lenient date formatter does, needs no locale, and costs nothing per call
/// (a `DateFormatter` parse was a tenth of a scenario load).
public struct CalendarDay: Equatable, Comparable, Hashable, Sendable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    /// The day `text` names, written exactly `YYYY-MM-DD` (four-digit year); nil for anything else.
    public init?(_ text: String) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func number(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(u[i]) else { return nil }
                v = v * 10 + Int(u[i] - UInt8(ascii: "0"))
            }
            return v
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10),
              (1...12).contains(m), d >= 1, d <= Self.daysIn(month: m, year: y) else { return nil }
        year = y; month = m; day = d
    }

    /// The UTC day holding `epochSeconds` (seconds since 1970-01-01 00:00 UTC; negative before).
    public init(epochSeconds: Int64) {
        // Floor division without negating (Int64.min has no positive counterpart).
        let days = epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds + 1) / 86_400 - 1
        // civil_from_days (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
        let z = Int(days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0); month = m; day = d
    }

    /// Days since 1970-01-01 (days_from_civil).
    public var daysSinceEpoch: Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int64(era * 146_097 + doe - 719_468)
    }

    /// Midnight UTC of this day, in seconds since 1970-01-01.
    public var epochSeconds: Int64 { daysSinceEpoch * 86_400 }

    /// The day `n` days later (earlier when negative).
    public func adding(days n: Int) -> CalendarDay { CalendarDay(epochSeconds: (daysSinceEpoch + Int64(n)) * 86_400) }

    public var description: String {
        func pad(_ v: Int, _ width: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, width - s.count)) + s }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    static func daysIn(month m: Int, year y: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Midnight UTC of the day `text` names, in seconds since 1970-01-01; nil unless it is a real day.
    public static func epochSeconds(_ text: String) -> Int64? { CalendarDay(text)?.epochSeconds }
}
