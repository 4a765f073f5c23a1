import HDriveIndex
import HDriveText

/// Finds documents where the terms stand in order. Candidates come from the postings (every
/// term present); the order is then checked in the stored text of name, title and body.
struct PhraseMatcher {
    let snapshot: IndexSnapshot
    let scorer: TermAtATimeScorer
    let analyzer: Analyzer
    let limits: Searcher.Configuration
    let deadline: Deadline

    func matches(_ terms: [String], field: IndexField?) throws -> [Int64: Double] {
        var candidates: [Int64: Double]?
        for term in terms {
            let matches = try scorer.matches(TermGroup(word: term, members: [(term, 1.0)]), field: field, deadline: deadline)
            guard let current = candidates else { candidates = matches; continue }
            var next: [Int64: Double] = [:]
            for (doc, score) in current { if let other = matches[doc] { next[doc] = score + other } }
            candidates = next
        }
        guard let candidates, !candidates.isEmpty else { return [:] }
        guard candidates.count <= limits.maxPhraseCandidates else {
            throw SearchError("the phrase \"\(terms.joined(separator: " "))\" is too common to check; add a word outside the quotes")
        }
        var result: [Int64: Double] = [:]
        for (doc, score) in candidates {
            try deadline.check()
            guard let stored = try snapshot.storedDocument(doc) else { continue }
            let texts: [String?] = switch field {
            case .name?: [stored.relativePath.lastComponent.searchableString]
            case .path?: [stored.relativePath.parent.searchableString]
            case .title?: [stored.title]
            case .body?: [stored.body]
            case .author?, nil: [stored.relativePath.lastComponent.searchableString, stored.title, stored.body]
            }
            if texts.contains(where: { $0.map { contains(terms, in: $0) } ?? false }) { result[doc] = score }
        }
        return result
    }

    private func contains(_ phrase: [String], in text: String) -> Bool {
        let words = analyzer.terms(in: text)
        guard words.count >= phrase.count else { return false }
        for start in 0...(words.count - phrase.count) where words[start] == phrase[0] {
            if Array(words[start..<(start + phrase.count)]) == phrase { return true }
        }
        return false
    }
}
