import AgeEncryption
import ArgumentParser
import Basics
import DossierModel
import DossierStore
import ESPD
import Foundation
import Reports
import Screening

struct DossierExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Write a self-contained bundle (tar): dossiers as stored, source files, HTML reports with an index, manifest with hashes and the chain proof.",
        discussion: """
            A bundle holds the bidders' ESPDs, which may hold criminal-law data (AVG art. 10): --out writes it \
            encrypted in the age format to each --recipient (the auditor's age key, from `age-keygen`), so \
            only they open it (`age -d -i KEY`, or `uea-screen dossier verify --bundle FILE --identity KEY`). \
            A bundle in clear text needs --plain, and the export says so in the access log; it leaves out \
            the files of dossiers with criminal-law data (listed as withheld, with their SHA-256) unless \
            --personal-data is given, which the access log records too. Files and folders are written \
            private (0600/0700).

            Examples:
              uea-screen dossier export --tender PFL-2026-017 --out PFL-2026-017.tar.age --recipient age1…
              uea-screen dossier export 3f2a91c0 --html export/ --plain
              uea-screen dossier export --tender PFL-2026-017 --out PFL-2026-017.tar --plain --personal-data
            """)
    @OptionGroup var options: StoreOptions
    @Argument(help: "Dossier ids to export.") var ids: [String] = []
    @Option(help: "Export every dossier of this tender (latest version per bidder and all earlier ones).") var tender: String?
    @Option(help: "The bundle file to write (tar).") var out: String?
    @Option(help: "Also (or instead) write the bundle unpacked into this folder: index.html and reports/ open in any browser, offline.")
    var html: String?
    @Option(help: "Report language.") var lang: ReportLanguage = .nl
    @Option(help: "Report templates folder.") var templates: String?
    @Option(
        name: .customLong("recipient"),
        help: ArgumentHelp("Encrypt the bundle to this age recipient (age1…); repeat for several auditors.", valueName: "age-recipient"))
    var recipients: [String] = []
    @Flag(help: "Write the bundle (and --html) in clear text, without encryption; logged.") var plain = false
    @Flag(
        help:
            "With --plain: include the files of dossiers with criminal-law data (the ESPDs that say who was convicted and why); logged. Without it they are listed as withheld."
    )
    var personalData = false

    func validate() throws {
        if ids.isEmpty && tender == nil { throw ValidationError("name dossier ids or --tender") }
        if out == nil && html == nil { throw ValidationError("give --out FILE, --html DIR or both") }
        if !plain && recipients.isEmpty {
            throw ValidationError(
                "a bundle holds criminal-law data: give --recipient AGE-RECIPIENT (the auditor's age key, age1…) to encrypt it, or --plain to write it in clear text"
            )
        }
        if plain && !recipients.isEmpty { throw ValidationError("--plain and --recipient exclude each other") }
        if personalData && !plain {
            throw ValidationError("--personal-data is for a clear-text bundle (--plain); an encrypted bundle always holds every file")
        }
        if html != nil && !plain {
            throw ValidationError("--html writes readable files: it needs --plain (and --out for the encrypted bundle)")
        }
    }

    func run() throws {
        try runCommand {
            let store = try options.open(create: false)
            var selected = ids
            if let tender {
                let found = try store.entries(StoreFilter(tender: tender)).map(\.id)
                if found.isEmpty {
                    throw CommandFailure.refused(
                        "no dossiers of tender '\(tender)' in \(options.location); `uea-screen dossier list` shows the tenders")
                }
                selected += found
                // The tender's own dossier (procedure, thresholds, duties) goes with its bidders'.
                if let (tenderEntry, _) = try store.latestTender(tender) { selected.append(tenderEntry.id) }
            }
            let directory = templates ?? ReportRenderer.defaultDirectory()
            let renderer: ReportRenderer?
            do { renderer = try directory.map { try ReportRenderer(directory: $0) } } catch {
                throw CommandFailure.refused("\(error)")
            }
            if renderer == nil {
                Diagnostics.report("warning: report templates not found; the bundle has no HTML reports (pass --templates)")
            }
            // The bundle's proofs lead to a checkpoint of the store as it is now.
            if StoreOptions.sign(store) == nil {
                Diagnostics.report(
                    "warning: the bundle's proofs lead to the store's last checkpoint, which may not cover the newest entries")
            }
            var sinks: [DossierBundle.Sink] = []
            var tar: (sink: DossierBundle.Sink, finish: () throws -> Void, abandon: () -> Void)? = nil
            if let out {
                let sealedFor: [Age.Recipient]
                do { sealedFor = try recipients.map { try Age.Recipient($0) } } catch {
                    throw CommandFailure.usage("--recipient: \(error)")
                }
                tar = try DossierBundle.tarFile(out, recipients: sealedFor)
                sinks.append(tar!.sink)
            }
            if let html { sinks.append(DossierBundle.folder(html)) }
            let manifest: DossierBundle.Manifest
            do {
                manifest = try DossierBundle.export(
                    store: store, ids: selected, renderer: renderer, language: lang, to: sinks,
                    withholdCriminalData: plain && !personalData)
                try tar?.finish()
            } catch {
                tar?.abandon()
                throw error
            }
            let form = plain ? (personalData ? "export (plain, personal data)" : "export (plain)") : "export (age)"
            StoreOptions.log(store, form, selected.joined(separator: ","))
            let purged = manifest.purged.isEmpty ? "" : " (\(manifest.purged.count) purged, listed without content)"
            let withheld = manifest.sources.values.joined().filter { $0.withheld == true }.count
            if withheld > 0 {
                Diagnostics.report(
                    "note: \(withheld) files of dossiers with criminal-law data are listed as withheld, not included (--personal-data includes them; an encrypted bundle always does)"
                )
            }
            print(
                "exported \(manifest.entries.count) dossiers\(purged) to \([out, html].compactMap { $0 }.joined(separator: " and ")); store head \(manifest.storeHeadHash)"
            )
            for item in manifest.coverage ?? [] where !item.laterVersions.isEmpty {
                print(
                    DisplayText.oneLine(
                        "note: \(item.bidder): the bundle holds entry \(item.seq); the store holds a later version (\(item.laterVersions.map { "entry \($0.seq), \($0.outcome.rawValue)" }.joined(separator: "; ")))"
                    ))
            }
        }
    }
}
