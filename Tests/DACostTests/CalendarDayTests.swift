import Foundation
import Testing
@testable import DACost

struct CalendarDayTests {
    /// Published instants: the Unix epoch, Cancun on mainnet (2024-03-13 13:55:35 UTC = 1710338135,
    /// EIP-7569), and leap-day rules (2000 is a leap year, 1900 and 2023 are not).
    @Test func readsRealDaysAndRefusesImpossibleOnes() {
        #expect(CalendarDay.epochSeconds("1970-01-01") == 0)
        let cancun: Int64 = 1_710_338_135, sinceMidnight: Int64 = 13 * 3600 + 55 * 60 + 35
        #expect(CalendarDay.epochSeconds("2024-03-13") == cancun - sinceMidnight)
        #expect(CalendarDay("2000-02-29") != nil && CalendarDay("2024-02-29") != nil)
        for bad in ["1900-02-29", "2023-02-29", "2026-13-45", "2026-04-31", "2026-00-10", "2026-01-00", "2026-1-01", "2026/01/01", "2026-01-01 ", "+026-01-01", "２０２６-01-01"] {
            #expect(CalendarDay(bad) == nil, "\(bad)")
        }
        #expect(CalendarDay(epochSeconds: -1).description == "1969-12-31")
        // The extremes read without trapping (floor division, no negation of Int64.min).
        #expect(CalendarDay(epochSeconds: .min).year < 0 && CalendarDay(epochSeconds: .max).year > 9999)
        #expect(CalendarDay("2026-12-31")?.adding(days: 1).description == "2027-01-01")
    }

    /// Every day from 1900 to 2100 reads and writes back as Foundation's UTC calendar has it.
    @Test func agreesWithFoundationEveryDayFor200Years() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let first = try #require(CalendarDay.epochSeconds("1900-01-01"))
        for n in 0..<(201 * 366) {
            let seconds = first + Int64(n) * 86_400
            let day = CalendarDay(epochSeconds: seconds)
            let c = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(seconds)))
            guard day.year == c.year, day.month == c.month, day.day == c.day, CalendarDay(day.description)?.epochSeconds == seconds else {
                Issue.record("day \(n): \(day) vs \(c)")
                return
            }
        }
    }
}
