// Benchmarks that need the libraries directly (whole-process benchmarks are in bench/*.sh).
// Usage: swift run -c release uea-bench sanctions [ENTRIES] [QUERIES]
// (also times the published UN and OFAC lists of ../shared, or of UEA_BENCH_LISTS)
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

/// Matching against the published lists of the corpus (UN consolidated, OFAC SDN and non-SDN, US
/// CSL), read as `watchlist import` reads them: time to read, to index and to screen `queries`
/// names (a tenth of them listed names, the rest new names), and the peak memory.
func publishedListsBenchmark(folder: String, queries: Int) throws {
    let rules = try RuleBook.load(directory: RuleBook.defaultDirectory() ?? "checklists")
    let started = Date()
    let lists = try ["UN_consolidated.xml", "sdn.csv", "cons_prim.csv", "csl.csv"].map {
        try WatchlistParser.load(path: folder + "/" + $0)
    }
    let read = Date()
    let index = SanctionsIndex(lists: lists, rules: rules)
    let built = Date()
    var g = Generator(state: 7)
    let entries = lists.flatMap(\.entries)
    var names: [(String, WatchlistEntry.Kind)] = []
    for i in 0..<queries {
        if i % 10 == 0 {
            let entry = entries[Int(g.next() % UInt64(entries.count))]
            names.append((g.pick(entry.names), entry.kind))
        } else {
            names.append(i % 2 == 0 ? ("\(word(&g, 2)) \(word(&g, 3))", .person) : ("\(word(&g, 3)) \(word(&g, 2)) B.V.", .entity))
        }
    }
    let screening = Date()
    var hits = 0
    for (name, kind) in names { hits += index.search(name, kind: kind, limit: 1).count }
    let done = Date()
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    print(
        String(
            format:
                "published lists: %d entries (%@) read in %.3f s, indexed in %.3f s; %d names screened in %.3f s (%.1f µs per name); %d hits; peak memory %.0f MB",
            entries.count, lists.map { "\($0.name) \($0.entries.count)" }.joined(separator: ", "), read.timeIntervalSince(started),
            built.timeIntervalSince(read), queries, done.timeIntervalSince(screening),
            done.timeIntervalSince(screening) / Double(queries) * 1e6, hits, Double(usage.ru_maxrss) / 1024))
}

let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "sanctions":
    let rest = Array(arguments.dropFirst())
    try sanctionsBenchmark(
        entries: rest.count > 0 ? Int(rest[0]) ?? 10_000 : 10_000, queries: rest.count > 1 ? Int(rest[1]) ?? 1_000 : 1_000)
    // The published lists of ../shared (or UEA_BENCH_LISTS), when they are there; said when not.
    let published =
        ProcessInfo.processInfo.environment["UEA_BENCH_LISTS"] ?? "../shared/corpus/watchlists/watchman-testdata"
    if FileManager.default.fileExists(atPath: published + "/sdn.csv") {
        try publishedListsBenchmark(folder: published, queries: rest.count > 1 ? Int(rest[1]) ?? 1_000 : 1_000)
    } else {
        print("published lists: skipped, \(published)/sdn.csv is absent (set UEA_BENCH_LISTS to the folder of the UN and OFAC files)")
    }
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
