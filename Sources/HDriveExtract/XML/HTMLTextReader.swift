import HDriveCore
internal import CLibXML2

/// The text of an HTML page, as a reader sees it: libxml2's forgiving HTML parser (which
/// also finds the encoding from a BOM or `<meta charset>`), then a walk of the tree that
/// skips scripts, styles and the head, and breaks paragraphs at block elements. No network,
/// no external entities; the walk is iterative, so nesting depth costs no stack.
struct HTMLTextReader {
    var title: String?
    var meta: [String: String] = [:]
    var language: String?

    private static let skipped: Set<String> = ["script", "style", "noscript", "template", "head", "svg", "object",
                                               "iframe", "select"]
    private static let blocks: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
        "table", "section", "article", "header", "footer", "nav", "aside", "blockquote", "pre", "hr", "address",
        "figure", "figcaption", "form", "fieldset", "legend", "main", "caption", "title", "body", "option",
    ]

    private static let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                                       | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_RECOVER.rawValue
                                       | HTML_PARSE_COMPACT.rawValue)

    /// Reads `bytes` into `text`; `encoding` overrides what the page says (a mail part's charset).
    mutating func read(_ bytes: [UInt8], encoding: String? = nil, deadline: Deadline,
                       into text: inout TextCollector) throws(ExtractionFailure) {
        guard bytes.count < Int(Int32.max) else { throw ExtractionFailure(.tooLarge, "HTML page is over 2 GiB") }
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), "page.html", encoding, HTMLTextReader.options)
            }
        }
        guard let document else { throw corrupt("HTML could not be parsed") }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return }
        language = attribute(root, "lang")
        var stack: [xmlNodePtr] = [root]
        var visited = 0
        while let node = stack.popLast(), !text.isFull {
            visited += 1
            if visited % 4096 == 0 { try deadline.check() }
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                let name = string(node.pointee.name).lowercased()
                if name == "head" || name == "title" || name == "meta" { readHead(node, name) }
                if HTMLTextReader.blocks.contains(name) { text.breakParagraph() }
                if name == "img", let alt = attribute(node, "alt"), !alt.isEmpty { text.appendCollapsingWhitespace(" \(alt) ") }
                guard !HTMLTextReader.skipped.contains(name) else { continue }
                // Children in reverse onto the stack, so they come off in document order.
                var children: [xmlNodePtr] = []
                var child = node.pointee.children
                while let current = child { children.append(current); child = current.pointee.next }
                if HTMLTextReader.blocks.contains(name) { stack.append(BlockEnd.marker) }
                stack += children.reversed()
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if node == BlockEnd.marker { text.breakParagraph(); continue }
                text.appendCollapsingWhitespace(string(node.pointee.content))
            default:
                continue
            }
        }
    }

    /// Title and meta tags; the head's text is never body text, so its children are read here.
    private mutating func readHead(_ node: xmlNodePtr, _ name: String) {
        if name == "head" {
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE {
                    let childName = string(current.pointee.name).lowercased()
                    if childName == "title" || childName == "meta" { readHead(current, childName) }
                }
                child = current.pointee.next
            }
        } else if name == "title", title == nil {
            let content = xmlNodeGetContent(node)
            defer { cxml_free(content) }
            let value = string(content).trimmingCharactersInWhitespace()
            title = value.isEmpty ? nil : value
        } else if name == "meta", let key = attribute(node, "name")?.lowercased(), let content = attribute(node, "content") {
            meta[key] = content.trimmingCharactersInWhitespace()
        }
    }

    private func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { cxml_free(value) }
        return string(value)
    }

    private func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private func string(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}

/// A text node that is never part of a document: pushed after a block's children, it
/// marks where the block ends.
private enum BlockEnd {
    nonisolated(unsafe) static let marker: xmlNodePtr = xmlNewText("")
}
