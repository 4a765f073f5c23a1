import Foundation
import HDriveIndex

extension Facets {
    /// Counts type, year, top-level folder and author over every matching document.
    static func count<S: Sequence>(_ documents: S, snapshot: IndexSnapshot, top: Int = 10) throws -> Facets where S.Element == Int64 {
        var types: [String: Int] = [:], years: [String: Int] = [:], folders: [String: Int] = [:], authors: [String: Int] = [:]
        // Count per segment by small numbers, then add each segment's counts by name.
        var segment: SegmentInfo?
        var values: DocValues?
        var typeCounts: [Int] = [], folderCounts: [Int] = [], authorCounts: [Int] = [], yearCounts: [Int16: Int] = [:]
        func flush() {
            guard let values else { return }
            for (id, count) in typeCounts.enumerated() where count > 0 { types[values.types[id], default: 0] += count }
            for (id, count) in folderCounts.enumerated() where count > 0 { folders[values.folders[id], default: 0] += count }
            for (id, count) in authorCounts.enumerated() where count > 0 { authors[values.authors[id], default: 0] += count }
            for (year, count) in yearCounts { years[String(year), default: 0] += count }
        }
        for docID in documents {
            if segment.map({ docID < $0.baseDoc || docID >= $0.baseDoc + Int64($0.docCount) }) ?? true {
                guard let found = snapshot.segment(of: docID) else { continue }
                flush()
                segment = found
                let loaded = try snapshot.docValues(found)
                values = loaded
                typeCounts = Array(repeating: 0, count: loaded.types.count)
                folderCounts = Array(repeating: 0, count: loaded.folders.count)
                authorCounts = Array(repeating: 0, count: loaded.authors.count)
                yearCounts = [:]
            }
            guard let segment, let values else { continue }
            let local = Int(docID - segment.baseDoc)
            if values.typeID[local] >= 0 { typeCounts[Int(values.typeID[local])] += 1 }
            if values.folderID[local] >= 0 { folderCounts[Int(values.folderID[local])] += 1 }
            if values.authorID[local] >= 0 { authorCounts[Int(values.authorID[local])] += 1 }
            yearCounts[values.year[local], default: 0] += 1
        }
        flush()
        var facets = Facets()
        facets.type = Self.ranked(types, top: top)
        facets.year = Self.ranked(years, top: top)
        facets.folder = Self.ranked(folders, top: top)
        facets.author = Self.ranked(authors, top: top)
        return facets
    }

    private static func ranked(_ counts: [String: Int], top: Int) -> [Count] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(top).map { Count(value: $0.key, count: $0.value) }
    }
}
