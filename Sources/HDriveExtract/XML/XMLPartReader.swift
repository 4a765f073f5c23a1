import HDriveCore
internal import CLibXML2

/// An element name as the XML means it: namespace URI plus local name, never the prefix.
///
/// Handlers test every event's name against sets and constants, so the hash is computed
/// once, when the reader first meets a name, and unequal names differ in it at once:
/// hashing two URLs per event cost a tenth of a .docx's extraction time.
struct XMLName: Hashable, Sendable {
    let namespace: String
    let local: String
    private let hash: Int

    init(_ namespace: String, _ local: String) {
        self.namespace = namespace
        self.local = local
        var hasher = Hasher()
        hasher.combine(namespace)
        hasher.combine(local)
        hash = hasher.finalize()
    }

    static func == (left: XMLName, right: XMLName) -> Bool {
        left.hash == right.hash && left.local == right.local && left.namespace == right.namespace
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(hash)
    }
}

enum XMLEvent: Equatable {
    case start(XMLName)
    case end(XMLName)
    case text(String)
}

/// Pull-style events from one XML part (content.xml, word/document.xml) over libxml2's
/// streaming reader, so memory stays flat whatever the part's size.
///
/// Hostile XML: no entity substitution, no DTD loading, no network; a DOCTYPE is refused
/// outright (office parts never have one), and so is nesting deeper than `maxDepth`.
final class XMLPartReader {
    let part: String
    private let maxDepth: Int
    private let deadline: Deadline
    private let allowsDoctype: Bool
    /// The deadline is checked every so many nodes: reading the clock costs more than a node.
    private var untilDeadlineCheck = 0
    private let reader: OpaquePointer
    /// Kept alive for libxml2, which holds only an unretained pointer to it.
    private let source: XMLByteSource
    /// An empty element (`<w:tab/>`) has no end node in libxml2; we send one ourselves.
    private var pendingEnd: XMLName?
    /// libxml2 interns names in the reader's dictionary, so a pair of pointers identifies a
    /// name: this saves building two Swift strings per element (about half the parse time).
    private var names: [NameKey: XMLName] = [:]
    /// In front of `names`, by the local name's address: a part uses few names, and hashing
    /// the pair for every element cost half the time spent on names.
    private var recent = [(key: NameKey, name: XMLName)?](repeating: nil, count: 64)

    private struct NameKey: Hashable {
        var namespace: UnsafePointer<xmlChar>?
        var local: UnsafePointer<xmlChar>?
    }

