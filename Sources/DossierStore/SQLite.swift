import CSQLite
import Foundation

/// A minimal owner of one SQLite connection: prepared statements, bound values, thrown errors.
/// Only this file touches SQLite pointers.
final class SQLiteDatabase {
    private let handle: OpaquePointer
    let path: String

    struct Error: Swift.Error, CustomStringConvertible {
        var path: String
        var message: String
        var code: Int32
        var description: String { "\(path): \(message)" }
    }

    enum Value { case text(String), integer(Int64), blob(Data), null }

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
    func query(_ sql: String, _ values: [Value] = []) throws -> [[Value]] {
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

extension SQLiteDatabase.Value {
    var text: String? { if case .text(let v) = self { return v }; if case .integer(let i) = self { return String(i) }; return nil }
    var integer: Int64? { if case .integer(let v) = self { return v }; return nil }
    var data: Data? { if case .blob(let v) = self { return v }; if case .text(let t) = self { return Data(t.utf8) }; return nil }
}
