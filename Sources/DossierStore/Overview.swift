import DossierModel
import ESPD
import Foundation

/// The tender overview a jurist attaches to the award advice (gunningsadvies): every bidder's
/// outcome before and after review, open items per family, who decided what, the lists and rule
/// data used, and the store's head hash to write into the case file.
public struct TenderOverview: Codable, Sendable {
    public struct Row: Codable, Sendable {
        public var bidder: String
        public var dossier: String
        public var screenedAt: String
        public var outcomeBefore: String
        public var outcomeAfter: String
        public var openByFamily: [String: Int]
        public var decisions: [ReviewRecord]
        public var previousDecisions: [ReviewRecord]
        public var lists: [String]
        public var ruleData: String
        public var purged: Bool
    }
    public var tender: String
    /// The tender's own findings (procedure, thresholds, duties on the tender documents), from its latest stored tender dossier.
    public var tenderFindings: [Finding]
    public var tenderDossier: String?
    public var generatedAt: String
    public var storeHead: String
    public var rows: [Row]

    public static func build(store: any DossierStore, tender: String, now: Date = Date()) throws -> TenderOverview {
        let entries = try ReviewState.latestDossiers(store: store, tender: tender)
        guard !entries.isEmpty else {
            throw StoreError.refused("no dossiers of tender '\(tender)' in the store; `uea-screen dossier list` shows the tenders")
        }
        var rows: [Row] = []
        for entry in entries {
            guard let (_, content) = try store.content(id: entry.id), let content else {
                rows.append(
                    Row(
                        bidder: entry.bidderName, dossier: entry.id, screenedAt: entry.screenedAt, outcomeBefore: entry.outcome,
                        outcomeAfter: "purged",
                        openByFamily: [:], decisions: [], previousDecisions: [], lists: [], ruleData: entry.ruleDataVersion, purged: true))
                continue
            }
            let dossier = try JSONDecoder().decode(Dossier.self, from: content)
            let review = ReviewedDossier(
                dossierID: entry.id, dossier: dossier, decisions: try ReviewState.records(store: store, about: entry))
            let decided = (review.items + review.reviewItems).compactMap(\.decision)
            rows.append(
                Row(
                    bidder: entry.bidderName, dossier: entry.id, screenedAt: entry.screenedAt, outcomeBefore: review.outcomeBefore,
                    outcomeAfter: review.outcomeAfter, openByFamily: review.openByFamily, decisions: decided,
                    previousDecisions: review.previousDecisions,
                    lists: dossier.watchlists.map { "\($0.name) \($0.listDate ?? "") (\($0.sha256.prefix(12)))" },
                    ruleData: dossier.ruleData.version, purged: false))
        }
        var tenderFindings: [Finding] = []
        var tenderDossier: String? = nil
        if let (tenderEntry, content) = try store.latestTender(tender), let content {
            tenderDossier = tenderEntry.id
            tenderFindings = try JSONDecoder().decode(TenderDossier.self, from: content).findings.filter { $0.severity != .info }
        }
        return TenderOverview(
            tender: tender, tenderFindings: tenderFindings, tenderDossier: tenderDossier,
            generatedAt: ChainedDossierStore.timestamp.string(from: now), storeHead: try store.head(), rows: rows)
    }

    static let labels: [String: (nl: String, en: String)] = [
        "title": ("Overzicht screening voor het gunningsadvies", "Screening overview for the award advice"),
        "tender": ("Aanbesteding", "Tender"), "date": ("Opgesteld", "Prepared"),
        "head": ("Kop van het dossierregister (noteer in het dossier)", "Head of the dossier store (write into the case file)"),
        "bidder": ("Inschrijver", "Bidder"), "before": ("Uitkomst screening", "Screening outcome"),
        "after": ("Na beoordeling", "After review"),
        "open": ("Open punten per onderdeel", "Open items per family"), "decisions": ("Beslissingen", "Decisions"),
        "lists": ("Lijsten", "Lists"),
        "rules": ("Regelset", "Rule data"), "none": ("geen", "none"),
        "previous": ("eerdere beslissing, bewijs gewijzigd", "previous decision, evidence changed"),
        "sign": ("Gezien en akkoord", "Seen and agreed"), "name": ("Naam", "Name"), "signdate": ("Datum", "Date"),
        "signature": ("Handtekening", "Signature"), "dossier": ("Dossier", "Dossier"),
        "purged": ("verwijderd na de bewaartermijn", "purged after the retention period"),
        "tenderfindings": ("Bevindingen over de aanbesteding zelf", "Findings on the tender itself"),
        "notender": (
            "geen tenderdossier in het register (screen met --store en het tenderbestand)",
            "no tender dossier in the store (screen with --store and the tender file)"
        ),
    ]

