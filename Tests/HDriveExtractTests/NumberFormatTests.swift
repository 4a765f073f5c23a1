import Testing
@testable import HDriveExtract

/// Cell values through number formats, checked against what Excel shows.
@Suite struct NumberFormatTests {
    func shown(_ code: String, _ value: Double, date1904: Bool = false) -> String {
        NumberFormat(code).format(value, date1904: date1904)
    }

    @Test func generalShowsFifteenSignificantDigits() {
        #expect(shown("General", 1599.99) == "1599.99")
        #expect(shown("General", 0.1 + 0.2) == "0.3")
        #expect(shown("General", -5) == "-5")
        #expect(shown("General", 0) == "0")
        #expect(shown("General", 123_456_789_012_345) == "123456789012345")
        #expect(shown("General", 1_234_567_890_123_450) == "1.23456789012345E+15")
        #expect(shown("General", 1e-10) == "1E-10")
        #expect(shown("general", 1.0 / 3) == "0.333333333333333")
    }

    @Test func groupingDecimalsAndRounding() {
        #expect(shown("#,##0.00", 1599.99) == "1,599.99")
        #expect(shown("#,##0.00", -1599.99) == "-1,599.99")
        #expect(shown("#,##0.00", 0) == "0.00")
        #expect(shown("#,##0.00", 1_234_567.891) == "1,234,567.89")
        #expect(shown("0.00", 2.675) == "2.68")  // the decimal digits, not the binary double
        #expect(shown("0.0", -0.04) == "0.0")
        #expect(shown("#,##0", 999.5) == "1,000")
        #expect(shown("#.##", 0.5) == ".5")
        #expect(shown("0.0#", 2) == "2.0")
        #expect(shown("0.??", 2.5) == "2.5 ")
        #expect(shown("000-00-0000", 123_456_789) == "123-45-6789")
        #expect(shown("00000", 42) == "00042")
    }

    @Test func thousandsScalingAndPercent() {
        #expect(shown("#,##0,", 1_234_567) == "1,235")
        #expect(shown("0.0,,\"M\"", 1_234_567) == "1.2M")
        #expect(shown("0.00%", 0.025) == "2.50%")
        #expect(shown("0%", 0.5) == "50%")
    }

    @Test func sectionsForNegativeZeroAndText() {
        let currency = "$#,##0.00;[Red]($#,##0.00)"
        #expect(shown(currency, 1599.99) == "$1,599.99")
        #expect(shown(currency, -1599.99) == "($1,599.99)")
        #expect(shown("0;-0;\"zero\"", 0) == "zero")
        #expect(shown("0.00;\"minus \"0.00", -3) == "minus 3.00")
        #expect(shown("[<1]0.00;#,##0", 0.5) == "0.50")
        #expect(shown("[<1]0.00;#,##0", 1500) == "1,500")
        #expect(NumberFormat("\"Name: \"@").format(text: "Jan") == "Name: Jan")
        #expect(NumberFormat("0;-0;0;\"(\"@\")\"").format(text: "n/a") == "(n/a)")
        #expect(NumberFormat("0.00").format(text: "n/a") == "n/a")
        #expect(shown("@", 12.5) == "12.5")
    }

    @Test func literalsEscapesColoursAndCurrencies() {
        #expect(shown("0 \"dollars and\" .00 \"cents\"", 19.99) == "19 dollars and .99 cents")
        #expect(shown("\\$0.00", 1.5) == "$1.50")
        #expect(shown("[Red]0.00", 1.5) == "1.50")
        #expect(shown("[$€-413] #,##0.00", 1234.5) == "€ 1,234.50")
        #expect(shown("[$-409]0", 7) == "7")
        #expect(shown("#,##0.00_);(#,##0.00)", -12) == "(12.00)")
        #expect(shown("**0", 5) == "5")
    }

    @Test func builtInAccountingFormats() {
        let accounting = BuiltInNumberFormats.code(43)!
        #expect(shown(accounting, 1234.5) == " 1,234.50 ")
        #expect(shown(accounting, -1234.5) == " (1,234.50)")
        #expect(shown(accounting, 0) == " -   ")
        #expect(BuiltInNumberFormats.code(30) == nil)
    }

