import CStemmer
import Foundation

/// A language whose words hdrive can reduce to stems.
public enum StemmingLanguage: String, Sendable, CaseIterable, Codable {
    case dutch = "nl"
    case english = "en"

    var snowballName: String {
        switch self {
        case .dutch: "dutch"
        case .english: "english"
        }
    }
}

/// Snowball's stemmer for one language. libstemmer's stemmers keep state between calls, so
/// each use holds a lock; stems are computed for new vocabulary words and query words only.
public final class Stemmer: @unchecked Sendable {
    public let language: StemmingLanguage
    private let handle: OpaquePointer
    private let lock = NSLock()

    public init(language: StemmingLanguage) {
        self.language = language
        // Both languages ship with libstemmer: a nil here is a broken installation.
        guard let handle = sb_stemmer_new(language.snowballName, "UTF_8") else {
            fatalError("libstemmer has no \(language.snowballName) stemmer")
        }
        self.handle = handle
    }

    deinit { sb_stemmer_delete(handle) }

    /// The stem of a normalized (folded) word.
    public func stem(_ word: String) -> String {
        var word = word
        return word.withUTF8 { bytes in
            lock.lock()
            defer { lock.unlock() }
            guard let base = bytes.baseAddress,
                  let result = sb_stemmer_stem(handle, base, Int32(bytes.count)) else { return String(decoding: bytes, as: UTF8.self) }
            let length = Int(sb_stemmer_length(handle))
            return String(decoding: UnsafeBufferPointer(start: result, count: length), as: UTF8.self)
        }
    }
}

/// The stemmers of the configured languages, shared by indexing and querying.
public struct Stemmers: Sendable {
    public let all: [Stemmer]

    public init(languages: [StemmingLanguage] = [.dutch, .english]) {
        all = languages.map(Stemmer.init(language:))
    }

    public func stem(_ word: String, in language: StemmingLanguage) -> String? {
        all.first { $0.language == language }?.stem(word)
    }
}
