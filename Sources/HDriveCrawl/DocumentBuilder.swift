import Foundation
import HDriveCore
import HDriveIndex

/// Maps one file and its extraction outcome onto a catalog record and an indexable document.
/// A file whose content cannot be read still gets a document: its name and path are searchable.
enum DocumentBuilder {
    static func build(rootID: Int64, file: WalkedFile, result: ExtractionResult) -> (FileRecord, IndexableDocument) {
        let name = file.relativePath.lastComponent.searchableString
        let folders = file.relativePath.parent.searchableString
        switch result {
        case .document(let document):
            let record = FileRecord(rootID: rootID, path: file.relativePath, stat: file.stat, type: document.type,
                                    mimeType: document.mimeType, failure: document.problem)
            let metadata = try? String(decoding: JSONEncoder.sorted.encode(document.metadata), as: UTF8.self)
            let authors = [document.metadata.author, document.metadata.lastModifiedBy].compactMap { $0 }
            return (record, IndexableDocument(name: name, path: folders, title: document.title, body: document.body,
                                              author: authors.isEmpty ? nil : authors.joined(separator: "\n"),
                                              metadataJSON: metadata))
        case .failure(let failure):
            let record = FileRecord(rootID: rootID, path: file.relativePath, stat: file.stat, type: .other,
                                    mimeType: nil, failure: failure)
            return (record, IndexableDocument(name: name, path: folders, title: nil, body: "", author: nil, metadataJSON: nil))
        }
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
