/// Holds a scan's deletions when there are suspiciously many, until a second scan confirms
/// them: a half-mounted or flaky share must not empty the index in one pass.
public struct MassDeletePolicy: Sendable, Equatable {
    /// Deleting more than this fraction of a root's documents is a mass deletion...
    public var maxFraction: Double
    /// ...and so is deleting more than this many.
    public var maxCount: Int
    /// So many deletions are never held, whatever the fraction: small roots stay usable.
    public var alwaysAllowed: Int

    public init(maxFraction: Double = 0.05, maxCount: Int = 1000, alwaysAllowed: Int = 10) {
        self.maxFraction = maxFraction
        self.maxCount = maxCount
        self.alwaysAllowed = alwaysAllowed
    }

    public enum Decision: Equatable, Sendable {
        case apply
        /// Keep the documents; remember this many deletions for the next scan to confirm.
        case hold(Int)
    }

    /// - Parameters:
    ///   - deletions: documents this scan would delete.
    ///   - documents: documents the root holds now.
    ///   - held: deletions the previous scan held (0 if none).
    ///   - override: the admin allowed it (`--allow-mass-delete`).
    public func decide(deletions: Int, documents: Int, held: Int, override: Bool) -> Decision {
        guard deletions > 0, !override else { return .apply }
        guard isMass(deletions: deletions, documents: documents) else { return .apply }
        // Confirmed when a previous scan held about as many: a share still shrinking is held again.
        if held > 0 && deletions <= held + held / 10 + alwaysAllowed { return .apply }
        return .hold(deletions)
    }

    public func isMass(deletions: Int, documents: Int) -> Bool {
        guard deletions > alwaysAllowed else { return false }
        return deletions > maxCount || Double(deletions) > maxFraction * Double(max(documents, 1))
    }
}
