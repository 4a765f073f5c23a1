import Foundation
import HDriveIndex

extension Facets {
    /// Counts type, year, top-level folder and author over every matching document.
    static func count<S: Sequence>(_ documents: S, snapshot: IndexSnapshot, top: Int = 10) throws -> Facets where S.Element == Int64 {
        var types: [String: Int] = [:], years: [Int16: Int] = [:], folders: [String: Int] = [:], authors: [String: Int] = [:]
        // Matches arrive mostly in segment order: look the segment up only when it changes.
        var segment: SegmentInfo?
        var values: DocValues?
        for docID in documents {
            if segment.map({ docID < $0.baseDoc || docID >= $0.baseDoc + Int64($0.docCount) }) ?? true {
                guard let found = snapshot.segment(of: docID) else { continue }
                segment = found
                values = try snapshot.docValues(found)
            }
            guard let segment, let values else { continue }
            let local = Int(docID - segment.baseDoc)
            types[values.type[local], default: 0] += 1
            years[values.year[local], default: 0] += 1
            folders[values.folder[local], default: 0] += 1
            if let author = values.author[local] { authors[author, default: 0] += 1 }
        }
        var facets = Facets()
        facets.type = Self.ranked(types, top: top)
        facets.year = Self.ranked(Dictionary(uniqueKeysWithValues: years.map { (String($0.key), $0.value) }), top: top)
        facets.folder = Self.ranked(folders, top: top)
        facets.author = Self.ranked(authors, top: top)
        return facets
    }

    private static func ranked(_ counts: [String: Int], top: Int) -> [Count] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(top).map { Count(value: $0.key, count: $0.value) }
    }
}
