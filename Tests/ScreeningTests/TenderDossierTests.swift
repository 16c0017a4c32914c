import DossierModel
import EForms
import ESPD
import Foundation
import Names
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

    @Test(
        "An award notice's winners and their beneficial owners are screened against the loaded lists, which the tender dossier records",
        .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func awardNoticeAgainstLists() throws {
        let path = Paths.eforms.appendingPathComponent("notices/can_24_maximal.xml").path
        let read = try NoticeReader(dictionary: Fixtures.rules.eforms).read(path: path, displayName: "can_24_maximal.xml")
        let notice = try NoticeTender.read(read, dictionary: Fixtures.rules.eforms)
        // The province's own list names the beneficial owner the notice publishes for Gyro Soft SA.
        let listPath = try Paths.temporaryDirectory().appendingPathComponent("own.csv").path
        try
            "name,kind,legal_basis,source_decision,listed_on,until\nJean Dupont,person,art. 2.87 Aw 2012,besluit GS 2026-01,2026-01-05,2029-01-05\n"
            .write(toFile: listPath, atomically: true, encoding: .utf8)
        let index = SanctionsIndex(lists: [try WatchlistParser.load(path: listPath)], rules: Fixtures.rules)
        let job = try ScreeningJob.plan(paths: [Fixtures.sample], tenderFile: nil)
        func dossier(_ notice: NoticeTender?) -> TenderDossier {
            Screener().tenderDossier(
                tender: job.tender, tenderFilePath: job.tenderFilePath, request: job.request, rules: Fixtures.rules, sources: [],
                notice: notice, sanctions: index)
        }
        let screened = dossier(notice)
        let hits = screened.findings.filter { $0.check == "notice.winner-listed" }
        #expect(hits.count == 1)
        #expect(hits.first?.severity == .attention, "an own list is attention; only the EU asset-freeze list blocks")
        #expect(hits.first?.evidence.first?.path == "BT-500-UBO")
        #expect(hits.first?.evidence.first?.excerpt == "Jean Dupont")
        #expect(hits.first?.message.nl.contains("uiteindelijk belanghebbende") == true)
        #expect(screened.watchlists?.map(\.name) == [index.lists[0].version.name])
        // A call for competition names no winner: no list is used, none recorded.
        let call = dossier(nil)
        #expect(call.findings.allSatisfy { $0.check != "notice.winner-listed" })
        #expect(call.watchlists == nil)
    }

    @Test("An award notice's winner or owner on the EU asset-freeze list blocks: no funds may reach a listed party")
    func winnerOnFreezeList() throws {
        let check = try #require(CheckRegistry.all.first { $0.id == "notice.winner-listed" })
        var context = try Fixtures.cleanContext()
        check.examples.triggering[0].mutate(&context)
        let finding = try #require(check.run(context).first)
        #expect(finding.details?["assetFreeze"] == "yes")
        #expect(finding.severity == .blocker)
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
