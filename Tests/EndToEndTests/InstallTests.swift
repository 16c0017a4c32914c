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
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        for file in ["bin/uea-screen", "share/uea-screen/checklists/evidence.yaml", "share/uea-screen/templates/report.md.mustache",
                     "share/bash-completion/completions/uea-screen"] {
            #expect(FileManager.default.fileExists(atPath: prefix + "/" + file), "\(file)")
        }
        let elsewhere = try Paths.temporaryDirectory()
        let rules = try run(prefix + "/bin/uea-screen", ["rules"], currentDirectory: elsewhere)
        #expect(rules.status == 0)
        #expect(rules.stdout.contains("checks, rule data "))
        let screened = try run(prefix + "/bin/uea-screen", ["screen", Paths.repositoryFile("samples/zonnepark-lelystad"), "--out", elsewhere.path + "/out"], currentDirectory: elsewhere)
        #expect(screened.status == 1)
        #expect(FileManager.default.fileExists(atPath: elsewhere.path + "/out/1-zonnebouw-flevoland.html"))
    }

    @Test("init writes a tender.yaml that screens, and never overwrites one")
    func initTender() throws {
        let directory = try Paths.temporaryDirectory().appendingPathComponent("tender").path
        #expect(try ueaScreen("init", directory).status == 0)
        try FileManager.default.copyItem(atPath: Paths.repositoryFile("samples/zonnepark-lelystad/bidders/1-zonnebouw-flevoland/uea.xml"),
                                         toPath: directory + "/bidders/example-bidder/uea.xml")
        let screened = try ueaScreen("screen", directory)
        #expect(screened.stdout.hasPrefix("AANBESTEDING PFL-2027-000"))
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
