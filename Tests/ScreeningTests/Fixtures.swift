import DossierModel
import ESPD
import Foundation
import TestSupport

@testable import Names
@testable import RuleData
@testable import Screening

enum Fixtures {
    static let rules: RuleBook = try! RuleBook.load(directory: Paths.repositoryFile("checklists"))
    static let sample = Paths.repositoryFile("samples/zonnepark-lelystad")
    static let tenderPath = sample + "/tender.yaml"
    static let tender: TenderContext = try! ScreeningJob.plan(paths: [sample], tenderFile: nil).tender

    /// The sample tender's imported watchlists (EU FSF format sample and an own CSV list).
    static let sanctions = SanctionsIndex(
        lists: try! WatchlistStore(directory: sample + "/watchlists").loadAll() + [try! WatchlistParser.forcedLabourList(rules: rules)],
        rules: rules)

    /// The clean sample bidder (Zonnebouw Flevoland, EDM v4.1.0) in the sample tender.
    static func cleanContext() throws -> ScreeningContext {
        let submission = try Submission.load(sample + "/bidders/1-zonnebouw-flevoland")
        return ScreeningContext(
            submission: submission, tender: tender, tenderFilePath: tenderPath, request: nil, rules: rules, sanctions: sanctions)
    }

    /// A copy of the clean bidder's folder in a fresh temporary folder, with `edit` applied to its
    /// files (name → text); returns the copy's path.
    static func cleanBidderCopy(_ edit: (inout [String: String]) -> Void = { _ in }) throws -> String {
        let source = sample + "/bidders/1-zonnebouw-flevoland"
        let folder = try Paths.temporaryDirectory().appendingPathComponent("1-zonnebouw-flevoland").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: source) {
            files[name] = try String(contentsOfFile: source + "/" + name, encoding: .utf8)
        }
        edit(&files)
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        return folder
    }

    /// A bidder whose ESPD is a real corpus file, with an optional tender.
    static func corpusContext(
        _ relative: String, tender: TenderContext = TenderContext(), bidder: BidderFile = BidderFile(),
        today: Day = Day(year: 2026, month: 11, day: 29)
    ) throws -> ScreeningContext {
        var submission = try Submission.load(Paths.corpusFile(relative))
        submission.bidder = bidder
        return ScreeningContext(submission: submission, tender: tender, tenderFilePath: nil, request: nil, rules: rules, today: today)
    }

    /// A check's findings in the dossier it belongs to: the bidder's, or the tender's for checks about the tender.
    static func findings(_ context: ScreeningContext, _ id: String) -> [Finding] {
        let tenderLevel = CheckRegistry.all.first { $0.id == id }?.subject == .tender
        return (tenderLevel ? Screener().tenderFindings(context) : Screener().findings(context)).filter { $0.check == id }
    }
}
