import DossierModel
import Foundation
import TestSupport
import Testing
import Transparency

@testable import DossierStore
@testable import Names
@testable import RuleData
@testable import Screening

@Suite("Dossier store")
struct StoreTests {
    static let selfCleaning = DecisionContent(
        selfCleaning: .init(compensation: "schade vergoed", cooperation: "meegewerkt met het OM", measures: "bestuurder vervangen"))
    static let rules = try! RuleBook.load(directory: Paths.repositoryFile("checklists"))
    static let sample = Paths.repositoryFile("samples/zonnepark-lelystad")

    func dossiers(sample: String = StoreTests.sample) throws -> [Dossier] {
        let job = try ScreeningJob.plan(paths: [sample], tenderFile: nil)
        return try job.bidderLocations.map { location in
            let context = ScreeningContext(
                submission: try Submission.load(location), tender: job.tender, tenderFilePath: job.tenderFilePath, request: nil,
                rules: Self.rules)
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

    /// Registers this process's account as the store's beheerder and jurist, with a new key.
    func register(_ store: any DossierStore) throws -> NoteSigner {
        let key = try NoteSigner(name: "test.decisions")
        _ = try store.register(
            Person(
                account: try store.account(), name: "mr. A. Jurist", function: nil, roles: [.beheerder, .jurist], vkey: key.verifier.vkey),
            key: key, now: Date())
        return key
    }

    func connection(_ backend: String, _ location: String) throws -> any SQLBackend {
        backend == "sqlite" ? try SQLiteDatabase(path: location, create: false) : try PostgresDatabase(url: location)
    }

    func disableTriggers(_ db: any SQLBackend, _ backend: String) throws {
        if backend == "sqlite" {
            for row in try db.query("SELECT name FROM sqlite_master WHERE type = 'trigger'", []) {
                try db.execute("DROP TRIGGER \(row[0].text!)")
            }
        } else {
            for table in StoreSchema.tables { try db.execute("ALTER TABLE \(table) DISABLE TRIGGER USER") }
        }
    }

    @Test(
        "PostgreSQL store tests run against a real server",
        .enabled(if: TestStores.postgresConfigured, Comment(rawValue: TestStores.postgresSkipReason)))
    func postgresAvailable() throws {
        let location = try TestStores.fresh("postgres")
        defer { TestStores.drop(location) }
        #expect(try StoreLocation.open(location, create: true).verify().ok)
    }

    @Test(
        "Stored dossiers come back byte-exact with their sources; a re-screen links to the previous version", arguments: TestStores.backends
    )
    func roundTrip(backend: String) throws {
        let (store, location) = try newStore(backend)
        defer { TestStores.drop(location) }
        let all = try dossiers()
        var first: StoredEntry?
        for dossier in all {
            let entry = try store.append(dossier, json: try json(dossier), by: "jurist", reason: "test", now: Date())
            first = first ?? entry
        }
        let again = try store.append(all[0], json: try json(all[0]), by: "jurist", reason: "re-screen", now: Date())
        #expect(again.previousVersion == first?.id)
        #expect(again.seq == 5)
        let (entry, content) = try #require(try store.content(id: first!.id))
        #expect(content == (try json(all[0])))
        #expect(entry.entryHash == first?.entryHash)
        let sources = try store.sources(id: first!.id)
        #expect(Set(sources.map(\.role)) == Set(all[0].sources.map(\.role)))
        #expect(sources.allSatisfy { SHA256.hex($0.bytes) == $0.sha256 })
        let report = try store.verify()
        #expect(report.ok, "\(report.broken)")
        #expect(report.entries == 5)
        #expect(report.headHash == again.entryHash)
        #expect(try store.entries(StoreFilter(bidder: "68452193")).count == 2)
        #expect(try store.entries(StoreFilter(bidder: "Zonnebouw Flevoland")).count == 2)
        // A misspelt name is found only through the caller's name matching (the rule data's matcher).
        var fuzzy = StoreFilter(bidder: "Zonebouw Flevolant BV")
        #expect(try store.entries(fuzzy).isEmpty)
        let matcher = NameMatcher(rules: Self.rules.names)
        fuzzy.bidderNameMatches = { matcher.matchCompany("Zonebouw Flevolant BV", $0).score >= matcher.companyThreshold }
        #expect(try store.entries(fuzzy).count == 2)
        // no sanctions lists loaded here; Xinjiang is attention without a knock-out
        #expect(try store.entries(StoreFilter(severity: .blocker)).map(\.bidderName) == ["Polder Energie Techniek B.V."])
        #expect(try store.entries(StoreFilter(check: "solar.xinjiang")).count == 1)
    }

    @Test("The store keeps the bytes that were screened, not what the file holds when the dossier is stored")
    func provenance() throws {
        let directory = try Paths.temporaryDirectory()
        let copy = directory.appendingPathComponent("tender").path
        try FileManager.default.copyItem(atPath: Self.sample, toPath: copy)
        let all = try dossiers(sample: copy)
        let tenderFile = (copy as NSString).appendingPathComponent("tender.yaml")
        let screened = try Data(contentsOf: URL(fileURLWithPath: tenderFile))
        // The tender file is edited while the batch is still being stored.
        try "id: PFL-2026-017\nname: changed afterwards\n".write(toFile: tenderFile, atomically: true, encoding: .utf8)
        let (store, _) = try newStore()
        let entry = try store.append(all[0], json: try json(all[0]), by: "a", reason: nil, now: Date())
        let stored = try #require(try store.sources(id: entry.id).first { $0.role == "tender" })
        #expect(stored.bytes == screened)
        #expect(stored.sha256 == all[0].sources.first { $0.role == "tender" }?.sha256)
        // Bytes that do not match the dossier's hash, or no bytes at all, are refused: nothing stored.
        var forged = all[1]
        forged.sources[0].content = Data("something else".utf8)
        #expect { try store.append(forged, json: try json(forged), by: "a", reason: nil, now: Date()) } throws: {
            "\($0)".contains("differ from the ones screened")
        }
        let decoded = try JSONDecoder().decode(Dossier.self, from: try json(all[1]))  // a dossier read back from JSON carries no bytes
        #expect { try store.append(decoded, json: try json(decoded), by: "a", reason: nil, now: Date()) } throws: {
            "\($0)".contains("were not kept")
        }
        #expect(try store.verify().entries == 1)
    }

