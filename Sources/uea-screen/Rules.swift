import ArgumentParser
import DossierModel
import Foundation
import Reports
import RuleData
import Screening

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every check with its id, severity, legal basis, legal effect and the rule-data files it reads.",
        discussion: """
            Dutch by default, as the reports: the legal bases are cited as the Dutch report cites them.

            Examples:
              uea-screen rules
              uea-screen rules --lang en
              uea-screen rules --format json --lang en
            """)

    @Option(help: "Output format: text or json.")
    var format: Inspect.Format = .text

    @Option(help: "Language of the listing.") var lang: ReportLanguage = .nl

    @Option(help: "Folder with the report templates and labels.yaml (default: the installed templates/).")
    var templates: String?

    @OptionGroup var ruleData: RuleDataOptions

    func run() throws {
        try runCommand {
            let checks = CheckRegistry.all
            // Without rule data the list would describe checks that cannot run: refused (exit 2).
            let version = try ruleData.load().version
            let listing = try CheckListing(templates: TemplatesFolder.find(templates), language: lang)
            switch format {
            case .json:
                struct Listing: Encodable {
                    var ruleDataVersion: String
                    var language: String
                    var checks: [CheckListing.Row]
                }
                print(try JSONOutput.string(Listing(ruleDataVersion: version, language: lang.rawValue, checks: listing.rows(checks))))
            case .text:
                print(listing.text(checks, ruleDataVersion: version))
            }
        }
    }
}
