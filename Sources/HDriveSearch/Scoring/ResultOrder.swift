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
            let keyed = try documents.map { (try value(\.mtimeNs, $0) ?? 0, $0) }
            return keyed.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : byScore($0.1, $1.1) }.prefix(count).map(\.1)
        case .name:
            let keyed = try documents.map { ((try value(\.name, $0) ?? "").lowercased(), $0) }
            return keyed.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : byScore($0.1, $1.1) }.prefix(count).map(\.1)
        }
    }

    private func byScore(_ a: ScoredDocument, _ b: ScoredDocument) -> Bool {
        a.score != b.score ? a.score > b.score : a.docID < b.docID
    }

    private func value<T>(_ path: KeyPath<DocValues, [T]>, _ document: ScoredDocument) throws -> T? {
        guard let segment = snapshot.segment(of: document.docID) else { return nil }
        return try snapshot.docValues(segment)[keyPath: path][Int(document.docID - segment.baseDoc)]
    }
}
