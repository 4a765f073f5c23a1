import HDriveText

/// A document made ready for a batch away from the store: analyzed, and its bodies deflated.
/// A commit spends most of its time on exactly this work, which needs no database, so the
/// crawler does it on its extraction threads, in parallel, and the commit only writes.
public struct PreparedDocument: Sendable {
    public let document: IndexableDocument
    /// The document's own analysis, then each member's; nil: analyzed when committed, or
    /// already in the batch's segment.
    let analyzed: [AnalyzedDocument]?
    /// Stored bodies in the same order; nil: encoded when committed.
    let bodies: StoredBodies?

    struct StoredBodies: Sendable {
        /// What they were deflated against; used only if the commit's codec has the same.
        var dictionary: TextDictionary?
        var values: [SQLiteValue]
    }

    /// A document left for the commit to analyze and encode.
    public init(unprepared document: IndexableDocument) {
        self.document = document
        analyzed = nil
        bodies = nil
    }

    init(_ document: IndexableDocument, analyzed: [AnalyzedDocument]?, bodies: StoredBodies?) {
        self.document = document
        self.analyzed = analyzed
        self.bodies = bodies
    }
}

/// Prepares documents on any thread, with the store's analyzer and its codec as they were when
/// taken (`IndexStore.preparer()`); a commit encodes again any body whose dictionary is no
/// longer the newest.
public struct DocumentPreparer: Sendable {
    let analyzer: Analyzer
    let codec: StoredTextCodec

    public func prepare(_ document: IndexableDocument) -> PreparedDocument {
        let all = document.withMembers
        // Without a dictionary yet, the first commit samples one and would encode again.
        let bodies = codec.dictionary.map { dictionary in
            PreparedDocument.StoredBodies(dictionary: dictionary, values: all.map { codec.encode($0.body) })
        }
        return PreparedDocument(document, analyzed: all.map { AnalyzedDocument($0, analyzer: analyzer) }, bodies: bodies)
    }
}

extension IndexableDocument {
    /// The document itself, then each member's document: the order of their document ids.
    var withMembers: [IndexableDocument] { [self] + members.map(\.document) }
}
