/// The database layout and its migrations. `PRAGMA user_version` holds the schema version;
/// each migration moves it up by one inside the transaction that changes the tables.
enum Schema {
    /// Migrations in order; migration `i` takes the schema from version `i` to `i + 1`.
    static let migrations: [String] = [
        """
        CREATE TABLE roots(
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            path BLOB NOT NULL,              -- absolute path, raw bytes
            display_prefix TEXT,             -- e.g. \\\\fileserver\\h$, shown instead of path
            last_scan_started INTEGER,       -- unix ns
            last_scan_finished INTEGER,      -- unix ns, null while a scan runs or after a crash
            last_scan_summary TEXT           -- JSON of the scan's counts
        );
        CREATE TABLE files(
            id INTEGER PRIMARY KEY,
            root_id INTEGER NOT NULL REFERENCES roots(id),
            path BLOB NOT NULL,              -- relative to the root, raw bytes
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            ctime_ns INTEGER NOT NULL,
            device INTEGER NOT NULL,
            inode INTEGER NOT NULL,
            mode INTEGER NOT NULL,
            uid INTEGER NOT NULL,
            gid INTEGER NOT NULL,
            type TEXT NOT NULL,              -- FileType raw value
            mime TEXT,
            state TEXT NOT NULL,             -- indexed | failed
            failure_kind TEXT,
            failure_message TEXT,
            doc_id INTEGER,                  -- the file's document in the inverted index
            indexed_at INTEGER NOT NULL,     -- unix ns
            UNIQUE(root_id, path)
        );
        CREATE INDEX files_by_doc ON files(doc_id);
        CREATE TABLE documents(
            doc_id INTEGER PRIMARY KEY,      -- global document id, see segments.base_doc
            file_id INTEGER NOT NULL,
            title TEXT,
            body TEXT NOT NULL,              -- stored for snippets
            metadata TEXT                    -- JSON of DocumentMetadata
        );
        CREATE TABLE segments(
            id INTEGER PRIMARY KEY,
            base_doc INTEGER NOT NULL,       -- documents base_doc ..< base_doc + doc_count
            doc_count INTEGER NOT NULL,
            norms BLOB NOT NULL,             -- per document, per field: UInt32 LE length
            deletions BLOB NOT NULL,         -- bitset over local ids: 1 = deleted
            deleted_count INTEGER NOT NULL
        );
        CREATE TABLE postings(
            term TEXT NOT NULL,
            segment_id INTEGER NOT NULL,
            doc_freq INTEGER NOT NULL,
            data BLOB NOT NULL,              -- see PostingListCodec
            PRIMARY KEY(term, segment_id)
        ) WITHOUT ROWID;
        CREATE TABLE field_stats(
            field INTEGER PRIMARY KEY,       -- IndexField raw value
            total_length INTEGER NOT NULL    -- over live documents
        );
        CREATE TABLE meta(
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO meta(key, value) VALUES ('index_format', '1');
        """,
        // 2: the crawler's state: content hashes (moves, duplicates), directory permissions,
        // root health, the persistent work queue.
        """
        ALTER TABLE files ADD COLUMN content_hash BLOB;  -- SHA-256 of the bytes; null if never read
        CREATE INDEX files_by_inode ON files(device, inode);
        CREATE INDEX files_by_hash ON files(content_hash) WHERE content_hash IS NOT NULL;
        CREATE TABLE directories(
            root_id INTEGER NOT NULL REFERENCES roots(id),
            path BLOB NOT NULL,              -- relative to the root, raw bytes; empty = the root itself
            mode INTEGER NOT NULL,           -- st_mode: the r and x bits decide who may list and traverse
            uid INTEGER NOT NULL,
            gid INTEGER NOT NULL,
            PRIMARY KEY(root_id, path)
        ) WITHOUT ROWID;
        CREATE TABLE root_state(
            root_id INTEGER PRIMARY KEY REFERENCES roots(id),
            available INTEGER NOT NULL,      -- 0: last health check failed; documents kept
            reason TEXT,                     -- why not available
            fs_type TEXT,                    -- from /proc/self/mountinfo: ext4, cifs, nfs4, fuse.bindfs
            mount_point BLOB,                -- the mount holding the root
            network INTEGER NOT NULL DEFAULT 0,  -- inotify cannot see other clients' changes
            watch TEXT,                      -- how live changes are seen, for status
            checked_at INTEGER,              -- unix ns
            held_deletions INTEGER NOT NULL DEFAULT 0,  -- a mass deletion waiting for a confirming scan
            held_at INTEGER                  -- unix ns
        );
        CREATE TABLE work_queue(
            root_id INTEGER NOT NULL REFERENCES roots(id),
            path BLOB NOT NULL,              -- relative to the root, raw bytes
            priority INTEGER NOT NULL,       -- 0 live change, 1 rescan, 2 first crawl
            enqueued_at INTEGER NOT NULL,    -- unix ns, FIFO within a priority
            attempts INTEGER NOT NULL DEFAULT 0,
            not_before INTEGER NOT NULL DEFAULT 0,  -- unix ns; retries back off
            last_error TEXT,
            PRIMARY KEY(root_id, path)
        ) WITHOUT ROWID;
        CREATE INDEX work_queue_order ON work_queue(priority, enqueued_at);
        """,
        // 3: the vocabulary, for stem, compound and prefix expansion of query words.
        """
        CREATE TABLE terms(
            term TEXT PRIMARY KEY,           -- every term ever indexed (stale ones expand to nothing)
            stem_nl TEXT NOT NULL,           -- Snowball Dutch stem
            stem_en TEXT NOT NULL,           -- Snowball English stem
            reversed TEXT NOT NULL,          -- the term's characters reversed, for suffix lookups
            stem_nl_reversed TEXT NOT NULL   -- the Dutch stem reversed, for compounds of inflections
        ) WITHOUT ROWID;
        CREATE INDEX terms_by_stem_nl ON terms(stem_nl);
        CREATE INDEX terms_by_stem_en ON terms(stem_en);
        CREATE INDEX terms_by_reversed ON terms(reversed);
        CREATE INDEX terms_by_stem_nl_reversed ON terms(stem_nl_reversed);
        """,
        // 4: postings format 2 (blocks, positions). Format 1 lists cannot be converted without
        // their text, so the index is emptied and the next scan reads every file again.
        """
        DELETE FROM postings;
        DELETE FROM segments;
        DELETE FROM documents;
        DELETE FROM files;
        DELETE FROM field_stats;
        UPDATE meta SET value = '2' WHERE key = 'index_format';
        """,
        // 5: documents inside files (archive members, attachments) as documents of their own;
        // stored bodies deflated against a preset dictionary (StoredTextCodec).
        // Archives indexed before keep their members' text in their body until they change.
        """
        ALTER TABLE documents ADD COLUMN member TEXT;         -- path inside the file; null: the file itself
        ALTER TABLE documents ADD COLUMN member_type TEXT;    -- the member's FileType
        ALTER TABLE documents ADD COLUMN member_failure TEXT; -- why the member's text could not be read
        CREATE INDEX documents_by_file ON documents(file_id);
        CREATE TABLE text_dictionaries(
            id INTEGER PRIMARY KEY,
            bytes BLOB NOT NULL              -- a zlib preset dictionary for stored bodies
        );
        """,
        // 6: postings format 3: lists of several blocks carry score bounds. Format 2 lists still
        // read (unbounded) until a merge rewrites them, so nothing is re-indexed.
        """
        UPDATE meta SET value = '3' WHERE key = 'index_format';
        """,
        // 7: a queued path counts how often it was queued again, so that work planned from an
        // older look at the file does not take a newer change off the queue.
        """
        ALTER TABLE work_queue ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
        """,
        // 8: new bodies are zstd frames against a trained dictionary (StoredTextCodec); zlib
        // bodies and their dictionaries stay readable, so nothing is re-indexed.
        """
        ALTER TABLE text_dictionaries ADD COLUMN kind TEXT NOT NULL DEFAULT 'zlib';  -- zlib | zstd
        """,
        // 9: score bounds of stem classes (StemBoundList). Segments written before have none and
        // are bounded form by form until a merge rewrites them.
        """
        CREATE TABLE stem_bounds(
            segment_id INTEGER NOT NULL,
            stem TEXT NOT NULL,              -- English Snowball stem shared by the class's forms
            data BLOB NOT NULL,              -- per range of 64 documents, a score bound (dropped in 12)
            PRIMARY KEY(segment_id, stem)
        ) WITHOUT ROWID;
        """,
        // 10: postings clustered by segment, then term. A commit's or a merge's lists are then
        // appended at the table's end in one run instead of inserted between every other
        // segment's rows for the same terms, and a dropped segment's rows are one range.
        """
        CREATE TABLE postings_by_segment(
            segment_id INTEGER NOT NULL,
            term TEXT NOT NULL,
            doc_freq INTEGER NOT NULL,
            data BLOB NOT NULL,              -- see docs/index-format.md
            PRIMARY KEY(segment_id, term)
        ) WITHOUT ROWID;
        INSERT INTO postings_by_segment(segment_id, term, doc_freq, data)
            SELECT segment_id, term, doc_freq, data FROM postings ORDER BY segment_id, term;
        DROP TABLE postings;
        ALTER TABLE postings_by_segment RENAME TO postings;
        """,
        // 11: a term with a digit (a date, a number, a code, most file names) has no stems and no
        // reversals: stemming and compounding mean nothing for it, and such terms are most of
        // a share's new terms, each of which cost four index entries. Prefixes still find it.
        """
        CREATE TABLE terms_plain(
            term TEXT PRIMARY KEY,
            stem_nl TEXT,                    -- Snowball Dutch stem; NULL for a term with a digit 0-9
            stem_en TEXT,                    -- Snowball English stem; NULL likewise
            reversed TEXT,                   -- the term's characters reversed; NULL likewise
            stem_nl_reversed TEXT            -- the Dutch stem reversed; NULL likewise
        ) WITHOUT ROWID;
        INSERT INTO terms_plain(term, stem_nl, stem_en, reversed, stem_nl_reversed)
            SELECT term, stem_nl, stem_en, reversed, stem_nl_reversed FROM terms WHERE term NOT GLOB '*[0-9]*';
        INSERT INTO terms_plain(term) SELECT term FROM terms WHERE term GLOB '*[0-9]*';
        DROP TABLE terms;
        ALTER TABLE terms_plain RENAME TO terms;
        CREATE INDEX terms_by_stem_nl ON terms(stem_nl) WHERE stem_nl IS NOT NULL;
        CREATE INDEX terms_by_stem_en ON terms(stem_en) WHERE stem_en IS NOT NULL;
        CREATE INDEX terms_by_reversed ON terms(reversed) WHERE reversed IS NOT NULL;
        CREATE INDEX terms_by_stem_nl_reversed ON terms(stem_nl_reversed) WHERE stem_nl_reversed IS NOT NULL;
        """,
        // 12: no stem classes. A search bounds each document of a word group from the postings
        // themselves (impact lists, built and cached by the readers), which bound tighter.
        """
        DROP TABLE IF EXISTS stem_bounds;
        """,
        // 13: every snapshot lists the segments with their deletion counts. In the table,
        // deleted_count lies past the norms and deletions blobs, so reading it walked their
        // overflow pages (80 of them for a segment of 16,000 documents); the index covers it.
        """
        CREATE INDEX IF NOT EXISTS segments_by_base ON segments(base_doc, id, deleted_count);
        """,
    ]

