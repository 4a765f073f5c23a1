import HDriveIndex

/// A parsed query: what the person asked for, before it meets the index.
indirect enum QueryNode: Equatable {
    /// A typed word, normalized; expands to inflections and compounds.
    case word(String)
    /// Terms that must stand next to each other, in order, in one field.
    case phrase([String])
    /// Terms of one unquoted chunk such as "BZ-2008-117" or "genome-wide": words of the query
    /// like any other, so a pasted sentence full of them still ranks by any word.
    case chunk([String])
    /// Every indexed word starting with this.
    case prefix(String)
    /// Words (or a phrase when quoted) that must occur in one field: `title:begroting`.
    case field(IndexField, QueryNode)
    case filter(QueryFilter)
    case and([QueryNode])
    case or([QueryNode])
    case not(QueryNode)

    /// The plain words of a node that is itself a word or a chunk.
    var softWords: [String]? {
        switch self {
        case .word(let word): [word]
        case .chunk(let terms): terms
        default: nil
        }
    }

    /// Every `prefix*` outside an exclusion, for snippets.
    var prefixes: [String] {
        switch self {
        case .prefix(let prefix): [prefix]
        case .field(_, let node): node.prefixes
        case .and(let children), .or(let children): children.flatMap(\.prefixes)
        case .word, .phrase, .chunk, .filter, .not: []
        }
    }

    /// Every plain word, for snippets, suggestions and the bag-of-words rules.
    var words: [String] {
        switch self {
        case .word(let word): [word]
        case .phrase(let terms), .chunk(let terms): terms
        case .prefix: []
        case .field(_, let node): node.words
        case .filter: []
        case .and(let children), .or(let children): children.flatMap(\.words)
        case .not: []
        }
    }
}

/// Conditions on a file's catalog facts rather than its words.
enum QueryFilter: Equatable {
    /// `type:docx`, `ext:pdf`: detected type or file name extension, any of these.
    case type(Set<String>)
    /// `modified:2008`, `modified:2008-01..2010-06`, `after:`, `before:`: unix ns, end exclusive.
    case modified(from: Int64?, until: Int64?)
    /// `size:>10mb`, `size:<1k`.
    case size(atLeast: Int64?, below: Int64?)
}
