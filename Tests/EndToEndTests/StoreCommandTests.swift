import Foundation
import TestSupport
import Testing

/// The store across real processes: concurrent writers, SIGKILL mid-write, and the auditor's path.
@Suite("Dossier store across processes")
struct StoreCommandTests {
    let sample = "samples/zonnepark-lelystad"

    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ueaScreenBinary())
        process.arguments = arguments
        process.currentDirectoryURL = Paths.repository
        process.environment = testEnvironment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("A list filter that cannot match is refused, not answered with nothing or everything")
    func badFilters() throws {
        for (arguments, expected) in [
            (["--from", "banaan"], "--from 'banaan' is not a date"), (["--severity", "Blocker"], "'Blocker' is invalid for '--severity"),
            (["--check", "gva.to-old"], "--check 'gva.to-old' is not a check id"),
        ] {
            let result = try run(ueaScreenBinary(), ["dossier", "list", "--store", "/nonexistent/store.sqlite"] + arguments)
            #expect(result.status == 64)
            #expect(result.stderr.contains(expected), "\(result.stderr)")
        }
    }

    @Test("Two processes screening into one store at once both succeed and the chain verifies", arguments: TestStores.backends)
    func concurrentWriters(backend: String) throws {
        let store = try TestStores.fresh(backend)
        defer { TestStores.drop(store) }
        // Create it first so both writers open an existing store.
        #expect(
            try ueaScreen("screen", sample + "/bidders/1-zonnebouw-flevoland", "--tender", sample + "/tender.yaml", "--store", store).status
                == 0)
        let a = try start(["screen", sample, "--store", store, "--jobs", "2"])
        let b = try start(["screen", sample, "--store", store, "--jobs", "2"])
        a.waitUntilExit()
        b.waitUntilExit()
        #expect(a.terminationStatus == 1 && b.terminationStatus == 1)  // findings, stored
        let verify = try ueaScreen("dossier", "verify", "--store", store)
        #expect(verify.status == 0)
        #expect(("\n" + verify.stdout).contains("\n" + "ok: 12 entries, head "))  // each run: its bidders and the tender's own dossier
    }

    @Test("SIGKILL in the middle of storing leaves a store that verifies", arguments: TestStores.backends)
    func sigkill(backend: String) throws {
        let store = try TestStores.fresh(backend)
        defer { TestStores.drop(store) }
        #expect(try ueaScreen("screen", sample, "--store", store).status == 1)
        for attempt in 0..<8 {
            let process = try start(["screen", sample, "--store", store, "--jobs", "2"])
            usleep(useconds_t(30_000 + attempt * 40_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let verify = try ueaScreen("dossier", "verify", "--store", store)
            #expect(verify.status == 0, "after kill \(attempt): \(verify.stdout)")
        }
    }

    @Test("The auditor's path: find the bidder's dossier in the tender, show it as stored, verify", arguments: TestStores.backends)
    func auditorPath(backend: String) throws {
        let store = try TestStores.fresh(backend)
        defer { TestStores.drop(store) }
        #expect(try ueaScreen("screen", sample, "--store", store, "--by", "inkoopjurist", "--reason", "gunningsvoornemen").status == 1)
        let list = try ueaScreen("dossier", "list", "--store", store, "--tender", "PFL-2026-017", "--bidder", "Sunrise PV Trading")
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let id = String(try #require(lines.first?.split(separator: " ").first))
        let shown = try ueaScreen("dossier", "show", id, "--store", store)
        let object = try #require(JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect((object["bidder"] as? [String: Any])?["name"] as? String == "Sunrise PV Trading GmbH")
        let summary = try ueaScreen("dossier", "show", id, "--store", store, "--format", "text", "--lang", "en")
        #expect(summary.stdout.hasPrefix("BLOCKER     Sunrise PV Trading GmbH"))  // the summary, not JSON
        let report = try ueaScreen("dossier", "show", String(id.prefix(8)), "--store", store, "--format", "html", "--lang", "en")
        #expect(report.stdout.contains("is located in Xinjiang"))
        let history = try ueaScreen("dossier", "history", "Sunrise PV Trading GmbH", "--store", store)
        #expect(history.stdout.contains("by inkoopjurist  (gunningsvoornemen)"))
        #expect(try ueaScreen("dossier", "verify", "--store", store).status == 0)
        // A foreign file given as store is refused, nothing is written to it.
        let foreign = Paths.repositoryFile("README.md")
        let refused = try ueaScreen("dossier", "list", "--store", foreign)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("not a uea-screen store"))
    }

    @Test("export --tender writes a private bundle that verify --bundle accepts on its own, and checks against the recorded head")
    func exportBundle() throws {
        let directory = try Paths.temporaryDirectory()
        let store = directory.appendingPathComponent("store.sqlite").path
        #expect(try ueaScreen("screen", sample, "--store", store).status == 1)
        let head = try #require(
            try ueaScreen("dossier", "verify", "--store", store).stdout.split(separator: " ").last.map { String($0.dropLast()) })
        let bundle = directory.appendingPathComponent("out/PFL-2026-017.tar").path
        try FileManager.default.createDirectory(atPath: (bundle as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let export = try ueaScreen("dossier", "export", "--store", store, "--tender", "PFL-2026-017", "--out", bundle, "--plain")
        // four bidders and the tender
        #expect(export.stdout.hasPrefix("exported 5 dossiers to \(bundle); store head "), "\(export.stdout)")
        #expect((try FileManager.default.attributesOfItem(atPath: bundle)[.posixPermissions] as? Int) == 0o600)
        try FileManager.default.removeItem(atPath: store)  // "another machine": no store
        let verify = try ueaScreen("dossier", "verify", "--bundle", bundle, "--expect-head", head)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(("\n" + verify.stdout).contains("\n" + "ok: 5 entries, head \(head); the expected head is entry 5"))
        let wrongHead = try ueaScreen("dossier", "verify", "--bundle", bundle, "--expect-head", String(repeating: "a", count: 64))
        #expect(wrongHead.status == 1)
        #expect(wrongHead.stdout.contains("the expected head \(String(repeating: "a", count: 64)) is not in the chain"))
        #expect(try ueaScreen("dossier", "verify", "--bundle", Paths.repositoryFile("README.md")).status == 2)
        let unknown = try ueaScreen(
            "dossier", "export", "--store", directory.appendingPathComponent("other.sqlite").path, "--tender", "PFL-2026-017", "--out",
            bundle, "--plain")
        #expect(unknown.status == 2)
    }

    @Test("award with exact ids only; purge follows the law: nothing before three years after the award")
    func awardAndPurge() throws {
        let store = try TestStores.fresh("sqlite")
        #expect(try ueaScreen("screen", sample, "--store", store).status == 1)
        #expect(try ueaScreen("team", "init", "--name", "mr. A. Jurist", "--role", "jurist", "--store", store).status == 0)
        for bad in ["", "%", "_", "abc"] {
            let refused = try ueaScreen("dossier", "award", bad, "--store", store)
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("is not a dossier id"), "\(refused.stderr)")
        }
        let id = String(try ueaScreen("dossier", "list", "--store", store, "--bidder", "Zonnebouw").stdout.prefix(36))
        let awarded = try ueaScreen("dossier", "award", String(id.prefix(8)), "--store", store, "--reason", "besluit GS")
        #expect(awarded.status == 0, "\(awarded.stderr)")
        // The award states every other bidder's outcome with its basis (domain §9b): the sample's three others, one line each.
        let others = awarded.stdout.split(separator: "\n").dropFirst()
        #expect(others.count == 3, "\(awarded.stdout)")
        #expect(
            others.contains { $0.hasPrefix("  Polder Energie Techniek B.V.: blocker (") && $0.contains("2.86") }, "\(awarded.stdout)")
        // The statement is a file of the signed award entry: changing it in the database is found by verify.
        if let python = which("python3") {
            let copy = store + ".tampered"
            try FileManager.default.copyItem(atPath: store, toPath: copy)
            let tamper = """
                import sqlite3, sys
                db = sqlite3.connect(sys.argv[1])
                for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
                    db.execute('DROP TRIGGER "%s"' % name)
                db.execute("UPDATE blobs SET bytes = x'7b7d' WHERE sha256 = (SELECT f.sha256 FROM entry_files f JOIN entries e ON e.seq = f.entry_seq WHERE e.kind = 'award')")
                assert db.total_changes == 1
                db.commit()
                """
            #expect(try run(python, ["-c", tamper, copy]).status == 0)
            let changed = try ueaScreen("dossier", "verify", "--store", copy)
            #expect(
                changed.status == 1 && changed.stdout.contains("award statement gunning.json does not match its SHA-256"),
                "\(changed.stdout)")
        }
        let twice = try ueaScreen("dossier", "award", id, "--store", store)
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("already awarded"))
        // The award advice names the winner, who recorded it, and the retention end it starts.
        let overview = try ueaScreen("overview", "PFL-2026-017", "--store", store, "--format", "md").stdout
        #expect(overview.contains("- Beoogde winnaar: Zonnebouw Flevoland B.V. (gunning vastgelegd door mr. A. Jurist, "), "\(overview)")
        #expect(overview.contains(": besluit GS); "))
        let retentionYear = String(Self.isoDay(Date(), addingYears: 3).prefix(4))
        let retention = try Regex(#"De dossiers worden bewaard tot: \d{1,2} [a-z]+ "# + retentionYear + #"\."#)
        #expect(overview.contains(retention), "\(overview)")
        // Bidder 2's (a conviction); the workers store bidders 2 and 3 in either order.
        let blocker = String(
            try ueaScreen("dossier", "list", "--store", store, "--severity", "blocker", "--bidder", "Polder Energie").stdout.prefix(36))
        // No award past an open blocker (domain §9b): refused with the blocker named, nothing recorded.
        let refused = try ueaScreen("dossier", "award", blocker, "--store", store)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("open blocker exclusion.mandatory-ground"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
        let purge = try ueaScreen("dossier", "purge", "--store", store)
        #expect(purge.status == 0)
        #expect(purge.stdout == "0 dossiers purged (kept 3 years after their tender's award or cancellation)\n", "\(purge.stdout)")
        let plan = try ueaScreen("dossier", "purge", "--dry-run", "--store", store)
        #expect(plan.status == 0)
        #expect(plan.stdout.hasPrefix("kept: PFL-2026-017: "), "\(plan.stdout)")
        #expect(plan.stdout.contains(", award on \(Self.isoDay(Date())), purged from \(Self.isoDay(Date(), addingYears: 3))\n"))
        #expect(
            plan.stdout.hasSuffix(
                "\n0 dossiers due in 0 tenders; 1 tenders kept; 0 tenders need a decision; nothing was changed (dry run)\n"))
        let history = try ueaScreen("dossier", "history", "Zonnebouw Flevoland B.V.", "--store", store, "--format", "json")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["kind"] as? String } == ["dossier", "award"])
        let verify = try ueaScreen("dossier", "verify", "--store", store, "--format", "json")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any])
        #expect((report["broken"] as? [Any])?.isEmpty == true)
        let log = try ueaScreen("dossier", "access-log", "--store", store)
        #expect(log.stdout.contains("list"))
        #expect(log.stdout.contains("verify"))
    }

    /// The day in the Netherlands (retention counts in Dutch days), as YYYY-MM-DD.
    static func isoDay(_ date: Date, addingYears years: Int = 0) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam")!
        let shifted = calendar.date(byAdding: .year, value: years, to: date)!
        let parts = calendar.dateComponents([.year, .month, .day], from: shifted)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    @Test(
        "A tender neither awarded nor cancelled months after its deadline is listed as needing a decision; `dossier cancel` ends it: signed, once, no award after it, retention from the cancellation"
    )
    func cancelAndDryRun() throws {
        let store = try TestStores.fresh("sqlite")
        #expect(try ueaScreen("screen", sample, "--store", store).status == 1)
        // The province's choice of months to decide, set to 1: the sample's deadline (2026-10-15) is further back.
        let rules = try Paths.temporaryDirectory().appendingPathComponent("checklists").path
        try FileManager.default.copyItem(atPath: Paths.repositoryFile("checklists"), toPath: rules)
        try "yearsAfterAward: 3\nmonthsToDecide: 1\n".write(toFile: rules + "/retention.yaml", atomically: true, encoding: .utf8)
        let undecided = try ueaScreen("dossier", "purge", "--dry-run", "--rules", rules, "--store", store)
        #expect(undecided.status == 0)
        // A retention file without monthsToRedact says that the non-winners' details are kept.
        #expect(undecided.stderr.contains("sets no monthsToRedact"), "\(undecided.stderr)")
        #expect(
            undecided.stdout.hasPrefix(
                "needs a decision: PFL-2026-017: 5 dossiers, submission deadline 2026-10-15, neither awarded nor cancelled; never purged until `dossier award` or `dossier cancel` records how the procedure ended\n"
            ), "\(undecided.stdout)")
        // Nobody registered: no cancellation.
        let unregistered = try ueaScreen("dossier", "cancel", "PFL-2026-017", "--reason", "besluit GS", "--store", store)
        #expect(unregistered.status == 2)
        #expect(unregistered.stderr.contains("is not a registered member"), "\(unregistered.stderr)")
        #expect(try ueaScreen("team", "init", "--name", "mr. A. Jurist", "--role", "jurist", "--store", store).status == 0)
        let cancelled = try ueaScreen(
            "dossier", "cancel", "PFL-2026-017", "--reason", "ingetrokken bij besluit GS 2026-11-03", "--store", store)
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        #expect(cancelled.stdout.contains("cancellation recorded as entry"))
        let twice = try ueaScreen("dossier", "cancel", "PFL-2026-017", "--reason", "nogmaals", "--store", store)
        #expect(twice.status == 2 && twice.stderr.contains("already cancelled"))
        let winner = String(try ueaScreen("dossier", "list", "--store", store, "--bidder", "Zonnebouw").stdout.prefix(36))
        let award = try ueaScreen("dossier", "award", winner, "--store", store, "--reason", "gunning")
        #expect(award.status == 2 && award.stderr.contains("a cancelled tender is not awarded"), "\(award.stderr)")
        let kept = try ueaScreen("dossier", "purge", "--dry-run", "--rules", rules, "--store", store)
        #expect(
            kept.stdout.hasPrefix(
                "kept: PFL-2026-017: 5 dossiers, cancellation on \(Self.isoDay(Date())), purged from \(Self.isoDay(Date(), addingYears: 3))\n"
            ),
            "\(kept.stdout)")
        let verify = try ueaScreen("dossier", "verify", "--store", store)
        #expect(verify.status == 0, "\(verify.stdout)")
        let history = try ueaScreen("dossier", "history", "Zonnebouw Flevoland B.V.", "--store", store, "--format", "json")
        #expect(!history.stdout.contains("cancellation"))
    }

    @Test(
        "Time comes from the chain: a clock set back cannot store an award, a screening or a decision before the head; a due date before the decision is refused",
        .enabled(if: which("faketime") != nil, "faketime is not installed: the clock-set-back case was not run"),
        arguments: TestStores.backends)
    func chainTime(backend: String) throws {
        let store = try TestStores.fresh(backend)
        defer { TestStores.drop(store) }
        #expect(try ueaScreen("screen", sample, "--store", store).status == 1)
        #expect(try ueaScreen("team", "init", "--name", "mr. A. Jurist", "--role", "jurist", "--store", store).status == 0)
        let clean = String(try ueaScreen("dossier", "list", "--store", store, "--bidder", "Zonnebouw").stdout.prefix(36))
        let faketime = try #require(which("faketime"))
        for arguments in [
            ["dossier", "award", clean, "--reason", "besluit GS"],
            ["screen", sample + "/bidders/1-zonnebouw-flevoland", "--tender", sample + "/tender.yaml"],
            ["review", clean, "review.self-cleaning", "--decision", "ground-not-applicable", "--reason", "geen veroordeling"],
        ] {
            let backdated = try run(
                faketime, ["2021-01-01 12:00:00", ueaScreenBinary()] + arguments + ["--store", store], currentDirectory: Paths.repository)
            #expect(backdated.status == 2, "\(arguments[0]): \(backdated.stderr)")
            #expect(backdated.stderr.contains("earlier than the store's latest entry"), "\(backdated.stderr)")
        }
        let verify = try ueaScreen("dossier", "verify", "--store", store)
        #expect(("\n" + verify.stdout).contains("\n" + "ok: 6 entries"), "\(verify.stdout)")
        let late = try ueaScreen(
            "review", String(try ueaScreen("dossier", "list", "--store", store, "--bidder", "De Vries").stdout.prefix(8)),
            "coi.prior-involvement", "--decision", "needs-information", "--reason", "beschermingsplan opgevraagd", "--due", "2020-01-01",
            "--store", store)
        #expect(late.status == 2)
        #expect(late.stderr.contains("--due 2020-01-01 is before the decision"), "\(late.stderr)")
    }

    @Test(
        "Excluding on a name match needs the identity evidence; a listed party's hits are cleared one by one")
    func nameMatchDecisions() throws {
        let store = try TestStores.fresh("sqlite")
        #expect(try ueaScreen("screen", sample, "--store", store).status == 1)
        #expect(try ueaScreen("team", "init", "--name", "mr. A. Jurist", "--role", "jurist", "--store", store).status == 0)
        let devries = String(try ueaScreen("dossier", "list", "--store", store, "--bidder", "De Vries").stdout.prefix(8))
        let bare = try ueaScreen(
            "review", devries, "coi.person-match", "--decision", "ground-confirmed", "--reason", "familielid beoordelaar", "--store", store)
        #expect(bare.status == 2)
        #expect(bare.stderr.contains("a match alone never justifies exclusion"), "\(bare.stderr)")
        let evidence = try Paths.temporaryDirectory().appendingPathComponent("uittreksel.txt")
        try "Uittreksel: P. de Vries, geboren 1970-01-01, broer van de beoordelaar.".write(to: evidence, atomically: true, encoding: .utf8)
        let confirmed = try ueaScreen(
            "review", devries, "coi.person-match", "--decision", "ground-confirmed", "--reason",
            "familielid beoordelaar, identiteit bevestigd", "--birth-date", "1 januari 1970, gelijk aan het uittreksel",
            "--proportionality", "geen lichter middel: de beoordelaar kende de inschrijving", "--heard", "2026-01-08",
            "--attach", evidence.path, "--store", store)
        #expect(confirmed.status == 0, "\(confirmed.stderr)")
        let award = try ueaScreen("dossier", "award", devries, "--store", store)
        #expect(award.status == 2)
        #expect(award.stderr.contains("excluded on coi.person-match"), "\(award.stderr)")
    }

    @Test("Three processes creating the same new store at once all succeed", arguments: TestStores.backends)
    func concurrentCreation(backend: String) throws {
        let store = try TestStores.fresh(backend)
        defer { TestStores.drop(store) }
        let bidder = sample + "/bidders/1-zonnebouw-flevoland"
        let directory = try Paths.temporaryDirectory()
        var errors: [URL] = []
        let processes = try (0..<3).map { index in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ueaScreenBinary())
            process.arguments = ["screen", bidder, "--tender", sample + "/tender.yaml", "--store", store]
            process.currentDirectoryURL = Paths.repository
            process.environment = testEnvironment
            process.standardOutput = FileHandle.nullDevice
            let log = directory.appendingPathComponent("stderr-\(index).txt")
            #expect(FileManager.default.createFile(atPath: log.path, contents: nil), "cannot create \(log.path)")
            process.standardError = try FileHandle(forWritingTo: log)
            errors.append(log)
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        let messages = try errors.map { try String(contentsOf: $0, encoding: .utf8) }
        #expect(processes.map(\.terminationStatus) == [0, 0, 0], "\(messages)")
        let verify = try ueaScreen("dossier", "verify", "--store", store)
        // Each process: the bidder and the tender dossier.
        #expect(("\n" + verify.stdout).contains("\n" + "ok: 6 entries, head "), "\(verify.stdout)")
    }
}
