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

/// A decision on a finding (or a manual review item) of a dossier. Each word says what was decided,
/// so that a decision on a mandatory ground cannot be read two ways (finding confirmed, or measures
/// accepted?).
public enum ReviewDecision: String, Codable, Sendable, CaseIterable {
    /// Self-cleaning measures assessed and judged sufficient (Aw 2012 art. 2.87a; Dir. art. 57(6)).
    case measuresAccepted = "measures-accepted"
    /// The ground applies: the bidder is excluded (Aw 2012 art. 2.86–2.87, 2.130).
    case groundConfirmed = "ground-confirmed"
    /// The ground does not apply (not announced, out of its period, answered wrongly and corrected).
    case groundNotApplicable = "ground-not-applicable"
    /// A name-match hit on a list or register that is another person or entity (identity evidence kept).
    case notTheListedParty = "not-the-listed-party"
    /// A motivated deviation from the Inkoopkader (confirmed by the Secretaris).
    case deviationApproved = "deviation-approved"
    /// A duty on the tender documents met by recording why (e.g. why a clause was omitted).
    case justificationRecorded = "justification-recorded"
    /// The bidder was asked; open until the due date.
    case needsInformation = "needs-information"
    // The words of earlier releases: still read from stores and bundles, never recorded again.
    case accepted
    case falsePositive = "false-positive"
    case notApplicable = "not-applicable"
    case excluded

    /// The words a decision may be recorded with today.
    public static let current: [ReviewDecision] = allCases.filter { !$0.isLegacy }

    public var isLegacy: Bool { [.accepted, .falsePositive, .notApplicable, .excluded].contains(self) }

    /// Whether the decision resolves the finding (a blocker only once confirmed, see `Mandate`).
    public var resolves: Bool {
        [
            .measuresAccepted, .groundNotApplicable, .notTheListedParty, .deviationApproved, .justificationRecorded, .accepted,
            .falsePositive, .notApplicable,
        ].contains(self)
    }

    /// Whether the decision excludes the bidder.
    public var excludes: Bool { self == .groundConfirmed || self == .excluded }
}

/// A decision as the review sees it: on which finding, by whom (name and authenticated account),
/// when, why, from which dossier version it was carried, and who confirmed it.
public struct ReviewRecord: Codable, Sendable, Equatable {
    /// The second person's confirmation of a decision on a blocker.
    public struct Confirmation: Codable, Sendable, Equatable {
        public var by: String
        public var account: String?
        public var at: String
        public var entry: String
        public var reason: String
        public init(by: String, account: String?, at: String, entry: String, reason: String) {
            self.by = by
            self.account = account
            self.at = at
            self.entry = entry
            self.reason = reason
        }
    }

    /// The finding's fingerprint, or `review.<item>` for a manual review item.
    public var finding: String
    public var check: String
    public var decision: ReviewDecision
    public var reason: String
    public var by: String
    /// The authenticated account that recorded it (nil: a release before accounts were recorded).
    public var account: String? = nil
    /// Whether the entry carries its decider's signature (checked by verify).
    public var signed: Bool = false
    public var at: String
    public var due: String?
    /// The dossier (version) the decision was recorded on.
    public var dossier: String
    /// The entry that records it.
    public var entry: String
    public var attachments: [String]
    /// The elements the decision states (the three of self-cleaning, the hearing, the identity
    /// evidence); nil when it has none, or when they could not be read (see `contentWithheld`).
    public var content: DecisionContent? = nil
    /// The content is kept sealed and this reader may not open it (no data key, or a role that may not
    /// read criminal-law data): why, in one line.
    public var contentWithheld: String? = nil
    public var confirmation: Confirmation? = nil
    /// Set by the review: the decision is on a blocker and waits for a second person's confirmation.
    public var awaitingConfirmation: Bool = false
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
        /// The finding's legal basis as the dossier stores it (a review item's own basis).
        public var legalBasis: String? = nil
        /// The decision that applies (the latest on this fingerprint), nil when open.
        public var decision: ReviewRecord?
        /// true when that decision was recorded on an earlier version of the dossier.
        public var carried: Bool
        /// The decision needs a second person's confirmation and has none yet: the finding stays open.
        public var awaitingConfirmation: Bool = false

        /// The decision that applies, nil while open or awaiting confirmation.
        public var effective: ReviewDecision? { awaitingConfirmation ? nil : decision?.decision }
        public var isOpen: Bool { !(effective?.resolves ?? false) && !(effective?.excludes ?? false) }
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
        self.init(
            dossierID: dossierID, bidder: dossier.bidder.name, tender: dossier.tender.id, outcome: dossier.summary.outcome,
            findings: dossier.findings, review: dossier.review, decisions: decisions)
    }

    /// The tender's own dossier with the decisions on its findings (every version, oldest first);
    /// `bidder` is empty: the findings concern the tender documents, not a bidder.
    public init(dossierID: String, tender: TenderDossier, decisions: [ReviewRecord]) {
        self.init(
            dossierID: dossierID, bidder: "", tender: tender.tender.id, outcome: tender.summary.outcome, findings: tender.findings,
            review: [], decisions: decisions)
    }

    init(
        dossierID: String, bidder: String, tender: String?, outcome: Outcome, findings: [Finding], review: [Dossier.ReviewItem],
        decisions: [ReviewRecord]
    ) {
        self.dossier = dossierID
        self.bidder = bidder
        self.tender = tender
        outcomeBefore = outcome
        var latest: [String: ReviewRecord] = [:]
        for decision in decisions { latest[decision.finding] = decision }
        items = findings.filter { $0.severity != .info }.map { finding in
            let key = finding.fingerprint
            var decision = latest[key]
            let awaits = Self.awaits(decision, severity: finding.severity)
            decision?.awaitingConfirmation = awaits
            return Item(
                fingerprint: key, check: finding.check, severity: finding.severity, message: finding.message,
                ground: finding.details?["ground"], legalBasis: finding.legalBasis, decision: decision,
                carried: decision.map { $0.dossier != dossierID } ?? false,
                awaitingConfirmation: awaits)
        }
        reviewItems = review.map { item in
            let decision = latest[item.id]
            return Item(
                fingerprint: item.id, check: item.id, severity: .attention, message: Message(nl: item.nl, en: item.en),
                legalBasis: item.basis, decision: decision,
                carried: decision.map { $0.dossier != dossierID } ?? false)
        }
        let present = Set(items.map(\.fingerprint) + reviewItems.map(\.fingerprint))
        previousDecisions = latest.values.filter { !present.contains($0.finding) }.sorted { $0.at < $1.at }
        outcomeAfter = Self.outcome(items)
    }

    /// Four eyes: a decision on a blocker takes effect only with a second person's confirmation.
    static func awaits(_ decision: ReviewRecord?, severity: Severity) -> Bool {
        guard let decision else { return false }
        return Mandate.needsConfirmation(decision.decision, on: severity) && decision.confirmation == nil
    }

    /// Excluded by a decision that applies; else the open items decide.
    static func outcome(_ items: [Item]) -> Outcome {
        if items.contains(where: { $0.effective?.excludes == true }) { return .excluded }
        let open = items.filter(\.isOpen)
        return .of(blocker: open.count { $0.severity == .blocker }, attention: open.count { $0.severity == .attention })
    }

    /// Open findings per family (blocker and attention).
    public var openByFamily: [String: Int] {
        var counts: [String: Int] = [:]
        for item in items where item.isOpen {
            counts[String(item.check.prefix { $0 != "." }), default: 0] += 1
        }
        return counts
    }
}
