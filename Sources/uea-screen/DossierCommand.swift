import ArgumentParser
import DossierModel
import DossierStore
import ESPD
import Foundation
import Names
import Screening
import Transparency

/// `--store` for every dossier command (and `screen`).
struct StoreOptions: ParsableArguments {
    @Option(
        help:
            "Dossier store: a file path (created on first use) or a postgres:// URL (password from PGPASSWORD or ~/.pgpass). Default: $UEA_SCREEN_STORE, else ~/.local/share/uea-screen/store.sqlite"
    )
    var store: String?

    var location: String { store ?? StoreLocation.defaultPath() }

    func open(create: Bool) throws -> any DossierStore {
        do { return try StoreLocation.open(location, create: create) } catch {
            throw CommandFailure.refused("\(error)")
        }
    }

    /// Logs an access in the store and signs a checkpoint over it and every entry; a read-only
    /// store still answers, with a warning.
    static func log(_ store: any DossierStore, _ action: String, _ target: String?) {
        do { try store.logAccess(by: user, action: action, target: target) } catch {
            Diagnostics.report("warning: access not logged, the store cannot be written (\(error)); the command itself ran")
            return
        }
        sign(store)
    }

    /// Signs a checkpoint of the store as it is now with the store's key (made, and registered in
    /// the store, by its first writer); a machine without the key says so in one line.
    @discardableResult
    static func sign(_ store: any DossierStore) -> StoreCheckpoint? {
        do {
            guard let origin = try store.logOrigin() else {
                Diagnostics.report("warning: no checkpoint signed: the store has no transparency log (open it once as its owner)")
                return nil
            }
            let registered = try store.registeredVerifier()
            switch try StoreSigningKey.find(origin: origin, mayCreate: registered == nil) {
            case .key(let signer, _): return try store.checkpoint(signer: signer)
            case .missing(let looked):
                Diagnostics.report(
                    "warning: no checkpoint signed: the store's signing key (\(registered?.vkey ?? origin)) is not on this machine (looked at UEA_SCREEN_STORE_KEY and \(looked)); the command itself ran"
                )
                return nil
            }
        } catch {
            Diagnostics.report("warning: no checkpoint signed (\(error)); the command itself ran")
            return nil
        }
    }

    static var user: String { (getenv("USER") ?? getenv("LOGNAME")).map { String(cString: $0) } ?? "unknown" }

    /// A filter on `bidder` that compares stored bidder names by the rule data's company-name
    /// matching and threshold (`checklists/name-matching.yaml`), as screening does.
    static func filter(bidder: String?, ruleData: RuleDataOptions, _ base: StoreFilter) throws -> StoreFilter {
        var filter = base
        guard let bidder else { return filter }
        let matcher = NameMatcher(rules: try ruleData.load().names)
        filter.bidderNameMatches = { matcher.matchCompany(bidder, $0).score >= matcher.companyThreshold }
        return filter
    }
}

struct DossierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Find, show, verify and export stored dossiers (append-only, hash-chained).",
        discussion: """
            An id is the full id or a unique prefix of at least 8 characters, as `dossier list` prints it.

            Examples:
              uea-screen dossier list --tender PFL-2026-017 --severity blocker
              uea-screen dossier show 3f2a91c0 --format md --lang en
              uea-screen dossier history "Sunrise PV Trading GmbH"
              uea-screen dossier verify --expect-head 5be1…   (the head written in the case file)
              uea-screen dossier export --tender PFL-2026-017 --out PFL-2026-017.tar --html export/
              uea-screen dossier award 3f2a91c0 --reason "gunningsbesluit GS 2026-12-01"
              uea-screen dossier cancel PFL-2026-017 --reason "ingetrokken bij besluit GS 2026-11-03"
              uea-screen dossier purge --dry-run
              uea-screen dossier access-log
              uea-screen dossier key > store.vkey          (keep it in the case file: it checks every checkpoint)
              uea-screen dossier checkpoint > head.checkpoint
              uea-screen dossier verify --vkey "$(cat store.vkey)" --expect-checkpoint head.checkpoint
            """,
        subcommands: [
            DossierList.self, DossierShow.self, DossierHistory.self, DossierVerify.self, DossierExport.self, DossierAward.self,
            DossierCancel.self,
            DossierPurge.self, DossierAccessLog.self, DossierKey.self, DossierCheckpoint.self,
        ])
}

/// Prints a JSON array one element at a time, so a long listing is never held in memory.
struct StreamedJSONArray {
    private var first = true
    init() { FileHandle.standardOutput.write(Data("[".utf8)) }
    mutating func add<T: Encodable>(_ value: T) throws {
        FileHandle.standardOutput.write(Data(((first ? "\n" : ",\n") + (try JSONOutput.string(value))).utf8))
        first = false
    }
    func finish() { FileHandle.standardOutput.write(Data((first ? "]\n" : "\n]\n").utf8)) }
}
