import Foundation
import TestSupport
import Testing

@Suite("uea-screen screen and rules")
struct ScreenCommandTests {
    let sample = "samples/zonnepark-lelystad"

    @Test("Screening the sample tender prints one summary per bidder and exits 1")
    func sampleSummary() throws {
        let result = try ueaScreen("screen", sample)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        #expect(lines.count == 6)
        #expect(lines[5] == "4 van 4 inschrijvers gescreend: 1 in orde, 1 aandacht, 2 blokkerend")
        #expect(lines[0].hasPrefix("AANBESTEDING PFL-2026-017 Zonnepark Lelystad-Noord"))  // the tender's own dossier first
        #expect(lines[1].hasPrefix("IN ORDE     Zonnebouw Flevoland B.V."))
        #expect(lines[2].hasPrefix("BLOKKEREND  Polder Energie Techniek B.V."))
        #expect(lines[3].hasPrefix("BLOKKEREND  Sunrise PV Trading GmbH"))
        #expect(lines[4].hasPrefix("AANDACHT    Bouwgroep De Vries Holding B.V."))
        // the intended winner's
        #expect(result.stdout.contains("blokkerend gva.too-old: De Gedragsverklaring Aanbesteden van 1 juni 2024"))
        // No English status word in the Dutch summary; in English, the English words.
        for word in ["BLOCKER", "ATTENTION", "CLEAN", "TENDER", "screened", "blocker "] {
            #expect(!result.stdout.contains(word), "\(word)")
        }
        let english = try ueaScreen("screen", sample, "--lang", "en")
        #expect(english.stdout.contains("\nBLOCKER     Polder Energie Techniek B.V.  —  blocker 3, attention 4, info 0"))
        #expect(english.stdout.contains("screened 4 of 4 bidders: 1 clean, 1 attention, 2 blocker"))
        #expect(result.stdout.contains("[samples/zonnepark-lelystad/bidders/3-sunrise-pv-trading/supply-chain.csv:2]"))
    }

    @Test(
        "Every check family fires somewhere in the sample tender: the bidders' families in their dossiers, the tender's in tender.dossier.json"
    )
    func everyFamily() throws {
        let directory = try Paths.temporaryDirectory()
        let result = try ueaScreen("screen", sample, "--format", "json", "--out", directory.path)
        let dossiers = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(dossiers.first?["subject"] as? String == "tender")  // the tender's own dossier leads the array
        let families = Set(
            dossiers.dropFirst().flatMap { ($0["findings"] as? [[String: Any]] ?? []).compactMap { $0["family"] as? String } })
        #expect(families == ["espd", "exclusion", "gva", "coi", "bibob", "solar", "sanctions"])
        let tenderData = try #require(FileManager.default.contents(atPath: directory.appendingPathComponent("tender.dossier.json").path))
        let tender = try #require(JSONSerialization.jsonObject(with: tenderData) as? [String: Any])
        #expect(tender["subject"] as? String == "tender")
        #expect(tender["schema"] as? String == "uea-screen/tender-dossier/1")
        let tenderFamilies = Set((tender["findings"] as? [[String: Any]] ?? []).compactMap { $0["family"] as? String })
        #expect(tenderFamilies == ["mvo", "procedure"])
    }

