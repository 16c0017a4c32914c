import DossierModel
import EForms
import ESPD
import RuleData

/// What an eForms notice establishes for a tender file, each value with the field and line it
/// comes from; what the notice leaves open; and what uea-screen does not apply to it. Used to write
/// `tender.yaml` (`init --notice`) and to compare one with its notice (`tender check`, the
/// `notice.*` checks).
public struct NoticeTender: Sendable {
    public var notice: TenderNotice
    /// The tender's reference: the buyer's internal reference (BT-22), else the procedure
    /// identifier (BT-04); the other goes to `otherReferences`.
    public var id: NoticeValue<String>?
    public var otherReferences: [NoticeValue<String>]
    public var name: NoticeValue<String>?
    public var authorityName: NoticeValue<String>?
    public var authorityKind: NoticeValue<TenderContext.AuthorityKind>?
    public var type: NoticeValue<TenderContext.ContractType>?
    public var estimatedValue: NoticeValue<Double>?
    public var procedure: NoticeValue<ProcedureKind>?
    public var launchDate: NoticeValue<Day>?
    public var submissionDeadline: NoticeValue<Day>?
    public var stage: TenderContext.Stage
    /// CPV codes of the procedure and its lots (eight digits: a notice carries no check digit).
    public var cpv: [NoticeValue<String>]
    /// The optional grounds the notice announces (C9–C24); nil when the notice lists no grounds
    /// (BT-806 then says where they are stated).
    public var optionalGrounds: [NoticeValue<String>]?
    /// Winners of an award notice.
    public var winners: [TenderNotice.Winner]
    /// What the user must know: a regime whose rules uea-screen does not apply, another currency,
    /// grounds without an ESPD criterion, withheld fields, lots with different deadlines.
    public var notes: [String]
    /// Tender-file keys the notice does not give, with why; `init --notice` needs them by `--set`.
    public var missing: [(key: String, why: String)]

    /// The keys a written tender file must have (the screening's thresholds, dates and scope).
    public static let requiredKeys = ["id", "type", "estimatedValue", "procedure", "launchDate", "submissionDeadline", "authority.kind"]

    /// Reads what `notice` says for a tender file; a notice of a kind with nothing to screen
    /// (prior information only, modification, completion, registration) is refused with its line.
    public static func read(_ notice: TenderNotice, dictionary: NoticeDictionary) throws -> NoticeTender {
        guard notice.kind != .other else {
            throw InputError(
                file: notice.source, line: notice.noticeType.line,
                message:
                    "notice type '\(notice.noticeType.value)' is not a call for competition or an award notice; it has no bids to screen. Give the tender's contract notice (cn-*, pin-cfc-*) or its award notice (can-*, veat)"
            )
        }
        var facts = NoticeTender(
            notice: notice, id: notice.internalReference ?? notice.procedureIdentifier, otherReferences: [], name: notice.title,
            authorityName: notice.buyers.compactMap(\.name).first, authorityKind: nil, type: nil, estimatedValue: nil, procedure: nil,
            launchDate: notice.dispatchDate, submissionDeadline: notice.earliestDeadline,
            stage: notice.kind == .result ? .award : .submission, cpv: notice.allCPV, optionalGrounds: nil, winners: notice.winners,
            notes: [], missing: [])
        if notice.internalReference != nil, let identifier = notice.procedureIdentifier,
            identifier.value != notice.internalReference?.value
        {
            facts.otherReferences = [identifier]
        }
        facts.readRegime(dictionary)
        facts.readAuthority(dictionary)
        facts.readType(dictionary)
        facts.readValue()
        facts.readDeadlines()
        facts.readGrounds()
        facts.readWithheld()
        facts.collectMissing()
        return facts
    }

    /// The legal basis (BT-01) gives the procedure: europees under a directive, nationaal otherwise.
    mutating func readRegime(_ dictionary: NoticeDictionary) {
        let basis = notice.legalBasis
        guard let regime = dictionary.legalBases[basis.value] else {
            notes.append("legal basis '\(basis.value)' (\(basis.origin)) is not one eforms.yaml knows; procedure is left for you")
            return
        }
        if let note = regime.note { notes.append(note) }
        if let procedure = regime.procedure.flatMap(ProcedureKind.init(rawValue:)) { self.procedure = basis.map { _ in procedure } }
        if let type = regime.type.flatMap(TenderContext.ContractType.init(rawValue:)) { self.type = basis.map { _ in type } }
    }

    /// The buyers' legal types (BT-11): central when any buyer is a central government authority
    /// (the lower thresholds: the stricter reading of a joint procurement).
    mutating func readAuthority(_ dictionary: NoticeDictionary) {
        let kinds = notice.buyers.compactMap(\.legalType).map { type in
            (type, dictionary.buyerLegalTypes[type.value].flatMap(TenderContext.AuthorityKind.init(rawValue:)))
        }
        for (type, kind) in kinds where kind == nil {
            notes.append(
                "buyer legal type '\(type.value)' (\(type.origin)) is not a contracting authority of Directive 2014/24/EU; authority.kind is left for you"
            )
        }
        let mapped = kinds.compactMap { type, kind in kind.map { kind in type.map { _ in kind } } }
        authorityKind = mapped.first { $0.value == .central } ?? (kinds.allSatisfy { $0.1 != nil } ? mapped.first : nil)
    }

