import DossierModel
import Foundation
import Testing

@testable import Reports
@testable import Screening

/// Calendar dates are plain arithmetic here; these tests hold it to Foundation's calendar.
@Suite("Calendar days")
struct DayTests {
    @Test("ordinal counts days from 1970-01-01 and turns back into the same day, leap years included")
    func ordinals() {
        #expect(Day(year: 1970, month: 1, day: 1).ordinal == 0)
        #expect(Day(year: 2000, month: 3, day: 1).ordinal - Day(year: 2000, month: 2, day: 28).ordinal == 2)
        #expect(Day(year: 2100, month: 3, day: 1).ordinal - Day(year: 2100, month: 2, day: 28).ordinal == 1)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let epoch = calendar.date(from: DateComponents(year: 1970, month: 1, day: 1))!
        for ordinal in stride(from: -800_000, through: 800_000, by: 997) {
            let day = Day(ordinal: ordinal)
            #expect(day.ordinal == ordinal)
            let components = calendar.dateComponents([.year, .month, .day], from: epoch.addingTimeInterval(Double(ordinal) * 86_400))
            // Foundation switches to the Julian calendar before 1582.
            if day.year >= 1600 { #expect((day.year, day.month, day.day) == (components.year!, components.month!, components.day!)) }
        }
    }

    @Test("dates print as YYYY-MM-DD with leading zeros")
    func description() {
        #expect(Day(year: 2026, month: 3, day: 7).description == "2026-03-07")
        #expect(Day(year: 987, month: 12, day: 31).description == "0987-12-31")
    }

    @Test("today is the Amsterdam date, also around midnight UTC and the DST changes")
    func today() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam")!
        let instants: [TimeInterval] = [
            0, 1_774_742_399, 1_774_742_400, 1_774_746_000, 1_792_879_200, 1_792_882_800, 1_796_000_000, 1_798_757_999, 1_798_758_000,
        ]
        for seconds in instants + (0..<50).map({ 1_700_000_000 + Double($0) * 3_600 * 7.3 }) {
            let date = Date(timeIntervalSince1970: seconds)
            let components = calendar.dateComponents([.year, .month, .day], from: date)
            let day = Day.today(now: date)
            #expect((day.year, day.month, day.day) == (components.year!, components.month!, components.day!), "\(seconds)")
        }
    }

    @Test("screenedAt is written as ISO8601DateFormatter writes internet date-times")
    func internetDateTime() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        for seconds in [0, 1_790_000_000.75, 951_782_400, 4_102_444_799, 1_234_567_890] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Screener.internetDateTime(date) == formatter.string(from: date))
        }
    }

    @Test("Reports give the screening time in Amsterdam time with its offset, summer and winter")
    func localTime() {
        #expect(ReportRenderer.localTime("2026-07-01T10:00:00Z", language: .nl) == "1 juli 2026 12:00 (UTC+02:00)")
        #expect(ReportRenderer.localTime("2026-11-30T23:30:00Z", language: .nl) == "1 december 2026 00:30 (UTC+01:00)")
        #expect(ReportRenderer.localTime("2026-11-30T06:21:00Z", language: .en) == "2026-11-30 07:21 (UTC+01:00)")
        #expect(ReportRenderer.localTime("not a time", language: .nl) == "not a time")
    }
}
