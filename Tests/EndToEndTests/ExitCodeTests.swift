import Foundation
import TestSupport
import Testing

/// One condition gives one exit code in every command (0 success, 1 findings, 2 input refused or
/// unreadable, 64 usage): the table of command × condition → exit code.
@Suite("Exit codes: command × condition")
struct ExitCodeTests {
    static let sample = Paths.repositoryFile("samples/zonnepark-lelystad")
    static let bidder = sample + "/bidders/1-zonnebouw-flevoland"

    /// Every command, as invoked with the arguments it needs to get past parsing.
    static let commands: [[String]] = [
        ["inspect", "x.xml"], ["validate", "x.xml"], ["screen", "x"], ["review", "deadbeef00"], ["overview", "T"], ["rules"],
        ["match", "Volkov"], ["watchlist", "import", "x.csv"], ["watchlist", "list"], ["watchlist", "reindex"],
        ["dossier", "list"], ["dossier", "show", "deadbeef00"], ["dossier", "history", "x"], ["dossier", "verify"],
        ["dossier", "export", "--tender", "T", "--out", "x.tar", "--plain"], ["dossier", "award", "deadbeef00", "--reason", "x"],
        ["dossier", "purge"], ["dossier", "cancel", "T", "--reason", "x"],
        ["dossier", "access-log"], ["init", "x"],
    ]

    @Test("An unknown command or option is a usage error (64) in every command")
    func usage() throws {
        try expectCommand(["scren"], exits: 64, stderrContains: "did you mean 'screen'")
        for command in Self.commands {
            try expectCommand(command + ["--frobnicate"], exits: 64, stderrContains: "--frobnicate")
        }
    }

    @Test("A value outside an option's closed set is a usage error (64), naming the allowed values")
    func closedSets() throws {
        try expectCommand(["rules", "--format", "xml"], exits: 64, stderrContains: "'json' and 'text'")
        try expectCommand(["screen", Self.bidder, "--lang", "fr"], exits: 64, stderrContains: "'nl' and 'en'")
        try expectCommand(["dossier", "show", "deadbeef00", "--lang", "de"], exits: 64, stderrContains: "'nl' and 'en'")
        try expectCommand(["overview", "T", "--lang", "NL"], exits: 64, stderrContains: "'nl' and 'en'")
        try expectCommand(["dossier", "list", "--severity", "info"], exits: 64, stderrContains: "'blocker' and 'attention'")
        try expectCommand(
            ["review", "deadbeef00", "C1", "--decision", "ok", "--reason", "x"], exits: 64, stderrContains: "- measures-accepted")
        try expectCommand(
            ["watchlist", "import", "x.csv", "--format", "pdf"], exits: 64,
            stderrContains: "  - us-csl\n")
        try expectCommand(["screen", Self.bidder, "--color", "sometimes"], exits: 64, stderrContains: "'auto'")
    }

    @Test("A missing input file is refused (2) by every command that reads one")
    func missingInput() throws {
        let directory = try Paths.temporaryDirectory()
        for command in [
            ["inspect", "/nonexistent/uea.xml"], ["validate", "/nonexistent/uea.xml"], ["screen", "/nonexistent"],
            ["screen", Self.bidder, "--tender", "/nonexistent/tender.yaml"],
            ["watchlist", "import", "/nonexistent/list.csv", "--watchlists", directory.path],
            ["screen", Self.bidder, "--rules", "/nonexistent/checklists"], ["rules", "--rules", "/nonexistent/checklists"],
        ] {
            try expectCommand(command, exits: 2, stderrContains: "/nonexistent")
        }
    }

    @Test("A store that does not exist, and an id that is not in the store, are refused (2) by every store command")
    func stores() throws {
        let missing = "/nonexistent/store.sqlite"
        for command in Self.commands where ["review", "overview", "dossier"].contains(command[0]) {
            try expectCommand(command + ["--store", missing], exits: 2, stderrContains: missing)
        }
        let directory = try Paths.temporaryDirectory()
        let store = directory.appendingPathComponent("store.sqlite").path
        try expectCommand(["screen", Self.bidder, "--tender", Self.sample + "/tender.yaml", "--store", store], exits: 0)
        for command in [
            ["review", "deadbeef00"], ["dossier", "show", "deadbeef00"], ["dossier", "award", "deadbeef00", "--reason", "x"],
            ["dossier", "show", "zz"], ["overview", "NO-SUCH-TENDER"],
        ] {
            try expectCommand(command + ["--store", store], exits: 2)
        }
        try expectCommand(["dossier", "verify", "--store", store], exits: 0)
        try expectCommand(["dossier", "list", "--store", store], exits: 0)
    }

    @Test("Findings are 1, their absence 0, in every command that finds")
    func findings() throws {
        try expectCommand(["screen", Self.bidder, "--tender", Self.sample + "/tender.yaml"], exits: 0)
        try expectCommand(["screen", Self.sample], exits: 1)
        try expectCommand(["validate", Self.bidder + "/uea.xml"], exits: 0)
        let directory = try Paths.temporaryDirectory()
        let invalid = directory.appendingPathComponent("invalid.xml")
        let original = try String(contentsOfFile: Self.bidder + "/uea.xml", encoding: .utf8)
        // An element the schema does not allow, inside the root.
        let changed = original.replacingOccurrences(of: "<cbc:UBLVersionID", with: "<cbc:Unknown>x</cbc:Unknown><cbc:UBLVersionID")
        #expect(changed != original)
        try changed.write(to: invalid, atomically: true, encoding: .utf8)
        try expectCommand(["validate", invalid.path], exits: 1)
        try expectCommand(["rules"], exits: 0)
    }

    @Test("Init writes a tender folder (0) and refuses to overwrite one (2)")
    func initialise() throws {
        let directory = try Paths.temporaryDirectory().appendingPathComponent("aanbesteding")
        try expectCommand(["init", directory.path], exits: 0)
        try expectCommand(["init", directory.path], exits: 2, stderrContains: "already exists")
    }
}
