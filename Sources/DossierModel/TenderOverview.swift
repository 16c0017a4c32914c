/// The tender overview a jurist attaches to the award advice (gunningsadvies): every bidder's
/// outcome before and after review, open items per family, who decided what, the lists and rule
/// data used, and the store's head hash to write into the case file. Data only: the store builds it
/// (`TenderOverview.build`), Reports writes it as a page.
public struct TenderOverview: Codable, Sendable {
    public struct Row: Codable, Sendable {
        public var bidder: String
        public var dossier: String
        public var screenedAt: String
        public var outcomeBefore: Outcome
        public var outcomeAfter: Outcome
        public var openByFamily: [String: Int]
        public var decisions: [ReviewRecord]
        public var previousDecisions: [ReviewRecord]
        public var lists: [String]
        public var ruleData: String
        public var purged: Bool
        /// The items still open (blocker and attention), each with its text and legal basis: the
        /// advice names them by content, not by family.
        public var openItems: [OpenItem] = []
        /// The legal bases behind the outcome after review: of the findings an exclusion rests on
        /// when excluded, of the open blockers while blocked; empty otherwise.
        public var outcomeBasis: [String] = []
        /// The lists screened against, with their dates (as the dossier records them).
        public var listsUsed: [WatchlistVersion] = []
        /// Files of the bid that were refused (backup copies, links): the bid was not read in full.
        public var refusedFiles: [String] = []
        /// The finding each decision is about, by the finding's fingerprint (`ReviewRecord.finding`),
        /// with its text and legal basis: the advice names the ground a decision applies, not a check id.
        public var decidedFindings: [String: OpenItem] = [:]

        public init(
            bidder: String, dossier: String, screenedAt: String, outcomeBefore: Outcome, outcomeAfter: Outcome,
            openByFamily: [String: Int], decisions: [ReviewRecord], previousDecisions: [ReviewRecord], lists: [String],
            ruleData: String, purged: Bool
        ) {
            self.bidder = bidder
            self.dossier = dossier
            self.screenedAt = screenedAt
            self.outcomeBefore = outcomeBefore
            self.outcomeAfter = outcomeAfter
            self.openByFamily = openByFamily
            self.decisions = decisions
            self.previousDecisions = previousDecisions
            self.lists = lists
            self.ruleData = ruleData
            self.purged = purged
        }
    }
    public struct OpenItem: Codable, Sendable {
        public var severity: Severity
        public var check: String
        public var message: Message
        public var legalBasis: String
        public init(severity: Severity, check: String, message: Message, legalBasis: String) {
            self.severity = severity
            self.check = check
            self.message = message
            self.legalBasis = legalBasis
        }
    }
    /// A recorded award (`dossier award`): who won, who recorded it, when, why.
    public struct Award: Codable, Sendable {
        public var bidder: String
        public var dossier: String
        public var by: String
        public var at: String
        public var reason: String?
        public init(bidder: String, dossier: String, by: String, at: String, reason: String?) {
            self.bidder = bidder
            self.dossier = dossier
            self.by = by
            self.at = at
            self.reason = reason
        }
    }

    public var tender: String
    /// The tender as the advice names it: from its own dossier, else from a bidder's.
    public var tenderName: String? = nil
    public var authority: String? = nil
    /// The reference date (peildatum) of evidence ages and exclusion periods.
    public var referenceDate: String? = nil
    /// The awards recorded in the store; empty before the award.
    public var awards: [Award] = []
    /// When the tender was cancelled (`dossier cancel`), if it was.
    public var cancelledAt: String? = nil
    /// Until when the dossiers are kept: the award (or cancellation) plus the retention period of
    /// the rule data; nil while neither is recorded.
    public var retentionEnd: String? = nil
    /// The tender's own findings (procedure, thresholds, duties on the tender documents), from its latest stored tender dossier.
    public var tenderFindings: [Finding]
    public var tenderDossier: String?
    /// The tender's own findings with the decisions on them (nil without a tender dossier, or when purged).
    public var tenderReview: ReviewedDossier?
    public var generatedAt: String
    public var storeHead: String
    public var rows: [Row]

    public init(
        tender: String, tenderFindings: [Finding], tenderDossier: String?, tenderReview: ReviewedDossier? = nil, generatedAt: String,
        storeHead: String, rows: [Row]
    ) {
        self.tender = tender
        self.tenderFindings = tenderFindings
        self.tenderDossier = tenderDossier
        self.tenderReview = tenderReview
        self.generatedAt = generatedAt
        self.storeHead = storeHead
        self.rows = rows
    }
}

/// What an award decision states (domain §9b "Award"; Aw 2012 art. 2.86–2.87, 2.130): the intended
/// winner, and for every other bidder of the tender its outcome after review with the articles it
/// rests on and the decisions behind it. Kept as a file of the award entry, so the signed entry
/// covers it and an auditor reads what was known when the award was recorded.
public struct AwardStatement: Codable, Sendable, Equatable {
    public struct Bidder: Codable, Sendable, Equatable {
        public var bidder: String
        public var dossier: String
        public var outcome: Outcome
        /// The legal bases of the outcome: of the findings an exclusion rests on, of the open blockers.
        public var basis: [String]
        /// The decision entries (and their confirmations) on the bidder's findings.
        public var decisions: [String]
        public init(bidder: String, dossier: String, outcome: Outcome, basis: [String], decisions: [String]) {
            self.bidder = bidder
            self.dossier = dossier
            self.outcome = outcome
            self.basis = basis
            self.decisions = decisions
        }
    }

    public var tender: String
    public var winner: Bidder
    public var others: [Bidder]

    public init(tender: String, winner: Bidder, others: [Bidder]) {
        self.tender = tender
        self.winner = winner
        self.others = others
    }

    public static let fileRole = "award-statement"
    public static let fileName = "gunning.json"
}