    /// The contract type: fixed by the legal basis (concession), else social services for the
    /// light-regime forms, else the main nature (BT-23), else the lots' nature when they agree.
    mutating func readType(_ dictionary: NoticeDictionary) {
        if type != nil { return }
        if notice.noticeType.value.hasSuffix("-social") {
            type = notice.noticeType.map { _ in .socialeDiensten }
            return
        }
        func mapped(_ nature: NoticeValue<String>) -> NoticeValue<TenderContext.ContractType>? {
            dictionary.contractNatures[nature.value].flatMap(TenderContext.ContractType.init(rawValue:)).map { type in
                nature.map { _ in type }
            }
        }
        if let nature = notice.contractNature {
            type = mapped(nature)
            return
        }
        let natures = notice.lots.compactMap(\.nature)
        if let first = natures.first, natures.allSatisfy({ $0.value == first.value }) { type = mapped(first) }
    }

    /// The estimated value (BT-27) in euro: the procedure's, else the lots' sum when every lot
    /// gives one. Another currency is not converted.
    mutating func readValue() {
        if let value = notice.estimatedValue {
            guard value.value.currency == "EUR" else {
                notes.append(
                    "the estimated value (\(value.origin)) is in \(value.value.currency); tender.yaml needs euro excl. btw, which uea-screen does not convert"
                )
                return
            }
            estimatedValue = value.map(\.amount)
            return
        }
        let lots = notice.lots.compactMap(\.estimatedValue)
        guard !lots.isEmpty, lots.count == notice.lots.count, lots.allSatisfy({ $0.value.currency == "EUR" }) else { return }
        let sum = lots.map(\.value.amount).reduce(0, +)
        estimatedValue = NoticeValue(sum, field: "BT-27-Lot (sum of \(lots.count) lots)", line: lots[0].line)
    }

    /// Lots with different deadlines: the earliest is the reference date, and the user is told.
    mutating func readDeadlines() {
        let deadlines = Set(notice.lots.compactMap(\.submissionDeadline).map(\.value))
        if deadlines.count > 1 {
            notes.append(
                "the lots have \(deadlines.count) different deadlines for tenders; submissionDeadline is the earliest, \(submissionDeadline.map { "\($0.value)" } ?? "")"
            )
        }
    }

    /// The announced grounds (BT-67): the optional ones go to `optionalGrounds`; without a list,
    /// BT-806 says where the grounds are stated.
    mutating func readGrounds() {
        for code in notice.groundsWithoutCriterion {
            notes.append(
                "exclusion ground '\(code.value)' (\(code.origin)) has no ESPD criterion (defence and security grounds); uea-screen does not check it"
            )
        }
        if !notice.exclusionGrounds.isEmpty {
            let optional = notice.exclusionGrounds.filter { ExclusionGrounds.ground(number: $0.value)?.mandatory == false }
            var seen: Set<String> = []
            optionalGrounds = optional.filter { seen.insert($0.value).inserted }.sorted {
                Int($0.value.dropFirst()) ?? 0 < Int($1.value.dropFirst()) ?? 0
            }
            return
        }
        switch notice.exclusionGroundsSource?.value {
        case "epo-procurement-document":
            notes.append(
                "the notice states the exclusion grounds in the procurement documents (BT-806); add optionalGrounds from them, or give espdRequest"
            )
        case "epo-acc-espd-request":
            notes.append("the notice states the exclusion grounds in the ESPD request (BT-806); give espdRequest")
        default:
            notes.append("the notice lists no exclusion grounds; add optionalGrounds from the procurement documents, or give espdRequest")
        }
    }

    mutating func readWithheld() {
        for field in notice.withheld {
            notes.append("the notice withholds '\(field.value)' (\(field.origin)); it is not read as data")
        }
    }

    mutating func collectMissing() {
        if id == nil { missing.append(("id", "the notice gives no procedure identifier (BT-04) or internal reference (BT-22)")) }
        if type == nil { missing.append(("type", "the notice gives no contract nature (BT-23) uea-screen can map to a type")) }
        if estimatedValue == nil { missing.append(("estimatedValue", "the notice gives no estimated value in euro (BT-27)")) }
        if procedure == nil { missing.append(("procedure", "the legal basis (BT-01) does not fix the procedure")) }
        if launchDate == nil { missing.append(("launchDate", "the notice gives no dispatch date (BT-05)")) }
        if submissionDeadline == nil {
            missing.append(("submissionDeadline", "the notice gives no deadline for tenders (BT-131) or requests to participate (BT-1311)"))
        }
        if authorityKind == nil {
            missing.append(("authority.kind", "the buyer's legal type (BT-11) does not map to central or sub-central"))
        }
    }
}
