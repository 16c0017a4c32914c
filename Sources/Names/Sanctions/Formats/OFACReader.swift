import DossierModel
import Foundation

/// OFAC's legacy CSV files, as Treasury publishes them: a primary file (`sdn.csv`, or `cons_prim.csv`
/// for the consolidated non-SDN lists) without a header, 12 columns (`ent_num`, name, type,
/// programme, title, call sign, vessel type, tonnage, GRT, vessel flag, vessel owner, remarks; `-0-`
/// for empty), and three companions beside it joined by `ent_num`: aliases (`alt.csv`: ent_num,
/// alt_num, type, name, remarks), addresses (`add.csv`: ent_num, add_num, address, city, country,
/// remarks) and the remarks that did not fit (`sdn_comments.csv`: ent_num, text). Birth dates and
/// nationalities are in the remarks (`DOB 12 Jan 1962; nationality Russia`). Vessels and aircraft
/// are counted and never matched: a bidder is a person or an organisation.
enum OFACReader {
    /// The companions of a primary file, by its name: `sdn.csv` → `alt.csv`, `add.csv`,
    /// `sdn_comments.csv`; `cons_prim.csv` → `cons_alt.csv`, `cons_add.csv`, `cons_comments.csv`.
    static func companions(of primary: String) -> (aliases: String, addresses: String, comments: String) {
        let folder = PathText.parent(primary) ?? "."
        let file = (primary as NSString).lastPathComponent.lowercased()
        let prefix = file.hasSuffix("_prim.csv") ? String(file.dropLast("prim.csv".count)) : ""
        return (
            PathText.child(folder, prefix + "alt.csv"), PathText.child(folder, prefix + "add.csv"),
            PathText.child(folder, (prefix.isEmpty ? "sdn_" : prefix) + "comments.csv")
        )
    }

    /// OFAC writes `-0-` (often with a trailing blank) for an empty value.
    static func value(_ fields: [String], _ index: Int) -> String? {
        guard index < fields.count else { return nil }
        let text = fields[index].trimmingBlanks()
        return text.isEmpty || text == "-0-" ? nil : text
    }

