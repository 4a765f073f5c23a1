import Foundation
import HDriveCore
import HDriveIndex

/// Maps one file and its extraction outcome onto a catalog record and an indexable document.
/// A file whose content cannot be read still gets a document: its name and path are searchable.
enum DocumentBuilder {
    static func build(rootID: Int64, path: RawPath, stat: FileStat, result: ExtractionResult,
                      contentHash: [UInt8]?) -> (FileRecord, IndexableDocument) {
        switch result {
        case .document(let document):
            let record = FileRecord(rootID: rootID, path: path, stat: stat, type: document.type,
                                    mimeType: document.mimeType, failure: document.problem, contentHash: contentHash)
            let metadata = try? String(decoding: JSONEncoder.sorted.encode(document.metadata), as: UTF8.self)
            return (record, indexable(path: path, title: document.title, body: bodyWithMembers(document),
                                      metadata: document.metadata, metadataJSON: metadata))
        case .failure(let failure):
            let record = FileRecord(rootID: rootID, path: path, stat: stat, type: .other,
                                    mimeType: nil, failure: failure, contentHash: contentHash)
            return (record, indexable(path: path, title: nil, body: "", metadata: nil, metadataJSON: nil))
        }
    }

    /// An archive's own text followed by each member's, under the member's path, so that what
    /// is inside a .zip is searchable. Members are not yet documents of their own, so a hit
    /// names the archive, not the member.
    static func bodyWithMembers(_ document: ExtractedDocument) -> String {
        guard !document.members.isEmpty else { return document.body }
        var body = document.body
        for member in document.members {
            guard let text = member.document?.body, !text.isEmpty else { continue }
            body += "\n\n" + member.path + (member.document?.title.map { " (\($0))" } ?? "") + ":\n" + text
        }
        return body
    }

    /// The same file's text under a new path (a move, a hard link, identical content): nothing is extracted.
    static func build(rootID: Int64, path: RawPath, stat: FileStat, stored: StoredContent) -> (FileRecord, IndexableDocument) {
        let record = FileRecord(rootID: rootID, path: path, stat: stat, type: stored.type, mimeType: stored.mimeType,
                                failure: stored.failure, contentHash: stored.contentHash)
        let metadata = stored.metadataJSON.flatMap { try? JSONDecoder().decode(DocumentMetadata.self, from: Data($0.utf8)) }
        return (record, indexable(path: path, title: stored.title, body: stored.body, metadata: metadata,
                                  metadataJSON: stored.metadataJSON))
    }

    private static func indexable(path: RawPath, title: String?, body: String, metadata: DocumentMetadata?,
                                  metadataJSON: String?) -> IndexableDocument {
        let authors = [metadata?.author, metadata?.lastModifiedBy].compactMap { $0 }
        return IndexableDocument(name: path.lastComponent.searchableString, path: path.parent.searchableString,
                                 title: title, body: body, author: authors.isEmpty ? nil : authors.joined(separator: "\n"),
                                 metadataJSON: metadataJSON)
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