    private static let parserReady: Bool = {
        xmlInitParser()
        return true
    }()

    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
                                       | XML_PARSE_NOWARNING.rawValue | XML_PARSE_COMPACT.rawValue)

    convenience init(bytes: [UInt8], part: String, maxDepth: Int, deadline: Deadline,
                     allowsDoctype: Bool = false) throws(ExtractionFailure) {
        try self.init(source: MemoryByteSource(bytes), part: part, maxDepth: maxDepth, deadline: deadline,
                      allowsDoctype: allowsDoctype)
    }

    /// Reads from `source` as libxml2 asks for bytes (an entry inflating as it is parsed).
    init(source: XMLByteSource, part: String, maxDepth: Int, deadline: Deadline,
         allowsDoctype: Bool = false) throws(ExtractionFailure) {
        _ = XMLPartReader.parserReady
        let context = Unmanaged.passUnretained(source).toOpaque()
        guard let reader = xmlReaderForIO(XMLPartReader.readCallback, XMLPartReader.closeCallback, context, part, nil,
                                          XMLPartReader.options) else {
            throw source.failure ?? ExtractionFailure(.unreadable, "libxml2 could not start reading \(part)")
        }
        self.part = part
        self.maxDepth = maxDepth
        self.deadline = deadline
        self.allowsDoctype = allowsDoctype
        self.reader = reader
        self.source = source
    }

    private static let readCallback: xmlInputReadCallback = { context, buffer, length in
        guard let context, let buffer else { return -1 }
        return Unmanaged<XMLByteSource>.fromOpaque(context).takeUnretainedValue().read(into: buffer, count: Int(length))
    }

    private static let closeCallback: xmlInputCloseCallback = { _ in 0 }

    deinit {
        xmlFreeTextReader(reader)
    }

    /// The next start, end or text event; nil at the end of the part.
    func next() throws(ExtractionFailure) -> XMLEvent? {
        if let end = pendingEnd {
            pendingEnd = nil
            return .end(end)
        }
        while true {
            if untilDeadlineCheck == 0 {
                try deadline.check()
                untilDeadlineCheck = 4096
            }
            untilDeadlineCheck -= 1
            xmlResetLastError()
            let status = xmlTextReaderRead(reader)
            if status == 0 { return nil }
            guard status == 1 else { throw parseFailure() }
            switch xmlTextReaderNodeType(reader) {
            case 1:
                guard xmlTextReaderDepth(reader) < maxDepth else {
                    throw corrupt("XML in \(part) is nested deeper than \(maxDepth) levels")
                }
                let name = currentName()
                if xmlTextReaderIsEmptyElement(reader) == 1 { pendingEnd = name }
                return .start(name)
            case 15:
                return .end(currentName())
            case 3, 4, 13, 14:
                return .text(string(xmlTextReaderConstValue(reader)))
            case 10:
                if allowsDoctype { continue }
                throw corrupt("DOCTYPE is not allowed in \(part)")
            default:
                continue
            }
        }
    }

    /// An attribute of the element just started; `namespace` "" for an unprefixed attribute.
    func attribute(_ local: String, namespace: String) -> String? {
        // libxml2 finds unprefixed attributes only without a namespace argument.
        let found = namespace.isEmpty ? xmlTextReaderGetAttribute(reader, local)
            : xmlTextReaderGetAttributeNs(reader, local, namespace)
        guard let value = found else { return nil }
        defer { cxml_free(value) }
        return String(cString: value)
    }

    private func currentName() -> XMLName {
        let key = NameKey(namespace: xmlTextReaderConstNamespaceUri(reader), local: xmlTextReaderConstLocalName(reader))
        let bits = Int(bitPattern: key.local)  // short names lie a few bytes apart in libxml2's pool
        let slot = (bits ^ bits >> 6) & (recent.count - 1)
        if let cached = recent[slot], cached.key == key { return cached.name }
        if let name = names[key] {
            recent[slot] = (key, name)
            return name
        }
        let namespace = string(key.namespace)
        let name = XMLName(XMLPartReader.knownNamespaces[namespace] ?? namespace, string(key.local))
        names[key] = name
        return name
    }

    /// The namespaces handlers compare with, as the very strings they compare with: equal
    /// strings that share storage compare by pointer, others byte by byte on every event.
    private static let knownNamespaces: [String: String] = {
        let all = OOXMLNames.word + [OOXMLNames.drawing, OOXMLNames.chart, OOXMLNames.presentation,
                                     OOXMLNames.spreadsheet, OOXMLNames.relationships, OOXMLNames.wordDrawing,
                                     OOXMLNames.vml, OOXMLNames.office, ODFNames.text, ODFNames.meta, ODFNames.office,
                                     ODFNames.tableNamespace, ODFNames.draw, ODFNames.svg, ODFNames.dc]
        return Dictionary(all.map { ($0, $0) }, uniquingKeysWith: { first, _ in first })
    }()

    private func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private func parseFailure() -> ExtractionFailure {
        if let failure = source.failure { return failure }
        guard let error = xmlGetLastError(), let message = error.pointee.message else {
            return corrupt("XML in \(part) is not well-formed")
        }
        let text = String(cString: message).trimmingCharactersInWhitespace()
        return corrupt("XML in \(part) is not well-formed: \(text) (line \(error.pointee.line))")
    }
}