    @Test("Identical source files are kept once: re-screens cost no space for their sources", arguments: TestStores.backends)
    func contentAddressed(backend: String) throws {
        let (store, location) = try newStore(backend)
        defer { TestStores.drop(location) }
        let dossier = try dossiers()[2]
        for _ in 0..<5 { _ = try store.append(dossier, json: try json(dossier), by: "a", reason: nil, now: Date()) }
        let db = try connection(backend, location)
        let blobs = try #require(try db.query("SELECT count(*) FROM blobs", []).first?.first?.integer)
        #expect(Int(blobs) == Set(dossier.sources.map(\.sha256)).count + 1)  // the sources once, one dossier JSON (identical here)
        #expect(try store.verify().ok)
    }

    @Test(
        "Updating or deleting anything is refused by the database; with the triggers removed, verify names the trigger and every damaged entry",
        arguments: TestStores.backends)
    func appendOnly(backend: String) throws {
        let (store, location) = try newStore(backend)
        defer { TestStores.drop(location) }
        for dossier in try dossiers() { _ = try store.append(dossier, json: try json(dossier), by: "a", reason: nil, now: Date()) }
        try store.logAccess(by: "a", action: "list", target: nil)
        let db = try connection(backend, location)
        for statement in [
            "UPDATE entries SET outcome = 'clean'", "DELETE FROM entries", "DELETE FROM entry_files", "DELETE FROM blobs",
            "UPDATE blobs SET bytes = bytes", "DELETE FROM access_log", "UPDATE access_log SET who = 'x'", "DELETE FROM meta",
        ] {
            #expect(throws: (any Error).self, "\(statement)") { try db.execute(statement) }
        }
        #expect(try store.verify().ok)
        try disableTriggers(db, backend)
        try db.execute("DELETE FROM blobs WHERE sha256 IN (SELECT content_sha256 FROM entries WHERE seq IN (2, 3))")
        try db.execute("DELETE FROM access_log")
        let report = try store.verify()
        #expect(report.broken.contains { $0.seq == 0 && $0.reason.contains("trigger") })
        #expect(report.broken.filter { $0.reason == "dossier content deleted without a tombstone" }.map(\.seq) == [2, 3])
    }

