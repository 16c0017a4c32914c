import DossierModel
import ESPD
import TestSupport
import Testing

@testable import Screening

/// The hostile ESPD files (Tests/ESPDTests/Hostile, made from the sample bidders) screened as a
/// jurist would see them: never CLEAN, a blocker where any reading confirms a mandatory ground,
/// and the finding names the edited element by line. With and without the tender's request.
@Suite("Hostile ESPD responses, screened")
struct HostileScreeningTests {
    static let requestPath = Paths.repositoryFile("samples/zonnepark-lelystad/espd-request.xml")

    func screen(_ hostile: HostileCase, withRequest: Bool) throws -> [Finding] {
        let submission = try Submission.load(hostile.path, request: withRequest ? Self.requestPath : nil)
        let request = withRequest ? try ESPDParser.read(contentsOf: Self.requestPath) : nil
        let context = ScreeningContext(
            submission: submission, tender: TenderContext(), tenderFilePath: nil, request: request,
            rules: Fixtures.rules, today: Day(year: 2026, month: 11, day: 30))
        return Screener().findings(context)
    }

    func verify(_ hostile: HostileCase, withRequest: Bool) throws {
        let findings = try screen(hostile, withRequest: withRequest)
        let worst = findings.map(\.severity).min()
        // Never clean; the other grounds of the base file (bidder 2's C3) may block on their own.
        #expect(worst == .blocker || worst == .attention, "\(hostile.file): outcome \(worst?.rawValue ?? "clean")")
        let c1 = findings.filter { $0.check == "exclusion.mandatory-ground" && $0.details?["ground"] == "C1" }
        if hostile.outcome == "blocker" {
            #expect(c1.count == 1 && c1.allSatisfy { $0.severity == .blocker }, "\(hostile.file): one C1 blocker")
        } else {
            #expect(c1.isEmpty, "\(hostile.file): no C1 ground without a readable yes")
        }
        // A response without criteria, screened with the request, is read with the request's
        // questions: every ground is then present and unanswered.
        let check = hostile.kind == "no-criteria" && withRequest && hostile.generation != "v1" ? "espd.exclusion-unanswered" : hostile.check
        let named = findings.filter { $0.check == check }
        #expect(!named.isEmpty, "\(hostile.file): no \(check) finding")
        let lines = Set(named.flatMap { $0.evidence.compactMap(\.line) })
        if hostile.kind == "no-criteria" {
            if check == "espd.exclusion-missing" {
                #expect(named.count == 1, "\(hostile.file): one finding for a response without criteria")
            }
        } else {
            #expect(
                lines.contains(hostile.line), "\(hostile.file): \(check) does not name line \(hostile.line) (\(lines.sorted().prefix(10)))")
        }
    }

    @Test("Without an ESPD request", arguments: HostileCase.committed)
    func alone(_ hostile: HostileCase) throws { try verify(hostile, withRequest: false) }

    @Test("With the tender's ESPD request", arguments: HostileCase.committed)
    func withRequest(_ hostile: HostileCase) throws { try verify(hostile, withRequest: true) }

    @Test("The unedited sample bidders keep their outcome (no new findings from the stricter reader)")
    func originals() throws {
        let bidder = try Submission.load(Fixtures.sample + "/bidders/1-zonnebouw-flevoland", request: Self.requestPath)
        let context = ScreeningContext(
            submission: bidder, tender: Fixtures.tender, tenderFilePath: Fixtures.tenderPath,
            request: try ESPDParser.read(contentsOf: Self.requestPath), rules: Fixtures.rules, sanctions: Fixtures.sanctions)
        #expect(Screener().findings(context).filter { $0.severity != .info }.map(\.check) == [])
        #expect(bidder.espd.criteria.allSatisfy { $0.conflicts.isEmpty })
        #expect(bidder.espd.warnings.isEmpty)
    }
}
