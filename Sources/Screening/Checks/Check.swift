import DossierModel
import ESPD
import Names
import RuleData

/// One rule. Each lives in its own file under Checks/<family>/, with its id, the legal basis
/// it enforces, the rule-data files it reads, its messages, and triggering and non-triggering
/// examples that the tests run.
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
    /// The legal effect behind its severities, in one line (English): when each severity applies and
    /// what it means for the award. The README's check table is generated from it.
    var legalEffect: String { get }
    /// `summary` in Dutch, as `rules --lang nl` prints it (a lawyer files it unchanged).
    var dutchSummary: String { get }
    /// `legalEffect` in Dutch, citing as the Dutch report cites (`Richtlijn 2014/24/EU art. 57 lid 1`).
    var dutchLegalEffect: String { get }
    /// Which ESPDs of a bid it runs on besides the bidder's own.
    var entities: EntityScope { get }
    /// What a finding of this check about another entity of the bid means for the bid: a ground
    /// established for a member, a relied-upon entity or a subcontractor weighs by that role
    /// (`EntityInBid`). Nil: the finding keeps its severity and text, naming the entity.
    var groundAtEntity: GroundAtEntity? { get }
    /// Whether a tender may make it a knock-out in its documents (`knockOuts:` in tender.yaml).
    var mayBeKnockOut: Bool { get }
    /// Whether its findings rest on a name match (a list entry, a person): each hit is decided on
    /// its own, and never excluded on the match alone (AVG art. 22; Reg. (EU) 269/2014 art. 2).
    var findsByNameMatch: Bool { get }
    /// What its findings cite below the EU thresholds, where its `legalBasis` is the directive or
    /// part 2 of the Aw 2012 (which apply only at or above them); nil when its basis holds in both
    /// regimes. `LegalRegime` applies it (and adds the ARW 2016 for works).
    var nationalLegalBasis: String? { get }
    /// Mutations of a clean context that must and must not trigger the check.
    var examples: CheckExamples { get }
}

extension Check {
    public var family: String { String(id.prefix { $0 != "." }) }

    public var entities: EntityScope { .bidderOnly }

    public var groundAtEntity: GroundAtEntity? { nil }

    public var mayBeKnockOut: Bool { false }

    public var findsByNameMatch: Bool { false }

    public var nationalLegalBasis: String? { nil }

    public var subject: CheckSubject { .bidder }

    /// A finding of this check. Only findings derived from convictions (or from a Bibob advice)
    /// are criminal-law data (AVG art. 10); the checks that make them say so.
    /// `legalBasis` replaces the check's own where a finding rests on another basis the check's
    /// description names (a US forced-labour list hit under `sanctions.listed-party`).
    func finding(
        _ severity: Severity? = nil, nl: String, en: String, evidence: [EvidencePointer],
        details: [String: String]? = nil, criminalData: Bool? = nil, legalBasis: String? = nil
    ) -> Finding {
        Finding(
            check: id, family: family, severity: severity ?? self.severity, legalBasis: legalBasis ?? self.legalBasis,
            message: Message(nl: nl, en: en), evidence: evidence, details: details, criminalData: criminalData)
    }
}

/// What a check is about: a bidder's dossier or the tender's.
public enum CheckSubject: String, Sendable { case bidder, tender }

/// The ESPDs of a bid a bidder check runs on.
public enum EntityScope: String, Sendable, CaseIterable {
    /// The bidder's own ESPD only.
    case bidderOnly = "bidder"
    /// Every ESPD of the bid: members, relied-upon entities, subcontractors (the ESPD reading and
    /// exclusion checks: every entity answers the exclusion grounds for itself).
    case everyEntity = "every-entity"
    /// The bidder's and those of the entities that answer for their own supporting documents:
    /// members, relied-upon entities and a second ESPD of the bidder itself (`entities[]` in
    /// bidder.yaml); subcontractors are not asked for them.
    case withOwnEvidence = "with-own-evidence"
}

