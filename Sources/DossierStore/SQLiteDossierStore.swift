import Foundation
import Screening

/// The store over either backend: append-only (triggers refuse UPDATE and DELETE), every entry
/// chained to the previous one by SHA-256, every write one transaction that no other writer can
/// interleave with, so a process killed mid-write leaves the last committed state.
public class ChainedDossierStore: DossierStore, @unchecked Sendable {
    // @unchecked: every use of `db` is under `lock`.
    private let db: any SQLBackend
    private let lock = NSLock()
    static let schema = "uea-screen/store/1"
    static let zeroHash = String(repeating: "0", count: 64)

    /// Opens `db`; creates the schema when `create` and the database is new (`isNew`), refuses a
    /// database that is neither empty nor a uea-screen store.
    init(db: any SQLBackend, create: Bool, isNew: () throws -> Bool) throws {
        self.db = db
        if let version = try? db.query("SELECT value FROM meta WHERE key='schema'", []).first?.first?.text {
            guard version == Self.schema else { throw StoreError.notAStore(path: db.location, reason: "store schema \(version) is not \(Self.schema)") }
        } else if create, try isNew() {
            try db.execute("BEGIN")
            do {
                try db.execute(db.schemaSQL)
                try db.query("INSERT INTO meta VALUES ('schema', $1)", [.text(Self.schema)])
                try db.execute("COMMIT")
            } catch {
                try? db.execute("ROLLBACK")
                throw error
            }
        } else {
            throw StoreError.notAStore(path: db.location, reason: "a database without the uea-screen schema")
        }
    }

    static func sourcesDigest(_ sources: [(role: String, path: String, sha256: String)]) -> String {
        SHA256.hex(sources.map { "\($0.role)\t\($0.path)\t\($0.sha256)" }.sorted().joined(separator: "\n"))
    }

