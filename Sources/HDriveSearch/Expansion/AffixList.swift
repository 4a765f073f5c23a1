/// Endings and beginnings that make derived words, not compounds: "information" is not a
/// compound of "inform", nor "international" one of "national".
enum AffixList {
    static let suffixes: Set<String> = [
        // English
        "ation", "ations", "ational", "ationally", "ative", "atively", "ement", "ements", "ments", "ness",
        "nesses", "ular", "ularly", "ality", "alities", "ities", "ically", "ical", "ized", "izes", "izing",
        "ization", "izations", "ising", "ised", "ingly", "able", "ably", "ible", "ibly", "ously", "ively",
        "ership", "erships", "ology", "ological", "ologies", "istic", "istics",
        "iness", "fully", "lessly", "ship", "ships", "hood", "ward", "wards",
        // Dutch
        "heden", "ingen", "lijke", "lijkheid", "baarheid", "schappen", "isch", "ische", "achtig", "achtige",
        "loosheid", "zaamheid", "teiten", "iteit", "iteiten", "ering", "eringen", "tjes", "ties",
    ]
    static let prefixes: Set<String> = [
        "inter", "under", "super", "trans", "multi", "micro", "macro", "hyper", "counter", "extra",
        "ultra", "pseudo", "semi", "anti", "post", "intra", "infra", "retro",
        "onder", "tegen", "achter", "voorbe", "herbe", "onver", "onbe", "ontbe",
    ]

    static func isSuffix(_ part: String) -> Bool { suffixes.contains(part) }
    static func isPrefix(_ part: String) -> Bool { prefixes.contains(part) }
}
