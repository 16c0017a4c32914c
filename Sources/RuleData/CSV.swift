import DossierModel

/// A small RFC 4180 reader: quoted fields, doubled quotes, CRLF, a leading byte-order mark, and
/// the delimiter of the header line (`,`, `;` as Dutch spreadsheets write it, or a tab). Comment lines
/// (#) are skipped only where asked (rule data); in a bidder's file a `#` row is data.
/// Rows come back as dictionaries keyed by the header, with their 1-based line numbers.
public enum CSV {
    /// A quote opened and never closed: the rest of the file would silently become one field.
    public struct UnterminatedQuote: Error, Sendable {
        public var line: Int
        /// The one-line error for `path`.
        public func refusal(of path: String) -> InputError {
            InputError(
                file: path, line: line, message: "a quote opened here is never closed; every following row would be read as one field")
        }
    }
    /// A column name the header gives twice: one of the two values of each row would be lost.
    public struct DuplicateColumn: Error, Sendable { public var name: String }

    public struct Row: Sendable {
        public var line: Int
        public var fields: [String: String]
        /// How many values the row has (values beyond the header's columns are not in `fields`).
        public var valueCount = 0
        public subscript(_ key: String) -> String? {
            guard let value = fields[key]?.trimmingBlanks(), !value.isEmpty else { return nil }
            return value
        }
    }

    /// Rule data and watchlists: `#` lines are comments, and a row with more or fewer values than
    /// the header has columns is refused: a comma too many or too few would move every following
    /// value into another column.
    public static func parse(_ text: String, path: String) throws -> (header: [String], rows: [Row]) {
        let (header, rows) = try parse(text, path: path, comments: true)
        if let row = rows.first(where: { $0.valueCount != header.count }) {
            throw InputError(
                file: path, line: row.line,
                message:
                    "the row has \(row.valueCount) values for the \(header.count) columns of the header; quote a value that holds a comma")
        }
        return (header, rows)
    }

    /// Strict reading with errors that name `path`: a quote that is never closed is an error at
    /// its line (read leniently, every following row would vanish into one field), and so is a
    /// column named twice (one of its two values would be lost in every row).
    public static func parse(_ text: String, path: String, comments: Bool) throws -> (header: [String], rows: [Row]) {
        _ = try TextFile.withoutControls(text, path: path)
        do { return try parse(text, comments: comments, strict: true) } catch let error as UnterminatedQuote {
            throw error.refusal(of: path)
        } catch let error as DuplicateColumn {
            throw InputError(
                file: path, line: 1, message: "column '\(error.name)' appears twice in the header; each column may appear once")
        }
    }

    /// Splits on the UTF-8 bytes: every delimiter is ASCII, so no multi-byte character is cut.

    /// - Parameters:
    ///   - comments: skip lines starting with `#` (rule data), or read them as rows (a bidder's file).
    ///   - strict: throw `UnterminatedQuote` instead of reading the rest of the file as one field.
    public static func parse(_ text: String, comments: Bool, strict: Bool) throws -> (header: [String], rows: [Row]) {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        // The header line decides the delimiter: `;` when it has semicolons and no commas (Dutch
        // spreadsheets), a tab when it has only tabs (Excel's "Unicode text").
        let headerLine = bytes.prefix { $0 != UInt8(ascii: "\n") }
        var delimiter = UInt8(ascii: ",")
        if !headerLine.contains(UInt8(ascii: ",")) {
            if headerLine.contains(UInt8(ascii: ";")) {
                delimiter = UInt8(ascii: ";")
            } else if headerLine.contains(UInt8(ascii: "\t")) {
                delimiter = UInt8(ascii: "\t")
            }
        }
        var records: [(Int, [String])] = []
        var reader = RecordReader(delimiter: delimiter)
        reader.feed(bytes) { records.append(($0, $1)) }
        try reader.finish(strict: strict) { records.append(($0, $1)) }
        records.removeAll { $0.1.allSatisfy { $0.trimmingBlanks().isEmpty } || (comments && $0.1.first?.hasPrefix("#") == true) }
        guard let first = records.first else { return ([], []) }
        let header = first.1.map { $0.trimmingBlanks() }
        var seen = Set<String>()
        for name in header where !name.isEmpty && !seen.insert(name).inserted { throw DuplicateColumn(name: name) }
        let rows = records.dropFirst().map { (line, values) in
            var fields: [String: String] = [:]
            for (index, key) in header.enumerated() where index < values.count { fields[key] = values[index] }
            return Row(line: line, fields: fields, valueCount: values.count)
        }
        return (header, rows)
    }

    /// The RFC 4180 state machine, fed bytes in pieces (a whole text, or a file chunk by chunk):
    /// quoted fields, doubled quotes, line breaks inside quotes, CR before LF ignored. Each record
    /// goes to `emit` with the line it starts on.
    public struct RecordReader: Sendable {
        let delimiter: UInt8
        var field: [UInt8] = []
        var record: [String] = []
        var inQuotes = false
        /// A quote seen inside quotes: a second one makes a literal quote, anything else closes.
        var quotePending = false
        var line = 1
        var recordLine = 1
        var quoteLine = 1

        public init(delimiter: UInt8 = UInt8(ascii: ",")) { self.delimiter = delimiter }

        mutating func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }

        public mutating func feed<Bytes: Sequence<UInt8>>(_ bytes: Bytes, _ emit: (Int, [String]) throws -> Void) rethrows {
            for c in bytes {
                if quotePending {
                    quotePending = false
                    if c == UInt8(ascii: "\"") {
                        field.append(c)
                        continue
                    }
                    inQuotes = false
                } else if inQuotes {
                    if c == UInt8(ascii: "\"") {
                        quotePending = true
                    } else {
                        if c == UInt8(ascii: "\n") { line += 1 }
                        field.append(c)
                    }
                    continue
                }
                switch c {
                case UInt8(ascii: "\""):
                    inQuotes = true
                    quoteLine = line
                case delimiter: endField()
                case UInt8(ascii: "\r"): break
                case UInt8(ascii: "\n"):
                    endField()
                    try emit(recordLine, record)
                    record = []
                    line += 1
                    recordLine = line
                default: field.append(c)
                }
            }
        }

        /// The last record (when the text does not end with a line break); with `strict`, a quote
        /// never closed throws `UnterminatedQuote` at the line it opened on.
        public mutating func finish(strict: Bool, _ emit: (Int, [String]) throws -> Void) throws {
            if inQuotes && !quotePending && strict { throw UnterminatedQuote(line: quoteLine) }
            if !field.isEmpty || !record.isEmpty {
                endField()
                try emit(recordLine, record)
            }
        }
    }
}