/// The exclusion ground a finding establishes for another entity of the bid, by its severity.
public enum GroundAtEntity: String, Sendable {
    /// A blocker is a mandatory ground established for the entity (a conviction, or taxes with a
    /// final and binding decision).
    case mandatoryWhenBlocker = "mandatory-when-blocker"
    /// An attention finding is an optional ground established for the entity.
    case optionalWhenAttention = "optional-when-attention"

    /// Whether `finding` establishes a ground, and which.
    public func ground(of finding: Finding) -> EntityGround? {
        switch self {
        case .mandatoryWhenBlocker: finding.severity == .blocker ? .mandatory : nil
        case .optionalWhenAttention: finding.severity == .attention ? .optional : nil
        }
    }
}

/// A mandatory or optional exclusion ground established for an entity of the bid.
public enum EntityGround: Sendable { case mandatory, optional }

/// One example of a check, as SwiftLint describes its rules: a mutation of the clean sample bidder
/// and where each finding it must give points.
public struct CheckExample: Sendable {
    /// What the example shows, in one line (English).
    public var what: String
    public var mutate: @Sendable (inout ScreeningContext) -> Void
    /// One entry per finding, in the check's order: the first evidence pointer of that finding,
    /// exactly, written `file:line:path` (file name only; `file:path` where the pointer has no line,
    /// as for a value the reader keeps without one). Empty for a non-triggering example.
    public var at: [String]

    /// An example that must give one finding per `at` location.
    public static func fires(_ what: String, at: String..., mutate: @escaping @Sendable (inout ScreeningContext) -> Void) -> CheckExample {
        CheckExample(what: what, mutate: mutate, at: at)
    }

    /// An example that must give no finding.
    public static func quiet(_ what: String, _ mutate: @escaping @Sendable (inout ScreeningContext) -> Void) -> CheckExample {
        CheckExample(what: what, mutate: mutate, at: [])
    }

    /// Where a finding points, as `at` is written.
    public static func location(_ finding: Finding) -> String {
        guard let pointer = finding.evidence.first else { return "" }
        let file = pointer.file.split(separator: "/").last.map(String.init) ?? pointer.file
        return "\(file):\(pointer.line.map { "\($0):" } ?? "")\(pointer.path ?? "")"
    }
}

/// The examples of a check: at least two that trigger it and two that do not (a test holds every
/// check to that).
public struct CheckExamples: Sendable {
    public var triggering: [CheckExample]
    public var nonTriggering: [CheckExample]

