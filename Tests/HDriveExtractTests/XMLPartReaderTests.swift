import HDriveCore
import Testing
@testable import HDriveExtract

@Suite struct XMLPartReaderTests {
    func events(_ xml: String, maxDepth: Int = 256) throws(ExtractionFailure) -> [XMLEvent] {
        let reader = try XMLPartReader(bytes: Array(xml.utf8), part: "test.xml", maxDepth: maxDepth,
                                       deadline: Deadline(limit: .seconds(60)))
        var events: [XMLEvent] = []
        while let event = try reader.next() { events.append(event) }
        return events
    }

    func failure(_ xml: String, maxDepth: Int = 256) -> ExtractionFailure? {
        do { _ = try events(xml, maxDepth: maxDepth) } catch { return error }
        return nil
    }

    @Test func eventsCarryNamespacesAndEmptyElementsEnd() throws {
        let got = try events(#"<r xmlns="urn:a" xmlns:b="urn:b"><b:t>hi</b:t><e/></r>"#)
        #expect(got == [.start(XMLName("urn:a", "r")), .start(XMLName("urn:b", "t")), .text("hi"),
                        .end(XMLName("urn:b", "t")), .start(XMLName("urn:a", "e")), .end(XMLName("urn:a", "e")),
                        .end(XMLName("urn:a", "r"))])
    }

    @Test func doctypeIsRefused() {
        #expect(failure("<!DOCTYPE r []><r/>") == ExtractionFailure(.corrupt, "DOCTYPE is not allowed in test.xml"))
    }

    @Test func externalEntityIsNeverRead() throws {
        let xxe = """
        <?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>
        """
        #expect(failure(xxe)?.kind == .corrupt)
        // Even the bytes before the refusal never hold the file's content.
        let reader = try XMLPartReader(bytes: Array(xxe.utf8), part: "p", maxDepth: 10, deadline: Deadline(limit: .seconds(60)))
        var texts = ""
        while let event = try? reader.next() { if case .text(let text) = event { texts += text } }
        #expect(!texts.contains("root:"))
    }

    @Test func billionLaughsFailsFast() {
        var entities = #"<!ENTITY a0 "lol">"#
        for level in 1...10 {
            let previous = "&a\(level - 1);"
            entities += "<!ENTITY a\(level) \"\(String(repeating: previous, count: 10))\">"
        }
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE r [\(entities)]><r>&a10;</r>"
        let clock = ContinuousClock()
        let start = clock.now
        #expect(failure(xml)?.kind == .corrupt)
        #expect(clock.now - start < .seconds(1))
    }

    @Test func nestingPastTheDepthLimitIsRefused() {
        let xml = String(repeating: "<a>", count: 50) + String(repeating: "</a>", count: 50)
        #expect(failure(xml, maxDepth: 20) == ExtractionFailure(.corrupt, "XML in test.xml is nested deeper than 20 levels"))
        #expect(failure(xml, maxDepth: 100) == nil)
    }

    @Test func malformedXMLIsCorruptWithLibxml2sReason() {
        let error = failure("<r><a></r>")
        #expect(error?.kind == .corrupt)
        #expect(error?.message.hasPrefix("XML in test.xml is not well-formed") == true)
    }

    @Test func textStopsAtTheLimitAndIsMarkedPartial() {
        var collector = TextCollector(limit: 10)
        collector.append("één twee drie")
        #expect(collector.isFull)
        #expect(collector.text.utf8.count <= 10)
        #expect(collector.problem == ExtractionFailure(.partial, "text cut at 10 B"))
        #expect(TextCollector(limit: 10 << 20).problem == nil)
        #expect(TextCollector.format(10 << 20) == "10 MiB")
    }
}
