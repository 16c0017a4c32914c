import CLibPQ
import DossierModel
import Foundation

/// One PostgreSQL connection through libpq: parameterised statements ($1…), bytea as binary
/// parameters and hex results. Only this file touches libpq pointers.
final class PostgresDatabase: SQLBackend {
    private let connection: OpaquePointer
    let location: String
    private let secrets: [String]

    struct Error: Swift.Error, CustomStringConvertible {
        var location: String
        var message: String
        var description: String { "\(location): \(message)" }
    }

    /// libpq, opened on first use (see CLibPQ/shim.h).
    private static let library: Result<uea_libpq, Error> = {
        var api = uea_libpq()
        if let problem = uea_libpq_load(&api) {
            return .failure(
                Error(
                    location: "libpq",
                    message: "PostgreSQL stores need the libpq library (Debian: apt install libpq5): \(String(cString: problem))"))
        }
        return .success(api)
    }()
    private let pq: uea_libpq

    init(url: String) throws {
        location = Self.redacted(url)
        secrets = Self.secrets(in: url)
        pq = try Self.library.get()
        guard let connection = pq.connectdb(url) else { throw Error(location: location, message: "cannot allocate a connection") }
        guard pq.status(connection) == CONNECTION_OK else {
            var message = Self.string(pq.errorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines)
            message = Self.redactParameters(message)
            for secret in secrets.sorted(by: { $0.count > $1.count }) { message = message.replacingOccurrences(of: secret, with: "***") }
            pq.finish(connection)
            throw Error(location: location, message: message)
        }
        self.connection = connection
        _ = try query("SET client_min_messages TO warning", [])
    }

    deinit { pq.finish(connection) }

    /// A string libpq owns (may be NULL through the dlsym'd pointers, which lose nullability).
    private static func string(_ pointer: UnsafePointer<CChar>?) -> String { pointer.map { String(cString: $0) } ?? "" }

