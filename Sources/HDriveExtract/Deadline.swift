import HDriveCore

/// The time one file may take. In-process parsers cannot be killed, so they check it in their
/// loops (XML events, inflate steps, decoders) and give up with `.timeout`; helper programs
/// are killed when it passes.
struct Deadline: Sendable {
    let limit: Duration
    let end: ContinuousClock.Instant

    init(limit: Duration) {
        self.limit = limit
        self.end = ContinuousClock.now.advanced(by: limit)
    }

    var remaining: Duration { ContinuousClock.now.duration(to: end) }
    var hasPassed: Bool { ContinuousClock.now >= end }

    func check() throws(ExtractionFailure) {
        if hasPassed { throw timeout }
    }

    var timeout: ExtractionFailure {
        ExtractionFailure(.timeout, "extraction took longer than \(Deadline.format(limit))")
    }

    static func format(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }
}
