import HDriveCore

/// Dates and times in number formats. A cell holds a serial number: days since the
/// workbook's epoch, the time of day as the fraction.
enum DateRendering {
    private static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                                 "September", "October", "November", "December"]
    private static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    private static let dutchMonths = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                                      "september", "oktober", "november", "december"]
    private static let dutchMonthAbbreviations = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    private static let dutchWeekdays = ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"]
    /// 9999-12-31, the last day Excel shows.
    private static let lastSerial = 2_958_466.0

    /// The text, or nil when the serial is no date Excel shows (it shows "####").
    static func render(_ tokens: [FormatToken], serial: Double, date1904: Bool) -> String? {
        guard serial >= 0, serial < lastSerial else { return nil }
        // Rounded to the smallest unit shown: Excel shows 0:59:59.6 as 1:00:00.
        let places = tokens.reduce(0) { places, token in if case .subsecond(let count) = token { max(places, min(count, 3)) } else { places } }
        let unitsPerSecond = [1, 10, 100, 1000][places]
        let units = Int64((serial * 86_400 * Double(unitsPerSecond)).rounded())
        let totalSeconds = units / Int64(unitsPerSecond)
        let days = Int(totalSeconds / 86_400)
        let secondOfDay = Int(totalSeconds % 86_400)
        let (year, month, day, weekday) = civil(days, date1904: date1904)
        let hour = secondOfDay / 3600
        let twelveHour = tokens.contains { if case .ampm = $0 { true } else { false } }
        let dutch = tokens.contains(.dutch)
        let monthNames = dutch ? dutchMonths : months
        let dayNames = dutch ? dutchWeekdays : weekdays
        var out = ""
        for token in tokens {
            switch token {
            case .year(let count): out += count <= 2 ? pad(year % 100, 2) : String(year)
            case .month(let count):
                switch count {
                case 1, 2: out += pad(month, count)
                case 3: out += dutch ? dutchMonthAbbreviations[month - 1] : String(months[month - 1].prefix(3))
                case 4: out += monthNames[month - 1]
                default: out += String(monthNames[month - 1].prefix(1))
                }
            case .day(let count):
                switch count {
                case 1, 2: out += pad(day, count)
                case 3: out += String(dayNames[weekday].prefix(dutch ? 2 : 3))
                default: out += dayNames[weekday]
                }
            case .hour(let count): out += pad(twelveHour ? (hour + 11) % 12 + 1 : hour, count)
            case .minute(let count): out += pad(secondOfDay / 60 % 60, count)
            case .second(let count): out += pad(secondOfDay % 60, count)
            case .elapsed(let unit, let count):
                let divisor: Int64 = unit == "h" ? 3600 : unit == "m" ? 60 : 1
                out += pad(Int(totalSeconds / divisor), count)
            case .subsecond(let count):
                out += "." + String(pad(Int(units % Int64(unitsPerSecond)), places).prefix(count))
            case .ampm(let am, let pm): out += hour < 12 ? am : pm
            case .literal(let text): out += text
            case .slash: out += "/"
            case .point: out += "."
            case .comma: out += ","
            case .percent: out += "%"
            default: break
            }
        }
        return out
    }

    /// Year, month, day and weekday (0 is Sunday) of a day number. Excel's 1900 system counts
    /// 29 February 1900, which never was, so that Lotus 1-2-3 files kept their dates.
    static func civil(_ serialDay: Int, date1904: Bool) -> (Int, Int, Int, Int) {
        if !date1904 {
            if serialDay == 0 { return (1900, 1, 0, 6) }
            if serialDay == 60 { return (1900, 2, 29, 3) }
        }
        let unixDay = date1904 ? serialDay - 24_107 : serialDay < 60 ? serialDay - 25_568 : serialDay - 25_569
        let weekday = date1904 ? ((unixDay + 4) % 7 + 7) % 7 : (serialDay + 6) % 7
        let date = CivilDate.from(daysSince1970: unixDay)
        return (date.year, date.month, date.day, weekday)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return width > text.count ? String(repeating: "0", count: width - text.count) + text : text
    }
}
