import Foundation
import TestSupport
import Testing

/// What a new user meets in the first hour (issue 24): short paths, Excel files, tender files,
/// a read-only store, a bundle verified by a later release, and the terminal output.
@Suite("A new user's first hour")
struct FirstHourTests {
    let bidder = Paths.repository.appendingPathComponent("samples/zonnepark-lelystad/bidders/1-zonnebouw-flevoland")

    @Test(
        "Every kind of path argument ends with an exit code and a line, never a crash",
        arguments: ["x", "-", ".", "./", "..", "uea.xml", "/nonexistent", "/dev/null"])
    func shortPaths(_ path: String) throws {
        let result = try run(ueaScreenBinary(), ["screen", path], currentDirectory: bidder)
        #expect([0, 1, 2].contains(result.status), "\(path): exit \(result.status) \(result.stderr)")
        #expect(!result.stderr.contains("Program crashed"), "\(path)")
        if result.status == 2 {
            #expect(result.stderr.contains(path == "/dev/null" ? "is not a regular file" : "no such file"), "\(path): \(result.stderr)")
        }
    }

    @Test("/ is refused within seconds, with what to give instead")
    func root() throws {
        let start = Date()
        let result = try ueaScreen("screen", "/")
        #expect(result.status == 2)
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(result.stderr.contains("/: is not a tender, bidder or submissions folder"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test("A watchlist saved by Excel as Windows-1252 is refused at the line of its first non-UTF-8 byte; UTF-16 and ';' are read")
    func excelWatchlist() throws {
        let directory = try Paths.temporaryDirectory()
        let ansi = directory.appendingPathComponent("eigen-lijst.csv")
        // "Boerderij Koën B.V." with ë as Windows-1252 writes it (0xEB), semicolons as Dutch Excel does.
        try Data("name;kind;country\nVoorbeeld B.V.;entity;NL\nBoerderij Ko".utf8 + [0xEB] + Data("n B.V.;entity;NL\n".utf8)).write(
            to: ansi)
        let lists = directory.appendingPathComponent("watchlists").path
        let refused = try ueaScreen("watchlist", "import", ansi.path, "--watchlists", lists)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("eigen-lijst.csv:3: byte 0xEB is not UTF-8 text"), "\(refused.stderr)")
        #expect(refused.stderr.contains("save it as \"CSV UTF-8\""))
        #expect(!FileManager.default.fileExists(atPath: lists + "/manifest.json"))  // nothing half-imported
        // The same list as "Unicode text" (UTF-16 with BOM) is read, and its name matches.
        let utf16 = directory.appendingPathComponent("eigen-lijst-utf16.csv")
        try
            ("name;kind;country\nVoorbeeld B.V.;entity;NL\nBoerderij Koën B.V.;entity;NL\n".data(using: .utf16LittleEndian).map {
                Data([0xFF, 0xFE]) + $0
            })!.write(to: utf16)
        #expect(try ueaScreen("watchlist", "import", utf16.path, "--watchlists", lists).status == 0)
        let listed = try ueaScreen("match", "Boerderij Koën BV", "--watchlists", lists)
        #expect(listed.status == 1)
        #expect(listed.stdout.contains("Boerderij Koën B.V."))
        #expect(!listed.stdout.contains("\u{FFFD}"))
    }

    @Test("A supply-chain declaration in Windows-1252 is refused at its line, never shown as K\u{FFFD}ln")
    func excelDeclaration() throws {
        let folder = try Paths.temporaryDirectory().appendingPathComponent("bidder")
        try FileManager.default.copyItem(at: bidder, to: folder)
        let csv = folder.appendingPathComponent("supply-chain.csv")
        var text = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        text[2] = text[2].replacingOccurrences(of: ",", with: ",K\u{00F6}ln ", options: [], range: text[2].range(of: ","))
        try Data(text.joined(separator: "\n").data(using: .windowsCP1252)!).write(to: csv)
        let result = try ueaScreen("screen", folder.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("supply-chain.csv:3: byte 0xF6 is not UTF-8 text"), "\(result.stderr)")
        #expect(!result.stdout.contains("\u{FFFD}"))
    }

    @Test(
        "An empty tender.yaml, one without id, and a tender.yml are refused with what is allowed",
        arguments: [
            ("tender.yaml", "", "tender.yaml:1: the tender file is empty"),
            ("tender.yaml", "# alleen commentaar\n", "tender.yaml:1: the tender file is empty"),
            ("tender.yaml", "name: Zonder kenmerk\n", "tender.yaml:1: id is missing"),
            ("tender.yml", "id: PFL-2027-001\n", "tender.yml: a tender file is read only as tender.yaml"),
        ])
    func tenderFiles(_ name: String, _ content: String, _ expected: String) throws {
        let tender = try Paths.temporaryDirectory()
        try FileManager.default.createDirectory(at: tender.appendingPathComponent("bidders"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: bidder, to: tender.appendingPathComponent("bidders/1"))
        try content.write(to: tender.appendingPathComponent(name), atomically: true, encoding: .utf8)
        let result = try ueaScreen("screen", tender.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains(expected), "\(result.stderr)")
    }

    @Test(
        "An auditor who may only read the store file still verifies and lists it; the access that could not be logged is said",
        .enabled(if: getuid() != 0 || which("setpriv") != nil, "needs a user without write access (setpriv as root): skipped"))
    func readOnlyStore() throws {
        let directory = try Paths.temporaryDirectory()
        let store = directory.appendingPathComponent("store.sqlite").path
        let screened = try ueaScreen("screen", "samples/zonnepark-lelystad", "--store", store)
        #expect(screened.status == 1, "\(screened.stderr)")
        #expect(try ueaScreen("dossier", "verify", "--store", store).status == 0)
        // The auditor's copy: the file and its folder readable by everyone, writable by no one.
        let copy = try Paths.temporaryDirectory().appendingPathComponent("audit")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: store, toPath: copy.path + "/store.sqlite")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: copy.path + "/store.sqlite")
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: copy.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy.deletingLastPathComponent().path)
        func asAuditor(_ arguments: [String]) throws -> CommandResult {
            if getuid() != 0 { return try run(ueaScreenBinary(), arguments, currentDirectory: Paths.repository) }
            return try run(
                which("setpriv")!, ["--reuid=nobody", "--regid=nogroup", "--clear-groups", ueaScreenBinary()] + arguments,
                currentDirectory: URL(fileURLWithPath: "/"))
        }
        let verify = try asAuditor(["dossier", "verify", "--store", copy.path + "/store.sqlite"])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(("\n" + verify.stdout).contains("\n" + "ok: 5 entries"), "\(verify.stdout)")
        #expect(verify.stderr.contains("warning: access not logged, the store cannot be written"))
        let list = try asAuditor(["dossier", "list", "--store", copy.path + "/store.sqlite"])
        #expect(list.status == 0)
        #expect(list.stdout.split(separator: "\n").count == 4)
    }

