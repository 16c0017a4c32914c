import Basics
import Crypto
import DossierModel
import Foundation
import Transparency

/// The store over either backend: append-only (triggers refuse UPDATE and DELETE on every table;
/// only purge may delete a file that no live dossier uses), every entry chained to the previous
/// one by SHA-256, source files kept once per SHA-256, and every write one transaction that no
/// other writer can interleave with, so a process killed mid-write leaves the last committed state.
public class ChainedDossierStore: DossierStore, @unchecked Sendable {
    // @unchecked: every use of `db` is under `lock`.
    let db: any SQLBackend
    private let lock = NSLock()
    /// The account the operating system or the database authenticated for this connection.
    let authenticatedAccount: String
    /// The columns an entry is read with (a read-only store of a release before accounts reads them as NULL).
    private(set) var columns = ChainedDossierStore.allColumns
    /// Whether the blobs table has the column of sealed files (a read-only store of an earlier release has not).
    private var canSeal = true
    /// The store's data key once found (under `lock`); see `StoreDataKey`.
    private var dataKey: SymmetricKey?
    static let schema = "uea-screen/store/2"
    static let zeroHash = String(repeating: "0", count: 64)
    /// Dir. 2014/24/EU art. 84: documentation of the procedure is kept at least three years from
    /// the award. No setting can make a purge go earlier, and verify reports a tombstone that did.
    public static let legalRetentionYears = 3
    /// Entries read per query: memory stays the same for a store of any size.
    static let page = 500
    /// Clocks of a team's machines differ a little; more than this backwards or ahead is reported.
    static let clockSkew: TimeInterval = 300

    /// Opens `db`: refuses a database that is neither empty nor a uea-screen store before anything
    /// is written to it, and creates the schema in a transaction that concurrent creators queue on.
    init(db: any SQLBackend, create: Bool) throws {
        self.db = db
        do { authenticatedAccount = try db.authenticatedAccount() } catch { throw StoreError.database("\(error)") }
        do {
            if try schemaVersion() == nil {
                guard create else { throw StoreError.notAStore(path: db.location, reason: "a database without the uea-screen schema") }
                // Every check that decides to create is made under the creators' lock: another
                // process may be creating the store at this moment (nothing is written before the
                // database is known to be empty, so a foreign database is left as it was).
                try db.beginCreate()
                do {
                    if try schemaVersion() == nil {
                        guard try db.isEmpty() else {
                            throw StoreError.notAStore(path: db.location, reason: "a database without the uea-screen schema")
                        }
                        try db.execute(db.schemaSQL)
                        try db.query("INSERT INTO meta VALUES ('schema', $1)", [.text(Self.schema)])
                        try Self.startLog(db)
                    }
                    try db.execute("COMMIT")
                } catch {
                    try? db.execute("ROLLBACK")
                    throw error
                }
            }
            guard let version = try schemaVersion(), version == Self.schema else {
                let found = (try? schemaVersion()) ?? nil
                throw StoreError.notAStore(
                    path: db.location,
                    reason: "store schema \(found ?? "unknown") is not \(Self.schema); export its dossiers with the release that wrote it")
            }
            try db.opened()
            try addLogIfMissing()
            try addAccountsIfMissing()
            try addSealingIfMissing()
            try upgradeBlobTriggerIfOld()
        } catch let error as StoreError { throw error } catch { throw StoreError.database("\(error)") }
    }

    /// A store made before the transparency log gets its checkpoints table (and its origin) when
    /// it is first opened by a user who may write it; a read-only copy is verified without them.
    private func addLogIfMissing() throws {
        guard try !db.hasTable("checkpoints") else { return }
        do {
            try db.beginCreate()
            if try !db.hasTable("checkpoints") {
                try db.execute(db.checkpointsSQL)
                try Self.startLog(db)
            }
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
        }
    }

    /// A store made before accounts and signatures gets their columns when first opened by a user
    /// who may write it; a read-only copy reads them as empty.
    private func addAccountsIfMissing() throws {
        guard try !db.hasColumn("entries", "account") else { return }
        do {
            try db.beginCreate()
            if try !db.hasColumn("entries", "account") {
                try db.execute(StoreSchema.accountColumns)
            }
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
        }
        if try !db.hasColumn("entries", "account") { columns = Self.baseColumns + ", NULL, NULL, NULL, NULL" }
    }

    /// A store made before sealed files gets the column for their wrapped keys when first opened by
    /// a user who may change it; until then its files are read as kept in clear, and new files are
    /// refused rather than stored in clear.
    private func addSealingIfMissing() throws {
        guard try !db.hasColumn("blobs", "wrapped_key") || !db.hasColumn("entries", "sealed_sha256") else { return }
        do {
            try db.beginCreate()
            if try !db.hasColumn("blobs", "wrapped_key") { try db.execute(StoreSchema.sealingColumn) }
            if try !db.hasColumn("entries", "sealed_sha256") { try db.execute(StoreSchema.sealedDigestColumn) }
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
        }
        canSeal = try db.hasColumn("blobs", "wrapped_key") && db.hasColumn("entries", "sealed_sha256")
        if try db.hasColumn("entries", "account"), try !db.hasColumn("entries", "sealed_sha256") {
            columns = Self.allColumns.replacingOccurrences(of: ", sealed_sha256", with: ", NULL")
        }
    }