    static func read(primary path: String, name: String) throws -> Watchlist {
        let companions = companions(of: path)
        for (role, file) in [("aliases", companions.aliases), ("addresses", companions.addresses)]
        where !FileManager.default.fileExists(atPath: file) {
            throw InputError(
                file: path,
                message:
                    "\((file as NSString).lastPathComponent) is not beside it: OFAC publishes the \(role) of these entries there; download the primary file with its companions and import the primary file"
            )
        }
        var notes = ReadingNotes()
        var entries: [WatchlistEntry] = []
        var position: [String: Int] = [:]
        var counts: [String: Int] = [:]
        var remarks: [String] = []
        let source = file(path).hasPrefix("cons_") ? "CONS" : "SDN"
        try FileRecords.csv(path: path) { line, fields in
            guard fields.count == 12, let number = value(fields, 0), Int(number) != nil else {
                throw InputError(
                    file: path, line: line,
                    message:
                        "not an OFAC primary record: \(fields.count) values, expected 12 beginning with ent_num; OFAC's sdn.csv and cons_prim.csv have no header"
                )
            }
            let type = value(fields, 2)?.lowercased()
            guard type == nil || type == "individual" else {
                counts[type ?? "other", default: 0] += 1
                return
            }
            guard let primaryName = value(fields, 1) else {
                throw InputError(file: path, line: line, message: "ent_num \(number) has no name")
            }
            let kind: WatchlistEntry.Kind = type == "individual" ? .person : .entity
            counts[kind.rawValue, default: 0] += 1
            let programme = value(fields, 3).map {
                $0.replacingOccurrences(of: "[", with: " ").replacingOccurrences(of: "]", with: " ").split(separator: " ").joined(
                    separator: "; ")
            }
            position[number] = entries.count
            remarks.append(value(fields, 11) ?? "")
            entries.append(
                WatchlistEntry(
                    id: "\(source)-\(number)", kind: kind, names: [primaryName], birthDates: [], countries: [], programme: programme,
                    listedOn: nil, reference: number))
        }
        if entries.isEmpty { throw InputError(file: path, line: 1, message: "holds no individual or entity") }
        var orphans = 0
        try FileRecords.csv(path: companions.aliases) { line, fields in
            guard let number = value(fields, 0), let alias = value(fields, 3) else { return }
            guard let index = position[number] else {
                orphans += 1
                return
            }
            if !entries[index].names.contains(alias) { entries[index].names.append(alias) }
            counts["alias", default: 0] += 1
        }
        try FileRecords.csv(path: companions.addresses) { line, fields in
            guard let number = value(fields, 0) else { return }
            guard let index = position[number] else {
                orphans += 1
                return
            }
            if let code = notes.country(value(fields, 4)), !entries[index].countries.contains(code) {
                entries[index].countries.append(code)
            }
        }
        if FileManager.default.fileExists(atPath: companions.comments) {
            try FileRecords.csv(path: companions.comments) { line, fields in
                guard let number = value(fields, 0), let text = value(fields, 1) else { return }
                guard let index = position[number] else {
                    orphans += 1
                    return
                }
                remarks[index] += text
            }
        } else {
            notes.add("\(file(companions.comments)) is not beside it: remarks longer than OFAC's column are cut off")
        }
        for index in entries.indices { read(remarks: remarks[index], into: &entries[index], notes: &notes) }
        if orphans > 0 { notes.add("\(orphans) companion rows name an ent_num that is not in \(file(path)); they are not read") }
        for (type, count) in counts where type != "person" && type != "entity" && type != "alias" {
            notes.add("\(count) records of type \(type) are counted and never matched: a bidder is a person or an organisation")
        }
        var list = Watchlist(name: name, format: .ofac, listDate: nil, sha256: "", entries: entries)
        list.counts = counts
        list.notes = notes.lines
        list.sourceFiles =
            [
                .init(role: "list", path: path), .init(role: "aliases", path: companions.aliases),
                .init(role: "addresses", path: companions.addresses),
            ] + (FileManager.default.fileExists(atPath: companions.comments) ? [.init(role: "comments", path: companions.comments)] : [])
        return list
    }

    static func file(_ path: String) -> String { (path as NSString).lastPathComponent }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Birth dates and nationalities from the remarks: `DOB 12 Jan 1962`, `DOB Jan 1962`,
    /// `DOB circa 1962`, `DOB 1962 to 1964`; `nationality Russia`, `citizen Iran`.
    static func read(remarks: String, into entry: inout WatchlistEntry, notes: inout ReadingNotes) {
        for item in remarks.split(separator: ";").map({ $0.trimmingBlanks() }) {
            if item.hasPrefix("DOB ") {
                entry.birthDates += birthDates(String(item.dropFirst(4)))
            } else if let country = ["nationality ", "citizen "].first(where: { item.hasPrefix($0) }).map({
                String(item.dropFirst($0.count))
            }) {
                if let code = notes.country(country.trimmingCharacters(in: CharacterSet(charactersIn: ". "))),
                    !entry.countries.contains(code)
                {
                    entry.countries.append(code)
                }
            }
        }
    }

    static func birthDates(_ text: String) -> [String] {
        let words = text.replacingOccurrences(of: "circa", with: "").split(separator: " ").map(String.init)
        if let to = words.firstIndex(of: "to"), let from = words.first.flatMap(Int.init), let until = words.last.flatMap(Int.init),
            to > 0, from <= until, until - from <= 20
        {
            return (from...until).map(String.init)
        }
        switch words.count {
        case 3:
            guard let day = Int(words[0]), let month = months.firstIndex(of: words[1].lowercased()), let year = Int(words[2]) else {
                return []
            }
            return Day("\(year)-\(Day.padded(month + 1, 2))-\(Day.padded(day, 2))").map { [$0.description] } ?? []
        case 2:
            guard let month = months.firstIndex(of: words[0].lowercased()), let year = Int(words[1]) else { return [] }
            return ["\(year)-\(Day.padded(month + 1, 2))"]
        case 1: return Int(words[0]).map { [String($0)] } ?? []
        default: return []
        }
    }
}

