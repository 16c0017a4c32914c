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
            abstract: "Validate a list (EU FSF XML or CSV), copy it into the watchlist folder and record its date and SHA-256.")

        @Argument(
            help:
                "The list file: the EU consolidated list (FSF XML) or a CSV (name,aliases,kind,birth_date,country,programme,listed_on,reference)."
        )
        var file: String

        /// The formats a user imports (the forced-labour list is rule data, never imported).
        enum ImportFormat: String, ArgumentChoice {
            case euFSF = "eu-fsf"
            case csv

            var format: Watchlist.Format { self == .euFSF ? .euFSF : .csv }
        }

        @Option(help: "The list's format. Default: by file extension.")
        var format: ImportFormat?

        @Option(help: "Name the list is recorded under. Default: the file name.")
        var name: String?

        @Option(help: "The list's date (YYYY-MM-DD) when the file does not state one (CSV).")
        var date: String?

        @Option(help: "Watchlist folder. Default: ./watchlists")
        var watchlists: String = "watchlists"

        @OptionGroup var ruleData: RuleDataOptions

        func validate() throws {
            if let date, Day(date) == nil { throw ValidationError("--date must be YYYY-MM-DD") }
        }

        func run() throws {
            try runCommand {
                let record = try WatchlistStore(directory: watchlists).importList(
                    path: file, format: format?.format, name: name, listDate: date.flatMap(Day.init), rules: try ruleData.load()
                ) { entry in
                    Diagnostics.report(
                        DisplayText.oneLine(
                            "\(file): \(entry.primaryName) (\(entry.reference ?? entry.id)): listed until \(entry.until ?? ""), ended; kept as imported, never matched"
                        ))
                }
                print(
                    "imported \(record.name): \(record.entries) entries, \(record.format.rawValue), list date \(record.listDate ?? "not stated"), sha256 \(record.sha256)"
                )
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Show the imported lists with their dates and hashes.")

        @Option(help: "Watchlist folder. Default: ./watchlists")
        var watchlists: String = "watchlists"

        func run() throws {
            try runCommand {
                for record in try WatchlistStore(directory: watchlists).records() {
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
