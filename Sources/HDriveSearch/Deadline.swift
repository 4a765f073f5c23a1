import Dispatch

/// A per-query time budget: a query that exceeds it fails with a clear error instead of
/// holding a search thread.
struct Deadline {
    let limitNanoseconds: UInt64
    private let end: UInt64

    init(milliseconds: Int) {
        limitNanoseconds = UInt64(max(milliseconds, 1)) * 1_000_000
        end = DispatchTime.now().uptimeNanoseconds &+ limitNanoseconds
    }

    func check() throws {
        if DispatchTime.now().uptimeNanoseconds > end {
            throw SearchError("the query took longer than \(limitNanoseconds / 1_000_000) ms; add words or filters to narrow it")
        }
    }
}
