import Foundation
import HDriveIndex

extension Facets {
    /// Counts type, year, top-level folder and author over every matching document.
    static func count<S: Sequence>(_ documents: S, snapshot: IndexSnapshot, top: Int = 10) throws -> Facets where S.Element == Int64 {
        var types: [String: Int] = [:], years: [String: Int] = [:], folders: [String: Int] = [:], authors: [String: Int] = [:]
        for docID in documents {
            guard let segment = snapshot.segment(of: docID) else { continue }
            let values = try snapshot.docValues(segment)
            let local = Int(docID - segment.baseDoc)
            types[values.type[local], default: 0] += 1
            years[Self.year(values.mtimeNs[local]), default: 0] += 1
            folders[values.folder[local], default: 0] += 1
            if let author = values.author[local] { authors[author, default: 0] += 1 }
        }
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

    static func year(_ nanoseconds: Int64) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return String(calendar.component(.year, from: Date(timeIntervalSince1970: Double(nanoseconds / 1_000_000_000))))
    }
}
