/// Word's list counting, the same in .docx and .doc: one row of counters per list, nine
/// levels deep. A paragraph at some level moves that level on and restarts every deeper
/// one; a level skipped on the way down counts as shown at its start, so "1." followed by a
/// third-level item reads "1.1.1." and a later second-level item reads "1.2.".
struct ListCounters {
    static let levels = 9
    private var counts: [String: [Int?]] = [:]

    /// The numbers of levels 0...level for the next paragraph of `list` at `level`.
    /// `restart` names levels to count from their start again (a list instance's overrides).
    mutating func advance(_ list: String, level: Int, restart: some Sequence<Int> = [Int](),
                          start: (Int) -> Int) -> [Int] {
        var row = counts[list] ?? Array(repeating: nil, count: ListCounters.levels)
        for overridden in restart where row.indices.contains(overridden) { row[overridden] = nil }
        for shallower in 0..<level where row[shallower] == nil { row[shallower] = start(shallower) }
        row[level] = row[level].map { $0 + 1 } ?? start(level)
        for deeper in (level + 1)..<ListCounters.levels { row[deeper] = nil }
        counts[list] = row
        return row[0...level].map { $0 ?? 1 }
    }
}
