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

    public static func load(path: String, format: Watchlist.Format? = nil, name: String? = nil, listDate: Day? = nil) throws -> Watchlist {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: path, message: "cannot be read") }
        let detected = format ?? (path.lowercased().hasSuffix(".csv") ? .csv : .euFSF)
        let displayName = name ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        var list = try parse(bytes: [UInt8](data), format: detected, path: path, name: displayName)
        list.sha256 = SHA256.hex(data)
        if let listDate { list.listDate = listDate }
        return list
    }

    /// Parses list bytes in `format`; `path` names them in errors.
    public static func parse(bytes: [UInt8], format: Watchlist.Format, path: String, name: String = "list") throws -> Watchlist {
        switch format {
        case .euFSF: return try parseFSF(bytes: bytes, path: path, name: name)
        case .csv, .checklist:
            var list = try parseCSV(text: try TextFile.decode(Data(bytes), path: path), path: path, name: name)
            list.format = format
            return list
        }
    }

    /// The forced-labour entities of checklists/ (UFLPA, BIS, CBP WRO) as a list for `sanctions.*` and `match`.
    public static func forcedLabourList(rules: RuleBook) throws -> Watchlist {
        try load(
            path: (rules.directory as NSString).appendingPathComponent("forced-labour-entities.csv"), format: .checklist,
            name: "forced-labour-entities")
    }

    /// FSF XML: `export@generationDate` > `sanctionEntity` (`subjectType@code` person/enterprise,
    /// `nameAlias@wholeName|firstName middleName lastName`, `birthdate@birthdate|year`,
    /// `citizenship@countryIso2Code`, `address@countryIso2Code`, `regulation@programme@publicationDate`).
    static func parseFSF(bytes: [UInt8], path: String, name: String) throws -> Watchlist {
        let document: XMLDocument
        do { document = try XMLDocument.parse(bytes: bytes, sourceName: path, limits: ParseLimits(maxBytes: maxBytes)) } catch {
            throw InputError(file: path, line: error.line, message: error.message)
        }
        let root = document.root
        guard root.localName == "export" else {
            throw InputError(
                file: path, line: root.line, message: "not an EU FSF export: root element is \(root.localName), expected export")
        }
        var entries: [WatchlistEntry] = []
        for entity in root.children(named: "sanctionEntity") {
            var names: [String] = []
            for alias in entity.children(named: "nameAlias") {
                let whole = alias.attribute("wholeName")?.trimmingBlanks() ?? ""
                let parts = ["firstName", "middleName", "lastName"].compactMap { alias.attribute($0)?.trimmingBlanks() }.filter {
                    !$0.isEmpty
                }
                let value = whole.isEmpty ? parts.joined(separator: " ") : whole
                if !value.isEmpty && !names.contains(value) { names.append(value) }
            }
            guard !names.isEmpty else { continue }
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
        if entries.isEmpty { throw InputError(file: path, line: root.line, message: "the export holds no sanctionEntity with a name") }
        return Watchlist(
            name: name, format: .euFSF, listDate: root.attribute("generationDate").flatMap(Day.init), sha256: "", entries: entries)
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
        return Watchlist(name: name, format: .csv, listDate: nil, sha256: "", entries: entries)
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
