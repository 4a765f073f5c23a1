import HDriveCrawl

/// When each root is due for a rescan: its own interval, else the daemon's; network and FUSE
/// roots always get one (inotify cannot see other clients' changes there).
struct RescanSchedule: Sendable {
    /// The daemon's `rescan_interval`; nil when off.
    var defaultInterval: Duration?
    /// Used for network roots when no interval is configured at all.
    var networkFallback: Duration = .seconds(3600)

    /// nil: this root is never rescanned on a timer.
    func interval(for root: RootConfiguration, network: Bool) -> Duration? {
        if let own = root.rescanInterval { return own == .zero ? nil : own }
        if let defaultInterval { return defaultInterval }
        return network ? networkFallback : nil
    }

    /// Names of the roots due at `now` (seconds on a monotonic clock), given when each was last scanned.
    func due(roots: [RootConfiguration], network: Set<String>, lastScan: [String: Double], now: Double) -> [RootConfiguration] {
        roots.filter { root in
            guard let interval = interval(for: root, network: network.contains(root.name)) else { return false }
            let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
            return now - (lastScan[root.name] ?? -Double.infinity) >= seconds
        }
    }
}
