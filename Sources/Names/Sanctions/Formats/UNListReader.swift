import DossierModel
import Foundation
import SafeXML

/// The UN Security Council consolidated list as the UN publishes it (`consolidated.xml`):
/// `CONSOLIDATED_LIST@dateGenerated` > `INDIVIDUALS/INDIVIDUAL` and `ENTITIES/ENTITY`, each with
/// `FIRST_NAME` … `FOURTH_NAME` (an entity's name is its `FIRST_NAME`), `NAME_ORIGINAL_SCRIPT`,
/// `*_ALIAS/ALIAS_NAME`, `INDIVIDUAL_DATE_OF_BIRTH` (`DATE`, `YEAR`, or `FROM_YEAR`–`TO_YEAR`),
/// `NATIONALITY/VALUE`, `*_ADDRESS/COUNTRY`, `UN_LIST_TYPE`, `REFERENCE_NUMBER`, `LISTED_ON`.
/// The EU transposes UN listings, with a delay: a party can be on this list and not yet on the EU's.
enum UNListReader {
    /// The list's entries as the parse hands them over (`XMLDocument.parseRecords` at depth 2:
    /// each INDIVIDUAL or ENTITY once it is complete), so that memory holds the entries, not the file's tree.
    struct Records {
        var notes = ReadingNotes()
        var persons: [WatchlistEntry] = []
        var entities: [WatchlistEntry] = []

        /// One element under INDIVIDUALS or ENTITIES; anything else at that depth is not a listing.
        mutating func add(_ element: XMLElement) {
            let kind: WatchlistEntry.Kind
            switch element.parent?.localName {
            case "INDIVIDUALS": kind = .person
            case "ENTITIES": kind = .entity
            default: return
            }
            guard let entry = UNListReader.entry(element, kind: kind, notes: &notes) else {
                notes.add("line \(element.line): a \(element.localName) without a name is not read")
                return
            }
            if kind == .person { persons.append(entry) } else { entities.append(entry) }
        }

        /// The list: individuals, then entities; its date from the root.
        func list(root: XMLElement, path: String, name: String) throws -> Watchlist {
            let entries = persons + entities
            if entries.isEmpty {
                throw InputError(file: path, line: root.line, message: "the UN list holds no INDIVIDUAL or ENTITY with a name")
            }
            var list = Watchlist(
                name: name, format: .un, listDate: root.attribute("dateGenerated").flatMap { Day(String($0.prefix(10))) }, sha256: "",
                entries: entries)
            var counts: [String: Int] = [:]
            if !persons.isEmpty { counts[WatchlistEntry.Kind.person.rawValue] = persons.count }
            if !entities.isEmpty { counts[WatchlistEntry.Kind.entity.rawValue] = entities.count }
            list.counts = counts
            list.notes = notes.lines
            return list
        }
    }

    static func entry(_ element: XMLElement, kind: WatchlistEntry.Kind, notes: inout ReadingNotes) -> WatchlistEntry? {
        func text(_ name: String) -> String? {
            guard let value = element.child(named: name)?.text.trimmingBlanks(), !value.isEmpty else { return nil }
            return value
        }
        var names: [String] = []
        func add(_ value: String?) {
            guard let value = value?.trimmingBlanks(), !value.isEmpty, !names.contains(value) else { return }
            names.append(value)
        }
        add(["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"].compactMap(text).joined(separator: " "))
        add(text("NAME_ORIGINAL_SCRIPT"))
        let prefix = kind == .person ? "INDIVIDUAL" : "ENTITY"
        for alias in element.children(named: prefix + "_ALIAS") { add(alias.child(named: "ALIAS_NAME")?.text) }
        guard !names.isEmpty else { return nil }
        var births: [String] = []
        for birth in element.children(named: "INDIVIDUAL_DATE_OF_BIRTH") {
            let value = { (name: String) in birth.child(named: name)?.text.trimmingBlanks() ?? "" }
            if !value("DATE").isEmpty {
                births.append(String(value("DATE").prefix(10)))
            } else if !value("YEAR").isEmpty {
                births.append(value("YEAR"))
            } else if let from = Int(value("FROM_YEAR")), let to = Int(value("TO_YEAR")), from <= to, to - from <= 20 {
                births += (from...to).map(String.init)
            }
        }
        var countries: [String] = []
        let countryTexts =
            element.children(named: "NATIONALITY").flatMap { $0.children(named: "VALUE").map(\.text) }
            + element.children(named: prefix + "_ADDRESS").compactMap { $0.child(named: "COUNTRY")?.text }
        for value in countryTexts {
            if let code = notes.country(value), !countries.contains(code) { countries.append(code) }
        }
        let reference = text("REFERENCE_NUMBER")
        return WatchlistEntry(
            id: reference ?? text("DATAID") ?? "line \(element.line)", kind: kind, names: names, birthDates: births,
            countries: countries, programme: text("UN_LIST_TYPE"), listedOn: text("LISTED_ON").map { String($0.prefix(10)) },
            reference: reference)
    }
}
