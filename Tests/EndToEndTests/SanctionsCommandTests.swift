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

/// Lists as versions (issue 28): a re-import never silently drops a listed party, earlier versions
/// are kept and chained, a list from the future is refused, and a changed index is never used.
@Suite("Watchlist versions and the index's hash")
struct WatchlistVersionTests {
    let sample = "samples/lists/eu-fsf-sample.xml"
    let listed = "OOO Sibirskiy Kremniy"

    /// The sample list without its first entry (EU.9001.01, the listed silicon supplier), dated a month later.
    func withoutFirstEntry(in directory: URL) throws -> String {
        let text = try String(contentsOfFile: Paths.repositoryFile(sample), encoding: .utf8)
        let start = try #require(
            text.range(of: "  <sanctionEntity designationDetails=\"\" unitedNationId=\"\" euReferenceNumber=\"EU.9001.01\""))
        let end = try #require(text.range(of: "</sanctionEntity>\n", range: start.upperBound..<text.endIndex))
        let path = directory.appendingPathComponent("eu-next.xml").path
        try (text[..<start.lowerBound] + text[end.upperBound...]).replacingOccurrences(of: "2026-10-12T17", with: "2026-11-12T17")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(
        "A version that drops an entry is refused and changes nothing; with --allow-removals it is imported, says what changed, and the earlier version is kept and chained"
    )
    func removals() throws {
        let directory = try Paths.temporaryDirectory()
        let lists = directory.appendingPathComponent("watchlists").path
        #expect(try ueaScreen("watchlist", "import", sample, "--name", "eu", "--watchlists", lists).status == 0)
        let manifest = try String(contentsOfFile: lists + "/manifest.json", encoding: .utf8)
        let next = try withoutFirstEntry(in: directory)
        let refused = try ueaScreen("watchlist", "import", next, "--name", "eu", "--watchlists", lists)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("1 entry of eu as imported on "), "\(refused.stderr)")
        #expect(refused.stderr.contains("(EU.9001.01 OOO Sibirskiy Kremniy)"))
        #expect(try String(contentsOfFile: lists + "/manifest.json", encoding: .utf8) == manifest)
        #expect(try ueaScreen("match", listed, "--watchlists", lists).status == 1)
        let accepted = try ueaScreen("watchlist", "import", next, "--name", "eu", "--watchlists", lists, "--allow-removals")
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(
            accepted.stderr.contains(
                "eu: since the previous version 0 added, 1 removed, 0 changed (removed: EU.9001.01 OOO Sibirskiy Kremniy)"))
        #expect(try ueaScreen("match", listed, "--watchlists", lists).status == 0)
        // The earlier version: its file under history/, its record in the manifest's history, named by hash.
        struct Manifest: Decodable {
            struct Record: Decodable {
                var file: String
                var sha256: String
                var previous: String?
            }
            var lists: [Record]
            var history: [Record]
        }
        let data = try #require(FileManager.default.contents(atPath: lists + "/manifest.json"))
        let read = try JSONDecoder().decode(Manifest.self, from: data)
        #expect(read.history.count == 1)
        let earlier = try #require(read.history.first)
        #expect(earlier.file.hasPrefix("history/eu/"))
        let kept = try run(try #require(which("sha256sum")), [lists + "/" + earlier.file])
        #expect(kept.stdout.hasPrefix(earlier.sha256))
        #expect(read.lists.first?.previous?.count == 64)
    }

    @Test("A list dated after today is refused with its date")
    func futureDate() throws {
        let directory = try Paths.temporaryDirectory()
        let text = try String(contentsOfFile: Paths.repositoryFile(sample), encoding: .utf8)
        let path = directory.appendingPathComponent("eu-2099.xml").path
        try text.replacingOccurrences(of: "2026-10-12T17", with: "2099-10-12T17").write(toFile: path, atomically: true, encoding: .utf8)
        let result = try ueaScreen("watchlist", "import", path, "--watchlists", directory.appendingPathComponent("w").path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("the list is dated 2099-10-12, after today"), "\(result.stderr)")
        let csv = try ueaScreen(
            "watchlist", "import", "samples/lists/own-list.csv", "--date", "2099-01-01", "--watchlists",
            directory.appendingPathComponent("w").path)
        #expect(csv.status == 2)
    }

    @Test("A bit flipped anywhere in index.bin: the index is not used, the listed party is still found, and the index is written again")
    func flippedIndex() throws {
        let directory = try Paths.temporaryDirectory()
        let lists = directory.appendingPathComponent("watchlists").path
        #expect(try ueaScreen("watchlist", "import", sample, "--name", "eu", "--watchlists", lists).status == 0)
        let index = lists + "/index.bin"
        let original = try #require(FileManager.default.contents(atPath: index))
        var missed: [Int] = []
        // Every 1/61 of the file, header to payloads (the offsets where a flip once lost the hit).
        for step in 0..<61 {
            let offset = step * (original.count - 1) / 60
            var flipped = original
            flipped[offset] ^= 0x04
            try flipped.write(to: URL(fileURLWithPath: index))
            let result = try ueaScreen("match", listed, "--watchlists", lists)
            if result.status != 1 || !result.stdout.contains("OOO Sibirskiy Kremniy  [eu EU.9001.01") { missed.append(offset) }
            #expect(result.stderr.contains("index.bin is not used"), "offset \(offset): \(result.stderr)")
            // Written again: the next run uses it without a word.
            #expect(try ueaScreen("match", listed, "--watchlists", lists).stderr.isEmpty)
        }
        #expect(missed.isEmpty, "the listed party was lost with a bit flipped at \(missed)")
    }
}
