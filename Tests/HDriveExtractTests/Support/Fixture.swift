import Foundation
import HDriveCore

/// The committed fixtures (made by Tests/make-fixtures.sh).
enum Fixture {
    static func path(_ name: String) -> RawPath {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name)
        return RawPath(url.path)
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path(name).displayString)))
    }
}

extension ExtractionResult {
    var document: ExtractedDocument? {
        if case .document(let document) = self { return document }
        return nil
    }

    var failure: ExtractionFailure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
