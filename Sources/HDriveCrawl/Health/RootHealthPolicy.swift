/// What a probe saw of a root, before any judgement.
struct RootObservation: Sendable, Equatable {
    /// Why the root could not be opened as a directory (nil: it could).
    var openError: String?
    /// Listing its first entries failed (EACCES, ENOTCONN, EIO...).
    var listError: String?
    /// Something is mounted exactly at the root (mountinfo), or its device differs from its parent's.
    var isMountPoint: Bool
    /// The sentinel file's presence, when one is configured.
    var sentinelFound: Bool?
}

/// Decides whether a root may be scanned. An unhealthy root keeps every document: an unmounted
/// share looks exactly like a share whose files were all deleted, and indexers that believed
/// the latter have wiped their index.
struct RootHealthPolicy: Sendable {
    /// The configuration says a file system is mounted at the root.
    var expectMountPoint: Bool
    /// A file that must exist in the root (relative name), if configured.
    var sentinel: String?

    enum Verdict: Equatable {
        case healthy
        case unavailable(String)
    }

    func evaluate(_ observation: RootObservation) -> Verdict {
        if let error = observation.openError { return .unavailable("cannot open the root: \(error)") }
        if expectMountPoint && !observation.isMountPoint {
            return .unavailable("nothing is mounted at the root (its device is its parent's)")
        }
        if let error = observation.listError { return .unavailable("cannot list the root: \(error)") }
        if let sentinel, observation.sentinelFound != true {
            return .unavailable("the sentinel file \(sentinel) is missing")
        }
        return .healthy
    }
}
