import Foundation
import TestSupport
import Testing

/// `scripts/install.sh` (what `make install` runs) lays out a prefix whose binary runs from any
/// directory; `init` scaffolds a tender a new user can fill in.
@Suite("Install and init")
struct InstallTests {
    @Test("The installed binary finds its rule data and templates from any directory; completions are installed")
    func install() throws {
        let prefix = try Paths.temporaryDirectory().appendingPathComponent("prefix").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Paths.repositoryFile("scripts/install.sh"), prefix]
        var environment = ProcessInfo.processInfo.environment
        environment["UEA_SCREEN_BINARY"] = ueaScreenBinary()  // no release build in the tests
        environment["UEA_SCREEN_NO_MANUAL"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // How to put it on PATH and MANPATH, and where the completions are.
        #expect(printed.contains("export PATH=\"\(prefix)/bin:$PATH\""))
        #expect(printed.contains("export MANPATH=\"\(prefix)/share/man:$MANPATH\""))
        #expect(printed.contains("\(prefix)/share/bash-completion/completions/uea-screen"))
        for file in [
            "bin/uea-screen", "share/uea-screen/checklists/evidence.yaml", "share/uea-screen/templates/report.md.mustache",
            "share/bash-completion/completions/uea-screen",
        ] {
            #expect(FileManager.default.fileExists(atPath: prefix + "/" + file), "\(file)")
        }
        let elsewhere = try Paths.temporaryDirectory()
        let rules = try run(prefix + "/bin/uea-screen", ["rules"], currentDirectory: elsewhere)
        #expect(rules.status == 0)
        #expect(rules.stdout.contains("controles, regelset "))
        // Called by name through PATH (argv[0] is the bare name): the data is found from the binary's real path.
        let byName = try run(
            "/bin/sh", ["-c", "uea-screen rules"], currentDirectory: elsewhere,
            environment: ["PATH": prefix + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")])
        #expect(byName.status == 0, "\(byName.stderr)")
        #expect(byName.stdout.contains("controles, regelset "))
        // A copy of the binary without its data refuses (exit 2), instead of listing checks that cannot run.
        let lone = try Paths.temporaryDirectory()
        try FileManager.default.copyItem(atPath: prefix + "/bin/uea-screen", toPath: lone.path + "/uea-screen")
        let alone = try run(lone.path + "/uea-screen", ["rules"], currentDirectory: lone)
        #expect(alone.status == 2)
        #expect(alone.stderr.contains("rule data not found; pass --rules DIR"))
        let screened = try run(
            prefix + "/bin/uea-screen", ["screen", Paths.repositoryFile("samples/zonnepark-lelystad"), "--out", elsewhere.path + "/out"],
            currentDirectory: elsewhere)
        #expect(screened.status == 1)
        #expect(FileManager.default.fileExists(atPath: elsewhere.path + "/out/1-zonnebouw-flevoland.html"))
    }

    @Test("init writes a tender.yaml that screens, and never overwrites one")
    func initTender() throws {
        let directory = try Paths.temporaryDirectory().appendingPathComponent("PFL-2027-003").path
        #expect(try ueaScreen("init", directory).status == 0)
        try FileManager.default.copyItem(
            atPath: Paths.repositoryFile("samples/zonnepark-lelystad/bidders/1-zonnebouw-flevoland/uea.xml"),
            toPath: directory + "/bidders/example-bidder/uea.xml")
        let screened = try ueaScreen("screen", directory)
        #expect(screened.stdout.hasPrefix("AANBESTEDING PFL-2027-003"))  // the id is the folder's name
        let template = try String(contentsOfFile: directory + "/tender.yaml", encoding: .utf8)
        for english in ["# the ", "# The tender", "# every field", "euro excl."] { #expect(!template.contains(english), "\(english)") }
        #expect(template.contains("README, \"Input files\""))
        #expect(try String(contentsOfFile: Paths.repositoryFile("README.md"), encoding: .utf8).contains("### Input files"))
        #expect(!screened.stderr.contains("tender.yaml:"))  // the template itself is valid
        #expect(try ueaScreen("init", directory).status == 2)
    }

    @Test("Size limits can be set in the environment: a declaration with more rows than allowed is refused with its line")
    func limitFromEnvironment() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ueaScreenBinary())
        process.arguments = ["screen", Paths.repositoryFile("samples/zonnepark-lelystad/bidders/1-zonnebouw-flevoland")]
        var environment = ProcessInfo.processInfo.environment
        environment["UEA_SCREEN_MAX_CHAIN_ROWS"] = "3"
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(stderr.contains("supply-chain.csv:5: the declaration has 6 rows; at most 3 are read"), "\(stderr)")
    }
}
