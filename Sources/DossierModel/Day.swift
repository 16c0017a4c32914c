import Foundation

/// A calendar date (YYYY-MM-DD). Date arithmetic for evidence ages and exclusion windows is
/// on calendar dates: "not older than N at D" means D <= date + N, a month later is the same
/// day of the next month (the last day when it has none).
public struct Day: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, tolerating a time-zone or time suffix (`2019-11-21+01:00`, `…T10:00`).
    public init?(_ text: String) {
        let digits = text.trimmingBlanks()
        guard digits.count >= 10 else { return nil }
        let parts = digits.prefix(10).split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            parts[0].count == 4, (1...12).contains(m), (1...Day.daysIn(month: m, year: y)).contains(d)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a date (YYYY-MM-DD)")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public var description: String { Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2) }

    /// As a Dutch sentence writes a date: 15 oktober 2026.
    public var dutch: String {
        let months = [
            "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december",
        ]
        return "\(day) \(months[max(0, min(11, month - 1))]) \(year)"
    }

    public static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's days_from_civil).
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `ordinal` days after 1970-01-01 (civil_from_days).
    public init(ordinal: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yearOfEra + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// Adds months, clamping the day to the month's length (31 Aug + 6 months = 28/29 Feb).
    public func adding(months: Int) -> Day {
        let total = year * 12 + (month - 1) + months
        let y = total / 12
        let m = total % 12 + 1
        return Day(year: y, month: m, day: min(day, Day.daysIn(month: m, year: y)))
    }

    public func adding(years: Int) -> Day { adding(months: years * 12) }

    /// Today in the Netherlands. (Plain arithmetic on the zone's offset: a Gregorian `Calendar`
    /// costs more to create than the rest of a screening's date handling.)
    public static func today(now: Date = Date()) -> Day {
        let offset = TimeZone(identifier: "Europe/Amsterdam")?.secondsFromGMT(for: now) ?? 3600
        return split(unixSeconds: Int(now.timeIntervalSince1970.rounded(.down)) + offset).day
    }

    /// The day `seconds` after 1970-01-01T00:00 falls on, and the seconds into that day (rounded
    /// down, also before 1970).
    public static func split(unixSeconds seconds: Int) -> (day: Day, secondOfDay: Int) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return (Day(ordinal: days), seconds - days * 86_400)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
