import HDriveCore

/// One inotify event, with its path relative to the root.
public struct WatchEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case created, modified, closedWrite, attributes, deleted, movedFrom, movedTo
        /// The kernel dropped events (IN_Q_OVERFLOW): only a scan can tell what happened.
        case overflow
    }

    public var kind: Kind
    public var path: RawPath
    public var isDirectory: Bool
    /// Pairs MOVED_FROM with MOVED_TO.
    public var cookie: UInt32

    public init(_ kind: Kind, _ path: RawPath, isDirectory: Bool = false, cookie: UInt32 = 0) {
        self.kind = kind
        self.path = path
        self.isDirectory = isDirectory
        self.cookie = cookie
    }
}

/// What the index must do about a burst of events.
public enum LiveChange: Sendable, Equatable {
    /// Re-check this file (created, written, attributes changed).
    case changed(RawPath)
    /// This path (file or directory) seems gone: confirm by stat, then delete.
    case removed(RawPath)
    /// A rename inside the root: keep the documents under their new path.
    case moved(from: RawPath, to: RawPath, isDirectory: Bool)
    /// A directory appeared (or moved in): watch it and scan it.
    case scanDirectory(RawPath)
    /// Events were lost: reconcile the whole root with a scan.
    case rescanRoot
}

/// Merges the events of each path until it has been quiet for a while, so a file being written
/// is indexed once, after it is closed; pairs renames by cookie. Pure: time is passed in.
public struct EventCoalescer: Sendable {
    /// Nanoseconds a path must stay quiet before its change is due.
    public var quietPeriod: Int64
    /// A file written but never closed is indexed after this long anyway (logs, open databases).
    public var writeTimeout: Int64
    /// How long a MOVED_FROM waits for its MOVED_TO before it counts as a deletion.
    public var pairWindow: Int64

    private struct Pending {
        var first: Int64
        var last: Int64
        var writing = false
        var removed = false
        var newDirectory = false
    }

    private var pending: [RawPath: Pending] = [:]
    private var unpairedMoves: [UInt32: (path: RawPath, isDirectory: Bool, time: Int64)] = [:]
    private var ready: [LiveChange] = []
    private var overflowed = false

    public init(quietPeriod: Int64 = 300_000_000, writeTimeout: Int64 = 30_000_000_000, pairWindow: Int64 = 250_000_000) {
        self.quietPeriod = quietPeriod
        self.writeTimeout = writeTimeout
        self.pairWindow = pairWindow
    }

    public var isIdle: Bool { pending.isEmpty && unpairedMoves.isEmpty && ready.isEmpty && !overflowed }

    public mutating func add(_ event: WatchEvent, at now: Int64) {
        switch event.kind {
        case .overflow:
            overflowed = true
        case .movedFrom:
            unpairedMoves[event.cookie] = (event.path, event.isDirectory, now)
        case .movedTo:
            if let from = unpairedMoves.removeValue(forKey: event.cookie) {
                ready.append(.moved(from: from.path, to: event.path, isDirectory: event.isDirectory))
                // Changes still pending on the old name belong to the new one now.
                if let carried = pending.removeValue(forKey: from.path), !carried.removed { pending[event.path] = carried }
                if event.isDirectory { movePendingPaths(from: from.path, to: event.path) }
            } else {
                touch(event.path, now) { $0.newDirectory = event.isDirectory; $0.removed = false }
            }
        case .created:
            touch(event.path, now) { $0.newDirectory = event.isDirectory; $0.removed = false }
        case .modified:
            touch(event.path, now) { $0.writing = true; $0.removed = false }
        case .closedWrite:
            touch(event.path, now) { $0.writing = false; $0.removed = false }
        case .attributes:
            touch(event.path, now) { _ in }
        case .deleted:
            touch(event.path, now) { $0.removed = true; $0.writing = false; $0.newDirectory = false }
        }
    }

    /// Changes whose quiet period is over, renames first (in arrival order), then paths sorted.
    public mutating func due(at now: Int64) -> [LiveChange] {
        var changes = ready
        ready.removeAll()
        if overflowed {
            overflowed = false
            pending.removeAll()
            unpairedMoves.removeAll()
            return changes + [.rescanRoot]
        }
        for (cookie, move) in unpairedMoves where now - move.time >= pairWindow {
            unpairedMoves.removeValue(forKey: cookie)
            changes.append(.removed(move.path))  // moved out of the root, or the pair was lost
        }
        var settled: [(RawPath, Pending)] = []
        for (path, state) in pending {
            let quiet = now - state.last >= quietPeriod
            if (quiet && !state.writing) || now - state.first >= writeTimeout { settled.append((path, state)) }
        }
        for (path, state) in settled.sorted(by: { $0.0 < $1.0 }) {
            pending.removeValue(forKey: path)
            if state.removed { changes.append(.removed(path)) }
            else if state.newDirectory { changes.append(.scanDirectory(path)) }
            else { changes.append(.changed(path)) }
        }
        return changes
    }

    /// The earliest time something may become due, to sleep until then.
    public func nextDeadline() -> Int64? {
        if !ready.isEmpty || overflowed { return 0 }
        let quiet = pending.values.map { $0.writing ? $0.first + writeTimeout : $0.last + quietPeriod }
        let moves = unpairedMoves.values.map { $0.time + pairWindow }
        return (quiet + moves).min()
    }

    private mutating func touch(_ path: RawPath, _ now: Int64, _ update: (inout Pending) -> Void) {
        var state = pending[path] ?? Pending(first: now, last: now)
        state.last = now
        update(&state)
        pending[path] = state
    }

    private mutating func movePendingPaths(from old: RawPath, to new: RawPath) {
        for (path, state) in pending where path.isInside(old) && path != old {
            pending.removeValue(forKey: path)
            pending[path.replacingPrefix(old, with: new)] = state
        }
    }
}
