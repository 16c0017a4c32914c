import Foundation

extension Finding {
    /// A stable name for this finding across re-screens: its check, and the content of its evidence
    /// (the file's own name, the element path and the excerpt) and details, not line numbers, which
    /// move when a bidder reformats a file. A decision on a finding applies again to a finding with
    /// the same fingerprint; when the evidence changed, the fingerprint changes and the finding is open.
    public var fingerprint: String {
        var text = "uea-screen/finding/1\n\(check)\n"
        for pointer in evidence {
            let name = URL(fileURLWithPath: pointer.file).lastPathComponent
            text +=
                "\(name.utf8.count):\(name)|\((pointer.path ?? "").utf8.count):\(pointer.path ?? "")|\((pointer.excerpt ?? "").utf8.count):\(pointer.excerpt ?? "")\n"
        }
        for (key, value) in (details ?? [:]).sorted(by: { $0.key < $1.key }) {
            text += "\(key.utf8.count):\(key)=\(value.utf8.count):\(value)\n"
        }
        return SHA256.hex(text)
    }
}

/// A jurist's decision on a finding (or a manual review item) of a dossier.
public enum ReviewDecision: String, Codable, Sendable, CaseIterable {
    /// E.g. self-cleaning measures judged sufficient (Aw 2012 art. 2.87a).
    case accepted
    /// A name match that is another person or entity.
    case falsePositive = "false-positive"
    /// The bidder was asked; open until the due date.
    case needsInformation = "needs-information"
    /// The ground applies: the bidder is excluded.
    case excluded
    case notApplicable = "not-applicable"

    /// Whether the decision resolves the finding (a blocker only by these, with a reason).
    public var resolves: Bool { [.accepted, .falsePositive, .notApplicable].contains(self) }
}

/// A decision as the review sees it: on which finding, by whom, when, why, and from which dossier
/// version it was carried.
public struct ReviewRecord: Codable, Sendable, Equatable {
    /// The finding's fingerprint, or `review.<item>` for a manual review item.
    public var finding: String
    public var check: String
    public var decision: ReviewDecision
    public var reason: String
    public var by: String
    public var at: String
    public var due: String?
    /// The dossier (version) the decision was recorded on.
    public var dossier: String
    /// The entry that records it.
    public var entry: String
    public var attachments: [String]
    public init(
        finding: String, check: String, decision: ReviewDecision, reason: String, by: String, at: String, due: String?, dossier: String,
        entry: String, attachments: [String]
    ) {
        self.finding = finding
        self.check = check
        self.decision = decision
        self.reason = reason
        self.by = by
        self.at = at
        self.due = due
        self.dossier = dossier
        self.entry = entry
        self.attachments = attachments
    }
}

/// A dossier with the decisions on it: each finding open, decided here, or decided on an earlier
/// version with the same evidence; decisions whose finding's evidence changed are shown apart.
public struct ReviewedDossier: Codable, Sendable {
    public struct Item: Codable, Sendable {
        public var fingerprint: String
        public var check: String
        public var severity: Severity
        public var message: Message
        /// The exclusion ground the finding is about (`C18`), when it is about one.
        public var ground: String? = nil
        /// The decision that applies (the latest on this fingerprint), nil when open.
        public var decision: ReviewRecord?
        /// true when that decision was recorded on an earlier version of the dossier.
        public var carried: Bool
    }

    public var dossier: String
    public var bidder: String
    public var tender: String?
    public var outcomeBefore: Outcome
    /// excluded, blocker, attention or clean, after the decisions.
    public var outcomeAfter: Outcome
    public var items: [Item]
    /// Manual review items with their decision, if any.
    public var reviewItems: [Item]
    /// Earlier decisions whose finding is no longer there with the same evidence: the finding is open again.
    public var previousDecisions: [ReviewRecord]

    /// Applies `decisions` (all decisions on every version of this bidder's dossier in this tender, oldest first).
    public init(dossierID: String, dossier: Dossier, decisions: [ReviewRecord]) {
        self.dossier = dossierID
        bidder = dossier.bidder.name
        tender = dossier.tender.id
        outcomeBefore = dossier.summary.outcome
        var latest: [String: ReviewRecord] = [:]
        for decision in decisions { latest[decision.finding] = decision }
        items = dossier.findings.filter { $0.severity != .info }.map { finding in
            let key = finding.fingerprint
            let decision = latest[key]
            return Item(
                fingerprint: key, check: finding.check, severity: finding.severity, message: finding.message,
                ground: finding.details?["ground"], decision: decision, carried: decision.map { $0.dossier != dossierID } ?? false)
        }
        reviewItems = dossier.review.map { item in
            let decision = latest[item.id]
            return Item(
                fingerprint: item.id, check: item.id, severity: .attention, message: Message(nl: item.nl, en: item.en), decision: decision,
                carried: decision.map { $0.dossier != dossierID } ?? false)
        }
        let present = Set(items.map(\.fingerprint) + reviewItems.map(\.fingerprint))
        previousDecisions = latest.values.filter { !present.contains($0.finding) }.sorted { $0.at < $1.at }
        if items.contains(where: { $0.decision?.decision == .excluded }) {
            outcomeAfter = .excluded
        } else {
            let open = items.filter { !($0.decision?.decision.resolves ?? false) }
            outcomeAfter = .of(blocker: open.count { $0.severity == .blocker }, attention: open.count { $0.severity == .attention })
        }
    }

    /// Open findings per family (blocker and attention).
    public var openByFamily: [String: Int] {
        var counts: [String: Int] = [:]
        for item in items where !(item.decision?.decision.resolves ?? false) && item.decision?.decision != .excluded {
            counts[String(item.check.prefix { $0 != "." }), default: 0] += 1
        }
        return counts
    }
}