    @Test func scientific() {
        #expect(shown("0.00E+00", 198_356_388) == "1.98E+08")
        #expect(shown("0.00E+00", -198_356_388) == "-1.98E+08")
        #expect(shown("0.00E+00", 0.00012) == "1.20E-04")
        #expect(shown("0.00E+00", 0) == "0.00E+00")
        #expect(shown("0.00E-00", 1500) == "1.50E03")
        #expect(shown("0.00E+00", 9.999) == "1.00E+01")
        #expect(shown("##0.0E+0", 198_356_388) == "198.4E+6")
        #expect(shown("##0.0E+0", 12345) == "12.3E+3")
        #expect(shown("##0.0E+0", 0.5) == "500.0E-3")
    }

    @Test func fractions() {
        #expect(shown("# ?/?", 2.5) == "2 1/2")
        #expect(shown("# ?/?", 0.5) == " 1/2")
        #expect(shown("# ?/?", 2) == "2")
        #expect(shown("# ?/?", 0) == "0")
        #expect(shown("# ??/??", 3.14159265) == "3 14/99")
        #expect(shown("# ??/??", 1.5) == "1  1/2 ")
        #expect(shown("?/?", 0.75) == "3/4")
        #expect(shown("?/?", 1.75) == "7/4")
        #expect(shown("# ?/8", 2.3) == "2 2/8")
        #expect(shown("# ?/?", -2.5) == "-2 1/2")
    }

    @Test func datesInBothDateSystems() {
        #expect(shown("d-mmm-yy", 39219) == "17-May-07")
        #expect(shown("m/d/yy", 40089) == "10/3/09")
        #expect(shown("m/d/yy h:mm", 39466.190_972_222) == "1/19/08 4:35")
        #expect(shown("dddd mmmm d, yyyy", 39219) == "Thursday May 17, 2007")
        #expect(shown("ddd dd-mm-yyyy", 39219) == "Thu 17-05-2007")
        #expect(shown("mmmmm", 39219) == "M")
        #expect(shown("yyyy-mm-dd", 60) == "1900-02-29")
        #expect(shown("yyyy-mm-dd", 61) == "1900-03-01")
        #expect(shown("yyyy-mm-dd", 1) == "1900-01-01")
        #expect(shown("d-mmm-yy", 0, date1904: true) == "1-Jan-04")
        #expect(shown("yyyy-mm-dd", 39219 - 1462, date1904: true) == "2007-05-17")
        #expect(shown("[$-413]dddd d mmmm yyyy", 39219) == "donderdag 17 mei 2007")
        #expect(shown("[$-0813]ddd d-mmm-yy", 39219) == "do 17-mei-07")
        #expect(shown("[$-409]mmm", 39219) == "May")
        #expect(shown("d-mmm-yy", -1) == "-1")
        #expect(shown("d-mmm-yy", 3_000_000) == "3000000")
    }

    @Test func timesAndElapsedTime() {
        #expect(shown("h:mm AM/PM", 0.260_416_666_7) == "6:15 AM")
        #expect(shown("h:mm AM/PM", 0.760_416_666_7) == "6:15 PM")
        #expect(shown("h:mm AM/PM", 0) == "12:00 AM")
        #expect(shown("h:mm a/p", 0.760_416_666_7) == "6:15 p")
        #expect(shown("h:mm", 0.760_416_666_7) == "18:15")
        #expect(shown("hh:mm:ss", 0.999_999_9) == "00:00:00")
        #expect(shown("[h]:mm:ss", 1.5) == "36:00:00")
        #expect(shown("[mm]:ss", 0.5) == "720:00")
        #expect(shown("mm:ss.0", 0.000_017_4) == "00:01.5")
        #expect(shown("\"At\" h:mm AM/PM \"on\" dddd mmmm d, yyyy", 39219.180_563_692_1) == "At 4:20 AM on Thursday May 17, 2007")
    }

    @Test func monthAndMinuteAreToldApartByTheirNeighbours() {
        #expect(shown("m", 39219) == "5")
        #expect(shown("h:m", 0.5 + 7.0 / 1440) == "12:7")
        #expect(shown("mm:ss", 65.0 / 86400) == "01:05")
        #expect(shown("yyyy mm", 39219) == "2007 05")
    }

    @Test func hostileCodesDoNotTrap() {
        for code in ["", ";;;;;", "[", "\"", "\\", "_", "*", "0/", "/0", "E+", "0E+", ".", ",", "[h", "AM/", "#,##0.00E+00%",
                     String(repeating: "0", count: 400), "?/??????????", "[>]0", "0;[<<5]0", "?/0", "?/99999999999999999999",
                     "# ?/1000000"] {
            for value in [0, -1, 1.5, 1e300, -1e-300, 39219.5, 9.9e14, -9.9e10] {
                _ = shown(code, value)
                _ = NumberFormat(code).format(text: "x")
            }
        }
    }
}
