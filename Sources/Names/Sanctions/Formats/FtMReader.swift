import DossierModel
import Foundation

/// FollowTheMoney entities as OpenSanctions publishes them: `entities.ftm.json`, one JSON entity
/// per line (`id`, `schema`, `properties` with lists of values, `target`, `datasets`,
/// `last_seen`), and delta files (`entities.delta.json`, one `{"op": "ADD"|"MOD"|"DEL", "entity":
/// …}` per line) named by a `delta.json` index whose `versions` map each version to its file. The
/// deltas are applied in version order to the entity set; the set's SHA-256 after them is recorded
/// at import and a full rebuild from the stored files must give it again.
///
/// Matched: `Person` (person) and `Company`, `Organization`, `LegalEntity`, `PublicBody` (organisation)
/// that are a target (`target: true`, or without that field a `sanction` topic), with `name`,
/// `alias` and `previousName`, `birthDate`, and `country`, `nationality`, `citizenship`,
/// `jurisdiction`. A party that is no target itself is matched when a target owns it (`Ownership`:
/// `owner` → `asset`, followed three levels) or directs it (`Directorship`: `director` →
/// `organization`): the EU's asset freeze reaches what a listed party owns or controls. Every other
/// record (addresses, sanctions, family ties, parties without a listed owner) is counted as context.
enum FtMReader {
    static let personSchemata: Set<String> = ["Person"]
    static let organisationSchemata: Set<String> = ["Company", "Organization", "LegalEntity", "PublicBody"]

    /// The entity set: id → the entity as published.
    typealias Entities = [String: [String: Any]]

    /// Reads `entities.ftm.json` into the set; each line must be a JSON entity with an id and a schema.
    static func entities(path: String, into set: inout Entities) throws {
        try FileRecords.lines(path: path) { line, bytes in
            guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { return }
            let entity = try object(bytes, path: path, line: line)
            guard let id = entity["id"] as? String, entity["schema"] is String else {
                throw InputError(file: path, line: line, message: "not a FollowTheMoney entity: no id or schema")
            }
            guard set[id] == nil else {
                throw InputError(
                    file: path, line: line, message: "entity \(id) appears twice; each entity may appear once (which one holds?)")
            }
            set[id] = entity
        }
    }

    /// Applies one delta file in order. An ADD of an id that is there, or a MOD or DEL of one that is
    /// not, is refused: the deltas are out of order or one is missing, and the set would drift.
    static func apply(delta path: String, to set: inout Entities) throws {
        try FileRecords.lines(path: path) { line, bytes in
            guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { return }
            let change = try object(bytes, path: path, line: line)
            guard let op = change["op"] as? String, let entity = change["entity"] as? [String: Any], let id = entity["id"] as? String
            else {
                throw InputError(file: path, line: line, message: "not a FollowTheMoney delta: needs op and entity with an id")
            }
            switch op {
            case "ADD":
                guard set[id] == nil else {
                    throw InputError(
                        file: path, line: line,
                        message: "ADD of \(id), which is already in the list: a delta is applied twice or out of order")
                }
                set[id] = entity
            case "MOD":
                guard set[id] != nil else {
                    throw InputError(
                        file: path, line: line, message: "MOD of \(id), which is not in the list: a delta is missing or out of order")
                }
                set[id] = entity
            case "DEL":
                guard set.removeValue(forKey: id) != nil else {
                    throw InputError(
                        file: path, line: line, message: "DEL of \(id), which is not in the list: a delta is missing or out of order")
                }
            default:
                throw InputError(file: path, line: line, message: "op '\(op)' is not one of ADD, MOD, DEL")
            }
        }
    }

