import Foundation
import HDriveCore
import HDriveText

/// Read access to the index for searches: each `read` sees one consistent snapshot, even while
/// a writer commits. Safe to share between threads; calls are serialized on one connection,
/// so a server keeps a few readers.
public final class IndexReader: @unchecked Sendable {
    /// Internal, not private, for tests that ask it how it reads.
    let db: SQLiteConnection
    private let lock = NSLock()
    /// Decoded segments, reused while their deletions are unchanged.
    private var segmentCache: [SegmentKey: SegmentInfo] = [:]
    /// Per-segment document facts; kept while the segment exists.
    private let docValuesCache: DocValuesCache
    /// Decodes stored bodies; its dictionaries outlive snapshots.
    private lazy var storedTexts = StoredTexts(db: db)
    /// Hot posting lists, shared by this reader's snapshots.
    private let postingsCache: PostingsCache
    /// Impact lists of hot word groups (`ImpactList`), shared as the posting lists are.
    private let impactCache: ImpactCache
    public let directory: String

    public convenience init(directory: String, postingsCacheBytes: Int = 16 << 20, impactCacheBytes: Int = 16 << 20) throws {
        try self.init(directory: directory, postingsCache: PostingsCache(budget: postingsCacheBytes),
                      impactCache: ImpactCache(budget: impactCacheBytes), docValues: DocValuesCache())
    }

    /// `count` readers of one index that share one cache of hot posting lists and one of
    /// document facts, so what one reader read is there for all (a server spreads searches
    /// over several readers).
    public static func pool(directory: String, count: Int, postingsCacheBytes: Int = 64 << 20,
                            impactCacheBytes: Int = 128 << 20) throws -> [IndexReader] {
        let shared = PostingsCache(budget: postingsCacheBytes), impacts = ImpactCache(budget: impactCacheBytes)
        let docValues = DocValuesCache()
        return try (0..<max(count, 1)).map { _ in
            try IndexReader(directory: directory, postingsCache: shared, impactCache: impacts, docValues: docValues)
        }
    }

    private init(directory: String, postingsCache: PostingsCache, impactCache: ImpactCache, docValues: DocValuesCache) throws {
        self.directory = directory
        self.postingsCache = postingsCache
        self.impactCache = impactCache
        docValuesCache = docValues
        let path = directory + "/" + IndexStore.databaseName
        guard FileManager.default.fileExists(atPath: path) else {
            throw IndexError("no index in \(directory): run `hdrive index` first")
        }
        // Read-write (without create) lets SQLite set up the WAL index; a reader never writes.
        db = try (try? SQLiteConnection(path: path, mode: .readWrite)) ?? SQLiteConnection(path: path, mode: .readOnly)
        let version = Int(try db.scalar("PRAGMA user_version") ?? 0)
        // Results read rows scattered over the whole index: mapped, a page is read where the
        // OS keeps it instead of copied in by a read call (a tenth of a search's time). The
        // writer never shrinks the file (no VACUUM), so a mapped page never vanishes.
        try db.execute("PRAGMA mmap_size = \(Self.mappedBytes)")
        guard version == Schema.currentVersion else {
            throw IndexError("index in \(directory) has schema version \(version), this hdrive needs \(Schema.currentVersion): run `hdrive index` to migrate it")
        }
    }

    /// How much of the index file a reader maps (the rest is read with read calls); SQLite
    /// caps it at its build's limit, just under 2 GiB on Debian.
    static let mappedBytes = 2 << 30

    public func status() throws -> IndexStatus {
        lock.lock()
        defer { lock.unlock() }
        return try db.transaction(immediate: false) { try CatalogQueries.status(db, directory: directory) }
    }

    /// The same checks as `IndexStore.integrityCheck`, on a read snapshot.
    public func integrityCheck() throws -> [String] {
        lock.lock()
        defer { lock.unlock() }
        return try db.transaction(immediate: false) { try IntegrityCheck.run(db) }
    }

    public func read<T>(_ body: (IndexSnapshot) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try db.transaction(immediate: false) {
            // The searches' statements are prepared once for all snapshots
            // (`SQLiteConnection.cached`); reset, none pins this snapshot past its transaction.
            defer { db.resetCached() }
            let snapshot = try IndexSnapshot(db: db, cache: &segmentCache, docValues: docValuesCache, postings: postingsCache,
                                             impacts: impactCache, storedTexts: storedTexts)
            return try body(snapshot)
        }
    }
}

/// One consistent view of the index, valid inside `IndexReader.read`.
public final class IndexSnapshot {
    private let db: SQLiteConnection
    public let segments: [SegmentInfo]
    public let liveDocuments: Int
    private let fieldTotals: [Int64]
    private var vocabulary: VocabularyReader { VocabularyReader(db: db) }
    private var roots: [Int64: RootRecord]?
    private var rootStates: [Int64: RootState]?

