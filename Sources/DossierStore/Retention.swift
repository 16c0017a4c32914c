import DossierModel
import Foundation
import Transparency

/// What the retention rule does to the store's tenders on one day (`dossier purge --dry-run`).
/// A tender's procedure ends with its award or its cancellation; its dossiers, winners' and
/// non-winners', are kept `yearsAfterEnd` years from the latest of those entries (Dir. 2014/24/EU
/// art. 84; domain §9b "Retention without award"). A tender with neither is kept whole, and once its
/// submission deadline is `monthsToDecide` months past it is listed as needing a decision.
public struct RetentionPlan: Sendable, Codable, Equatable {
    /// A tender whose procedure ended (award or cancellation).
    public struct Ended: Sendable, Codable, Equatable {
        public var tender: String
        /// `award` or `cancellation`: the latest entry that ended the procedure.
        public var endedBy: String
        public var endedOn: Day
        /// The first day its dossiers may be purged.
        public var purgeFrom: Day
        /// Dossiers (bidders' and the tender's own, every version) whose content is still kept.
        public var dossiers: Int
    }

    /// A tender with neither award nor cancellation whose deadline lies `monthsToDecide` months back.
    public struct Undecided: Sendable, Codable, Equatable {
        public var tender: String
        /// The submission deadline as the latest dossier recorded it (its reference date).
        public var deadline: Day
        /// Whether `deadline` is the tender file's submission deadline or only the screening day.
        public var deadlineFromTender: Bool
        public var dossiers: Int
    }

    /// Retention over: `dossier purge` removes these.
    public var due: [Ended]
    /// Retention still running.
    public var kept: [Ended]
    /// Neither awarded nor cancelled long after the deadline: someone must record one of the two.
    public var undecided: [Undecided]
}

/// A non-winner's dossier whose criminal-law details are no longer needed: its tender ended
/// (award or cancellation) `monthsAfterEnd` months ago, past the standstill and any review
/// proceedings (domain §9b "Retention without award"; AVG art. 5(1)(e)); `dossier purge` forgets its
/// source files and the attachments of decisions on it, and keeps its findings.
public struct RedactionDue: Sendable, Codable, Equatable {
    public var tender: String
    public var bidder: String
    public var dossier: String
    public var endedOn: Day
    public var redactFrom: Day
}

extension ChainedDossierStore {
    public func redactionPlan(monthsAfterEnd: Int, now: Date = Date()) throws -> [RedactionDue] {
        try read { try redactionCandidatesUnlocked(monthsAfterEnd: monthsAfterEnd, now: now).map(\.due) }
    }

    /// Every version of every non-winner's dossier with criminal-law data in an ended tender, not yet
    /// redacted or purged, that is due; the winners' dossiers stay whole until the retention ends.
    func redactionCandidatesUnlocked(monthsAfterEnd: Int, now: Date) throws -> [(entry: StoredEntry, due: RedactionDue)] {
        let today = Day.today(now: now)
        var ended: [String: Day] = [:]
        for row in try db.query(
            "SELECT tender_id, max(stored_at) FROM entries WHERE kind IN ('award', 'cancellation') GROUP BY tender_id", [])
        {
            if let tender = row[0].text, let day = row[1].text.flatMap(Self.dutchDay) { ended[tender] = day }
        }
        guard !ended.isEmpty else { return [] }
        return try db.query(
            """
            SELECT \(columns) FROM entries e WHERE e.kind = 'dossier' AND e.criminal_data = 1 AND e.tender_id <> ''
              AND NOT EXISTS (SELECT 1 FROM entries t WHERE t.kind IN ('tombstone', 'redaction') AND t.subject = e.id)
              AND NOT EXISTS (SELECT 1 FROM entries a WHERE a.kind = 'award' AND a.tender_id = e.tender_id AND a.bidder_key = e.bidder_key AND a.bidder_name = e.bidder_name)
            ORDER BY e.seq
            """, []
        ).map(Self.entry).compactMap { entry in
            guard let end = ended[entry.tenderID] else { return nil }
            let from = end.adding(months: monthsAfterEnd)
            guard from <= today else { return nil }
            return (
                entry, RedactionDue(tender: entry.tenderID, bidder: entry.bidderName, dossier: entry.id, endedOn: end, redactFrom: from)
            )
        }
    }

