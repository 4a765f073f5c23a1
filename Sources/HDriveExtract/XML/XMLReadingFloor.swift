import HDriveCore
internal import CLibXML2

/// The floor under every ZIP-and-XML extractor, for the throughput benchmark: open the file
/// as `Extractor` does, inflate the chosen parts through `ZipEntryStream` (CRC and limits
/// included) and let libxml2's streaming reader visit every node, doing nothing with it.
/// Extraction can only approach this; the gap is what our own code costs.
public enum XMLReadingFloor {
    /// Reads the parts whose names `includes` accepts; returns the XML bytes they held.
    public static func read(fileAt path: RawPath, configuration: ExtractConfiguration = ExtractConfiguration(),
                            parts includes: (String) -> Bool) throws(ExtractionFailure) -> Int {
        let file = try OpenedFile(path, maxSize: configuration.maxFileSize)
        let archive = try ZipArchive(bytes: try file.readAll(), maxEntries: configuration.maxArchiveEntries)
        let limits = InflateLimits(configuration, budget: InflateBudget(total: Int(clamping: configuration.maxInflatedBytesPerArchive)))
        var total = 0
        for entry in archive.entries where includes(entry.name) {
            let stream = try ZipEntryStream(archive: archive, entry: entry, limits: limits)
            let context = Unmanaged.passUnretained(stream).toOpaque()
            guard let reader = xmlReaderForIO(readCallback, { _ in 0 }, context, entry.name, nil,
                                              XMLPartReader.options) else {
                throw ExtractionFailure(.unreadable, "libxml2 could not start reading \(entry.name)")
            }
            defer { xmlFreeTextReader(reader) }
            var status: Int32 = 1
            while status == 1 { status = xmlTextReaderRead(reader) }
            guard status == 0 else { throw stream.failure ?? corrupt("XML in \(entry.name) is not well-formed") }
            total += entry.uncompressedSize
        }
        return total
    }

    private static let readCallback: xmlInputReadCallback = { context, buffer, length in
        guard let context, let buffer else { return -1 }
        return Unmanaged<XMLByteSource>.fromOpaque(context).takeUnretainedValue().read(into: buffer, count: Int(length))
    }
}