    static func object(_ bytes: [UInt8], path: String, line: Int) throws -> [String: Any] {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
            throw InputError(file: path, line: line, message: "not a JSON object; FollowTheMoney files hold one JSON entity per line")
        }
        return object
    }

    /// The versions of a `delta.json` index in order (they begin with their timestamp), each with its
    /// file `<version>/entities.delta.json` beside the index.
    static func deltaIndex(path: String) throws -> [(version: String, file: String)] {
        guard let data = FileManager.default.contents(atPath: path),
            let index = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            let versions = index["versions"] as? [String: Any]
        else {
            throw InputError(file: path, line: 1, message: "not a FollowTheMoney delta index: needs an object with 'versions'")
        }
        let folder = PathText.parent(path) ?? "."
        return try versions.keys.sorted().map { version in
            guard version.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
                throw InputError(file: path, line: 1, message: "version '\(version)' is not a version name (letters, digits, '-')")
            }
            let file = PathText.child(PathText.child(folder, version), "entities.delta.json")
            guard FileManager.default.fileExists(atPath: file) else {
                throw InputError(
                    file: path, line: 1,
                    message: "version \(version) has no \(version)/entities.delta.json beside the index; download every version it lists")
            }
            return (version, file)
        }
    }

    /// The SHA-256 of the set: every entity as JSON with sorted keys, in id order, one per line.
    static func stateSHA256(_ set: Entities) -> String {
        var text = Data()
        for id in set.keys.sorted() {
            text.append((try? JSONSerialization.data(withJSONObject: set[id]!, options: [.sortedKeys])) ?? Data())
            text.append(0x0A)
        }
        return SHA256.hex(text)
    }

    /// The list the set makes.
    static func list(_ set: Entities, name: String) -> Watchlist {
        var notes = ReadingNotes()
        var counts: [String: Int] = [:]
        func strings(_ entity: [String: Any], _ keys: [String]) -> [String] {
            let properties = entity["properties"] as? [String: Any] ?? [:]
            var values: [String] = []
            for key in keys {
                for value in properties[key] as? [String] ?? [] where !value.trimmingBlanks().isEmpty && !values.contains(value) {
                    values.append(value.trimmingBlanks())
                }
            }
            return values
        }
        func schema(_ entity: [String: Any]) -> String { entity["schema"] as? String ?? "" }
        func isParty(_ entity: [String: Any]) -> Bool {
            personSchemata.contains(schema(entity)) || organisationSchemata.contains(schema(entity))
        }
        func isTarget(_ entity: [String: Any]) -> Bool {
            if let target = entity["target"] as? Bool { return target }
            return strings(entity, ["topics"]).contains { $0.hasPrefix("sanction") }
        }
        func caption(_ id: String) -> String {
            guard let entity = set[id] else { return id }
            return entity["caption"] as? String ?? strings(entity, ["name"]).first ?? id
        }
        // Who owns or directs whom, from the listed parties down (three levels of ownership).
        var controlledBy: [String: [String]] = [:]
        var edges: [(from: String, to: String, label: String)] = []
        for entity in set.values {
            switch schema(entity) {
            case "Ownership":
                let share = strings(entity, ["percentage"]).first.map { ", \($0) %" } ?? ""
                for owner in strings(entity, ["owner"]) {
                    for asset in strings(entity, ["asset"]) { edges.append((owner, asset, "owner" + share)) }
                }
            case "Directorship":
                for director in strings(entity, ["director"]) {
                    for organisation in strings(entity, ["organization"]) { edges.append((director, organisation, "director")) }
                }
            default: continue
            }
        }
        var listed = Set(set.filter { isParty($0.value) && isTarget($0.value) }.keys)
        var reached = listed
        for level in 0..<3 {
            var next = Set<String>()
            for edge in edges.sorted(by: { ($0.from, $0.to, $0.label) < ($1.from, $1.to, $1.label) })
            where reached.contains(edge.from) && (level == 0 || edge.label.hasPrefix("owner")) {
                guard let asset = set[edge.to], isParty(asset), !listed.contains(edge.to) else { continue }
                let line = "\(caption(edge.from)) (\(edge.label))"
                if !(controlledBy[edge.to] ?? []).contains(line) { controlledBy[edge.to, default: []].append(line) }
                next.insert(edge.to)
            }
            reached = next
        }
        listed.formUnion(controlledBy.keys)
        var entries: [WatchlistEntry] = []
        for id in set.keys.sorted() {
            let entity = set[id]!
            guard listed.contains(id) else {
                counts["context (" + (schema(entity).isEmpty ? "no schema" : schema(entity)) + ")", default: 0] += 1
                continue
            }
            let kind: WatchlistEntry.Kind = personSchemata.contains(schema(entity)) ? .person : .entity
            var names = strings(entity, ["name", "alias", "previousName"])
            if names.isEmpty, let caption = entity["caption"] as? String { names = [caption] }
            guard !names.isEmpty else {
                notes.add("entity \(id) has no name and is not matched")
                continue
            }
            var countries: [String] = []
            for text in strings(entity, ["country", "nationality", "citizenship", "jurisdiction"]) {
                if let code = notes.country(text), !countries.contains(code) { countries.append(code) }
            }
            var entry = WatchlistEntry(
                id: id, kind: kind, names: names, birthDates: strings(entity, ["birthDate"]).map { String($0.prefix(10)) },
                countries: countries,
                programme: (strings(entity, ["programId"]) + (entity["datasets"] as? [String] ?? [])).first,
                listedOn: strings(entity, ["createdAt"]).first.map { String($0.prefix(10)) }
                    ?? (entity["first_seen"] as? String).map {
                        String($0.prefix(10))
                    }, reference: (entity["referents"] as? [String])?.first)
            if let owners = controlledBy[id] {
                entry.ownedBy = owners
                counts["owned or directed by a listed party", default: 0] += 1
            } else {
                counts[kind.rawValue, default: 0] += 1
            }
            entries.append(entry)
        }
        let lastSeen = set.values.compactMap { $0["last_seen"] as? String }.max()
        var list = Watchlist(name: name, format: .ftm, listDate: lastSeen.flatMap(Day.init), sha256: "", entries: entries)
        list.counts = counts
        list.notes = notes.lines
        list.stateSHA256 = stateSHA256(set)
        return list
    }
}