    public func append(_ dossier: Dossier, json: Data, by: String, reason: String?, now: Date = Date()) throws -> StoredEntry {
        // Read the source files before taking the lock: a missing file stores nothing.
        var sources: [StoredSource] = []
        for source in dossier.sources {
            guard let bytes = FileManager.default.contents(atPath: source.path) else { throw StoreError.unreadableSource(path: source.path) }
            sources.append(StoredSource(role: source.role, path: source.path, sha256: SHA256.hex(bytes), bytes: bytes))
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        lock.lock(); defer { lock.unlock() }
        do {
            try db.beginWrite()
            do {
                let last = try db.query("SELECT seq, entry_hash FROM entries ORDER BY seq DESC LIMIT 1", []).first
                let seq = Int(last?[0].integer ?? 0) + 1
                let tender = dossier.tender.id ?? ""
                let key = dossier.bidder.kvk ?? dossier.bidder.identifiers.first?.value ?? ""
                let previous = try db.query("SELECT id FROM entries WHERE tender_id = $1 AND bidder_key = $2 AND bidder_name = $3 ORDER BY seq DESC LIMIT 1",
                                            [.text(tender), .text(key), .text(dossier.bidder.name)]).first?.first?.text
                var entry = StoredEntry(
                    seq: seq, id: UUID().uuidString.lowercased(), kind: "dossier", subject: nil,
                    criminalData: dossier.findings.contains { $0.criminalData == true }, previousVersion: previous, tenderID: tender,
                    bidderName: dossier.bidder.name, bidderKey: key, screenedAt: dossier.screenedAt, storedAt: formatter.string(from: now),
                    storedBy: by, reason: reason, outcome: dossier.summary.outcome, blocker: dossier.summary.blocker,
                    attention: dossier.summary.attention, info: dossier.summary.info,
                    checks: Array(Set(dossier.findings.map(\.check))).sorted(), ruleDataVersion: dossier.ruleData.version,
                    contentSHA256: SHA256.hex(json), sourcesSHA256: Self.sourcesDigest(sources.map { ($0.role, $0.path, $0.sha256) }),
                    prevHash: last?[1].text ?? Self.zeroHash, entryHash: "")
                entry.entryHash = SHA256.hex(entry.canonical)
                try insert(entry)
                try db.query("INSERT INTO contents (entry_seq, content) VALUES ($1, $2)", [.integer(Int64(seq)), .blob(json)])
                for source in sources {
                    try db.query("INSERT INTO sources (entry_seq, role, path, sha256, bytes) VALUES ($1, $2, $3, $4, $5)",
                                 [.integer(Int64(seq)), .text(source.role), .text(source.path), .text(source.sha256), .blob(source.bytes)])
                }
                try db.execute("COMMIT")
                return entry
            } catch {
                try? db.execute("ROLLBACK")
                throw error
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database("\(error)")
        }
    }

    private func insert(_ entry: StoredEntry) throws {
        try db.query("""
            INSERT INTO entries (seq, id, kind, previous_version, tender_id, bidder_name, bidder_key, screened_at, stored_at, stored_by,
                reason, outcome, blocker, attention, info, checks, rule_data_version, content_sha256, sources_sha256, prev_hash, entry_hash,
                subject, criminal_data)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
            """, [.integer(Int64(entry.seq)), .text(entry.id), .text(entry.kind), entry.previousVersion.map { .text($0) } ?? .null,
                  .text(entry.tenderID), .text(entry.bidderName), .text(entry.bidderKey), .text(entry.screenedAt), .text(entry.storedAt),
                  .text(entry.storedBy), entry.reason.map { .text($0) } ?? .null, .text(entry.outcome), .integer(Int64(entry.blocker)),
                  .integer(Int64(entry.attention)), .integer(Int64(entry.info)), .text(entry.checks.joined(separator: ",")),
                  .text(entry.ruleDataVersion), .text(entry.contentSHA256), .text(entry.sourcesSHA256), .text(entry.prevHash),
                  .text(entry.entryHash), entry.subject.map { .text($0) } ?? .null, .integer(entry.criminalData ? 1 : 0)])
    }

    /// Appends an award or tombstone entry about `subject` (inside the caller's write transaction).
    private func appendMarker(kind: String, subject: StoredEntry, by: String, reason: String?, now: Date) throws -> StoredEntry {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let last = try db.query("SELECT seq, entry_hash FROM entries ORDER BY seq DESC LIMIT 1", []).first
        var entry = subject
        entry.seq = Int(last?[0].integer ?? 0) + 1
        entry.id = UUID().uuidString.lowercased()
        entry.kind = kind
        entry.subject = subject.id
        entry.previousVersion = nil
        entry.storedAt = formatter.string(from: now)
        entry.storedBy = by
        entry.reason = reason
        entry.prevHash = last?[1].text ?? Self.zeroHash
        entry.entryHash = SHA256.hex(entry.canonical)
        try insert(entry)
        return entry
    }

    /// Runs `body` in a write transaction, rolling back on any error.
    private func write<T>(_ body: () throws -> T) throws -> T {
        lock.lock(); defer { lock.unlock() }
        do {
            try db.beginWrite()
            do {
                let result = try body()
                try db.execute("COMMIT")
                return result
            } catch {
                try? db.execute("ROLLBACK")
                throw error
            }
        } catch let error as StoreError { throw error } catch { throw StoreError.database("\(error)") }
    }

    public func award(id: String, by: String, reason: String?, now: Date = Date()) throws -> StoredEntry {
        guard let (subject, _) = try content(id: id), subject.kind == "dossier" else { throw StoreError.database("no dossier with id \(id)") }
        return try write { try appendMarker(kind: "award", subject: subject, by: by, reason: reason, now: now) }
    }

    public func purge(before: String, winnerYears: Int, by: String, reason: String?, now: Date = Date()) throws -> [StoredEntry] {
        try write {
            let all = try db.query("SELECT \(Self.columns) FROM entries ORDER BY seq", []).map(Self.entry)
            let purged = Set(all.filter { $0.kind == "tombstone" }.compactMap(\.subject))
            // A bidder won a tender when an award entry names one of its dossiers there.
            var awardedOn: [String: String] = [:]
            for award in all where award.kind == "award" { awardedOn[award.tenderID + "\t" + award.bidderKey + "\t" + award.bidderName] = String(award.storedAt.prefix(10)) }
            var tombstones: [StoredEntry] = []
            for entry in all where entry.kind == "dossier" && !purged.contains(entry.id) && entry.screenedAt.prefix(10) < before.prefix(10) {
                if let awarded = awardedOn[entry.tenderID + "\t" + entry.bidderKey + "\t" + entry.bidderName] {
                    // Winners: keep at least `winnerYears` after the award (Dir. 2014/24 art. 84: 3 years).
                    guard let day = Day(awarded), day.adding(years: winnerYears).description < String(before.prefix(10)) else { continue }
                }
                tombstones.append(try appendMarker(kind: "tombstone", subject: entry, by: by, reason: reason, now: now))
                try db.query("DELETE FROM contents WHERE entry_seq = $1", [.integer(Int64(entry.seq))])
                try db.query("DELETE FROM sources WHERE entry_seq = $1", [.integer(Int64(entry.seq))])
            }
            return tombstones
        }
    }

    private static let columns = """
        seq, id, kind, previous_version, tender_id, bidder_name, bidder_key, screened_at, stored_at, stored_by, reason, outcome,
        blocker, attention, info, checks, rule_data_version, content_sha256, sources_sha256, prev_hash, entry_hash, subject, criminal_data
        """

    private static func entry(_ row: [SQLValue]) -> StoredEntry {
        var entry = StoredEntry(seq: Int(row[0].integer ?? 0), id: row[1].text ?? "", kind: row[2].text ?? "", subject: nil, criminalData: false, previousVersion: row[3].text,
                    tenderID: row[4].text ?? "", bidderName: row[5].text ?? "", bidderKey: row[6].text ?? "", screenedAt: row[7].text ?? "",
                    storedAt: row[8].text ?? "", storedBy: row[9].text ?? "", reason: row[10].text, outcome: row[11].text ?? "",
                    blocker: Int(row[12].integer ?? 0), attention: Int(row[13].integer ?? 0), info: Int(row[14].integer ?? 0),
                    checks: (row[15].text ?? "").split(separator: ",").map(String.init), ruleDataVersion: row[16].text ?? "",
                    contentSHA256: row[17].text ?? "", sourcesSHA256: row[18].text ?? "", prevHash: row[19].text ?? "", entryHash: row[20].text ?? "")
        entry.subject = row[21].text
        entry.criminalData = (row[22].integer ?? 0) != 0
        return entry
    }

    public func entries(_ filter: StoreFilter) throws -> [StoredEntry] {
        lock.lock(); defer { lock.unlock() }
        let rows = try wrap { try db.query("SELECT \(Self.columns) FROM entries ORDER BY seq", []) }
        let matcher = NameMatcher(rules: .init(personThreshold: 0.85, companyThreshold: 0.85, tussenvoegsels: [], legalForms: ["bv", "nv", "gmbh", "ltd", "llc", "b.v.", "n.v."]))
        return rows.map(Self.entry).filter { entry in
            if !filter.includeMarkers && entry.kind != "dossier" { return false }
            if let tender = filter.tender, entry.tenderID.caseInsensitiveCompare(tender) != .orderedSame { return false }
            if let bidder = filter.bidder {
                let digits = bidder.filter(\.isNumber)
                let byKey = !digits.isEmpty && entry.bidderKey.filter(\.isNumber) == digits
                let byName = matcher.matchCompany(bidder, entry.bidderName).score >= 0.85
                    || entry.bidderName.localizedCaseInsensitiveContains(bidder)
                if !(byKey || byName || entry.bidderKey.caseInsensitiveCompare(bidder) == .orderedSame) { return false }
            }
            if let from = filter.from, entry.screenedAt.prefix(10) < from.prefix(10) { return false }
            if let to = filter.to, entry.screenedAt.prefix(10) > to.prefix(10) { return false }
            if let severity = filter.severity {
                if severity == "blocker" && entry.blocker == 0 { return false }
                if severity == "attention" && entry.blocker + entry.attention == 0 { return false }
            }
            if let check = filter.check, !entry.checks.contains(check) { return false }
            return true
        }
    }

    public func content(id: String) throws -> (StoredEntry, Data?)? {
        lock.lock(); defer { lock.unlock() }
        guard let row = try wrap({ try db.query("SELECT \(Self.columns), content FROM entries LEFT JOIN contents ON entry_seq = seq WHERE id = $1 OR id LIKE $2 ORDER BY seq LIMIT 1",
                                                [.text(id), .text(id + "%")]) }).first else { return nil }
        return (Self.entry(row), row[23].data)
    }

    public func sources(id: String) throws -> [StoredSource] {
        lock.lock(); defer { lock.unlock() }
        return try wrap {
            try db.query("SELECT s.role, s.path, s.sha256, s.bytes FROM sources s JOIN entries e ON e.seq = s.entry_seq WHERE e.id = $1 ORDER BY s.role, s.path", [.text(id)])
        }.map { StoredSource(role: $0[0].text ?? "", path: $0[1].text ?? "", sha256: $0[2].text ?? "", bytes: $0[3].data ?? Data()) }
    }

    public func verify() throws -> VerifyReport {
        lock.lock(); defer { lock.unlock() }
        let rows = try wrap { try db.query("SELECT \(Self.columns), content FROM entries LEFT JOIN contents ON entry_seq = seq ORDER BY seq", []) }
        let tombstoned = Set(rows.map(Self.entry).filter { $0.kind == "tombstone" }.compactMap(\.subject))
        let sourceRows = try wrap { try db.query("SELECT entry_seq, role, path, sha256, bytes FROM sources", []) }
        var sourcesBySeq: [Int: [(String, String, String, Data)]] = [:]
        for row in sourceRows {
            sourcesBySeq[Int(row[0].integer ?? 0), default: []].append((row[1].text ?? "", row[2].text ?? "", row[3].text ?? "", row[4].data ?? Data()))
        }
        var previousHash = Self.zeroHash
        var expectedSeq = 1
        for row in rows {
            let entry = Self.entry(row)
            func broken(_ reason: String) -> VerifyReport {
                VerifyReport(entries: rows.count, headHash: rows.last.map { Self.entry($0).entryHash } ?? Self.zeroHash,
                             firstBroken: .init(seq: entry.seq, id: entry.id, reason: reason))
            }
            if entry.seq != expectedSeq { return broken("entry \(expectedSeq) is missing") }
            if entry.prevHash != previousHash { return broken("previous-hash link broken") }
            if entry.kind == "dossier" {
                let content = row[23].data
                let sources = sourcesBySeq[entry.seq] ?? []
                if tombstoned.contains(entry.id) {
                    // Purged: its content may be gone, but nothing else may have been put there.
                    if let content, SHA256.hex(content) != entry.contentSHA256 { return broken("purged dossier has other content") }
                } else {
                    guard let content else { return broken("dossier content deleted without a tombstone") }
                    if SHA256.hex(content) != entry.contentSHA256 { return broken("dossier content does not match its SHA-256") }
                    for source in sources where SHA256.hex(source.3) != source.2 { return broken("source file \(source.1) does not match its SHA-256") }
                    if Self.sourcesDigest(sources.map { ($0.0, $0.1, $0.2) }) != entry.sourcesSHA256 { return broken("source files differ from those recorded") }
                }
            }
            if SHA256.hex(entry.canonical) != entry.entryHash { return broken("entry fields do not match the entry hash") }
            previousHash = entry.entryHash
            expectedSeq += 1
        }
        return VerifyReport(entries: rows.count, headHash: previousHash, firstBroken: nil)
    }

    public func logAccess(by: String, action: String, target: String?) throws {
        lock.lock(); defer { lock.unlock() }
        let formatter = ISO8601DateFormatter()
        _ = try wrap { try db.query("INSERT INTO access_log (at, who, action, target) VALUES ($1, $2, $3, $4)",
                                    [.text(formatter.string(from: Date())), .text(by), .text(action), target.map { .text($0) } ?? .null]) }
    }

    private func wrap<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as StoreError { throw error } catch { throw StoreError.database("\(error)") }
    }
}

/// The embedded store: one SQLite file in WAL mode; concurrent writers queue on SQLite's lock.
public final class SQLiteDossierStore: ChainedDossierStore, @unchecked Sendable {
    public let path: String

