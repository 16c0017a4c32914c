import ArgumentParser
import Foundation
import RuleData
import Screening

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every check with its id, severity, legal basis, legal effect and the rule-data files it reads.")

    @Option(help: "Output format: text or json.")
    var format: Inspect.Format = .text

    @OptionGroup var ruleData: RuleDataOptions

    func run() throws {
        try runCommand {
            let checks = CheckRegistry.all
            // Without rule data the list would describe checks that cannot run: refused (exit 2).
            let version = try ruleData.load().version
            switch format {
            case .json:
                struct Row: Encodable {
                    var id, family, severity, legalBasis, legalEffect, summary, runsOn: String
                    /// What its findings cite in a national procedure below the EU thresholds.
                    var nationalLegalBasis: String?
                    var dataFiles: [String]
                    var mayBeKnockOut: Bool
                }
                struct Listing: Encodable {
                    var ruleDataVersion: String
                    var checks: [Row]
                }
                print(
                    try JSONOutput.string(
                        Listing(
                            ruleDataVersion: version,
                            checks: checks.map {
                                Row(
                                    id: $0.id, family: $0.family, severity: $0.severity.rawValue, legalBasis: $0.legalBasis,
                                    legalEffect: $0.legalEffect, summary: $0.summary, runsOn: CheckTable.runsOn($0),
                                    nationalLegalBasis: $0.nationalLegalBasis,
                                    dataFiles: $0.dataFiles, mayBeKnockOut: $0.mayBeKnockOut)
                            })))
            case .text:
                print("\(checks.count) checks, rule data \(version)\n")
                for check in checks {
                    print("\(check.id)  [\(check.severity.rawValue)]")
                    print("    \(check.summary)")
                    print("    basis:   \(check.legalBasis)")
                    if let national = check.nationalLegalBasis { print("    below the EU thresholds (national procedure): \(national)") }
                    print("    effect:  \(check.legalEffect)")
                    print("    runs on: \(CheckTable.runsOn(check))\(check.mayBeKnockOut ? " (a tender may make it a knock-out)" : "")")
                    if !check.dataFiles.isEmpty {
                        print("    data:    \(check.dataFiles.map { "checklists/" + $0 }.joined(separator: ", "))")
                    }
                }
            }
        }
    }
}
