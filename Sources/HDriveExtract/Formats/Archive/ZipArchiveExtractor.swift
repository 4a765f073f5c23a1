import HDriveCore

/// A plain ZIP archive: every file in it becomes a member document (`archive.zip//dir/x.docx`
/// to the catalog), read within the archive's inflate budget and deadline; the archive's own
/// text is the list of member names, so that a file can be found by the name of what it holds.
/// Directory entries are skipped; an encrypted or broken entry is a member failure, not the
/// archive's.
struct ZipArchiveExtractor: FormatExtractor {
    func extract(_ input: ExtractionInput) throws(ExtractionFailure) -> ExtractedDocument {
        let archive = try input.requiredArchive()
        var collector = input.textCollector()
        var document = ExtractedDocument(type: .archive, mimeType: input.detected.mimeType, body: "")
        for entry in archive.entries where !entry.name.hasSuffix("/") {
            collector.append(entry.name + "\n")
            guard !input.deadline.hasPassed else {
                document.problem = ExtractionFailure(.partial, "archive was not read to its end: \(input.deadline.timeout.message)")
                break
            }
            do {
                let bytes = try archive.read(entry, limits: input.inflateLimits)
                document.members.append(ArchiveMembers.extract(bytes, path: entry.name, input: input))
            } catch {
                document.members.append(ExtractedMember(path: entry.name, result: .failure(error)))
                if error.kind == .tooLarge || error.kind == .timeout { document.problem = ExtractionFailure(.partial, error.message) }
            }
        }
        document.metadata.pageCount = document.members.count
        document.body = collector.finishedText
        document.problem = collector.problem ?? document.problem
        return document
    }
}

/// A gzip file holds one file: it becomes the single member, named after the archive
/// without ".gz" (or as the gzip header names it).
struct GzipExtractor: FormatExtractor {
    func extract(_ input: ExtractionInput) throws(ExtractionFailure) -> ExtractedDocument {
        let inflated = try GzipStream.inflate(input.bytes, limits: input.inflateLimits)
        var name = GzipStream.storedName(input.bytes) ?? input.name
        if name == input.name {
            if name.lowercased().hasSuffix(".gz") { name = String(name.dropLast(3)) }
            else if name.lowercased().hasSuffix(".tgz") { name = String(name.dropLast(4)) + ".tar" }
        }
        var document = ExtractedDocument(type: .archive, mimeType: input.detected.mimeType, body: name)
        document.members = [ArchiveMembers.extract(inflated, path: name, input: input)]
        document.metadata.pageCount = 1
        return document
    }
}
