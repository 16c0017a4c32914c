import DossierModel
import ESPD
import Foundation
import TestSupport
import Testing

@testable import Screening

/// The tender's own dossier: the checks about the tender run once, before any bid, and the
/// duties the province's policy puts on the tender documents (issue 13).
@Suite("The tender dossier")
struct TenderDossierTests {
    func dossier(_ change: (inout TenderContext) -> Void) throws -> TenderDossier {
        let job = try ScreeningJob.plan(paths: [Fixtures.sample], tenderFile: nil)
        var tender = job.tender
        change(&tender)
        return Screener().tenderDossier(
            tender: tender, tenderFilePath: job.tenderFilePath, request: job.request, rules: Fixtures.rules, sources: job.extraSources)
    }

    @Test("The sample tender: its documents carry every condition, so only information remains; no bidder check runs here")
    func sample() throws {
        let dossier = try dossier { _ in }
        #expect(dossier.subject == "tender")
        #expect(dossier.summary.outcome == .clean)
        #expect(Set(dossier.findings.map(\.check)) == ["mvo.risk-sector", "procedure.required"])
        #expect(dossier.sources.map(\.role).sorted() == ["espd-request", "tender"])
    }

    @Test("Without conditions: ISV and due diligence for the risk sector, SROI, biodiversity, the Bibob clause and the solar conditions")
    func missingConditions() throws {
        let published = try dossier { $0.contractConditions = [] }
        let checks = published.findings.filter { $0.severity == .attention }.map(\.check)
        #expect(
            checks.sorted() == [
                "tender.bibob-clause", "tender.biodiversity", "tender.contract-conditions", "tender.contract-conditions",
                "tender.solar-conditions", "tender.sroi",
            ])
        // After publication a condition cannot be added (equal treatment): record why not.
        #expect(published.findings.filter { $0.check.hasPrefix("tender.") }.allSatisfy { $0.message.en.contains("is no longer possible") })
        let preparing = try dossier {
            $0.contractConditions = []
            $0.stage = .preparation
        }
        #expect(
            preparing.findings.filter { $0.check.hasPrefix("tender.") }.allSatisfy { $0.message.en.contains("before they are published") })
    }

    @Test("SROI from the value tender-duties.yaml sets: works below it need none")
    func sroiBoundary() throws {
        let from = Fixtures.rules.tenderDuties.sroiFrom.werken
        #expect(
            try dossier {
                $0.contractConditions = []
                $0.estimatedValue = from
            }.findings.contains { $0.check == "tender.sroi" })
        #expect(
            try !dossier {
                $0.contractConditions = []
                $0.estimatedValue = from - 1
            }.findings.contains { $0.check == "tender.sroi" })
    }

    @Test("The MVO advice no longer places ISV after award")
    func isvBeforePublication() throws {
        let advice = try #require(try dossier { _ in }.findings.first { $0.check == "mvo.risk-sector" })
        #expect(advice.message.nl.contains("vóór publicatie"))
        #expect(!advice.message.nl.contains("na (voorlopige) gunning"))
    }

    @Test("The sample's tender dossier validates against schemas/tender-dossier-1.schema.json")
    func schema() throws {
        let directory = try Paths.temporaryDirectory()
        var written: [String] = []
        for (index, conditions) in [[String](), ["isv"], TenderContext.conditionKinds].enumerated() {
            let path = directory.appendingPathComponent("tender-\(index).json").path
            try AtomicFile.write(Data(try StableJSON.string(try dossier { $0.contractConditions = conditions }).utf8), to: path)
            written.append(path)
        }
        let result = try validateJSONSchema(Paths.repositoryFile("schemas/tender-dossier-1.schema.json"), files: written)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("validated 3"))
    }
}
