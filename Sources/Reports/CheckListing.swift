import Basics
import DossierModel
import Foundation
import Screening

/// The list of checks as `rules` prints it, in Dutch or English: per check its id, most severe
/// finding, what it checks, its legal basis (cited as the report of that language cites it), its
/// legal effect, what it runs on and the rule-data files it reads. The words come from the checks'
/// own descriptions and from `labels.yaml` (`rules_*`, `runsOn_*`); nothing is written here.
public struct CheckListing: Sendable {
    let language: ReportLanguage
    let labels: [String: String]
    let citations: LegalCitation

    /// The listing with the labels and citation tables of `templates/labels.yaml` in `directory`.
    public init(templates directory: String, language: ReportLanguage) throws {
        let path = PathText.child(directory, "labels.yaml")
        guard let text = FileManager.default.contents(atPath: path).flatMap({ String(data: $0, encoding: .utf8) }) else {
            throw InputError(file: path, message: "labels file missing")
        }
        let required =
            ["rules_heading", "rules_basis", "rules_national", "rules_effect", "rules_runsOn", "rules_knockOut", "rules_data"]
            + Self.runsOnKeys + Severity.allCases.map(\.rawValue)
        self.language = language
        self.labels = try ReportRenderer.labels(text: text, path: path, required: required)[language] ?? [:]
        self.citations = try ReportRenderer.citations(text: text, path: path)
    }

    /// One check in the JSON listing: its texts in the listing's language; `legalBasis` as findings
    /// store it (to compare with a dossier), `citedBasis` as the report cites it.
    public struct Row: Encodable, Sendable {
        public var id, family, severity, summary, legalBasis, citedBasis, legalEffect, runsOn: String
        /// What its findings cite in a national procedure below the EU thresholds.
        public var nationalLegalBasis: String?
        public var dataFiles: [String]
        public var mayBeKnockOut: Bool
    }

    public func rows(_ checks: [any Check]) -> [Row] {
        checks.map { check in
            Row(
                id: check.id, family: check.family, severity: check.severity.rawValue, summary: summary(check),
                legalBasis: check.legalBasis, citedBasis: citations.cite(check.legalBasis, language), legalEffect: effect(check),
                runsOn: runsOn(check), nationalLegalBasis: check.nationalLegalBasis.map { citations.cite($0, language) },
                dataFiles: check.dataFiles, mayBeKnockOut: check.mayBeKnockOut)
        }
    }

    /// The listing as the terminal shows it: a heading, then one block per check.
    public func text(_ checks: [any Check], ruleDataVersion: String) -> String {
        let count = language == .nl ? DisplayText.dutchNumber(checks.count) : String(checks.count)
        var lines = [label("rules_heading").replacing("{count}", with: count).replacing("{version}", with: ruleDataVersion), ""]
        let width = ["rules_basis", "rules_effect", "rules_runsOn", "rules_data"].map { label($0).count }.max() ?? 0
        func field(_ key: String, _ value: String) -> String {
            "    " + (label(key) + ":").padding(toLength: width + 2, withPad: " ", startingAt: 0) + value
        }
        for (check, row) in zip(checks, rows(checks)) {
            lines.append("\(row.id)  [\(label(row.severity))]")
            lines.append("    " + row.summary)
            lines.append(field("rules_basis", row.citedBasis))
            if let national = row.nationalLegalBasis { lines.append("    \(label("rules_national")): \(national)") }
            lines.append(field("rules_effect", row.legalEffect))
            lines.append(field("rules_runsOn", row.runsOn + (check.mayBeKnockOut ? " " + label("rules_knockOut") : "")))
            if !row.dataFiles.isEmpty {
                lines.append(field("rules_data", row.dataFiles.map { "checklists/" + $0 }.joined(separator: ", ")))
            }
        }
        return lines.joined(separator: "\n")
    }

    func summary(_ check: any Check) -> String { language == .nl ? check.dutchSummary : check.summary }

    func effect(_ check: any Check) -> String { language == .nl ? check.dutchLegalEffect : check.legalEffect }

    func runsOn(_ check: any Check) -> String { label(Self.runsOnKey(check)) }

    func label(_ key: String) -> String { labels[key] ?? key }

    static let runsOnKeys = ["runsOn_tender"] + EntityScope.allCases.map { "runsOn_" + $0.rawValue }

    static func runsOnKey(_ check: any Check) -> String {
        "runsOn_" + (check.subject == .tender ? "tender" : check.entities.rawValue)
    }
}
