/// Checks that survive a crash: SQLite's page-level check, then the index's own invariants
/// (every live document has a file, every file's document exists, postings and stored bodies
/// decode).
enum IntegrityCheck {
    static func run(_ db: SQLiteConnection) throws -> [String] {
        var problems: [String] = []
        let quick = try db.prepare("PRAGMA quick_check")
        while try quick.step() {
            if let line = quick.text(0), line != "ok" { problems.append("sqlite: \(line)") }
        }
        let orphans = try db.scalar("SELECT count(*) FROM files f LEFT JOIN documents d ON d.doc_id = f.doc_id WHERE d.doc_id IS NULL") ?? 0
        if orphans > 0 { problems.append("\(orphans) files point to missing documents") }
        let strays = try db.scalar("SELECT count(*) FROM documents d LEFT JOIN files f ON f.id = d.file_id WHERE f.id IS NULL") ?? 0
        if strays > 0 { problems.append("\(strays) documents belong to no file") }
        let segments = try db.prepare("SELECT id, base_doc, doc_count, deleted_count, norms, deletions FROM segments")
        var live = 0
        while try segments.step() {
            do {
                let info = try SegmentInfo(id: segments.int64(0), baseDoc: segments.int64(1), docCount: segments.int(2),
                                           deletedCount: segments.int(3), norms: segments.blob(4), deletions: segments.blob(5))
                let marked = (0..<info.docCount).filter { info.isDeleted($0) }.count
                if marked != info.deletedCount { problems.append("segment \(info.id): deleted count \(info.deletedCount) but \(marked) marked") }
                live += info.liveCount
            } catch {
                problems.append("\(error)")
            }
        }
        let documents = Int(try db.scalar("SELECT count(*) FROM documents") ?? 0)
        if documents != live { problems.append("\(documents) stored documents but \(live) live in segments") }
        let postings = try db.prepare("SELECT segment_id, doc_freq, data FROM postings")
        while try postings.step() {
            let list = PostingList(segmentID: postings.int64(0), docFrequency: postings.int(1), data: postings.blob(2))
            var count = 0
            do { try list.forEach { _, _ in count += 1 } } catch { problems.append("segment \(list.segmentID): a posting list does not decode") }
            if count != list.docFrequency { problems.append("segment \(list.segmentID): a posting list has \(count) entries, not \(list.docFrequency)") }
        }
        // A body that does not inflate reads as empty text in results; say which ones.
        let texts = StoredTexts(db: db)
        let bodies = try db.prepare("SELECT doc_id, body FROM documents WHERE typeof(body) = 'blob'")
        var unreadable: [Int64] = []
        while try bodies.step() {
            if try StoredTextCodec.decode(bodies.blob(1), dictionary: texts.dictionary) == nil { unreadable.append(bodies.int64(0)) }
        }
        if !unreadable.isEmpty {
            problems.append("\(unreadable.count) stored bodies cannot be read (documents \(unreadable.prefix(5).map(String.init).joined(separator: ", ")))")
        }
        return problems
    }
}
