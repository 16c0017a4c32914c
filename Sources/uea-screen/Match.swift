import ArgumentParser
import Basics
import DossierModel
import ESPD
import Foundation
import Names
import RuleData
import Screening

struct Match: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Check names against the sanctions lists: the best candidates with scores and reasons.",
        discussion: """
            Exit codes: 0 no candidate at or above the threshold, 1 candidates to review, 2 list unreadable, 64 usage error.

            Examples:
              uea-screen match "Sibirsky Kremny LLC" --watchlists samples/zonnepark-lelystad/watchlists
              uea-screen match "Ivan Petrov" --kind person --birth-date 1970-03-02 --country RU --format json
            """)

    enum Kind: String, ArgumentChoice { case person, entity }

    @Argument(help: "Names to check.")
    var names: [String]

    @Option(
        help:
            "A list name from the watchlist folder (or forced-labour-entities), or a list file (FSF XML or CSV). Default: every imported list and the forced-labour entities of checklists/."
    )
    var list: String?

    @Option(help: "Whether the names are of persons or of entities (companies, organisations).")
    var kind: Kind = .entity

    @Option(help: "Birth date (YYYY-MM-DD) of the person: confirms or rules out a candidate.")
    var birthDate: String?

    @Option(
        help: "Country (an ISO 3166 code such as RU or RUS, or its English or Dutch name): confirms or weakens a candidate.",
        transform: { text in
            guard let country = Country(reading: text) else { throw ValidationError(Country.problem(with: text) ?? "not a country") }
            return country
        })
    var country: Country?

    @Flag(help: "Also show candidates below the threshold.")
    var all = false

    @Option(help: "Output format: text or json.")
    var format: Inspect.Format = .text

    @Option(help: "Watchlist folder. Default: ./watchlists")
    var watchlists: String?

    @OptionGroup var ruleData: RuleDataOptions

    /// The index of the lists asked for: a list file, one imported list by name, or every imported
    /// list (through the persisted name index when it fits, as `screen` does).
    func makeIndex(_ ruleBook: RuleBook) throws -> SanctionsIndex {
        if let list, FileManager.default.fileExists(atPath: list) {
            return SanctionsIndex(lists: [try WatchlistParser.load(path: list)], rules: ruleBook)
        }
        guard let folder = WatchlistLocation.resolve(watchlists, tenderFile: nil) else {
            throw InputError(
                file: watchlists ?? "watchlists/", message: "no imported lists; run `uea-screen watchlist import FILE` or pass --list FILE")
        }
        let forcedLabour = try WatchlistParser.forcedLabourList(rules: ruleBook)
        guard let list else {
            let (index, notice) = try WatchlistStore(directory: folder).sanctionsIndex(rules: ruleBook, extra: [forcedLabour])
            if let notice { Diagnostics.report("notice: \(notice)") }
            return index
        }
        let lists = (try WatchlistStore(directory: folder).loadAll() + [forcedLabour]).filter { $0.name == list }
        if lists.isEmpty { throw InputError(file: folder, message: "no list named '\(list)'") }
        return SanctionsIndex(lists: lists, rules: ruleBook)
    }

    func run() throws {
        try runCommand {
            let ruleBook = try ruleData.load()
            let index = try makeIndex(ruleBook)
            let entryKind: WatchlistEntry.Kind = kind == .person ? .person : .entity
            struct Result: Encodable {
                var name: String
                var candidates: [SanctionsIndex.Hit]
            }
            let results = names.map { name in
                Result(
                    name: name,
                    candidates: index.search(
                        name, kind: entryKind, birthDate: birthDate, country: country,
                        limit: ruleBook.sanctions.candidates, all: all, on: Day.today()))
            }
            switch format {
            case .json: print(try JSONOutput.string(results))
            case .text:
                for result in results {
                    print(DisplayText.oneLine(result.name))
                    if result.candidates.isEmpty { print("  no candidate at or above the threshold") }
                    for hit in result.candidates {
                        print(
                            DisplayText.oneLine(
                                "  \(String(format: "%.2f", hit.score))  \(hit.listedName)  [\(hit.list) \(hit.entryID)\(hit.programme.map { ", \($0)" } ?? "")]"
                            ))
                        print(DisplayText.oneLine("        alias \"\(hit.matchedAlias)\": \(hit.reasons.joined(separator: "; "))"))
                        if let owners = hit.ownedBy, !owners.isEmpty {
                            print(DisplayText.oneLine("        not listed itself; owned or directed by \(owners.joined(separator: "; "))"))
                        }
                    }
                }
            }
            let threshold = entryKind == .person ? ruleBook.sanctions.personThreshold : ruleBook.sanctions.entityThreshold
            if results.contains(where: { $0.candidates.contains { $0.score >= threshold } }) { throw CommandFailure.findings }
        }
    }
}
