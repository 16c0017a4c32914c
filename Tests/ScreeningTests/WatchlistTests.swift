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
