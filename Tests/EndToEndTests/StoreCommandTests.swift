import Foundation
import Testing
import TestSupport

/// The store across real processes: concurrent writers, SIGKILL mid-write, and the auditor's path.
@Suite("Dossier store across processes")
struct StoreCommandTests {
    let sample = "samples/zonnepark-lelystad"

    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ueaScreenBinary())
        process.arguments = arguments
        process.currentDirectoryURL = Paths.repository
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("A list filter that cannot match is refused, not answered with nothing or everything")
    func badFilters() throws {
        for (arguments, expected) in [(["--from", "banaan"], "--from 'banaan' is not a date"), (["--severity", "Blocker"], "--severity 'Blocker' is not allowed"),
                                      (["--check", "gva.to-old"], "--check 'gva.to-old' is not a check id")] {
            let result = try run(ueaScreenBinary(), ["dossier", "list", "--store", "/nonexistent/store.sqlite"] + arguments)
            #expect(result.status == 64)
            #expect(result.stderr.contains(expected), "\(result.stderr)")
        }
    }

    @Test("Two processes screening into one store at once both succeed and the chain verifies", arguments: TestStores.backends)
    func concurrentWriters(backend: String) throws {
        let store = try TestStores.fresh(backend)
        // Create it first so both writers open an existing store.
        #expect(try ueaScreen("screen", sample + "/bidders/1-zonnebouw-flevoland", "--tender", sample + "/tender.yaml", "--store", store).status == 0)
        let a = try start(["screen", sample, "--store", store, "--jobs", "2"])
        let b = try start(["screen", sample, "--store", store, "--jobs", "2"])
        a.waitUntilExit(); b.waitUntilExit()
        #expect(a.terminationStatus == 1 && b.terminationStatus == 1)  // findings, stored
        let verify = try ueaScreen("dossier", "verify", "--store", store)
        #expect(verify.status == 0)
        #expect(verify.stdout.hasPrefix("ok: 9 entries, head "))
    }

    @Test("SIGKILL in the middle of storing leaves a store that verifies", arguments: TestStores.backends)
    func sigkill(backend: String) throws {
        let store = try TestStores.fresh(backend)
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
        #expect(try ueaScreen("screen", sample, "--store", store, "--by", "inkoopjurist", "--reason", "gunningsvoornemen").status == 1)
        let list = try ueaScreen("dossier", "list", "--store", store, "--tender", "PFL-2026-017", "--bidder", "Sunrise PV Trading")
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let id = String(try #require(lines.first?.split(separator: " ").first))
        let shown = try ueaScreen("dossier", "show", id, "--store", store)
        let object = try #require(JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect((object["bidder"] as? [String: Any])?["name"] as? String == "Sunrise PV Trading GmbH")
        let summary = try ueaScreen("dossier", "show", id, "--store", store, "--format", "text", "--lang", "en")
        #expect(summary.stdout.hasPrefix("BLOCKER   Sunrise PV Trading GmbH"))  // the summary, not JSON
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

    @Test("export --tender writes a bundle that verify --bundle accepts on its own")
    func exportBundle() throws {
        let directory = try Paths.temporaryDirectory()
        let store = directory.appendingPathComponent("store.sqlite").path
        #expect(try ueaScreen("screen", sample, "--store", store).status == 1)
        let bundle = directory.appendingPathComponent("PFL-2026-017.tar").path
        let export = try ueaScreen("dossier", "export", "--store", store, "--tender", "PFL-2026-017", "--out", bundle)
        #expect(export.stdout == "exported 4 dossiers to \(bundle)\n")
        try FileManager.default.removeItem(atPath: store)  // "another machine": no store
        let verify = try ueaScreen("dossier", "verify", "--bundle", bundle)
        #expect(verify.status == 0)
        #expect(verify.stdout.hasPrefix("ok: 4 entries, head "))
        #expect(try ueaScreen("dossier", "verify", "--bundle", Paths.repositoryFile("README.md")).status == 2)
    }

    @Test("award and purge from the command line; a purge date inside the retention period is refused")
    func awardAndPurge() throws {
        let store = try TestStores.fresh("sqlite")
        #expect(try ueaScreen("screen", sample, "--store", store).status == 1)
        let id = String(try ueaScreen("dossier", "list", "--store", store, "--bidder", "Zonnebouw").stdout.prefix(36))
        #expect(try ueaScreen("dossier", "award", id, "--store", store, "--reason", "besluit GS").status == 0)
        let tooSoon = try ueaScreen("dossier", "purge", "--store", store, "--before", "2099-01-01")
        #expect(tooSoon.status == 64)
        #expect(tooSoon.stderr.contains("later than today minus 6 months"))
        // Nothing screened before 2000: nothing purged, still verifies.
        let nothing = try ueaScreen("dossier", "purge", "--store", store, "--before", "2000-01-01")
        #expect(nothing.stdout.hasSuffix("0 dossiers purged\n"))
        let history = try ueaScreen("dossier", "history", "Zonnebouw Flevoland B.V.", "--store", store)
        #expect(history.stdout.contains("award of \(id.prefix(8))"))
        #expect(try ueaScreen("dossier", "verify", "--store", store).status == 0)
    }
}