/// The US Consolidated Screening List (`csl.csv`, International Trade Administration): a header row
/// (`source`, `entity_number`, `type`, `programs`, `name`, `alt_names`, `start_date`, `end_date`,
/// `addresses`, `citizenships`, `nationalities`, `dates_of_birth`, …), one row per listed party,
/// `;`-separated aliases, dates and countries. `source` names the list the row comes from (SDN,
/// Entity List, Denied Persons, …) and becomes the programme. A row without a type (the Denied
/// Persons and Unverified lists leave it empty) is matched both as a person and as an organisation;
/// a row whose `end_date` has passed is kept as published and never matched.
enum USCSLReader {
    static let required = ["source", "type", "name"]

    static func read(path: String, name: String) throws -> Watchlist {
        var header: [String] = []
        var notes = ReadingNotes()
        var entries: [WatchlistEntry] = []
        var counts: [String: Int] = [:]
        try FileRecords.csv(path: path) { line, fields in
            guard !header.isEmpty else {
                header = fields.map { $0.trimmingBlanks().lowercased() }
                if let missing = required.first(where: { !header.contains($0) }) {
                    throw InputError(file: path, line: line, message: "the Consolidated Screening List header has no '\(missing)' column")
                }
                return
            }
            guard fields.count == header.count else {
                throw InputError(
                    file: path, line: line,
                    message: "the row has \(fields.count) values for the \(header.count) columns of the header")
            }
            var row: [String: String] = [:]
            for (key, value) in zip(header, fields) where !value.trimmingBlanks().isEmpty { row[key] = value.trimmingBlanks() }
            guard let primary = row["name"] else { throw InputError(file: path, line: line, message: "the row has no name") }
            let type = row["type"]?.lowercased()
            let kinds: [WatchlistEntry.Kind]
            switch type {
            case "individual": kinds = [.person]
            case "entity": kinds = [.entity]
            case nil: kinds = [.person, .entity]
            default:
                counts[type!, default: 0] += 1
                return
            }
            counts[type ?? "no type (matched as person and as organisation)", default: 0] += 1
            let split = { (key: String) in (row[key] ?? "").split(separator: ";").map { $0.trimmingBlanks() }.filter { !$0.isEmpty } }
            let source = row["source"] ?? ""
            let short = source.firstRange(of: "(").flatMap { open in
                source[open.upperBound...].firstIndex(of: ")").map { String(source[open.upperBound..<$0]) }
            }
            let programme = [short ?? source, row["programs"]].compactMap { $0 }.joined(separator: ": ")
            var countries: [String] = []
            for text in split("citizenships") + split("nationalities") {
                if let code = notes.country(text), !countries.contains(code) { countries.append(code) }
            }
            let births = split("dates_of_birth").flatMap { text in
                Day(text).map { [$0.description] } ?? (Int(text.prefix(4)).map { [String($0)] } ?? [])
            }
            for kind in kinds {
                var entry = WatchlistEntry(
                    id: "\(short ?? "CSL")-\(row["entity_number"] ?? "line \(line)")", kind: kind, names: [primary] + split("alt_names"),
                    birthDates: births, countries: countries, programme: programme,
                    listedOn: row["start_date"].flatMap(Day.init)?.description,
                    reference: row["entity_number"] ?? row["federal_register_notice"])
                entry.until = row["end_date"].flatMap(Day.init)?.description
                entries.append(entry)
            }
        }
        if entries.isEmpty { throw InputError(file: path, line: 1, message: "holds no individual or entity") }
        for (type, count) in counts where !["individual", "entity"].contains(type) && !type.hasPrefix("no type") {
            notes.add("\(count) rows of type \(type) are counted and never matched: a bidder is a person or an organisation")
        }
        var list = Watchlist(name: name, format: .usCSL, listDate: nil, sha256: "", entries: entries)
        list.counts = counts
        list.notes = notes.lines
        return list
    }
}
