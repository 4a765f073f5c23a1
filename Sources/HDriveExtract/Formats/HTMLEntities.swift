/// The character references helper programs write into their HTML (`&amp;`, `&#233;`).
/// Real HTML goes through libxml2's parser, which knows all of them.
enum HTMLEntities {
    private static let named: [Substring: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'",
                                                     "nbsp": "\u{A0}"]

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let afterAmp = rest.index(after: amp)
            guard let semicolon = rest[afterAmp...].prefix(10).firstIndex(of: ";"),
                  let value = character(rest[afterAmp..<semicolon]) else {
                out += "&"
                rest = rest[afterAmp...]
                continue
            }
            out += value
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }

    private static func character(_ name: Substring) -> String? {
        if let value = named[name] { return value }
        guard name.first == "#" else { return nil }
        let digits = name.dropFirst()
        let number = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        return number.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
    }
}
