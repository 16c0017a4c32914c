import CSQLite
import Foundation

/// A value bound to or read from a SQL statement, for both backends.
enum SQLValue { case text(String), integer(Int64), blob(Data), null }

extension SQLValue {
    var text: String? { if case .text(let v) = self { return v }; if case .integer(let i) = self { return String(i) }; return nil }
    var integer: Int64? { if case .integer(let v) = self { return v }; if case .text(let t) = self { return Int64(t) }; return nil }
    var data: Data? { if case .blob(let v) = self { return v }; if case .text(let t) = self { return Data(t.utf8) }; return nil }
}

/// What the chained store needs from a database: statements with $1… parameters (SQLite binds
/// them by position too), a write transaction that serialises writers, and its own schema.
protocol SQLBackend: AnyObject {
    var location: String { get }
    func execute(_ sql: String) throws
    @discardableResult func query(_ sql: String, _ values: [SQLValue]) throws -> [[SQLValue]]
    /// Starts a transaction no other writer can interleave with.
    func beginWrite() throws
    /// The CREATE statements of this dialect.
    var schemaSQL: String { get }
}

/// The tables of a store, the same in both dialects but for the integer and binary types.
enum StoreSchema {
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
            prev_hash TEXT NOT NULL, entry_hash TEXT NOT NULL);
        CREATE INDEX entries_tender ON entries (tender_id);
        CREATE INDEX entries_bidder ON entries (bidder_key, bidder_name);
        CREATE TABLE sources (entry_seq \(integer) NOT NULL REFERENCES entries(seq), role TEXT NOT NULL, path TEXT NOT NULL,
            sha256 TEXT NOT NULL, bytes \(blob) NOT NULL);
        CREATE TABLE contents (entry_seq \(integer) PRIMARY KEY REFERENCES entries(seq), content \(blob) NOT NULL);
        CREATE TABLE access_log (at TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL, target TEXT);

        """
    }
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

    var schemaSQL: String {
        StoreSchema.tables(integer: "INTEGER", blob: "BLOB") + """
        CREATE TRIGGER entries_append_only_update BEFORE UPDATE ON entries BEGIN SELECT RAISE(ABORT, 'the dossier store is append-only'); END;
        CREATE TRIGGER entries_append_only_delete BEFORE DELETE ON entries BEGIN SELECT RAISE(ABORT, 'the dossier store is append-only'); END;
        CREATE TRIGGER sources_append_only_update BEFORE UPDATE ON sources BEGIN SELECT RAISE(ABORT, 'the dossier store is append-only'); END;
        CREATE TRIGGER contents_append_only_update BEFORE UPDATE ON contents BEGIN SELECT RAISE(ABORT, 'the dossier store is append-only'); END;
        """
    }

    init(path: String, create: Bool) throws {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_FULLMUTEX
        let status = sqlite3_open_v2(path, &db, flags, nil)
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

    /// Runs `sql` with `values` bound to ?1, ?2, … and returns every row.
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

