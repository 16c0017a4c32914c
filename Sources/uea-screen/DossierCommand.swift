import ESPD
import ArgumentParser
import DossierStore
import Foundation
import Screening

/// `--store` for every dossier command (and `screen`).
struct StoreOptions: ParsableArguments {
    @Option(help: "Dossier store: a file path (created on first use). Default: $UEA_SCREEN_STORE, else ~/.local/share/uea-screen/store.sqlite")
    var store: String?

    var location: String { store ?? StoreLocation.defaultPath() }

    func open(create: Bool) throws -> any DossierStore {
        do { return try StoreLocation.open(location, create: create) } catch {
            Diagnostics.report("\(error)")
            throw ExitCode(2)
        }
    }

    /// Logs an access in the store; a read-only store still answers, with a warning.
    static func log(_ store: any DossierStore, _ action: String, _ target: String?) {
        do { try store.logAccess(by: user, action: action, target: target) } catch {
            Diagnostics.report("warning: access not logged (\(error))")
        }
    }

    static var user: String { (getenv("USER") ?? getenv("LOGNAME")).map { String(cString: $0) } ?? "unknown" }
}

struct DossierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Find, show and verify stored dossiers (append-only, hash-chained).",
        discussion: """
        Examples:
          uea-screen dossier list --tender PFL-2026-017 --severity blocker
          uea-screen dossier show 3f2a --format md --lang en
          uea-screen dossier history "Sunrise PV Trading GmbH"
          uea-screen dossier verify
          uea-screen dossier export --tender PFL-2026-017 --out PFL-2026-017.tar --html export/
        """,
        subcommands: [List.self, Show.self, History.self, Verify.self, Export.self, Award.self, Purge.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "One stored dossier per line, id first; filters combine.")
        @OptionGroup var options: StoreOptions
        @Option(help: "Tender id.") var tender: String?
        @Option(help: "Bidder name (fuzzy) or KvK/VAT number.") var bidder: String?
        @Option(help: "Screened on or after this date (YYYY-MM-DD).") var from: String?
        @Option(help: "Screened on or before this date (YYYY-MM-DD).") var to: String?
        @Option(help: "Only dossiers with findings of at least this severity: blocker or attention.") var severity: String?
        @Option(help: "Only dossiers with a finding of this check id.") var check: String?
        @Option(help: "Output format: text or json.") var format: Inspect.Format = .text

        /// A filter that cannot match is a mistake, not "nothing found": `--from banaan` or
        /// `--severity Blocker` would otherwise return nothing or everything.
        func validate() throws {
            for (name, value) in [("--from", from), ("--to", to)] {
                if let value, Day(value) == nil { throw ValidationError("\(name) '\(value)' is not a date; write YYYY-MM-DD") }
            }
            if let severity, !["blocker", "attention"].contains(severity) {
                throw ValidationError("--severity '\(severity)' is not allowed; use blocker or attention")
            }
            if let check, !CheckRegistry.all.contains(where: { $0.id == check }) {
                throw ValidationError("--check '\(check)' is not a check id; `uea-screen rules` lists them")
            }
        }

        func run() throws {
            let store = try options.open(create: false)
            let entries = try store.entries(StoreFilter(tender: tender, bidder: bidder, from: from, to: to, severity: severity, check: check))
            StoreOptions.log(store, "list", nil)
            switch format {
            case .json: print(try JSONOutput.string(entries))
            case .text:
                for e in entries {
                    print(DisplayText.oneLine("\(e.id)  \(e.screenedAt.prefix(10))  \(e.tenderID)  \(e.bidderName)  \(e.outcome) (blocker \(e.blocker), attention \(e.attention))\(e.previousVersion == nil ? "" : "  re-screen")\(e.criminalData ? "  [criminal-law data]" : "")"))
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a stored dossier exactly as stored (json), its summary (text) or its report (md, html).")
        @OptionGroup var options: StoreOptions
        @Argument(help: "Dossier id (a unique prefix is enough).") var id: String
        @Option(help: "json (as stored), text (the summary), md or html.") var format: Screen.Format = .json
        @Option(help: "Report language: nl or en.") var lang: String = "nl"
        @Option(help: "Report templates folder.") var templates: String?

        func run() throws {
            let store = try options.open(create: false)
            guard let (entry, stored) = try store.content(id: id) else {
                Diagnostics.report("no dossier with id \(id) in \(options.location)")
                throw ExitCode(2)
            }
            guard let content = stored else {
                Diagnostics.report("dossier \(entry.id) was purged under the retention rule; its tombstone keeps hash \(entry.contentSHA256)")
                throw ExitCode(2)
            }
            StoreOptions.log(store, "show", entry.id)
            switch format {
            case .json: FileHandle.standardOutput.write(content)
            case .text:
                // The summary `screen` prints, from the dossier as stored.
                let dossier = try JSONDecoder().decode(Dossier.self, from: content)
                print(SummaryText.render(dossier, language: ReportRenderer.Language(rawValue: lang) ?? .nl))
            case .md, .html:
                let dossier = try JSONDecoder().decode(Dossier.self, from: content)
                guard let directory = templates ?? ReportRenderer.defaultDirectory() else { throw ValidationError("templates not found; pass --templates") }
                let renderer = try ReportRenderer(directory: directory)
                print(renderer.render(dossier, format: format == .md ? .md : .html, language: ReportRenderer.Language(rawValue: lang) ?? .nl))
            }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "history", abstract: "Every stored version for a bidder (name or KvK/VAT number), oldest first.")
        @OptionGroup var options: StoreOptions
        @Argument(help: "Bidder name or number.") var bidder: String

        func run() throws {
            let store = try options.open(create: false)
            let entries = try store.entries(StoreFilter(bidder: bidder, includeMarkers: true))
            StoreOptions.log(store, "history", bidder)
            for e in entries {
                let what = e.kind == "dossier" ? e.outcome : "\(e.kind) of \(e.subject?.prefix(8) ?? "")"
                print(DisplayText.oneLine("\(e.id)  \(e.storedAt)  \(e.tenderID)  \(e.bidderName)  \(what)  by \(e.storedBy)\(e.reason.map { "  (\($0))" } ?? "")\(e.previousVersion.map { "  replaces \($0.prefix(8))" } ?? "")"))
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Re-hash every entry and source file, check the chain, print the head hash.",
            discussion: "Exit codes: 0 the store (or bundle) verifies, 1 an entry is broken (the first one is named), 2 unreadable.")
        @OptionGroup var options: StoreOptions
        @Option(help: "Verify an export bundle instead of a store (no store needed).") var bundle: String?

        func run() throws {
            let report: VerifyReport
            if let bundle {
                guard let data = FileManager.default.contents(atPath: bundle) else {
                    Diagnostics.report("\(bundle): cannot be read")
                    throw ExitCode(2)
                }
                do { report = try DossierBundle.verify(data) } catch {
                    Diagnostics.report("\(bundle): not a dossier bundle (\(error))")
                    throw ExitCode(2)
                }
            } else {
                let store = try options.open(create: false)
                report = try store.verify()
                StoreOptions.log(store, "verify", nil)
            }
            if let broken = report.firstBroken {
                print(DisplayText.oneLine("BROKEN at entry \(broken.seq) (\(broken.id ?? "?")): \(broken.reason)"))
                throw ExitCode(1)
            }
            print("ok: \(report.entries) entries, head \(report.headHash)")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write a self-contained bundle (tar): dossiers as stored, source files, HTML reports with an index, manifest with hashes and the chain proof.")
        @OptionGroup var options: StoreOptions
        @Argument(help: "Dossier ids to export.") var ids: [String] = []
        @Option(help: "Export every dossier of this tender (latest version per bidder and all earlier ones).") var tender: String?
        @Option(help: "The bundle file to write (tar).") var out: String?
        @Option(help: "Also (or instead) write the bundle unpacked into this folder: index.html and reports/ open in any browser, offline.") var html: String?
        @Option(help: "Report language: nl or en.") var lang: String = "nl"
        @Option(help: "Report templates folder.") var templates: String?

        func validate() throws {
            if ids.isEmpty && tender == nil { throw ValidationError("name dossier ids or --tender") }
            if out == nil && html == nil { throw ValidationError("give --out FILE, --html DIR or both") }
        }

        func run() throws {
            let store = try options.open(create: false)
            var selected = ids
            if let tender { selected += try store.entries(StoreFilter(tender: tender)).map(\.id) }
            let renderer = (templates ?? ReportRenderer.defaultDirectory()).flatMap { try? ReportRenderer(directory: $0) }
            do {
                let data = try DossierBundle.export(store: store, ids: selected, renderer: renderer, language: ReportRenderer.Language(rawValue: lang) ?? .nl)
                if let out { try AtomicFile.write(data, to: out) }
                if let html { try DossierBundle.unpack(data, into: html) }
                StoreOptions.log(store, "export", selected.joined(separator: ","))
                print("exported \(selected.count) dossiers to \([out, html].compactMap { $0 }.joined(separator: " and "))")
            } catch {
                Diagnostics.report("\(error)")
                throw ExitCode(2)
            }
        }
    }

    struct Award: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "award", abstract: "Record that the bidder of a dossier won its tender (kept longer by purge).")
        @OptionGroup var options: StoreOptions
        @Argument(help: "Dossier id.") var id: String
        @Option(help: "Who decided. Default: $USER.") var by: String?
        @Option(help: "Reference of the award decision.") var reason: String?

        func run() throws {
            let store = try options.open(create: false)
            do {
                let entry = try store.award(id: id, by: by ?? StoreOptions.user, reason: reason, now: Date())
                print(DisplayText.oneLine("award recorded as entry \(entry.seq) (\(entry.id)) for \(entry.bidderName) in \(entry.tenderID)"))
            } catch {
                Diagnostics.report("\(error)")
                throw ExitCode(2)
            }
        }
    }

    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "purge",
            abstract: "Remove the content of expired dossiers, keeping a tombstone with their hashes so the chain still verifies.",
            discussion: """
            Non-winning bidders' dossiers screened before --before are purged; winners' only when their award is more \
            than winnerRetentionYears before it. --before may not be later than today minus nonWinningRetentionMonths \
            (checklists/retention.yaml).
            """)
        @OptionGroup var options: StoreOptions
        @Option(help: "Purge dossiers screened before this date (YYYY-MM-DD).") var before: String
        @OptionGroup var ruleData: RuleDataOptions
        @Option(help: "Who purges. Default: $USER.") var by: String?
        @Option(help: "Why (e.g. the retention decision).") var reason: String?

        func validate() throws {
            guard Day(before) != nil else { throw ValidationError("--before must be YYYY-MM-DD") }
        }

        func run() throws {
            let retention: RuleBook.RetentionRules
            do {
                retention = try ruleData.load().retention
            } catch {
                Diagnostics.report("\(error)")
                throw ExitCode(2)
            }
            let latest = Day.today().adding(months: -retention.nonWinningRetentionMonths)
            guard let day = Day(before), day <= latest else {
                Diagnostics.report("--before \(before) is later than today minus \(retention.nonWinningRetentionMonths) months (\(latest)): refused")
                throw ExitCode(64)
            }
            let store = try options.open(create: false)
            do {
                let tombstones = try store.purge(before: before, winnerYears: retention.winnerRetentionYears, by: by ?? StoreOptions.user, reason: reason, now: Date())
                for t in tombstones { print(DisplayText.oneLine("purged \(t.subject ?? "") (\(t.bidderName), \(t.tenderID)); tombstone \(t.id)")) }
                print("\(tombstones.count) dossiers purged")
            } catch {
                Diagnostics.report("\(error)")
                throw ExitCode(2)
            }
        }
    }
}
