import Foundation

/// Case and diacritic folding of one non-ASCII scalar: "É" -> "e", "ĳ" -> "ij", "ß" -> "ss".
enum CharacterFolding {
    /// Letters whose compatibility decomposition does not reach the ASCII a reader expects.
    private static let special: [Unicode.Scalar: String] = [
        "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
        "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ı": "i",
    ]

    static func appendFolded(_ scalar: Unicode.Scalar, to out: inout String) {
        if let replacement = special[scalar] {
            out += replacement
            return
        }
        // NFKD splits accents from letters and ligatures such as Dutch "ĳ" into "ij".
        let decomposed = String(Character(scalar)).lowercased().decomposedStringWithCompatibilityMapping
        for part in decomposed.unicodeScalars {
            let category = part.properties.generalCategory
            if category == .nonspacingMark || category == .spacingMark || category == .enclosingMark { continue }
            if part.value < 0x80 {
                out.unicodeScalars.append(part)
            } else {
                out.unicodeScalars.append(contentsOf: part.properties.lowercaseMapping.unicodeScalars)
            }
        }
    }
}
