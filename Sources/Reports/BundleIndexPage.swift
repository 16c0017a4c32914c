import Basics
import DossierModel
import Foundation
import Mustache

/// A bundle's `index.html`: its dossiers with their outcomes, reports and hashes in the chain, and the
/// chain's state at export, written by `index.html.mustache` with the labels of the bundle's language.
/// A bundle made before that template existed carries the page of that time (`earlierForm`),
/// rendered here again byte for byte so that a later release still verifies it.
enum BundleIndexPage {
    static func render(_ index: BundleIndex, template: MustacheTemplate?, labels: [String: String]) -> String {
        guard let template, !index.earlierForm else { return earlierForm(index) }
        return template.render(view(index, labels: labels))
    }

    static func view(_ index: BundleIndex, labels: [String: String]) -> [String: Any] {
        let nl = index.language == .nl
        let count = nl ? DisplayText.dutchNumber(index.chainLength) : String(index.chainLength)
        let entries = "\(count) " + (labels[index.chainLength == 1 ? "ix_entry" : "ix_entries"] ?? "")
        let status =
            index.problems.isEmpty
            ? (labels["ix_verified"] ?? "").replacing("{count}", with: entries).replacing("{head}", with: index.headHash)
            : (labels["ix_broken"] ?? "") + " " + index.problems.joined(separator: "; ")
        return [
            "language": index.language.rawValue, "labels": labels, "verified": index.problems.isEmpty, "status": status,
            "tenders": Array(Set(index.rows.map(\.tender))).sorted().joined(separator: ", "),
            "rows": index.rows.map { row -> [String: Any] in
                [
                    "name": row.bidder ?? labels["ix_tenderDossier"] ?? "", "tender": row.tender,
                    "date": PageRenderer.date(row.screenedOn, index.language),
                    "outcome": row.purged
                        ? labels["ix_purged"] ?? "" : labels["outcomeWord_" + row.outcome.rawValue] ?? row.outcome.rawValue,
                    "report": row.report ?? false, "hash": row.hash,
                ]
            },
        ]
    }

    /// The page as releases before `index.html.mustache` wrote it, in both languages at once.
    static func earlierForm(_ index: BundleIndex) -> String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let rows = index.rows.map { row in
            let shown = escape(row.bidder ?? "Aanbesteding / tender")
            let name = row.report.map { "<a href=\"\($0)\">\(shown)</a>" } ?? shown
            return
                "<tr><td>\(name)</td><td>\(escape(row.tender))</td><td>\(escape(row.screenedOn))</td><td>\(row.purged ? "verwijderd / purged" : escape(row.outcome.rawValue))</td><td><code>\(row.hash)</code></td></tr>"
        }.joined()
        let status =
            index.problems.isEmpty
            ? "Keten bij export gecontroleerd / chain verified at export: \(index.chainLength) entries, head \(index.headHash)"
            : "KETEN GEBROKEN / CHAIN BROKEN: " + index.problems.joined(separator: "; ")
        return """
            <!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Dossiers</title>
            <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto}td,th{padding:.2rem .8rem;text-align:left}</style></head>
            <body><h1>Screeningsdossiers / screening dossiers</h1><p>\(escape(status))</p>
            <p>Controleer deze bundel met <code>uea-screen dossier verify --bundle FILE --expect-head HASH</code>, met de kop uit het dossier van de aanbesteding.</p>
            <table><tr><th>Inschrijver</th><th>Aanbesteding</th><th>Datum</th><th>Uitkomst</th><th>Hash</th></tr>\(rows)</table></body></html>
            """
    }
}
