import DossierModel
import Foundation

extension TenderOverview {
    /// The overview of `tender` from the store: the latest dossier of each bidder with its decisions.
    /// `retentionYears`: the rule data's period after award or cancellation, for the retention end
    /// the advice states (nil: not stated).
    public static func build(store: any DossierStore, tender: String, retentionYears: Int? = nil, now: Date = Date()) throws
        -> TenderOverview
    {
        let entries = try ReviewState.latestDossiers(store: store, tender: tender)
        guard !entries.isEmpty else {
            throw StoreError.refused("no dossiers of tender '\(tender)' in the store; `uea-screen dossier list` shows the tenders")
        }
        var rows: [Row] = []
        var context: Dossier.TenderSummary? = nil
        for entry in entries {
            guard let (_, content) = try store.content(id: entry.id), let content else {
                rows.append(
                    Row(
                        bidder: entry.bidderName, dossier: entry.id, screenedAt: entry.screenedAt, outcomeBefore: entry.outcome,
                        outcomeAfter: .purged,
                        openByFamily: [:], decisions: [], previousDecisions: [], lists: [], ruleData: entry.ruleDataVersion, purged: true))
                continue
            }
            let dossier = try JSONDecoder().decode(Dossier.self, from: content)
            let review = ReviewedDossier(
                dossierID: entry.id, dossier: dossier, decisions: try ReviewState.records(store: store, about: entry))
            let decided = (review.items + review.reviewItems).compactMap(\.decision)
            var row = Row(
                bidder: entry.bidderName, dossier: entry.id, screenedAt: entry.screenedAt, outcomeBefore: review.outcomeBefore,
                outcomeAfter: review.outcomeAfter, openByFamily: review.openByFamily, decisions: decided,
                previousDecisions: review.previousDecisions,
                lists: dossier.watchlists.map { "\($0.name) \($0.listDate ?? "") (\($0.sha256.prefix(12)))" },
                ruleData: dossier.ruleData.version, purged: false)
            describe(&row, review: review, dossier: dossier)
            rows.append(row)
            context = context ?? dossier.tender
        }
        var tenderFindings: [Finding] = []
        var tenderDossier: String? = nil
        var tenderReview: ReviewedDossier? = nil
        if let (tenderEntry, content) = try store.latestTender(tender), let content {
            tenderDossier = tenderEntry.id
            let own = try JSONDecoder().decode(TenderDossier.self, from: content)
            tenderFindings = own.findings.filter { $0.severity != .info }
            tenderReview = ReviewedDossier(
                dossierID: tenderEntry.id, tender: own, decisions: try ReviewState.records(store: store, about: tenderEntry))
        }
        var overview = TenderOverview(
            tender: tender, tenderFindings: tenderFindings, tenderDossier: tenderDossier, tenderReview: tenderReview,
            generatedAt: ChainedDossierStore.timestamp.string(from: now), storeHead: try store.head(), rows: rows)
        overview.tenderName = context?.name
        overview.authority = context?.authority
        overview.referenceDate = context?.referenceDate
        try ending(&overview, store: store, retentionYears: retentionYears)
        return overview
    }

    /// A bidder's open items by content, the bases of its outcome, its lists and refused files.
    static func describe(_ row: inout Row, review: ReviewedDossier, dossier: Dossier) {
        let open = review.items.filter { $0.isOpen && $0.severity != .info }
        row.openItems = open.map {
            OpenItem(severity: $0.severity, check: $0.check, message: $0.message, legalBasis: $0.legalBasis ?? "")
        }
        let behind: [ReviewedDossier.Item] =
            switch review.outcomeAfter {
            case .excluded: review.items.filter { $0.effective?.excludes == true }
            case .blocker: open.filter { $0.severity == .blocker }
            default: []
            }
        for item in review.items + review.reviewItems {
            guard let decision = item.decision else { continue }
            row.decidedFindings[decision.finding] = OpenItem(
                severity: item.severity, check: item.check, message: item.message, legalBasis: item.legalBasis ?? "")
        }
        var seen = Set<String>()
        row.outcomeBasis = behind.compactMap(\.legalBasis).filter { seen.insert($0).inserted }
        row.listsUsed = dossier.watchlists
        row.refusedFiles = (dossier.folder ?? []).filter { $0.status == .refused }.map(\.path)
    }

    /// The awards and cancellation recorded for the tender, and the retention end they start.
    static func ending(_ overview: inout TenderOverview, store: any DossierStore, retentionYears: Int?) throws {
        var ends: [String] = []
        try store.forEachEntry(StoreFilter(tender: overview.tender, includeMarkers: true)) { entry in
            switch entry.kind {
            case .award:
                overview.awards.append(
                    Award(
                        bidder: entry.bidderName, dossier: entry.subject ?? entry.id, by: entry.storedBy, at: entry.storedAt,
                        reason: entry.reason))
                ends.append(entry.storedAt)
            case .cancellation:
                overview.cancelledAt = entry.storedAt
                ends.append(entry.storedAt)
            default: break
            }
        }
        if let years = retentionYears, let last = ends.max(), let day = ChainedDossierStore.dutchDay(last) {
            overview.retentionEnd = day.adding(years: years).description
        }
    }

}