    public static func label(_ key: String, _ language: ReportLanguage) -> String { language == .nl ? labels[key]!.nl : labels[key]!.en }

    public static func outcome(_ value: String, _ language: ReportLanguage) -> String {
        guard language == .nl else { return value }
        return [
            "blocker": "blokkerend", "attention": "aandacht", "clean": "geen bevindingen", "excluded": "uitgesloten",
            "purged": "verwijderd",
        ][value] ?? value
    }

    public static func decisionText(_ d: ReviewRecord, _ language: ReportLanguage) -> String {
        let kind =
            language == .nl
            ? [
                "accepted": "aanvaard", "false-positive": "onterechte treffer", "needs-information": "informatie gevraagd",
                "excluded": "uitgesloten", "not-applicable": "niet van toepassing",
            ][d.decision.rawValue] ?? d.decision.rawValue
            : d.decision.rawValue
        return
            "\(d.check): \(kind) (\(d.by), \(d.at.prefix(10))\(d.due.map { language == .nl ? ", uiterlijk \($0)" : ", due \($0)" } ?? "")) — \(d.reason)"
    }

    public func markdown(_ language: ReportLanguage) -> String {
        var out = "# \(Self.label("title", language))\n\n"
        out +=
            "- \(Self.label("tender", language)): \(tender)\n- \(Self.label("date", language)): \(generatedAt.prefix(10))\n- \(Self.label("head", language)): `\(storeHead)`\n\n"
        out +=
            "| \(Self.label("bidder", language)) | \(Self.label("before", language)) | \(Self.label("after", language)) | \(Self.label("open", language)) | \(Self.label("dossier", language)) |\n|---|---|---|---|---|\n"
        for row in rows {
            let open =
                row.openByFamily.isEmpty
                ? Self.label("none", language)
                : row.openByFamily.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            out +=
                "| \(Self.cell(row.bidder)) | \(Self.outcome(row.outcomeBefore, language)) | \(Self.outcome(row.outcomeAfter, language)) | \(open) | \(row.dossier.prefix(8)) |\n"
        }
        out += "\n## \(Self.label("tenderfindings", language))\n\n"
        if tenderDossier == nil {
            out += Self.label("notender", language) + "\n"
        } else if tenderFindings.isEmpty {
            out += Self.label("none", language) + "\n"
        }
        for finding in tenderFindings {
            out +=
                "- \(finding.severity.rawValue) `\(finding.check)`: \(Self.cell(language == .nl ? finding.message.nl : finding.message.en))\n"
        }
        for row in rows {
            out += "\n## \(Self.cell(row.bidder))\n\n"
            if row.purged {
                out += "\(Self.label("purged", language))\n"
                continue
            }
            out +=
                "**\(Self.label("decisions", language))**: "
                + (row.decisions.isEmpty
                    ? Self.label("none", language) + "\n"
                    : "\n\n" + row.decisions.map { "- " + Self.cell(Self.decisionText($0, language)) }.joined(separator: "\n") + "\n")
            for previous in row.previousDecisions {
                out += "- \(Self.label("previous", language)): \(Self.cell(Self.decisionText(previous, language)))\n"
            }
            out +=
                "\n**\(Self.label("lists", language))**: \(row.lists.isEmpty ? Self.label("none", language) : row.lists.joined(separator: "; "))  \n**\(Self.label("rules", language))**: \(row.ruleData)\n"
        }
        out +=
            "\n## \(Self.label("sign", language))\n\n\(Self.label("name", language)): ______________________  \(Self.label("signdate", language)): ____________  \(Self.label("signature", language)): ______________________\n"
        return out
    }

