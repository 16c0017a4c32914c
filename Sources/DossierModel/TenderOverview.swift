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
    public var tender: String
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
