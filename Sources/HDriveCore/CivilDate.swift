/// The proleptic Gregorian date of a day count, without Foundation's Calendar (called for every
/// document and every date cell).
public enum CivilDate {
    /// Year, month (1-12) and day (1-31) of the day `days` after 1970-01-01 (negative: before).
    /// Howard Hinnant's civil_from_days.
    public static func from(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The days since 1970-01-01 of a moment, rounded down (so before 1970 too).
    public static func days(unixSeconds: Int64) -> Int {
        Int(unixSeconds >= 0 ? unixSeconds / 86_400 : (unixSeconds - 86_399) / 86_400)
    }

    /// A moment as ISO 8601 in UTC, `2008-03-14T09:26:53Z`, as Foundation's `.iso8601` style
    /// writes it (the year padded to four digits); a search writes one per hit.
    public static func iso8601(unixSeconds: Int64) -> String {
        let days = days(unixSeconds: unixSeconds)
        let secondsOfDay = Int(unixSeconds - Int64(days) * 86_400)
        let (year, month, day) = from(daysSince1970: days)
        var out: [UInt8] = []
        out.reserveCapacity(24)
        if year < 0 { out.append(UInt8(ascii: "-")) }
        func digits(_ value: Int, _ width: Int) {
            let text = String(value)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, width - text.utf8.count)))
            out.append(contentsOf: text.utf8)
        }
        digits(abs(year), 4)
        for (separator, value) in [("-", month), ("-", day), ("T", secondsOfDay / 3600), (":", secondsOfDay / 60 % 60), (":", secondsOfDay % 60)] {
            out.append(UInt8(ascii: separator.unicodeScalars.first!))
            digits(value, 2)
        }
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }
}
