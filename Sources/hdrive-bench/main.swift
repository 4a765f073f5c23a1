import Foundation
import HDriveCore
import HDriveExtract

// Extraction throughput (BENCHMARKS.md, "Throughput"), in-process so that process start and
// JSON output do not hide the extractors. Usage: hdrive-bench LARGE_DIR SMALL_DIR [RUNS]
//   LARGE_DIR: .docx, .xlsx, .odt files; each is extracted and, in the same run, the XML
//   parts extraction reads are read by `XMLReadingFloor` (inflate plus libxml2, nothing else).
//   SMALL_DIR: many small files of mixed types, extracted once each, one thread.

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: hdrive-bench LARGE_DIR SMALL_DIR [RUNS]\n".utf8))
    exit(2)
}
let runs = arguments.count > 3 ? max(1, Int(arguments[3]) ?? 5) : 5
let extractor = Extractor()

/// The XML parts the extractor reads (a sheet's drawings and comments, a document's notes
/// and headers would be read too); detection and the parts it never opens are left out.
func isReadPart(_ name: String, of type: String) -> Bool {
    let properties = name.hasSuffix(".rels") || name == "docProps/core.xml" || name == "docProps/app.xml"
    switch type {
    case "docx":
        return properties || ["word/document.xml", "word/numbering.xml", "word/footnotes.xml", "word/endnotes.xml",
                              "word/comments.xml"].contains(name)
            || (name.hasPrefix("word/header") || name.hasPrefix("word/footer")) && name.hasSuffix(".xml")
    case "odt":
        return ["content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"].contains(name)
    case "xlsx":
        return properties || ["xl/workbook.xml", "xl/sharedStrings.xml", "xl/connections.xml"].contains(name)
            || ["xl/worksheets/", "xl/drawings/", "xl/charts/", "xl/comments"].contains { name.hasPrefix($0) } && name.hasSuffix(".xml")
    default:
        return false
    }
}

/// CPU seconds of this thread: the machine may be shared, and time spent waiting for a core
/// is not time spent extracting. (The large files are read in-process, by one thread.)
func seconds(_ work: () throws -> Void) rethrows -> Double {
    let start = cpuSeconds(CLOCK_THREAD_CPUTIME_ID)
    try work()
    return cpuSeconds(CLOCK_THREAD_CPUTIME_ID) - start
}

func cpuSeconds(_ clock: clockid_t) -> Double {
    var now = timespec()
    clock_gettime(clock, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// Wall seconds, and CPU seconds of this process and its helper programs, for the small files.
func wallAndCPU(_ work: () -> Void) -> (wall: Double, cpu: Double) {
    func used() -> Double {
        var children = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &children)
        let helpers = Double(children.ru_utime.tv_sec + children.ru_stime.tv_sec)
            + Double(children.ru_utime.tv_usec + children.ru_stime.tv_usec) / 1e6
        return cpuSeconds(CLOCK_PROCESS_CPUTIME_ID) + helpers
    }
    let (wallStart, cpuStart) = (ContinuousClock.now, used())
    work()
    let wall = ContinuousClock.now - wallStart
    return (Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18, used() - cpuStart)
}

/// The best run: other work on the machine only ever adds time (cache misses, interrupts).
func best(_ values: [Double]) -> Double { values.min() ?? .nan }

func files(in directory: String) -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: directory)
    var found: [String] = []
    while let relative = enumerator?.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let path = directory + "/" + relative
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue { found.append(path) }
    }
    return found.sorted()
}

func size(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
}

func megabytes(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1e6) }

print("| file | size | XML read | extraction | raw limit (inflate + libxml2) | ratio |")
print("|---|---:|---:|---:|---:|---:|")
for path in files(in: arguments[1]) {
    let type = RawPath(path).fileExtension
    guard ["docx", "xlsx", "odt"].contains(type) else { continue }
    let raw = RawPath(path)
    guard case .document(let document) = extractor.extract(fileAt: raw) else {
        print("| \(path) | extraction failed | | | | |")
        continue
    }
    if let problem = document.problem { FileHandle.standardError.write(Data("\(path): \(problem)\n".utf8)) }
    let xmlBytes = try XMLReadingFloor.read(fileAt: raw) { isReadPart($0, of: type) }
    // Alternating runs, so that other load on the machine falls on both alike.
    var extraction: [Double] = []
    var floor: [Double] = []
    for _ in 0..<runs {
        extraction.append(seconds { _ = extractor.extract(fileAt: raw) })
        floor.append(try seconds { _ = try XMLReadingFloor.read(fileAt: raw) { isReadPart($0, of: type) } })
    }
    let bytes = size(path)
    func rates(_ seconds: Double) -> String {
        String(format: "%.2f MB/s (%.0f MB/s of XML)", Double(bytes) / 1e6 / seconds, Double(xmlBytes) / 1e6 / seconds)
    }
    print("| \(RawPath(path).lastComponent.displayString) (\(document.body.utf8.count / 1000) kB of text) | \(megabytes(bytes)) MB"
          + " | \(megabytes(xmlBytes)) MB | \(rates(best(extraction))) | \(rates(best(floor)))"
          + " | \(Int((100 * best(floor) / best(extraction)).rounded()))% |")
}

let small = files(in: arguments[2])
var byType: [String: Int] = [:]
for path in small { byType[RawPath(path).fileExtension, default: 0] += 1 }
let totalBytes = small.reduce(0) { $0 + size($1) }
var failed = 0
for path in small { _ = extractor.detect(fileAt: RawPath(path)) }  // warms the page cache
let detection = wallAndCPU { for path in small { _ = extractor.detect(fileAt: RawPath(path)) } }
let extraction = wallAndCPU {
    for path in small { if case .failure = extractor.extract(fileAt: RawPath(path)) { failed += 1 } }
}
let mix = byType.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
func rate(_ seconds: Double) -> Int { Int(Double(small.count) / seconds) }
print("\n| small files | bytes | detection only | extraction | failed |")
print("|---|---:|---:|---:|---:|")
print("| \(small.count) (\(mix)) | \(megabytes(totalBytes)) MB"
      + " | \(rate(detection.wall)) files/s (\(rate(detection.cpu)) per CPU second)"
      + " | \(rate(extraction.wall)) files/s (\(rate(extraction.cpu)) per CPU second) | \(failed) |")
