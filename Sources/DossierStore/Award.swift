import DossierModel
import Foundation
import Transparency

extension AwardStatement {
    /// The statement of awarding the bidder of dossier `id`: every bidder's latest dossier of the
    /// tender with its outcome after review, as the overview shows them now.
    public static func build(store: any DossierStore, id: String) throws -> AwardStatement {
        let entry = try store.resolve(id)
        let overview = try TenderOverview.build(store: store, tender: entry.tenderID)
        func bidder(_ row: TenderOverview.Row) -> Bidder {
            Bidder(
                bidder: row.bidder, dossier: row.dossier, outcome: row.outcomeAfter, basis: row.outcomeBasis,
                decisions: row.decisions.flatMap { [$0.entry] + ($0.confirmation.map { [$0.entry] } ?? []) })
        }
        let winner =
            overview.rows.first { $0.dossier == entry.id }.map(bidder)
            ?? Bidder(bidder: entry.bidderName, dossier: entry.id, outcome: entry.outcome, basis: [], decisions: [])
        return AwardStatement(
            tender: entry.tenderID, winner: winner, others: overview.rows.filter { $0.dossier != entry.id }.map(bidder))
    }
}

extension DossierStore {
    /// Records the award of dossier `id`'s bidder, with the statement of every bidder's outcome, after
    /// checking that the bidder is neither excluded nor held by a blocker no confirmed decision has
    /// resolved (Aw 2012 art. 2.86–2.87; domain §9b "Award"); the store then checks the rest.
    public func award(id: String, reason: String?, key: NoteSigner, now: Date = Date()) throws -> StoredEntry {
        let obstacles = try ReviewState.awardObstacles(store: self, id: id)
        guard obstacles.isEmpty else {
            throw StoreError.refused(
                "\(id): not awarded, no award to a bidder that is excluded or has an open blocker (Aw 2012 art. 2.86–2.87): \(obstacles.joined(separator: "; ")); nothing was recorded"
            )
        }
        return try award(id: id, reason: reason, statement: try AwardStatement.build(store: self, id: id), key: key, now: now)
    }
}
