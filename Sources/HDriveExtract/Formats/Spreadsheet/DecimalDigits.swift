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
        let text = value.magnitude.description
        let parts = text.split(separator: "e", maxSplits: 1)
        var exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        var seenPoint = false
        for character in parts[0] {
            if character == "." { seenPoint = true; continue }
            guard let digit = character.wholeNumberValue else { continue }
            digits.append(UInt8(digit))
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
        return String((0..<point).map { Character(String($0 < digits.count ? digits[$0] : 0)) })
    }

    /// Exactly `count` digits after the point.
    func fractionDigits(_ count: Int) -> String {
        String((0..<count).map { offset -> Character in
            let index = point + offset
            return Character(String(index >= 0 && index < digits.count ? digits[index] : 0))
        })
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
