import Foundation

/// Loaded watchlists with a name index, built once and shared by every bidder of a run.
/// Candidates are entries sharing a name-word prefix with the query (blocking), then scored with
/// the explainable `NameMatcher`; birth date and country confirm or rule out a hit.
public final class SanctionsIndex: Sendable {
    public let lists: [Watchlist]
    let matcher: NameMatcher
    let personThreshold: Double
    let entityThreshold: Double
    /// (list, entry) by the first three letters of every name word's comparison key.
    private let blocks: [String: [Int]]
    private let entries: [(list: Int, entry: WatchlistEntry)]

    public struct Hit: Sendable, Codable, Equatable {
        public var list: String
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
        self.matcher = NameMatcher(rules: rules.names)
        personThreshold = rules.sanctions.personThreshold
        entityThreshold = rules.sanctions.entityThreshold
        var entries: [(Int, WatchlistEntry)] = []
        var blocks: [String: [Int]] = [:]
        for (listIndex, list) in lists.enumerated() {
            for entry in list.entries {
                let index = entries.count
                entries.append((listIndex, entry))
                var keys = Set<String>()
                for name in entry.names {
                    let tokens = entry.kind == .person ? matcher.personTokens(name) : matcher.companyTokens(name)
                    for token in tokens where token.count > 1 { keys.insert(String(token.key.prefix(3))) }
                }
                for key in keys { blocks[key, default: []].append(index) }
            }
        }
        self.entries = entries
        self.blocks = blocks
    }

    /// The best hits for one name, best first; only those at or above the threshold unless `all`.
    public func search(_ name: String, kind: WatchlistEntry.Kind, birthDate: String? = nil, country: String? = nil,
                       limit: Int = 5, all: Bool = false) -> [Hit] {
        let tokens = kind == .person ? matcher.personTokens(name) : matcher.companyTokens(name)
        var candidates = Set<Int>()
        for token in tokens where token.count > 1 { candidates.formUnion(blocks[String(token.key.prefix(3))] ?? []) }
        let threshold = kind == .person ? personThreshold : entityThreshold
        var hits: [Hit] = []
        for index in candidates {
            let (listIndex, entry) = entries[index]
            guard entry.kind == kind else { continue }
            var best: (NameMatcher.Match, String)? = nil
            for alias in entry.names {
                let match = kind == .person ? matcher.matchPerson(name, alias) : matcher.matchCompany(name, alias)
                if match.score > (best?.0.score ?? -1) { best = (match, alias) }
            }
            guard var (match, alias) = best else { continue }
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
            hits.append(Hit(list: lists[listIndex].name, entryID: entry.id, listedName: entry.primaryName, matchedAlias: alias, kind: entry.kind,
                            programme: entry.programme, listedOn: entry.listedOn, score: match.score, reasons: match.reasons))
        }
        return Array(hits.sorted { ($0.score, $1.entryID) > ($1.score, $0.entryID) }.prefix(limit))
    }
}
