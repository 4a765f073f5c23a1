import HDriveCore

/// The cell formats of an .xlsx workbook: the number formats in the styles part
/// (`<numFmts>`), the format id of each cell style (`<cellXfs>`, which a cell's `s`
/// attribute counts into) and the date system (`<workbookPr date1904>`). A missing or
/// unreadable styles part leaves every number in General.
enum XLSXCellFormats {
    static func read(_ package: OOXMLPackage) -> CellFormats {
        let part = package.relationships(of: "xl/workbook.xml").first { $0.kind == "styles" }?.target ?? "xl/styles.xml"
        var codes: [Int: String] = [:]
        var xfFormatIDs: [Int] = []
        var inCellStyles = false
        try? package.read(part) { event, reader in
            switch event {
            case .start(let name) where name.namespace == OOXMLNames.spreadsheet:
                switch name.local {
                case "numFmt":
                    if let id = reader.attribute("numFmtId", namespace: "").flatMap({ Int($0) }),
                       let code = reader.attribute("formatCode", namespace: "") {
                        codes[id] = code
                    }
                case "cellXfs": inCellStyles = true
                case "xf" where inCellStyles:
                    xfFormatIDs.append(reader.attribute("numFmtId", namespace: "").flatMap { Int($0) } ?? 0)
                default: break
                }
            case .end(let name) where name.local == "cellXfs":
                inCellStyles = false
            default:
                break
            }
        }
        var date1904 = false
        try? package.read("xl/workbook.xml", { event, reader in
            guard case .start(let name) = event, name.local == "workbookPr" else { return }
            let value = reader.attribute("date1904", namespace: "")
            date1904 = value == "1" || value == "true"
        }, stopWhen: { date1904 })
        return CellFormats(codes: codes, xfFormatIDs: xfFormatIDs, date1904: date1904)
    }
}
