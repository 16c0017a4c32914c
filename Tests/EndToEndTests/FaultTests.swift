import Foundation
import TestSupport
import Testing

/// A dossier write interrupted at any point leaves the previous dossier or the new one, never a
/// torn file: real processes, killed with SIGKILL at spread-out moments while they write.
@Suite("Interrupted writes")
struct FaultTests {
    @Test("SIGKILL during screen --out never leaves a torn dossier")
    func sigkill() throws {
        let out = try Paths.temporaryDirectory()
        // A first complete run: the "old" dossiers.
        #expect(try ueaScreen("screen", "samples/zonnepark-lelystad", "--out", out.path).status == 1)
        let old = try snapshot(out)
        #expect(old.count == 5)  // four bidders and the tender
        var killedWhileRunning = 0
        for attempt in 0..<12 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ueaScreenBinary())
            process.arguments = [
                "screen", "samples/zonnepark-lelystad", "--out", out.path, "--format", "json", "--lang", attempt % 2 == 0 ? "en" : "nl",
            ]
            process.currentDirectoryURL = Paths.repository
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Spread the kill over the run (it takes a few hundred ms in a debug build).
            usleep(useconds_t(20_000 + attempt * 25_000))
            if process.isRunning { killedWhileRunning += 1 }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            for (name, data) in try snapshot(out) {
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
                let schema = name == "tender.dossier.json" ? "uea-screen/tender-dossier/1" : "uea-screen/dossier/1"
                #expect(object?["schema"] as? String == schema, "torn dossier \(name) after kill \(attempt)")
            }
        }
        print("killed \(killedWhileRunning) of 12 runs while they were running")
        #expect(killedWhileRunning > 0)
    }

    func snapshot(_ directory: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".dossier.json") {
            result[name] = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path)
        }
        return result
    }
}
