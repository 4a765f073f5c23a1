import HDriveCore

/// Files inside files (archive entries, mail attachments) extracted as documents of their
/// own, within their container's deadline and inflate budget, one level deeper. Past the
/// depth limit a member keeps only its name.
enum ArchiveMembers {
    static func extract(_ bytes: [UInt8], path: String, input: ExtractionInput) -> ExtractedMember {
        var context = input.context
        context.depth += 1
        guard context.depth <= input.configuration.maxArchiveDepth else {
            return ExtractedMember(path: path, result: .failure(ExtractionFailure(.unsupported,
                "nested more than \(input.configuration.maxArchiveDepth) archives deep; only the name is indexed")))
        }
        if context.deadline.hasPassed { return ExtractedMember(path: path, result: .failure(context.deadline.timeout)) }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return ExtractedMember(path: path, result: input.extractor.extract(bytes: bytes, name: name, context: context))
    }
}
