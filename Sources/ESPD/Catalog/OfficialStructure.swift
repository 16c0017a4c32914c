/// The official question structure of every exclusion criterion, per EDM release: the tree of
/// groups with their gate codes and every property's type and meaning, generated from the
/// official criterion taxonomies and request examples of each release (`OfficialStructureData`,
/// written by `OfficialStructureBuilder` from `../shared/corpus/espd/`, with the source files in
/// its header; a test keeps it current). Without the tender's request it is the authority's
/// structure: a response's own copy of the questions is compared with it, never trusted.
///
/// v2/v3 regenerate property ids per document, but keep group ids and the order of properties
/// within a group; v4 ids are paths. A question is therefore found by its group path (group ids
/// joined by "/", v4 ids reduced to their last part) and its place within the group.
public struct OfficialProperty: Sendable, Equatable {
    public var typeCode: String
    public var valueType: String
    public var meaning: QuestionMeaning
    public var description: String
    /// `description` as question texts are compared (`CriterionAssembly.comparable`), once.
    var comparableDescription: String

    init(typeCode: String, valueType: String, meaning: QuestionMeaning, description: String) {
        self.typeCode = typeCode
        self.valueType = valueType
        self.meaning = meaning
        self.description = description
        self.comparableDescription = CriterionAssembly.comparable(description)
    }
}

public enum OfficialStructure {
    /// The releases a row holds for, one bit per entry of `knownReleases`.
    struct Releases: OptionSet, Sendable {
        let rawValue: UInt32
    }

    /// Every row of the table, read once per process (as bytes: 165 kB; splitting it as characters
    /// cost ~90 M instructions, and building a table per release ~14 M each), each value kept
    /// once with the releases it holds for.
    struct Table: Sendable {
        /// Every release the rows name, oldest first.
        var releases: [String] = []
        /// ground → group path → gate codes.
        var groups: [String: [String: [(releases: Releases, code: String)]]] = [:]
        /// ground → "path#position" → the official properties there.
        var properties: [String: [String: [(releases: Releases, property: OfficialProperty)]]] = [:]
        /// ground → group path → (place, whether it is a yes/no question) of each property.
        var places: [String: [String: [(releases: Releases, position: Int, indicator: Bool)]]] = [:]

        func bit(_ release: String) -> Releases? { releases.firstIndex(of: release).map { Releases(rawValue: 1 << UInt32($0)) } }
    }

    static let table: Table = read(OfficialStructureData.text)

    /// Every release the table knows, oldest first.
    public static var knownReleases: [String] { table.releases }

    static func gates(release: String, ground: String, path: String) -> [String]? {
        guard let bit = table.bit(release), let rows = table.groups[ground]?[path] else { return nil }
        let codes = rows.filter { $0.releases.contains(bit) }.map(\.code)
        return codes.isEmpty ? nil : codes
    }

    static func properties(release: String, ground: String, path: String, position: Int) -> [OfficialProperty]? {
        guard let bit = table.bit(release), let rows = table.properties[ground]?["\(path)#\(position)"] else { return nil }
        let found = rows.filter { $0.releases.contains(bit) }.map(\.property)
        return found.isEmpty ? nil : found
    }

    /// How many properties the group at `path` has, and the place of its last yes/no question
    /// (what an ONTRUE/ONFALSE subgroup is gated on; 0: none).
    static func shape(release: String, ground: String, path: String) -> (count: Int, indicator: Int) {
        guard let bit = table.bit(release), let rows = table.places[ground]?[path] else { return (0, 0) }
        var shape = (count: 0, indicator: 0)
        for row in rows where row.releases.contains(bit) {
            shape.count = max(shape.count, row.position)
            if row.indicator { shape.indicator = max(shape.indicator, row.position) }
        }
        return shape
    }

    /// Whether the release has the ground at all.
    static func has(release: String, ground: String) -> Bool {
        guard let bit = table.bit(release), let paths = table.groups[ground] else { return false }
        return paths.values.contains { $0.contains { $0.releases.contains(bit) } }
    }

    /// Rows: `G releases ground path code` and `P releases ground path position type valueType
    /// meaning text`, tab-separated, `releases` comma-separated; `#` lines are comments.
    static func read(_ text: String) -> Table {
        var table = Table()
        var rows: [(releases: [String], fields: [String])] = []
        var names: Set<String> = []
        for line in Array(text.utf8).split(separator: UInt8(ascii: "\n")) {
            let row = line.drop { $0 == UInt8(ascii: " ") }
            guard let first = row.first, first != UInt8(ascii: "#") else { continue }
            let fields = row.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
            guard fields.count >= 5 else { continue }
            let releases = fields[1].split(separator: ",").map(String.init)
            names.formUnion(releases)
            rows.append((releases, fields))
        }
        table.releases = names.sorted {
            $0.split(separator: ".").compactMap { Int($0) }.lexicographicallyPrecedes($1.split(separator: ".").compactMap { Int($0) })
        }
        precondition(table.releases.count <= 32, "OfficialStructure.Releases holds 32 releases")
        for (releaseNames, fields) in rows {
            let releases = Releases(rawValue: releaseNames.reduce(0) { $0 | table.bit($1)!.rawValue })
            let ground = fields[2]
            let path = fields[3]
            if fields[0] == "G" {
                table.groups[ground, default: [:]][path, default: []].append((releases, fields[4]))
            } else if fields[0] == "P", fields.count >= 9, let position = Int(fields[4]) {
                let property = OfficialProperty(
                    typeCode: fields[5], valueType: fields[6], meaning: QuestionMeaning(rawValue: fields[7]) ?? .other,
                    description: fields[8])
                table.properties[ground, default: [:]]["\(path)#\(position)", default: []].append((releases, property))
                let indicator = property.typeCode == "QUESTION" && property.valueType == "INDICATOR"
                table.places[ground, default: [:]][path, default: []].append((releases, position, indicator))
            }
        }
        return table
    }
}