    public func redact(monthsAfterEnd: Int, reason: String?, key: NoteSigner, now: Date = Date()) throws -> [StoredEntry] {
        try Self.checkText([("--reason", reason)])
        return try write {
            let candidates = try redactionCandidatesUnlocked(monthsAfterEnd: monthsAfterEnd, now: now)
            guard !candidates.isEmpty else { return [] }
            let actor = try actingMember(.purge, key: key)
            var redactions: [StoredEntry] = []
            for (entry, _) in candidates {
                var redaction = try appendMarker(
                    kind: .redaction, subject: entry, by: actor.person.name, reason: reason, now: now, finish: false)
                try signAndInsert(&redaction, signer: actor.entry, key: key)
                redactions.append(redaction)
                try forgetFiles(of: entry, content: false)
            }
            return redactions
        }
    }

    /// The day in the Netherlands of an entry's UTC timestamp: an award stored at 23:30 UTC on
    /// 5 December was taken on 6 December, the day retention is counted from (and `Day.today`'s day).
    static func dutchDay(_ stamp: String) -> Day? { timestamp.date(from: stamp).map { Day.today(now: $0) } }

    /// The legal minimum is enforced here as well as when the rule data is read.
    static func checkRetention(_ yearsAfterEnd: Int) throws {
        guard yearsAfterEnd >= legalRetentionYears else {
            throw StoreError.refused(
                "a retention of \(yearsAfterEnd) years after award or cancellation is shorter than the legal minimum of \(legalRetentionYears) (Dir. 2014/24/EU art. 84); nothing purged"
            )
        }
    }

    public func retentionPlan(yearsAfterEnd: Int, monthsToDecide: Int, now: Date = Date()) throws -> RetentionPlan {
        try Self.checkRetention(yearsAfterEnd)
        return try read { try planUnlocked(yearsAfterEnd: yearsAfterEnd, monthsToDecide: monthsToDecide, now: now) }
    }

    /// The plan; without `monthsToDecide` the undecided tenders are not looked for (purge needs only the due ones).
    func planUnlocked(yearsAfterEnd: Int, monthsToDecide: Int?, now: Date) throws -> RetentionPlan {
        let today = Day.today(now: now)
        var ended: [String: (kind: String, day: Day)] = [:]
        for row in try db.query(
            "SELECT tender_id, kind, max(stored_at) FROM entries WHERE kind IN ('award', 'cancellation') GROUP BY tender_id, kind", [])
        {
            guard let tender = row[0].text, let kind = row[1].text, let day = row[2].text.flatMap(Self.dutchDay)
            else { continue }
            if ended[tender].map({ $0.day < day }) ?? true { ended[tender] = (kind, day) }
        }
        var plan = RetentionPlan(due: [], kept: [], undecided: [])
        let live = try db.query(
            """
            SELECT tender_id, count(*), max(seq) FROM entries e WHERE kind IN ('dossier', 'tender') AND tender_id <> ''
              AND NOT EXISTS (SELECT 1 FROM entries t WHERE t.kind = 'tombstone' AND t.subject = e.id)
            GROUP BY tender_id ORDER BY tender_id
            """, [])
        for row in live {
            guard let tender = row[0].text else { continue }
            let count = Int(row[1].integer ?? 0)
            if let end = ended[tender] {
                let item = RetentionPlan.Ended(
                    tender: tender, endedBy: end.kind, endedOn: end.day, purgeFrom: end.day.adding(years: yearsAfterEnd), dossiers: count)
                if item.purgeFrom <= today { plan.due.append(item) } else { plan.kept.append(item) }
            } else if let monthsToDecide, let latest = row[2].integer, let (deadline, fromTender) = try deadline(ofEntry: Int(latest)),
                deadline.adding(months: monthsToDecide) <= today
            {
                plan.undecided.append(.init(tender: tender, deadline: deadline, deadlineFromTender: fromTender, dossiers: count))
            }
        }
        return plan
    }

    /// The reference date an entry's dossier recorded: the tender's submission deadline, or the
    /// screening day when the tender file gave none.
    private func deadline(ofEntry seq: Int) throws -> (Day, Bool)? {
        struct Head: Decodable {
            struct Tender: Decodable {
                var referenceDate: String
                var referenceDateSource: String
            }
            var tender: Tender
        }
        guard
            let row = try db.query(
                "SELECT e.screened_at, b.bytes FROM entries e LEFT JOIN blobs b ON b.sha256 = e.content_sha256 WHERE e.seq = $1",
                [.integer(Int64(seq))]
            ).first
        else { return nil }
        if let bytes = row[1].data, let head = try? JSONDecoder().decode(Head.self, from: bytes), let day = Day(head.tender.referenceDate) {
            return (day, head.tender.referenceDateSource == "tender.submissionDeadline")
        }
        return row[0].text.flatMap(Self.dutchDay).map { ($0, false) }
    }