    /// Data that SQL alone cannot migrate, run inside the migration's transaction.
    static func backfill(toVersion version: Int, _ db: SQLiteConnection, _ vocabulary: VocabularyWriter) throws {
        if version == 3 {
            let terms = try db.prepare("SELECT DISTINCT term FROM postings")
            var all: [String] = []
            while try terms.step() { if let term = terms.text(0) { all.append(term) } }
            // This table's columns are NOT NULL until schema 11, which leaves terms with a digit
            // without stems; and schema 4 empties the index these terms come from anyway.
            try vocabulary.add(all.filter { !VocabularyWriter.hasDigit($0) })
        }
    }

    static var currentVersion: Int { migrations.count }

    /// The postings and norms layout this build reads and writes (docs/index-format.md).
    static let indexFormat = 3

    static func migrate(_ db: SQLiteConnection, vocabulary: VocabularyWriter) throws {
        let version = Int(try db.scalar("PRAGMA user_version") ?? 0)
        if version > currentVersion {
            throw IndexError("database schema version \(version) is newer than this hdrive understands (\(currentVersion)); upgrade hdrive")
        }
        for next in version..<currentVersion {
            try db.transaction {
                try db.execute(migrations[next])
                try backfill(toVersion: next + 1, db, vocabulary)
                try db.execute("PRAGMA user_version = \(next + 1)")
            }
        }
        let format = try db.prepare("SELECT value FROM meta WHERE key = 'index_format'")
        let found = try format.step() ? Int(format.text(0) ?? "") : nil
        guard found == indexFormat else {
            throw IndexError("index format \(found.map(String.init) ?? "missing") is not the format \(indexFormat) this hdrive reads; rebuild the index")
        }
    }
}
