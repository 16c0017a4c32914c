import DossierModel
import Foundation
import Reports
import RuleData
import TestSupport
import Testing

/// The pages a jurist files (tender overview, review page) come from templates/ with labels.yaml.
@Suite("Overview and review pages from the templates")
struct PageRendererTests {
    let pages: PageRenderer

    init() throws { pages = try PageRenderer(directory: Paths.repositoryFile("templates")) }

    static func overview(bidder: String = "Zonnebouw <b>Flevoland</b> B.V.") -> TenderOverview {
        let decision = ReviewRecord(
            finding: "0123456789abcdef", check: "exclusion.mandatory-ground", decision: .excluded, reason: "fraude, onherroepelijk",
            by: "mr. A. Jurist", at: "2026-11-03T10:00:00Z", due: nil, dossier: "d1", entry: "e1", attachments: [])
        return TenderOverview(
            tender: "PFL-2026-017", tenderFindings: [], tenderDossier: nil, generatedAt: "2026-12-01T09:00:00Z", storeHead: "ab12",
            rows: [
                .init(
                    bidder: bidder, dossier: "d1d2d3d4d5", screenedAt: "2026-11-01T00:00:00Z", outcomeBefore: .blocker,
                    outcomeAfter: .excluded, openByFamily: ["gva": 1], decisions: [decision], previousDecisions: [], lists: [],
                    ruleData: "r1", purged: false)
            ])
    }

    @Test("The Dutch overview writes outcomes, families, decisions and dates in Dutch, and escapes what a bidder wrote")
    func dutch() {
        let html = pages.overview(Self.overview(), page: .overviewHTML, language: .nl)
        for expected in [
            "Overzicht screening voor het gunningsadvies", "blokkerend", "uitgesloten", "bewijsstukken 1", "1 december 2026",
            "3 november 2026", "Zonnebouw &lt;b&gt;Flevoland&lt;/b&gt; B.V.", "Handtekening", "Pagina",
        ] {
            #expect(html.contains(expected), "\(expected)")
        }
        #expect(!html.contains("<b>Flevoland"))
        let markdown = pages.overview(Self.overview(bidder: "A | B # C"), page: .overviewMarkdown, language: .nl)
        #expect(markdown.contains("| A \\| B \\# C |"))
        #expect(
            markdown.contains(
                "exclusion.mandatory-ground: uitgesloten (voorgesteld door mr. A. Jurist, 3 november 2026) — fraude, onherroepelijk"))
    }

    @Test("A decision in the overview names the finding's ground and legal basis, not the check's id")
    func decisionNamesGround() {
        var overview = Self.overview()
        overview.rows[0].decidedFindings["0123456789abcdef"] = .init(
            severity: .blocker, check: "exclusion.mandatory-ground",
            message: Message(
                nl: "De inschrijver verklaart een veroordeling voor fraude.", en: "The bidder declares a conviction for fraud."),
            legalBasis: "Dir. 2014/24/EU art. 57(1)(c); Aw 2012 art. 2.86")
        let dutch = pages.overview(overview, page: .overviewMarkdown, language: .nl)
        #expect(
            dutch.contains(
                "Blokkerend: De inschrijver verklaart een veroordeling voor fraude. Grondslag: Richtlijn 2014/24/EU art. 57 lid 1 "
                    + "onder c; Aw 2012 art. 2.86. Beslissing: uitgesloten (voorgesteld door mr. A. Jurist, 3 november 2026) — fraude, onherroepelijk"
            ),
            "\(dutch)")
        #expect(!dutch.contains("exclusion.mandatory-ground"))
        let english = pages.overview(overview, page: .overviewHTML, language: .en)
        #expect(
            english.contains("Blocker: The bidder declares a conviction for fraud. Legal basis: Dir. 2014/24/EU art. 57(1)(c)"),
            "\(english)")
        #expect(!english.contains("exclusion.mandatory-ground"))
    }

    @Test("The review page gives each finding its legal basis, cited in the page's language, and the review items theirs")
    func reviewPageBasis() throws {
        let dossier = try #require(try StoreTests().dossiers().first { $0.findings.contains { $0.severity != .info } })
        let review = ReviewedDossier(dossierID: "d1", dossier: dossier, decisions: [])
        let finding = try #require(review.items.first)
        #expect(finding.legalBasis == dossier.findings.first { $0.fingerprint == finding.fingerprint }?.legalBasis)
        #expect(review.reviewItems.allSatisfy { $0.legalBasis?.isEmpty == false })
        let dutch = pages.review(review, language: .nl)
        #expect(dutch.contains("<th>Grondslag</th>"))
        let citations = try ReportRenderer.citations(
            text: String(contentsOfFile: Paths.repositoryFile("templates/labels.yaml"), encoding: .utf8), path: "labels.yaml")
        for item in review.items + review.reviewItems {
            let cited = citations.cite(item.legalBasis ?? "", .nl)
                .replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "'", with: "&#39;")
            #expect(dutch.contains("<td>\(cited)</td>") || dutch.contains(cited), "\(item.check): \(cited)")
        }
        #expect(pages.review(review, language: .en).contains("<th>Legal basis</th>"))
    }

    @Test("The English overview is English throughout")
    func english() {
        let html = pages.overview(Self.overview(), page: .overviewHTML, language: .en)
        for expected in ["Screening overview for the award advice", "blocker", "excluded", "2026-12-01", "Signature", "Page"] {
            #expect(html.contains(expected), "\(expected)")
        }
        for dutch in ["Handtekening", "uitgesloten", "december"] { #expect(!html.contains(dutch), "\(dutch)") }
    }

    @Test("Every label a page template uses exists in Dutch and in English")
    func labelsComplete() throws {
        let folder = Paths.repositoryFile("templates")
        let path = folder + "/labels.yaml"
        let labels = try YAMLFile.decode([String: [String: String]].self, text: String(contentsOfFile: path, encoding: .utf8), path: path)
        let nl = Set(labels["nl"]?.keys.map { $0 } ?? [])
        let en = Set(labels["en"]?.keys.map { $0 } ?? [])
        // English falls back to the key for detail_, value_ and source_ words (they are English already).
        #expect(en.subtracting(nl).isEmpty, "labels only in English: \(en.subtracting(nl).sorted())")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".mustache") {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            var rest = Substring(text)
            while let range = rest.range(of: "{{labels.") {
                let key = rest[range.upperBound...].prefix { $0 != "}" }
                #expect(nl.contains(String(key)) && en.contains(String(key)), "\(name): labels.\(key) is missing in nl or en")
                rest = rest[range.upperBound...]
            }
        }
    }
}
