import CLibPQ
import Foundation

/// One PostgreSQL connection through libpq: parameterised statements ($1…), bytea as binary
/// parameters and hex results. Only this file touches libpq pointers.
final class PostgresDatabase: SQLBackend {
    private let connection: OpaquePointer
    let location: String

    struct Error: Swift.Error, CustomStringConvertible {
        var location: String
        var message: String
        var description: String { "\(location): \(message)" }
    }

    /// libpq, opened on first use (see CLibPQ/shim.h).
    private static let library: Result<uea_libpq, Error> = {
        var api = uea_libpq()
        if let problem = uea_libpq_load(&api) {
            return .failure(Error(location: "libpq", message: "PostgreSQL stores need the libpq library (Debian: apt install libpq5): \(String(cString: problem))"))
        }
        return .success(api)
    }()
    private let pq: uea_libpq

    init(url: String) throws {
        location = Self.redacted(url)
        pq = try Self.library.get()
        guard let connection = pq.connectdb(url) else { throw Error(location: location, message: "cannot allocate a connection") }
        guard pq.status(connection) == CONNECTION_OK else {
            let message = Self.string(pq.errorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines)
            pq.finish(connection)
            throw Error(location: location, message: message)
        }
        self.connection = connection
        _ = try query("SET client_min_messages TO warning", [])
    }

    deinit { pq.finish(connection) }

    /// A string libpq owns (may be NULL through the dlsym'd pointers, which lose nullability).
    private static func string(_ pointer: UnsafePointer<CChar>?) -> String { pointer.map { String(cString: $0) } ?? "" }

    /// The URL without its password, for messages.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }

    func execute(_ sql: String) throws {
        guard let result = pq.exec(connection, sql) else { throw Error(location: location, message: "no result") }
        defer { pq.clear(result) }
        let status = pq.resultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            throw Error(location: location, message: Self.string(pq.resultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines))
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
            case .text(let text): buffers.append(Array(text.utf8CString)); lengths.append(0); formats.append(0); isNull.append(false)
            case .integer(let number): buffers.append(Array(String(number).utf8CString)); lengths.append(0); formats.append(0); isNull.append(false)
            case .blob(let data): buffers.append(data.map { CChar(bitPattern: $0) } + [0]); lengths.append(Int32(data.count)); formats.append(1); isNull.append(false)
            case .null: buffers.append([0]); lengths.append(0); formats.append(0); isNull.append(true)
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
            throw Error(location: location, message: Self.string(pq.resultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        var rows: [[SQLValue]] = []
        for row in 0..<pq.ntuples(result) {
            var values: [SQLValue] = []
            for column in 0..<pq.nfields(result) {
                if pq.getisnull(result, row, column) != 0 { values.append(.null); continue }
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
        while index + 1 < bytes.count { data.append(nibble(bytes[index]) << 4 | nibble(bytes[index + 1])); index += 2 }
        return data
    }

    func beginWrite() throws {
        // EXCLUSIVE blocks other writers (and their seq numbers) but not readers.
        try execute("BEGIN; LOCK TABLE entries IN EXCLUSIVE MODE")
    }

    var schemaSQL: String {
        StoreSchema.tables(integer: "BIGINT", blob: "BYTEA") + """
        CREATE FUNCTION uea_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
            BEGIN RAISE EXCEPTION 'the dossier store is append-only'; END $f$;
        CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON entries FOR EACH ROW EXECUTE FUNCTION uea_append_only();
        CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON entries FOR EACH STATEMENT EXECUTE FUNCTION uea_append_only();
        CREATE TRIGGER sources_append_only BEFORE UPDATE ON sources FOR EACH ROW EXECUTE FUNCTION uea_append_only();
        CREATE TRIGGER contents_append_only BEFORE UPDATE ON contents FOR EACH ROW EXECUTE FUNCTION uea_append_only();
        """
    }
}
