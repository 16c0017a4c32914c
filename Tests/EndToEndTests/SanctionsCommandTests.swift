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