    public init(path: String, create: Bool) throws {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create { throw StoreError.notAStore(path: path, reason: "no such file") }
        if !exists { try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true) }
        do {
            let db = try SQLiteDatabase(path: path, create: create)
            // A file that is not SQLite fails on its first read (SQLITE_NOTADB).
            do { try db.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;") } catch let error as SQLiteDatabase.Error where error.code == 26 {
                throw StoreError.notAStore(path: path, reason: "not an SQLite database")
            }
            try super.init(db: db, create: create, isNew: { !exists })
        } catch let error as SQLiteDatabase.Error {
            throw error.code == 26 ? StoreError.notAStore(path: path, reason: "not an SQLite database") : StoreError.database(error.description)
        } catch let error as StoreError {
            if case .notAStore(_, let reason) = error, reason.hasPrefix("a database without") {
                throw StoreError.notAStore(path: path, reason: "an SQLite database without the uea-screen schema")
            }
            throw error
        }
    }
}

/// The team store: a PostgreSQL database (created on first use when empty); writers serialise on
/// a table lock inside their transaction.
public final class PostgresDossierStore: ChainedDossierStore, @unchecked Sendable {
    public init(url: String, create: Bool) throws {
        let db: PostgresDatabase
        do { db = try PostgresDatabase(url: url) } catch { throw StoreError.database("\(error)") }
        try super.init(db: db, create: create, isNew: {
            try db.query("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()", []).first?.first?.integer == 0
        })
    }
}
