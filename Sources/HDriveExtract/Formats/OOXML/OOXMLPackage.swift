import HDriveCore

/// One relationship of an OOXML part: what it points at, and what kind of thing that is.
struct OOXMLRelationship {
    var id: String
    /// The last segment of the type URI ("slide", "notesSlide", "comments", "chart").
    var kind: String
    /// The target part's name inside the package, resolved against the source part.
    var target: String
    var isExternal: Bool
}

/// Reading an OOXML package (docx, xlsx, pptx): parts through their relationships, text
/// parts through a handler, and the properties in `docProps/core.xml` and `app.xml`.
struct OOXMLPackage {
    let input: ExtractionInput

    /// The relationships of `part` ("ppt/slides/slide1.xml" -> "ppt/slides/_rels/slide1.xml.rels"),
    /// in document order; none when the part has no relationships part or it is unreadable.
    func relationships(of part: String) -> [OOXMLRelationship] {
        let (directory, file) = OOXMLPackage.split(part)
        let relsName = directory.isEmpty ? "_rels/\(file).rels" : "\(directory)/_rels/\(file).rels"
        guard let reader = try? input.xmlReader(forPart: relsName) else { return [] }
        var found: [OOXMLRelationship] = []
        while let event = try? reader.next() {
            guard case .start(let name) = event, name.local == "Relationship",
                  let id = reader.attribute("Id", namespace: ""), let type = reader.attribute("Type", namespace: ""),
                  let target = reader.attribute("Target", namespace: "") else { continue }
            let external = reader.attribute("TargetMode", namespace: "") == "External"
            let kind = type.split(separator: "/").last.map(String.init) ?? type
            found.append(OOXMLRelationship(id: id, kind: kind, target: external ? target : resolve(target, from: directory),
                                           isExternal: external))
        }
        return found
    }

    /// Reads a part's XML events into `handle`; a missing part reads as nothing.
    func read(_ part: String, _ handle: (XMLEvent, XMLPartReader) -> Void,
              stopWhen full: () -> Bool = { false }) throws(ExtractionFailure) {
        guard let reader = try input.xmlReader(forPart: part) else { return }
        while !full(), let event = try reader.next() { handle(event, reader) }
    }

    /// Title, author, dates and keywords from core.xml; pages or slides from app.xml.
    func applyProperties(to document: inout ExtractedDocument) {
        if let core = try? input.part("docProps/core.xml") {
            let (handler, failure) = MetadataHandler.read(core, part: "docProps/core.xml",
                                                          fields: OOXMLNames.metadataFields, input: input)
            handler.apply(to: &document)
            document.problem = document.problem ?? failure
        }
        guard document.metadata.pageCount == nil, let app = try? input.part("docProps/app.xml"),
              let reader = try? input.xmlReader(app, part: "docProps/app.xml") else { return }
        var current: String?
        while let event = try? reader.next() {
            switch event {
            case .start(let name): current = name.local
            case .end: current = nil
            case .text(let value):
                if current == "Pages" || current == "Slides", let count = Int(value.trimmingCharactersInWhitespace()) {
                    document.metadata.pageCount = count
                }
            }
        }
    }

    /// A target relative to the source part's folder ("../media/x.png" from "ppt/slides").
    private func resolve(_ target: String, from directory: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var components = directory.split(separator: "/").map(String.init)
        for component in target.split(separator: "/") {
            if component == ".." { _ = components.popLast() } else if component != "." { components.append(String(component)) }
        }
        return components.joined(separator: "/")
    }

    static func split(_ part: String) -> (directory: String, file: String) {
        guard let slash = part.lastIndex(of: "/") else { return ("", part) }
        return (String(part[..<slash]), String(part[part.index(after: slash)...]))
    }
}
