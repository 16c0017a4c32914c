import ArgumentParser
import Basics
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
            "Recorded by a registered jurist or secretaris (the account running the command), signed with their key (`uea-screen team`). The award entry states every other bidder's outcome after review with the articles it rests on (domain §9b), and prints it. Refused for a bidder that is excluded or has a blocker no confirmed decision has resolved (`uea-screen review` lists them), a superseded version (award the latest screening), a purged dossier, a dossier without tender id, and a second award of the same bidder in the same tender."
    )
    @OptionGroup var options: StoreOptions
    @Argument(help: "Dossier id (or a unique prefix of at least 8 characters).") var id: String
    @Option(help: "Reference of the award decision.") var reason: String?

    func run() throws {
        try runCommand {
            let store = try options.open(create: false)
            let entry = try store.award(id: id, reason: reason, key: try DecisionKey.load(), now: Date())
            print(DisplayText.oneLine("award recorded as entry \(entry.seq) (\(entry.id)) for \(entry.bidderName) in \(entry.tenderID)"))
            // What the signed entry states about every other bidder, as recorded.
            if let file = try? store.sources(id: entry.id).first(where: { $0.role == AwardStatement.fileRole }),
                let statement = try? JSONDecoder().decode(AwardStatement.self, from: file.bytes)
            {
                for other in statement.others {
                    let basis = other.basis.isEmpty ? "" : " (\(other.basis.joined(separator: "; ")))"
                    print(DisplayText.oneLine("  \(other.bidder): \(other.outcome.rawValue)\(basis)"))
                }
            }
            StoreOptions.log(store, "award", entry.id)
        }
    }
}
