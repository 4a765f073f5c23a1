/// The number formats Excel does not write into a file but refers to by number (ECMA-376
/// part 1, 18.8.30), as an en-US Excel shows them. Ids 23-36 are Asian date formats that
/// files carrying them also define; without a definition they read as General.
enum BuiltInNumberFormats {
    static func code(_ id: Int) -> String? {
        switch id {
        case 0: "General"
        case 1: "0"
        case 2: "0.00"
        case 3: "#,##0"
        case 4: "#,##0.00"
        case 5: "\"$\"#,##0_);(\"$\"#,##0)"
        case 6: "\"$\"#,##0_);[Red](\"$\"#,##0)"
        case 7: "\"$\"#,##0.00_);(\"$\"#,##0.00)"
        case 8: "\"$\"#,##0.00_);[Red](\"$\"#,##0.00)"
        case 9: "0%"
        case 10: "0.00%"
        case 11: "0.00E+00"
        case 12: "# ?/?"
        case 13: "# ??/??"
        case 14: "m/d/yy"
        case 15: "d-mmm-yy"
        case 16: "d-mmm"
        case 17: "mmm-yy"
        case 18: "h:mm AM/PM"
        case 19: "h:mm:ss AM/PM"
        case 20: "h:mm"
        case 21: "h:mm:ss"
        case 22: "m/d/yy h:mm"
        case 37: "#,##0_);(#,##0)"
        case 38: "#,##0_);[Red](#,##0)"
        case 39: "#,##0.00_);(#,##0.00)"
        case 40: "#,##0.00_);[Red](#,##0.00)"
        case 41: "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)"
        case 42: "_(\"$\"* #,##0_);_(\"$\"* (#,##0);_(\"$\"* \"-\"_);_(@_)"
        case 43: "_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)"
        case 44: "_(\"$\"* #,##0.00_);_(\"$\"* (#,##0.00);_(\"$\"* \"-\"??_);_(@_)"
        case 45: "mm:ss"
        case 46: "[h]:mm:ss"
        case 47: "mm:ss.0"
        case 48: "##0.0E+0"
        case 49: "@"
        default: nil
        }
    }
}