    @Test("'did you mean' for a misspelt command, exit 64; --version names the tool")
    func didYouMean() throws {
        let misspelt = try ueaScreen("scren", "samples/zonnepark-lelystad")
        #expect(misspelt.status == 64)
        #expect(misspelt.stderr.contains("'scren' is not a command; did you mean 'screen'?"))
        #expect(try ueaScreen("dosier", "list").stderr.contains("did you mean 'dossier'?"))
        let version = try ueaScreen("--version")
        #expect(version.stdout.hasPrefix("uea-screen 0."))
    }

    @Test("Colour only on request or on a terminal without NO_COLOR; --quiet prints nothing but refusals")
    func colourAndQuiet() throws {
        let piped = try ueaScreen("screen", "samples/zonnepark-lelystad")
        #expect(!piped.stdout.contains("\u{1B}["))
        let always = try ueaScreen("screen", "samples/zonnepark-lelystad", "--color", "always")
        #expect(always.stdout.contains("\u{1B}[1;31mBLOKKEREND\u{1B}[0m"))
        let never = try run(
            ueaScreenBinary(), ["screen", "samples/zonnepark-lelystad"], currentDirectory: Paths.repository, environment: ["NO_COLOR": "1"])
        #expect(!never.stdout.contains("\u{1B}["))
        let quiet = try ueaScreen("screen", "samples/zonnepark-lelystad", "--quiet")
        #expect(quiet.status == 1)
        #expect(quiet.stdout.isEmpty)
        #expect(quiet.stderr.isEmpty)
    }

