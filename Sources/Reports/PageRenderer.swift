import Basics
import DossierModel
import ESPD
import Foundation
import Mustache
import RuleData

/// The pages a jurist files beside the dossiers: the tender overview for the award advice
/// (`overview.html.mustache`, `overview.md.mustache`, and a CSV) and the review page of one dossier
/// (`review.html.mustache`), from the templates and `labels.yaml` in `templates/`. The store gives
/// the data (`TenderOverview`, `ReviewedDossier`); everything a person reads is written here.
public struct PageRenderer: Sendable {
    public enum Page: String, CaseIterable, Sendable {
        case overviewHTML = "overview.html"
        case overviewMarkdown = "overview.md"
        case review = "review.html"
    }

    /// The files it is made of, as named in `templates/`.
    public static let fileNames = Page.allCases.map { "\($0.rawValue).mustache" } + ["page-style.mustache", "labels.yaml"]

    let library: MustacheLibrary
    let labels: [ReportLanguage: [String: String]]
    let citations: LegalCitation

    public init(directory: String) throws {
        var library = MustacheLibrary()
        for name in Self.fileNames where name.hasSuffix(".mustache") {
            let path = PathText.child(directory, name)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw InputError(file: path, message: "page template missing")
            }
            do { try library.register(text, named: String(name.dropLast(".mustache".count))) } catch {
                throw InputError(file: path, message: "template error: \(error)")
            }
        }
        let labelsPath = PathText.child(directory, "labels.yaml")
        guard let text = FileManager.default.contents(atPath: labelsPath).flatMap({ String(data: $0, encoding: .utf8) }) else {
            throw InputError(file: labelsPath, message: "labels file missing")
        }
        self.library = library
        self.labels = try ReportRenderer.labels(text: text, path: labelsPath, required: Self.requiredLabels)
        self.citations = try ReportRenderer.citations(text: text, path: labelsPath)
    }

    /// Labels the Swift side looks up (the templates' own are found by the template).
    static let requiredLabels =
        Outcome.allCases.map { "outcomeWord_" + $0.rawValue } + ReviewDecision.allCases.map { "decision_" + $0.rawValue }
        + ["ov_none", "rv_open", "rv_carried", "due", "ov_tender", "ov_ground", "rv_decision"]

    // MARK: The tender overview

    public func overview(_ overview: TenderOverview, page: Page, language: ReportLanguage) -> String {
        let view = overviewView(overview, language: language)
        let name = page.rawValue
        if page == .overviewMarkdown {
            return library.render(MarkdownText.escapeView(view), withTemplate: name) ?? ""
        }
        return library.render(view, withTemplate: name) ?? ""
    }

    func overviewView(_ o: TenderOverview, language: ReportLanguage) -> [String: Any] {
        let labels = self.labels[language] ?? [:]
        let generated = Self.date(o.generatedAt, language)
        return [
            "language": language.rawValue, "labels": labels, "tender": o.tender, "date": generated, "head": o.storeHead,
            "pageHeader": "\(labels["ov_tender"] ?? "") \(o.tender) — \(generated)",
            "rows": o.rows.map { row -> [String: Any] in
                [
                    "bidder": row.bidder, "before": outcome(row.outcomeBefore, labels), "after": outcome(row.outcomeAfter, labels),
                    "basis": row.outcomeBasis.map { citations.cite($0, language) }.joined(separator: "; "),
                    "open": openItems(row.openByFamily, labels), "dossier": String(row.dossier.prefix(8)),
                ]
            },
            // Mustache reads an empty string as a value: each optional has its own flag.
            "hasTenderName": o.tenderName != nil, "hasAuthority": o.authority != nil, "hasReferenceDate": o.referenceDate != nil,
            "hasCancelled": o.cancelledAt != nil, "hasRetentionEnd": o.retentionEnd != nil,
            "tenderName": o.tenderName ?? "", "authority": o.authority ?? "",
            "referenceDate": o.referenceDate.map { Self.date($0, language) } ?? "",
            "hasWinners": !o.awards.isEmpty,
            "winners": o.awards.map { award -> String in
                "\(award.bidder) (\(labels["ov_awardedby"] ?? "") \(award.by), \(Self.date(award.at, language))\(award.reason.map { ": \($0)" } ?? ""))"
            },
            "cancelled": o.cancelledAt.map { Self.date($0, language) } ?? "",
            "screenedCount": o.rows.count,
            "refusedCount": o.rows.reduce(0) { $0 + $1.refusedFiles.count },
            "retentionEnd": o.retentionEnd.map { Self.date($0, language) } ?? "",
            "hasTenderDossier": o.tenderDossier != nil,
            "hasTenderFindings": !o.tenderFindings.isEmpty,
            "tenderFindings": o.tenderFindings.map { finding -> [String: Any] in
                let item = o.tenderReview?.items.first { $0.fingerprint == finding.fingerprint }
                return [
                    "severity": labels[finding.severity.rawValue] ?? finding.severity.rawValue, "check": finding.check,
                    "message": language == .nl ? finding.message.nl : finding.message.en,
                    "hasBasis": !finding.legalBasis.isEmpty, "basis": citations.cite(finding.legalBasis, language),
                    "state": item.map { state($0, labels, language) } ?? labels["rv_open"] ?? "open",
                ]
            },
            "bidders": o.rows.map { row -> [String: Any] in
                [
                    "bidder": row.bidder, "purged": row.purged,
                    "hasDecisions": !row.decisions.isEmpty,
                    "decisions": row.decisions.map { decided($0, finding: row.decidedFindings[$0.finding], language) },
                    "hasPrevious": !row.previousDecisions.isEmpty, "previous": row.previousDecisions.map { decision($0, language) },
                    "lists": row.listsUsed.isEmpty
                        ? labels["ov_none"] ?? ""
                        : row.listsUsed.map { list in
                            "\(list.name), \(list.listDate.map { Self.date($0, language) } ?? labels["ov_nodate"] ?? "-") (sha256 \(list.sha256.prefix(12)))"
                        }.joined(separator: "; "),
                    "ruleData": row.ruleData,
                    "after": outcome(row.outcomeAfter, labels),
                    "basis": row.outcomeBasis.map { citations.cite($0, language) }.joined(separator: "; "),
                    "hasBasis": !row.outcomeBasis.isEmpty,
                    "hasOpenItems": !row.openItems.isEmpty,
                    "openItems": row.openItems.map { item -> [String: Any] in
                        [
                            "severity": labels[item.severity.rawValue] ?? item.severity.rawValue,
                            "message": language == .nl ? item.message.nl : item.message.en,
                            "basis": citations.cite(item.legalBasis, language),
                        ]
                    },
                    "hasRefused": !row.refusedFiles.isEmpty, "refused": row.refusedFiles.joined(separator: ", "),
                ]
            },
        ]
    }

    /// The overview as CSV, one row per bidder, values as stored (for a spreadsheet; a value a
    /// spreadsheet would run as a formula is written as text).
    public static func csv(_ overview: TenderOverview) -> String {
        func field(_ text: String) -> String {
            var value = DisplayText.oneLine(text)
            if let first = value.first, "=+-@".contains(first) { value = "'" + value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var lines = ["tender,bidder,dossier,screened_at,outcome_before,outcome_after,open_items,decisions,lists,rule_data"]
        for row in overview.rows {
            lines.append(
                [
                    overview.tender, row.bidder, row.dossier, row.screenedAt, row.outcomeBefore.rawValue, row.outcomeAfter.rawValue,
                    row.openByFamily.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "; "),
                    row.decisions.map { "\($0.check) \($0.decision.rawValue) (\($0.by))" }.joined(separator: "; "),
                    row.lists.joined(separator: "; "), row.ruleData,
                ].map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: The review page

    /// One page: the dossier's findings with the decision on each (or open), printable like the overview.
    public func review(_ review: ReviewedDossier, language: ReportLanguage) -> String {
        let labels = self.labels[language] ?? [:]
        let subject = review.bidder.isEmpty ? labels["ov_tender"] ?? "" : review.bidder
        let view: [String: Any] = [
            "language": language.rawValue, "labels": labels, "bidder": subject, "tender": review.tender ?? "",
            "pageHeader": "\(subject) — \(review.tender ?? "")",
            "dossier": String(review.dossier.prefix(8)), "before": outcome(review.outcomeBefore, labels),
            "after": outcome(review.outcomeAfter, labels),
            "items": (review.items + review.reviewItems).map { item -> [String: Any] in
                [
                    "severity": labels[item.severity.rawValue] ?? item.severity.rawValue, "check": item.check,
                    "message": language == .nl ? item.message.nl : item.message.en, "state": state(item, labels, language),
                    "basis": item.legalBasis.map { citations.cite($0, language) } ?? "",
                ]
            },
            "hasPrevious": !review.previousDecisions.isEmpty, "previous": review.previousDecisions.map { decision($0, language) },
        ]
        return library.render(view, withTemplate: Page.review.rawValue) ?? ""
    }

    // MARK: Words shared by the pages

    /// A finding's decision as the pages print it, or "open".
    func state(_ item: ReviewedDossier.Item, _ labels: [String: String], _ language: ReportLanguage) -> String {
        guard let d = item.decision else { return labels["rv_open"] ?? "open" }
        return decision(d, language) + (item.carried ? " (\(labels["rv_carried"] ?? "") \(d.dossier.prefix(8)))" : "")
    }

    func outcome(_ value: Outcome, _ labels: [String: String]) -> String { labels["outcomeWord_" + value.rawValue] ?? value.rawValue }

    func openItems(_ counts: [String: Int], _ labels: [String: String]) -> String {
        counts.isEmpty
            ? labels["ov_none"] ?? ""
            : counts.sorted { $0.key < $1.key }.map { "\(labels["family_" + $0.key] ?? $0.key) \($0.value)" }
                .joined(separator: ", ")
    }

    /// `exclusion.mandatory-ground: herstelmaatregelen aanvaard (voorgesteld door mr. A. Jurist, 3 december 2026, bevestigd door …) — reden`
    public func decision(_ d: ReviewRecord, _ language: ReportLanguage, naming: Bool = true) -> String {
        let labels = self.labels[language] ?? [:]
        let kind = labels["decision_" + d.decision.rawValue] ?? d.decision.rawValue
        let due = d.due.map { ", \(labels["due"] ?? "") \(Self.date($0, language))" } ?? ""
        let confirmation =
            d.confirmation.map { ", \(labels["confirmedBy"] ?? "") \($0.by), \(Self.date($0.at, language))" }
            ?? (d.awaitingConfirmation ? "; \(labels["awaitingConfirmation"] ?? "")" : "")
        let statements =
            d.contentWithheld != nil
            ? [DecisionContentText.withheld(language)] : d.content.map { DecisionContentText.lines($0, language) } ?? []
        return (naming ? "\(d.check): " : "")
            + "\(kind) (\(labels["proposedBy"] ?? "") \(d.by), \(Self.date(d.at, language))\(due)\(confirmation)) — \(d.reason)"
            + statements.map { "; " + $0 }.joined()
    }

    /// A decision in the award advice: the finding it is about by its text and legal basis (the
    /// ground the decision applies), then the decision; a manual review item or a finding the
    /// overview does not hold keeps the check's name.
    /// `Blokkerend: … Grondslag: Aw 2012 art. 2.86. Beslissing: uitgesloten (voorgesteld door …) — reden`
    func decided(_ d: ReviewRecord, finding: TenderOverview.OpenItem?, _ language: ReportLanguage) -> String {
        guard let finding else { return decision(d, language) }
        let labels = self.labels[language] ?? [:]
        var text = language == .nl ? finding.message.nl : finding.message.en
        if let last = text.last, !".!?".contains(last) { text += "." }
        let basis = finding.legalBasis.isEmpty ? "" : " \(labels["ov_ground"] ?? ""): \(citations.cite(finding.legalBasis, language))."
        let severity = labels[finding.severity.rawValue] ?? finding.severity.rawValue
        return "\(severity): \(text)\(basis) \(labels["rv_decision"] ?? ""): \(decision(d, language, naming: false))"
    }

    /// A date (or the date of a timestamp) as the language writes it: `3 december 2026` or `2026-12-03`.
    /// The one place a stored `YYYY-MM-DD` becomes report text (pages, reports, the bundle index).
    static func date(_ text: String, _ language: ReportLanguage) -> String {
        let day = String(text.prefix(10))
        guard language == .nl, let parsed = Day(day) else { return day }
        return parsed.dutch
    }
}
