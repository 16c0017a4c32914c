/// A small RFC 4180 reader: quoted fields, doubled quotes, CRLF. Comment lines (#) are skipped.
/// Rows come back as dictionaries keyed by the header, with their 1-based line numbers.
public enum CSV {
    public struct Row: Sendable {
        public var line: Int
        public var fields: [String: String]
        public subscript(_ key: String) -> String? {
            guard let value = fields[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
    }

    public static func parse(_ text: String) -> (header: [String], rows: [Row]) {
        var records: [(Int, [String])] = []
        var field = "", record: [String] = [], inQuotes = false, line = 1, recordLine = 1
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? { if let p = pending { pending = nil; return p }; return iterator.next() }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let n = next() { if n == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = n } } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"": inQuotes = true
            case ",": record.append(field); field = ""
            case "\r": break
            case "\n":
                record.append(field); field = ""
                records.append((recordLine, record)); record = []
                line += 1; recordLine = line
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append((recordLine, record)) }
        records.removeAll { $0.1.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } || $0.1.first?.hasPrefix("#") == true }
        guard let first = records.first else { return ([], []) }
        let header = first.1.map { $0.trimmingCharacters(in: .whitespaces) }
        let rows = records.dropFirst().map { (line, values) in
            var fields: [String: String] = [:]
            for (index, key) in header.enumerated() where index < values.count { fields[key] = values[index] }
            return Row(line: line, fields: fields)
        }
        return (header, rows)
    }
}
