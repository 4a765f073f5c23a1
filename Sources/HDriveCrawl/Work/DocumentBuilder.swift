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
            var indexable = indexable(path: path, title: document.title, body: document.body,
                                      metadata: document.metadata, metadataJSON: metadata)
            indexable.members = members(of: document, in: path)
            return (record, indexable)
        case .failure(let failure):
            let record = FileRecord(rootID: rootID, path: path, stat: stat, type: .other,
                                    mimeType: nil, failure: failure, contentHash: contentHash)
            return (record, indexable(path: path, title: nil, body: "", metadata: nil, metadataJSON: nil))
        }
    }

    /// Each member of an archive (or attachment of a mail) as a document of its own, nested
    /// members flattened with `//` between levels, so that a hit names the member itself.
    /// A member that could not be read is still findable by its name.
    static func members(of document: ExtractedDocument, in file: RawPath, prefix: String = "") -> [IndexableMember] {
        var members: [IndexableMember] = []
        for member in document.members {
            let path = prefix + member.path
            let folder = file.searchableString + "//" + (path.range(of: "/", options: .backwards).map { String(path[..<$0.lowerBound]) } ?? "")
            let name = path.components(separatedBy: "/").last ?? path
            if let inner = member.document {
                let metadata = try? String(decoding: JSONEncoder.sorted.encode(inner.metadata), as: UTF8.self)
                let authors = [inner.metadata.author, inner.metadata.lastModifiedBy].compactMap { $0 }
                let indexable = IndexableDocument(name: name, path: folder, title: inner.title, body: inner.body,
                                                  author: authors.isEmpty ? nil : authors.joined(separator: "\n"),
                                                  metadataJSON: metadata)
                members.append(IndexableMember(path: path, type: inner.type, failureKind: inner.problem?.kind.rawValue,
                                               document: indexable))
                members += Self.members(of: inner, in: file, prefix: path + "//")
            } else {
                let indexable = IndexableDocument(name: name, path: folder, title: nil, body: "", author: nil, metadataJSON: nil)
                members.append(IndexableMember(path: path, type: .other, failureKind: member.failure?.kind.rawValue,
                                               document: indexable))
            }
        }
        return members
    }

    /// The same file's text under a new path (a move, a hard link, identical content): nothing is extracted.
    static func build(rootID: Int64, path: RawPath, stat: FileStat, stored: StoredContent) -> (FileRecord, IndexableDocument) {
        let record = FileRecord(rootID: rootID, path: path, stat: stat, type: stored.type, mimeType: stored.mimeType,
                                failure: stored.failure, contentHash: stored.contentHash)
        let metadata = stored.metadataJSON.flatMap { try? JSONDecoder().decode(DocumentMetadata.self, from: Data($0.utf8)) }
        var document = indexable(path: path, title: stored.title, body: stored.body, metadata: metadata,
                                 metadataJSON: stored.metadataJSON)
        document.members = stored.members.map { member in
            let folder = path.searchableString + "//" + (member.path.range(of: "/", options: .backwards)
                .map { String(member.path[..<$0.lowerBound]) } ?? "")
            let inner = member.metadataJSON.flatMap { try? JSONDecoder().decode(DocumentMetadata.self, from: Data($0.utf8)) }
            let authors = [inner?.author, inner?.lastModifiedBy].compactMap { $0 }
            let indexable = IndexableDocument(name: member.path.components(separatedBy: "/").last ?? member.path, path: folder,
                                              title: member.title, body: member.body,
                                              author: authors.isEmpty ? nil : authors.joined(separator: "\n"),
                                              metadataJSON: member.metadataJSON)
            return IndexableMember(path: member.path, type: member.type, failureKind: member.failureKind, document: indexable)
        }
        return (record, document)
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