    /// Records that `tender` was cancelled (the procedure ends without award): signed by a person
    /// with the mandate; its retention counts from here. Recorded once per tender.
    public func cancel(tender: String, reason: String, key: NoteSigner, now: Date = Date()) throws -> StoredEntry {
        try Self.checkText([("tender", tender), ("--reason", reason)])
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError.refused("a cancellation needs its reason (the decision and its date); nothing was recorded")
        }
        return try write {
            let actor = try actingMember(.cancel, key: key, tender: tender)
            if let earlier = try cancellationUnlocked(of: tender) {
                throw StoreError.refused(
                    "\(tender) was already cancelled in entry \(earlier.seq) (\(earlier.storedAt.prefix(10))); a cancellation is recorded once"
                )
            }
            // The subject is the tender's latest dossier: its own, else a bidder's.
            guard
                let row = try db.query(
                    "SELECT \(columns) FROM entries WHERE kind IN ('tender', 'dossier') AND tender_id = $1 ORDER BY (kind = 'tender') DESC, seq DESC LIMIT 1",
                    [.text(tender)]
                ).first
            else {
                throw StoreError.refused(
                    "no dossiers of tender '\(tender)' in the store; `uea-screen dossier list` shows the tenders; nothing was recorded")
            }
            var entry = try appendMarker(
                kind: .cancellation, subject: Self.entry(row), by: actor.person.name, reason: reason, now: now, finish: false)
            try signAndInsert(&entry, signer: actor.entry, key: key)
            return entry
        }
    }

    func cancellationUnlocked(of tender: String) throws -> StoredEntry? {
        try db.query("SELECT \(columns) FROM entries WHERE kind = 'cancellation' AND tender_id = $1 ORDER BY seq LIMIT 1", [.text(tender)])
            .first.map(Self.entry)
    }

    /// Removes the content and files of every dossier of the tenders whose retention is over
    /// (`retentionPlan`), leaving a signed tombstone each; run by a beheerder with their key.
    public func purge(yearsAfterEnd: Int, reason: String?, key: NoteSigner, now: Date = Date()) throws -> [StoredEntry] {
        try Self.checkRetention(yearsAfterEnd)
        try Self.checkText([("--reason", reason)])
        return try write {
            let actor = try actingMember(.purge, key: key)
            let plan = try planUnlocked(yearsAfterEnd: yearsAfterEnd, monthsToDecide: nil, now: now)
            var candidates: [StoredEntry] = []
            for tender in plan.due.map(\.tender) {
                candidates += try db.query(
                    "SELECT \(columns) FROM entries e WHERE kind IN ('dossier', 'tender') AND tender_id = $1 AND NOT EXISTS (SELECT 1 FROM entries t WHERE t.kind = 'tombstone' AND t.subject = e.id) ORDER BY seq",
                    [.text(tender)]
                ).map(Self.entry)
            }
            var tombstones: [StoredEntry] = []
            for entry in candidates.sorted(by: { $0.seq < $1.seq }) {
                var tombstone = try appendMarker(
                    kind: .tombstone, subject: entry, by: actor.person.name, reason: reason, now: now, finish: false)
                try signAndInsert(&tombstone, signer: actor.entry, key: key)
                tombstones.append(tombstone)
                try forgetFiles(of: entry)
            }
            return tombstones
        }
    }

    /// Deletes the dossier's sources, the files attached to decisions on it, the statement of its
    /// award and, with `content`, the dossier itself, each unless an entry that is not forgotten
    /// still holds the same bytes.
    private func forgetFiles(of entry: StoredEntry, content: Bool = true) throws {
        let files = try db.query(
            "SELECT f.sha256 FROM entry_files f JOIN entries e ON e.seq = f.entry_seq WHERE e.seq = $1 OR (e.kind IN ('decision', 'award') AND e.subject = $2)",
            [.integer(Int64(entry.seq)), .text(entry.id)]
        ).compactMap { $0.first?.text }
        for sha in Set((content ? [entry.contentSHA256] : []) + files) where try !isReferencedByLiveDossier(sha) {
            try db.query("DELETE FROM blobs WHERE sha256 = $1", [.text(sha)])
        }
    }

    /// Whether the blob-delete trigger would refuse deleting `sha`: the same condition, asked first.
    private func isReferencedByLiveDossier(_ sha: String) throws -> Bool {
        let row = try db.query(
            "SELECT CASE WHEN " + StoreSchema.blobInUse.replacingOccurrences(of: "OLD.sha256", with: "$1") + " THEN 1 ELSE 0 END",
            [.text(sha)]
        ).first?.first
        return row?.integer == 1 || row?.text == "1"
    }
}
