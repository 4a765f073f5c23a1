import Foundation
import HDriveCore
import HDriveCrawl
import HDriveExtract
import HDriveIndex
import Logging

/// Counts extractions per path, so tests can prove that a move was not re-extracted.
final class CountingExtractor: ContentExtracting, @unchecked Sendable {
    private let real = Extractor()
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    /// Optional fault: returns a failure instead of extracting while it returns non-nil.
    var fault: (@Sendable (RawPath) -> ExtractionFailure?)?

    var maxFileSize: Int64 { real.maxFileSize }

    func extract(fileAt path: RawPath) -> ExtractionResult {
        extract(fileAt: path) { _ in }
    }

    /// As the real extractor: the crawler hashes what extraction read (tests of moves rely on it).
    func extract(fileAt path: RawPath, wholeFile: ([UInt8]) -> Void) -> ExtractionResult {
        lock.withLock { counts[path.lastComponent.displayString, default: 0] += 1 }
        if let failure = fault?(path) { return .failure(failure) }
        return real.extract(fileAt: path, wholeFile: wholeFile)
    }

    var total: Int { lock.withLock { counts.values.reduce(0, +) } }
    func count(_ name: String) -> Int { lock.withLock { counts[name] ?? 0 } }
    func reset() { lock.withLock { counts.removeAll() } }
}

/// A crawler over one or more trees with its own data directory.
final class CrawlHarness: @unchecked Sendable {
    let data = TestTree("data")
    let extractor = CountingExtractor()
    let crawler: Crawler
    let roots: [RootConfiguration]

    init(roots: [RootConfiguration], configure: (inout CrawlConfiguration) -> Void = { _ in }) throws {
        self.roots = roots
        var configuration = CrawlConfiguration(roots: roots, excludes: CrawlConfiguration.defaultExcludes, walkThreads: 4)
        configure(&configuration)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        crawler = Crawler(configuration: configuration, store: try IndexStore(directory: data.path),
                          extractor: extractor, logger: logger)
    }

    convenience init(tree: TestTree, configure: (inout CrawlConfiguration) -> Void = { _ in }) throws {
        try self.init(roots: [RootConfiguration(name: "t", path: tree.raw)], configure: configure)
    }

    @discardableResult
    func run() throws -> CrawlSummary { try crawler.run() }

    /// Paths in the catalog of the first root, as display strings, sorted.
    func paths() throws -> [String] {
        let id = try crawler.rootID(for: roots[0])
        return try crawler.withStore { try $0.catalog(rootID: id) }.keys.map(\.displayString).sorted()
    }

    func entry(_ path: String) throws -> CatalogEntry? {
        let id = try crawler.rootID(for: roots[0])
        return try crawler.withStore { try $0.catalogEntry(rootID: id, path: RawPath(path)) }
    }

    /// Live documents containing `term` (any field).
    func hits(_ term: String) throws -> Int {
        let reader = try IndexReader(directory: data.path)
        return try reader.read { snapshot in
            var count = 0
            for (segment, list) in try snapshot.postings(for: term) {
                try list.forEach { local, _ in if !segment.isDeleted(local) { count += 1 } }
            }
            return count
        }
    }

    func integrity() throws -> [String] { try crawler.withStore { try $0.integrityCheck() } }
}
