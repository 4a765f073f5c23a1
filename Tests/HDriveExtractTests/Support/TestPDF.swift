/// Writes a one-page PDF with the given lines of text (Helvetica, WinAnsi), with a correct
/// cross-reference table, and optional document information.
enum TestPDF {
    static func bytes(lines: [String], title: String? = nil, author: String? = nil) -> [UInt8] {
        let stream = "BT /F1 12 Tf 72 720 Td 14 TL " + lines.map { "(\($0)) '" }.joined(separator: " ") + " ET"
        var objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ]
        var info = ""
        if let title { info += "/Title (\(title)) " }
        if let author { info += "/Author (\(author)) " }
        if !info.isEmpty { objects.append("<< \(info)>>") }
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            out += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
        }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R" + (info.isEmpty ? "" : " /Info \(objects.count) 0 R")
        out += " >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(out.utf8)
    }
}
