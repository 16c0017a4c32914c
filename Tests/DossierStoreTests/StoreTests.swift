import Foundation
import Testing
import TestSupport
@testable import DossierStore
@testable import Screening

@Suite("SQLite dossier store")
struct StoreTests {
    static let rules = try! RuleBook.load(directory: Paths.repositoryFile("checklists"))
    static let sample = Paths.repositoryFile("samples/zonnepark-lelystad")

    func dossiers() throws -> [Dossier] {
        let job = try ScreeningJob.plan(paths: [Self.sample], tenderFile: nil)
        return try job.bidderLocations.map { location in
            let context = ScreeningContext(submission: try Submission.load(location), tender: job.tender, tenderFilePath: job.tenderFilePath, request: nil, rules: Self.rules)
            return Screener().dossier(context, extraSources: job.extraSources)
        }
    }

    func json(_ dossier: Dossier) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(dossier)
    }

    func newStore(_ backend: String = "sqlite") throws -> (any DossierStore, String) {
        let location = try TestStores.fresh(backend)
        return (try StoreLocation.open(location, create: true), location)
    }

    @Test("Stored dossiers come back byte-exact with their sources; a re-screen links to the previous version", arguments: TestStores.backends)
    func roundTrip(backend: String) throws {
        let (store, _) = try newStore(backend)
        let all = try dossiers()
        var first: StoredEntry?
        for dossier in all { let entry = try store.append(dossier, json: try json(dossier), by: "jurist", reason: "test", now: Date()); first = first ?? entry }
        let again = try store.append(all[0], json: try json(all[0]), by: "jurist", reason: "re-screen", now: Date())
        #expect(again.previousVersion == first?.id)
        #expect(again.seq == 5)
        let (entry, content) = try #require(try store.content(id: first!.id))
        #expect(content == (try json(all[0])))
        #expect(entry.entryHash == first?.entryHash)
        let sources = try store.sources(id: first!.id)
        #expect(sources.map(\.role).contains("espd"))
        #expect(sources.allSatisfy { SHA256.hex($0.bytes) == $0.sha256 })
        let report = try store.verify()
        #expect(report.ok)
        #expect(report.entries == 5)
        #expect(report.headHash == again.entryHash)
        #expect(try store.entries(StoreFilter(bidder: "68452193")).count == 2)
        #expect(try store.entries(StoreFilter(bidder: "Zonnebouw Flevoland")).count == 2)
        #expect(try store.entries(StoreFilter(severity: "blocker")).map(\.bidderName) == ["Polder Energie Techniek B.V."])  // no sanctions lists loaded here; Xinjiang is attention without a knock-out
        #expect(try store.entries(StoreFilter(check: "solar.xinjiang")).count == 1)
    }

    func connection(_ backend: String, _ location: String) throws -> any SQLBackend {
        backend == "sqlite" ? try SQLiteDatabase(path: location, create: false) : try PostgresDatabase(url: location)
    }

    @Test("Updating or deleting history is refused; deleting content without a tombstone is found", arguments: TestStores.backends)
    func appendOnly(backend: String) throws {
        let (store, location) = try newStore(backend)
        let dossier = try dossiers()[0]
        _ = try store.append(dossier, json: try json(dossier), by: "a", reason: nil, now: Date())
        let db = try connection(backend, location)
        #expect(throws: (any Error).self) { try db.execute("UPDATE entries SET outcome = 'clean'") }
        #expect(throws: (any Error).self) { try db.execute("DELETE FROM entries") }
        #expect(throws: (any Error).self) { try db.execute("UPDATE contents SET content = content") }
        #expect(try store.verify().ok)
        // Content rows can be deleted (purge needs it), but not unnoticed.
        try db.execute("DELETE FROM sources")
        #expect(try store.verify().firstBroken?.reason == "source files differ from those recorded")
        try db.execute("DELETE FROM contents")
        #expect(try store.verify().firstBroken?.reason == "dossier content deleted without a tombstone")
    }

    @Test("Purge removes losers' content and keeps tombstones; winners stay; the chain still verifies", arguments: TestStores.backends)
    func purge(backend: String) throws {
        let (store, _) = try newStore(backend)
        var ids: [String: String] = [:]
        for dossier in try dossiers() {
            ids[dossier.bidder.name] = try store.append(dossier, json: try json(dossier), by: "a", reason: nil, now: Date()).id
        }
        let winner = try #require(ids["Zonnebouw Flevoland B.V."])
        _ = try store.award(id: winner, by: "GS", reason: "gunningsbesluit 2026-11-01", now: Date())
        let tombstones = try store.purge(before: "2099-01-01", winnerYears: 100, by: "archivaris", reason: "retentie", now: Date())
        #expect(tombstones.count == 3)
        #expect(Set(tombstones.compactMap(\.subject)) == Set(ids.values).subtracting([winner]))
        #expect(try store.content(id: winner)?.1 != nil)
        let loser = try #require(ids["Sunrise PV Trading GmbH"])
        #expect(try store.content(id: loser)?.1 == nil)
        #expect(try store.sources(id: loser).isEmpty)
        let report = try store.verify()
        #expect(report.ok)
        #expect(report.entries == 4 + 1 + 3)
        // A second purge finds nothing new; the winner goes once its retention has passed.
        #expect(try store.purge(before: "2099-01-01", winnerYears: 100, by: "a", reason: nil, now: Date()).isEmpty)
        #expect(try store.purge(before: "2099-01-01", winnerYears: 3, by: "a", reason: nil, now: Date()).map(\.subject) == [winner])
        #expect(try store.verify().ok)
    }

    @Test("Someone with database rights who edits a stored row is found by verify", arguments: TestStores.backends)
    func rowTamper(backend: String) throws {
        let (store, location) = try newStore(backend)
        for dossier in try dossiers() { _ = try store.append(dossier, json: try json(dossier), by: "a", reason: nil, now: Date()) }
        let db = try connection(backend, location)
        if backend == "sqlite" { try db.execute("DROP TRIGGER entries_append_only_update") } else { try db.execute("ALTER TABLE entries DISABLE TRIGGER USER") }
        try db.execute("UPDATE entries SET outcome = 'clean', blocker = 0 WHERE seq = 2")
        let report = try store.verify()
        #expect(report.firstBroken?.seq == 2)
        #expect(report.firstBroken?.reason == "entry fields do not match the entry hash")
    }

    @Test("Changing one byte of a stored dossier or source in the file is found, and the entry named")
    func tamper() throws {
        for target in ["\"outcome\":\"blocker\"", "Sunrise PV Trading GmbH</cbc:Name>"] {
            let (store, path) = try newStore("sqlite")
            for dossier in try dossiers() { _ = try store.append(dossier, json: try json(dossier), by: "a", reason: nil, now: Date()) }
            #expect(try store.verify().ok)
            // Flip one byte in the database file itself (checkpointed first, so the data is in the main file).
            let db = try SQLiteDatabase(path: path, create: false)
            try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            let range = try #require(bytes.range(of: Data(target.utf8)))
            bytes[range.lowerBound + 3] ^= 0x01
            try bytes.write(to: URL(fileURLWithPath: path))
            let report = try SQLiteDossierStore(path: path, create: false).verify()
            let broken = try #require(report.firstBroken)
            #expect(broken.reason.contains("SHA-256"))
            #expect(broken.seq >= 2)
        }
    }

    @Test("A foreign file or another SQLite database is refused as a store")
    func foreignFiles() throws {
        let directory = try Paths.temporaryDirectory()
        let text = directory.appendingPathComponent("notes.sqlite").path
        try "not a database, just text that is long enough to have a header of its own".write(toFile: text, atomically: true, encoding: .utf8)
        #expect { try SQLiteDossierStore(path: text, create: false) } throws: { "\($0)".contains("not a uea-screen store") }
        let other = directory.appendingPathComponent("other.sqlite").path
        try SQLiteDatabase(path: other, create: true).execute("CREATE TABLE t (x)")
        if TestStores.backends.contains("postgres") {
            let url = try TestStores.fresh("postgres")
            try PostgresDatabase(url: url).execute("CREATE TABLE invoices (id int)")
            #expect { try StoreLocation.open(url, create: true) } throws: { "\($0)".contains("not a uea-screen store") }
        }
        #expect { try SQLiteDossierStore(path: other, create: false) } throws: { "\($0)".contains("without the uea-screen schema") }
        #expect(throws: StoreError.self) { try SQLiteDossierStore(path: directory.appendingPathComponent("missing.sqlite").path, create: false) }
    }
}
