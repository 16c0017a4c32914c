import ArgumentParser
import Basics
import DossierModel
import DossierStore
import Foundation
import RuleData

struct DossierPurge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract:
            "Remove the content of dossiers whose retention has ended, keeping a signed tombstone with their hashes so the chain still verifies.",
        discussion: """
            Every dossier of a tender, winners' and non-winners', is kept yearsAfterAward years \
            (checklists/retention.yaml, at least 3: Dir. 2014/24/EU art. 84; the archive selection list \
            may require longer) after the tender's latest recorded award (`dossier award`) or its \
            cancellation (`dossier cancel`). A tender with neither is never purged; once its submission \
            deadline is monthsToDecide months past, it is listed as needing a decision (award or \
            cancellation). Before that, monthsToRedact months after the award or cancellation (past the \
            standstill and any review proceedings), the criminal-law details of the bidders that were not \
            awarded are forgotten: the source files and decision attachments of their dossiers with \
            criminal-law data are deleted, their findings stay, and a signed redaction entry records it \
            (domain §9b; AVG art. 5(1)(e)). Purging is done by a registered beheerder (the account running the command), \
            signed with their key (`uea-screen team`). --dry-run lists the same and changes nothing; \
            anyone who may read the store may run it.

            Examples:
              uea-screen dossier purge --dry-run --store store.sqlite
              uea-screen dossier purge --reason "retentiebesluit 2030-01" --store store.sqlite

            Exit codes: 0 purged or listed (also when nothing was due), 2 refused (no mandate, no key, \
            unreadable store or rule data).
            """)
    @OptionGroup var options: StoreOptions
    @OptionGroup var ruleData: RuleDataOptions
    @Flag(help: "List what would be purged, what is kept until when, and the tenders that need a decision; change nothing.")
    var dryRun = false
    @Option(help: "Why (e.g. the retention decision).") var reason: String?

    func run() throws {
        try runCommand {
            let retention: RuleBook.RetentionRules
            do { retention = try ruleData.load().retention } catch { throw CommandFailure.refused("\(error)") }
            let store = try options.open(create: false)
            let now = Date()
            let plan = try store.retentionPlan(
                yearsAfterEnd: retention.yearsAfterAward, monthsToDecide: retention.monthsToDecide, now: now)
            let redactions = try retention.monthsToRedact.map { try store.redactionPlan(monthsAfterEnd: $0, now: now) } ?? []
            if retention.monthsToRedact == nil {
                Diagnostics.report(
                    "note: retention.yaml sets no monthsToRedact: non-winners' criminal-law details are kept until the purge")
            }
            if dryRun {
                for line in RetentionText.redactions(redactions, months: retention.monthsToRedact) { print(DisplayText.oneLine(line)) }
                for line in RetentionText.plan(plan) { print(DisplayText.oneLine(line)) }
                StoreOptions.log(store, "purge --dry-run", nil)
                return
            }
            let key = try DecisionKey.load()
            let redacted =
                try retention.monthsToRedact.map { try store.redact(monthsAfterEnd: $0, reason: reason, key: key, now: now) } ?? []
            for r in redacted {
                print(
                    DisplayText.oneLine(
                        "redacted \(r.subject ?? "") (\(r.bidderName), \(r.tenderID)): source files forgotten, findings kept; entry \(r.id)"
                    ))
            }
            let tombstones = try store.purge(
                yearsAfterEnd: retention.yearsAfterAward, reason: reason, key: key, now: now)
            for t in tombstones {
                print(DisplayText.oneLine("purged \(t.subject ?? "") (\(t.bidderName), \(t.tenderID)); tombstone \(t.id)"))
            }
            for line in plan.undecided.map(RetentionText.undecided) { print(DisplayText.oneLine(line)) }
            StoreOptions.log(store, "purge", nil)
            print(
                "\(tombstones.count) dossiers purged (kept \(retention.yearsAfterAward) years after their tender's award or cancellation)")
        }
    }
}

/// The lines `dossier purge` prints about the retention plan.
enum RetentionText {
    static func redactions(_ due: [RedactionDue], months: Int?) -> [String] {
        guard let months else { return [] }
        return due.map {
            "redaction due: \($0.tender): \($0.bidder), dossier \($0.dossier.prefix(8)): not awarded, tender ended \($0.endedOn), criminal-law details forgotten from \($0.redactFrom) (\(months) months)"
        }
    }

    static func plan(_ plan: RetentionPlan) -> [String] {
        plan.due.map {
            "due: \($0.tender): \($0.dossiers) dossiers, \($0.endedBy) on \($0.endedOn), retention ended \($0.purgeFrom); `dossier purge` removes them"
        }
            + plan.kept.map {
                "kept: \($0.tender): \($0.dossiers) dossiers, \($0.endedBy) on \($0.endedOn), purged from \($0.purgeFrom)"
            }
            + plan.undecided.map(undecided)
            + [
                "\(plan.due.reduce(0) { $0 + $1.dossiers }) dossiers due in \(plan.due.count) tenders; \(plan.kept.count) tenders kept; \(plan.undecided.count) tenders need a decision; nothing was changed (dry run)"
            ]
    }

    static func undecided(_ item: RetentionPlan.Undecided) -> String {
        let deadline =
            item.deadlineFromTender ? "submission deadline \(item.deadline)" : "screened \(item.deadline) (no deadline in the tender file)"
        return
            "needs a decision: \(item.tender): \(item.dossiers) dossiers, \(deadline), neither awarded nor cancelled; never purged until `dossier award` or `dossier cancel` records how the procedure ended"
    }
}
