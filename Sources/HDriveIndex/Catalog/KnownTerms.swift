/// Terms known to be in the vocabulary, so that a commit asks the database only about terms it
/// has not met: after the first batches, most of a batch's terms are old ones, and a lookup
/// each cost a third of a commit. Terms are never removed from the vocabulary, so the set stays
/// true as long as the transactions that added them commit; after a rollback it is forgotten.
final class KnownTerms {
    /// Bounds memory (some 40 bytes a term); when full, the set starts over.
    let limit: Int
    private var terms: Set<String> = []

    init(limit: Int = 500_000) {
        self.limit = limit
    }

    func contains(_ term: String) -> Bool { terms.contains(term) }

    func insert(_ term: String) {
        if terms.count >= limit { terms.removeAll(keepingCapacity: true) }
        terms.insert(term)
    }

    func forget() { terms.removeAll() }
}