    public init(triggering: [CheckExample], nonTriggering: [CheckExample]) {
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
    /// The day of screening (in the Netherlands): no document can be dated after it.
    public var today: Day
    /// Sanctions and forced-labour watchlists of this run, nil when none were loaded.
    public var sanctions: SanctionsIndex?
    /// Line of each top-level key of the tender file, read once for evidence pointers.
    let tenderFileLines: [String: Int]
    /// The names of the bid (the bidder's), kept when a context is derived for another entity of
    /// the bid: the tender names the intended winner by its bid, not by each member.
    let bidNames: [String]
    /// Earlier bidders of the same run (in input order) that are the same party as this one: the
    /// same KvK number or the same name (`espd.duplicate-bidder`); set by `BatchScreening`.
    public var sameBidderEarlier: [DuplicateBidder] = []
    /// The tender's eForms notice and what it establishes for the tender file (tender dossier only).
    public var notice: NoticeTender?

    public init(
        submission: Submission, tender: TenderContext, tenderFilePath: String?, request: ESPDDocument?, rules: RuleBook,
        sanctions: SanctionsIndex? = nil, today: Day = .today(), tenderFileLines: [String: Int]? = nil
    ) {
        self.submission = submission
        self.bidNames = [submission.displayName, submission.espd.economicOperator?.name].compactMap { $0 }
        self.sanctions = sanctions
        self.tenderFileLines = tenderFileLines ?? tenderFilePath.map { YAMLFile.topLevelKeyLines($0) } ?? [:]
        self.tender = tender
        self.tenderFilePath = tenderFilePath
        self.request = request
        self.rules = rules
        self.matcher = NameMatcher(rules: rules.names)
        self.today = today
        if let deadline = tender.submissionDeadline {
            referenceDate = deadline
            referenceDateSource = "tender.submissionDeadline"
        } else {
            referenceDate = today
            referenceDateSource = "today (no submissionDeadline in the tender file)"
        }
    }

    public var espd: ESPDDocument { submission.espd }

    /// Pointer at a criterion of the bidder's ESPD.
    func pointer(_ criterion: Criterion) -> EvidencePointer {
        EvidencePointer(
            file: criterion.source ?? espd.source, line: criterion.line, path: criterion.path,
            excerpt: criterion.ground.map { "\($0) \(criterion.codeShort ?? criterion.code ?? "")" })
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

    /// The CPV codes the bid is screened under: those of the lots it was submitted for (`lots` in
    /// bidder.yaml, the authority's record) when each has its own; else the whole tender's (its own
    /// and every lot's); else the ESPD request's; the bidder's ESPD only when nothing else gives any.
    var cpvCodes: [String] {
        if let lots = bidLots, lots.narrows, lots.registered.allSatisfy({ !$0.cpv.isEmpty }) {
            return Self.unique(lots.registered.flatMap(\.cpv))
        }
        let whole = Self.unique(tender.cpv + tender.lots.flatMap(\.cpv))
        if !whole.isEmpty { return whole }
        if let requested = request?.procurement.cpv, !requested.isEmpty { return requested }
        return espd.procurement.cpv
    }

    /// The lots of a tender divided into lots, as the bid is for them; nil when the tender has none.
    var bidLots: BidLots? {
        guard !tender.lots.isEmpty else { return nil }
        func lots(_ ids: [String]) -> (known: [TenderContext.Lot], unknown: [String]) {
            var known: [TenderContext.Lot] = []
            var unknown: [String] = []
            for id in ids {
                guard let key = TenderContext.Lot.key(id) else { continue }
                if let lot = tender.lots.first(where: { TenderContext.Lot.key($0.id) == key }) {
                    if !known.contains(lot) { known.append(lot) }
                } else if !unknown.contains(id) {
                    unknown.append(id)
                }
            }
            return (known, unknown)
        }
        let registered = lots(submission.bidder.lots ?? [])
        let declared = lots(espd.procurement.lots)
        return BidLots(
            registered: registered.known, registeredUnknown: registered.unknown, declared: declared.known,
            declaredUnknown: declared.unknown, recorded: submission.bidder.lots != nil)
    }

    static func unique(_ codes: [String]) -> [String] {
        var seen = Set<String>()
        return codes.filter { seen.insert($0).inserted }
    }
}

/// The lots a bid is for, in a tender divided into lots: as the authority registered them
/// (`lots` in bidder.yaml) and as the bidder's ESPD declares them (`ProcurementProjectLot`).
public struct BidLots: Sendable, Equatable {
    /// The tender's lots bidder.yaml names.
    public var registered: [TenderContext.Lot]
    /// What bidder.yaml names that is no lot of the tender.
    public var registeredUnknown: [String]
    /// The tender's lots the ESPD names (`LOT-0000`, "not divided", is no lot).
    public var declared: [TenderContext.Lot]
    /// What the ESPD names that is no lot of the tender.
    public var declaredUnknown: [String]
    /// Whether bidder.yaml records the lots at all.
    public var recorded: Bool

    /// Whether the screening narrows to the registered lots: bidder.yaml names at least one lot and
    /// only lots of the tender. The ESPD's list alone never narrows it (the bidder writes it).
    public var narrows: Bool { !registered.isEmpty && registeredUnknown.isEmpty }
}

/// An earlier bidder of the same run that is the same party: its folder and what they share.
public struct DuplicateBidder: Sendable, Equatable {
    public var location: String
    public var name: String
    /// `kvk 12345678` or `name zonnebouwflevolandbv`.
    public var sharedKey: String

    public init(location: String, name: String, sharedKey: String) {
        self.location = location
        self.name = name
        self.sharedKey = sharedKey
    }
}
