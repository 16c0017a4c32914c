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
}

public enum OfficialStructure {
    struct Release {
        /// ground → group path → gate codes the official sources give it.
        var groups: [String: [String: [String]]] = [:]
        /// ground → "path#position" → the official properties there.
        var properties: [String: [String: [OfficialProperty]]] = [:]
        /// ground → group path → how many properties the group has, and the place of its last
        /// yes/no question (what an ONTRUE/ONFALSE subgroup is gated on).
        var shapes: [String: [String: (count: Int, indicator: Int)]] = [:]
    }

    /// release ("2.1.1") → its structure.
    static let releases: [String: Release] = parse(OfficialStructureData.text)

    /// Every release the table knows, oldest first.
    public static let knownReleases: [String] = releases.keys.sorted {
        $0.split(separator: ".").compactMap { Int($0) }.lexicographicallyPrecedes($1.split(separator: ".").compactMap { Int($0) })
    }

    static func gates(release: String, ground: String, path: String) -> [String]? { releases[release]?.groups[ground]?[path] }

    static func properties(release: String, ground: String, path: String, position: Int) -> [OfficialProperty]? {
        releases[release]?.properties[ground]?["\(path)#\(position)"]
    }

    /// How many properties the group at `path` has, and the place of its last yes/no question (0: none).
    static func shape(release: String, ground: String, path: String) -> (count: Int, indicator: Int) {
        releases[release]?.shapes[ground]?[path] ?? (0, 0)
    }

    /// Whether the release has the ground at all.
    static func has(release: String, ground: String) -> Bool { releases[release]?.groups[ground] != nil }

    /// Rows: `G releases ground path code` and `P releases ground path position type valueType meaning text`,
    /// tab-separated; `#` lines are comments.
    static func parse(_ text: String) -> [String: Release] {
        var table: [String: Release] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 5 else { continue }
            let releases = fields[1].split(separator: ",").map(String.init)
            let ground = fields[2]
            let path = fields[3]
            for release in releases {
                if fields[0] == "G" {
                    table[release, default: Release()].groups[ground, default: [:]][path, default: []].append(fields[4])
                } else if fields[0] == "P", fields.count >= 9, let position = Int(fields[4]) {
                    let property = OfficialProperty(
                        typeCode: fields[5], valueType: fields[6],
                        meaning: QuestionMeaning(rawValue: fields[7]) ?? .other, description: fields[8])
                    table[release, default: Release()].properties[ground, default: [:]]["\(path)#\(position)", default: []].append(property)
                    var shape = table[release]!.shapes[ground]?[path] ?? (0, 0)
                    shape.count = max(shape.count, position)
                    if property.typeCode == "QUESTION" && property.valueType == "INDICATOR" {
                        shape.indicator = max(shape.indicator, position)
                    }
                    table[release]!.shapes[ground, default: [:]][path] = shape
                }
            }
        }
        return table
    }
}
