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
            var indexable = indexable(at: Place(file: path), title: document.title, body: document.body,
                                      metadata: document.metadata, metadataJSON: json(document.metadata))
            indexable.members = members(of: document, in: path)
            return (record, indexable)
        case .failure(let failure):
            let record = FileRecord(rootID: rootID, path: path, stat: stat, type: .other,
                                    mimeType: nil, failure: failure, contentHash: contentHash)
            return (record, indexable(at: Place(file: path), title: nil, body: "", metadata: nil, metadataJSON: nil))
        }
    }

    /// Each member of an archive (or attachment of a mail) as a document of its own, nested
    /// members flattened with `//` between levels, so that a hit names the member itself.
    /// A member that could not be read is still findable by its name.
    static func members(of document: ExtractedDocument, in file: RawPath, prefix: String = "") -> [IndexableMember] {
        var members: [IndexableMember] = []
        for member in document.members {
            let path = prefix + member.path
            let place = Place(file: file, member: path)
            if let inner = member.document {
                let indexable = indexable(at: place, title: inner.title, body: inner.body,
                                          metadata: inner.metadata, metadataJSON: json(inner.metadata))
                members.append(IndexableMember(path: path, type: inner.type, failureKind: inner.problem?.kind.rawValue,
                                               document: indexable))
                members += Self.members(of: inner, in: file, prefix: path + "//")
            } else {
                members.append(IndexableMember(path: path, type: .other, failureKind: member.failure?.kind.rawValue,
                                               document: indexable(at: place, title: nil, body: "", metadata: nil, metadataJSON: nil)))
            }
        }
        return members
    }

    /// The same file's text under a new path (a move, a hard link, identical content): nothing is extracted.
    static func build(rootID: Int64, path: RawPath, stat: FileStat, stored: StoredContent) -> (FileRecord, IndexableDocument) {
        let record = FileRecord(rootID: rootID, path: path, stat: stat, type: stored.type, mimeType: stored.mimeType,
                                failure: stored.failure, contentHash: stored.contentHash)
        var document = indexable(at: Place(file: path), title: stored.title, body: stored.body,
                                 metadata: metadata(stored.metadataJSON), metadataJSON: stored.metadataJSON)
        document.members = stored.members.map { member in
            let indexable = indexable(at: Place(file: path, member: member.path), title: member.title, body: member.body,
                                      metadata: metadata(member.metadataJSON), metadataJSON: member.metadataJSON)
            return IndexableMember(path: member.path, type: member.type, failureKind: member.failureKind, document: indexable)
        }
        return (record, document)
    }

    /// Where a document sits, as its name and path fields show it: a file by its own name in its
    /// folder; a member by its own name in `archive.zip//dir`.
    private struct Place {
        var name: String
        var folder: String

        init(file: RawPath) {
            name = file.lastComponent.searchableString
            folder = file.parent.searchableString
        }

        init(file: RawPath, member: String) {
            let slash = member.range(of: "/", options: .backwards)
            name = slash.map { String(member[$0.upperBound...]) } ?? member
            folder = file.searchableString + "//" + (slash.map { String(member[..<$0.lowerBound]) } ?? "")
        }
    }

    private static func indexable(at place: Place, title: String?, body: String, metadata: DocumentMetadata?,
                                  metadataJSON: String?) -> IndexableDocument {
        let authors = [metadata?.author, metadata?.lastModifiedBy].compactMap { $0 }
        return IndexableDocument(name: place.name, path: place.folder, title: title, body: body,
                                 author: authors.isEmpty ? nil : authors.joined(separator: "\n"), metadataJSON: metadataJSON)
    }

    private static func json(_ metadata: DocumentMetadata) -> String? {
        MetadataJSON.encode(metadata)
    }

    private static func metadata(_ json: String?) -> DocumentMetadata? {
        json.flatMap { try? JSONDecoder().decode(DocumentMetadata.self, from: Data($0.utf8)) }
    }
}
