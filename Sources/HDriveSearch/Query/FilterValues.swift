import Foundation
import HDriveCore

/// Values of `modified:`, `after:`, `before:` and `size:` as people type them.
enum FilterValues {
    /// "2008", "2008-03", "2008-03-15", or a range "2008-01..2010-06" (either side may be empty):
    /// the start of the first period and the end (exclusive) of the last, in unix ns, UTC.
    static func dateRange(_ text: String) -> (from: Int64?, until: Int64?)? {
        if let dots = text.range(of: "..") {
            let left = String(text[..<dots.lowerBound]), right = String(text[dots.upperBound...])
            let from = left.isEmpty ? nil : period(left)
            let until = right.isEmpty ? nil : period(right)
            if (!left.isEmpty && from == nil) || (!right.isEmpty && until == nil) || (from == nil && until == nil) { return nil }
            return (from?.start, until?.end)
        }
        guard let single = period(text) else { return nil }
        return (single.start, single.end)
    }

    /// One year, month or day.
    static func period(_ text: String) -> (start: Int64, end: Int64)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...3).contains(parts.count), parts.allSatisfy({ $0 != nil }) else { return nil }
        let numbers = parts.map { $0! }
        guard (1900...2200).contains(numbers[0]) else { return nil }
        var start = DateComponents(year: numbers[0], month: 1, day: 1)
        var end = DateComponents(year: numbers[0] + 1, month: 1, day: 1)
        if numbers.count >= 2 {
            guard (1...12).contains(numbers[1]) else { return nil }
            start.month = numbers[1]
            end = DateComponents(year: numbers[0], month: numbers[1] + 1, day: 1)
        }
        if numbers.count == 3 {
            guard (1...31).contains(numbers[2]) else { return nil }
            start.day = numbers[2]
            end = DateComponents(year: numbers[0], month: numbers[1], day: numbers[2] + 1)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let from = calendar.date(from: start), let until = calendar.date(from: end) else { return nil }
        return (Int64(from.timeIntervalSince1970) * 1_000_000_000, Int64(until.timeIntervalSince1970) * 1_000_000_000)
    }

    /// ">10mb", ">=1g", "<500k", "1mb..5mb".
    static func sizeRange(_ text: String) -> (atLeast: Int64?, below: Int64?)? {
        if let dots = text.range(of: "..") {
            let low = ByteCount.parse(String(text[..<dots.lowerBound]))
            let high = ByteCount.parse(String(text[dots.upperBound...]))
            guard low != nil || high != nil else { return nil }
            return (low, high.map { $0 + 1 })
        }
        for op in [">=", "<=", ">", "<"] where text.hasPrefix(op) {
            guard let value = ByteCount.parse(String(text.dropFirst(op.count))) else { return nil }
            switch op {
            case ">=": return (value, nil)
            case "<=": return (nil, value + 1)
            case ">": return (value + 1, nil)
            default: return (nil, value)
            }
        }
        return nil
    }
}
