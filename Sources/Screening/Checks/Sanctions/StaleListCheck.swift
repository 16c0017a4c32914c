import DossierModel
import Foundation
import Names
import RuleData

/// Screening against an old list (or none) proves little: the EU list changes weekly.
struct StaleListCheck: Check {
    let id = "sanctions.stale-list"
    let severity = Severity.attention
    let legalBasis = "Council Regulation (EU) No 269/2014 art. 2"
    let summary = "No sanctions list loaded, or a list older than the configured age at the reference date"
    let dataFiles = ["sanctions.yaml"]
    let dutchSummary = "Geen sanctielijst geladen, of een lijst die op de peildatum ouder is dan de ingestelde ouderdom"
    let dutchLegalEffect = "controle onvolledig"
    let legalEffect = "verification incomplete"

    func run(_ context: ScreeningContext) -> [Finding] {
        // Lists kept in checklists/ are versioned with the rule data, not by a download date.
        guard let index = context.sanctions, index.lists.contains(where: { $0.format != .checklist }) else {
            return [
                finding(
                    nl:
                        "Er is niet tegen een sanctielijst gescreend: importeer de geconsolideerde EU-lijst met `uea-screen watchlist import`.",
                    en: "No sanctions list was screened against: import the EU consolidated list with `uea-screen watchlist import`.",
                    evidence: [EvidencePointer(file: "(no watchlists)")])
            ]
        }
        let days = context.rules.sanctions.maxListAgeDays
        return index.lists.filter { $0.format != .checklist }.compactMap { list in
            guard let date = list.listDate else {
                return finding(
                    nl: "Lijst '\(list.name)' heeft geen datum; de actualiteit is onbekend.",
                    en: "List '\(list.name)' has no date; how current it is is unknown.",
                    evidence: [EvidencePointer(file: list.name, excerpt: list.sha256)])
            }
            guard Self.days(from: date, to: context.referenceDate) > days else { return nil }
            return finding(
                nl:
                    "Lijst '\(list.name)' is van \(date.dutch), meer dan \(days) dagen voor de peildatum \(context.referenceDate.dutch). Importeer een actuele versie.",
                en:
                    "List '\(list.name)' dates from \(date), more than \(days) days before the reference date \(context.referenceDate). Import a current version.",
                evidence: [EvidencePointer(file: list.name, excerpt: list.sha256)], details: ["listDate": date.description])
        }
    }

    static func days(from a: Day, to b: Day) -> Int { b.ordinal - a.ordinal }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("no list loaded", at: "(no watchlists):") { $0.sanctions = nil },
                .fires("a list of 60 days before the reference date", at: "eu-fsf.xml:") {
                    $0.sanctions = Self.list(dated: Day(ordinal: $0.referenceDate.ordinal - 60), rules: $0.rules)
                },
            ],
            nonTriggering: [
                .quiet("a list of the reference date") { $0.sanctions = Self.list(dated: $0.referenceDate, rules: $0.rules) },
                .quiet("a list of 31 days before (the maximum age)") {
                    $0.sanctions = Self.list(dated: Day(ordinal: $0.referenceDate.ordinal - 31), rules: $0.rules)
                },
            ])
    }

    static func list(dated date: Day, rules: RuleBook) -> SanctionsIndex {
        SanctionsIndex(
            lists: [Watchlist(name: "eu-fsf.xml", format: .euFSF, listDate: date, sha256: String(repeating: "0", count: 64), entries: [])],
            rules: rules)
    }
}
