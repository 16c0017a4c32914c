import DossierModel
import Foundation
import TestSupport
import Testing

@testable import Names

/// The name index `watchlist import` writes, read by `screen` instead of indexing every list.
@Suite("Persisted watchlist index")
struct PersistedIndexTests {
    /// A list of 2,000 made-up entries plus the sample's lists, imported into a fresh folder.
    func importedStore() throws -> WatchlistStore {
        let directory = try Paths.temporaryDirectory().appendingPathComponent("watchlists").path
        let store = WatchlistStore(directory: directory)
        // A list of persons in CSV is the province's own kind of list: each person with its basis, decision and end.
        var csv = "name,aliases,kind,birth_date,country,programme,listed_on,reference,legal_basis,source_decision,until\n"
        let given = ["Ivan", "Sergei", "Olga", "Yuri", "Anna", "Pavel", "Dmitri", "Maria", "Oleg", "Irina"]
        let family = ["Petrov", "Sokolov", "Volkova", "Shoigu", "Kuznetsov", "Popova", "Zhukova", "Morozov", "Lebedev", "Kozlova"]
        for i in 0..<1000 {
            csv +=
                "\(given[i % 10]) \(family[(i / 10) % 10])\(i),\(given[i % 10]) \(family[(i / 10) % 10])-\(i),person,19\(50 + i % 40)-01-01,RU,UKR,2024-01-01,P\(i),art. 2.87 Aw 2012,besluit \(i),2099-12-31\n"
            csv += "\"\(family[i % 10]) Trading \(i) LLC\",\"\(family[i % 10]) Torg \(i)\",entity,,RU,RUS,2024-01-01,E\(i),,,\n"
        }
        let file = (directory as NSString).deletingLastPathComponent + "/synthetic.csv"
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        try store.importList(path: file, format: .csv, name: "synthetic", listDate: Day("2026-11-01"), rules: Fixtures.rules)
        try store.importList(
            path: Paths.repositoryFile("samples/zonnepark-lelystad/watchlists/provincie-uitsluitingen.csv"), format: .csv,
            name: "provincie",
            listDate: Day("2026-10-01"), rules: Fixtures.rules)
        return store
    }

    static let queries: [(String, WatchlistEntry.Kind)] = [
        ("Olga Volkova12", .person), ("Sergej Sjojgoe31", .person), ("Petrov Ivan0", .person), ("Iouri Choigou33", .person),
        ("Polderbouw Infra", .entity),
        ("Shoigu Trading 3 LLC", .entity), ("Zhukova Torg 6", .entity), ("Kuznetsov Trading 999 OOO", .entity),
        ("Noordzee Modules B.V.", .entity), ("Jan Jansen", .person),
    ]

    @Test("Searching through the persisted index gives exactly the hits of the index built in memory")
    func sameHits() throws {
        let store = try importedStore()
        let loaded = try store.loadForScreening(rules: Fixtures.rules)
        #expect(loaded.notice == nil)
        let persisted = try #require(loaded.persisted)
        let viaFile = SanctionsIndex(persisted: persisted, extra: [], rules: Fixtures.rules)
        let inMemory = SanctionsIndex(lists: try store.loadAll(), rules: Fixtures.rules)
        var hits = 0
        for (name, kind) in Self.queries {
            for all in [false, true] {
                let a = viaFile.search(name, kind: kind, limit: 10, all: all)
                let b = inMemory.search(name, kind: kind, limit: 10, all: all)
                #expect(a == b, "\(name) all=\(all)")
                if !all { hits += a.count }
            }
        }
        #expect(hits >= 5)  // the comparison covers real hits, not only empty results
        #expect(viaFile.lists.map(\.version) == inMemory.lists.map(\.version))
    }

    @Test(
        "An index that does not fit (other name rules, a damaged file) is not used: the lists are indexed in memory and a notice says why")
    func staleOrDamaged() throws {
        let store = try importedStore()
        var rules = Fixtures.rules
        rules.names.legalForms.append("torg")
        let stale = try store.loadForScreening(rules: rules)
        #expect(stale.persisted == nil)
        #expect(stale.notice?.contains("other name rules") == true)
        #expect(stale.lists.map(\.entries.count).reduce(0, +) == 2001)
        let path = store.directory + "/index.bin"
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        for damage in [
            { (d: inout Data) in d.removeLast(100) },
            { d in
                d[d.count / 2] ^= 0xFF
                d[d.count / 2 + 1] ^= 0xFF
                d.removeLast(1)
            },
            { d in d.replaceSubrange(0..<8, with: Data("XXXXXXXX".utf8)) }, { d in d = Data() },
        ] as [(inout Data) -> Void] {
            var bytes = original
            damage(&bytes)
            try bytes.write(to: URL(fileURLWithPath: path))
            let loaded = try store.loadForScreening(rules: Fixtures.rules)
            #expect(loaded.persisted == nil)
            #expect(loaded.notice?.contains("is not used") == true, "\(loaded.notice ?? "")")
            #expect(SanctionsIndex(lists: loaded.lists, rules: Fixtures.rules).search("Polderbouw Infra", kind: .entity).count == 1)
        }
        // A list file changed after import is refused, as before.
        try original.write(to: URL(fileURLWithPath: path))
        try "name,aliases,kind\nSomeone Else,,person\n".write(toFile: store.directory + "/synthetic.csv", atomically: true, encoding: .utf8)
        #expect { try store.loadForScreening(rules: Fixtures.rules) } throws: { "\($0)".contains("changed since it was imported") }
    }

    @Test(
        "The sample's watchlist index fits this version (else: uea-screen watchlist reindex --watchlists samples/zonnepark-lelystad/watchlists)"
    )
    func sampleIndexCurrent() throws {
        let loaded = try WatchlistStore(directory: Paths.repositoryFile("samples/zonnepark-lelystad/watchlists")).loadForScreening(
            rules: Fixtures.rules)
        #expect(loaded.notice == nil, "\(loaded.notice ?? "")")
        #expect(loaded.persisted != nil)
    }
}
