import ArgumentParser
import Basics
import DossierModel
import DossierStore
import ESPD
import Foundation
import RuleData
import Screening

struct DossierPurge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract:
            "Remove the content of dossiers whose retention has ended, keeping a tombstone with their hashes so the chain still verifies.",
        discussion: """
            Every dossier of a tender is kept yearsAfterAward years (checklists/retention.yaml, at least 3: \
            Dir. 2014/24/EU art. 84; the archive selection list may require longer) after the tender's first \
            recorded award (`dossier award`). A tender without a recorded award is never purged.
            """)
    @OptionGroup var options: StoreOptions
    @OptionGroup var ruleData: RuleDataOptions
    @Option(help: "Who purges. Default: $USER.") var by: String?
    @Option(help: "Why (e.g. the retention decision).") var reason: String?

    func run() throws {
        try runCommand {
            let retention: RuleBook.RetentionRules
            do { retention = try ruleData.load().retention } catch { throw CommandFailure.refused("\(error)") }
            let store = try options.open(create: false)
            let tombstones = try store.purge(
                yearsAfterAward: retention.yearsAfterAward, by: by ?? StoreOptions.user, reason: reason, now: Date())
            for t in tombstones {
                print(DisplayText.oneLine("purged \(t.subject ?? "") (\(t.bidderName), \(t.tenderID)); tombstone \(t.id)"))
            }
            StoreOptions.log(store, "purge", nil)
            print("\(tombstones.count) dossiers purged (kept \(retention.yearsAfterAward) years after their tender's award)")
        }
    }
}