    @Test("A tombstone someone wrote themselves, inside the legal retention, is reported", arguments: TestStores.backends)
    func forgedTombstone(backend: String) throws {
        let (store, location) = try newStore(backend)
        defer { TestStores.drop(location) }
        var entries: [StoredEntry] = []
        for dossier in try dossiers() {
            entries.append(try store.append(dossier, json: try json(dossier), by: "a", reason: nil, now: Date()))
        }
        let db = try connection(backend, location)
        // A correctly chained tombstone for the blocker dossier, then its content deleted.
        let victim = entries[0]
        var tombstone = victim
        tombstone.seq = 5
        tombstone.id = UUID().uuidString.lowercased()
        tombstone.kind = .tombstone
        tombstone.subject = victim.id
        tombstone.previousVersion = nil
        tombstone.prevHash = entries[3].entryHash
        tombstone.storedAt = ChainedDossierStore.timestamp.string(from: Date())
        tombstone.account = nil  // the row below is written without one
        tombstone.sealedSHA256 = nil  // a tombstone keeps no files
        tombstone.entryHash = tombstone.computedHash
        try db.query(
            "INSERT INTO entries (seq, id, kind, previous_version, tender_id, bidder_name, bidder_key, screened_at, stored_at, stored_by, reason, outcome, blocker, attention, info, checks, rule_data_version, content_sha256, sources_sha256, prev_hash, entry_hash, subject, criminal_data) VALUES ($1, $2, 'tombstone', NULL, $3, $4, $5, $6, $7, $8, NULL, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)",
            [
                .integer(5), .text(tombstone.id), .text(tombstone.tenderID), .text(tombstone.bidderName), .text(tombstone.bidderKey),
                .text(tombstone.screenedAt),
                .text(tombstone.storedAt), .text(tombstone.storedBy), .text(tombstone.outcome.rawValue), .integer(Int64(tombstone.blocker)),
                .integer(Int64(tombstone.attention)),
                .integer(Int64(tombstone.info)), .text(tombstone.checks.joined(separator: ",")), .text(tombstone.ruleDataVersion),
                .text(tombstone.contentSHA256),
                .text(tombstone.sourcesSHA256), .text(tombstone.prevHash), .text(tombstone.entryHash), .text(victim.id),
                .integer(tombstone.criminalData ? 1 : 0),
            ])
        try db.execute("DELETE FROM blobs WHERE sha256 = '\(victim.contentSHA256)'")
        let report = try store.verify()
        #expect(report.broken.map(\.seq) == [5])
        #expect(report.broken.first?.reason.contains("art. 84") == true)
    }

