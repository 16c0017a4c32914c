import ArgumentParser
import DossierModel
import DossierStore
import ESPD
import Foundation
import Screening

struct DossierAward: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "award",
        abstract: "Record that the bidder of a dossier won its tender; the tender's retention period starts at its first award.",
        discussion:
            "Refused for a superseded version (award the latest screening), a purged dossier, a dossier without tender id, and a second award of the same bidder in the same tender."
    )
    @OptionGroup var options: StoreOptions
    @Argument(help: "Dossier id (or a unique prefix of at least 8 characters).") var id: String
    @Option(help: "Who decided. Default: $USER.") var by: String?
    @Option(help: "Reference of the award decision.") var reason: String?

    func run() throws {
        try runCommand {
            let store = try options.open(create: false)
            let entry = try store.award(id: id, by: by ?? StoreOptions.user, reason: reason, now: Date())
            if entry.blocker > 0 {
                Diagnostics.report(
                    "warning: dossier \(entry.subject ?? "") has \(entry.blocker) blocker finding(s); the award is recorded, the findings stay open until a jurist resolves them"
                )
            }
            print(DisplayText.oneLine("award recorded as entry \(entry.seq) (\(entry.id)) for \(entry.bidderName) in \(entry.tenderID)"))
        }
    }
}
