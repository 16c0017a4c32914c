import ArgumentParser
import Basics
import DossierModel
import ESPD
import Foundation
import Names
import RuleData
import SafeXML
import Screening

@main
struct UEAScreen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uea-screen",
        abstract: "Supplier due-diligence and integrity screening of ESPD/UEA submissions.",
        discussion: """
            Exit codes: 0 success, 1 findings that need a jurist, 2 input refused or unreadable, 64 usage error.
            """,
        version: "\(ToolInfo.name) \(ToolInfo.version)",
        subcommands: [
            Inspect.self, Validate.self, Screen.self, Review.self, Overview.self, Rules.self, Match.self, WatchlistCommand.self,
            DossierCommand.self, TeamCommand.self, TenderCommand.self, Init.self,
        ]
    )
}

extension UEAScreen {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, !first.hasPrefix("-") {
            let known = configuration.subcommands.map { $0._commandName } + ["help"]
            if !known.contains(first) {
                let hint = Spelling.suggestion(for: first, among: known).map { "; did you mean '\($0)'?" } ?? ""
                CommandFailure.usage("'\(DisplayText.oneLine(first))' is not a command\(hint) (commands: \(known.joined(separator: ", ")))")
                    .terminate()
            }
        }
        main(nil)
    }
}