    static func cell(_ text: String) -> String { DisplayText.oneLine(text).replacingOccurrences(of: "|", with: "\\|") }

    public func csv() -> String {
        func field(_ text: String) -> String {
            var value = DisplayText.oneLine(text)
            // A cell a spreadsheet would run as a formula is written as text.
            if let first = value.first, "=+-@".contains(first) { value = "'" + value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var lines = ["tender,bidder,dossier,screened_at,outcome_before,outcome_after,open_items,decisions,lists,rule_data"]
        for row in rows {
            lines.append(
                [
                    tender, row.bidder, row.dossier, row.screenedAt, row.outcomeBefore, row.outcomeAfter,
                    row.openByFamily.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "; "),
                    row.decisions.map { "\($0.check) \($0.decision.rawValue) (\($0.by))" }.joined(separator: "; "),
                    row.lists.joined(separator: "; "), row.ruleData,
                ].map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func html(_ language: ReportLanguage) -> String {
        func e(_ text: String) -> String { DossierBundle.escape(DisplayText.oneLine(text)) }
        let header = "\(Self.label("tender", language)) \(tender) — \(generatedAt.prefix(10))"
        var out = """
            <!DOCTYPE html><html lang="\(language.rawValue)"><head><meta charset="utf-8"><title>\(e(Self.label("title", language))) \(e(tender))</title>
            <style>
            body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;font-size:11pt}
            table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}
            .sign{margin-top:3rem;display:flex;gap:2rem}.sign div{flex:1;border-top:1px solid #000;padding-top:.3rem}
            code{font-size:9pt;word-break:break-all}
            @page{size:A4;margin:2cm 1.5cm;@top-left{content:"\(e(header))";font-size:9pt}@bottom-right{content:"\(language == .nl ? "Pagina" : "Page") " counter(page) " \(language == .nl ? "van" : "of") " counter(pages);font-size:9pt}}
            @media print{body{margin:0;max-width:none}h2{break-after:avoid}section{break-inside:avoid}}
            </style></head><body>
            <h1>\(e(Self.label("title", language)))</h1>
            <p>\(e(Self.label("tender", language))): <strong>\(e(tender))</strong><br>\(e(Self.label("date", language))): \(e(String(generatedAt.prefix(10))))<br>
            \(e(Self.label("head", language))): <code>\(e(storeHead))</code></p>
            <table><tr><th>\(e(Self.label("bidder", language)))</th><th>\(e(Self.label("before", language)))</th><th>\(e(Self.label("after", language)))</th><th>\(e(Self.label("open", language)))</th><th>\(e(Self.label("dossier", language)))</th></tr>
            """
        for row in rows {
            let open =
                row.openByFamily.isEmpty
                ? Self.label("none", language)
                : row.openByFamily.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            out +=
                "<tr><td>\(e(row.bidder))</td><td>\(e(Self.outcome(row.outcomeBefore, language)))</td><td><strong>\(e(Self.outcome(row.outcomeAfter, language)))</strong></td><td>\(e(open))</td><td><code>\(e(String(row.dossier.prefix(8))))</code></td></tr>\n"
        }
        out += "</table>\n<h2>\(e(Self.label("tenderfindings", language)))</h2>"
        if tenderDossier == nil {
            out += "<p>\(e(Self.label("notender", language)))</p>"
        } else if tenderFindings.isEmpty {
            out += "<p>\(e(Self.label("none", language)))</p>"
        } else {
            out +=
                "<ul>"
                + tenderFindings.map {
                    "<li>\(e($0.severity.rawValue)) <code>\(e($0.check))</code>: \(e(language == .nl ? $0.message.nl : $0.message.en))</li>"
                }.joined() + "</ul>"
        }
        out += "\n"
        for row in rows {
            out += "<section><h2>\(e(row.bidder))</h2>"
            if row.purged {
                out += "<p>\(e(Self.label("purged", language)))</p></section>"
                continue
            }
            out +=
                "<p><strong>\(e(Self.label("decisions", language)))</strong>: "
                + (row.decisions.isEmpty
                    ? e(Self.label("none", language)) + "</p>"
                    : "</p><ul>" + row.decisions.map { "<li>\(e(Self.decisionText($0, language)))</li>" }.joined() + "</ul>")
            if !row.previousDecisions.isEmpty {
                out +=
                    "<ul>"
                    + row.previousDecisions.map { "<li>\(e(Self.label("previous", language))): \(e(Self.decisionText($0, language)))</li>" }
                    .joined() + "</ul>"
            }
            out +=
                "<p><strong>\(e(Self.label("lists", language)))</strong>: \(e(row.lists.isEmpty ? Self.label("none", language) : row.lists.joined(separator: "; ")))<br><strong>\(e(Self.label("rules", language)))</strong>: <code>\(e(row.ruleData))</code></p></section>\n"
        }
        out +=
            "<h2>\(e(Self.label("sign", language)))</h2><div class=\"sign\"><div>\(e(Self.label("name", language)))</div><div>\(e(Self.label("signdate", language)))</div><div>\(e(Self.label("signature", language)))</div></div></body></html>\n"
        return out
    }
}

extension ReviewedDossier {
    /// One page: the dossier's findings with the decision on each (or open), printable like the overview.
    public func html(_ language: ReportLanguage) -> String {
        func e(_ text: String) -> String { DossierBundle.escape(DisplayText.oneLine(text)) }
        let nl = language == .nl
        func state(_ item: Item) -> String {
            guard let d = item.decision else { return nl ? "open" : "open" }
            let carried =
                item.carried ? (nl ? " (uit eerdere versie \(d.dossier.prefix(8)))" : " (carried from \(d.dossier.prefix(8)))") : ""
            return TenderOverview.decisionText(d, language) + carried
        }
        var out = """
            <!DOCTYPE html><html lang="\(language.rawValue)"><head><meta charset="utf-8"><title>\(e(bidder))</title>
            <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;font-size:11pt}table{border-collapse:collapse;width:100%}
            td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}
            @page{size:A4;margin:2cm 1.5cm;@top-left{content:"\(e(bidder)) — \(e(tender ?? ""))";font-size:9pt}@bottom-right{content:"\(nl ? "Pagina" : "Page") " counter(page) " \(nl ? "van" : "of") " counter(pages);font-size:9pt}}</style></head><body>
            <h1>\(e(nl ? "Beoordeling van het screeningsdossier" : "Review of the screening dossier"))</h1>
            <p>\(e(bidder)) — \(e(tender ?? "")) — dossier <code>\(e(String(dossier.prefix(8))))</code><br>
            \(e(TenderOverview.label("before", language))): \(e(TenderOverview.outcome(outcomeBefore, language)))<br>
            \(e(TenderOverview.label("after", language))): <strong>\(e(TenderOverview.outcome(outcomeAfter, language)))</strong></p>
            <table><tr><th>\(nl ? "Ernst" : "Severity")</th><th>\(nl ? "Controle" : "Check")</th><th>\(nl ? "Bevinding" : "Finding")</th><th>\(nl ? "Beslissing" : "Decision")</th></tr>
            """
        for item in items + reviewItems {
            out +=
                "<tr><td>\(e(item.severity.rawValue))</td><td><code>\(e(item.check))</code></td><td>\(e(nl ? item.message.nl : item.message.en))</td><td>\(e(state(item)))</td></tr>\n"
        }
        out += "</table>\n"
        if !previousDecisions.isEmpty {
            out +=
                "<h2>\(e(TenderOverview.label("previous", language)))</h2><ul>"
                + previousDecisions.map { "<li>\(e(TenderOverview.decisionText($0, language)))</li>" }.joined() + "</ul>"
        }
        return out + "</body></html>\n"
    }
}
