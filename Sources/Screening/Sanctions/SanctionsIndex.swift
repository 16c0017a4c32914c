import Foundation

/// Loaded watchlists with a name index, built once and shared by every bidder of a run.
/// Candidates are entries sharing a name-word prefix with the query (blocking), then scored with
/// the explainable `NameMatcher`; birth date and country confirm or rule out a hit.
public final class SanctionsIndex: Sendable {
    public let lists: [Watchlist]
    let matcher: NameMatcher
    let personThreshold: Double
    let entityThreshold: Double
    /// Entry indexes by the first two letters of a name word's comparison key.
    private let blocks: [String: [Int32]]
    private let entries: [(list: Int, entry: WatchlistEntry)]
    private let kinds: [WatchlistEntry.Kind]
    private let minimumWords: [Int]
    private let tokenizedNames: [[[NameMatcher.Token]]]
    /// For each tokenized name of an entry, the index of the alias it was made from.
    private let origins: [[Int]]

    public struct Hit: Sendable, Codable, Equatable {
        public var list: String
        /// The list's format: `eu-fsf` is the EU consolidated financial sanctions (asset-freeze) list.
        public var listFormat: String
        public var entryID: String
        public var listedName: String
        public var matchedAlias: String
        public var kind: WatchlistEntry.Kind
        public var programme: String?
        public var listedOn: String?
        public var score: Double
        public var reasons: [String]
    }

    public init(lists: [Watchlist], rules: RuleBook) {
        self.lists = lists
        let matcher = NameMatcher(rules: rules.names)
        self.matcher = matcher
        personThreshold = rules.sanctions.personThreshold
        entityThreshold = rules.sanctions.entityThreshold
        var entries: [(list: Int, entry: WatchlistEntry, names: [[NameMatcher.Token]], minimumWords: Int)] = []
        var blocks: [String: [Int32]] = [:]
        var origins: [[Int]] = []
        for (listIndex, list) in lists.enumerated() {
            for entry in list.entries {
                let index = Int32(entries.count)
                // Every alias as written and, when hyphenated, as one word; `origins` maps back to the alias.
                var names: [[NameMatcher.Token]] = [], origin: [Int] = []
                for (aliasIndex, name) in entry.names.enumerated() {
                    for variant in matcher.tokenVariants(name, person: entry.kind == .person) { names.append(variant); origin.append(aliasIndex) }
                }
                origins.append(origin)
                var keys = Set<String>()
                for tokens in names { for token in tokens where token.count > 1 { keys.formUnion(Self.blocks(token)) } }
                for key in keys { blocks[key, default: []].append(index) }
                let minimumWords = names.map { $0.filter { $0.count > 1 }.count }.min() ?? 0
                entries.append((listIndex, entry, names, minimumWords))
            }
        }
        self.entries = entries.map { ($0.list, $0.entry) }
        self.kinds = entries.map(\.entry.kind)
        self.minimumWords = entries.map(\.minimumWords)
        self.tokenizedNames = entries.map(\.names)
        self.origins = origins
        self.blocks = blocks
    }

    static func block(_ token: NameMatcher.Token) -> String { String(token.key.prefix(2)) }

    /// The blocks of a word under each of its spellings (Poetin is in "po" and, as Putin, in "pu").
    static func blocks(_ token: NameMatcher.Token) -> Set<String> {
        var keys: Set<String> = [block(token)]
        for alternate in token.alternates { keys.insert(String(String.UnicodeScalarView(alternate.prefix(2)))) }
        return keys
    }