    private let docValuesCache: DocValuesCache
    private let postingsCache: PostingsCache
    private let impactCache: ImpactCache
    private let storedTexts: StoredTexts

    init(db: SQLiteConnection, cache: inout [SegmentKey: SegmentInfo], docValues: DocValuesCache, postings: PostingsCache,
         impacts: ImpactCache, storedTexts: StoredTexts) throws {
        self.db = db
        self.storedTexts = storedTexts
        self.docValuesCache = docValues
        self.postingsCache = postings
        self.impactCache = impacts
        var segments: [SegmentInfo] = []
        let list = try db.cached(Self.segmentList)
        var fresh: [SegmentKey: SegmentInfo] = [:]
        while try list.step() {
            let id = list.int64(0)
            let key = SegmentKey(id: id, baseDoc: list.int64(2))
            if let cached = cache[key], cached.deletedCount == list.int(1) {
                segments.append(cached)
            } else {
                let load = try db.prepare("SELECT base_doc, doc_count, deleted_count, norms, deletions FROM segments WHERE id = ?")
                    .bind(.integer(id))
                guard try load.step() else { continue }
                segments.append(try SegmentInfo(id: id, baseDoc: load.int64(0), docCount: load.int(1),
                                                deletedCount: load.int(2), norms: load.blob(3), deletions: load.blob(4)))
            }
            fresh[key] = segments.last
        }
        cache = fresh
        docValues.retain(only: Set(fresh.keys))
        postings.retain(only: Set(fresh.keys))
        impacts.retain(only: Set(fresh.keys))
        self.segments = segments
        liveDocuments = segments.reduce(0) { $0 + $1.liveCount }
        var totals = [Int64](repeating: 0, count: IndexField.count)
        let stats = try db.cached("SELECT field, total_length FROM field_stats")
        while try stats.step() {
            let field = stats.int(0)
            if field < totals.count { totals[field] = stats.int64(1) }
        }
        fieldTotals = totals
    }

    /// Every snapshot's first read: from the index `segments_by_base` alone (schema 13).
    static let segmentList = "SELECT id, deleted_count, base_doc FROM segments ORDER BY base_doc"

    public func averageLength(_ field: IndexField) -> Double {
        liveDocuments == 0 ? 0 : max(Double(fieldTotals[field.rawValue]) / Double(liveDocuments), 0)
    }

    /// The term's posting list in each segment that has it.
    public func postings(for term: String) throws -> [(segment: SegmentInfo, list: PostingList)] {
        try segments.compactMap { segment in try postings(for: term, in: segment).map { (segment, $0) } }
    }

    /// The term's posting list in one segment; nil when the segment does not have it.
    func postings(for term: String, in segment: SegmentInfo) throws -> PostingList? {
        if let cached = postingsCache.lookup(segment: segment.key, term: term) { return cached }
        let statement = try db.cached("SELECT doc_freq, data FROM postings WHERE segment_id = ? AND term = ?")
        statement.reset().bind(.integer(segment.id), .text(term))
        let list = try statement.step()
            ? PostingList(segmentID: segment.id, docFrequency: statement.int(0), data: statement.blob(1)) : nil
        statement.reset()
        postingsCache.store(segment: segment.key, term: term, list)
        return list
    }

    /// The impact list (`ImpactList`) of a word group in each segment, in the segments' order:
    /// its members' documents, each with a bound on the members' weighted frequency summed there.
    public func impacts(of members: [(term: String, weight: Double)]) throws -> [ImpactList] {
        let key = members.map { "\($0.term)\u{1F}\($0.weight)" }.joined(separator: "\u{1E}")
        return try segments.map { segment in
            if let cached = impactCache.lookup(segment: segment.key, term: key) { return cached }
            let list = try ImpactList(members: members.map { (try postings(for: $0.term, in: segment), $0.weight) }, segment: segment)
            impactCache.store(segment: segment.key, term: key, list)
            return list
        }
    }

    /// Vocabulary terms starting with `prefix`, in order, at most `limit`.
    public func terms(withPrefix prefix: String, limit: Int) throws -> [String] {
        try vocabulary.terms(withPrefix: prefix, limit: limit)
    }

    /// Vocabulary terms ending with `suffix`, at most `limit`.
    public func terms(withSuffix suffix: String, limit: Int) throws -> [String] {
        try vocabulary.terms(withSuffix: suffix, limit: limit)
    }

    /// Vocabulary terms whose Dutch stem ends with `stem` (compounds of any inflection), each with
    /// its modifier: the part before the shared stem ("waterschaps" in "waterschapsbegrotingen").
    public func terms(withDutchStemSuffix stem: String, limit: Int) throws -> [(term: String, modifier: String)] {
        try vocabulary.terms(withDutchStemSuffix: stem, limit: limit)
    }

    /// Vocabulary terms whose stem in `language` is `stem`.
    public func terms(withStem stem: String, in language: StemmingLanguage, limit: Int) throws -> [String] {
        try vocabulary.terms(withStem: stem, in: language, limit: limit)
    }

