import ArgumentParser
import Basics
import DossierModel
import DossierStore
import ESPD
import Foundation
import Screening

struct DossierList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "One stored dossier per line, id first; filters combine.")
    @OptionGroup var options: StoreOptions
    @OptionGroup var ruleData: RuleDataOptions
    @Option(help: "Tender id.") var tender: String?
    @Option(help: "Bidder name (fuzzy) or KvK/VAT number.") var bidder: String?
    @Option(help: "Screened on or after this date (YYYY-MM-DD).") var from: String?
    @Option(help: "Screened on or before this date (YYYY-MM-DD).") var to: String?
    @Option(help: "Only dossiers with findings of at least this severity.") var severity: SeverityFloor?
    @Option(help: "Only dossiers with a finding of this check id.") var check: String?
    @Option(help: "Output format: text or json.") var format: Inspect.Format = .text

    /// A filter that cannot match is a mistake, not "nothing found": `--from banaan` or
    /// `--severity Blocker` would otherwise return nothing or everything.
    func validate() throws {
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, Day(value) == nil { throw ValidationError("\(name) '\(value)' is not a date; write YYYY-MM-DD") }
        }
        if let from, let to, let start = Day(from), let end = Day(to), end < start {
            throw ValidationError("--to \(to) is before --from \(from)")
        }
        if let check, !CheckRegistry.all.contains(where: { $0.id == check }) {
            throw ValidationError("--check '\(check)' is not a check id; `uea-screen rules` lists them")
        }
    }

    func run() throws {
        try runCommand {
            let store = try options.open(create: false)
            let filter = try StoreOptions.filter(
                bidder: bidder, ruleData: ruleData,
                StoreFilter(tender: tender, bidder: bidder, from: from, to: to, severity: severity?.severity, check: check))
            var array = format == .json ? StreamedJSONArray() : nil
            try store.forEachEntry(filter) { e in
                if array != nil {
                    try array!.add(e)
                    return
                }
                print(
                    DisplayText.oneLine(
                        "\(e.id)  \(e.screenedAt.prefix(10))  \(e.tenderID)  \(e.bidderName)  \(e.outcome) (blocker \(e.blocker), attention \(e.attention))\(e.previousVersion == nil ? "" : "  re-screen")\(e.criminalData ? "  [criminal-law data]" : "")"
                    ))
            }
            array?.finish()
            StoreOptions.log(store, "list", nil)
        }
    }
}