    /// The URL without its password, for messages: in the user part (`user:secret@`) and as a
    /// `password=` parameter, also when the URL cannot be parsed (a bad percent escape).
    static func redacted(_ url: String) -> String {
        var text = url
        if let scheme = text.range(of: "://") {
            let rest = text[scheme.upperBound...]
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
                text.replaceSubrange(rest.index(after: colon)..<at, with: "***")
            }
        }
        return redactParameters(text)
    }

    /// `password=…` in a query string or a libpq key/value string.
    static func redactParameters(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: "password=", options: .caseInsensitive) {
            out += rest[..<range.upperBound] + "***"
            rest = rest[range.upperBound...]
            let end = rest.firstIndex { $0 == "&" || $0 == " " || $0 == "\"" || $0 == "'" || $0 == "\n" } ?? rest.endIndex
            rest = rest[end...]
        }
        return out + rest
    }

    /// The passwords `url` carries, as written and percent-decoded: removed from every message libpq returns.
    static func secrets(in url: String) -> [String] {
        var found: [String] = []
        if let scheme = url.range(of: "://") {
            let rest = url[scheme.upperBound...]
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
                found.append(String(rest[rest.index(after: colon)..<at]))
            }
        }
        var rest = Substring(url)
        while let range = rest.range(of: "password=", options: .caseInsensitive) {
            rest = rest[range.upperBound...]
            let end = rest.firstIndex { $0 == "&" || $0 == " " } ?? rest.endIndex
            found.append(String(rest[..<end]))
        }
        found += found.compactMap { $0.removingPercentEncoding }
        return found.filter { $0.count >= 1 }
    }

    /// A libpq message with any password removed (libpq quotes bad URL parts, which may be one).
    func clean(_ message: String) -> String {
        var text = Self.redactParameters(message)
        for secret in secrets.sorted(by: { $0.count > $1.count }) { text = text.replacingOccurrences(of: secret, with: "***") }
        return text
    }

    func execute(_ sql: String) throws {
        guard let result = pq.exec(connection, sql) else { throw Error(location: location, message: "no result") }
        defer { pq.clear(result) }
        let status = pq.resultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            throw Error(
                location: location,
                message: clean(Self.string(pq.resultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)))
        }
    }

    func query(_ sql: String, _ values: [SQLValue]) throws -> [[SQLValue]] {
        // Parameters: text for text and numbers, binary for bytea.
        var buffers: [[CChar]] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        var isNull: [Bool] = []
        for value in values {
            switch value {
            case .text(let text):
                buffers.append(Array(text.utf8CString))
                lengths.append(0)
                formats.append(0)
                isNull.append(false)
            case .integer(let number):
                buffers.append(Array(String(number).utf8CString))
                lengths.append(0)
                formats.append(0)
                isNull.append(false)
            case .blob(let data):
                buffers.append(data.map { CChar(bitPattern: $0) } + [0])
                lengths.append(Int32(data.count))
                formats.append(1)
                isNull.append(false)
            case .null:
                buffers.append([0])
                lengths.append(0)
                formats.append(0)
                isNull.append(true)
            }
        }
        let result: OpaquePointer? = try withPointers(buffers) { pointers in
            let params: [UnsafePointer<CChar>?] = pointers.enumerated().map { isNull[$0.offset] ? nil : $0.element }
            return pq.execParams(connection, sql, Int32(values.count), nil, params, lengths, formats, 0)
        }
        guard let result else { throw Error(location: location, message: "no result") }
        defer { pq.clear(result) }
        let status = pq.resultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            throw Error(
                location: location,
                message: clean(Self.string(pq.resultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        var rows: [[SQLValue]] = []
        for row in 0..<pq.ntuples(result) {
            var values: [SQLValue] = []
            for column in 0..<pq.nfields(result) {
                if pq.getisnull(result, row, column) != 0 {
                    values.append(.null)
                    continue
                }
                let text = Self.string(pq.getvalue(result, row, column))
                switch pq.ftype(result, column) {
                case 17: values.append(.blob(Self.decodeHex(text)))  // bytea, hex output
                case 20, 21, 23: values.append(.integer(Int64(text) ?? 0))
                default: values.append(.text(text))
                }
            }
            rows.append(values)
        }
        return rows
    }

    private func withPointers<R>(_ buffers: [[CChar]], _ body: ([UnsafePointer<CChar>]) throws -> R) throws -> R {
        var pointers: [UnsafePointer<CChar>] = []
        func recurse(_ index: Int) throws -> R {
            if index == buffers.count { return try body(pointers) }
            return try buffers[index].withUnsafeBufferPointer { buffer in
                pointers.append(buffer.baseAddress!)
                return try recurse(index + 1)
            }
        }
        return try recurse(0)
    }

    static func decodeHex(_ text: String) -> Data {
        let bytes = Array(text.utf8.dropFirst(2))  // "\x"
        var data = Data(capacity: bytes.count / 2)
        func nibble(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : (c | 0x20) - 87 }
        var index = 0
        while index + 1 < bytes.count {
            data.append(nibble(bytes[index]) << 4 | nibble(bytes[index + 1]))
            index += 2
        }
        return data
    }

    func beginWrite() throws {
        // EXCLUSIVE blocks other writers (and their seq numbers) but not readers.
        try execute("BEGIN; LOCK TABLE entries IN EXCLUSIVE MODE")
    }

    func beginCreate() throws {
        // Before the tables exist there is nothing to lock: creators queue on an advisory lock.
        try execute("BEGIN; SELECT pg_advisory_xact_lock(7242360121)")
    }

    func hasTable(_ name: String) throws -> Bool {
        !(try query("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1", [.text(name)])
            .isEmpty)
    }

    func isEmpty() throws -> Bool {
        try query("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()", []).first?.first?.integer == 0
    }

    func opened() throws {}

    func hasColumn(_ table: String, _ column: String) throws -> Bool {
        !(try query(
            "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2",
            [.text(table), .text(column)]
        ).isEmpty)
    }

    func authenticatedAccount() throws -> String {
        guard let name = try query("SELECT current_user", []).first?.first?.text else {
            throw StoreError.database("the server did not say which role this connection has")
        }
        return name
    }

    var requiredTriggers: [String] {
        StoreSchema.tables.flatMap { ["\($0)_append_only", "\($0)_no_truncate"] }
    }

    /// The trigger functions as uea-screen creates them: verify compares the stored bodies.
    static let appendOnlyBody = " BEGIN RAISE EXCEPTION 'the dossier store is append-only'; END "
    static let blobDeleteBody = blobDeleteBody(StoreSchema.blobInUse)
    static func blobDeleteBody(_ condition: String) -> String {
        """

            BEGIN
                IF TG_OP = 'UPDATE' OR \(condition) THEN RAISE EXCEPTION 'the dossier store is append-only'; END IF;
                RETURN OLD;
            END 
        """
    }

    func upgradeBlobTrigger() throws -> Bool {
        guard
            let body = try query(
                "SELECT prosrc FROM pg_proc WHERE proname = 'uea_blob_delete' AND pronamespace = current_schema()::regnamespace", []
            ).first?.first?.text,
            StoreSchema.normalised(body) == StoreSchema.normalised(Self.blobDeleteBody(StoreSchema.blobInUseBeforeRedaction))
        else { return false }
        try execute("CREATE OR REPLACE FUNCTION uea_blob_delete() RETURNS trigger LANGUAGE plpgsql AS $f$\(Self.blobDeleteBody)$f$")
        return true
    }

    func triggerProblems(required: [String]) throws -> [String] {
        // A disabled trigger ('D') protects nothing: it counts as missing.
        var present: [String: (table: String, function: String, type: Int64, body: String)] = [:]
        for row in try query(
            """
            SELECT t.tgname, c.relname, p.proname, t.tgtype, p.prosrc FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND c.relnamespace = current_schema()::regnamespace
            """, [])
        {
            guard let name = row[0].text else { continue }
            present[name] = (row[1].text ?? "", row[2].text ?? "", row[3].integer ?? 0, row[4].text ?? "")
        }
        return required.compactMap { name in
            guard let found = present[name] else { return "append-only trigger \(name) is missing or disabled" }
            let truncate = name.hasSuffix("_no_truncate")
            let table = String(name.dropLast(truncate ? "_no_truncate".count : "_append_only".count))
            let function = table == "blobs" && !truncate ? "uea_blob_delete" : "uea_append_only"
            // tgtype: ROW 1, BEFORE 2, DELETE 8, UPDATE 16, TRUNCATE 32.
            let type: Int64 = truncate ? 2 | 32 : 1 | 2 | 8 | 16
            let bodies =
                function == "uea_blob_delete"
                ? [Self.blobDeleteBody, Self.blobDeleteBody(StoreSchema.blobInUseBeforeRedaction)] : [Self.appendOnlyBody]
            guard found.table == table, found.function == function, found.type == type,
                bodies.map(StoreSchema.normalised).contains(StoreSchema.normalised(found.body))
            else { return "append-only trigger \(name) is not the one uea-screen created (its function or body was replaced)" }
            return nil
        }
    }

    func canBypassTriggers() throws -> String? {
        let row = try query(
            "SELECT r.rolsuper, pg_get_userbyid(c.relowner) = current_user FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.relname = 'entries' AND c.relnamespace = current_schema()::regnamespace",
            []
        ).first
        let superuser = row?[0].text == "t" || row?[0].text == "true" || row?[0].integer == 1
        let owner = row?[1].text == "t" || row?[1].text == "true" || row?[1].integer == 1
        guard superuser || owner else { return nil }
        return
            "the database role \(try query("SELECT current_user", []).first?.first?.text ?? "?") \(superuser ? "is a superuser" : "owns the store's tables") and could switch the triggers off; give writers a role that does not own the tables, and keep checkpoints outside the store (--expect-checkpoint)"
    }

    var schemaSQL: String {
        var sql =
            StoreSchema.tables(integer: "BIGINT", blob: "BYTEA") + """
                CREATE FUNCTION uea_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$\(Self.appendOnlyBody)$f$;
                CREATE FUNCTION uea_blob_delete() RETURNS trigger LANGUAGE plpgsql AS $f$\(Self.blobDeleteBody)$f$;

                """
        for table in StoreSchema.tables { sql += triggerSQL(table) }
        return sql
    }

    var checkpointsSQL: String { StoreSchema.checkpoints(integer: "BIGINT") + triggerSQL("checkpoints") }

    func triggerSQL(_ table: String) -> String {
        let function = table == "blobs" ? "uea_blob_delete" : "uea_append_only"
        return "CREATE TRIGGER \(table)_append_only BEFORE UPDATE OR DELETE ON \(table) FOR EACH ROW EXECUTE FUNCTION \(function)();\n"
            + "CREATE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON \(table) FOR EACH STATEMENT EXECUTE FUNCTION uea_append_only();\n"
    }
}

/// The team store: a PostgreSQL database (created on first use when empty); writers serialise on
/// a table lock inside their transaction.
public final class PostgresDossierStore: ChainedDossierStore, @unchecked Sendable {
    public init(url: String, create: Bool) throws {
        let db: PostgresDatabase
        do { db = try PostgresDatabase(url: url) } catch { throw StoreError.database("\(error)") }
        try super.init(db: db, create: create)
    }
}
