import Basics

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
    struct Release {
        /// ground → group path → gate codes the official sources give it.
        var groups: [String: [String: [String]]] = [:]
        /// ground → "path#position" → the official properties there.
        var properties: [String: [String: [OfficialProperty]]] = [:]
        /// ground → group path → how many properties the group has, and the place of its last
        /// yes/no question (what an ONTRUE/ONFALSE subgroup is gated on).
        var shapes: [String: [String: (count: Int, indicator: Int)]] = [:]
    }

    /// Every release the table knows, oldest first (from the rows' release lists alone).
    public static let knownReleases: [String] = {
        var names: Set<String> = []
        rows { fields in
            if fields.count >= 2 { names.formUnion(fields[1].split(separator: UInt8(ascii: ",")).map { String(decoding: $0, as: UTF8.self) }) }
            return false
        }
        return names.sorted {
            $0.split(separator: ".").compactMap { Int($0) }.lexicographicallyPrecedes($1.split(separator: ".").compactMap { Int($0) })
        }
    }()

    /// Calls `body` with the tab-separated fields of every row of the table (comments skipped),
    /// as bytes: the table is 165 kB, and splitting it as characters cost ~90 M instructions.
    /// `body` gets the first two fields only, and returns true when it wants the row's all.
    private static func rows(_ body: ([ArraySlice<UInt8>]) -> Bool, all: (([ArraySlice<UInt8>]) -> Void)? = nil) {
        let bytes = Array(OfficialStructureData.text.utf8)
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            var start = line.startIndex
            while start < line.endIndex, line[start] == UInt8(ascii: " ") { start += 1 }
            let row = line[start...]
            guard let first = row.first, first != UInt8(ascii: "#") else { continue }
            if body(Array(row.split(separator: UInt8(ascii: "\t"), maxSplits: 2, omittingEmptySubsequences: false).prefix(2))) {
                all?(row.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false))
            }
        }
    }

    /// Each release's structure, read from the table on first use: a run reads only the releases
    /// of the generations it meets (reading all of them cost ~160 M instructions at every start).
    private static let read = Locked<[String: Release]>([:])

    static func release(_ name: String) -> Release? {
        guard knownReleases.contains(name) else { return nil }
        return read.withLock { cache in
            if let known = cache[name] { return known }
            let built = parse(release: name)
            cache[name] = built
            return built
        }
    }

    static func gates(release: String, ground: String, path: String) -> [String]? { Self.release(release)?.groups[ground]?[path] }

    static func properties(release: String, ground: String, path: String, position: Int) -> [OfficialProperty]? {
        Self.release(release)?.properties[ground]?["\(path)#\(position)"]
    }

    /// How many properties the group at `path` has, and the place of its last yes/no question (0: none).
    static func shape(release: String, ground: String, path: String) -> (count: Int, indicator: Int) {
        Self.release(release)?.shapes[ground]?[path] ?? (0, 0)
    }

    /// Whether the release has the ground at all.
    static func has(release: String, ground: String) -> Bool { Self.release(release)?.groups[ground] != nil }

    /// The rows of `release`: `G releases ground path code` and `P releases ground path position
    /// type valueType meaning text`, tab-separated; `#` lines are comments.
    static func parse(release: String) -> Release {
        var table = Release()
        let name = Array(release.utf8)
        rows(
            { $0.count == 2 && $0[1].split(separator: UInt8(ascii: ",")).contains { $0.elementsEqual(name) } },
            all: { row in
                let fields = row.map { String(decoding: $0, as: UTF8.self) }
                guard fields.count >= 5 else { return }
                let ground = fields[2]
                let path = fields[3]
                if fields[0] == "G" {
                    table.groups[ground, default: [:]][path, default: []].append(fields[4])
                } else if fields[0] == "P", fields.count >= 9, let position = Int(fields[4]) {
                    let property = OfficialProperty(
                        typeCode: fields[5], valueType: fields[6],
                        meaning: QuestionMeaning(rawValue: fields[7]) ?? .other, description: fields[8])
                    table.properties[ground, default: [:]]["\(path)#\(position)", default: []].append(property)
                    var shape = table.shapes[ground]?[path] ?? (0, 0)
                    shape.count = max(shape.count, position)
                    if property.typeCode == "QUESTION" && property.valueType == "INDICATOR" {
                        shape.indicator = max(shape.indicator, position)
                    }
                    table.shapes[ground, default: [:]][path] = shape
                }
            })
        return table
    }
}
