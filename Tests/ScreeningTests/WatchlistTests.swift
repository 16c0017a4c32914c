import DossierModel
import Foundation
import TestSupport
import Testing

@testable import Names
@testable import Screening

@Suite("Watchlists")
struct WatchlistTests {
    let fsf = Paths.repositoryFile("samples/lists/eu-fsf-sample.xml")

    @Test("The FSF export is read: names in every script, birth dates, countries, programme, list date")
    func fsfParse() throws {
        let list = try WatchlistParser.load(path: fsf)
        #expect(list.format == .euFSF)
        #expect(list.listDate == Day(year: 2026, month: 10, day: 12))
        #expect(list.entries.count == 4)
        let volkov = try #require(list.entries.first { $0.id == "EU.9002.02" })
        #expect(volkov.kind == .person)
        #expect(volkov.names == ["Aleksandr Petrovich Volkov", "Александр Петрович Волков"])
        #expect(volkov.birthDates == ["1968-03-02"])
        #expect(volkov.countries == ["RU"])
        #expect(volkov.programme == "UKR")
        #expect(volkov.listedOn == "2023-02-25")
        #expect(list.entries.first { $0.id == "EU.9001.01" }?.kind == .entity)
        #expect(list.sha256.count == 64)
    }

    @Test("A list with a DOCTYPE is refused like a hostile bid; a non-FSF root is refused")
    func hostileList() throws {
        let directory = try Paths.temporaryDirectory()
        let evil = directory.appendingPathComponent("list.xml").path
        try "<?xml version=\"1.0\"?>\n<!DOCTYPE export [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<export>&x;</export>\n".write(
            toFile: evil, atomically: true, encoding: .utf8)
        do {
            _ = try WatchlistParser.load(path: evil)
            Issue.record("accepted")
        } catch let error as InputError {
            #expect(error.line == 2)
            #expect(!error.description.contains("root:"))
        }
        #expect(throws: InputError.self) { try WatchlistParser.load(path: Paths.corpusFile("edm-v4.1.0/ESPD-Request.xml"), format: .euFSF) }
    }

    /// The error a CSV list with `text` is refused with, or nil (recorded as an issue) when it is accepted.
    func refusal(ofCSV text: String) throws -> InputError? {
        let path = try Paths.temporaryDirectory().appendingPathComponent("own.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        do { _ = try WatchlistParser.load(path: path) } catch let error as InputError { return error }
        Issue.record("accepted")
        return nil
    }

    @Test("A CSV row with a bad kind is refused with its line")
    func csvValidation() throws {
        let error = try refusal(ofCSV: "name,kind\nGood Co,entity\nBad Co,company\n")
        #expect(error?.line == 3)
        #expect(error?.message.contains("company") == true)
    }

    @Test(
        "The province's own list: a natural person needs legal_basis, source_decision, listed_on and until, each named when missing; dates are dates and a listing ends after it starts"
    )
    func ownListPersons() throws {
        let header = "name,kind,birth_date,legal_basis,source_decision,listed_on,until\n"
        let complete = "Jan Fraude,person,1970-01-01,art. 2.87 Aw 2012,besluit GS 2025-12,2025-04-01,2028-04-01\n"
        #expect(try refusalFree(header + complete))
        let missing = try refusal(ofCSV: header + complete + "Piet Fraude,person,1971-01-01,,besluit GS 2025-13,2025-04-01,\n")
        #expect(missing?.line == 3)
        #expect(
            missing?.message.hasPrefix("a natural person is listed without legal_basis, until;") == true, "\(String(describing: missing))")
        // An entity needs none of them (a company excluded after a terminated contract).
        #expect(try refusalFree("name,kind\nPolderbouw Infra B.V.,entity\n"))
        let badDate = try refusal(ofCSV: header + "Jan Fraude,person,,art. 2.87,besluit,2025-04-01,april 2028\n")
        #expect(badDate?.line == 2 && badDate?.message.contains("until 'april 2028' is not a date") == true)
        let backwards = try refusal(ofCSV: header + "Jan Fraude,person,,art. 2.87,besluit,2025-04-01,2024-04-01\n")
        #expect(backwards?.line == 2 && backwards?.message.contains("is before listed_on") == true)
    }

