import HDriveIndex
import HDriveText

/// A query word and the indexed terms that count as it, each with a weight.
struct TermGroup: Equatable {
    var word: String
    var members: [(term: String, weight: Double)]

    static func == (lhs: TermGroup, rhs: TermGroup) -> Bool {
        lhs.word == rhs.word && lhs.members.map(\.term) == rhs.members.map(\.term)
            && lhs.members.map(\.weight) == rhs.members.map(\.weight)
    }
}

/// Expands a query word against the index's own vocabulary, so that one index serves Dutch and
/// English: the word itself; words sharing its Dutch or English Snowball stem ("begrotingen",
/// "budgets"); and Dutch compounds that have it as head or modifier ("waterschapsbegroting" for
/// "begroting", "leermanagementsysteem" for "leermanagement" and "systeem"), where the rest of
/// the compound is itself an indexed word (possibly with a linking -s- or -e-).
struct QueryExpander {
    var stemmers: Stemmers
    var maxMembers = 64
    /// Stemmed variants rank as the word itself; compounds a little lower than an exact match.
    var compoundWeight = 0.6
    /// Shorter words are too often accidental parts of longer ones ("rand" in "strand").
    var minCompoundPart = 4
    /// A part this long counts even when the vocabulary lacks it on its own: a small share may
    /// hold "brandveiligheid" without ever writing "brand".
    var minUnconfirmedPart = 5

    func expand(_ word: String, in snapshot: IndexSnapshot) throws -> TermGroup {
        var members: [(String, Double)] = [(word, 1.0)]
        var seen: Set<String> = [word]
        func add(_ term: String, _ weight: Double) {
            guard members.count < maxMembers, seen.insert(term).inserted else { return }
            members.append((term, weight))
        }
        for stemmer in stemmers.all {
            for term in try snapshot.terms(withStem: stemmer.stem(word), in: stemmer.language, limit: maxMembers) {
                add(term, 1.0)
            }
        }
        guard word.unicodeScalars.count >= minCompoundPart,
              !word.unicodeScalars.allSatisfy({ $0.properties.numericType != nil }) else {
            return TermGroup(word: word, members: members)
        }
        let frequency = try snapshot.documentFrequency(of: word)
        // Compounds whose head is the word in any inflection: the Dutch stem of
        // "waterschapsbegrotingen" ends with the stem of "begroting".
        let dutchStem = stemmers.stem(word, in: .dutch) ?? word
        if dutchStem.unicodeScalars.count >= minCompoundPart {
            for (term, modifier) in try snapshot.terms(withDutchStemSuffix: dutchStem, limit: 512) where !seen.contains(term) {
                if try isCompoundPart(modifier, linking: .trailing, snapshot),
                   try isRarerThanItsParts(term, frequency, modifier, linking: .trailing, snapshot) { add(term, compoundWeight) }
            }
        }
        // Snowball's Dutch stems depend on the word's length ("veiligheid" -> "veilig" but
        // "brandveiligheid" -> "brandveil"), so the surface form's compounds are looked up too.
        for term in try snapshot.terms(withSuffix: word, limit: 512) where !seen.contains(term) {
            let modifier = String(term.unicodeScalars.dropLast(word.unicodeScalars.count))
            if try isCompoundPart(modifier, linking: .trailing, snapshot),
               try isRarerThanItsParts(term, frequency, modifier, linking: .trailing, snapshot) { add(term, compoundWeight) }
        }
        // Compounds whose modifier is the word: "leermanagementsysteem" for "leermanagement".
        for term in try snapshot.terms(withPrefix: word, limit: 512) where term != word {
            let head = String(term.unicodeScalars.dropFirst(word.unicodeScalars.count))
            if try isCompoundPart(head, linking: .leading, snapshot),
               try isRarerThanItsParts(term, frequency, head, linking: .leading, snapshot) { add(term, compoundWeight) }
        }
        return TermGroup(word: word, members: members)
    }

    private enum Linking { case leading, trailing }

    /// Koehn and Knight's test for a split (2003): a word is read as a compound of two parts
    /// only when it is no more frequent than their geometric mean. A compound is rarer than its
    /// parts ("waterschapsbegroting" against "waterschap" and "begroting"); an English word that
    /// happens to start with another is not ("generally" is commoner than "gene" and "rally"
    /// together allow). A part the index lacks (a small share may never write "brand" on its
    /// own) counts as one document.
    /// `wordFrequency`: the query word's document frequency.
    private func isRarerThanItsParts(_ compound: String, _ wordFrequency: Int, _ part: String, linking: Linking,
                                     _ snapshot: IndexSnapshot) throws -> Bool {
        var partFrequency = try snapshot.documentFrequency(of: part)
        if partFrequency == 0 {
            for joint in ["s", "e", "en"] {
                let stripped = linking == .trailing ? (part.hasSuffix(joint) ? String(part.dropLast(joint.count)) : nil)
                                                    : (part.hasPrefix(joint) ? String(part.dropFirst(joint.count)) : nil)
                if let stripped { partFrequency = max(partFrequency, try snapshot.documentFrequency(of: stripped)) }
            }
        }
        let whole = Double(try snapshot.documentFrequency(of: compound))
        return whole * whole <= Double(max(wordFrequency, 1)) * Double(max(partFrequency, 1))
    }

    /// True when `part` is an indexed word, or one once a Dutch linking "s", "e" or "en" is
    /// removed, or long enough to be a word of its own and not a derivational ending ("ation").
    private func isCompoundPart(_ part: String, linking: Linking, _ snapshot: IndexSnapshot) throws -> Bool {
        // Cheap checks first: most candidates are decided without asking the vocabulary.
        guard part.unicodeScalars.count >= 3 else { return false }
        if linking == .leading ? AffixList.isSuffix(part) : AffixList.isPrefix(part) { return false }
        let unlinked = linking == .trailing && part.hasSuffix("s") ? String(part.dropLast()) : part
        if unlinked.unicodeScalars.count >= minUnconfirmedPart { return true }
        if part.unicodeScalars.count >= minCompoundPart, try snapshot.containsTerm(part) { return true }
        for joint in ["s", "e", "en"] {
            let stripped: Substring
            switch linking {
            case .trailing:
                guard part.hasSuffix(joint) else { continue }
                stripped = part.dropLast(joint.count)
            case .leading:
                guard part.hasPrefix(joint) else { continue }
                stripped = part.dropFirst(joint.count)
            }
            if stripped.unicodeScalars.count >= minCompoundPart, try snapshot.containsTerm(String(stripped)) { return true }
        }
        return false
    }
}
