import ArgumentParser
import Basics
import DossierModel
import DossierStore
import ESPD
import Foundation
import Screening

struct DossierHistory: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Every stored version, award and tombstone for a bidder (name or KvK/VAT number), oldest first.")
    @OptionGroup var options: StoreOptions
    @OptionGroup var ruleData: RuleDataOptions
    @Argument(help: "Bidder name or number.") var bidder: String
    @Option(help: "Output format: text or json.") var format: Inspect.Format = .text

    func run() throws {
        try runCommand {
            let store = try options.open(create: false)
            var array = format == .json ? StreamedJSONArray() : nil
            try store.forEachEntry(
                try StoreOptions.filter(bidder: bidder, ruleData: ruleData, StoreFilter(bidder: bidder, includeMarkers: true))
            ) { e in
                if array != nil {
                    try array!.add(e)
                    return
                }
                let what = e.kind == .dossier ? e.outcome.rawValue : "\(e.kind.rawValue) of \(e.subject?.prefix(8) ?? "")"
                print(
                    DisplayText.oneLine(
                        "\(e.id)  \(e.storedAt)  \(e.tenderID)  \(e.bidderName)  \(what)  by \(e.storedBy)\(e.reason.map { "  (\($0))" } ?? "")\(e.previousVersion.map { "  replaces \($0.prefix(8))" } ?? "")"
                    ))
            }
            array?.finish()
            StoreOptions.log(store, "history", bidder)
        }
    }
}
