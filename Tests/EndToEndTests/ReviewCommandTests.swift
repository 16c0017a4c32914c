import Foundation
import TestSupport
import Testing

/// The jurist's path: screen into a store, decide on findings, re-screen (decisions carried), change
/// an input (that decision reopens), overview for the award advice, export and verify with decisions.
@Suite("Review decisions and the tender overview")
struct ReviewCommandTests {
    func id(_ store: String, _ bidder: String) throws -> String {
        String(try ueaScreen("dossier", "list", "--store", store, "--bidder", bidder).stdout.split(separator: "\n").last?.prefix(8) ?? "")
    }

    /// The fingerprint (8 characters) of the one finding of `check` with `severity` in a dossier.
    static func fingerprint(_ store: String, _ dossier: String, check: String, severity: String) throws -> String {
        let json = try ueaScreen("review", dossier, "--store", store, "--format", "json").stdout
        let review = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let items = (review["items"] as? [[String: Any]] ?? []).filter {
            $0["check"] as? String == check && $0["severity"] as? String == severity
        }
        #expect(items.count == 1)
        return String((items.first?["fingerprint"] as? String ?? "").prefix(8))
    }

    @Test(
        "Decisions are recorded, carried to an unchanged re-screen, reopened when the evidence changes, and travel with the bundle",
        arguments: TestStores.backends)
    func jurisPath(backend: String) throws {
        let directory = try Paths.temporaryDirectory()
        let tender = directory.appendingPathComponent("tender").path
        try FileManager.default.copyItem(atPath: Paths.repositoryFile("samples/zonnepark-lelystad"), toPath: tender)
        let store = try TestStores.fresh(backend)
        defer { TestStores.drop(store) }
        #expect(try ueaScreen("screen", tender, "--store", store).status == 1)
        let polder = try id(store, "Polder Energie")
        let sunrise = try id(store, "Sunrise PV")
        let devries = try id(store, "Bouwgroep De Vries")
        let letter = directory.appendingPathComponent("brief-herstelmaatregelen.txt").path
        try "Brief van de inschrijver over de genomen herstelmaatregelen.".write(toFile: letter, atomically: true, encoding: .utf8)

        // Refusals first: no reason, needs-information without a date, a finding the dossier does not have.
        #expect(try ueaScreen("review", polder, "exclusion.mandatory-ground", "--decision", "accepted", "--store", store).status == 64)
        #expect(
            try ueaScreen(
                "review", polder, "exclusion.mandatory-ground", "--decision", "needs-information", "--reason", "x", "--store", store
            ).status == 64)
        let unknown = try ueaScreen("review", polder, "solar.xinjiang", "--decision", "accepted", "--reason", "x", "--store", store)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("names no finding of this dossier"))

        let accepted = try ueaScreen(
            "review", polder, "exclusion.mandatory-ground", "--decision", "accepted", "--by", "mr. A. Jurist",
            "--reason", "herstelmaatregelen voldoende (art. 2.87a Aw 2012)", "--attach", letter, "--store", store)
        #expect(accepted.status == 0, "\(accepted.stderr)")
        // Name-match hits are cleared one by one (domain §9b): the three list hits at once are refused.
        let bulk = try ueaScreen(
            "review", sunrise, "sanctions.listed-party", "--decision", "false-positive", "--reason", "andere entiteit", "--store", store)
        #expect(bulk.status == 2)
        #expect(bulk.stderr.contains("3 name-match hits named at once"), "\(bulk.stderr)")
        let freezeHit = try Self.fingerprint(store, sunrise, check: "sanctions.listed-party", severity: "blocker")
        #expect(
            try ueaScreen(
                "review", sunrise, freezeHit, "--decision", "false-positive", "--reason", "andere entiteit: KvK-nummer en land wijken af",
                "--store", store
            ).status == 0)
        let excluded = try ueaScreen(
            "review", devries, "exclusion.conflict-unexplained", "--decision", "excluded", "--reason", "betrokken bij de voorbereiding",
            "--store", store, "--format", "json")
        let review = try #require(try JSONSerialization.jsonObject(with: Data(excluded.stdout.utf8)) as? [String: Any])
        #expect(review["outcomeAfter"] as? String == "excluded")
        let sunriseReview = try ueaScreen("review", sunrise, "--store", store, "--format", "json")
        #expect(
            (try JSONSerialization.jsonObject(with: Data(sunriseReview.stdout.utf8)) as? [String: Any])?["outcomeAfter"] as? String
                == "attention")  // its only blocker cleared

        // An unchanged re-screen: the decisions apply again, shown with where they come from.
        let again = try ueaScreen("screen", tender, "--store", store)
        #expect(again.stderr.contains("Polder Energie Techniek B.V.: 1 earlier decision(s) apply again; 0 on evidence that changed"))
        let carried = try ueaScreen("review", try id(store, "Polder Energie"), "--store", store)
        #expect(carried.stdout.contains("accepted (mr. A. Jurist"))
        #expect(carried.stdout.contains("[uit eerdere versie \(polder)]"))

        // The conviction date changes: that finding is open again, the old decision shown as such.
        let espd = tender + "/bidders/2-polder-energie-combinatie/uea-penvoerder.xml"
        try String(contentsOfFile: espd, encoding: .utf8).replacingOccurrences(of: "2023-03-14", with: "2023-04-14").write(
            toFile: espd, atomically: true, encoding: .utf8)
        let changed = try ueaScreen("screen", tender, "--store", store)
        #expect(changed.stderr.contains("Polder Energie Techniek B.V.: 0 earlier decision(s) apply again; 1 on evidence that changed"))
        let reopened = try ueaScreen("review", try id(store, "Polder Energie"), "--store", store)
        let groundLines = reopened.stdout.components(separatedBy: "exclusion.mandatory-ground C3: Verplichte uitsluitingsgrond C3")
        #expect(groundLines.count == 2)  // the finding's own text, with its ground
        #expect(groundLines.last?.split(separator: "\n").dropFirst().first?.hasSuffix("beslissing: open") == true)
        #expect(reopened.stdout.contains("eerdere beslissing, bewijs gewijzigd: exclusion.mandatory-ground accepted"))

        // The overview for the award advice.
        let out = directory.appendingPathComponent("advies").path
        #expect(try ueaScreen("overview", "PFL-2026-017", "--store", store, "--out", out).status == 0)
        let html = try String(contentsOfFile: out + "/overview.html", encoding: .utf8)
        #expect(
            html.contains("Overzicht screening voor het gunningsadvies") && html.contains("uitgesloten") && html.contains("Handtekening"))
        // the tender dossier was stored too
        #expect(html.contains("Bevindingen over de aanbesteding zelf") && !html.contains("geen tenderdossier in het register"))
        let csv = try String(contentsOfFile: out + "/overview.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 5)  // header and four bidders
        #expect((try FileManager.default.attributesOfItem(atPath: out + "/overview.html")[.posixPermissions] as? Int) == 0o600)

        // Export with the decisions and their attachment; verify; a changed attachment is found.
        let bundle = directory.appendingPathComponent("bundle.tar").path
        #expect(try ueaScreen("dossier", "export", "--store", store, "--tender", "PFL-2026-017", "--out", bundle, "--plain").status == 0)
        #expect(try ueaScreen("dossier", "verify", "--bundle", bundle).status == 0)
        let listing = try run(which("tar")!, ["-xOf", bundle, "manifest.json"]).stdout
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(listing.utf8)) as? [String: Any])
        #expect(((manifest["decisions"] as? [[String: Any]]) ?? []).count >= 3)
        #expect(listing.contains("brief-herstelmaatregelen.txt"))
        #expect(try ueaScreen("dossier", "verify", "--store", store).status == 0)
    }
}