    /// A store made before redaction gets the blob trigger that allows it when first opened by a
    /// user who may change its schema; until then redaction is refused by the old trigger.
    private func upgradeBlobTriggerIfOld() throws {
        do {
            try db.beginCreate()
            _ = try db.upgradeBlobTrigger()
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
        }
    }

    /// The log's origin (its name in every checkpoint) and the mark that checkpoints are kept.
    static func startLog(_ db: any SQLBackend) throws {
        var random = SystemRandomNumberGenerator()
        let suffix = (0..<8).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &random)) }.joined()
        let configured = ProcessInfo.processInfo.environment["UEA_SCREEN_STORE_ORIGIN"].flatMap { $0.isEmpty ? nil : $0 }
        if let configured, !SignedNote.isValidKeyName(configured) {
            throw StoreError.refused(
                "UEA_SCREEN_STORE_ORIGIN '\(configured)' is not a log origin; use a name without spaces or '+', such as provincie.example/uea-screen"
            )
        }
        try db.query("INSERT INTO meta VALUES ('tlog', $1)", [.text(tlogSchema)])
        try db.query("INSERT INTO meta VALUES ('origin', $1)", [.text(configured ?? "uea-screen.local/store/\(suffix)")])
    }

    /// The schema version in `meta`, nil when there is no `meta` table.
    private func schemaVersion() throws -> String? {
        guard try db.hasTable("meta") else { return nil }
        return try db.query("SELECT value FROM meta WHERE key = 'schema'", []).first?.first?.text ?? "unknown"
    }

    static func sourcesDigest(_ sources: [(role: String, path: String, sha256: String)]) -> String {
        SHA256.hex(
            sources.map { "\($0.role.utf8.count):\($0.role)\t\($0.path.utf8.count):\($0.path)\t\($0.sha256)" }.sorted().joined(
                separator: "\n"))
    }

    /// The digest of an entry's files as stored (its `sealedSHA256`): per file, once, in the order of
    /// their SHA-256, the file's SHA-256, that of the bytes kept (the ciphertext of a sealed file) and
    /// that of its wrapped key (`clear` for a file kept in clear). The chain hashes the plaintext's
    /// SHA-256 through `sourcesSHA256` and the ciphertext through this.
    static func sealedDigest(_ rows: [StoredRow]) -> String {
        var seen = Set<String>()
        let lines = rows.sorted { $0.sha256 < $1.sha256 }.filter { seen.insert($0.sha256).inserted }.map { row in
            "\(row.sha256) \(row.keptSHA256) \(row.wrappedKey.map { SHA256.hex(Data($0.utf8)) } ?? "clear")\n"
        }
        return SHA256.hex("uea-screen/sealed/1\n" + lines.joined())
    }

    /// A kept file as its entry's `sealedSHA256` covers it: the SHA-256 of the file, that of the bytes
    /// kept and the wrapped key (nil: kept in clear).
    struct StoredRow {
        var sha256: String
        var keptSHA256: String
        var wrappedKey: String?
    }

    /// Keeps `files` sealed (each once per SHA-256) and returns their digest as stored, for the entry
    /// that names them to hash (inside the write transaction, before the entry is inserted).
    func keepSealed(_ files: [StoredSource]) throws -> String? {
        guard !files.isEmpty else { return nil }
        var rows: [StoredRow] = []
        for file in files {
            // A file sealed now is hashed as it was written; one kept already is read as stored.
            if let row = try keepBlob(file.bytes, sha256: file.sha256, sealed: true) {
                rows.append(row)
                continue
            }
            guard let row = try storedFile(file.sha256) else { throw StoreError.database("file \(file.path) was not kept") }
            rows.append(StoredRow(sha256: file.sha256, keptSHA256: SHA256.hex(row.bytes), wrappedKey: row.wrappedKey))
        }
        return Self.sealedDigest(rows)
    }

    // ISO8601DateFormatter is thread-safe (Foundation formatters are, since macOS 10.9).
    nonisolated(unsafe) static let timestamp: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()

    /// Text that would be cut or changed on the way into a database is refused, not stored.
    static func checkText(_ fields: [(String, String?)]) throws {
        for (name, value) in fields where value?.utf8.contains(0) == true { throw StoreError.invalidText(field: name) }
    }

    public func append(_ dossier: Dossier, json: Data, by: String, reason: String?, now: Date = Date()) throws -> StoredEntry {
        try appendContent(
            kind: .dossier, tender: dossier.tender.id ?? "", bidderName: dossier.bidder.name,
            bidderKey: dossier.bidder.kvk ?? dossier.bidder.identifiers.first?.value ?? "", screenedAt: dossier.screenedAt,
            ruleData: dossier.ruleData.version, findings: dossier.findings, summary: dossier.summary, sourceFiles: dossier.sources,
            json: json, by: by, reason: reason, now: now)
    }

    public func appendTender(_ dossier: TenderDossier, json: Data, by: String, reason: String?, now: Date = Date()) throws -> StoredEntry {
        try appendContent(
            kind: .tender, tender: dossier.tender.id ?? "", bidderName: "", bidderKey: "", screenedAt: dossier.screenedAt,
            ruleData: dossier.ruleData.version, findings: dossier.findings, summary: dossier.summary, sourceFiles: dossier.sources,
            json: json, by: by, reason: reason, now: now)
    }

    public func latestTender(_ tender: String) throws -> (StoredEntry, Data?)? {
        try read {
            guard
                let row = try db.query(
                    "SELECT \(columns) FROM entries WHERE kind = 'tender' AND tender_id = $1 ORDER BY seq DESC LIMIT 1",
                    [.text(tender)]
                ).first
            else { return nil }
            let entry = Self.entry(row)
            guard try !isTombstoned(entry.id) else { return (entry, nil) }
            return (entry, try blob(entry.contentSHA256))
        }
    }

    /// A bidder's dossier or the tender's own dossier, with the bytes of its source files.
    private func appendContent(
        kind: EntryKind, tender: String, bidderName: String, bidderKey key: String, screenedAt: String, ruleData: String,
        findings: [Finding], summary: Dossier.Summary, sourceFiles: [SourceFile], json: Data, by: String, reason: String?,
        now: Date
    ) throws -> StoredEntry {
        // The bytes that were screened, as the screening read them; a file is never read again here.
        var sources: [StoredSource] = []
        for source in sourceFiles {
            guard let bytes = source.content else { throw StoreError.unreadableSource(path: source.path) }
            guard SHA256.hex(bytes) == source.sha256 else { throw StoreError.changedSource(path: source.path) }
            sources.append(StoredSource(role: source.role, path: source.path, sha256: source.sha256, bytes: bytes))
        }
        let checks = Array(Set(findings.map(\.check))).sorted()
        try Self.checkText(
            [
                ("tender id", tender), ("bidder name", bidderName), ("bidder number", key), ("--by", by), ("--reason", reason),
                ("screenedAt", screenedAt), ("rule data version", ruleData), ("check ids", checks.joined()),
            ]
                + sources.flatMap { [("source path", $0.path), ("source role", $0.role)] })
        return try write {
            let last = try db.query("SELECT seq, entry_hash, stored_at FROM entries ORDER BY seq DESC LIMIT 1", []).first
            try Self.checkNotBeforeHead(last?[2].text, now: now)
            let seq = Int(last?[0].integer ?? 0) + 1
            let previous = try db.query(
                "SELECT id FROM entries WHERE tender_id = $1 AND bidder_key = $2 AND bidder_name = $3 AND kind = $4 ORDER BY seq DESC LIMIT 1",
                [.text(tender), .text(key), .text(bidderName), .text(kind.rawValue)]
            ).first?.first?.text
            var entry = StoredEntry(
                seq: seq, id: UUID().uuidString.lowercased(), kind: kind, subject: nil,
                criminalData: findings.contains { $0.criminalData == true }, previousVersion: previous, tenderID: tender,
                bidderName: bidderName, bidderKey: key, screenedAt: screenedAt, storedAt: Self.timestamp.string(from: now),
                storedBy: by, reason: reason, outcome: summary.outcome, blocker: summary.blocker,
                attention: summary.attention, info: summary.info,
                checks: checks, ruleDataVersion: ruleData,
                contentSHA256: SHA256.hex(json), sourcesSHA256: Self.sourcesDigest(sources.map { ($0.role, $0.path, $0.sha256) }),
                prevHash: last?[1].text ?? Self.zeroHash, entryHash: "")
            entry.account = authenticatedAccount
            entry.sealedSHA256 = try keepSealed(sources)
            entry.entryHash = entry.computedHash
            try insert(entry)
            try keepBlob(json, sha256: entry.contentSHA256)
            for source in sources { try nameFile(role: source.role, path: source.path, sha256: source.sha256, of: seq) }
            return entry
        }
    }

    /// Stores `bytes` unless a file with this SHA-256 is already kept: a re-screen costs no space.
    /// A `sealed` file (a source or an attachment) is stored encrypted (`SealedFile`); a dossier's
    /// JSON and a registration, which hold no conviction text, are kept in clear.
    /// Returns the row as stored when it was stored now (nil: it was kept already).
    @discardableResult
    func keepBlob(_ bytes: Data, sha256: String, sealed: Bool = false) throws -> StoredRow? {
        guard try db.query("SELECT 1 FROM blobs WHERE sha256 = $1", [.text(sha256)]).isEmpty else { return nil }
        guard sealed else {
            try db.query("INSERT INTO blobs (sha256, bytes) VALUES ($1, $2)", [.text(sha256), .blob(bytes)])
            return StoredRow(sha256: sha256, keptSHA256: SHA256.hex(bytes), wrappedKey: nil)
        }
        guard canSeal else {
            throw StoreError.refused(
                "this store was made by an earlier release and cannot be changed by \(authenticatedAccount) to keep files encrypted; open it once as its owner"
            )
        }
        let file = try SealedFile.seal(bytes, sha256: sha256, storeKey: try storeKey(mayCreate: true))
        try db.query(
            "INSERT INTO blobs (sha256, bytes, wrapped_key) VALUES ($1, $2, $3)",
            [.text(sha256), .blob(file.bytes), .text(file.wrappedKey)])
        return StoredRow(sha256: sha256, keptSHA256: SHA256.hex(file.bytes), wrappedKey: file.wrappedKey)
    }

    /// A kept file's bytes by SHA-256 (inside a transaction or under the lock): nil when none is
    /// kept; a sealed file is opened with the store's data key, and one that does not open (changed
    /// in the database, or sealed under another key) is an error that says so.
    func blob(_ sha256: String) throws -> Data? { try storedFile(sha256).map { try opened($0, sha256: sha256) } }

    /// A kept file's row as stored: its bytes and, when sealed, its wrapped key (nil: none kept).
    func storedFile(_ sha256: String) throws -> (bytes: Data, wrappedKey: String?)? {
        try db.query("SELECT bytes, \(wrappedKeyColumn) FROM blobs WHERE sha256 = $1", [.text(sha256)]).first.map {
            ($0[0].data ?? Data(), $0[1].text)
        }
    }

    /// The bytes of a stored row, opened with the store's data key when sealed.
    func opened(_ row: (bytes: Data, wrappedKey: String?), sha256: String) throws -> Data {
        guard let wrappedKey = row.wrappedKey else { return row.bytes }
        guard
            let plain = SealedFile(bytes: row.bytes, wrappedKey: wrappedKey).open(
                sha256: sha256, storeKey: try storeKey(mayCreate: false))
        else {
            throw StoreError.refused(
                "the stored file \(sha256.prefix(16))… does not open with the store's data key: it was changed in the database or sealed under another key"
            )
        }
        return plain
    }

    /// The wrapped-key column as a query reads it (NULL in a read-only store of an earlier release).
    private var wrappedKeyColumn: String { canSeal ? "wrapped_key" : "NULL" }

    /// The store's data key (under the lock). The first sealing write makes it (`StoreDataKey`)
    /// and records its id; later a key whose id differs is refused, and a missing one named.
    func storeKey(mayCreate: Bool) throws -> SymmetricKey {
        if let dataKey { return dataKey }
        let origin = try meta("origin") ?? "uea-screen.local/store"
        let recorded = try meta("data_key")
        guard let (key, from) = try StoreDataKey.find(origin: origin, mayCreate: mayCreate && recorded == nil) else {
            throw StoreError.refused(
                "the store keeps its source files encrypted and its data key is not on this machine (looked at UEA_SCREEN_DATA_KEY and \(StoreDataKey.defaultPath(origin: origin))); ask the store's beheerder for it"
            )
        }
        let id = StoreDataKey.id(of: key)
        if let recorded {
            guard recorded == id else {
                throw StoreError.refused("\(from) holds data key \(id), not this store's (\(recorded)); nothing was read or stored")
            }
        } else {
            try db.query("INSERT INTO meta VALUES ('data_key', $1)", [.text(id)])
        }
        dataKey = key
        return key
    }

    func insert(_ entry: StoredEntry) throws {
        try db.query(
            """
            INSERT INTO entries (seq, id, kind, previous_version, tender_id, bidder_name, bidder_key, screened_at, stored_at, stored_by,
                reason, outcome, blocker, attention, info, checks, rule_data_version, content_sha256, sources_sha256, prev_hash, entry_hash,
                subject, criminal_data, decision, finding, finding_check, due, account, signer, signature, sealed_sha256)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27,
                $28, $29, $30, $31)
            """,
            [
                .integer(Int64(entry.seq)), .text(entry.id), .text(entry.kind.rawValue), entry.previousVersion.map { .text($0) } ?? .null,
                .text(entry.tenderID), .text(entry.bidderName), .text(entry.bidderKey), .text(entry.screenedAt), .text(entry.storedAt),
                .text(entry.storedBy), entry.reason.map { .text($0) } ?? .null, .text(entry.outcome.rawValue),
                .integer(Int64(entry.blocker)),
                .integer(Int64(entry.attention)), .integer(Int64(entry.info)), .text(entry.checks.joined(separator: ",")),
                .text(entry.ruleDataVersion), .text(entry.contentSHA256), .text(entry.sourcesSHA256), .text(entry.prevHash),
                .text(entry.entryHash), entry.subject.map { .text($0) } ?? .null, .integer(entry.criminalData ? 1 : 0),
                entry.decision.map { .text($0) } ?? .null, entry.finding.map { .text($0) } ?? .null,
                entry.findingCheck.map { .text($0) } ?? .null, entry.due.map { .text($0) } ?? .null,
                entry.account.map { .text($0) } ?? .null, entry.signer.map { .text($0) } ?? .null,
                entry.signature.map { .text($0) } ?? .null, entry.sealedSHA256.map { .text($0) } ?? .null,
            ])
    }

    /// Appends an award or tombstone entry about `subject` (inside the caller's write transaction).
    func appendMarker(kind: EntryKind, subject: StoredEntry, by: String, reason: String?, now: Date, finish: Bool = true) throws
        -> StoredEntry
    {
        let last = try db.query("SELECT seq, entry_hash, stored_at FROM entries ORDER BY seq DESC LIMIT 1", []).first
        try Self.checkNotBeforeHead(last?[2].text, now: now)
        var entry = subject
        entry.seq = Int(last?[0].integer ?? 0) + 1
        entry.id = UUID().uuidString.lowercased()
        entry.kind = kind
        entry.subject = subject.id
        entry.previousVersion = nil
        entry.storedAt = Self.timestamp.string(from: now)
        entry.storedBy = by
        entry.reason = reason
        entry.decision = nil
        entry.finding = nil
        entry.findingCheck = nil
        entry.due = nil
        entry.account = authenticatedAccount
        entry.signer = nil
        entry.signature = nil
        entry.sealedSHA256 = nil
        entry.prevHash = last?[1].text ?? Self.zeroHash
        entry.entryHash = entry.computedHash
        if finish { try insert(entry) }
        return entry
    }

    /// Time comes from the chain: an entry is never stored earlier than the chain's head (beyond the
    /// clock skew verify allows), so a clock set back cannot date an award, a decision or a purge
    /// before what the store already holds.
    static func checkNotBeforeHead(_ headStoredAt: String?, now: Date) throws {
        guard let headStoredAt, let head = timestamp.date(from: headStoredAt), now < head.addingTimeInterval(-clockSkew) else { return }
        throw StoreError.refused(
            "the system clock (\(timestamp.string(from: now))) is earlier than the store's latest entry (\(headStoredAt)); nothing was stored: an entry cannot be dated before the chain's head, check the clock"
        )
    }

    /// Runs `body` in a write transaction, rolling back on any error.
    func write<T>(_ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
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

    func read<T>(_ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        do { return try body() } catch let error as StoreError { throw error } catch { throw StoreError.database("\(error)") }
    }

    func resolveUnlocked(_ id: String) throws -> StoredEntry {
        let wanted = id.lowercased()
        guard wanted.count >= 8, wanted.allSatisfy({ "0123456789abcdef-".contains($0) }) else {
            throw StoreError.unknownID(id, candidates: [])
        }
        // A whole id is found by the unique index (export and review resolve thousands); a prefix, as
        // typed, by comparing every id's start.
        let rows =
            wanted.count == 36
            ? try db.query("SELECT \(columns) FROM entries WHERE id = $1", [.text(wanted)])
            : try db.query(
                "SELECT \(columns) FROM entries WHERE substr(id, 1, \(wanted.count)) = $1 ORDER BY seq LIMIT 11", [.text(wanted)])
        let found = rows.map(Self.entry)
        guard found.count == 1, let only = found.first else {
            throw StoreError.unknownID(id, candidates: found.prefix(10).map { "\($0.id) (\($0.kind.rawValue), \($0.bidderName))" })
        }
        return only
    }

    public func resolve(_ id: String) throws -> StoredEntry { try read { try resolveUnlocked(id) } }

    func isTombstoned(_ id: String) throws -> Bool {
        !(try db.query("SELECT 1 FROM entries WHERE kind = 'tombstone' AND subject = $1", [.text(id)]).isEmpty)
    }

    public func award(id: String, reason: String?, statement: AwardStatement, key: NoteSigner, now: Date = Date()) throws
        -> StoredEntry
    {
        try Self.checkText([("--reason", reason)])
        return try write {
            let subject = try resolveUnlocked(id)
            let actor = try actingMember(.award, key: key, tender: subject.tenderID)
            guard subject.kind == .dossier else {
                throw StoreError.refused("\(subject.id) is a \(subject.kind.rawValue) entry, not a dossier; award the bidder's dossier")
            }
            guard !subject.tenderID.isEmpty else {
                throw StoreError.refused(
                    "dossier \(subject.id) has no tender id (screened without a tender file); an award belongs to a tender")
            }
            guard try !isTombstoned(subject.id) else { throw StoreError.refused("dossier \(subject.id) was purged; it cannot be awarded") }
            if let cancelled = try cancellationUnlocked(of: subject.tenderID) {
                throw StoreError.refused(
                    "\(subject.tenderID) was cancelled in entry \(cancelled.seq) (\(cancelled.storedAt.prefix(10))); a cancelled tender is not awarded; nothing was recorded"
                )
            }
            let sameBidder: [SQLValue] = [.text(subject.tenderID), .text(subject.bidderKey), .text(subject.bidderName)]
            if let later = try db.query(
                "SELECT id FROM entries WHERE kind = 'dossier' AND tender_id = $1 AND bidder_key = $2 AND bidder_name = $3 AND seq > $4 ORDER BY seq DESC LIMIT 1",
                sameBidder + [.integer(Int64(subject.seq))]
            ).first?.first?.text {
                throw StoreError.refused(
                    "dossier \(subject.id) is superseded by \(later), a later screening of the same bidder in \(subject.tenderID); award the latest version"
                )
            }
            if let earlier = try db.query(
                "SELECT seq, id FROM entries WHERE kind = 'award' AND tender_id = $1 AND bidder_key = $2 AND bidder_name = $3 LIMIT 1",
                sameBidder
            ).first {
                throw StoreError.refused(
                    "\(subject.bidderName) was already awarded \(subject.tenderID) in entry \(earlier[0].integer ?? 0) (\(earlier[1].text ?? "")); an award is recorded once"
                )
            }
            try checkStatement(statement, awarding: subject)
            let bytes = try StableJSON.data(statement)
            let file = (role: AwardStatement.fileRole, path: AwardStatement.fileName, sha256: SHA256.hex(bytes))
            var entry = try appendMarker(kind: .award, subject: subject, by: actor.person.name, reason: reason, now: now, finish: false)
            entry.sourcesSHA256 = Self.sourcesDigest([file])
            try signAndInsert(&entry, signer: actor.entry, key: key)
            try keepFile(bytes, role: file.role, path: file.path, sha256: file.sha256, of: entry.seq, sealed: false)
            return entry
        }
    }

    /// Keeps a file of entry `seq` (a source, an attachment, a statement): its bytes once per SHA-256, and the entry's row naming it.
    func keepFile(_ bytes: Data, role: String, path: String, sha256: String, of seq: Int, sealed: Bool) throws {
        try keepBlob(bytes, sha256: sha256, sealed: sealed)
        try nameFile(role: role, path: path, sha256: sha256, of: seq)
    }

    /// The row naming a kept file as one of entry `seq`'s files.
    func nameFile(role: String, path: String, sha256: String, of seq: Int) throws {
        try db.query(
            "INSERT INTO entry_files (entry_seq, role, path, sha256) VALUES ($1, $2, $3, $4)",
            [.integer(Int64(seq)), .text(role), .text(path), .text(sha256)])
    }

    /// An award statement names the subject as winner and exactly the other bidders' latest dossiers
    /// of the tender: no bidder left out, none added, none from a superseded screening.
    private func checkStatement(_ statement: AwardStatement, awarding subject: StoredEntry) throws {
        var latest: [String: String] = [:]
        for row in try db.query(
            "SELECT bidder_key, bidder_name, id FROM entries WHERE kind = 'dossier' AND tender_id = $1 ORDER BY seq",
            [.text(subject.tenderID)])
        {
            latest[(row[0].text ?? "") + "\t" + (row[1].text ?? "")] = row[2].text ?? ""
        }
        let named = [statement.winner.dossier] + statement.others.map(\.dossier)
        guard statement.tender == subject.tenderID, statement.winner.dossier == subject.id, Set(named) == Set(latest.values),
            named.count == latest.count
        else {
            throw StoreError.refused(
                "the award statement does not name \(subject.bidderName) as winner and every other bidder's latest dossier of \(subject.tenderID) (\(latest.count) bidders); the dossiers changed while it was made: award again; nothing was recorded"
            )
        }
    }

    public func decide(
        id: String, finding: String, check: String, severity: Severity, decision: ReviewDecision, reason: String, due: String?,
        content: DecisionContent?, nameMatch: Bool, attachments: [StoredSource], key: NoteSigner, now: Date = Date()
    ) throws -> StoredEntry {
        guard !decision.isLegacy else {
            throw StoreError.refused(
                "'\(decision.rawValue)' is a word of earlier releases that can be read two ways; decide with one of \(ReviewDecision.current.map(\.rawValue).joined(separator: ", ")); nothing was recorded"
            )
        }
        try Self.checkText(
            [("--reason", reason), ("finding", finding), ("--due", due)] + attachments.map { ("attachment path", $0.path) })
        for file in attachments where SHA256.hex(file.bytes) != file.sha256 { throw StoreError.changedSource(path: file.path) }
        let today = String(Self.timestamp.string(from: now).prefix(10))
        if let due, due < today {
            throw StoreError.refused(
                "--due \(due) is before the decision (\(today)); the bidder must be given time to answer; nothing was recorded")
        }
        let content = content ?? DecisionContent()
        let problems = content.problems(for: decision, nameMatch: nameMatch, today: Day(today) ?? Day(year: 1, month: 1, day: 1))
        guard problems.isEmpty else { throw StoreError.refused(problems.joined(separator: "; ") + "; nothing was recorded") }
        try Self.checkText(Self.texts(of: content))
        var attachments = attachments
        if !content.isEmpty {
            let bytes = try StableJSON.data(content)
            attachments.append(
                StoredSource(role: DecisionContent.fileRole, path: DecisionContent.fileName, sha256: SHA256.hex(bytes), bytes: bytes))
        }
        return try write {
            let subject = try resolveUnlocked(id)
            guard subject.kind.holdsDossier else {
                throw StoreError.refused("\(subject.id) is a \(subject.kind.rawValue) entry, not a dossier; decide on the dossier")
            }
            guard try !isTombstoned(subject.id) else {
                throw StoreError.refused("dossier \(subject.id) was purged; no decision can be recorded on it")
            }
            guard try self.severity(of: finding, in: subject.id) == severity else {
                throw StoreError.refused(
                    "finding \(finding.prefix(8)) of dossier \(subject.id) is not of severity \(severity.rawValue); nothing was recorded")
            }
            let actor = try actingMember(.propose(decision, severity), key: key, tender: subject.tenderID)
            var entry = try appendMarker(kind: .decision, subject: subject, by: actor.person.name, reason: reason, now: now, finish: false)
            entry.decision = decision.rawValue
            entry.finding = finding
            entry.findingCheck = check
            entry.due = due
            entry.sourcesSHA256 = Self.sourcesDigest(attachments.map { ($0.role, $0.path, $0.sha256) })
            entry.sealedSHA256 = try keepSealed(attachments)
            try signAndInsert(&entry, signer: actor.entry, key: key)
            for file in attachments { try nameFile(role: file.role, path: file.path, sha256: file.sha256, of: entry.seq) }
            return entry
        }
    }

    /// The statements of a decision's content, named by their option, for the text checks every stored text passes.
    static func texts(of content: DecisionContent) -> [(String, String?)] {
        [
            ("--compensation", content.selfCleaning?.compensation), ("--cooperation", content.selfCleaning?.cooperation),
            ("--measures", content.selfCleaning?.measures), ("--proportionality", content.exclusion?.proportionality),
        ] + (content.identity.map { identity in identity.evidence.map { ("--" + $0.name, $0.text) } } ?? [])
    }

    public func decisions(about dossier: StoredEntry) throws -> [StoredEntry] {
        try read {
            try db.query(
                "SELECT \(columns) FROM entries WHERE kind IN ('decision', 'confirmation') AND tender_id = $1 AND bidder_key = $2 AND bidder_name = $3 ORDER BY seq",
                [.text(dossier.tenderID), .text(dossier.bidderKey), .text(dossier.bidderName)]
            ).map(Self.entry)
        }
    }

    static let allColumns = baseColumns + ", account, signer, signature, sealed_sha256"
    static let baseColumns = """
        seq, id, kind, previous_version, tender_id, bidder_name, bidder_key, screened_at, stored_at, stored_by, reason, outcome,
        blocker, attention, info, checks, rule_data_version, content_sha256, sources_sha256, prev_hash, entry_hash, subject, criminal_data,
        decision, finding, finding_check, due
        """

    static func entry(_ row: [SQLValue]) -> StoredEntry {
        var entry = StoredEntry(
            seq: Int(row[0].integer ?? 0), id: row[1].text ?? "", kind: EntryKind(rawValue: row[2].text ?? ""), subject: nil,
            criminalData: false,
            previousVersion: row[3].text,
            tenderID: row[4].text ?? "", bidderName: row[5].text ?? "", bidderKey: row[6].text ?? "", screenedAt: row[7].text ?? "",
            storedAt: row[8].text ?? "", storedBy: row[9].text ?? "", reason: row[10].text,
            outcome: Outcome(rawValue: row[11].text ?? "") ?? .blocker,
            blocker: Int(row[12].integer ?? 0), attention: Int(row[13].integer ?? 0), info: Int(row[14].integer ?? 0),
            checks: (row[15].text ?? "").split(separator: ",").map(String.init), ruleDataVersion: row[16].text ?? "",
            contentSHA256: row[17].text ?? "", sourcesSHA256: row[18].text ?? "", prevHash: row[19].text ?? "",
            entryHash: row[20].text ?? "")
        entry.subject = row[21].text
        entry.criminalData = (row[22].integer ?? 0) != 0
        entry.decision = row[23].text
        entry.finding = row[24].text
        entry.findingCheck = row[25].text
        entry.due = row[26].text
        if row.count > 29 {
            entry.account = row[27].text
            entry.signer = row[28].text
            entry.signature = row[29].text
        }
        if row.count > 30 { entry.sealedSHA256 = row[30].text }
        return entry
    }

    /// Every entry in order, `page` rows per query, each page read under the lock.
    func pages(_ body: (StoredEntry) throws -> Void) throws {
        var after: Int64 = 0
        while true {
            let rows = try read {
                try db.query("SELECT \(columns) FROM entries WHERE seq > $1 ORDER BY seq LIMIT \(Self.page)", [.integer(after)])
            }
            for row in rows { try body(Self.entry(row)) }
            guard rows.count == Self.page, let last = rows.last?[0].integer else { return }
            after = last
        }
    }

    public func forEachEntry(_ filter: StoreFilter, _ body: (StoredEntry) throws -> Void) throws {
        // What the filter compares, lower-cased once rather than once per entry.
        let tender = filter.tender?.lowercased()
        let bidder = filter.bidder?.lowercased()
        let digits = filter.bidder?.filter(\.isNumber) ?? ""
        try pages { entry in
            if !filter.includeMarkers && entry.kind != .dossier { return }
            if let tender, entry.tenderID.lowercased() != tender { return }
            if let bidder {
                let byKey = !digits.isEmpty && entry.bidderKey.filter(\.isNumber) == digits
                // The substring first: the caller's name matching costs more.
                let byName = entry.bidderName.lowercased().includes(bidder) || filter.bidderNameMatches?(entry.bidderName) == true
                if !(byKey || byName || entry.bidderKey.lowercased() == bidder) { return }
            }
            if let from = filter.from, entry.screenedAt.prefix(10) < from.prefix(10) { return }
            if let to = filter.to, entry.screenedAt.prefix(10) > to.prefix(10) { return }
            if let severity = filter.severity {
                let found =
                    switch severity {
                    case .blocker: entry.blocker
                    case .attention: entry.blocker + entry.attention
                    case .info: entry.blocker + entry.attention + entry.info
                    }
                if found == 0 { return }
            }
            if let check = filter.check, !entry.checks.contains(check) { return }
            try body(entry)
        }
    }

    public func content(id: String) throws -> (StoredEntry, Data?)? {
        try read {
            let entry = try resolveUnlocked(id)
            guard entry.kind.holdsDossier, try !isTombstoned(entry.id) else { return (entry, nil) }
            return (entry, try blob(entry.contentSHA256))
        }
    }

    public func sources(id: String) throws -> [StoredSource] {
        try read {
            let entry = try resolveUnlocked(id)
            if entry.criminalData { try checkMayReadCriminalData(entry) }
            return try filesUnlocked(entry).map {
                StoredSource(role: $0.role, path: $0.path, sha256: $0.sha256, bytes: try blob($0.sha256) ?? Data())
            }
        }
    }

    /// The files of a dossier with criminal-law data (and its decisions' attachments) are read only
    /// by a registered person whose role may (`Act.readCriminalData`); in a store without a team
    /// yet, the data key alone decides. The refusal names the account and what it holds.
    private func checkMayReadCriminalData(_ entry: StoredEntry) throws {
        let members = try membersUnlocked()
        guard !members.isEmpty else { return }
        let roles = members.first { $0.person.account == authenticatedAccount }?.person.roles ?? []
        guard Mandate.allows(roles, .readCriminalData) else {
            let holds = roles.isEmpty ? "is not a registered member of the team" : "holds \(roles.map(\.rawValue).joined(separator: ", "))"
            throw StoreError.refused(
                "the files of \(entry.bidderName.isEmpty ? "entry \(entry.seq)" : entry.bidderName)'s dossier hold criminal-law data; reading them needs \(Mandate.describe(.readCriminalData)) (domain §9b), and the account '\(authenticatedAccount)' \(holds); nothing was read"
            )
        }
    }

    public func fileList(id: String) throws -> [(role: String, path: String, sha256: String, kept: Bool)] {
        try read {
            try db.query(
                "SELECT f.role, f.path, f.sha256, b.sha256 FROM entry_files f LEFT JOIN blobs b ON b.sha256 = f.sha256 WHERE f.entry_seq = $1 ORDER BY f.role, f.path",
                [.integer(Int64(try resolveUnlocked(id).seq))]
            ).map { (role: $0[0].text ?? "", path: $0[1].text ?? "", sha256: $0[2].text ?? "", kept: $0[3].text != nil) }
        }
    }

    /// The files of `entry` that are still kept (a purged dossier's are gone).
    private func filesUnlocked(_ entry: StoredEntry) throws -> [(role: String, path: String, sha256: String)] {
        try db.query(
            "SELECT f.role, f.path, f.sha256 FROM entry_files f JOIN blobs b ON b.sha256 = f.sha256 WHERE f.entry_seq = $1 ORDER BY f.role, f.path",
            [.integer(Int64(entry.seq))]
        ).map { (role: $0[0].text ?? "", path: $0[1].text ?? "", sha256: $0[2].text ?? "") }
    }

    public func head() throws -> String {
        try read { try db.query("SELECT entry_hash FROM entries ORDER BY seq DESC LIMIT 1", []).first?.first?.text } ?? Self.zeroHash
    }

    /// Verifies the whole store in its phases (`ChainVerification`): protection, every entry in
    /// chain order, the access log, the report.
    public func verify(expectHead: String?, trust: CheckpointTrust) throws -> VerifyReport {
        var run = try ChainVerification(store: self, trust: trust)
        try pages { try run.check($0) }
        try accessLog { run.check($0) }
        return try run.report(expectHead: expectHead)
    }

    /// The entry a marker (award, tombstone, decision, confirmation) names as its subject.
    func subjectEntry(of marker: StoredEntry) throws -> StoredEntry? {
        guard let subject = marker.subject else { return nil }
        return try read { try db.query("SELECT \(columns) FROM entries WHERE id = $1", [.text(subject)]) }.first.map(Self.entry)
    }

    /// An award, cancellation, decision or tombstone names a dossier stored before it, of the same
    /// tender and bidder (all but an award may name the tender's own dossier).
    func subjectIsDossier(_ marker: StoredEntry) throws -> Bool {
        guard let dossier = try subjectEntry(of: marker) else { return false }
        let tenderAllowed = marker.kind != .award
        return (dossier.kind == .dossier || (dossier.kind == .tender && tenderAllowed)) && dossier.seq < marker.seq
            && dossier.tenderID == marker.tenderID
            && dossier.bidderName == marker.bidderName && dossier.bidderKey == marker.bidderKey
            && dossier.contentSHA256 == marker.contentSHA256
    }

    public func logAccess(by: String, action: String, target: String?) throws {
        let by = by.replacingOccurrences(of: "\0", with: "\u{FFFD}")
        let target = target?.replacingOccurrences(of: "\0", with: "\u{FFFD}")
        // Who is the authenticated account; a name the caller gives is kept beside it.
        let who = by == authenticatedAccount ? by : "\(by) (\(authenticatedAccount))"
        _ = try write {
            let last = try db.query("SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1", []).first
            var record = AccessRecord(
                seq: Int(last?[0].integer ?? 0) + 1, at: Self.timestamp.string(from: Date()), who: who, action: action, target: target,
                prevHash: last?[1].text ?? Self.zeroHash, hash: "")
            record.hash = record.computedHash
            try db.query(
                "INSERT INTO access_log (seq, at, who, action, target, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                [
                    .integer(Int64(record.seq)), .text(record.at), .text(record.who), .text(record.action),
                    record.target.map { .text($0) } ?? .null,
                    .text(record.prevHash), .text(record.hash),
                ])
        }
    }

    public func accessLog(_ body: (AccessRecord) throws -> Void) throws {
        var after: Int64 = 0
        while true {
            let rows = try read {
                try db.query(
                    "SELECT seq, at, who, action, target, prev_hash, hash FROM access_log WHERE seq > $1 ORDER BY seq LIMIT \(Self.page)",
                    [.integer(after)])
            }
            for row in rows {
                try body(
                    AccessRecord(
                        seq: Int(row[0].integer ?? 0), at: row[1].text ?? "", who: row[2].text ?? "", action: row[3].text ?? "",
                        target: row[4].text, prevHash: row[5].text ?? "", hash: row[6].text ?? ""))
            }
            guard rows.count == Self.page, let last = rows.last?[0].integer else { return }
            after = last
        }
    }
}
