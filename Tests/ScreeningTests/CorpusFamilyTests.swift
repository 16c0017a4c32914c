import DossierModel
import ESPD
import Foundation
import TestSupport
import Testing

@testable import Screening

/// Each check family on real corpus files (or files derived from them), with the exact
/// finding, severity and evidence line.
@Suite("Check families on corpus files")
struct CorpusFamilyTests {
    // MARK: espd

    @Test(
        "espd: the v4.1.0 example response has placeholders, unanswered C7/C8, and is a group member without partners",
        .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func espdFamily() throws {
        let context = try Fixtures.corpusContext("edm-v4.1.0/ESPD-Response.xml")
        let placeholder = try #require(Fixtures.findings(context, "espd.placeholder").first)
        #expect(placeholder.severity == .attention)
        #expect(placeholder.evidence.first?.line == 47)
        #expect(placeholder.evidence.first?.excerpt?.contains("__Procurer Official Name__") == true)
        let unanswered = Fixtures.findings(context, "espd.exclusion-unanswered")
        #expect(unanswered.map { $0.details?["ground"] } == ["C7", "C8"])
        #expect(unanswered.map { $0.evidence.first?.line } == [713, 877])
        // "EO together with others" (C59_OT_eo-group) is answered yes, but no partner ESPD is there.
        let group = try #require(context.espd.criteria.first { $0.uuid == "C59_OT_eo-group" })
        #expect(Fixtures.findings(context, "espd.member-espd-missing").first?.evidence.first?.line == group.line)
    }

    @Test(
        "espd: a request handed in as a bid is a blocker; another tender's response is attention, or nothing when it is a listed other reference",
        .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func espdRequestAndOtherTender() throws {
        let request = try Fixtures.corpusContext("edm-v4.1.0/ESPD-Request.xml")
        #expect(Fixtures.findings(request, "espd.not-a-response").first?.severity == .blocker)
        var tender = TenderContext()
        tender.id = "PFL-2026-017"
        let other = try Fixtures.corpusContext("edm-v2.1.1/BASIC-ESPDResponse-2.1.1.xml", tender: tender)
        let finding = try #require(Fixtures.findings(other, "espd.other-tender").first)
        #expect(finding.severity == .attention)
        #expect(finding.evidence.first?.excerpt == "PP.20170419.1024-9")
        tender.otherReferences = ["PP.20170419.1024-9"]
        let listed = try Fixtures.corpusContext("edm-v2.1.1/BASIC-ESPDResponse-2.1.1.xml", tender: tender)
        #expect(Fixtures.findings(listed, "espd.other-tender").isEmpty)
    }

    @Test(
        "espd: criteria of the v2.1.1 request that a trimmed response leaves out are reported with the request's line",
        .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func requestMismatch() throws {
        var context = try Fixtures.corpusContext("edm-v2.1.1/BASIC-ESPDResponse-2.1.1.xml")
        context.request = try ESPDParser.read(contentsOf: Paths.corpusFile("edm-v2.1.1/BASIC-ESPDRequest-2.1.1.xml"))
        #expect(Fixtures.findings(context, "espd.request-mismatch").isEmpty)
        context.submission.espd.criteria.removeAll { $0.ground == "C4" }
        let finding = try #require(Fixtures.findings(context, "espd.request-mismatch").first)
        let requestC4 = try #require(context.request?.criteria.first { $0.ground == "C4" })
        #expect(finding.evidence.first?.line == requestC4.line)
        #expect(finding.severity == .attention)
    }

    // MARK: exclusion

    @Test(
        "exclusion: the v1 conviction (2016-01-17, self-cleaning claimed) is a blocker within 5 years and information after",
        .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func v1Conviction() throws {
        let file = "espd-service-v1/response/exclusion/participation_criminal_organisation_import.xml"
        let recent = try Fixtures.corpusContext(file, today: Day(year: 2020, month: 6, day: 1))
        let finding = try #require(Fixtures.findings(recent, "exclusion.mandatory-ground").first)
        #expect(finding.severity == .blocker)  // self-cleaning claimed: no award until the province has assessed it
        #expect(finding.details?["selfCleaning"] == "claimed")
        #expect(finding.message.nl.contains("art. 2.87a Aw 2012"))
        #expect(finding.evidence.map(\.line) == [15, 41])  // the criterion and the conviction date
        #expect(finding.criminalData == true)
        #expect(finding.details?["convictionDate"] == "2016-01-17")
        #expect(!finding.message.en.contains("Hodor"))  // who was convicted is not copied
        let later = try Fixtures.corpusContext(file, today: Day(year: 2021, month: 1, day: 18))
        #expect(Fixtures.findings(later, "exclusion.mandatory-ground").isEmpty)
        #expect(Fixtures.findings(later, "exclusion.expired-conviction").first?.severity == .info)
    }

    @Test("exclusion: without self-cleaning a recent conviction is a blocker", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func blockerWithoutSelfCleaning() throws {
        var context = try Fixtures.corpusContext(
            "espd-service-v1/response/exclusion/participation_criminal_organisation_import.xml", today: Day(year: 2019, month: 1, day: 1))
        context.submission.espd.criteria[0].selfCleaning = false
        #expect(Fixtures.findings(context, "exclusion.mandatory-ground").first?.severity == .blocker)
    }

    @Test(
        "exclusion: v4.1.0 optional grounds: check the announcement when nothing says, information when the tender did not announce them",
        .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func optionalGrounds() throws {
        let unknown = try Fixtures.corpusContext("edm-v4.1.0/ESPD-Response.xml")
        let c12 = try #require(Fixtures.findings(unknown, "exclusion.optional-ground").first { $0.details?["ground"] == "C12" })
        #expect(c12.severity == .attention)
        #expect(c12.details?["announced"] == "to be checked")
        #expect(c12.evidence.first?.line == 1260)
        var none = TenderContext()
        none.optionalGroundsGiven = true
        let unannounced = try Fixtures.corpusContext("edm-v4.1.0/ESPD-Response.xml", tender: none)
        #expect(Fixtures.findings(unannounced, "exclusion.optional-ground").first { $0.details?["ground"] == "C12" }?.severity == .info)
        var tender = TenderContext()
        tender.optionalGrounds = ["C12"]
        let announced = try Fixtures.corpusContext("edm-v4.1.0/ESPD-Response.xml", tender: tender)
        #expect(Fixtures.findings(announced, "exclusion.optional-ground").first { $0.details?["ground"] == "C12" }?.severity == .attention)
    }

    @Test(
        "exclusion: C23 in the v2.1.1 file is ambiguous and asks for confirmation; in v4.1.0 it is read directly",
        .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func misrepresentation() throws {
        let v211 = try Fixtures.corpusContext("edm-v2.1.1/BASIC-ESPDResponse-2.1.1.xml")
        let finding = try #require(Fixtures.findings(v211, "exclusion.misrepresentation-ambiguous").first)
        #expect(finding.severity == .attention)
        #expect(finding.evidence.first?.line == v211.criterion("C23")?.line)
        let v41 = try Fixtures.corpusContext("edm-v4.1.0/ESPD-Response.xml")
        #expect(Fixtures.findings(v41, "exclusion.misrepresentation-ambiguous").isEmpty)
    }

    @Test(
        "exclusion: v1 taxes answered yes: information when paid, a blocker only with a final and binding decision",
        .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func taxes() throws {
        let context = try Fixtures.corpusContext("espd-service-v1/response/exclusion/payment_of_taxes_import.xml")
        let finding = try #require(Fixtures.findings(context, "exclusion.tax-social-security").first)
        let c7 = try #require(context.criterion("C7"))
        #expect(finding.evidence.first?.line == c7.line)
        let paid = c7.answers.first { ($0.question ?? "").lowercased().contains("binding arrangement") }?.indicator
        let final = c7.answers.first { ($0.question ?? "").lowercased().contains("final and binding") }?.indicator
        #expect(finding.severity == (paid == true ? .info : final == true ? .blocker : .attention))
    }

    // MARK: gva

    @Test("gva: a GVA of another company and a foreign bidder, on the v4.1.0 response", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func gvaFamily() throws {
        var bidder = BidderFile()
        bidder.gva = .init(issueDate: Day(year: 2025, month: 1, day: 10), reference: "GVA-1", name: "Moederbedrijf Holding B.V.", kvk: nil)
        let context = try Fixtures.corpusContext("edm-v4.1.0/ESPD-Response.xml", bidder: bidder)
        let mismatch = try #require(Fixtures.findings(context, "gva.entity-mismatch").first)
        #expect(mismatch.severity == .attention)  // another name only: a jurist checks (trade name, renamed company)
        #expect(mismatch.evidence.last?.line == 47)
        var otherNumber = bidder
        otherNumber.kvk = "12345678"
        otherNumber.gva?.kvk = "87654321"
        let numbered = try Fixtures.corpusContext("edm-v4.1.0/ESPD-Response.xml", bidder: otherNumber)
        #expect(Fixtures.findings(numbered, "gva.entity-mismatch").first?.severity == .blocker)
        #expect(Fixtures.findings(context, "gva.foreign-equivalent").first?.details?["country"] == "BE")
        #expect(Fixtures.findings(context, "gva.too-old").isEmpty)
        let late = try Fixtures.corpusContext("edm-v4.1.0/ESPD-Response.xml", bidder: bidder, today: Day(year: 2027, month: 1, day: 11))
        #expect(Fixtures.findings(late, "gva.too-old").first?.details?["validUntil"] == "2027-01-10")
    }

    // MARK: coi

    @Test(
        "coi: the v1 representative Keith Sweat matches an evaluator written 'Sweat, K.'",
        .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func personMatch() throws {
        var tender = TenderContext()
        tender.people = [
            .init(name: "Sweat, K.", role: "beoordelaar", organisation: "Provincie", relatives: nil),
            .init(name: "Keith Swart", role: "adviseur", organisation: nil, relatives: nil),
        ]
        let context = try Fixtures.corpusContext("espd-service-v1/response/v20161101/espd-response-20161101-full.xml", tender: tender)
        let hits = Fixtures.findings(context, "coi.person-match")
        #expect(hits.count == 1)
        let hit = try #require(hits.first)
        #expect(hit.severity == .attention)
        #expect(hit.evidence.first?.line == 27)
        #expect(hit.details?["why"]?.contains("sweat = sweat") == true)
        #expect(hit.details?["why"]?.contains("keith → k. (initial)") == true)
    }

    @Test(
        "coi: the bidder of the v2.0.2 response advised on the tender (same name, other legal form)",
        .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func adviser() throws {
        var tender = TenderContext()
        tender.advisers = [.init(name: "EDISYS B.V.", kvk: nil, role: "opsteller bestek")]
        let context = try Fixtures.corpusContext("edm-v2.0.2/REGULATED-ESPD-Response_2.0.2.xml", tender: tender)
        let hit = try #require(Fixtures.findings(context, "coi.adviser-company").first)
        #expect(hit.evidence.first?.line == context.espd.economicOperator?.line)
    }

    // MARK: bibob, mvo, solar, procedure (tender/bidder data with a corpus ESPD)

    @Test(
        "bibob, mvo, solar and procedure on the v2.1.1 Extended response (CPV 45463100-8)",
        .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func tenderLevelFamilies() throws {
        var bidder = BidderFile()
        var company = BidderFile.CompanyFacts()
        company.registrationsAtAddress = 120
        company.ubos = []
        bidder.company = company
        var tender = TenderContext()
        tender.type = .werken
        tender.estimatedValue = 6_000_000
        tender.procedure = .nationaal
        tender.launchDate = Day(year: 2026, month: 3, day: 1)
        let context = try Fixtures.corpusContext("edm-v2.1.1/EXTENDED-ESPDResponse-2.1.1.xml", tender: tender, bidder: bidder)
        #expect(Fixtures.findings(context, "bibob.shared-address").first?.severity == .attention)
        #expect(Fixtures.findings(context, "bibob.missing-ubo").first?.severity == .attention)
        // CPV from the ESPD itself (45463100-8) maps to Bouw.
        #expect(Fixtures.findings(context, "mvo.risk-sector").map { $0.details?["sector"] } == ["Bouw"])
        let procedure = try #require(Fixtures.findings(context, "procedure.lighter-than-required").first)
        #expect(procedure.details?["required"] == "europees")
        #expect(procedure.details?["euThreshold"] == "5404000")
        #expect(Fixtures.findings(context, "solar.declaration-missing").isEmpty)
    }

    @Test("solar: a chain with Hoshine in Shanshan, on a corpus ESPD", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func solar() throws {
        let context0 = try Fixtures.corpusContext("edm-v3.3.0/ESPD-Response.xml")
        var context = context0
        let path = Paths.repositoryFile("samples/zonnepark-lelystad/bidders/3-sunrise-pv-trading/supply-chain.csv")
        context.submission.supplyChain = try SupplyChainTier.load(path: path)
        context.submission.supplyChainPath = path
        let listed = Fixtures.findings(context, "solar.listed-entity")
        #expect(listed.map { $0.evidence.first?.line } == [2, 3])
        #expect(listed.first?.details?["list"] == "BIS Entity List")
        // Risk signals for a jurist; blockers only where the tender made them a knock-out.
        #expect(listed.allSatisfy { $0.severity == .attention })
        let xinjiang = Fixtures.findings(context, "solar.xinjiang")
        #expect(xinjiang.map { $0.evidence.first?.line } == [2, 3])
        #expect(xinjiang.allSatisfy { $0.severity == .attention && $0.message.nl.contains("14 december 2027") })
        context.tender.knockOuts = ["solar.xinjiang"]
        #expect(Fixtures.findings(context, "solar.xinjiang").map(\.severity) == [.blocker, .blocker])
        #expect(Fixtures.findings(context, "solar.listed-entity").allSatisfy { $0.severity == .attention })
        #expect(Fixtures.findings(context, "solar.batch-link").first?.evidence.first?.line == 7)
    }
}
