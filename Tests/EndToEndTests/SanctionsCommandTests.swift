import Foundation
import TestSupport
import Testing

@Suite("uea-screen match and watchlist")
struct SanctionsCommandTests {
    let lists = "samples/zonnepark-lelystad/watchlists"

    @Test("match shows the candidate, its list, score and why; exit 1 on a hit")
    func matchHit() throws {
        let result = try ueaScreen("match", "--watchlists", lists, "Сибирский Кремний ООО")
        #expect(result.status == 1)
        #expect(result.stdout.contains("1.00  OOO Sibirskiy Kremniy  [eu-consolidated EU.9001.01, RUS]"))
        #expect(result.stdout.contains("sibirskiy = sibirskiy"))
    }

    @Test("match on a clean name exits 0; a birth date rules a person out")
    func matchClean() throws {
        #expect(try ueaScreen("match", "--watchlists", lists, "Zonnebouw Flevoland B.V.").status == 0)
        #expect(try ueaScreen("match", "--watchlists", lists, "--kind", "person", "Alexander Volkov").status == 1)
        #expect(
            try ueaScreen("match", "--watchlists", lists, "--kind", "person", "--birth-date", "1990-05-05", "Alexander Volkov").status == 0)
        let json = try ueaScreen("match", "--watchlists", lists, "--format", "json", "Siberian Silicon")
        let rows = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let candidate = try #require((rows.first?["candidates"] as? [[String: Any]])?.first)
        #expect(candidate["matchedAlias"] as? String == "Siberian Silicon LLC")
    }

    @Test("watchlist import validates, records and lists; a broken list exits 2 with its line")
    func importCommand() throws {
        let directory = try Paths.temporaryDirectory()
        let imported = try ueaScreen(
            "watchlist", "import", "samples/lists/eu-fsf-sample.xml", "--name", "eu", "--watchlists", directory.path)
        #expect(imported.status == 0)
        #expect(imported.stdout.contains("imported eu: 4 entries (2 entity, 2 person), eu-fsf, list date 2026-10-12"))
        let listed = try ueaScreen("watchlist", "list", "--watchlists", directory.path)
        #expect(listed.stdout.hasPrefix("eu\teu-fsf\t2026-10-12\t4 entries"))
        let bad = directory.appendingPathComponent("bad.csv").path
        try "name,kind\nX,robot\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try ueaScreen("watchlist", "import", bad, "--watchlists", directory.path)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("bad.csv:2:"))
    }
}

@Suite("uea-screen watchlist with the published lists", .enabled(if: Paths.hasWatchlists, Paths.watchlistsMissing))
struct PublishedListCommandTests {
    @Test(
        "The UN list and OFAC's SDN files are imported by content; list --format json gives counts, files and hashes; match finds an alias")
    func importAndList() throws {
        let directory = try Paths.temporaryDirectory().appendingPathComponent("watchlists").path
        let corpus = Paths.watchlists.appendingPathComponent("watchman-testdata").path
        let un = try ueaScreen("watchlist", "import", corpus + "/UN_consolidated.xml", "--name", "un", "--watchlists", directory)
        #expect(un.status == 0)
        #expect(un.stdout.contains("imported un: 1003 entries (273 entity, 730 person), un, list date 2026-02-27"), "\(un.stdout)")
        let ofac = try ueaScreen("watchlist", "import", corpus + "/sdn.csv", "--name", "ofac-sdn", "--watchlists", directory)
        #expect(ofac.status == 0)
        #expect(ofac.stderr.contains("records of type vessel are counted and never matched"))
        let listed = try ueaScreen("watchlist", "list", "--format", "json", "--watchlists", directory)
        let records = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        let sdn = try #require(records.first { $0["name"] as? String == "ofac-sdn" })
        #expect((sdn["files"] as? [[String: Any]])?.map { $0["name"] as? String } == ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"])
        #expect((sdn["counts"] as? [String: Int])?["vessel"] != nil)
        // The recorded hashes are what sha256sum computes.
        let sum = try run(try #require(which("sha256sum")), [corpus + "/UN_consolidated.xml"])
        #expect((records.first { $0["name"] as? String == "un" })?["sha256"] as? String == String(sum.stdout.prefix(64)))
        // An alias of alt.csv (ent_num 306: BANCO NACIONAL DE CUBA).
        let match = try ueaScreen("match", "National Bank of Cuba", "--watchlists", directory)
        #expect(match.status == 1)
        #expect(match.stdout.contains("BANCO NACIONAL DE CUBA  [ofac-sdn SDN-306, CUBA]"), "\(match.stdout)")
        // A companion on its own is refused with its line, and nothing is recorded.
        let companion = try ueaScreen("watchlist", "import", corpus + "/alt.csv", "--watchlists", directory)
        #expect(companion.status == 2)
        #expect(companion.stderr.contains("alt.csv:1: an OFAC companion file"))
    }
}
