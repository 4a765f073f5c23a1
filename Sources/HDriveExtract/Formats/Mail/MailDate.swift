/// RFC 5322 dates ("Wed, 21 Nov 2012 21:11:32 +0100") as ISO 8601, like every other date.
enum MailDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func iso8601(_ text: String) -> String? {
        let words = text.split { $0 == " " || $0 == "," }.map(String.init).filter { !$0.isEmpty }
        guard let monthIndex = words.firstIndex(where: { months.contains($0.prefix(3).lowercased()) }),
              monthIndex > 0, monthIndex + 2 < words.count,
              let day = Int(words[monthIndex - 1]), var year = Int(words[monthIndex + 1]),
              let month = months.firstIndex(of: words[monthIndex].prefix(3).lowercased()) else { return nil }
        if year < 100 { year += year < 50 ? 2000 : 1900 }
        let time = words[monthIndex + 2].split(separator: ":").compactMap { Int($0) }
        guard time.count >= 2 else { return nil }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var zone = ""
        if monthIndex + 3 < words.count, let sign = words[monthIndex + 3].first, sign == "+" || sign == "-",
           words[monthIndex + 3].count == 5 {
            let digits = words[monthIndex + 3].dropFirst()
            zone = "\(sign)\(digits.prefix(2)):\(digits.suffix(2))"
        }
        return "\(year)-\(two(month + 1))-\(two(day))T\(two(time[0])):\(two(time[1])):\(two(time.count > 2 ? time[2] : 0))\(zone)"
    }
}
