import ArgumentParser
import Foundation
import HDriveCore
import HDriveDaemon
import HDriveExtract

struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Show what hdrive sees in one file: detected type, metadata and text, or why it failed.",
        discussion: "Exits 1 when the file cannot be read. The answer to \"why is my file not found?\".")

    @Option(name: .long, help: ArgumentHelp("Config file whose limits apply.", valueName: "file"))
    var config: String?

    @Argument(help: "The file to extract.")
    var file: String

    @Flag(name: .long, help: "Print the result as JSON.")
    var json = false

    func run() async throws {
        try await reportingErrors { try await execute() }
    }

    private func execute() async throws {
        let configuration = try ConfigLoader.load(path: config)
        let path = PathResolver.absolute(file)
        let result = Extractor(configuration: configuration.extract).extract(fileAt: RawPath(path))
        if json {
            print(try ExtractionReport(path: path, result: result).json())
        } else {
            switch result {
            case .document(let document): printPlain(path: path, document)
            case .failure: break
            }
        }
        if case .failure(let failure) = result {
            throw CLIError("\(file): \(failure)")
        }
    }

    private func printPlain(path: String, _ document: ExtractedDocument) {
        print("file: \(path)")
        print("type: \(document.type) (\(document.mimeType))")
        let metadata = document.metadata
        let fields: [(String, String?)] = [
            ("title", document.title), ("author", metadata.author), ("last modified by", metadata.lastModifiedBy),
            ("created", metadata.created), ("modified", metadata.modified), ("subject", metadata.subject),
            ("keywords", metadata.keywords), ("language", metadata.language), ("encoding", metadata.encoding),
        ]
        for case let (label, value?) in fields where !value.isEmpty { print("\(label): \(value)") }
        if let problem = document.problem { print("problem: \(problem)") }
        print("text: \(document.body.utf8.count) bytes")
        print("---")
        print(document.body)
    }
}

/// The JSON shape of `hdrive extract --json`.
struct ExtractionReport: Encodable {
    var path: String
    var type: String?
    var mime: String?
    var title: String?
    var metadata: DocumentMetadata?
    var problem: ExtractionFailure?
    var text: String?
    var failure: ExtractionFailure?
    /// Archive members, each a document or a failure (absent for other files).
    var members: [ExtractedMember]?

    init(path: String, result: ExtractionResult) {
        self.path = path
        switch result {
        case .document(let document):
            type = document.type.rawValue
            mime = document.mimeType
            title = document.title
            metadata = document.metadata
            problem = document.problem
            text = document.body
            members = document.members.isEmpty ? nil : document.members
        case .failure(let failure):
            self.failure = failure
        }
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
