import DossierModel
import ESPD

/// One rule. Each lives in its own file under Checks/<family>/, with its id, the legal basis
/// it enforces, the rule-data files it reads, its messages, and a triggering and a
/// non-triggering example that the tests run.
public protocol Check: Sendable {
    /// `family.rule`, stable across releases.
    var id: String { get }
    /// The most severe finding it can give.
    var severity: Severity { get }
    var legalBasis: String { get }
    /// What it checks, in one line (English).
    var summary: String { get }
    /// Files of checklists/ it reads.
    var dataFiles: [String] { get }
    func run(_ context: ScreeningContext) -> [Finding]
    /// Whether the check concerns a bidder (run per bidder) or the tender itself (run once, into the
    /// tender dossier: procedure, thresholds, the policy's duties on the tender documents).
    var subject: CheckSubject { get }
    /// Whether the check also runs on the ESPD of every other entity of the bid (members,
    /// relied-upon entities, subcontractors): the ESPD and exclusion checks do.
    var perEntity: Bool { get }
    /// Mutations of a clean context: one must trigger the check, the other must not.
    var examples: CheckExamples { get }
}

extension Check {
    public var family: String { String(id.prefix { $0 != "." }) }

    public var perEntity: Bool { false }

    public var subject: CheckSubject { .bidder }

    /// A finding of this check. Only findings derived from convictions (or from a Bibob advice)
    /// are criminal-law data (AVG art. 10); the checks that make them say so.
    func finding(_ severity: Severity? = nil, nl: String, en: String, evidence: [EvidencePointer],
                 details: [String: String]? = nil, criminalData: Bool? = nil) -> Finding {
        Finding(check: id, family: family, severity: severity ?? self.severity, legalBasis: legalBasis,
                message: Message(nl: nl, en: en), evidence: evidence, details: details, criminalData: criminalData)
    }
}

/// What a check is about: a bidder's dossier or the tender's.
public enum CheckSubject: String, Sendable { case bidder, tender }

public struct CheckExamples: Sendable {
    public var triggering: @Sendable (inout ScreeningContext) -> Void
    public var nonTriggering: @Sendable (inout ScreeningContext) -> Void

    public init(triggering: @escaping @Sendable (inout ScreeningContext) -> Void,
                nonTriggering: @escaping @Sendable (inout ScreeningContext) -> Void) {
        self.triggering = triggering
        self.nonTriggering = nonTriggering
    }
}

/// What a check sees: one bidder, the tender, the rule data and the reference date.
public struct ScreeningContext: Sendable {
    public var submission: Submission
    public var tender: TenderContext
    public var tenderFilePath: String?
    /// The ESPD request of the tender, when given.
    public var request: ESPDDocument?
    public var rules: RuleBook
    public var matcher: NameMatcher
    /// The date evidence ages and exclusion windows are measured at.
    public var referenceDate: Day
    public var referenceDateSource: String
    /// Sanctions and forced-labour watchlists of this run, nil when none were loaded.
    public var sanctions: SanctionsIndex?
    /// Line of each top-level key of the tender file, read once for evidence pointers.
    let tenderFileLines: [String: Int]
    /// The names of the bid (the bidder's), kept when a context is derived for another entity of
    /// the bid: the tender names the intended winner by its bid, not by each member.
    let bidNames: [String]

    public init(submission: Submission, tender: TenderContext, tenderFilePath: String?, request: ESPDDocument?, rules: RuleBook,
                sanctions: SanctionsIndex? = nil, today: Day = .today(), tenderFileLines: [String: Int]? = nil) {
        self.submission = submission
        self.bidNames = [submission.displayName, submission.espd.economicOperator?.name].compactMap { $0 }
        self.sanctions = sanctions
        self.tenderFileLines = tenderFileLines ?? tenderFilePath.map { Submission.topLevelKeyLines($0) } ?? [:]
        self.tender = tender
        self.tenderFilePath = tenderFilePath
        self.request = request
        self.rules = rules
        self.matcher = NameMatcher(rules: rules.names)
        if let deadline = tender.submissionDeadline {
            referenceDate = deadline; referenceDateSource = "tender.submissionDeadline"
        } else {
            referenceDate = today; referenceDateSource = "today (no submissionDeadline in the tender file)"
        }
    }

    public var espd: ESPDDocument { submission.espd }

    /// Pointer at a criterion of the bidder's ESPD.
    func pointer(_ criterion: Criterion) -> EvidencePointer {
        EvidencePointer(file: criterion.source ?? espd.source, line: criterion.line, path: criterion.path, excerpt: criterion.ground.map { "\($0) \(criterion.codeShort ?? criterion.code ?? "")" })
    }

    func pointer(_ answer: Answer, in document: ESPDDocument? = nil) -> EvidencePointer {
        EvidencePointer(file: (document ?? espd).source, line: answer.line, path: answer.path, excerpt: answer.question)
    }

    /// Pointer into tender.yaml at a field.
    func tenderPointer(_ key: String, excerpt: String? = nil) -> EvidencePointer {
        EvidencePointer(file: tenderFilePath ?? "(no tender file)", line: tenderFileLines[key], path: key, excerpt: excerpt)
    }

    /// The criterion of `ground`; when the response declares it more than once, the copy under
    /// which the ground applies (a duplicate must not hide a "yes"; the duplicate itself is
    /// `espd.altered-structure`).
    func criterion(_ ground: String) -> Criterion? {
        let copies = espd.criteria.filter { $0.ground == ground }
        return copies.first { $0.groundApplies == true } ?? copies.first { $0.answer != nil } ?? copies.first
    }

    /// The tender's CPV codes, or the ESPD's when the tender file gives none.
    var cpvCodes: [String] { tender.cpv.isEmpty ? espd.procurement.cpv : tender.cpv }
}
