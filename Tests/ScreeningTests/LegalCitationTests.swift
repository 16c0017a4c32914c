import DossierModel
import Foundation
import Reports
import TestSupport
import Testing

@testable import Screening

/// Every legal basis a finding can carry, cited as each report's language cites it (issue 30): the
/// Dutch report has no English word and no `57(4)(h)` paragraph notation, the English report no
/// Dutch sentence words. The dossier keeps the citation as stored; only the report rewrites it.
@Suite("Legal bases in Dutch and in English")
struct LegalCitationTests {
    let citations: LegalCitation

    init() throws {
        let path = Paths.repositoryFile("templates/labels.yaml")
        citations = try LegalCitationTests.load(path)
    }

    static func load(_ path: String) throws -> LegalCitation {
        try ReportRenderer.citations(text: String(contentsOfFile: path, encoding: .utf8), path: path)
    }

    /// Every basis: each check's own and national one, what its examples' findings cite, what an
    /// entity's finding adds, each list's effect, each review item's.
    static func bases() throws -> [String] {
        var all: [String] = []
        for check in CheckRegistry.all {
            all.append(check.legalBasis)
            if let national = check.nationalLegalBasis { all += [national, national + "; ARW 2016"] }
            for example in check.examples.triggering {
                var context = try Fixtures.cleanContext()
                example.mutate(&context)
                all += check.run(context).map(\.legalBasis)
            }
        }
        all += ["Dir. 2014/24/EU art. 57(1); Dir. 2014/24/EU art. 63(1)", "Dir. 2014/24/EU art. 57(1); Dir. 2014/24/EU art. 71(6)(b)"]
        all.append(ListedPartyCheck.usListBasis)
        all += Fixtures.rules.sanctions.listEffects.values.map(\.basis)
        all += Fixtures.rules.review.map(\.basis)
        return Array(Set(all)).sorted()
    }

    /// English words a Dutch citation must not hold (names of acts and standards stand in quotes).
    static let english: Set<String> = DutchTextTests.english.union([
        "dir", "reg", "regulation", "council", "implementing", "delegated", "annex", "part", "amended", "as", "code", "list",
        "lists", "conflict", "interest", "every", "legal", "effect", "risk", "contract", "after", "data", "its",
        "own", "published", "decision", "recorded", "entry", "charter", "listings", "bind", "states", "transposed",
        "decisions", "regulations", "material", "accounting", "standard", "standards", "forced", "labour", "sanctions",
    ])

    /// Dutch words an English citation must not hold outside names of acts and policies.
    static let dutch: Set<String> = [
        "aanbestedingsstukken", "en", "bijlage", "deel", "juni", "voorschrift", "zoals", "gewijzigd", "van",
        "de", "het", "lid", "onder",
    ]

    @Test("The Dutch report cites every basis in Dutch: no English word, paragraphs as 'lid' and 'onder'")
    func dutch() throws {
        var offending: [String] = []
        for basis in try Self.bases() {
            let cited = citations.cite(basis, .nl)
            let words = DutchTextTests.ownWords(cited).split(whereSeparator: { !$0.isLetter }).map { $0.lowercased() }
            if let word = words.first(where: Self.english.contains) { offending.append("'\(word)' in \(cited)") }
            if cited.range(of: #"\d\(\d+\)"#, options: .regularExpression) != nil { offending.append("paragraph notation in \(cited)") }
        }
        #expect(offending.isEmpty, "\(offending.prefix(8))")
    }

    @Test("The English report cites every basis in English: no Dutch word outside the names of acts")
    func english() throws {
        var offending: [String] = []
        for basis in try Self.bases() {
            let cited = citations.cite(basis, .en)
            // Names of Dutch acts, policies and motions stay Dutch, in brackets or quotes.
            let words = DutchTextTests.ownWords(cited.replacingOccurrences(of: #"\([^)]*\)"#, with: " ", options: .regularExpression))
                .split(whereSeparator: { !$0.isLetter }).map { $0.lowercased() }
            if let word = words.first(where: Self.dutch.contains) { offending.append("'\(word)' in \(cited)") }
        }
        #expect(offending.isEmpty, "\(offending.prefix(8))")
    }

    @Test("Every check describes itself in Dutch for `rules --lang nl`: no English word, no `57(4)` notation, not a copy")
    func dutchDescriptions() {
        var offending: [String] = []
        for check in CheckRegistry.all {
            for (dutch, english) in [(check.dutchSummary, check.summary), (check.dutchLegalEffect, check.legalEffect)] {
                let words = DutchTextTests.ownWords(dutch).split(whereSeparator: { !$0.isLetter }).map { $0.lowercased() }
                if let word = words.first(where: Self.english.contains) { offending.append("\(check.id): '\(word)' in \(dutch)") }
                if dutch.range(of: #"\d\(\d+\)"#, options: .regularExpression) != nil {
                    offending.append("\(check.id): notation in \(dutch)")
                }
                if dutch == english || dutch.isEmpty { offending.append("\(check.id): not translated") }
            }
        }
        #expect(offending.isEmpty, "\(offending.prefix(8))")
    }

    @Test(
        "Paragraphs and points are written as Dutch citations write them",
        arguments: [
            ("Dir. 2014/24/EU art. 57(4)(h)-(i); Aw 2012 art. 2.87", "Richtlijn 2014/24/EU art. 57 lid 4 onder h-i; Aw 2012 art. 2.87"),
            ("Aw 2012 art. 2.86(4)-(5), 2.87", "Aw 2012 art. 2.86 lid 4-5, 2.87"),
            ("Council Regulation (EU) No 833/2014 art. 5k(1)(c)", "Verordening (EU) nr. 833/2014 van de Raad art. 5k lid 1 onder c"),
            ("RWS Scheiding van Belang (2007)", "RWS Scheiding van Belang (2007)"),
            ("Wet Bibob art. 3(1)(a), 12(4)", "Wet Bibob art. 3 lid 1 onder a, 12 lid 4"),
        ])
    func paragraphs(stored: String, dutch: String) {
        #expect(citations.cite(stored, .nl) == dutch)
    }

    @Test("Terms are replaced in one pass, longest first: a replacement is never read again")
    func onePass() {
        let citations = LegalCitation(tables: [
            .en: ["Aw": "Aanbestedingswet (Aw)", "Aanbestedingswet": "Public Procurement Act", "Aw 2012": "Aw 2012"]
        ])
        #expect(citations.cite("Aw 2012 art. 2.86; Aw art. 1", .en) == "Aw 2012 art. 2.86; Aanbestedingswet (Aw) art. 1")
    }

    @Test("The dossier keeps the citation as stored: a report without the tables cites it unchanged")
    func withoutTables() {
        let bare = LegalCitation(tables: [:])
        #expect(bare.cite("Dir. 2014/24/EU art. 57(1)", .en) == "Dir. 2014/24/EU art. 57(1)")
        #expect(bare.cite("Dir. 2014/24/EU art. 57(1)", .nl) == "Dir. 2014/24/EU art. 57 lid 1")
    }
}
