import Foundation
import TestSupport
import Testing

/// The fuzz targets, built without libFuzzer, replay inputs: every kept regression input and the
/// hostile files must go through without a crash.
@Suite("Fuzz regression inputs")
struct FuzzRegressionTests {
    func binary(_ name: String) -> String {
        URL(fileURLWithPath: ueaScreenBinary()).deletingLastPathComponent().appendingPathComponent(name).path
    }

    func inputs(_ folder: String) throws -> [String] {
        let directory = Paths.repositoryFile(folder)
        return try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".") }.map { directory + "/" + $0 }
    }

    @Test("fuzz-espd replays the regression inputs and the hostile files", arguments: ["fuzz-espd", "fuzz-inputs"])
    func replay(target: String) throws {
        let folder = target == "fuzz-espd" ? "fuzz/regressions/espd" : "fuzz/regressions/inputs"
        let regressions = try inputs(folder)
        // fuzz-inputs keeps the inputs that once trapped a check (an amount of 1e19); the ESPD
        // fuzzer has found nothing to keep yet, so its folder is empty and only the hostile files run.
        if target == "fuzz-inputs" { #expect(regressions.count >= 2) }
        print("\(target): replaying \(regressions.count) regression inputs and the hostile files")
        let files = regressions + (try inputs("Tests/SafeXMLTests/Hostile")) + (try inputs("Tests/ESPDTests/Hostile"))
        let result = try run(binary(target), files)
        #expect(result.status == 0, "\(result.stderr)")
    }
}