    /// The best hits for one name, best first; only those at or above the threshold unless `all`.
    public func search(_ name: String, kind: WatchlistEntry.Kind, birthDate: String? = nil, country: String? = nil,
                       limit: Int = 5, all: Bool = false) -> [Hit] {
        // The query as written and, when hyphenated, as one word: the better reading counts.
        let variants = matcher.tokenVariants(name, person: kind == .person)
        let tokens = variants[0]
        // Blocking: a name can only reach the threshold when each full word of the shorter name
        // has a partner with a similar spelling, which in practice shares its first two letters.
        // Count, per entry, how many distinct query words share a block with it.
        // A flat counter per entry (dictionary updates would dominate the run time).
        var counts = [UInt8](repeating: 0, count: entries.count)
        var touched: [Int32] = []
        var queryWords = 0
        // A word with alternate spellings counts once per entry, whichever of its blocks found it.
        var wordBlocks: [Set<String>] = []
        for token in tokens where token.count > 1 {
            let keys = Self.blocks(token)
            if !wordBlocks.contains(keys) { wordBlocks.append(keys) }
        }
        var countedBy = [Int32](repeating: -1, count: wordBlocks.contains { $0.count > 1 } ? entries.count : 0)
        for (word, keys) in wordBlocks.enumerated() {
            queryWords += 1
            for key in keys {
                for index in blocks[key] ?? [] {
                    if keys.count > 1 {
                        if countedBy[Int(index)] == Int32(word) { continue }
                        countedBy[Int(index)] = Int32(word)
                    }
                    if counts[Int(index)] == 0 { touched.append(index) }
                    // Saturating: a name of 256 words must not wrap its entry's count to 0.
                    if counts[Int(index)] < UInt8.max { counts[Int(index)] += 1 }
                }
            }
        }
        let threshold = kind == .person ? personThreshold : entityThreshold
        var hits: [Hit] = []
        for index in touched {
            let count = Int(counts[Int(index)])
            // Read the flat arrays first: copying a whole entry per candidate costs more than scoring it.
            guard kinds[Int(index)] == kind, all || count >= min(queryWords, max(minimumWords[Int(index)], 1)) else { continue }
            let names = tokenizedNames[Int(index)]
            // Score every alias cheaply, then explain only the best one.
            var bestIndex = -1
            var bestScore = -1.0
            var bestQuery = 0
            for (aliasIndex, aliasTokens) in names.enumerated() {
                for (queryIndex, query) in variants.enumerated() {
                    let score = (kind == .person ? matcher.matchPerson(tokens: query, aliasTokens, explain: false)
                                                 : matcher.matchCompany(tokens: query, aliasTokens, explain: false)).score
                    if score > bestScore { bestScore = score; bestIndex = aliasIndex; bestQuery = queryIndex }
                }
            }
            // Birth date and country move a score by at most +0.07: below that it cannot become a hit.
            guard bestIndex >= 0, all || bestScore + 0.07 >= threshold else { continue }
            let (listIndex, entry) = entries[Int(index)]
            let alias = entry.names[origins[Int(index)][bestIndex]]
            let query = variants[bestQuery]
            var match = kind == .person ? matcher.matchPerson(tokens: query, names[bestIndex]) : matcher.matchCompany(tokens: query, names[bestIndex])
            // Birth date: a different date rules a person out; the same date confirms.
            if let birthDate, !entry.birthDates.isEmpty {
                if entry.birthDates.contains(where: { birthDate.hasPrefix($0) || $0.hasPrefix(birthDate) }) {
                    match.score = min(1, match.score + 0.05); match.reasons.append("birth date \(birthDate) matches")
                } else {
                    match.score = 0; match.reasons.append("birth date \(birthDate) differs from \(entry.birthDates.joined(separator: ", "))")
                }
            }
            // Country: the same country confirms a little; another one weakens (citizenship ≠ residence).
            if let country = country?.uppercased(), !entry.countries.isEmpty {
                if entry.countries.contains(country) { match.score = min(1, match.score + 0.02); match.reasons.append("country \(country) matches") }
                else { match.score = max(0, match.score - 0.1); match.reasons.append("country \(country) not in \(entry.countries.joined(separator: ", "))") }
            }
            match.score = (match.score * 100).rounded() / 100
            guard all || match.score >= threshold else { continue }
            hits.append(Hit(list: lists[listIndex].name, listFormat: lists[listIndex].format.rawValue, entryID: entry.id, listedName: entry.primaryName, matchedAlias: alias, kind: entry.kind,
                            programme: entry.programme, listedOn: entry.listedOn, score: match.score, reasons: match.reasons))
        }
        return Array(hits.sorted { ($0.score, $1.entryID) > ($1.score, $0.entryID) }.prefix(limit))
    }
}
