import HDriveCore

/// Collects document properties (ODF meta.xml, OOXML docProps/core.xml) from XML events,
/// driven by a table of which element holds which property.
struct MetadataHandler {
    enum Field: Sendable {
        case title, subject, author, lastModifiedBy, created, modified, keywords, language
    }

    let fields: [XMLName: Field]
    private var current: (name: XMLName, field: Field)?
    private var buffer = ""
    private var stopped = false
    private(set) var values: [Field: String] = [:]

    init(fields: [XMLName: Field]) {
        self.fields = fields
    }

    /// Ignores what follows: in flat ODF, the body's comments carry dc:creator and dc:date too.
    mutating func stop() {
        stopped = true
    }

    mutating func handle(_ event: XMLEvent) {
        guard !stopped else { return }
        switch event {
        case .start(let name):
            if current == nil, let field = fields[name] {
                current = (name, field)
                buffer = ""
            }
        case .text(let text):
            if current != nil { buffer += text }
        case .end(let name):
            guard let open = current, open.name == name else { return }
            current = nil
            let value = buffer.trimmingCharactersInWhitespace()
            guard !value.isEmpty else { return }
            if open.field == .keywords, let earlier = values[.keywords] {
                values[.keywords] = earlier + ", " + value  // ODF has one meta:keyword per keyword
            } else if values[open.field] == nil {
                values[open.field] = value
            }
        }
    }

    /// Copies the collected properties into a document.
    func apply(to document: inout ExtractedDocument) {
        document.title = values[.title] ?? document.title
        document.metadata.subject = values[.subject]
        document.metadata.author = values[.author]
        document.metadata.lastModifiedBy = values[.lastModifiedBy]
        document.metadata.created = values[.created]
        document.metadata.modified = values[.modified]
        document.metadata.keywords = values[.keywords]
        document.metadata.language = values[.language]
    }
}

extension MetadataHandler {
    /// Reads a whole properties part. A broken properties part costs the properties, not the text.
    static func read(_ bytes: [UInt8], part: String, fields: [XMLName: Field],
                     input: ExtractionInput) -> (MetadataHandler, ExtractionFailure?) {
        var handler = MetadataHandler(fields: fields)
        do {
            let reader = try input.xmlReader(bytes, part: part)
            while let event = try reader.next() { handler.handle(event) }
            return (handler, nil)
        } catch {
            return (handler, ExtractionFailure(.partial, "properties unreadable: \(error.message)"))
        }
    }
}
