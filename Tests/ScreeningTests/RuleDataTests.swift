import DossierModel
import Foundation
import TestSupport
import Testing

@testable import RuleData
@testable import Screening

@Suite("Rule data and dossier files")
struct RuleDataTests {
    @Test("checklists/ loads: 13 sectors, dated list entries, thresholds of both periods")
    func loads() throws {
        let rules = Fixtures.rules
        #expect(rules.mvo.sectors.count == 13)
        #expect(
            rules.listedEntities.contains {
                $0.name.hasPrefix("Hoshine") && $0.list == "CBP WRO" && $0.effective == Day(year: 2021, month: 6, day: 24)
            })
        #expect(rules.euThresholds(on: Day(year: 2025, month: 6, day: 1))?.suppliesServicesSubCentral == 221_000)
        #expect(rules.euThresholds(on: Day(year: 2026, month: 9, day: 1))?.suppliesServicesSubCentral == 216_000)
        #expect(rules.euThresholds(on: Day(year: 2028, month: 1, day: 1)) == nil)
        #expect(rules.sectors(forCPV: ["09331200-0"]) == ["Elektronica", "Energie"])
        #expect(rules.version.count == 64)
    }

    @Test("A broken rule file is refused with its file and line")
    func brokenRuleFile() throws {
        let copy = try Paths.temporaryDirectory()
        for name in RuleBook.fileNames {
            try FileManager.default.copyItem(
                atPath: Paths.repositoryFile("checklists/" + name), toPath: copy.appendingPathComponent(name).path)
        }
        let csv = copy.appendingPathComponent("cpv-sectors.csv")
        try (try String(contentsOf: csv, encoding: .utf8) + "4526,Ruimtevaart,\n").write(to: csv, atomically: true, encoding: .utf8)
        do {
            _ = try RuleBook.load(directory: copy.path)
            Issue.record("a sector outside the 13 was accepted")
        } catch let error as InputError {
            #expect(error.file.hasSuffix("cpv-sectors.csv"))
            #expect(error.line == 44)
            #expect(error.message.contains("Ruimtevaart"))
        }
    }

    @Test("A retention shorter than the law (Dir. 2014/24 art. 84: 3 years after award) is refused with its line")
    func retentionFloor() throws {
        let directory = try Paths.temporaryDirectory().appendingPathComponent("checklists").path
        try FileManager.default.copyItem(atPath: Paths.repositoryFile("checklists"), toPath: directory)
        /// The refusal of a retention file with `text`, nil (and an issue) when it is accepted.
        func refusal(_ text: String) throws -> InputError? {
            try text.write(toFile: directory + "/retention.yaml", atomically: true, encoding: .utf8)
            do {
                _ = try RuleBook.load(directory: directory)
                Issue.record("accepted: \(text)")
            } catch let error as InputError { return error }
            return nil
        }
        let twoYears = try refusal("yearsAfterAward: 2\nmonthsToDecide: 12\n")
        #expect(twoYears?.line == 1 && twoYears?.message.contains("art. 84") == true, "\(String(describing: twoYears))")
        let noMonths = try refusal("yearsAfterAward: 3\nmonthsToDecide: 0\n")
        #expect(
            noMonths?.line == 2 && noMonths?.message.contains("monthsToDecide: 0 is not allowed") == true, "\(String(describing: noMonths))"
        )
    }

    @Test("A tender file with a wrong field type names the field and line")
    func brokenTender() throws {
        let directory = try Paths.temporaryDirectory()
        let path = directory.appendingPathComponent("tender.yaml").path
        try "id: X\nestimatedValue: veel\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try ScreeningJob.plan(paths: [], tenderFile: path) }
        do { _ = try ScreeningJob.plan(paths: [], tenderFile: path) } catch let error as InputError {
            #expect(error.line == 2)
            #expect(error.message.contains("estimatedValue"))
        }
        // An amount no tender has (it once trapped a check) is refused with its line, as is a negative one.
        for value in ["1e19", "-5"] {
            try "id: X\nestimatedValue: \(value)\n".write(toFile: path, atomically: true, encoding: .utf8)
            do {
                _ = try ScreeningJob.plan(paths: [], tenderFile: path)
                Issue.record("estimatedValue \(value) accepted")
            } catch let error as InputError {
                #expect(error.line == 2 && error.message.contains("is not an estimated value"), "\(error)")
            }
        }
        // A team names each account once; an empty or repeated one is refused with its line.
        for team in ["[]", "[ajurist, ajurist]", "[\"\"]"] {
            try "id: X\nteam: \(team)\n".write(toFile: path, atomically: true, encoding: .utf8)
            do {
                _ = try ScreeningJob.plan(paths: [], tenderFile: path)
                Issue.record("team \(team) accepted")
            } catch let error as InputError {
                #expect(error.line == 2 && error.message.contains("each once, none empty"), "\(error)")
            }
        }
        try "id: X\nteam: [ajurist, jbakker]\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try ScreeningJob.plan(paths: [], tenderFile: path).tender.team == ["ajurist", "jbakker"])
        try "id: X\noptionalGrounds: [C3]\n".write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try ScreeningJob.plan(paths: [], tenderFile: path)
            Issue.record("mandatory ground accepted as optional")
        } catch let error as InputError {
            #expect(error.message.contains("C3"))
        }
    }

    @Test(
        "Every dossier of the sample tender validates against schemas/dossier-1.schema.json",
        .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func schema() throws {
        let job = try ScreeningJob.plan(paths: [Fixtures.sample], tenderFile: nil)
        let directory = try Paths.temporaryDirectory()
        var written: [String] = []
        for location in job.bidderLocations {
            let submission = try Submission.load(location)
            let context = ScreeningContext(
                submission: submission, tender: job.tender, tenderFilePath: job.tenderFilePath, request: nil, rules: Fixtures.rules)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let path = directory.appendingPathComponent(URL(fileURLWithPath: location).lastPathComponent + ".json").path
            try AtomicFile.write(try encoder.encode(Screener().dossier(context, extraSources: job.extraSources)), to: path)
            written.append(path)
        }
        // Corpus-based dossiers too: one per generation.
        for file in [
            "espd-service-v1/response/v20161101/espd-response-20161101-full.xml", "edm-v2.0.2/REGULATED-ESPD-Response_2.0.2.xml",
            "edm-v3.0.1/ESPD-Response.xml", "edm-v4.1.0/ESPD-Response.xml",
        ] {
            let context = try Fixtures.corpusContext(file)
            let path = directory.appendingPathComponent(URL(fileURLWithPath: file).lastPathComponent + "-\(written.count).json").path
            try AtomicFile.write(try JSONEncoder().encode(Screener().dossier(context)), to: path)
            written.append(path)
        }
        let result = try validateJSONSchema(Paths.repositoryFile("schemas/dossier-1.schema.json"), files: written)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("validated \(written.count)"))
    }

    @Test("A write that fails at the final rename leaves no temporary file; a good write replaces the whole file")
    func atomicWrite() throws {
        let directory = try Paths.temporaryDirectory()
        let target = directory.appendingPathComponent("bidder.dossier.json").path
        try AtomicFile.write(Data("old".utf8), to: target)
        // A directory in the way of the rename makes the final step fail after the data was written.
        let blocked = directory.appendingPathComponent("blocked.json").path
        try FileManager.default.createDirectory(atPath: blocked + "/inside", withIntermediateDirectories: true)
        #expect(throws: (any Error).self) { try AtomicFile.write(Data("new".utf8), to: blocked) }
        try AtomicFile.write(Data("new".utf8), to: target)
        #expect(String(decoding: FileManager.default.contents(atPath: target)!, as: UTF8.self) == "new")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }
}
