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

    static var today: String { String(ISO8601DateFormatter().string(from: Date()).prefix(10)) }

    /// How many findings and review items of a dossier carry a decision.
    static func decided(_ store: String, _ dossier: String) throws -> Int {
        let json = try ueaScreen("review", dossier, "--store", store, "--format", "json").stdout
        let review = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return ((review["items"] as? [[String: Any]] ?? []) + (review["reviewItems"] as? [[String: Any]] ?? [])).count {
            $0["decision"] != nil
        }
    }

    static func outcomeAfter(_ store: String, _ dossier: String) throws -> String? {
        let json = try ueaScreen("review", dossier, "--store", store, "--format", "json").stdout
        return (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["outcomeAfter"] as? String
    }

    @Test(
        "The tender's own findings are decided like a bidder's, named by the tender id: signed, checked by verify, shown in the overview; not awardable"
    )
    func tenderFindings() throws {
        let directory = try Paths.temporaryDirectory()
        let tender = directory.appendingPathComponent("tender").path
        try FileManager.default.copyItem(atPath: Paths.repositoryFile("samples/zonnepark-lelystad"), toPath: tender)
        // Published without most of the province's duties: five tender findings (attention), each asking why.
        let file = tender + "/tender.yaml"
        let yaml = try String(contentsOfFile: file, encoding: .utf8)
        let conditions = "contractConditions: [isv, due-diligence, sroi, biodiversity, bibob, supply-chain-transparency]"
        #expect(yaml.contains(conditions))
        try yaml.replacingOccurrences(of: conditions, with: "contractConditions: [isv]").write(
            toFile: file, atomically: true, encoding: .utf8)
        let store = try TestStores.fresh("sqlite")
        #expect(try ueaScreen("screen", tender, "--store", store).status == 1)
        let sroi = try Self.fingerprint(store, "PFL-2026-017", check: "tender.sroi", severity: "attention")
        #expect(try ueaScreen("team", "init", "--name", "mr. A. Jurist", "--role", "jurist", "--store", store).status == 0)
        let decided = try ueaScreen(
            "review", "PFL-2026-017", "tender.sroi", "--decision", "justification-recorded", "--reason",
            "SROI niet passend: motivering in nota 2026-14", "--store", store)
        #expect(decided.status == 0, "\(decided.stderr)")
        #expect(decided.stdout.hasPrefix("justification-recorded recorded for tender.sroi [\(sroi)] by mr. A. Jurist as entry "))
        #expect(decided.stdout.contains("\naanbesteding  PFL-2026-017  dossier "))
        let json = try ueaScreen("review", "PFL-2026-017", "--store", store, "--format", "json").stdout
        let review = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let items = try #require(review["items"] as? [[String: Any]])
        #expect(items.count == 5)
        #expect(items.filter { $0["decision"] != nil }.map { $0["check"] as? String } == ["tender.sroi"])
        let overview = try ueaScreen("overview", "PFL-2026-017", "--store", store, "--format", "md")
        #expect(
            overview.stdout.contains("— Beslissing: tender.sroi: motivering vastgelegd (voorgesteld door mr. A. Jurist"),
            "\(overview.stdout)")
        #expect(overview.stdout.components(separatedBy: "— Beslissing: open").count == 5)
        let unknown = try ueaScreen("review", "PFL-2099-001", "--store", store)
        #expect(unknown.status == 2 && unknown.stderr.contains("is neither a dossier id nor a tender"))
        let tenderDossier = String(try #require(review["dossier"] as? String).prefix(8))
        let award = try ueaScreen("dossier", "award", tenderDossier, "--store", store)
        #expect(award.status == 2 && award.stderr.contains("the tender's own dossier"), "\(award.stderr)")
        #expect(try ueaScreen("dossier", "verify", "--store", store).status == 0)
    }

    @Test(
        "Without a second account (root for SQLite, CREATEROLE for PostgreSQL) the four-eyes path cannot run: said here",
        .enabled(if: ["sqlite", "postgres"].contains { OtherPerson.unavailable($0) != nil }))
    func fourEyesSkipped() {
        for reason in ["sqlite", "postgres"].compactMap(OtherPerson.unavailable) {
            withKnownIssue(Comment(rawValue: reason)) { Issue.record(Comment(rawValue: reason)) }
        }
    }

    @Test(
        "Decisions are recorded, carried to an unchanged re-screen, reopened when the evidence changes, and travel with the bundle",
        arguments: ["sqlite", "postgres"].filter { OtherPerson.unavailable($0) == nil })
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

        // Nobody is registered yet: no decision can be recorded, whatever name is given.
        let elements = [
            "--compensation", "schade aan de provincie vergoed (betaling 2024-05-01)",
            "--cooperation", "volledige medewerking aan het onderzoek van het OM (brief OM 2023-09-12)",
            "--measures", "bestuurder ontslagen, compliance-officer aangesteld, vier-ogenprincipe bij betalingen",
        ]
        let nobody = try ueaScreen(
            ["review", polder, "exclusion.mandatory-ground", "--decision", "measures-accepted", "--reason", "x", "--store", store]
                + elements)
        #expect(nobody.status == 2)
        #expect(nobody.stderr.contains("is not a registered member of this store's team"), "\(nobody.stderr)")
        #expect(
            try ueaScreen("review", polder, "C3", "--decision", "ground-not-applicable", "--reason", "x", "--by", "x", "--store", store)
                .status == 64)
        let initialised = try ueaScreen("team", "init", "--name", "mr. A. Jurist", "--role", "jurist", "--store", store)
        #expect(initialised.status == 0, "\(initialised.stderr)")
        let other = try OtherPerson.make(backend: backend, store: store)
        // Registered first as inkoopadviseur: no mandate to confirm a decision on a blocker.
        #expect(try other.register(name: "mr. B. Tweede", roles: ["inkoopadviseur"], by: store).status == 0)

        // Refusals: the old ambiguous word, no reason, needs-information without a date, a finding the dossier does not have.
        let ambiguous = try ueaScreen(
            "review", polder, "exclusion.mandatory-ground", "--decision", "accepted", "--reason", "x", "--store", store)
        #expect(ambiguous.status == 64)
        #expect(ambiguous.stderr.contains("measures-accepted"))
        #expect(
            try ueaScreen("review", polder, "exclusion.mandatory-ground", "--decision", "measures-accepted", "--store", store).status == 64)
        #expect(
            try ueaScreen(
                "review", polder, "exclusion.mandatory-ground", "--decision", "needs-information", "--reason", "x", "--store", store
            ).status == 64)
        let unknown = try ueaScreen(
            "review", polder, "solar.xinjiang", "--decision", "ground-not-applicable", "--reason", "x", "--store", store)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("names no finding of this dossier"))

        // Accepting self-cleaning states each of the three elements of art. 2.87a Aw 2012: one missing is refused, nothing recorded.
        let twoElements = try ueaScreen(
            [
                "review", polder, "exclusion.mandatory-ground", "--decision", "measures-accepted", "--reason", "voldoende", "--store",
                store,
            ] + elements.dropLast(2))
        #expect(twoElements.status == 2)
        #expect(
            twoElements.stderr.contains("three elements of art. 2.87a Aw 2012") && twoElements.stderr.contains("missing: --measures")
                && twoElements.stderr.contains("nothing was recorded"), "\(twoElements.stderr)")
        #expect(try Self.decided(store, polder) == 0)
        // Elements of another kind of decision are refused too: nothing is silently dropped.
        let misplaced = try ueaScreen(
            "review", polder, "C3", "--decision", "ground-not-applicable", "--reason", "x", "--heard", "2026-01-05", "--store", store)
        #expect(misplaced.status == 2)
        #expect(misplaced.stderr.contains("belong to ground-confirmed, not ground-not-applicable"), "\(misplaced.stderr)")
        // One jurist proposes: the blocker stays, and the award is refused naming the unconfirmed decision.
        let proposed = try ueaScreen(
            [
                "review", polder, "exclusion.mandatory-ground", "--decision", "measures-accepted",
                "--reason", "herstelmaatregelen voldoende (art. 2.87a Aw 2012)", "--attach", letter, "--letter", "2026-01-10",
                "--store", store,
            ] + elements)
        #expect(proposed.status == 0, "\(proposed.stderr)")
        // The review prints each element under the decision, in Dutch, with the letter's date written out.
        let shown = try ueaScreen("review", polder, "--store", store)
        #expect(
            shown.stdout.contains("              schade vergoed of vergoeding toegezegd: schade aan de provincie vergoed"),
            "\(shown.stdout)")
        #expect(shown.stdout.contains("              feiten opgehelderd met de onderzoeksautoriteiten: volledige medewerking"))
        #expect(shown.stdout.contains("              technische, organisatorische en personele maatregelen: bestuurder ontslagen"))
        #expect(shown.stdout.contains("              brief aan de inschrijver van 10 januari 2026"))
        #expect(proposed.stdout.contains("proposed: the blocker stays until a second person (jurist or secretaris) confirms it"))
        #expect(try Self.outcomeAfter(store, polder) == "blocker")
        let early = try ueaScreen("dossier", "award", polder, "--reason", "besluit", "--store", store)
        #expect(early.status == 2)
        #expect(early.stderr.contains("unconfirmed decision on blocker exclusion.mandatory-ground C3"), "\(early.stderr)")
        // The proposer cannot confirm; an inkoopadviseur has no mandate; a jurist can.
        let own = try ueaScreen("review", polder, "exclusion.mandatory-ground", "--confirm", "--reason", "eens", "--store", store)
        #expect(own.status == 2)
        #expect(own.stderr.contains("four eyes: mr. A. Jurist proposed decision"), "\(own.stderr)")
        let adviser = try other.ueaScreen([
            "review", polder, "exclusion.mandatory-ground", "--confirm", "--reason", "eens", "--store", other.store,
        ])
        #expect(adviser.status == 2)
        #expect(adviser.stderr.contains("holds inkoopadviseur; this needs jurist or secretaris"), "\(adviser.stderr)")
        #expect(try other.register(name: "mr. B. Tweede", roles: ["jurist"], by: store).status == 0)
        let confirmed = try other.ueaScreen([
            "review", polder, "exclusion.mandatory-ground", "--confirm", "--reason", "de drie elementen zijn aangetoond", "--store",
            other.store,
        ])
        #expect(confirmed.status == 0, "\(confirmed.stderr)")
        #expect(confirmed.stdout.contains("voorgesteld door mr. A. Jurist, \(Self.today); bevestigd door mr. B. Tweede, \(Self.today)"))
        #expect(try Self.outcomeAfter(store, polder) == "blocker")  // the GVA blocker is still open

        // Name-match hits are cleared one by one (domain §9b): the two forced-labour list hits at once are refused.
        let bulk = try ueaScreen(
            "review", sunrise, "solar.listed-entity", "--decision", "not-the-listed-party", "--reason", "andere entiteit", "--store",
            store)
        #expect(bulk.status == 2)
        #expect(bulk.stderr.contains("2 name-match hits named at once"), "\(bulk.stderr)")
        let freezeHit = try Self.fingerprint(store, sunrise, check: "sanctions.listed-party", severity: "blocker")
        // Clearing a list hit states the identity evidence; the list entry and version are recorded with it.
        let noEvidence = try ueaScreen(
            "review", sunrise, freezeHit, "--decision", "not-the-listed-party", "--reason", "andere entiteit", "--store", store)
        #expect(noEvidence.status == 2)
        #expect(noEvidence.stderr.contains("at least one of --birth-date, --registration"), "\(noEvidence.stderr)")
        let cleared = try ueaScreen(
            "review", sunrise, freezeHit, "--decision", "not-the-listed-party", "--reason",
            "andere entiteit: KvK-nummer en land wijken af", "--registration",
            "KvK 87654321 (NL); de vermelde partij: OGRN 1022402646178 (RU)",
            "--nationality", "Nederland; de vermelde partij: Rusland", "--store", store)
        #expect(cleared.status == 0, "\(cleared.stderr)")
        let hitLines = try ueaScreen("review", sunrise, "--store", store).stdout
        #expect(hitLines.contains("              registratienummer: KvK 87654321 (NL)"), "\(hitLines)")
        #expect(hitLines.contains("              lijst: ") && hitLines.contains(", vermelding ") && hitLines.contains("SHA-256 "))
        #expect(try Self.outcomeAfter(store, sunrise) == "blocker")
        let bulkConfirm = try other.ueaScreen([
            "review", sunrise, "solar.listed-entity", "--confirm", "--reason", "eens", "--store", other.store,
        ])
        #expect(bulkConfirm.status == 2)
        #expect(
            try other.ueaScreen(["review", sunrise, freezeHit, "--confirm", "--reason", "identiteit gecontroleerd", "--store", other.store])
                .status == 0)
        #expect(try Self.outcomeAfter(store, sunrise) == "attention")  // its only blocker cleared, by two people
        let excluded = try ueaScreen(
            "review", devries, "exclusion.conflict-unexplained", "--decision", "ground-confirmed", "--reason",
            "betrokken bij de voorbereiding", "--proportionality", "voordeel niet op andere wijze weg te nemen (art. 2.87 Aw 2012)",
            "--heard", "2026-01-08", "--store", store, "--format", "json")
        let review = try #require(try JSONSerialization.jsonObject(with: Data(excluded.stdout.utf8)) as? [String: Any])
        #expect(review["outcomeAfter"] as? String == "excluded")
        let verified = try ueaScreen("dossier", "verify", "--store", store)
        #expect(verified.status == 0, "\(verified.stdout)")

        // An unchanged re-screen: the decisions apply again, shown with where they come from.
        let again = try ueaScreen("screen", tender, "--store", store)
        #expect(again.stderr.contains("Polder Energie Techniek B.V.: 1 earlier decision(s) apply again; 0 on evidence that changed"))
        let carried = try ueaScreen("review", try id(store, "Polder Energie"), "--store", store)
        #expect(carried.stdout.contains("measures-accepted (voorgesteld door mr. A. Jurist"))
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
        #expect(reopened.stdout.contains("eerdere beslissing, bewijs gewijzigd: exclusion.mandatory-ground measures-accepted"))

        // The overview for the award advice.
        let out = directory.appendingPathComponent("advies").path
        #expect(try ueaScreen("overview", "PFL-2026-017", "--store", store, "--out", out).status == 0)
        let html = try String(contentsOfFile: out + "/overview.html", encoding: .utf8)
        #expect(
            html.contains("Overzicht screening voor het gunningsadvies") && html.contains("uitgesloten") && html.contains("Handtekening"))
        // the tender dossier was stored too
        #expect(html.contains("Bevindingen over de aanbesteding zelf") && !html.contains("geen tenderdossier in het register"))
        // The integrity paragraph of the award advice (domain §9b): the tender and authority, the
        // reference date, the winner (none recorded yet), per bidder the outcome with its basis and
        // the open items by content, completeness, the AVG basis and retention, two signatories.
        for part in [
            "Zonnepark Lelystad-Noord, ontwerp en aanleg", "Aanbestedende dienst: Provincie Flevoland",
            "Peildatum (voor de leeftijd van bewijsstukken en uitsluitingstermijnen): 15 oktober 2026",
            "Beoogde winnaar: nog geen gunning vastgelegd", "<strong>Open punten</strong>", "grondslag: ", "4 inschrijvers gescreend",
            "Ontvangen inschrijvingen volgens het proces-verbaal van opening", "artikel 10 AVG, artikel 33 UAVG",
            "Opgesteld door (inkoopjurist)", "Vastgesteld door (met mandaat)", "eu-consolidated, 12 oktober 2026",
        ] {
            #expect(html.contains(part), "\(part)")
        }
        #expect(!html.contains("&amp;#39;") && !html.contains("2026-10-12"))
        let csv = try String(contentsOfFile: out + "/overview.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 5)  // header and four bidders
        #expect((try FileManager.default.attributesOfItem(atPath: out + "/overview.html")[.posixPermissions] as? Int) == 0o600)

        // Export with the decisions and their attachment; verify; a changed attachment is found.
        let bundle = directory.appendingPathComponent("bundle.tar").path
        #expect(try ueaScreen("dossier", "export", "--store", store, "--tender", "PFL-2026-017", "--out", bundle, "--plain").status == 0)
        let bundleVerified = try ueaScreen("dossier", "verify", "--bundle", bundle)
        #expect(bundleVerified.status == 0, "\(bundleVerified.stdout)\(bundleVerified.stderr)")
        let listing = try run(which("tar")!, ["-xOf", bundle, "manifest.json"]).stdout
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(listing.utf8)) as? [String: Any])
        #expect(((manifest["decisions"] as? [[String: Any]]) ?? []).count >= 3)
        // The confirmations travel with the decisions they confirm, and the team's registrations with them.
        #expect(((manifest["decisions"] as? [[String: Any]]) ?? []).contains { $0["kind"] as? String == "confirmation" })
        #expect(((manifest["people"] as? [[String: Any]]) ?? []).count >= 2)
        #expect(listing.contains("brief-herstelmaatregelen.txt"))
        #expect(try ueaScreen("dossier", "verify", "--store", store).status == 0)
    }
}
