/// A non-negative number as decimal digits, so that rounding is done on the digits Excel
/// shows (2.675 to two places is 2.68, as in Excel) and not on the nearest binary double.
/// The value is 0.d₁d₂d₃… × 10^point.
struct DecimalDigits: Equatable {
    /// No leading or trailing zeros; empty for zero.
    private(set) var digits: [UInt8]
    private(set) var point: Int

    init(digits: [UInt8], point: Int) {
        self.digits = digits
        self.point = point
        normalize()
    }

    /// The shortest digits that read back as `value` (Swift's `description`), cut to the 15
    /// significant digits Excel keeps.
    init(_ value: Double) {
        digits = []
        point = 0
        guard value.isFinite, value != 0 else { return }
        // ASCII bytes, not Characters: this runs for every number cell.
        let text = Array(value.magnitude.description.utf8)
        let e = text.firstIndex(of: UInt8(ascii: "e")) ?? text.count
        var exponent = e < text.count ? Int(String(decoding: text[(e + 1)...], as: UTF8.self)) ?? 0 : 0
        var seenPoint = false
        for byte in text[..<e] {
            if byte == UInt8(ascii: ".") { seenPoint = true; continue }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { continue }
            digits.append(byte - UInt8(ascii: "0"))
            if !seenPoint { exponent += 1 }
        }
        point = exponent
        normalize()
        self = rounded(significant: 15)
    }

    var isZero: Bool { digits.isEmpty }

    /// The exponent of the leading digit in scientific notation (1234 is 3).
    var scientificExponent: Int { point - 1 }

    func shifted(by places: Int) -> DecimalDigits {
        isZero ? self : DecimalDigits(digits: digits, point: point + places)
    }

    func rounded(fractionDigits: Int) -> DecimalDigits {
        rounded(keeping: point + fractionDigits)
    }

    func rounded(significant: Int) -> DecimalDigits {
        rounded(keeping: significant)
    }

    /// Half away from zero after `keep` digits.
    private func rounded(keeping keep: Int) -> DecimalDigits {
        guard keep < digits.count else { return self }
        guard keep >= 0 else { return DecimalDigits(digits: [], point: 0) }
        var kept = Array(digits[0..<keep])
        var newPoint = point
        if digits[keep] >= 5 {
            var index = keep - 1
            while index >= 0 && kept[index] == 9 {
                kept[index] = 0
                index -= 1
            }
            if index >= 0 {
                kept[index] += 1
            } else {
                kept.insert(1, at: 0)
                newPoint += 1
            }
        }
        return DecimalDigits(digits: kept, point: newPoint)
    }

    /// The digits before the point, without leading zeros ("" for less than one).
    var integerDigits: String {
        guard point > 0 else { return "" }
        return String(decoding: (0..<point).map { 48 + ($0 < digits.count ? digits[$0] : 0) }, as: UTF8.self)
    }

    /// Exactly `count` digits after the point.
    func fractionDigits(_ count: Int) -> String {
        String(decoding: (0..<max(0, count)).map { offset -> UInt8 in
            let index = point + offset
            return 48 + (index >= 0 && index < digits.count ? digits[index] : 0)
        }, as: UTF8.self)
    }

    /// All the digits after the point, without trailing zeros.
    var allFractionDigits: String {
        fractionDigits(max(0, digits.count - point))
    }

    private mutating func normalize() {
        while let first = digits.first, first == 0 {
            digits.removeFirst()
            point -= 1
        }
        while let last = digits.last, last == 0 { digits.removeLast() }
        if digits.isEmpty { point = 0 }
    }
}
