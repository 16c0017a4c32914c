import DossierModel
import Foundation

extension TenderOverview {
    /// The overview of `tender` from the store: the latest dossier of each bidder with its decisions.
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
                        outcomeAfter: .purged,
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
        var tenderReview: ReviewedDossier? = nil
        if let (tenderEntry, content) = try store.latestTender(tender), let content {
            tenderDossier = tenderEntry.id
            let own = try JSONDecoder().decode(TenderDossier.self, from: content)
            tenderFindings = own.findings.filter { $0.severity != .info }
            tenderReview = ReviewedDossier(
                dossierID: tenderEntry.id, tender: own, decisions: try ReviewState.records(store: store, about: tenderEntry))
        }
        return TenderOverview(
            tender: tender, tenderFindings: tenderFindings, tenderDossier: tenderDossier, tenderReview: tenderReview,
            generatedAt: ChainedDossierStore.timestamp.string(from: now), storeHead: try store.head(), rows: rows)
    }

}
