import ArgumentParser
import Basics
import DossierModel
import Foundation
import Names
import Screening

struct WatchlistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watchlist",
        abstract: "Import and list the sanctions lists that screen and match use.",
        subcommands: [Import.self, List.self, Reindex.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract:
                "Validate a list (EU, UN, OFAC, US CSL, UK, FollowTheMoney or an own CSV), copy it into the watchlist folder and record its date, counts and SHA-256.",
            discussion: """
                The format is read from the file's content. OFAC's sdn.csv (or cons_prim.csv) is imported with \
                the alt, add and comments files beside it. A FollowTheMoney delta.json index is applied, in \
                version order, onto the FollowTheMoney list named by --name.

                Importing a list of a name already imported makes it the current version: the earlier one \
                is kept under history/ and in the manifest's history, chained by hash, and the import says \
                how many entries were added, removed and changed. A version that drops entries is refused \
                unless --allow-removals is given; a list dated after today is refused.

                Examples:
                  uea-screen watchlist import xmlFullSanctionsList_1_1.xml --name eu-consolidated
                  uea-screen watchlist import consolidated.xml --name un-consolidated
                  uea-screen watchlist import ofac/sdn.csv --name ofac-sdn
                  uea-screen watchlist import opensanctions/entities.ftm.json --name opensanctions
                  uea-screen watchlist import opensanctions/delta.json --name opensanctions
                """)

        @Argument(help: "The list file (see the examples).")
        var file: String

        /// The formats a user imports (the forced-labour list is rule data, never imported).
        enum ImportFormat: String, ArgumentChoice {
            case euFSF = "eu-fsf"
            case un, ofac
            case usCSL = "us-csl"
            case uk, ftm, csv

            var format: Watchlist.Format { Watchlist.Format(rawValue: rawValue)! }
        }

        @Option(help: "The list's format when its content should not decide.")
        var format: ImportFormat?

        @Option(help: "Name the list is recorded under. Default: the file name.")
        var name: String?

        @Option(help: "The list's date (YYYY-MM-DD) when the file does not state one (CSV).")
        var date: String?

        @Option(help: "Watchlist folder. Default: ./watchlists")
        var watchlists: String = "watchlists"

        @Flag(
            help:
                "Accept a version that drops entries of the current one (delistings), once they are checked; without it such a version is refused and nothing changes."
        )
        var allowRemovals = false

        @OptionGroup var ruleData: RuleDataOptions

        func validate() throws {
            if let date, Day(date) == nil { throw ValidationError("--date must be YYYY-MM-DD") }
        }

        func run() throws {
            try runCommand {
                let record = try WatchlistStore(directory: watchlists).importList(
                    path: file, format: format?.format, name: name, listDate: date.flatMap(Day.init), rules: try ruleData.load(),
                    allowRemovals: allowRemovals
                ) { entry in
                    Diagnostics.report(
                        DisplayText.oneLine(
                            "\(file): \(entry.primaryName) (\(entry.reference ?? entry.id)): listed until \(entry.until ?? ""), ended; kept as imported, never matched"
                        ))
                }
                for note in record.notes ?? [] { Diagnostics.report(DisplayText.oneLine("\(file): \(note)")) }
                if let changes = record.changes {
                    Diagnostics.report(
                        DisplayText.oneLine(
                            "\(record.name): since the previous version \(changes.added) added, \(changes.removed) removed, \(changes.changed) changed\(changes.removedEntries.isEmpty ? "" : " (removed: \(changes.removedEntries.joined(separator: "; ")))"); the previous version is kept in \(watchlists)/history"
                        ))
                }
                let counts = (record.counts ?? [:]).sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                print(
                    "imported \(record.name): \(record.entries) entries\(counts.isEmpty ? "" : " (\(counts))"), \(record.format.rawValue), list date \(record.listDate ?? "not stated"), sha256 \(record.sha256)"
                )
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Show the imported lists with their dates, counts, files and hashes.")

        @Option(help: "Watchlist folder. Default: ./watchlists")
        var watchlists: String = "watchlists"

        @Option(help: "Output format: text or json (every record of the manifest, with its files and counts).")
        var format: Inspect.Format = .text

        func run() throws {
            try runCommand {
                let records = try WatchlistStore(directory: watchlists).records()
                if format == .json {
                    print(try JSONOutput.string(records))
                    return
                }
                for record in records {
                    print(
                        "\(record.name)\t\(record.format.rawValue)\t\(record.listDate ?? "-")\t\(record.entries) entries\timported \(record.importedAt)\t\(record.sha256)"
                    )
                }
            }
        }
    }

    struct Reindex: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reindex",
            abstract:
                "Write the name index of the imported lists again (after a change of checklists/name-matching.yaml or of uea-screen).",
            discussion:
                "`watchlist import` writes it; `screen` reads it instead of indexing every list in every run, and says when it cannot.")

        @Option(help: "Watchlist folder. Default: ./watchlists")
        var watchlists: String = "watchlists"

        @OptionGroup var ruleData: RuleDataOptions

        func run() throws {
            try runCommand {
                let store = WatchlistStore(directory: watchlists)
                try store.writeIndex(rules: try ruleData.load())
                let count = try store.records().reduce(0) { $0 + $1.entries }
                print("indexed \(count) entries of \(try store.records().count) lists in \(watchlists)/index.bin")
            }
        }
    }
}

/// Where `screen` and `match` find the imported lists.
enum WatchlistLocation {
    static func resolve(_ option: String?, tenderFile: String?) -> String? {
        if let option { return option }
        var candidates: [String] = []
        if let tenderFile, let folder = PathText.parent(tenderFile) { candidates.append(PathText.child(folder, "watchlists")) }
        candidates.append("watchlists")
        return candidates.first { FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent("manifest.json")) }
    }
}