    @Test("Help lists the values of each choice option; an unknown value is a usage error naming them")
    func choiceValues() throws {
        let help = try ueaScreen("screen", "--help")
        #expect(help.stdout.contains("(values: json, md, html, text)"))
        let match = try ueaScreen("match", "--help")
        #expect(match.stdout.contains("(values: person, entity;"))
        let wrong = try ueaScreen("screen", "--format", "pdf", sample)
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("json"))
    }

    @Test("The clean bidder alone exits 0")
    func cleanBidder() throws {
        let result = try ueaScreen("screen", "--tender", sample + "/tender.yaml", sample + "/bidders/1-zonnebouw-flevoland")
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").map { String($0.prefix(12)) } == ["AANBESTEDING", "IN ORDE     "])
    }

    @Test("--out writes a JSON dossier and Markdown and HTML reports per bidder; --lang en")
    func out() throws {
        let directory = try Paths.temporaryDirectory()
        let result = try ueaScreen("screen", sample, "--out", directory.path, "--lang", "en")
        #expect(result.status == 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files.contains("3-sunrise-pv-trading.dossier.json"))
        #expect(files.contains("3-sunrise-pv-trading.html"))
        #expect(files.contains("4-bouwgroep-de-vries.md"))
        #expect(!files.contains { $0.hasSuffix(".tmp") })
        let html = try String(contentsOfFile: directory.appendingPathComponent("3-sunrise-pv-trading.html").path, encoding: .utf8)
        #expect(html.contains("is located in Xinjiang"))
        #expect(html.contains("<h3>Blocker (1)</h3>"))  // the asset-freeze hit; Xinjiang and the US list are attention without a knock-out
        let markdown = try String(contentsOfFile: directory.appendingPathComponent("1-zonnebouw-flevoland.md").path, encoding: .utf8)
        #expect(markdown.contains("No blocking or attention findings."))
        // What was checked without a finding, and against which lists (name, date, hash).
        #expect(markdown.contains("## Checked without a finding"))
        #expect(markdown.contains("- Checks without a finding: ESPD, exclusion grounds, evidence"))
        #expect(markdown.contains("- Screened against the lists: eu-consolidated (2026-10-12, 4 entries, sha256 `536631abc546d934`)"))
    }

    @Test(
        "A knock-out that is no forced-labour check, or an unknown kind of requested document, refuses the tender file with its line; exit 2"
    )
    func tenderKnockOutsAndRequested() throws {
        let directory = try Paths.temporaryDirectory()
        let original = try String(contentsOfFile: sample + "/tender.yaml", encoding: .utf8)
        for (line, expected) in [
            ("knockOuts: [gva.too-old]", "knockOuts: 'gva.too-old' is not a check that may be made a knock-out"),
            ("requested: [gva, bankStatement]", "requested: 'bankStatement' is not a kind of supporting document"),
        ] {
            let key = String(line.prefix { $0 != ":" })
            let edited =
                original.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix(key + ":") }.joined(
                    separator: "\n") + "\n" + line + "\n"
            let tender = directory.appendingPathComponent("tender.yaml").path
            try edited.write(toFile: tender, atomically: true, encoding: .utf8)
            let result = try ueaScreen("screen", "--tender", tender, sample + "/bidders/1-zonnebouw-flevoland")
            #expect(result.status == 2)
            let lineNumber = edited.split(separator: "\n", omittingEmptySubsequences: false).count - 1
            #expect(result.stderr.contains("tender.yaml:\(lineNumber): \(expected)"), "\(result.stderr)")
        }
    }

    @Test("The Dutch reports of the sample have no English word outside names, quotes, code and legal citations")
    func dutchReport() throws {
        let markdown = try ueaScreen("screen", sample, "--format", "md").stdout
        // Words that are English and never Dutch (is, in, of and op are both; score is Dutch too; names
        // such as "BIS Entity List" are names).
        let english: Set<String> = [
            "the", "and", "with", "for", "to", "bidder", "tender", "ground", "grounds", "missing", "relative",
            "subcontractor", "declared", "answer", "question", "resembles", "evidence", "found", "none", "yes",
            "no", "true", "false", "not", "this", "that", "which", "has", "have", "was", "were", "are", "from",
            "by", "breaching", "obligations", "fields", "involvement", "preparation", "participation", "announced",
            "required", "settled", "claimed", "member", "role", "date",
        ]
        var offending: [String] = []
        for line in markdown.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            // Legal citations, evidence locations and check ids are cited as they are.
            if text.hasPrefix("- Grondslag:") || text.hasPrefix("- Bewijs:") || text.hasPrefix("- Controle:") { continue }
            var stripped = text
            for pattern in ["`[^`]*`", "'[^']*'", "‘[^’]*’", "“[^”]*”"] {
                stripped = stripped.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
            }
            let words = stripped.split(whereSeparator: { !$0.isLetter }).map { $0.lowercased() }
            if let word = words.first(where: english.contains) { offending.append("\(word): \(text.prefix(120))") }
        }
        #expect(offending.isEmpty, "\(offending.prefix(10))")
        // The header's reference date as a Dutch sentence writes it.
        #expect(markdown.contains("| Peildatum | 15 oktober 2026 |"))
        #expect(!markdown.contains("| Peildatum | 2026-10-15 |"))
    }

    @Test("A missing bidder folder is reported, the others are screened; exit 2")
    func refused() throws {
        let result = try ueaScreen(
            "screen", "--tender", sample + "/tender.yaml", "no/such/bidder", sample + "/bidders/1-zonnebouw-flevoland")
        #expect(result.status == 2)
        #expect(result.stderr.contains("no/such/bidder: no such file or folder"))
        #expect(result.stdout.contains("Zonnebouw Flevoland B.V."))
    }

    @Test("Broken rule data is reported with file and line before any bidder (rules load while bids are read); exit 2")
    func brokenRuleData() throws {
        let directory = try Paths.temporaryDirectory()
        let rules = directory.appendingPathComponent("checklists")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Paths.repositoryFile("checklists")), to: rules)
        let thresholds = rules.appendingPathComponent("thresholds.yaml")
        let text = try String(contentsOf: thresholds, encoding: .utf8)
        try text.replacingOccurrences(of: "legalAdviceFrom:", with: "legalAdviceFromm:").write(
            to: thresholds, atomically: true, encoding: .utf8)
        let result = try ueaScreen("screen", sample, "--rules", rules.path, "no/such/bidder")
        #expect(result.status == 2)
        #expect(result.stderr.contains("thresholds.yaml"))
        #expect(result.stderr.contains("legalAdviceFrom"))
        #expect(!result.stderr.contains("no/such/bidder"))  // no bidder is reported, refused or screened
        #expect(result.stdout.isEmpty)
    }

    @Test("A hostile ESPD in a bidder folder is refused with file and line")
    func hostileBidder() throws {
        let result = try ueaScreen("screen", "Tests/SafeXMLTests/Hostile/billion-laughs.xml")
        #expect(result.status == 2)
        #expect(result.stderr.contains("billion-laughs.xml:2: DOCTYPE declarations are not accepted"))
    }

    @Test("rules lists every check with severity, basis and data files")
    func rules() throws {
        let result = try ueaScreen("rules", "--format", "json")
        #expect(result.status == 0)
        let listing = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let checks = try #require(listing["checks"] as? [[String: Any]])
        #expect(checks.count >= 35)
        let gva = try #require(checks.first { $0["id"] as? String == "gva.too-old" })
        #expect(gva["severity"] as? String == "blocker")
        #expect((gva["legalBasis"] as? String)?.contains("2.89") == true)
        #expect(gva["dataFiles"] as? [String] == ["evidence.yaml"])
        let text = try ueaScreen("rules")
        #expect(text.stdout.contains("solar.xinjiang  [Blokkerend]"))
    }

    @Test("rules prints the checks in Dutch by default, with bases cited as the Dutch report cites them; --lang en in English")
    func rulesLanguages() throws {
        let dutch = try ueaScreen("rules")
        #expect(dutch.status == 0)
        #expect(dutch.stdout.contains(" controles, regelset "))
        #expect(dutch.stdout.contains("Gedragsverklaring Aanbesteden op de peildatum ouder dan twee jaar"))
        #expect(dutch.stdout.contains("grondslag:  Aw 2012 art. 2.89"))
        #expect(dutch.stdout.contains("Richtlijn 2014/24/EU art. 57 lid 1"))
        #expect(!dutch.stdout.contains("Dir. 2014/24/EU"))
        #expect(!dutch.stdout.contains("runs on:"))
        let english = try ueaScreen("rules", "--lang", "en")
        #expect(english.stdout.contains(" checks, rule data "))
        #expect(english.stdout.contains("Gedragsverklaring Aanbesteden older than two years at the reference date"))
        #expect(english.stdout.contains("runs on: the bidder"))
        let json = try ueaScreen("rules", "--format", "json", "--lang", "nl")
        let listing = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(listing["language"] as? String == "nl")
        let checks = try #require(listing["checks"] as? [[String: Any]])
        let mandatory = try #require(checks.first { $0["id"] as? String == "exclusion.mandatory-ground" })
        // The stored form, to compare with a dossier's findings, and the form the Dutch report prints.
        #expect((mandatory["legalBasis"] as? String)?.contains("Dir. 2014/24/EU art. 57(1)") == true)
        #expect((mandatory["citedBasis"] as? String)?.contains("Richtlijn 2014/24/EU art. 57 lid 1") == true)
        #expect((mandatory["summary"] as? String)?.hasPrefix("Verplichte uitsluitingsgrond") == true)
    }

    @Test("Usage errors exit 64")
    func usage() throws {
        #expect(try ueaScreen("screen").status == 64)
        #expect(try ueaScreen("screen", sample, "--lang", "fr").status == 64)
    }
}