    public func containsTerm(_ term: String) throws -> Bool {
        try vocabulary.contains(term)
    }

    /// How many documents hold `term`, deleted ones included (as `doc_freq`), from its lists
    /// (cached: expansion asks this of the same candidate compounds query after query, and
    /// their lists are small).
    public func documentFrequency(of term: String) throws -> Int {
        try postings(for: term).reduce(0) { $0 + $1.list.docFrequency }
    }

    /// The facts of every document of a segment, for filters, sorting and facets.
    public func docValues(_ segment: SegmentInfo) throws -> DocValues {
        if let cached = docValuesCache[segment.key] { return cached }
        let loaded = try DocValues.load(db, segment: segment, roots: rootsByID())
        docValuesCache[segment.key] = loaded
        return loaded
    }

    /// The segment holding a global document id.
    public func segment(of docID: Int64) -> SegmentInfo? {
        segmentIndex(of: docID).map { segments[$0] }
    }

    /// The index in `segments` of the segment holding a global document id.
    public func segmentIndex(of docID: Int64) -> Int? {
        var low = 0, high = segments.count
        while low < high {
            let mid = (low + high) / 2
            if segments[mid].baseDoc + Int64(segments[mid].docCount) <= docID { low = mid + 1 } else { high = mid }
        }
        return low < segments.count && segments[low].baseDoc <= docID ? low : nil
    }

    /// What a result shows of a document; of its body at least the first `bodyPrefix` bytes.
    public func storedDocument(_ docID: Int64, bodyPrefix: Int = .max) throws -> StoredDocument? {
        let statement = try db.cached("""
            SELECT d.title, d.body, d.metadata, f.root_id, f.path, f.size, f.mtime_ns,
                   coalesce(d.member_type, f.type), f.state, iif(d.member IS NULL, f.failure_kind, d.member_failure), d.member
            FROM documents d JOIN files f ON f.id = d.file_id WHERE d.doc_id = ?
            """)
        statement.bind(.integer(docID))
        guard try statement.step() else { return nil }
        let root = try rootsByID()[statement.int64(3)]
        let relative = RawPath(bytes: statement.blob(4))
        let member = statement.text(10)
        let displayPath = root?.displayPath(of: relative) ?? relative.displayString
        return StoredDocument(
            docID: docID, title: statement.text(0), body: try storedTexts.body(statement, 1, prefix: bodyPrefix), metadataJSON: statement.text(2),
            rootName: root?.name ?? "", relativePath: relative, member: member,
            displayPath: member.map { displayPath + "//" + $0 } ?? displayPath,
            size: statement.int64(5), mtimeNs: statement.int64(6), type: FileType(statement.text(7) ?? "other"),
            state: FileState(rawValue: statement.text(8) ?? "") ?? .failed, failureKind: statement.text(9),
            rootAvailable: try statesByRoot()[statement.int64(3)]?.available ?? true)
    }

    /// The roots and their health, read once per snapshot.
    private func rootsByID() throws -> [Int64: RootRecord] {
        if let roots { return roots }
        let loaded = Dictionary(uniqueKeysWithValues: try CatalogQueries.roots(db).map { ($0.id, $0) })
        roots = loaded
        return loaded
    }

    private func statesByRoot() throws -> [Int64: RootState] {
        if let rootStates { return rootStates }
        let loaded = try CatalogQueries.rootStates(db)
        rootStates = loaded
        return loaded
    }

}

/// A document as results show it.
public struct StoredDocument: Sendable {
    public var docID: Int64
    public var title: String?
    public var body: String
    public var metadataJSON: String?
    public var rootName: String
    /// The file that holds the document, relative to its root: the archive, for a member.
    public var relativePath: RawPath
    /// Where the document sits inside its file ("dir/report.docx"); nil for the file itself.
    public var member: String?
    /// As people see it; a member's is its archive's followed by `//` and the member's path.
    public var displayPath: String
    public var size: Int64
    public var mtimeNs: Int64
    public var type: FileType
    public var state: FileState
    public var failureKind: String?
    /// False while the file's root is unavailable (unmounted, unreadable): the document is
    /// kept, and results should say it cannot be opened right now.
    public var rootAvailable: Bool = true
}

/// Per-segment document facts. Shared by the readers of one pool (loading them for 100,000
/// documents takes a tenth of a second, which each of a server's readers paid again), so it
/// takes its own lock.
final class DocValuesCache: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [SegmentKey: DocValues] = [:]

    subscript(key: SegmentKey) -> DocValues? {
        get { lock.withLock { values[key] } }
        set { lock.withLock { values[key] = newValue } }
    }

    func retain(only live: Set<SegmentKey>) {
        lock.withLock {
            guard values.keys.contains(where: { !live.contains($0) }) else { return }
            values = values.filter { live.contains($0.key) }
        }
    }
}