    func refusalFree(_ text: String) throws -> Bool {
        let path = try Paths.temporaryDirectory().appendingPathComponent("own.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try WatchlistParser.load(path: path).entries.isEmpty == false
    }

    @Test(
        "A listing past its until is reported at import and never matched: not by the screening (reference date) nor by match; before it ends it is"
    )
    func ownListUntil() throws {
        let path = try Paths.temporaryDirectory().appendingPathComponent("own.csv").path
        try """
        name,kind,legal_basis,source_decision,listed_on,until
        Polderbouw Infra B.V.,entity,art. 2.87 Aw 2012,besluit GS 2025-03,2025-04-01,2026-09-30
        Zuiderzee Sloop B.V.,entity,art. 2.87 Aw 2012,besluit GS 2025-04,2025-04-01,2029-12-31

        """.write(toFile: path, atomically: true, encoding: .utf8)
        let store = WatchlistStore(directory: try Paths.temporaryDirectory().appendingPathComponent("lists").path)
        var ended: [String] = []
        let now = Date(timeIntervalSince1970: TimeInterval(Day("2026-12-01")!.ordinal) * 86_400)
        try store.importList(path: path, format: .csv, name: "own", listDate: Day("2026-11-01"), now: now) { ended.append($0.primaryName) }
        #expect(ended == ["Polderbouw Infra B.V."])
        let index = SanctionsIndex(lists: try store.loadAll(), rules: Fixtures.rules)
        #expect(index.search("Polderbouw Infra B.V.", kind: .entity, on: Day("2026-09-30")).count == 1)
        #expect(index.search("Polderbouw Infra B.V.", kind: .entity, on: Day("2026-10-01")).isEmpty)
        #expect(index.search("Zuiderzee Sloop B.V.", kind: .entity, on: Day("2026-10-01")).first?.until == "2029-12-31")
        var context = try Fixtures.cleanContext()
        context.sanctions = index
        context.submission.bidder.subcontractors = [
            .init(name: "Polderbouw Infra B.V.", country: "NL", share: 20, reliedUpon: false),
            .init(name: "Zuiderzee Sloop B.V.", country: "NL", share: 20, reliedUpon: false),
        ]
        context.referenceDate = Day("2026-10-15")!
        #expect(Fixtures.findings(context, "sanctions.listed-party").map { $0.details?["entry"] } == ["own:3"])
        context.referenceDate = Day("2026-09-01")!
        #expect(Fixtures.findings(context, "sanctions.listed-party").count == 2)
    }

    @Test("A CSV list with a quote that is never closed is refused at that line, not read as fewer entries")
    func csvUnterminatedQuote() throws {
        // Read leniently, "Listed Co" and everything after it would vanish into the name of line 2.
        let error = try refusal(ofCSV: "name,kind\n\"Quoted Co,entity\nListed Co,entity\nOther Co,entity\n")
        #expect(error?.line == 2)
        #expect(error?.message.contains("never closed") == true)
    }

    @Test("A CSV row with an unquoted comma (one value too many) is refused at its line, not read shifted")
    func csvShiftedRow() throws {
        let error = try refusal(ofCSV: "name,kind,country\nGood Co,entity,NL\nBouw, Groep B.V.,entity,NL\n")
        #expect(error?.line == 3)
        #expect(error?.message.contains("4 values for the 3 columns") == true, "\(String(describing: error?.message))")
    }

    @Test("A CSV list that names a column twice is refused at the header")
    func csvDuplicateColumn() throws {
        let error = try refusal(ofCSV: "name,kind,name\nListed Co,entity,Other Co\n")
        #expect(error?.line == 1)
        #expect(error?.message.contains("appears twice") == true)
    }

    @Test("Import records date and hash; a list changed after import is refused")
    func importAndTamper() throws {
        let store = WatchlistStore(directory: try Paths.temporaryDirectory().path)
        let record = try store.importList(path: fsf, format: nil, name: "eu", listDate: nil)
        #expect(record.listDate == "2026-10-12")
        #expect(record.entries == 4)
        #expect(try store.loadAll().map(\.name) == ["eu"])
        let copy = (store.directory as NSString).appendingPathComponent(record.file)
        var text = try String(contentsOfFile: copy, encoding: .utf8)
        text = text.replacingOccurrences(of: "Volkov", with: "Volkova")
        try text.write(toFile: copy, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try store.loadAll() }
    }

    @Test("The dossier names the list versions; a list older than the maximum age is flagged")
    func versionsAndStaleness() throws {
        var context = try Fixtures.cleanContext()
        let dossier = Screener().dossier(context)
        #expect(dossier.watchlists.map(\.name) == ["eu-consolidated", "provincie-uitsluitingen", "forced-labour-entities"])
        #expect(dossier.watchlists.last?.format == "checklist")
        #expect(dossier.watchlists.first?.listDate == "2026-10-12")
        #expect(Fixtures.findings(context, "sanctions.stale-list").isEmpty)  // 3 days before the deadline
        context.referenceDate = Day(year: 2026, month: 12, day: 1)
        let stale = Fixtures.findings(context, "sanctions.stale-list")
        #expect(stale.map { $0.details?["listDate"] } == ["2026-10-12", "2026-10-01"])  // not the checklist list
    }

    @Test("A bidder whose subcontractor is on the UFLPA list is a listed party")
    func forcedLabourParty() throws {
        var context = try Fixtures.cleanContext()
        context.submission.bidder.subcontractors = [
            .init(name: "Hongyuan Green Energy Co. Ltd", country: "CN", share: 20, reliedUpon: false)
        ]
        let hit = try #require(Fixtures.findings(context, "sanctions.listed-party").first)
        #expect(hit.details?["list"] == "forced-labour-entities")
        #expect(hit.details?["listedOn"] == "2025-01-15")
    }
}
