import Foundation
import TestSupport
import Testing

@testable import ESPD

/// A response that carries only its answers (no copied criteria) is paired through the request
/// (shared/espd-formats.md §5.4 step 2). The file is derived from the corpus v2.1.1 Basic response
/// by removing every cac:TenderingCriterion element.
@Suite("Responses without criteria")
struct RequestFallbackTests {
    func answersOnly() throws -> String {
        let text = try String(contentsOfFile: Paths.corpusFile("edm-v2.1.1/BASIC-ESPDResponse-2.1.1.xml"), encoding: .utf8)
        let expression = try NSRegularExpression(
            pattern: "<cac:TenderingCriterion>.*?</cac:TenderingCriterion>", options: [.dotMatchesLineSeparators])
        let stripped = expression.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
        let path = try Paths.temporaryDirectory().appendingPathComponent("answers-only.xml").path
        try stripped.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(
        "Without the request every answer is unlinked; with it they pair as in the full response",
        .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func pairsThroughRequest() throws {
        let path = try answersOnly()
        let alone = try ESPDParser.read(contentsOf: path)
        #expect(alone.criteria.isEmpty)
        #expect(alone.unlinkedAnswers.count > 50)
        let request = Paths.corpusFile("edm-v2.1.1/BASIC-ESPDRequest-2.1.1.xml")
        let paired = try ESPDParser.read(contentsOf: path, request: request)
        let full = try ESPDParser.read(contentsOf: Paths.corpusFile("edm-v2.1.1/BASIC-ESPDResponse-2.1.1.xml"))
        #expect(paired.warnings.contains { $0.code == "criteria-from-request" })
        #expect(paired.unlinkedAnswers.count < alone.unlinkedAnswers.count)
        let answers = { (d: ESPDDocument) in
            Dictionary(d.criteria.compactMap { c in c.ground.map { ($0, c.answer) } }, uniquingKeysWith: { a, _ in a })
        }
        #expect(answers(paired) == answers(full))
        let c1 = try #require(paired.criteria.first { $0.ground == "C1" })
        #expect(c1.source == request)  // lines point into the request
        #expect(c1.answers.allSatisfy { $0.path.hasPrefix("/QualificationApplicationResponse") })
    }
}