    @Test("review names a finding by its ground (C12) and shows each finding's own text; overview takes the tender folder")
    func reviewByGround() throws {
        let store = try Paths.temporaryDirectory().appendingPathComponent("store.sqlite").path
        _ = try ueaScreen("screen", "samples/zonnepark-lelystad", "--store", store)
        #expect(try ueaScreen("team", "init", "--name", "mr. A. Jurist", "--role", "jurist", "--store", store).status == 0)
        let listed = try ueaScreen("dossier", "list", "--store", store)
        let polder = try #require(listed.stdout.split(separator: "\n").first { $0.contains("Polder Energie") }.map { String($0.prefix(8)) })
        let shown = try ueaScreen("review", polder, "--store", store)
        #expect(shown.stdout.contains("exclusion.optional-ground C12: Facultatieve uitsluitingsgrond C12 (faillissement) is bevestigd"))
        let decided = try ueaScreen(
            "review", polder, "c12", "--decision", "needs-information", "--reason", "curatorverslag opgevraagd",
            "--due", "2026-12-20", "--store", store)
        #expect(decided.status == 0, "\(decided.stderr)")
        #expect(decided.stdout.contains("needs-information recorded for exclusion.optional-ground"))
        #expect(
            try ueaScreen("review", polder, "C99", "--decision", "ground-not-applicable", "--reason", "x", "--store", store).status == 2)
        // The overview by folder equals the overview by id.
        let byFolder = try ueaScreen("overview", "samples/zonnepark-lelystad", "--store", store, "--format", "csv")
        let byID = try ueaScreen("overview", "PFL-2026-017", "--store", store, "--format", "csv")
        #expect(byFolder.status == 0)
        #expect(byFolder.stdout == byID.stdout)
    }

    @Test("inspect and validate read one ESPD from standard input with -")
    func standardInput() throws {
        let file = Paths.repositoryFile("samples/zonnepark-lelystad/bidders/1-zonnebouw-flevoland/uea.xml")
        let inspected = try run(
            "/bin/sh", ["-c", "\"$0\" inspect - --format json < \"$1\"", ueaScreenBinary(), file], currentDirectory: Paths.repository)
        #expect(inspected.status == 0)
        #expect(inspected.stdout.contains("\"UEA-zonnebouw-flevoland\""))
        let validated = try run(
            "/bin/sh", ["-c", "\"$0\" validate - < \"$1\"", ueaScreenBinary(), file], currentDirectory: Paths.repository)
        #expect(validated.stdout.hasPrefix("(standard input): valid against EDM 4.0.0"), "\(validated.stdout)")
        let broken = try run("/bin/sh", ["-c", "printf '<x' | \"$0\" inspect -", ueaScreenBinary()], currentDirectory: Paths.repository)
        #expect(broken.status == 2)
        #expect(broken.stderr.hasPrefix("uea-screen: (standard input):"))
        #expect(try ueaScreen("inspect", "-", "-").status == 64)
    }
}

extension FirstHourTests {
    @Test("A bidder filed in two folders is a finding at screen time, on the later folder, the same with 1 or 2 workers")
    func duplicateBidder() throws {
        let tender = try Paths.temporaryDirectory().appendingPathComponent("tender")
        try FileManager.default.copyItem(at: Paths.repository.appendingPathComponent("samples/zonnepark-lelystad"), to: tender)
        try FileManager.default.copyItem(
            at: tender.appendingPathComponent("bidders/1-zonnebouw-flevoland"),
            to: tender.appendingPathComponent("bidders/5-zonnebouw-nogmaals"))
        var outputs: [String] = []
        for jobs in ["1", "2"] {
            let result = try ueaScreen("screen", tender.path, "--jobs", jobs, "--lang", "en")
            #expect(result.status == 1)
            let duplicate = result.stdout.split(separator: "\n").filter { $0.contains("espd.duplicate-bidder") }
            #expect(duplicate.count == 1, "\(jobs)")
            #expect(
                duplicate.first?.contains("the same KvK number (68452193) as the bidder in \(tender.path)/bidders/1-zonnebouw-flevoland")
                    == true)
            #expect(
                duplicate.first?.hasSuffix("[\(tender.path)/bidders/5-zonnebouw-nogmaals]") == true,
                "\(String(describing: duplicate.first))")
            outputs.append(result.stdout)
        }
        #expect(outputs[0] == outputs[1])
    }
}

/// Issue 25, one party one ESPD: a bidder's file cannot choose which of its own ESPDs counts.
@Suite("The authority's structure: one party, one ESPD; roles from the code list")
struct OnePartyOneESPDTests {
    let samples = Paths.repository.appendingPathComponent("samples/zonnepark-lelystad/bidders")

