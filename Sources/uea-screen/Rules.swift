import ArgumentParser
import Foundation
import Screening
import RuleData

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every check with its id, severity, legal basis and the rule-data files it reads.")

    @Option(help: "Output format: text or json.")
    var format: Inspect.Format = .text

    @Option(help: "Rule data folder to validate and describe. Default: ./checklists, else the one next to the executable.")
    var rules: String?

    func run() throws {
        try runCommand {
            let checks = CheckRegistry.all
            var version = "(rule data not loaded)"
            if let directory = rules ?? RuleBook.defaultDirectory() {
                do { version = try RuleBook.load(directory: directory).version } catch {
                    Diagnostics.report("\(error)")
                    throw ExitCode(2)
                }
            }
            switch format {
            case .json:
                struct Row: Encodable { var id, family, severity, legalBasis, summary: String; var dataFiles: [String] }
                struct Listing: Encodable { var ruleDataVersion: String; var checks: [Row] }
                print(try JSONOutput.string(Listing(ruleDataVersion: version, checks: checks.map {
                    Row(id: $0.id, family: $0.family, severity: $0.severity.rawValue, legalBasis: $0.legalBasis, summary: $0.summary, dataFiles: $0.dataFiles)
                })))
            case .text:
                print("\(checks.count) checks, rule data \(version)\n")
                for check in checks {
                    print("\(check.id)  [\(check.severity.rawValue)]")
                    print("    \(check.summary)")
                    print("    basis: \(check.legalBasis)")
                    if !check.dataFiles.isEmpty { print("    data:  \(check.dataFiles.map { "checklists/" + $0 }.joined(separator: ", "))") }
                }
            }
        }
    }
}
