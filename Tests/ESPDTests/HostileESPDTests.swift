import Foundation
import TestSupport
import Testing

@testable import ESPD

/// Each evasion class of issue 11 on a real response of each generation: the reader never
/// resolves a duplicated, disagreeing, hidden or re-typed answer silently, and names the line.
@Suite("Hostile ESPD responses")
struct HostileESPDTests {
    /// What a careful reader must conclude, and that the edited element is named by line.
    static func verify(_ hostile: HostileCase, request: String? = nil) throws {
        let document = try ESPDParser.read(contentsOf: hostile.path, request: request)
        let c1 = document.criteria.filter { $0.ground == "C1" }
        switch hostile.groundApplies {
        case "true":
            #expect(c1.contains { $0.groundApplies == true }, "\(hostile.file): C1 must read as applying")
        case "none":
            #expect(
                !c1.isEmpty && c1.allSatisfy { $0.groundApplies == nil && $0.answer == nil }, "\(hostile.file): C1 has no readable answer")
            #expect(
                c1.contains { $0.conflicts.contains { $0.lines == [hostile.line] } },
                "\(hostile.file): the edited element is named at its line")
        default:
            // No criteria of its own: without a request nothing is there; with one, the request's
            // criteria are read (and are unanswered).
            #expect(c1.allSatisfy { $0.answer == nil }, "\(hostile.file)")
            if request == nil { #expect(document.criteria.isEmpty) }
        }
        guard hostile.groundApplies != "missing" else { return }
        let named = Set(
            c1.flatMap { $0.conflicts.flatMap(\.lines) } + document.warnings.compactMap(\.line) + document.unlinkedAnswers.map(\.line))
        #expect(named.contains(hostile.line), "\(hostile.file): line \(hostile.line) is not named (named: \(named.sorted().prefix(12)))")
        // Everything unusual is reported, nothing is dropped: a conflict on C1 or a warning.
        #expect(!c1.allSatisfy { $0.conflicts.isEmpty } || !document.warnings.isEmpty)
    }

    @Test("Sample bidders edited as an adversary would", arguments: HostileCase.committed)
    func committed(_ hostile: HostileCase) throws {
        try Self.verify(hostile)
    }

    @Test("The same, with the sample tender's ESPD request (EDM 4.1.0)", arguments: HostileCase.committed)
    func withRequest(_ hostile: HostileCase) throws {
        try Self.verify(hostile, request: Paths.repositoryFile("samples/zonnepark-lelystad/espd-request.xml"))
    }

    @Test("Every generation and class has a committed file")
    func coverage() {
        #expect(HostileCase.committed.count == 51)
        for generation in ["v1", "v2.1", "v3", "v4"] {
            let classes = Set(HostileCase.committed.filter { $0.generation == generation }.map(\.kind))
            #expect(
                classes.isSuperset(of: ["second-response", "second-value", "foreign-decoy", "extra-question", "unreadable", "no-criteria"]),
                "\(generation)")
        }
        #expect(HostileCase.committed.contains { $0.kind == "second-instance" && $0.generation == "v4" })
    }

    @Test("Corpus responses (every generation) edited as an adversary would")
    func corpusBased() throws {
        let python = try #require(which("python3"), "python3 is needed to write the corpus-based hostile files")
        let directory = try Paths.temporaryDirectory().path
        let made = try run(python, [Paths.repositoryFile("Tests/ESPDTests/Hostile/make.py"), "--corpus", directory])
        #expect(made.status == 0, "\(made.stderr)")
        let cases = try HostileCase.load(directory)
        #expect(cases.count == 51)
        for hostile in cases { try Self.verify(hostile) }
    }

    @Test("Without the fix a decoy 'false' before a 'true' would win: the first reading is false")
    func decoyComesFirst() throws {
        // Guards the test files themselves: in the decoy files the first indicator in document order
        // is "false", so a first-wins reader would have read C1 as clean.
        let hostile = try #require(HostileCase.committed.first { $0.file == "v4-sample-second-response.xml" })
        let document = try ESPDParser.read(contentsOf: hostile.path)
        let c1 = try #require(document.criteria.first { $0.ground == "C1" })
        let readings = c1.answers.filter { $0.property == "C1_EG_crime-org/QG1/Q1" }.sorted { $0.line < $1.line }
        #expect(readings.map(\.indicator) == [false, true])
        #expect(c1.conflicts.map(\.kind) == [.disagreeingValues])
        #expect(c1.conflicts.first?.lines == readings.map(\.line))
    }

    @Test("XML Schema booleans only: 1 and 0 are read, TRUE and yes are unreadable")
    func strictBooleans() throws {
        let base = try String(
            contentsOfFile: Paths.repositoryFile("samples/zonnepark-lelystad/bidders/1-zonnebouw-flevoland/uea.xml"), encoding: .utf8)
        let needle =
            "<cbc:ValidatedCriterionPropertyID>C1_EG_crime-org/QG1/Q1</cbc:ValidatedCriterionPropertyID>\n    <cac:ResponseValue><cbc:ResponseIndicator>false"
        #expect(base.contains(needle))
        for (value, expected) in [("1", true as Bool?), (" 0 ", false), ("TRUE", nil), ("yes", nil), ("ja", nil)] {
            let text = base.replacingOccurrences(of: needle, with: needle.replacingOccurrences(of: ">false", with: ">" + value))
            let path = try Paths.temporaryDirectory().appendingPathComponent("boolean.xml").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let c1 = try #require(try ESPDParser.read(contentsOf: path).criteria.first { $0.ground == "C1" })
            #expect(c1.answer == expected, "\(value)")
            #expect(c1.conflicts.contains { $0.kind == .unreadableValue } == (expected == nil), "\(value)")
        }
    }

    @Test("A foreign-namespace element is not read and is reported with its line")
    func foreignNamespace() throws {
        let hostile = try #require(HostileCase.committed.first { $0.file == "v1-sample-foreign-decoy.xml" })
        let document = try ESPDParser.read(contentsOf: hostile.path)
        let foreign = document.warnings.filter { $0.code == "foreign-element" }
        #expect(foreign.map(\.line) == [hostile.line])
        #expect(foreign.first?.message.contains("urn:example:decoy") == true)
        #expect(document.criteria.first { $0.ground == "C1" }?.answers.filter { $0.indicator != nil }.count == 1)
    }

    @Test("A name with a right-to-left override is reported and shown escaped")
    func bidiName() throws {
        let text = try String(
            contentsOfFile: Paths.repositoryFile("samples/zonnepark-lelystad/bidders/1-zonnebouw-flevoland/uea.xml"), encoding: .utf8
        )
        .replacingOccurrences(
            of: "<cbc:Name>Zonnebouw Flevoland B.V.</cbc:Name>", with: "<cbc:Name>Zonnebouw&#x202E; Flevoland B.V.</cbc:Name>")
        let path = try Paths.temporaryDirectory().appendingPathComponent("bidi.xml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let document = try ESPDParser.read(contentsOf: path)
        let warning = try #require(document.warnings.first { $0.code == "hidden-characters-in-name" })
        #expect(warning.line == document.economicOperator?.line)
        #expect(TextSummary.render(document).contains("Zonnebouw\\u{202E} Flevoland"))
        // The sample's own names carry no such characters.
        #expect(
            try ESPDParser.read(contentsOf: Paths.repositoryFile("samples/zonnepark-lelystad/bidders/1-zonnebouw-flevoland/uea.xml"))
                .warnings.isEmpty)
    }
}
