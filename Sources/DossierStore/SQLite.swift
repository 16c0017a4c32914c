import CSQLite
import DossierModel
import Foundation

/// A value bound to or read from a SQL statement, for both backends.
enum SQLValue {
    case text(String)
    case integer(Int64)
    case blob(Data)
    case null
}

extension SQLValue {
    var text: String? {
        if case .text(let v) = self { return v }
        if case .integer(let i) = self { return String(i) }
        return nil
    }
    var integer: Int64? {
        if case .integer(let v) = self { return v }
        if case .text(let t) = self { return Int64(t) }
        return nil
    }
    var data: Data? {
        if case .blob(let v) = self { return v }
        if case .text(let t) = self { return Data(t.utf8) }
        return nil
    }
}

/// What the chained store needs from a database: statements with $1… parameters (SQLite binds
/// them by position too), a write transaction that serialises writers, and its own schema.
protocol SQLBackend: AnyObject {
    var location: String { get }
    func execute(_ sql: String) throws
    @discardableResult func query(_ sql: String, _ values: [SQLValue]) throws -> [[SQLValue]]
    /// Starts a transaction no other writer can interleave with.
    func beginWrite() throws
    /// Starts the transaction that creates the schema; concurrent creators wait for it.
    func beginCreate() throws
    /// Whether a table of this name exists (read without changing the database).
    func hasTable(_ name: String) throws -> Bool
    /// Whether `table` has a column of this name.
    func hasColumn(_ table: String, _ column: String) throws -> Bool
    /// The account the operating system (SQLite: the effective user) or the database server
    /// (PostgreSQL: `current_user`) authenticated; never a name the caller chose.
    func authenticatedAccount() throws -> String
    /// Whether the database holds no tables at all (a new store may be created in it).
    func isEmpty() throws -> Bool
    /// Settings that may be applied once the database is known to be a store.
    func opened() throws
    /// The CREATE statements of this dialect.
    var schemaSQL: String { get }
    /// The checkpoints table and its triggers, for a store made before it existed.
    var checkpointsSQL: String { get }
    /// The triggers that make the store append-only, and those present and enabled.
    var requiredTriggers: [String] { get }
    /// What is wrong with the triggers present (a missing or disabled one, or one whose
    /// definition or function body is not the one uea-screen wrote), one line each.
    func triggerProblems(required: [String]) throws -> [String]
    /// Replaces the blob-delete trigger of a release before redaction with the current one (inside
    /// the caller's transaction); true when it did. Any other text is left for verify to report.
    func upgradeBlobTrigger() throws -> Bool
    /// Whether the account that opened the database could switch the protection off (owner,
    /// superuser, or an SQLite file it may write), said with the result of verify.
    func canBypassTriggers() throws -> String?
}

/// The tables of a store, the same in both dialects but for the integer and binary types.
/// Files (dossier JSON and source files) are kept once per SHA-256 in `blobs`.
enum StoreSchema {
    static let tables = ["meta", "entries", "entry_files", "blobs", "access_log", "checkpoints"]

