import DossierModel
import Foundation

/// The UK Sanctions List (FCDO; since 28 January 2026 the only UK list, the OFSI Consolidated List
/// is no longer updated) in its CSV form. The FCDO's format guidance describes one row per name:
/// the rows of one designation share its `Unique ID`, `Name type` says whether the row is the
/// `Primary name`, a `Primary name variation` or an `Alias`, `Name 6` is the surname or the
/// organisation's name and `Name 1`–`Name 5` the other names. A first line `Report Date: …` before
/// the header gives the list's date. Read here (headers compared without case, spaces or punctuation):
///
/// | column | use |
/// |---|---|
/// | `Unique ID` (required) | entry id and reference; rows with the same id are one entry |
/// | `Name 6` (required), `Name 1`–`Name 5` | the name of the row |
/// | `Designation Type` (required) | `Individual` → person, `Entity` → organisation, `Ship` counted, never matched |
/// | `Name non-latin script` | one more name |
/// | `Regime Name` | programme |
/// | `Date Designated` | listed on (DD/MM/YYYY) |
/// | `D.O.B` | birth date (DD/MM/YYYY; `00` for an unknown day or month) |
/// | `Nationality(/ies)`, `Address Country` | countries |
enum UKListReader {
    static func key(_ header: String) -> String { String(header.lowercased().filter { $0.isLetter || $0.isNumber }) }

    static func read(path: String, name: String) throws -> Watchlist {
        var header: [String] = []
        var listDate: Day?
        var notes = ReadingNotes()
        var entries: [WatchlistEntry] = []
        var position: [String: Int] = [:]
        var counts: [String: Int] = [:]
        try FileRecords.csv(path: path) { line, fields in
            guard !header.isEmpty else {
                let first = fields.first?.trimmingBlanks() ?? ""
                if first.lowercased().hasPrefix("report date") {
                    listDate = date(String(first.drop { $0 != ":" }.dropFirst()).trimmingBlanks())
                    return
                }
                header = fields.map(key)
                for required in ["uniqueid", "name6", "designationtype"] where !header.contains(required) {
                    throw InputError(
                        file: path, line: line,
                        message:
                            "not a UK Sanctions List CSV: the header has no column '\(required == "name6" ? "Name 6" : required == "uniqueid" ? "Unique ID" : "Designation Type")'"
                    )
                }
                return
            }
            var row: [String: String] = [:]
            for (column, value) in zip(header, fields) where !value.trimmingBlanks().isEmpty { row[column] = value.trimmingBlanks() }
            guard let id = row["uniqueid"] else { throw InputError(file: path, line: line, message: "the row has no Unique ID") }
            let type = row["designationtype"]?.lowercased() ?? ""
            let kind: WatchlistEntry.Kind
            switch type {
            case "individual": kind = .person
            case "entity": kind = .entity
            default:
                if position[id] == nil { counts[type.isEmpty ? "no type" : type, default: 0] += 1 }
                position[id] = -1
                return
            }
            let rowName = (["name1", "name2", "name3", "name4", "name5", "name6"].compactMap { row[$0] }).joined(separator: " ")
            let names = [rowName, row["namenonlatinscript"]].compactMap { $0 }.filter { !$0.isEmpty }
            guard !names.isEmpty else { throw InputError(file: path, line: line, message: "the row of \(id) has no name") }
            let index: Int
            if let known = position[id], known >= 0 {
                index = known
            } else {
                index = entries.count
                position[id] = index
                counts[kind.rawValue, default: 0] += 1
                entries.append(
                    WatchlistEntry(
                        id: id, kind: kind, names: [], birthDates: [], countries: [], programme: row["regimename"],
                        listedOn: row["datedesignated"].flatMap(date)?.description, reference: id))
            }
            // The primary name first, whatever the order of the rows.
            let new = names.filter { !entries[index].names.contains($0) }
            if row["nametype"]?.lowercased() == "primary name" {
                entries[index].names.insert(contentsOf: new, at: 0)
            } else {
                entries[index].names += new
            }
            if let birth = row["dob"].flatMap(birthDate), !entries[index].birthDates.contains(birth) {
                entries[index].birthDates.append(birth)
            }
            for text in (row["nationalityies"] ?? "").split(separator: ",").map(String.init) + [row["addresscountry"] ?? ""] {
                if let code = notes.country(text), !entries[index].countries.contains(code) { entries[index].countries.append(code) }
            }
        }
        guard !header.isEmpty else { throw InputError(file: path, line: 1, message: "not a UK Sanctions List CSV: no header row") }
        if entries.isEmpty { throw InputError(file: path, line: 1, message: "holds no individual or entity") }
        for (type, count) in counts where type != "person" && type != "entity" {
            notes.add("\(count) designations of type \(type) are counted and never matched: a bidder is a person or an organisation")
        }
        var list = Watchlist(name: name, format: .uk, listDate: listDate, sha256: "", entries: entries)
        list.counts = counts
        list.notes = notes.lines
        return list
    }

    /// DD/MM/YYYY (or DD-MM-YYYY).
    static func date(_ text: String) -> Day? {
        let parts = text.split { $0 == "/" || $0 == "-" }.compactMap { Int($0) }
        guard parts.count == 3, parts[2] > 1000 else { return Day(text) }
        return Day("\(parts[2])-\(Day.padded(parts[1], 2))-\(Day.padded(parts[0], 2))")
    }

    /// DD/MM/YYYY with `00` for an unknown day or month: `1962`, `1962-05` or `1962-05-12`.
    static func birthDate(_ text: String) -> String? {
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 3, parts[2] > 1000 else { return nil }
        if parts[1] == 0 { return String(parts[2]) }
        if parts[0] == 0 { return "\(parts[2])-\(Day.padded(parts[1], 2))" }
        return date(text)?.description
    }
}
