import Basics
import DossierModel
import Foundation
import RuleData

/// Loaded watchlists with a name index, built once and shared by every bidder of a run.
/// Candidates are entries sharing a name-word prefix with the query (blocking), then scored with
/// the explainable `NameMatcher`; birth date and country confirm or rule out a hit.
public final class SanctionsIndex: Sendable {
    public let lists: [Watchlist]
    let matcher: NameMatcher
    let personThreshold: Double
    let entityThreshold: Double
    /// The entries, in one or more parts: built in memory, or read from the index `watchlist
    /// import` wrote (`PersistedSanctionsIndex`), so that a run does not tokenize a whole list.
    let segments: [any IndexSegment]

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
        /// The last day the listing applies, when the list gives one.
        public var until: String? = nil
        /// The listed parties that own or direct the matched party, when it is not listed itself.
        public var ownedBy: [String]? = nil
        public var score: Double
        public var reasons: [String]
        /// `.related`: the matched name is of a parent, subsidiary or branch (`NameMatcher.Match.relation`).
        public var relation: NameMatcher.Relation? = nil
    }

    /// Builds the index of `lists` in memory.
    public convenience init(lists: [Watchlist], rules: RuleBook) {
        let matcher = NameMatcher(rules: rules.names)
        self.init(lists: lists, segments: [MemorySegment(lists: lists, listOffset: 0, matcher: matcher)], rules: rules)
    }

    /// Uses the persisted index of the imported lists and builds the others (`extra`: the
    /// forced-labour list of the rule data) in memory.
    public convenience init(persisted: PersistedSanctionsIndex, extra: [Watchlist], rules: RuleBook) {
        let matcher = NameMatcher(rules: rules.names)
        self.init(
            lists: persisted.lists + extra,
            segments: [persisted.segment, MemorySegment(lists: extra, listOffset: persisted.lists.count, matcher: matcher)], rules: rules)
    }

    init(lists: [Watchlist], segments: [any IndexSegment], rules: RuleBook) {
        self.lists = lists
        // Against a list a doubled letter written otherwise stays a hit (`NameMatcher.forLists`).
        self.matcher = NameMatcher(rules: rules.names).forLists
        personThreshold = rules.sanctions.personThreshold
        entityThreshold = rules.sanctions.entityThreshold
        self.segments = segments
    }

    static func block(_ token: NameMatcher.Token) -> String { String(token.key.prefix(2)) }

    /// The blocks of a word under each of its spellings (Poetin is in "po" and, as Putin, in "pu").
    static func blocks(_ token: NameMatcher.Token, person: Bool) -> Set<String> {
        var keys: Set<String> = [block(token)]
        for alternate in token.alternates { keys.insert(String(String.UnicodeScalarView(alternate.prefix(2)))) }
        // A person's word is also found by its first two consonants (upper case, apart from the
        // prefixes): romanisations of an Arabic name may differ in the first vowel (Umar / Omar).
        if person { keys.insert(ArabicRomanisation.consonantBlock(token.scalars)) }
        return keys
    }

    /// An entry's names tokenized (every alias as written and, when hyphenated, as one word), with
    /// the alias each came from, and the fewest full words of any of them.
    static func tokenize(_ entry: WatchlistEntry, matcher: NameMatcher) -> (
        names: [[NameMatcher.Token]], origins: [Int], minimumWords: Int, blocks: Set<String>
    ) {
        var names: [[NameMatcher.Token]] = []
        var origins: [Int] = []
        for (aliasIndex, name) in entry.names.enumerated() {
            for variant in matcher.tokenVariants(name, person: entry.kind == .person) {
                names.append(variant)
                origins.append(aliasIndex)
            }
        }
        var keys = Set<String>()
        for tokens in names { for token in tokens where token.count > 1 { keys.formUnion(blocks(token, person: entry.kind == .person)) } }
        let minimumWords = names.map { $0.filter { $0.count > 1 }.count }.min() ?? 0
        return (names, origins, minimumWords, keys)
    }

    /// The best hits for one name, best first; only those at or above the threshold unless `all`;
    /// with `day`, only listings that still apply on that day (an entry past its `until` is not matched).
    public func search(
        _ name: String, kind: WatchlistEntry.Kind, birthDate: String? = nil, country: Country? = nil,
        limit: Int = 5, all: Bool = false, on day: Day? = nil
    ) -> [Hit] {
        // A name whose words mix scripts is searched in each of its readings (blocked on each);
        // an entry found by several keeps its best hit.
        let readings = NameText.readings(name)
        if readings.count > 1 {
            var best: [String: Hit] = [:]
            for reading in readings {
                for hit in searchReading(reading, kind: kind, birthDate: birthDate, country: country, limit: Int.max, all: all, on: day) {
                    let key = hit.list + "\u{0}" + hit.entryID
                    if hit.score > best[key]?.score ?? -1 { best[key] = hit }
                }
            }
            return Array(best.values.sorted { ($0.score, $1.entryID) > ($1.score, $0.entryID) }.prefix(limit))
        }
        return searchReading(name, kind: kind, birthDate: birthDate, country: country, limit: limit, all: all, on: day)
    }

    /// `search` of one reading of a name.
    private func searchReading(
        _ name: String, kind: WatchlistEntry.Kind, birthDate: String?, country: Country?, limit: Int, all: Bool, on day: Day?
    ) -> [Hit] {
        // The query as written and, when hyphenated, as one word: the better reading counts. One
        // reading: `search` runs this for each reading of a name that mixes scripts.
        var variants = matcher.readingVariants(name, person: kind == .person)
        // A bidder's name may write one word in two (Chinese "Jian guo"): also compared joined.
        if kind == .person { variants += matcher.joinedNeighbours(matcher.personWords(name)) }
        let tokens = variants[0]
        // A word with alternate spellings counts once per entry, whichever of its blocks found it.
        var wordBlocks: [Set<String>] = []
        for token in tokens where token.count > 1 {
            let keys = Self.blocks(token, person: kind == .person)
            if !wordBlocks.contains(keys) { wordBlocks.append(keys) }
        }
        let words = kind == .person ? matcher.personWords(name) : []
        var hits: [Hit] = []
        for segment in segments {
            hits += search(
                segment, variants: variants, wordBlocks: wordBlocks, kind: kind, birthDate: birthDate, country: country, all: all,
                words: words)
        }
        if let day { hits.removeAll { hit in hit.until.flatMap(Day.init).map { $0 < day } ?? false } }
        return Array(hits.sorted { ($0.score, $1.entryID) > ($1.score, $0.entryID) }.prefix(limit))
    }

    private func search(
        _ segment: any IndexSegment, variants: [[NameMatcher.Token]], wordBlocks: [Set<String>], kind: WatchlistEntry.Kind,
        birthDate: String?, country: Country?, all: Bool, words: [String]
    ) -> [Hit] {
        guard segment.count > 0 else { return [] }
        // Blocking: a name can only reach the threshold when each full word of the shorter name
        // has a partner with a similar spelling, which in practice shares its first two letters.
        // Count, per entry, how many distinct query words share a block with it.
        // A flat counter per entry (dictionary updates would dominate the run time).
        var counts = [UInt8](repeating: 0, count: segment.count)
        var touched: [Int32] = []
        var queryWords = 0
        var countedBy = [Int32](repeating: -1, count: wordBlocks.contains { $0.count > 1 } ? segment.count : 0)
        for (word, keys) in wordBlocks.enumerated() {
            queryWords += 1
            for key in keys {
                segment.forEachPosting(key) { index in
                    if keys.count > 1 {
                        if countedBy[Int(index)] == Int32(word) { return }
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
            // Read the flat arrays first: decoding or copying a whole entry per candidate costs more than scoring it.
            guard segment.kind(Int(index)) == kind, all || count >= min(queryWords, max(segment.minimumWords(Int(index)), 1)) else {
                continue
            }
            let candidate = segment.candidate(Int(index), matcher: matcher)
            let names = candidate.names
            // Score every alias cheaply, then explain only the best one.
            var bestIndex = -1
            var bestScore = -1.0
            var bestQuery = 0
            for (aliasIndex, aliasTokens) in names.enumerated() {
                for (queryIndex, query) in variants.enumerated() {
                    let score =
                        (kind == .person
                        ? matcher.matchPerson(tokens: query, aliasTokens, explain: false)
                        : matcher.matchCompany(tokens: query, aliasTokens, explain: false)).score
                    if score > bestScore {
                        bestScore = score
                        bestIndex = aliasIndex
                        bestQuery = queryIndex
                    }
                }
            }
            // Birth date and country move a score by at most +0.07: below that it cannot become a hit.
            guard bestIndex >= 0, all || bestScore + 0.07 >= threshold else { continue }
            let entry = candidate.entry
            let alias = entry.names[candidate.origins[bestIndex]]
            let query = variants[bestQuery]
            var match =
                kind == .person
                ? matcher.matchPerson(tokens: query, names[bestIndex]) : matcher.matchCompany(tokens: query, names[bestIndex])
            // The same tiers as a person match anywhere else: particles, gendered surnames.
            if kind == .person { match = matcher.tiered(match, wordsA: words, wordsB: matcher.personWords(alias)) }
            // Birth date: a different date rules a person out; the same date confirms.
            if let birthDate, !entry.birthDates.isEmpty {
                if entry.birthDates.contains(where: { birthDate.hasPrefix($0) || $0.hasPrefix(birthDate) }) {
                    match.score = min(1, match.score + 0.05)
                    match.reasons.append("birth date \(birthDate) matches")
                } else {
                    match.score = 0
                    match.reasons.append("birth date \(birthDate) differs from \(entry.birthDates.joined(separator: ", "))")
                }
            }
            // Country: the same country confirms a little; another one weakens (citizenship ≠ residence).
            if let country = country?.alpha2, !entry.countries.isEmpty {
                if entry.countries.contains(country) {
                    match.score = min(1, match.score + 0.02)
                    match.reasons.append("country \(country) matches")
                } else {
                    match.score = max(0, match.score - 0.1)
                    match.reasons.append("country \(country) not in \(entry.countries.joined(separator: ", "))")
                }
            }
            match.score = (match.score * 100).rounded() / 100
            guard all || match.score >= threshold else { continue }
            let list = lists[candidate.list]
            hits.append(
                Hit(
                    list: list.name, listFormat: list.format.rawValue, entryID: entry.id, listedName: entry.primaryName,
                    matchedAlias: alias, kind: entry.kind,
                    programme: entry.programme, listedOn: entry.listedOn, until: entry.until, ownedBy: entry.ownedBy, score: match.score,
                    reasons: match.reasons, relation: match.relation))
        }
        return hits
    }
}

/// One part of the index: entries with their kinds, fewest words, blocks and (on demand) names.
protocol IndexSegment: Sendable {
    var count: Int { get }
    func forEachPosting(_ key: String, _ body: (Int32) -> Void)
    func kind(_ index: Int) -> WatchlistEntry.Kind
    func minimumWords(_ index: Int) -> Int
    func candidate(_ index: Int, matcher: NameMatcher) -> IndexCandidate
}

struct IndexCandidate {
    var names: [[NameMatcher.Token]]
    var origins: [Int]
    /// The list's index in `SanctionsIndex.lists`.
    var list: Int
    var entry: WatchlistEntry
}

/// Entries tokenized in memory when the index is built.
final class MemorySegment: IndexSegment {
    private let blocks: [String: [Int32]]
    private let entries: [(list: Int, entry: WatchlistEntry)]
    private let kinds: [WatchlistEntry.Kind]
    let minimumWordCounts: [Int]
    private let tokenizedNames: [[[NameMatcher.Token]]]
    private let origins: [[Int]]

    init(lists: [Watchlist], listOffset: Int, matcher: NameMatcher) {
        var entries: [(list: Int, entry: WatchlistEntry)] = []
        var blocks: [String: [Int32]] = [:]
        var names: [[[NameMatcher.Token]]] = []
        var origins: [[Int]] = []
        var minimum: [Int] = []
        for (listIndex, list) in lists.enumerated() {
            for entry in list.entries {
                let index = Int32(entries.count)
                let tokens = SanctionsIndex.tokenize(entry, matcher: matcher)
                for key in tokens.blocks { blocks[key, default: []].append(index) }
                entries.append((listOffset + listIndex, entry))
                names.append(tokens.names)
                origins.append(tokens.origins)
                minimum.append(tokens.minimumWords)
            }
        }
        self.entries = entries
        self.kinds = entries.map(\.entry.kind)
        self.minimumWordCounts = minimum
        self.tokenizedNames = names
        self.origins = origins
        self.blocks = blocks
    }

    var count: Int { entries.count }
    var blockTable: [String: [Int32]] { blocks }
    var entryList: [(list: Int, entry: WatchlistEntry)] { entries }
    func forEachPosting(_ key: String, _ body: (Int32) -> Void) { for index in blocks[key] ?? [] { body(index) } }
    func kind(_ index: Int) -> WatchlistEntry.Kind { kinds[index] }
    func minimumWords(_ index: Int) -> Int { minimumWordCounts[index] }
    func candidate(_ index: Int, matcher: NameMatcher) -> IndexCandidate {
        IndexCandidate(names: tokenizedNames[index], origins: origins[index], list: entries[index].list, entry: entries[index].entry)
    }
}