    /// The Polder bid (C3 fraud conviction, a blocker) with `espd` put beside it and its own role code replaced.
    func bid(decoy: Bool, ownRole: String) throws -> URL {
        let folder = try Paths.temporaryDirectory().appendingPathComponent("2-polder")
        try FileManager.default.copyItem(at: samples.appendingPathComponent("2-polder-energie-combinatie"), to: folder)
        let own = folder.appendingPathComponent("uea-penvoerder.xml")
        try String(contentsOf: own, encoding: .utf8).replacingOccurrences(of: ">LE<", with: ">\(ownRole)<").write(
            to: own, atomically: true, encoding: .utf8)
        if decoy {
            // A clean v4 ESPD in the same party's name and KvK number, role sole tenderer, named to sort first.
            let clean = try String(contentsOf: samples.appendingPathComponent("1-zonnebouw-flevoland/uea.xml"), encoding: .utf8)
                .replacingOccurrences(of: "Zonnebouw Flevoland B.V.", with: "Polder Energie Techniek B.V.")
                .replacingOccurrences(of: "68452193", with: "30291847")
            try clean.write(to: folder.appendingPathComponent("0-aanvulling.xml"), atomically: true, encoding: .utf8)
        }
        return folder
    }

    func findings(_ folder: URL) throws -> (status: Int32, findings: [[String: Any]], outcome: String?) {
        let result = try ueaScreen("screen", "--tender", "samples/zonnepark-lelystad/tender.yaml", folder.path, "--format", "json")
        let dossiers = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let dossier = try #require(dossiers.last)
        return (result.status, dossier["findings"] as? [[String: Any]] ?? [], (dossier["summary"] as? [String: Any])?["outcome"] as? String)
    }

    @Test("A decoy clean ESPD of the same party that sorts first does not push the conviction aside", arguments: ["LE", "SC"])
    func decoy(ownRole: String) throws {
        let before = try findings(try bid(decoy: false, ownRole: ownRole))
        #expect(before.outcome == "blocker")
        let after = try findings(try bid(decoy: true, ownRole: ownRole))
        #expect(after.status == 1)
        #expect(after.outcome == "blocker")
        let ground = after.findings.first { $0["check"] as? String == "exclusion.mandatory-ground" }
        #expect(ground?["severity"] as? String == "blocker", "\(String(describing: ground))")
        let duplicate = after.findings.filter { $0["check"] as? String == "espd.duplicate-party" }
        #expect(duplicate.count == 1)
        #expect(
            (duplicate.first?["message"] as? [String: String])?["nl"]?.contains("0-aanvulling.xml en uea-penvoerder.xml") == true
                || (duplicate.first?["message"] as? [String: String])?["nl"]?.contains("uea-penvoerder.xml en 0-aanvulling.xml") == true)
    }

    @Test("A member with a role code outside the code list keeps its blocker and is reported")
    func unknownRole() throws {
        let folder = try Paths.temporaryDirectory().appendingPathComponent("bid")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The lead: the clean v4 bidder as group lead; the member: Polder's ESPD (C3) with a made-up role code.
        let lead = try String(contentsOf: samples.appendingPathComponent("1-zonnebouw-flevoland/uea.xml"), encoding: .utf8)
            .replacingOccurrences(of: "<cbc:RoleCode>sole-tenderer</cbc:RoleCode>", with: "<cbc:RoleCode>group-lead</cbc:RoleCode>")
        try lead.write(to: folder.appendingPathComponent("a-lead.xml"), atomically: true, encoding: .utf8)
        let member = try String(
            contentsOf: samples.appendingPathComponent("2-polder-energie-combinatie/uea-penvoerder.xml"), encoding: .utf8
        )
        .replacingOccurrences(of: ">LE<", with: ">GROUP-MEMBER<")
        try member.write(to: folder.appendingPathComponent("b-member.xml"), atomically: true, encoding: .utf8)
        let result = try findings(folder)
        let ground = result.findings.first { $0["check"] as? String == "exclusion.mandatory-ground" }
        #expect(ground?["severity"] as? String == "blocker", "a subcontractor's blocker would drop to attention")
        #expect(result.outcome == "blocker")
        let unknown = result.findings.filter { $0["check"] as? String == "espd.unknown-role" }
        #expect(unknown.count == 1)
        #expect((unknown.first?["details"] as? [String: String])?["roleCode"] == "GROUP-MEMBER")
        #expect(
            (unknown.first?["message"] as? [String: String])?["nl"]?.hasSuffix(
                "De entiteit is gelezen met de strengste rol: een uitsluitingsgrond weegt volledig. Vraag de inschrijver de rol te bevestigen."
            ) == true)
    }
}
