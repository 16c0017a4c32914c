import ArgumentParser
import DossierModel
import EForms
import Foundation
import RuleData
import Screening

/// `uea-screen tender check DIR`: every value of tender.yaml that differs from the tender's
/// eForms notice (`notice:` in tender.yaml), and every announced ground the ESPD request does not
/// ask, one line each with both places; exit 1 when there is any.
struct TenderCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare tender.yaml with its eForms notice (and the ESPD request with the notice's grounds).",
        discussion: """
            tender.yaml names its notice with `notice: notice.xml` (`uea-screen init --notice` writes it).
            Each difference is one line: where tender.yaml says it, what it says, and the notice's field and line.
            Exit 0: tender.yaml agrees with the notice; 1: differences; 2: a file cannot be read.
            Examples:
              uea-screen tender check aanbestedingen/PFL-2027-003
              uea-screen tender check aanbestedingen/PFL-2027-003/tender.yaml
            """)

    @Argument(help: "The tender folder (or its tender.yaml).")
    var tender: String

    @OptionGroup var ruleData: RuleDataOptions

    func run() throws {
        try runCommand {
            let tenderFile = try Self.tenderFile(tender)
            let job = try ScreeningJob.plan(paths: [], tenderFile: tenderFile)
            guard job.noticePath != nil else {
                throw CommandFailure.refused(
                    "\(tenderFile): has no `notice:`; name the tender's eForms notice (a file in the tender folder) to compare with")
            }
            let rules = try ruleData.load()
            guard let facts = try job.notice(rules: rules) else { return }
            for note in facts.notes { Diagnostics.report("note: \(note)") }
            let lines = job.tenderFileLines
            var problems: [String] = []
            for difference in facts.differences(from: job.tender) {
                let key = String(difference.key.prefix { $0 != "." })
                let at = lines[key].map { "\(tenderFile):\($0)" } ?? tenderFile
                problems.append(
                    "\(at): \(difference.key): \(difference.tenderEN) here, \(difference.noticeEN) in the notice (\(difference.field), \(facts.notice.source) line \(difference.line))"
                )
            }
            if let request = job.request {
                for ground in facts.groundsNotAsked(in: request) {
                    problems.append(
                        "\(facts.notice.source):\(ground.line): exclusion ground \(ground.value) is announced (\(ground.field)) but not asked in the ESPD request \(request.source)"
                    )
                }
            }
            for problem in problems { print(problem) }
            guard problems.isEmpty else { throw CommandFailure.findings }
            print("\(tenderFile) agrees with \(facts.notice.source)")
        }
    }

    /// The tender file of a folder, or the file itself.
    static func tenderFile(_ argument: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
            throw CommandFailure.refused("\(argument): no such tender folder or file")
        }
        guard isDirectory.boolValue else { return argument }
        guard let found = try TenderFile.inFolder(argument) else {
            throw CommandFailure.refused("\(argument): is a folder without tender.yaml")
        }
        return found
    }
}
