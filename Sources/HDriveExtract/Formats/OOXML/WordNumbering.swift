import HDriveCore

/// List labels of WordprocessingML ("1)", "a.", "iii)", "1.1.1."), from `word/numbering.xml`.
/// Word stores only the rule; the number a reader sees (and searches for) is counted while
/// reading, per abstract list, restarting deeper levels when a shallower one moves on.
struct WordNumbering {
    struct Level {
        var start = 1
        var format = "decimal"
        /// "%1.%2." : level numbers in the pattern; nil when the level shows no label.
        var pattern: String?
    }

    private var abstracts: [String: [Int: Level]] = [:]
    /// numId -> (abstractNumId, start overrides per level)
    private var instances: [String: (abstract: String, starts: [Int: Int])] = [:]
    private var counters = ListCounters()
    private var startedInstances: Set<String> = []

    static func read(_ package: OOXMLPackage) -> WordNumbering {
        var numbering = WordNumbering()
        let part = package.relationships(of: "word/document.xml").first { $0.kind == "numbering" }?.target
            ?? "word/numbering.xml"
        var abstract: String?
        var instance: String?
        var level = 0
        var overrideLevel = 0
        try? package.read(part) { event, reader in
            guard case .start(let name) = event, OOXMLNames.isWord(name.namespace) else { return }
            // Only some elements have a value worth an attribute lookup, which allocates.
            var value: String? { reader.attribute("val", namespace: name.namespace) }
            switch name.local {
            case "abstractNum":
                abstract = reader.attribute("abstractNumId", namespace: name.namespace)
                instance = nil
            case "num":
                instance = reader.attribute("numId", namespace: name.namespace)
                abstract = nil
            case "lvl":
                level = Int(reader.attribute("ilvl", namespace: name.namespace) ?? "") ?? 0
                if let abstract { numbering.abstracts[abstract, default: [:]][level] = Level() }
            case "start": if let abstract, let start = value.flatMap({ Int($0) }) { numbering.abstracts[abstract]?[level]?.start = start }
            case "numFmt": if let abstract, let value { numbering.abstracts[abstract]?[level]?.format = value }
            case "lvlText": if let abstract { numbering.abstracts[abstract]?[level]?.pattern = value }
            case "abstractNumId": if let instance, let value { numbering.instances[instance] = (value, [:]) }
            case "lvlOverride": overrideLevel = Int(reader.attribute("ilvl", namespace: name.namespace) ?? "") ?? 0
            case "startOverride":
                if let instance, let start = value.flatMap({ Int($0) }) { numbering.instances[instance]?.starts[overrideLevel] = start }
            default: break
            }
        }
        return numbering
    }

    /// The label of the next paragraph in list `numId` at `level`, advancing the count.
    mutating func nextLabel(numId: String, level: Int) -> String? {
        guard let instance = instances[numId], let levels = abstracts[instance.abstract], (0..<9).contains(level) else {
            return nil
        }
        let restart = startedInstances.insert(numId).inserted ? Array(instance.starts.keys) : []
        let numbers = counters.advance(instance.abstract, level: level, restart: restart) { shown in
            instance.starts[shown] ?? levels[shown]?.start ?? 1
        }
        guard let pattern = levels[level]?.pattern, levels[level]?.format != "bullet", levels[level]?.format != "none" else {
            return nil
        }
        var label = pattern
        for (shown, count) in numbers.enumerated() {
            label = label.replacing("%\(shown + 1)", with: ListNumberFormat.format(count, as: levels[shown]?.format ?? "decimal"))
        }
        return label
    }
}

/// Numbers as list formats show them.
enum ListNumberFormat {
    static func format(_ number: Int, as format: String) -> String {
        switch format {
        case "lowerLetter": letters(number).lowercased()
        case "upperLetter": letters(number)
        case "lowerRoman": roman(number).lowercased()
        case "upperRoman": roman(number)
        case "decimalZero": number < 10 ? "0\(number)" : "\(number)"
        default: "\(number)"
        }
    }

    /// a..z, then aa..zz (Word repeats the letter).
    static func letters(_ number: Int) -> String {
        guard number > 0 else { return "\(number)" }
        let letter = Character(Unicode.Scalar(UInt8(65 + (number - 1) % 26)))
        return String(repeating: letter, count: (number - 1) / 26 + 1)
    }

    static func roman(_ number: Int) -> String {
        guard number > 0 && number < 4000 else { return "\(number)" }
        let values = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                      (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = number
        var out = ""
        for (value, digits) in values {
            while rest >= value { out += digits; rest -= value }
        }
        return out
    }
}