    static func tables(integer: String, blob: String) -> String {
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE entries (
            seq \(integer) PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, subject TEXT, criminal_data \(integer) NOT NULL,
            previous_version TEXT, tender_id TEXT NOT NULL, bidder_name TEXT NOT NULL, bidder_key TEXT NOT NULL,
            screened_at TEXT NOT NULL, stored_at TEXT NOT NULL, stored_by TEXT NOT NULL, reason TEXT,
            outcome TEXT NOT NULL, blocker \(integer) NOT NULL, attention \(integer) NOT NULL, info \(integer) NOT NULL,
            checks TEXT NOT NULL, rule_data_version TEXT NOT NULL,
            content_sha256 TEXT NOT NULL, sources_sha256 TEXT NOT NULL,
            prev_hash TEXT NOT NULL, entry_hash TEXT NOT NULL,
            decision TEXT, finding TEXT, finding_check TEXT, due TEXT, account TEXT, signer TEXT, signature TEXT,
            sealed_sha256 TEXT);
        CREATE INDEX entries_tender ON entries (tender_id);
        CREATE INDEX entries_bidder ON entries (bidder_key, bidder_name);
        CREATE INDEX entries_subject ON entries (subject);
        CREATE INDEX entries_content ON entries (content_sha256);
        CREATE INDEX entries_hash ON entries (entry_hash);
        CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, bytes \(blob) NOT NULL, wrapped_key TEXT);
        CREATE TABLE entry_files (entry_seq \(integer) NOT NULL REFERENCES entries(seq), role TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL);
        CREATE INDEX entry_files_seq ON entry_files (entry_seq);
        CREATE INDEX entry_files_sha ON entry_files (sha256);
        CREATE TABLE access_log (seq \(integer) PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL, target TEXT,
            prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
        \(checkpoints(integer: integer))
        """
    }

    /// The column of sealed files (the file's key, wrapped by the store's data key; NULL: kept in
    /// clear), for a store made before them.
    static let sealingColumn = "ALTER TABLE blobs ADD COLUMN wrapped_key TEXT"

    /// The column of an entry's digest of its sealed files as stored, for a store made before it.
    static let sealedDigestColumn = "ALTER TABLE entries ADD COLUMN sealed_sha256 TEXT"

    /// The columns added with accounts and signed decisions, for a store made before them.
    static let accountColumns = """
        ALTER TABLE entries ADD COLUMN account TEXT;
        ALTER TABLE entries ADD COLUMN signer TEXT;
        ALTER TABLE entries ADD COLUMN signature TEXT;
        """

    /// Signed checkpoints of the transparency log over the entries and the access log, each with
    /// the right edge of both trees, so the next one hashes only what was added since.
    static func checkpoints(integer: String) -> String {
        """
        CREATE TABLE checkpoints (seq \(integer) PRIMARY KEY, size \(integer) NOT NULL, access_size \(integer) NOT NULL,
            frontier TEXT NOT NULL, access_frontier TEXT NOT NULL, note TEXT NOT NULL);

        """
    }

    /// SQL as compared by verify: whitespace runs as one space, no trailing semicolon.
    static func normalised(_ sql: String) -> String {
        sql.split(whereSeparator: \.isWhitespace).joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: "; "))
    }

    /// A file may be deleted only when every entry that uses it is forgotten: its dossier has a
    /// tombstone (purge), or, for a source file or a decision's attachment (not the dossier's
    /// content), a redaction (a non-winner's criminal-law details after the standstill). An award's
    /// statement goes with the winner's tombstone.
    static let blobInUse = """
        EXISTS (SELECT 1 FROM entries e WHERE e.kind IN ('dossier', 'tender', 'decision', 'award')
          AND NOT EXISTS (SELECT 1 FROM entries t WHERE t.kind = 'tombstone' AND t.subject = (CASE WHEN e.kind IN ('decision', 'award') THEN e.subject ELSE e.id END))
          AND ((e.kind IN ('dossier', 'tender') AND e.content_sha256 = OLD.sha256)
            OR (EXISTS (SELECT 1 FROM entry_files f WHERE f.entry_seq = e.seq AND f.sha256 = OLD.sha256)
              AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.kind = 'redaction' AND r.subject = (CASE WHEN e.kind IN ('decision', 'award') THEN e.subject ELSE e.id END)))))
        """

    /// The condition of the releases before redaction: a store still holding it is upgraded by its
    /// owner's next write, and verify accepts it meanwhile.
    static let blobInUseBeforeRedaction = """
        EXISTS (SELECT 1 FROM entries e WHERE e.kind IN ('dossier', 'tender', 'decision')
          AND ((e.kind IN ('dossier', 'tender') AND e.content_sha256 = OLD.sha256) OR EXISTS (SELECT 1 FROM entry_files f WHERE f.entry_seq = e.seq AND f.sha256 = OLD.sha256))
          AND NOT EXISTS (SELECT 1 FROM entries t WHERE t.kind = 'tombstone' AND t.subject = (CASE WHEN e.kind = 'decision' THEN e.subject ELSE e.id END)))
        """
}

/// A minimal owner of one SQLite connection: prepared statements, bound values, thrown errors.
/// Only this file touches SQLite pointers.
final class SQLiteDatabase: SQLBackend {
    private let handle: OpaquePointer
    let path: String

    struct Error: Swift.Error, CustomStringConvertible {
        var path: String
        var message: String
        var code: Int32
        var description: String { "\(path): \(message)" }
    }

    typealias Value = SQLValue
    var location: String { path }

    func beginWrite() throws { try execute("BEGIN IMMEDIATE") }
    func beginCreate() throws { try execute("BEGIN IMMEDIATE") }

    func hasTable(_ name: String) throws -> Bool {
        !(try query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1", [.text(name)]).isEmpty)
    }

    func isEmpty() throws -> Bool { try query("SELECT count(*) FROM sqlite_master", []).first?.first?.integer == 0 }

    func hasColumn(_ table: String, _ column: String) throws -> Bool {
        !(try query("SELECT 1 FROM pragma_table_info($1) WHERE name = $2", [.text(table), .text(column)]).isEmpty)
    }

    /// The effective user's name from the password database (`uid-N` for a user without an entry).
    func authenticatedAccount() throws -> String {
        let uid = geteuid()
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid-\(uid)"
    }

    func opened() throws {
        try execute(
            readOnly
                ? "PRAGMA foreign_keys=ON;"
                : "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;")
    }

    /// A path inside a `file:` URI: the characters that end or escape a URI path, percent-encoded.
    static func uriEscaped(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"), 0..<0x21, 0x7F...: result += String(format: "%%%02X", byte)
            default: result.unicodeScalars.append(UnicodeScalar(byte))
            }
        }
        return result
    }

    var requiredTriggers: [String] {
        StoreSchema.tables.flatMap { table in
            table == "blobs" ? ["blobs_no_update", "blobs_delete_unused_only"] : ["\(table)_no_update", "\(table)_no_delete"]
        }
    }

    func triggerProblems(required: [String]) throws -> [String] {
        var present: [String: String] = [:]
        for row in try query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'", []) {
            if let name = row[0].text { present[name] = row[1].text ?? "" }
        }
        var expected: [String: Set<String>] = [:]
        for table in StoreSchema.tables {
            for condition in [StoreSchema.blobInUse, StoreSchema.blobInUseBeforeRedaction] {
                for statement in triggerSQL(table, blobInUse: condition).components(separatedBy: "END;\n") where !statement.isEmpty {
                    let name = statement.split(separator: " ")[2]
                    expected[String(name), default: []].insert(StoreSchema.normalised(statement + "END"))
                }
            }
        }
        return required.compactMap { name in
            guard let sql = present[name] else { return "append-only trigger \(name) is missing or disabled" }
            guard let wanted = expected[name], wanted.contains(StoreSchema.normalised(sql)) else {
                return "append-only trigger \(name) is not the one uea-screen created (its body was replaced)"
            }
            return nil
        }
    }

    func canBypassTriggers() throws -> String? {
        readOnly
            ? nil
            : "this account may write the store file and could therefore drop its triggers; only a checkpoint kept outside the store (--expect-checkpoint) proves nothing it covers was changed"
    }

    var schemaSQL: String { StoreSchema.tables(integer: "INTEGER", blob: "BLOB") + StoreSchema.tables.map(triggerSQL).joined() }

    var checkpointsSQL: String { StoreSchema.checkpoints(integer: "INTEGER") + triggerSQL("checkpoints") }

    func triggerSQL(_ table: String) -> String { triggerSQL(table, blobInUse: StoreSchema.blobInUse) }

    func upgradeBlobTrigger() throws -> Bool {
        guard
            let sql = try query("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'blobs_delete_unused_only'", []).first?
                .first?.text,
            StoreSchema.normalised(sql) == StoreSchema.normalised(blobDeleteTrigger(StoreSchema.blobInUseBeforeRedaction))
        else { return false }
        try execute("DROP TRIGGER blobs_delete_unused_only;\n" + blobDeleteTrigger(StoreSchema.blobInUse))
        return true
    }

    private static let refuse = "BEGIN SELECT RAISE(ABORT, 'the dossier store is append-only'); END;\n"

    func blobDeleteTrigger(_ condition: String) -> String {
        "CREATE TRIGGER blobs_delete_unused_only BEFORE DELETE ON blobs WHEN \(condition) " + Self.refuse
    }

    func triggerSQL(_ table: String, blobInUse: String) -> String {
        let refuse = Self.refuse
        var sql = "CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table) " + refuse
        if table == "blobs" {
            sql += "CREATE TRIGGER blobs_delete_unused_only BEFORE DELETE ON blobs WHEN \(blobInUse) " + refuse
        } else {
            sql += "CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table) " + refuse
        }
        return sql
    }

    /// Opened read-only: the file cannot be written by this user (an auditor's copy). Reading and
    /// verifying work; anything that writes, the access log included, fails with SQLite's
    /// "attempt to write a readonly database".
    let readOnly: Bool

    init(path: String, create: Bool) throws {
        var db: OpaquePointer?
        readOnly = !create && access(path, W_OK) != 0
        var flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_FULLMUTEX
        var name = path
        if readOnly {
            flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX
            // A WAL database needs its -shm file; in a folder this user cannot write, and with no
            // -wal file left behind (everything checkpointed), the file is opened as immutable.
            let folder = PathText.parent(path) ?? "/"
            if access(folder, W_OK) != 0 && access(path + "-wal", F_OK) != 0 {
                flags |= SQLITE_OPEN_URI
                name = "file:" + Self.uriEscaped(path) + "?immutable=1"
            }
        }
        let status = sqlite3_open_v2(name, &db, flags, nil)
        guard status == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let db { sqlite3_close(db) }
            throw Error(path: path, message: message, code: status)
        }
        handle = db
        self.path = path
        sqlite3_busy_timeout(handle, 30_000)  // concurrent writers wait instead of failing
    }

    deinit { sqlite3_close(handle) }

    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &message)
        if status != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw Error(path: path, message: text, code: status)
        }
    }

    /// Runs `sql` with `values` bound to ?1, ?2, … and returns every row. SQLite numbers `$1`-style
    /// parameters in the order they first appear: write them in ascending order.
    @discardableResult
    func query(_ sql: String, _ values: [Value]) throws -> [[Value]] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw Error(path: path, message: String(cString: sqlite3_errmsg(handle)), code: sqlite3_errcode(handle))
        }
        defer { sqlite3_finalize(statement) }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .text(let text): _ = uea_sqlite_bind_text(statement, index, text)
            case .integer(let number): sqlite3_bind_int64(statement, index, number)
            case .blob(let data): _ = data.withUnsafeBytes { uea_sqlite_bind_blob(statement, index, $0.baseAddress, Int32(data.count)) }
            case .null: sqlite3_bind_null(statement, index)
            }
        }
        var rows: [[Value]] = []
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else {
                throw Error(path: path, message: String(cString: sqlite3_errmsg(handle)), code: status)
            }
            var row: [Value] = []
            for column in 0..<sqlite3_column_count(statement) {
                switch sqlite3_column_type(statement, column) {
                case SQLITE_INTEGER: row.append(.integer(sqlite3_column_int64(statement, column)))
                case SQLITE_NULL: row.append(.null)
                case SQLITE_BLOB:
                    let count = Int(sqlite3_column_bytes(statement, column))
                    row.append(.blob(count == 0 ? Data() : Data(bytes: sqlite3_column_blob(statement, column), count: count)))
                default: row.append(.text(String(cString: sqlite3_column_text(statement, column))))
                }
            }
            rows.append(row)
        }
        return rows
    }
}

/// The embedded store: one SQLite file in WAL mode, private to its owner (0600 in a 0700 folder:
/// dossiers hold criminal-law data); concurrent writers queue on SQLite's lock.
public final class SQLiteDossierStore: ChainedDossierStore, @unchecked Sendable {
    public let path: String

    public init(path: String, create: Bool) throws {
        self.path = path
        var status = stat()
        let exists = stat(path, &status) == 0
        if !exists && !create { throw StoreError.notAStore(path: path, reason: "no such file") }
        if exists {
            // A file that is not SQLite is refused before SQLite opens (and could change) it.
            if status.st_size > 0 {
                guard let handle = FileHandle(forReadingAtPath: path) else { throw StoreError.database("\(path): cannot be read") }
                let header = (try? handle.read(upToCount: 16)) ?? nil
                try? handle.close()
                guard header == Data("SQLite format 3\0".utf8) else {
                    throw StoreError.notAStore(path: path, reason: "not an SQLite database")
                }
            }
        } else {
            if let folder = PathText.parent(path), folder != "." {
                do {
                    try FileManager.default.createDirectory(
                        atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                } catch {
                    throw StoreError.database("\(folder): cannot create the store's folder (\(error.localizedDescription))")
                }
            }
            // Created private before SQLite opens it; its -wal and -shm files take the same mode.
            let descriptor = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else {
                throw StoreError.database("\(path): cannot create the store (\(String(cString: strerror(errno))))")
            }
            close(descriptor)
        }
        do {
            try super.init(db: try SQLiteDatabase(path: path, create: create), create: create)
        } catch let error as SQLiteDatabase.Error {
            throw error.code == 26
                ? StoreError.notAStore(path: path, reason: "not an SQLite database") : StoreError.database(error.description)
        } catch let error as StoreError {
            if case .notAStore(_, let reason) = error, reason.hasPrefix("a database without") {
                throw StoreError.notAStore(path: path, reason: "an SQLite database without the uea-screen schema")
            }
            throw error
        }
    }
}
