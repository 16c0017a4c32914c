import DossierModel
import Foundation

/// The review of stored dossiers: a dossier with the decisions on it and on its earlier versions.
public enum ReviewState {
    /// The stored dossier `id` (a bidder's or the tender's own) with its decisions applied.
    public static func load(store: any DossierStore, id: String) throws -> (entry: StoredEntry, review: ReviewedDossier) {
        guard let (entry, stored) = try store.content(id: id) else { throw StoreError.unknownID(id, candidates: []) }
        guard entry.kind.holdsDossier else {
            throw StoreError.refused("\(entry.id) is a \(entry.kind.rawValue) entry, not a dossier; give the id of a dossier")
        }
        guard let content = stored else { throw StoreError.refused("dossier \(entry.id) was purged under the retention rule") }
        let decisions = try records(store: store, about: entry)
        if entry.kind == .tender {
            let tender = try JSONDecoder().decode(TenderDossier.self, from: content)
            return (entry, ReviewedDossier(dossierID: entry.id, tender: tender, decisions: decisions))
        }
        let dossier = try JSONDecoder().decode(Dossier.self, from: content)
        return (entry, ReviewedDossier(dossierID: entry.id, dossier: dossier, decisions: decisions))
    }

    /// The decisions on any version of this bidder's dossier in its tender, as records, oldest first,
    /// each with the confirmation a second person gave it (never one by the same account or key).
    ///
    /// Every signature is checked again here, not only by verify: a row someone inserted with a
    /// signature that does not verify with the signer's registered key, or by a signer whose roles do
    /// not confirm, is not a decision and lifts nothing (the award gate reads these records).
    public static func records(store: any DossierStore, about entry: StoredEntry) throws -> [ReviewRecord] {
        let entries = try store.decisions(about: entry)
        guard !entries.isEmpty else { return [] }
        let people = Dictionary(
            try store.registrations().compactMap { registration in
                (try? JSONDecoder().decode(Person.self, from: registration.bytes)).map { (registration.entry.id, $0) }
            }
        ) { first, _ in first }
        /// The registered person whose key made the entry's signature and whose account wrote it.
        func signer(_ entry: StoredEntry) -> Person? {
            guard let id = entry.signer, let person = people[id], EntrySignature.isGenuine(entry, by: person) else { return nil }
            return person
        }
        var records: [ReviewRecord] = []
        var index: [String: Int] = [:]
        for decision in entries {
            guard let kind = decision.decision.flatMap(ReviewDecision.init(rawValue:)), let finding = decision.finding else { continue }
            if decision.signer != nil && signer(decision) == nil { continue }
            if decision.kind == .confirmation {
                guard let at = decision.subject.flatMap({ index[$0] }), records[at].signed, let confirmer = signer(decision),
                    Mandate.allows(confirmer.roles, .confirm(kind, .blocker)),
                    records[at].account != decision.account, records[at].decision == kind
                else { continue }
                records[at].confirmation = .init(
                    by: decision.storedBy, account: decision.account, at: decision.storedAt, entry: decision.id,
                    reason: decision.reason ?? "")
                continue
            }
            let files = try store.fileList(id: decision.id)
            var record = ReviewRecord(
                finding: finding, check: decision.findingCheck ?? "", decision: kind, reason: decision.reason ?? "", by: decision.storedBy,
                at: decision.storedAt, due: decision.due, dossier: decision.subject ?? "", entry: decision.id,
                attachments: files.filter { $0.role != DecisionContent.fileRole && $0.kept }.map(\.path))
            if files.contains(where: { $0.role == DecisionContent.fileRole && $0.kept }) {
                (record.content, record.contentWithheld) = content(of: decision, store: store)
            }
            record.account = decision.account
            record.signed = decision.signer != nil && !kind.isLegacy
            index[decision.id] = records.count
            records.append(record)
        }
        return records
    }

    /// The content file of a decision entry, opened with the store's data key by a reader whose role
    /// may read it; else nil and the reason in one line.
    static func content(of decision: StoredEntry, store: any DossierStore) -> (DecisionContent?, String?) {
        do {
            guard let file = try store.sources(id: decision.id).first(where: { $0.role == DecisionContent.fileRole }) else {
                return (nil, "the decision's content file is no longer kept")
            }
            return (try JSONDecoder().decode(DecisionContent.self, from: file.bytes), nil)
        } catch {
            return (nil, "\(error)")
        }
    }

    /// Why the bidder of dossier `id` may not be awarded the tender, one item per reason; empty when
    /// it may. No award to a bidder that is excluded or whose blocker is still open (Aw 2012 art.
    /// 2.86–2.87, 2.130; domain §9b): the review after every decision on the bidder decides, not the
    /// screening alone.
    public static func awardObstacles(store: any DossierStore, id: String) throws -> [String] {
        let (entry, review) = try load(store: store, id: id)
        guard entry.kind == .dossier else { return ["\(entry.id) is the tender's own dossier; award a bidder's dossier"] }
        if let excluded = review.items.first(where: { $0.effective?.excludes == true }) {
            return ["excluded on \(excluded.check) [\(excluded.fingerprint.prefix(8))]"]
        }
        return review.items.filter { $0.severity == .blocker && $0.isOpen }.map {
            ($0.awaitingConfirmation ? "unconfirmed decision on blocker " : "open blocker ")
                + "\($0.check)\($0.ground.map { " " + $0 } ?? "") [\($0.fingerprint.prefix(8))]"
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