    @Test(
        "A decision is chained like a dossier: its attachment kept once, a deleted attachment or a changed decision found by verify",
        arguments: TestStores.backends)
    func decisions(backend: String) throws {
        let (store, location) = try newStore(backend)
        defer { TestStores.drop(location) }
        let dossier = try dossiers()[1]
        let entry = try store.append(dossier, json: try json(dossier), by: "a", reason: nil, now: Date())
        let key = try register(store)
        let letter = Data("brief".utf8)
        let attachment = StoredSource(role: "attachment", path: "brief.txt", sha256: SHA256.hex(letter), bytes: letter)
        let decision = try store.decide(
            id: entry.id, finding: "review.self-cleaning", check: "review.self-cleaning", severity: .attention, decision: .measuresAccepted,
            reason: "voldoende", due: nil, content: Self.selfCleaning, nameMatch: false, attachments: [attachment], key: key, now: Date())
        #expect(decision.kind == .decision && decision.subject == entry.id)
        #expect(try store.decisions(about: entry).map(\.id) == [decision.id])
        // The store itself refuses a decision without the elements its kind requires (not only the command).
        #expect {
            try store.decide(
                id: entry.id, finding: "review.self-cleaning", check: "review.self-cleaning", severity: .attention,
                decision: .measuresAccepted, reason: "voldoende", due: nil, content: nil, nameMatch: false, attachments: [], key: key,
                now: Date())
        } throws: { "\($0)".contains("missing: --compensation, --cooperation, --measures") }
        #expect {
            try store.decide(
                id: entry.id, finding: "review.self-cleaning", check: "review.self-cleaning", severity: .attention,
                decision: .groundConfirmed, reason: "uitgesloten", due: nil,
                content: DecisionContent(exclusion: .init(proportionality: "evenredig", heard: Day(year: 2999, month: 1, day: 1))),
                nameMatch: false, attachments: [], key: key, now: Date())
        } throws: { "\($0)".contains("--heard 2999-01-01 is after today") }
        let files = try store.sources(id: decision.id)
        #expect(files.map(\.path) == ["brief.txt", DecisionContent.fileName] && files.first?.bytes == letter)
        #expect(try JSONDecoder().decode(DecisionContent.self, from: files[1].bytes) == Self.selfCleaning)
        #expect(try store.verify().ok)
        #expect {
            try store.decide(
                id: entry.id, finding: "x", check: "x", severity: .attention, decision: .groundNotApplicable, reason: "a\0b", due: nil,
                content: nil, nameMatch: false, attachments: [], key: key, now: Date())
        } throws: { "\($0)".contains("NUL") }
        let db = try connection(backend, location)
        try disableTriggers(db, backend)
        try db.execute("UPDATE entries SET decision = 'excluded' WHERE kind = 'decision'")
        try db.execute("DELETE FROM blobs WHERE sha256 = '\(attachment.sha256)'")
        let report = try store.verify()
        #expect(report.broken.contains { $0.seq == decision.seq && $0.reason == "entry fields do not match the entry hash" })
        #expect(report.broken.contains { $0.seq == decision.seq && $0.reason.hasPrefix("attached file brief.txt deleted") })
    }

    @Test(
        "Someone with database rights who edits stored rows is found by verify, every entry of it, not only the first",
        arguments: TestStores.backends)
    func rowTamper(backend: String) throws {
        let (store, location) = try newStore(backend)
        defer { TestStores.drop(location) }
        for dossier in try dossiers() { _ = try store.append(dossier, json: try json(dossier), by: "a", reason: nil, now: Date()) }
        let db = try connection(backend, location)
        try disableTriggers(db, backend)
        try db.execute("UPDATE entries SET outcome = 'clean', blocker = 0 WHERE seq = 1")
        try db.execute("UPDATE entries SET bidder_name = 'Iemand Anders B.V.' WHERE seq = 3")
        let report = try store.verify()
        #expect(report.broken.filter { $0.reason == "entry fields do not match the entry hash" }.map(\.seq) == [1, 3])
    }

    @Test("Cutting entries off the end is found only against a head recorded elsewhere, and then it is", arguments: TestStores.backends)
    func truncation(backend: String) throws {
        let (store, location) = try newStore(backend)
        defer { TestStores.drop(location) }
        for dossier in try dossiers() { _ = try store.append(dossier, json: try json(dossier), by: "a", reason: nil, now: Date()) }
        let recorded = try store.verify().headHash
        let db = try connection(backend, location)
        try disableTriggers(db, backend)
        try db.execute("DELETE FROM entry_files WHERE entry_seq = 4")
        try db.execute("DELETE FROM entries WHERE seq = 4")
        let without = try store.verify()
        #expect(without.broken.allSatisfy { $0.reason.contains("trigger") })  // the chain itself is consistent
        let with = try store.verify(expectHead: recorded)
        #expect(with.broken.contains { $0.reason.contains("expected head") })
        // An earlier head of an intact store is found, with the entries appended since.
        let (fresh, freshLocation) = try newStore(backend)
        defer { TestStores.drop(freshLocation) }
        let all = try dossiers()
        let first = try fresh.append(all[0], json: try json(all[0]), by: "a", reason: nil, now: Date())
        _ = try fresh.append(all[1], json: try json(all[1]), by: "a", reason: nil, now: Date())
        let later = try fresh.verify(expectHead: first.entryHash)
        #expect(later.ok && later.expectedHeadAt == 1)
    }

    @Test("Field values cannot borrow from each other, and a NUL is refused instead of being cut")
    func fieldBinding() throws {
        let (store, _) = try newStore()
        var dossier = try dossiers()[1]
        let original = try store.append(dossier, json: try json(dossier), by: "a", reason: nil, now: Date())
        var swapped = original
        swapped.bidderName = original.bidderName + "\nkey=" + original.bidderKey
        swapped.bidderKey = ""
        #expect(swapped.fieldsHash != original.fieldsHash)
        dossier.bidder.name = "Zonnebouw\0 Flevoland"
        #expect { try store.append(dossier, json: try json(dossier), by: "a", reason: nil, now: Date()) } throws: {
            "\($0)".contains("NUL")
        }
        #expect { try store.append(try dossiers()[0], json: Data(), by: "jurist\0x", reason: nil, now: Date()) } throws: {
            "\($0)".contains("--by contains a NUL")
        }
        #expect(try store.verify().ok)
    }

    @Test("Ids: a full id or a unique prefix of at least 8 characters; nothing else reaches a dossier")
    func exactIDs() throws {
        let (store, _) = try newStore()
        let key = try register(store)
        var ids: [String] = []
        for dossier in try dossiers() {
            ids.append(try store.append(dossier, json: try json(dossier), by: "a", reason: nil, now: Date()).id)
        }
        for bad in ["", "%", "_", "*", String(ids[0].prefix(7)), ids[0] + "%", "' OR 1=1 --"] {
            #expect(throws: StoreError.self, "\(bad)") { try store.resolve(bad) }
            #expect(throws: StoreError.self, "\(bad)") { try store.award(id: bad, reason: nil, key: key, now: Date()) }
        }
        #expect(try store.resolve(String(ids[2].prefix(8))).id == ids[2])
        #expect(try store.resolve(ids[2].uppercased()).id == ids[2])
        #expect(try store.verify().entries == 5)  // the registration and the dossiers: no award was recorded by any of them
    }

    @Test(
        "award refuses a superseded version, a second award of the same bidder and a dossier without tender id",
        arguments: TestStores.backends)
    func awardRules(backend: String) throws {
        let (store, location) = try newStore(backend)
        defer { TestStores.drop(location) }
        let all = try dossiers()
        // Bidder 1 (clean): the award gate lets it through, so the store's own rules are what refuse.
        let old = try store.append(all[0], json: try json(all[0]), by: "a", reason: nil, now: Date())
        let latest = try store.append(all[0], json: try json(all[0]), by: "a", reason: "re-screen", now: Date())
        let key = try register(store)
        #expect { try store.award(id: old.id, reason: nil, key: key, now: Date()) } throws: {
            "\($0)".contains("superseded by \(latest.id)")
        }
        _ = try store.award(id: latest.id, reason: "besluit", key: key, now: Date())
        #expect { try store.award(id: latest.id, reason: nil, key: key, now: Date()) } throws: { "\($0)".contains("already awarded") }
        var untendered = all[0]
        untendered.tender.id = nil
        let loose = try store.append(untendered, json: try json(untendered), by: "a", reason: nil, now: Date())
        #expect { try store.award(id: loose.id, reason: nil, key: key, now: Date()) } throws: { "\($0)".contains("no tender id") }
        // A statement that leaves out a bidder, or names another winner, is refused by the store itself.
        let other = try store.append(all[2], json: try json(all[2]), by: "a", reason: nil, now: Date())
        var statement = try AwardStatement.build(store: store, id: other.id)
        statement.others.removeAll()
        #expect { try store.award(id: other.id, reason: nil, statement: statement, key: key, now: Date()) } throws: {
            "\($0)".contains("does not name")
        }
        #expect(try store.verify().ok)
    }

    @Test(
        "Retention by the law: a tender with neither award nor cancellation is kept, and listed as needing a decision once its deadline is the configured months past; an awarded tender's dossiers all stay 3 years, then go with a beheerder's signed tombstone",
        arguments: TestStores.backends)
    func purge(backend: String) throws {
        let (store, location) = try newStore(backend)
        defer { TestStores.drop(location) }
        var ids: [String: String] = [:]
        let all = try dossiers()
        for dossier in all {
            ids[dossier.bidder.name] = try store.append(dossier, json: try json(dossier), by: "a", reason: nil, now: Date()).id
        }
        let day: TimeInterval = 86_400
        let key = try register(store)
        // No award or cancellation recorded: not even in 50 years; listed as undecided from 12 months after the deadline (2026-10-15).
        let fiftyYears = Date().addingTimeInterval(50 * 366 * day)
        #expect(try store.purge(yearsAfterEnd: 3, reason: nil, key: key, now: fiftyYears).isEmpty)
        let undecided = try store.retentionPlan(yearsAfterEnd: 3, monthsToDecide: 12, now: fiftyYears)
        #expect(
            undecided.undecided == [
                .init(tender: "PFL-2026-017", deadline: Day("2026-10-15")!, deadlineFromTender: true, dossiers: all.count)
            ])
        #expect(undecided.due.isEmpty && undecided.kept.isEmpty)
        let beforeDecisionTime = Date(timeIntervalSince1970: TimeInterval(Day("2027-10-14")!.ordinal) * day + day / 2)
        #expect(try store.retentionPlan(yearsAfterEnd: 3, monthsToDecide: 12, now: beforeDecisionTime).undecided.isEmpty)
        let winner = try #require(ids["Zonnebouw Flevoland B.V."])
        _ = try store.award(id: winner, reason: "gunningsbesluit", key: key, now: Date())
        let today = Day.today(now: Date())
        let kept = try store.retentionPlan(yearsAfterEnd: 3, monthsToDecide: 12, now: Date())
        #expect(
            kept.kept == [
                .init(tender: "PFL-2026-017", endedBy: "award", endedOn: today, purgeFrom: today.adding(years: 3), dossiers: all.count)
            ])
        // Shorter than the law is refused; within three years nothing goes, losers included.
        #expect { try store.purge(yearsAfterEnd: 2, reason: nil, key: key, now: Date()) } throws: { "\($0)".contains("art. 84") }
        #expect(try store.purge(yearsAfterEnd: 3, reason: nil, key: key, now: Date().addingTimeInterval(3 * 365 * day - 2 * day)).isEmpty)
        // The store's own clock must not run backwards for verify, so the purge is checked with entries dated now;
        // the tombstones' dates are those of the purge.
        let tombstones = try store.purge(yearsAfterEnd: 3, reason: "retentie", key: key, now: Date().addingTimeInterval(3 * 366 * day))
        #expect(Set(tombstones.compactMap(\.subject)) == Set(ids.values))
        #expect(tombstones.allSatisfy { $0.signer != nil && $0.signature != nil && $0.storedBy == "mr. A. Jurist" })
        #expect(try store.content(id: winner)?.1 == nil)
        #expect(try store.sources(id: winner).isEmpty)
        #expect(try store.purge(yearsAfterEnd: 3, reason: nil, key: key, now: Date().addingTimeInterval(4 * 366 * day)).isEmpty)
        let report = try store.verify()
        // The tombstones are dated three years ahead of this machine's clock: verify says so, and nothing else.
        #expect(report.broken.allSatisfy { $0.reason.hasPrefix("stored in the future") }, "\(report.broken)")
        #expect(report.broken.count == 4)
        // A jurist without the beheerder role cannot purge (another account is beheerder now).
        let jurist = try NoteSigner(name: "test.jurist")
        _ = try store.register(
            Person(
                account: "someone-else", name: "B. Beheer", function: nil, roles: [.beheerder],
                vkey: try NoteSigner(name: "test.beheer").verifier.vkey),
            key: key, now: Date().addingTimeInterval(3 * 366 * day))
        _ = try store.register(
            Person(account: try store.account(), name: "mr. A. Jurist", function: nil, roles: [.jurist], vkey: jurist.verifier.vkey),
            key: key, now: Date().addingTimeInterval(3 * 366 * day))
        #expect { try store.purge(yearsAfterEnd: 3, reason: nil, key: jurist, now: Date().addingTimeInterval(5 * 366 * day)) } throws: {
            "\($0)".contains("this needs beheerder")
        }
    }

    @Test(
        "A cancelled tender: recorded once by a jurist, signed; no award after it; its retention counts from the cancellation",
        arguments: TestStores.backends)
    func cancellation(backend: String) throws {
        let (store, location) = try newStore(backend)
        defer { TestStores.drop(location) }
        let all = try dossiers()
        var ids: [String] = []
        for dossier in all { ids.append(try store.append(dossier, json: try json(dossier), by: "a", reason: nil, now: Date()).id) }
        let day: TimeInterval = 86_400
        let key = try register(store)
        #expect { try store.cancel(tender: "PFL-2099-001", reason: "besluit", key: key, now: Date()) } throws: {
            "\($0)".contains("no dossiers of tender 'PFL-2099-001'")
        }
        #expect { try store.cancel(tender: "PFL-2026-017", reason: " ", key: key, now: Date()) } throws: {
            "\($0)".contains("needs its reason")
        }
        let cancelled = try store.cancel(tender: "PFL-2026-017", reason: "ingetrokken bij besluit GS", key: key, now: Date())
        #expect(cancelled.kind == .cancellation && cancelled.tenderID == "PFL-2026-017" && cancelled.signature != nil)
        #expect { try store.cancel(tender: "PFL-2026-017", reason: "nogmaals", key: key, now: Date()) } throws: {
            "\($0)".contains("already cancelled in entry \(cancelled.seq)")
        }
        #expect { try store.award(id: ids[0], reason: "gunning", key: key, now: Date()) } throws: {
            "\($0)".contains("a cancelled tender is not awarded")
        }
        let today = Day.today(now: Date())
        #expect(
            try store.retentionPlan(yearsAfterEnd: 3, monthsToDecide: 12, now: Date()).kept == [
                .init(
                    tender: "PFL-2026-017", endedBy: "cancellation", endedOn: today, purgeFrom: today.adding(years: 3), dossiers: all.count)
            ])
        #expect(try store.verify().ok)
        let tombstones = try store.purge(yearsAfterEnd: 3, reason: "retentie", key: key, now: Date().addingTimeInterval(3 * 366 * day))
        #expect(Set(tombstones.compactMap(\.subject)) == Set(ids))
        #expect(try store.verify().broken.allSatisfy { $0.reason.hasPrefix("stored in the future") })
    }

    @Test("A store is created private to its owner", arguments: ["store.sqlite", "new/folder/store.sqlite"])
    func privateFiles(relative: String) throws {
        let path = try Paths.temporaryDirectory().appendingPathComponent(relative).path
        let store = try SQLiteDossierStore(path: path, create: true)
        let dossier = try dossiers()[0]
        _ = try store.append(dossier, json: try json(dossier), by: "a", reason: nil, now: Date())
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
            #expect(mode & 0o077 == 0, "\(file): \(String(mode, radix: 8))")
        }
        if relative.contains("/") {
            let folder = (path as NSString).deletingLastPathComponent
            #expect((try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? Int) == 0o700)
        }
    }

    @Test(
        "A PostgreSQL password never appears in a message",
        arguments: [
            "postgres://uea:s3cr%zzet@127.0.0.1:1/db", "postgres://uea@127.0.0.1:1/db?password=s3cret&sslmode=bogus",
            "postgres://uea:s3cret@[::1:5432/db", "postgresql://uea:s3cret@127.0.0.1:1/db",
        ])
    func passwordRedacted(url: String) throws {
        #expect(!PostgresDatabase.redacted(url).contains("s3cr"))
        do {
            _ = try PostgresDossierStore(url: url, create: false)
            Issue.record("connected to \(url)")
        } catch {
            #expect(!"\(error)".contains("s3cr"), "\(error)")
        }
    }

    @Test(
        "A store made before the chain covered sealed files as stored gets the column at its owner's next opening; new entries carry the digest and verify",
        arguments: TestStores.backends)
    func sealedDigestColumnAdded(backend: String) throws {
        let (_, location) = try newStore(backend)
        defer { TestStores.drop(location) }
        let db = try connection(backend, location)
        try db.execute("ALTER TABLE entries DROP COLUMN sealed_sha256")
        #expect(try !db.hasColumn("entries", "sealed_sha256"))
        let store = try StoreLocation.open(location, create: false)
        #expect(try db.hasColumn("entries", "sealed_sha256"))
        let entry = try store.append(try dossiers()[0], json: try json(try dossiers()[0]), by: "a", reason: nil, now: Date())
        #expect(entry.sealedSHA256?.count == 64)
        #expect(try store.verify().ok)
    }

    @Test("Changing one byte of a stored dossier or source in the file is found, and the entry named")
    func tamper() throws {
        for tamperSource in [false, true] {
            let (store, path) = try newStore("sqlite")
            for dossier in try dossiers() { _ = try store.append(dossier, json: try json(dossier), by: "a", reason: nil, now: Date()) }
            #expect(try store.verify().ok)
            // Flip one byte in the database file itself (checkpointed first, so the data is in the main file).
            let db = try SQLiteDatabase(path: path, create: false)
            try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            // A source is kept sealed: its text is not in the file, its ciphertext is.
            #expect(bytes.range(of: Data("Sunrise PV Trading GmbH</cbc:Name>".utf8)) == nil)
            let sealed = try #require(
                try db.query("SELECT bytes FROM blobs WHERE wrapped_key IS NOT NULL ORDER BY length(bytes) LIMIT 1", []).first?.first?.data)
            let target = tamperSource ? sealed.subdata(in: 16..<48) : Data("\"outcome\":\"blocker\"".utf8)
            let range = try #require(bytes.range(of: target))
            bytes[range.lowerBound + 3] ^= 0x01
            try bytes.write(to: URL(fileURLWithPath: path))
            let report = try SQLiteDossierStore(path: path, create: false).verify()
            let broken = try #require(report.firstBroken)
            #expect(broken.reason.contains("SHA-256"))
            #expect(broken.seq >= 1)
        }
    }

    @Test("A foreign file or another database is refused as a store, and left exactly as it was")
    func foreignFiles() throws {
        let directory = try Paths.temporaryDirectory()
        let text = directory.appendingPathComponent("notes.sqlite").path
        try "not a database, just text that is long enough to have a header of its own".write(
            toFile: text, atomically: true, encoding: .utf8)
        #expect { try SQLiteDossierStore(path: text, create: true) } throws: { "\($0)".contains("not a uea-screen store") }
        let other = directory.appendingPathComponent("other.sqlite").path
        try SQLiteDatabase(path: other, create: true).execute("CREATE TABLE t (x)")
        let before = try Data(contentsOf: URL(fileURLWithPath: other))
        #expect { try SQLiteDossierStore(path: other, create: true) } throws: { "\($0)".contains("without the uea-screen schema") }
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == before)  // not switched to WAL, nothing written
        #expect(!FileManager.default.fileExists(atPath: other + "-wal"))
        if TestStores.postgresConfigured {
            let url = try TestStores.fresh("postgres")
            defer { TestStores.drop(url) }
            try PostgresDatabase(url: url).execute("CREATE TABLE invoices (id int)")
            #expect { try StoreLocation.open(url, create: true) } throws: { "\($0)".contains("not a uea-screen store") }
        }
        #expect(throws: StoreError.self) {
            try SQLiteDossierStore(path: directory.appendingPathComponent("missing.sqlite").path, create: false)
        }
    }
}
