import Foundation
import HDriveCore
import HDriveExtract

// Extraction throughput (BENCHMARKS.md, "Throughput"), in-process so that process start and
// JSON output do not hide the extractors. Usage: hdrive-bench LARGE_DIR SMALL_DIR [RUNS]
//   LARGE_DIR: .docx, .xlsx, .odt files; each is extracted and, in the same run, its XML
//   parts are read by `XMLReadingFloor` (inflate plus libxml2, nothing else).
//   SMALL_DIR: many small files of mixed types, extracted once each, one thread.

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: hdrive-bench LARGE_DIR SMALL_DIR [RUNS]\n".utf8))
    exit(2)
}
let runs = arguments.count > 3 ? max(1, Int(arguments[3]) ?? 5) : 5
let extractor = Extractor()

/// The parts the extractor spends its time in; small parts (relationships, properties) are
/// left to count against extraction.
func isMainPart(_ name: String, of type: String) -> Bool {
    switch type {
    case "docx": name == "word/document.xml"
    case "odt": name == "content.xml"
    case "xlsx": name == "xl/sharedStrings.xml" || (name.hasPrefix("xl/worksheets/") && name.hasSuffix(".xml"))
    default: false
    }
}

func seconds(_ work: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try work()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

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

print("| file | size | main XML parts | extraction | raw limit (inflate + libxml2) | ratio |")
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
    let xmlBytes = try XMLReadingFloor.read(fileAt: raw) { isMainPart($0, of: type) }
    // Alternating runs, so that other load on the machine falls on both alike.
    var extraction: [Double] = []
    var floor: [Double] = []
    for _ in 0..<runs {
        extraction.append(seconds { _ = extractor.extract(fileAt: raw) })
        floor.append(try seconds { _ = try XMLReadingFloor.read(fileAt: raw) { isMainPart($0, of: type) } })
    }
    let bytes = size(path)
    func rates(_ seconds: Double) -> String {
        String(format: "%.2f MB/s (%.0f MB/s of XML)", Double(bytes) / 1e6 / seconds, Double(xmlBytes) / 1e6 / seconds)
    }
    print("| \(RawPath(path).lastComponent.displayString) (\(document.body.utf8.count / 1000) kB of text) | \(megabytes(bytes)) MB"
          + " | \(megabytes(xmlBytes)) MB | \(rates(median(extraction))) | \(rates(median(floor)))"
          + " | \(Int((100 * median(floor) / median(extraction)).rounded()))% |")
}

let small = files(in: arguments[2])
var byType: [String: Int] = [:]
for path in small { byType[RawPath(path).fileExtension, default: 0] += 1 }
let totalBytes = small.reduce(0) { $0 + size($1) }
var failed = 0
for path in small { _ = extractor.detect(fileAt: RawPath(path)) }  // warms the page cache
let detection = seconds { for path in small { _ = extractor.detect(fileAt: RawPath(path)) } }
let extraction = seconds {
    for path in small { if case .failure = extractor.extract(fileAt: RawPath(path)) { failed += 1 } }
}
let mix = byType.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
print("\n| small files | bytes | detection only | extraction | failed |")
print("|---|---:|---:|---:|---:|")
print("| \(small.count) (\(mix)) | \(megabytes(totalBytes)) MB | \(Int(Double(small.count) / detection)) files/s"
      + " | \(Int(Double(small.count) / extraction)) files/s | \(failed) |")
