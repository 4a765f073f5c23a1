/// Words too common to require: a short query "de begroting" must not exclude every file that
/// lacks "de". They still score (a little) and still count as positions inside phrases.
public enum Stopwords {
    public static let all: Set<String> = Set("""
        a an and are as at be but by for from has have if in into is it its of on or that the their there \
        these they this to was were will with not no we you he she i our your his her them which who what \
        de het een en van in is op te dat die voor met zijn aan er als bij door of om ook tot uit naar \
        maar dan ze wat nog wel kan zo heeft hebben worden wordt werd niet geen over hij zij ik je u wij \
        deze dit onder na al
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    public static func contains(_ term: String) -> Bool { all.contains(term) }
}
