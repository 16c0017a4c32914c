import Basics
import DossierModel
import ESPD
import Foundation
import RuleData
import SafeXML

/// Reads the lists people download, with the same strict libxml2 reader as the bids.
public enum WatchlistParser {
    /// The largest list accepted: the full FSF file is about 25 MB.
    public static let maxBytes = 256 * 1024 * 1024

    /// What a file holds, read from its first bytes: a list in one of the formats, or the
    /// `delta.json` index of FollowTheMoney deltas.
    public enum Detected: Equatable, Sendable {
        case list(Watchlist.Format)
        case ftmDeltas
    }

    static let formatsAccepted =
        "the EU FSF export (XML), the UN consolidated list (XML), OFAC's sdn.csv or cons_prim.csv, the US csl.csv, the UK Sanctions List CSV, FollowTheMoney entities.ftm.json or a delta.json index, or an own CSV with a 'name' column"

    /// The format of the file at `path`, by its content (never its name). Anything else is refused
    /// with its line, naming what is read.
    public static func detect(path: String) throws -> Detected {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw InputError(file: path, message: "cannot be read") }
        let head = (try? handle.read(upToCount: 8192)) ?? Data()
        try? handle.close()
        // "Unicode text" from a spreadsheet is UTF-16 with a byte-order mark.
        let utf16 = head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF])
        var text =
            utf16
            ? String(data: head.prefix(head.count & ~1), encoding: .utf16) ?? "" : String(decoding: head, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let start = text.drop { $0.isWhitespace }
        let line = text.prefix { $0.isWhitespace }.filter { $0 == "\n" || $0 == "\r\n" }.count + 1
        func refuse(_ what: String) -> InputError {
            InputError(file: path, line: line, message: "\(what); uea-screen reads \(formatsAccepted)")
        }
        if start.hasPrefix("<") {
            var rest = Substring(start)
            while let open = rest.firstIndex(of: "<") {
                let after = rest[rest.index(after: open)...]
                if let first = after.first, first.isLetter {
                    let name = String(after.prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" })
                    switch name.split(separator: ":").last.map(String.init) ?? name {
                    case "export": return .list(.euFSF)
                    case "CONSOLIDATED_LIST": return .list(.un)
                    default: throw refuse("an XML file whose root element is \(name)")
                    }
                }
                rest = after
            }
            throw refuse("an XML file without a root element in its first 8 KiB")
        }
        if start.hasPrefix("{") {
            let firstLine = start.prefix { $0 != "\n" }
            if firstLine.contains("\"op\"") {
                throw refuse("a FollowTheMoney delta file: import the delta.json index beside its version folders instead")
            }
            if start.contains("\"versions\"") && !firstLine.contains("\"schema\"") { return .ftmDeltas }
            if firstLine.contains("\"schema\"") && firstLine.contains("\"id\"") { return .list(.ftm) }
            throw refuse("a JSON file that is neither FollowTheMoney entities nor a delta index")
        }
        let firstLine = String(start.prefix { $0 != "\n" && $0 != "\r" })
        // An own list may be separated by ';' or tabs, as Dutch spreadsheets write it.
        let header = firstLine.split(omittingEmptySubsequences: false) { $0 == "," || $0 == ";" || $0 == "\t" }.map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")).lowercased()
        }
        if firstLine.lowercased().hasPrefix("report date") || header.contains("unique id") { return .list(.uk) }
        if header.contains("source") && header.contains("entity_number") { return .list(.usCSL) }
        if header.contains("name") { return .list(.csv) }
        if let first = header.first, Int(first) != nil {
            var count = 0
            do {
                try FileRecords.csv(path: path) { _, fields in
                    count = fields.count
                    throw CancellationError()
                }
            } catch is CancellationError {}
            switch count {
            case 12: return .list(.ofac)
            case 5, 6, 2:
                throw refuse(
                    "an OFAC companion file (aliases, addresses or comments): import the primary file sdn.csv or cons_prim.csv beside it")
            default: throw refuse("a CSV whose first record has \(count) values")
            }
        }
        throw refuse("a file that is none of these")
    }

    /// Reads the list at `path` (its format by content unless given) with its companions, and
    /// records its SHA-256: of the file, or for a list of several files the SHA-256 of their
    /// `sha256sum` lines (`<hash>  <name>`, main file first) so that anyone can recompute it.
    public static func load(path: String, format: Watchlist.Format? = nil, name: String? = nil, listDate: Day? = nil) throws -> Watchlist {
        let detected: Watchlist.Format
        if let format {
            detected = format
        } else {
            switch try detect(path: path) {
            case .list(let format): detected = format
            case .ftmDeltas:
                throw InputError(
                    file: path, line: 1,
                    message: "a FollowTheMoney delta index is imported onto a list: `uea-screen watchlist import` does that")
            }
        }
        let fileName = PathText.lastComponent(path)
        let displayName =
            name
            ?? (fileName.hasSuffix(".ftm.json")
                ? String(fileName.dropLast(9)) : URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
        var list: Watchlist
        switch detected {
        case .ofac: list = try OFACReader.read(primary: path, name: displayName)
        case .usCSL: list = try USCSLReader.read(path: path, name: displayName)
        case .uk: list = try UKListReader.read(path: path, name: displayName)
        case .ftm: list = try loadFtM(files: [.init(role: "entities", path: path)], name: displayName)
        case .euFSF, .un, .csv, .checklist:
            guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: path, message: "cannot be read") }
            list = try parse(bytes: [UInt8](data), format: detected, path: path, name: displayName)
        }
        try seal(&list, path: path)
        if let listDate { list.listDate = listDate }
        return list
    }

    /// A FollowTheMoney list from its files in order: the entities file (role `entities`; none is an
    /// empty start), then the deltas (role `delta`, named `<version>/entities.delta.json`).
    public static func loadFtM(files: [Watchlist.SourceFile], name: String) throws -> Watchlist {
        var set = FtMReader.Entities()
        for file in files {
            if file.role == "entities" {
                try FtMReader.entities(path: file.path, into: &set)
            } else {
                try FtMReader.apply(delta: file.path, to: &set)
            }
        }
        var list = FtMReader.list(set, name: name)
        list.sourceFiles = files
        // A version begins with its timestamp (`20240528134729-3iv`): the list is at least that recent.
        if let version = files.last(where: { $0.role == "delta" })?.name.prefix(8), version.count == 8,
            let day = Day("\(version.prefix(4))-\(version.dropFirst(4).prefix(2))-\(version.suffix(2))")
        {
            list.listDate = max(list.listDate ?? day, day)
        }
        try seal(&list, path: nil)
        return list
    }

    /// Sets the list's SHA-256 from its files (see `load`).
    static func seal(_ list: inout Watchlist, path: String?) throws {
        guard !list.sourceFiles.isEmpty else {
            if list.sha256.isEmpty, let path {
                guard let hash = SHA256.hex(fileAt: path) else { throw InputError(file: path, message: "cannot be read") }
                list.sha256 = hash
            }
            return
        }
        list.sha256 = try sha256(of: list.sourceFiles)
    }

    /// The SHA-256 of a list's files: of its one file, or of their `sha256sum` lines
    /// (`<hash>  <name>`, in order) for several, so that anyone can recompute it.
    static func sha256(of files: [Watchlist.SourceFile]) throws -> String {
        var lines = ""
        for file in files {
            guard let hash = SHA256.hex(fileAt: file.path) else { throw InputError(file: file.path, message: "cannot be read") }
            lines += "\(hash)  \(file.name)\n"
        }
        return files.count == 1 ? String(lines.prefix(64)) : SHA256.hex(lines)
    }

    /// Parses list bytes in `format`; `path` names them in errors. The file formats that are read
    /// record by record (OFAC, CSL, UK, FollowTheMoney) are read by `load`.
    public static func parse(bytes: [UInt8], format: Watchlist.Format, path: String, name: String = "list") throws -> Watchlist {
        switch format {
        case .euFSF, .un:
            var list = try parseXML(bytes: bytes, format: format, path: path, name: name)
            list.sha256 = SHA256.hex(bytes)
            return list
        case .csv, .checklist:
            var list = try parseCSV(text: try TextFile.decode(Data(bytes), path: path), path: path, name: name)
            list.format = format
            list.sha256 = SHA256.hex(bytes)
            return list
        case .ofac, .usCSL, .uk, .ftm:
            throw InputError(file: path, message: "\(format.rawValue) lists are read from their files")
        }
    }

    /// The two XML lists, with the same strict libxml2 reader as the bids, record by record
    /// (`XMLDocument.parseRecords`): memory holds the entries and one record, not the file's tree.
    static func parseXML(bytes: [UInt8], format: Watchlist.Format, path: String, name: String) throws -> Watchlist {
        let expected = format == .un ? "CONSOLIDATED_LIST" : "export"
        func wrongRoot(_ root: XMLElement) -> InputError {
            InputError(
                file: path, line: root.line,
                message:
                    "not \(format == .un ? "the UN consolidated list" : "an EU FSF export"): root element is \(root.localName), expected \(expected)"
            )
        }
        var fsf = FSFRecords()
        var un = UNListReader.Records()
        let rest: XMLDocument
        do {
            rest = try XMLDocument.parseRecords(
                bytes: bytes, sourceName: path, limits: ParseLimits(maxBytes: maxBytes), depth: format == .un ? 2 : 1
            ) { element in
                let root = element.document.root
                guard root.localName == expected else { throw wrongRoot(root) }
                if format == .un { un.add(element) } else { fsf.add(element) }
            }
        } catch let error as XMLParseError {
            throw InputError(file: path, line: error.line, message: error.message)
        }
        guard rest.root.localName == expected else { throw wrongRoot(rest.root) }
        return format == .un ? try un.list(root: rest.root, path: path, name: name) : try fsf.list(root: rest.root, path: path, name: name)
    }

    /// The forced-labour entities of checklists/ (UFLPA, BIS, CBP WRO) as a list for `sanctions.*` and `match`.
    public static func forcedLabourList(rules: RuleBook) throws -> Watchlist {
        try load(
            path: (rules.directory as NSString).appendingPathComponent("forced-labour-entities.csv"), format: .checklist,
            name: "forced-labour-entities")
    }

    /// FSF XML: `export@generationDate` > `sanctionEntity` (`subjectType@code` person/enterprise,
    /// `nameAlias@wholeName|firstName middleName lastName`, `birthdate@birthdate|year`,
    /// `citizenship@countryIso2Code`, `address@countryIso2Code`, `regulation@programme@publicationDate`),
    /// each `sanctionEntity` read as the parse hands it over (depth 1).
    struct FSFRecords {
        var entries: [WatchlistEntry] = []

        mutating func add(_ entity: XMLElement) {
            guard entity.localName == "sanctionEntity" else { return }
            var names: [String] = []
            for alias in entity.children(named: "nameAlias") {
                let whole = alias.attribute("wholeName")?.trimmingBlanks() ?? ""
                let parts = ["firstName", "middleName", "lastName"].compactMap { alias.attribute($0)?.trimmingBlanks() }.filter {
                    !$0.isEmpty
                }
                let value = whole.isEmpty ? parts.joined(separator: " ") : whole
                if !value.isEmpty && !names.contains(value) { names.append(value) }
            }
            guard !names.isEmpty else { return }
            let code = entity.child(named: "subjectType")?.attribute("code")?.lowercased()
            let births = entity.children(named: "birthdate").compactMap { $0.attribute("birthdate") ?? $0.attribute("year") }.filter {
                !$0.isEmpty
            }
            var countries: [String] = []
            for element in entity.children(named: "citizenship") + entity.children(named: "address") {
                if let code = element.attribute("countryIso2Code"), let country = Country(reading: code)?.alpha2,
                    !countries.contains(country)
                {
                    countries.append(country)
                }
            }
            let regulations = entity.children(named: "regulation")
            let listed = entity.attribute("designationDate") ?? regulations.compactMap { $0.attribute("publicationDate") }.min()
            entries.append(
                WatchlistEntry(
                    id: entity.attribute("euReferenceNumber") ?? entity.attribute("logicalId") ?? "line \(entity.line)",
                    kind: code == "person" ? .person : .entity, names: names, birthDates: births, countries: countries,
                    programme: regulations.compactMap { $0.attribute("programme") }.first,
                    listedOn: listed.flatMap { $0.isEmpty ? nil : $0 }, reference: entity.attribute("euReferenceNumber")))
        }

        func list(root: XMLElement, path: String, name: String) throws -> Watchlist {
            if entries.isEmpty {
                throw InputError(file: path, line: root.line, message: "the export holds no sanctionEntity with a name")
            }
            var list = Watchlist(
                name: name, format: .euFSF, listDate: root.attribute("generationDate").flatMap(Day.init), sha256: "", entries: entries)
            for entry in entries { list.counts[entry.kind.rawValue, default: 0] += 1 }
            return list
        }
    }

    /// A user's own list: `name,aliases,kind,birth_date,country,programme,listed_on,reference`,
    /// and `legal_basis,source_decision,until` (aliases `;`-separated; kind `person` or `entity`).
    /// A natural person on the province's own list is a blacklisting: each needs its legal basis,
    /// the decision that listed them, the day listed and the last day the listing applies (domain §9b;
    /// AVG art. 35). Also reads checklists/forced-labour-entities.csv.
    static func parseCSV(text: String, path: String, name: String) throws -> Watchlist {
        let (header, rows) = try CSV.parse(text, path: path)
        guard header.contains("name") else { throw InputError(file: path, line: 1, message: "a watchlist CSV needs a 'name' column") }
        let entries = try rows.map { row -> WatchlistEntry in
            guard let primary = row["name"] else { throw InputError(file: path, line: row.line, message: "empty name") }
            let kindText = row["kind"]?.lowercased() ?? "entity"
            guard let kind = WatchlistEntry.Kind(rawValue: kindText) else {
                throw InputError(file: path, line: row.line, message: "kind must be person or entity, found '\(kindText)'")
            }
            if let date = row["birth_date"], Day(date) == nil, Int(date) == nil {
                throw InputError(file: path, line: row.line, message: "birth_date '\(date)' is not YYYY-MM-DD or a year")
            }
            // A country is compared with the screened party's by its code: one that reads as no
            // country (or as two) would never confirm or weaken a hit, so it is refused.
            var countries: [String] = []
            if let text = row["country"] {
                guard let country = Country(reading: text) else {
                    throw InputError(file: path, line: row.line, message: "country: " + (Country.problem(with: text) ?? "not a country"))
                }
                countries = [country.alpha2]
            }
            let aliases = (row["aliases"] ?? "").split(separator: ";").map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
            var entry = WatchlistEntry(
                id: row["reference"] ?? "\(name):\(row.line)", kind: kind, names: [primary] + aliases,
                birthDates: row["birth_date"].map { [$0] } ?? [], countries: countries,
                programme: row["programme"] ?? row["list"], listedOn: row["listed_on"] ?? row["effective"],
                reference: row["reference"] ?? row["source"])
            entry.until = row["until"]
            entry.legalBasis = row["legal_basis"]
            entry.sourceDecision = row["source_decision"]
            try checkListing(entry, line: row.line, path: path)
            return entry
        }
        var list = Watchlist(name: name, format: .csv, listDate: nil, sha256: "", entries: entries)
        for entry in entries { list.counts[entry.kind.rawValue, default: 0] += 1 }
        return list
    }

    /// The dates of a listing, and for a natural person its basis and decision.
    static func checkListing(_ entry: WatchlistEntry, line: Int, path: String) throws {
        for (column, value) in [("listed_on", entry.listedOn), ("until", entry.until)] {
            if let value, Day(value) == nil {
                throw InputError(file: path, line: line, message: "\(column) '\(value)' is not a date; write YYYY-MM-DD")
            }
        }
        if let from = entry.listedOn.flatMap(Day.init), let until = entry.until.flatMap(Day.init), until < from {
            throw InputError(file: path, line: line, message: "until \(until) is before listed_on \(from); a listing ends after it starts")
        }
        guard entry.kind == .person else { return }
        let missing = [
            ("legal_basis", entry.legalBasis), ("source_decision", entry.sourceDecision), ("listed_on", entry.listedOn),
            ("until", entry.until),
        ].filter { $0.1?.isEmpty ?? true }.map(\.0)
        guard missing.isEmpty else {
            throw InputError(
                file: path, line: line,
                message:
                    "a natural person is listed without \(missing.joined(separator: ", ")); each person on an own list needs legal_basis, source_decision, listed_on and until (AVG art. 10 and 35; domain §9b)"
            )
        }
    }
}
