// Benchmarks that need the libraries directly (whole-process benchmarks are in bench/*.sh).
// Usage: swift run -c release uea-bench sanctions [ENTRIES] [QUERIES]
import Foundation
import Names
import RuleData
import Screening
import Yams

/// A deterministic generator (SplitMix64) so every run screens the same names.
struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}

let syllables = [
    "ka", "lo", "mir", "ov", "ser", "gei", "an", "dre", "vol", "kov", "pet", "rov", "ni", "ko", "lai", "tim", "chen",
    "bar", "za", "dim", "it", "ri", "sta", "nis", "lav", "bo", "ris", "gen", "na", "dy", "al", "ek", "sei", "yu", "ra",
]
let forms = ["OOO", "LLC", "JSC", "PJSC", "AO", "GmbH", "B.V.", "Ltd."]

func word(_ g: inout Generator, _ parts: Int) -> String {
    let w = (0..<parts).map { _ in g.pick(syllables) }.joined()
    return w.prefix(1).uppercased() + w.dropFirst()
}

func sanctionsBenchmark(entries: Int, queries: Int) throws {
    var g = Generator(state: 42)
    var list: [WatchlistEntry] = []
    for i in 0..<entries {
        if i % 2 == 0 {
            list.append(
                WatchlistEntry(
                    id: "E\(i)", kind: .person, names: ["\(word(&g, 2)) \(word(&g, 3)) \(word(&g, 3))"],
                    birthDates: ["19\(50 + i % 50)-01-01"], countries: ["RU"], programme: "UKR", listedOn: nil, reference: nil))
        } else {
            list.append(
                WatchlistEntry(
                    id: "E\(i)", kind: .entity, names: ["\(g.pick(forms)) \(word(&g, 3)) \(word(&g, 2))"], birthDates: [],
                    countries: ["RU"], programme: "RUS", listedOn: nil, reference: nil))
        }
    }
    // A tenth of the queries are listed names in another word order; the rest are new names.
    var names: [(String, WatchlistEntry.Kind)] = []
    for i in 0..<queries {
        if i % 10 == 0 {
            let entry = list[Int(g.next() % UInt64(list.count))]
            names.append((entry.names[0].split(separator: " ").reversed().joined(separator: " "), entry.kind))
        } else {
            names.append(i % 2 == 0 ? ("\(word(&g, 2)) \(word(&g, 3))", .person) : ("\(word(&g, 3)) \(word(&g, 2)) B.V.", .entity))
        }
    }
    let rules = try RuleBook.load(directory: RuleBook.defaultDirectory() ?? "checklists")
    let started = Date()
    let index = SanctionsIndex(lists: [Watchlist(name: "synthetic", format: .csv, listDate: nil, sha256: "", entries: list)], rules: rules)
    let built = Date()
    var hits = 0
    for (name, kind) in names { hits += index.search(name, kind: kind, limit: 1).count }
    let done = Date()
    print(
        String(
            format: "sanctions: %d entries indexed in %.3f s; %d names screened in %.3f s (%.1f µs per name); %d hits",
            entries, built.timeIntervalSince(started), queries, done.timeIntervalSince(built),
            done.timeIntervalSince(built) / Double(queries) * 1e6, hits))
}

let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "sanctions":
    let rest = Array(arguments.dropFirst())
    try sanctionsBenchmark(
        entries: rest.count > 0 ? Int(rest[0]) ?? 10_000 : 10_000, queries: rest.count > 1 ? Int(rest[1]) ?? 1_000 : 1_000)
case "yaml-compose":
    // How much of the rule-data load is YAML parsing itself (not Codable decoding).
    let directory = RuleBook.defaultDirectory() ?? "checklists"
    var nodes = 0
    for name in RuleBook.fileNames where name.hasSuffix(".yaml") {
        let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
        if let node = try Yams.compose(yaml: text) { nodes += node.mapping?.count ?? 0 }
    }
    print("composed, \(nodes) top-level keys")
case "rules":
    // Loads checklists/ once (what every screen run pays before the first bidder).
    let started = Date()
    let book = try RuleBook.load(directory: RuleBook.defaultDirectory() ?? "checklists")
    print(String(format: "rules: %d files loaded in %.1f ms", book.files.count, Date().timeIntervalSince(started) * 1000))
default:
    print("usage: uea-bench sanctions [ENTRIES] [QUERIES] | rules")
}
