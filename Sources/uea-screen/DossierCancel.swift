import ArgumentParser
import Basics
import DossierStore
import Foundation

struct DossierCancel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Record that a tender was cancelled: its procedure ends without award and its retention starts.",
        discussion: """
            Recorded once per tender by a registered jurist or secretaris (the account running the \
            command), signed with their key (`uea-screen team`). The tender's dossiers are then kept \
            yearsAfterAward years (checklists/retention.yaml) from this entry, like an awarded tender's \
            (Dir. 2014/24/EU art. 84; domain §9b "Retention without award"), and no bidder can be awarded \
            it any more.

            Example:
              uea-screen dossier cancel PFL-2026-017 --reason "ingetrokken bij besluit GS 2026-11-03" --store store.sqlite

            Exit codes: 0 recorded, 2 refused (no mandate, no key, unknown tender, already cancelled).
            """)
    @OptionGroup var options: StoreOptions
    @Argument(help: "The tender id (as `dossier list` shows it).") var tender: String
    @Option(help: "The cancellation decision: reference and date.") var reason: String

    func run() throws {
        try runCommand {
            let store = try options.open(create: false)
            let entry = try store.cancel(tender: tender, reason: reason, key: try DecisionKey.load(), now: Date())
            print(DisplayText.oneLine("cancellation recorded as entry \(entry.seq) (\(entry.id)) for \(entry.tenderID)"))
            StoreOptions.log(store, "cancel", entry.id)
        }
    }
}
