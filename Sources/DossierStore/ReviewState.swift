import DossierModel
import Foundation

/// The review of stored dossiers: a dossier with the decisions on it and on its earlier versions.
public enum ReviewState {
    /// The stored dossier `id` with its decisions applied.
    public static func load(store: any DossierStore, id: String) throws -> (entry: StoredEntry, dossier: Dossier, review: ReviewedDossier) {
        guard let (entry, stored) = try store.content(id: id) else { throw StoreError.unknownID(id, candidates: []) }
        guard entry.kind == .dossier else { throw StoreError.refused("\(entry.id) is a \(entry.kind.rawValue) entry, not a dossier") }
        guard let content = stored else { throw StoreError.refused("dossier \(entry.id) was purged under the retention rule") }
        let dossier = try JSONDecoder().decode(Dossier.self, from: content)
        return (entry, dossier, ReviewedDossier(dossierID: entry.id, dossier: dossier, decisions: try records(store: store, about: entry)))
    }

    /// The decisions on any version of this bidder's dossier in its tender, as records, oldest first.
    public static func records(store: any DossierStore, about entry: StoredEntry) throws -> [ReviewRecord] {
        try store.decisions(about: entry).compactMap { decision in
            guard let kind = decision.decision.flatMap(ReviewDecision.init(rawValue:)), let finding = decision.finding else { return nil }
            return ReviewRecord(
                finding: finding, check: decision.findingCheck ?? "", decision: kind, reason: decision.reason ?? "", by: decision.storedBy,
                at: decision.storedAt, due: decision.due, dossier: decision.subject ?? "", entry: decision.id,
                attachments: try store.sources(id: decision.id).map(\.path))
        }
    }

    /// Why the bidder of dossier `id` may not be awarded the tender, one item per reason; empty when
    /// it may. No award to a bidder that is excluded or whose blocker is still open (Aw 2012 art.
    /// 2.86–2.87, 2.130; domain §9b): the review after every decision on the bidder decides, not the
    /// screening alone.
    public static func awardObstacles(store: any DossierStore, id: String) throws -> [String] {
        let (_, _, review) = try load(store: store, id: id)
        if let excluded = review.items.first(where: { $0.decision?.decision == .excluded }) {
            return ["excluded on \(excluded.check) [\(excluded.fingerprint.prefix(8))]"]
        }
        return review.items.filter { $0.severity == .blocker && !($0.decision?.decision.resolves ?? false) }.map {
            "open blocker \($0.check)\($0.ground.map { " " + $0 } ?? "") [\($0.fingerprint.prefix(8))]"
        }
    }

    /// The latest dossier of every bidder of `tender`, in the order they were first stored.
    public static func latestDossiers(store: any DossierStore, tender: String) throws -> [StoredEntry] {
        var latest: [String: StoredEntry] = [:]
        var order: [String] = []
        try store.forEachEntry(StoreFilter(tender: tender)) { entry in
            let key = entry.bidderKey + "\t" + entry.bidderName
            if latest[key] == nil { order.append(key) }
            latest[key] = entry
        }
        return order.compactMap { latest[$0] }
    }
}
