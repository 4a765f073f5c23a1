import HDriveIndex

/// Orders matches by relevance, date or name, deterministically (ties fall back to score,
/// then to the older document).
struct ResultOrder {
    let sort: SearchSort
    let snapshot: IndexSnapshot

    func top(_ documents: [ScoredDocument], count: Int) throws -> [ScoredDocument] {
        switch sort {
        case .relevance:
            return TopK.select(documents, count: count)
        case .date:
            let dates = try column(\.mtimeNs)
            return try Self.select(documents, count: count, key: { try dates.value($0) ?? 0 }, before: >)
        case .name:
            let names = try column(\.name)
            return try Self.select(documents, count: count, key: { (try names.value($0) ?? "").lowercased() }, before: <)
        }
    }

    /// The first `count` documents by key, then score, then id: one pass that keeps the best
    /// so far (sorting every match cost a tenth of a second for a common word).
    static func select<Key: Comparable>(_ documents: [ScoredDocument], count: Int, key: (ScoredDocument) throws -> Key,
                                        before: (Key, Key) -> Bool) rethrows -> [ScoredDocument] {
        guard count > 0 else { return [] }
        func ordered(_ a: (Key, ScoredDocument), _ b: (Key, ScoredDocument)) -> Bool {
            if a.0 != b.0 { return before(a.0, b.0) }
            return a.1.score != b.1.score ? a.1.score > b.1.score : a.1.docID < b.1.docID
        }
        var kept: [(Key, ScoredDocument)] = []
        for document in documents {
            let entry = (try key(document), document)
            if kept.count == count, let last = kept.last, !ordered(entry, last) { continue }
            let index = kept.partitioningIndex { !ordered($0, entry) }
            kept.insert(entry, at: index)
            if kept.count > count { kept.removeLast() }
        }
        return kept.map(\.1)
    }

    /// One fact of every document, fetched per segment once rather than per document.
    private func column<T>(_ path: KeyPath<DocValues, [T]>) throws -> Column<T> {
        Column(snapshot: snapshot, values: try snapshot.segments.map { try snapshot.docValues($0)[keyPath: path] })
    }

    private struct Column<T> {
        let snapshot: IndexSnapshot
        let values: [[T]]

        func value(_ document: ScoredDocument) throws -> T? {
            guard let index = snapshot.segmentIndex(of: document.docID) else { return nil }
            return values[index][Int(document.docID - snapshot.segments[index].baseDoc)]
        }
    }
}
