import DossierModel

/// A value read from a notice: what it says, the SDK field it is (`BT-27-Procedure`) and the line
/// of the notice it stands on, so that every value written from it can name its source.
public struct NoticeValue<Value: Sendable & Equatable>: Sendable, Equatable {
    public var value: Value
    public var field: String
    public var line: Int

    public init(_ value: Value, field: String, line: Int) {
        self.value = value
        self.field = field
        self.line = line
    }

    /// The same place with another value (a code read as what it means).
    public func map<Other: Sendable & Equatable>(_ transform: (Value) -> Other) -> NoticeValue<Other> {
        NoticeValue<Other>(transform(value), field: field, line: line)
    }

    /// `BT-27-Procedure, line 212`: where the value comes from.
    public var origin: String { "\(field), line \(line)" }
}

/// An amount with its currency (`currencyID`).
public struct NoticeAmount: Sendable, Equatable {
    public var amount: Double
    public var currency: String
}

/// What an eForms notice says about a procedure, as far as uea-screen uses it. Values that a
/// notice withholds (unpublished, or written as -1) are absent and named in `withheld`.
public struct TenderNotice: Sendable {
    /// What uea-screen does with a notice of this kind (eforms.yaml `noticeKinds`).
    public enum Kind: String, Sendable {
        /// A call for competition: tender.yaml is written from it.
        case call
        /// An award notice: tender.yaml at the award stage, with the winners.
        case result
        /// Nothing to screen bids for.
        case other
    }

    public struct Buyer: Sendable {
        public var name: NoticeValue<String>?
        public var legalType: NoticeValue<String>?
    }

    public struct Lot: Sendable {
        public var id: NoticeValue<String>
        public var title: NoticeValue<String>?
        public var nature: NoticeValue<String>?
        public var estimatedValue: NoticeValue<NoticeAmount>?
        public var cpv: [NoticeValue<String>]
        public var submissionDeadline: NoticeValue<Day>?
        public var participationDeadline: NoticeValue<Day>?
        public var selectionCriteriaSource: [NoticeValue<String>]

        public init(
            id: NoticeValue<String>, title: NoticeValue<String>? = nil, nature: NoticeValue<String>? = nil,
            estimatedValue: NoticeValue<NoticeAmount>? = nil, cpv: [NoticeValue<String>] = [],
            submissionDeadline: NoticeValue<Day>? = nil, participationDeadline: NoticeValue<Day>? = nil,
            selectionCriteriaSource: [NoticeValue<String>] = []
        ) {
            self.id = id
            self.title = title
            self.nature = nature
            self.estimatedValue = estimatedValue
            self.cpv = cpv
            self.submissionDeadline = submissionDeadline
            self.participationDeadline = participationDeadline
            self.selectionCriteriaSource = selectionCriteriaSource
        }
    }

    /// A winner of an award notice: the organisation and the beneficial owners it publishes.
    public struct Winner: Sendable {
        public var lot: String?
        public var name: NoticeValue<String>
        public var owners: [NoticeValue<String>]

        public init(lot: String?, name: NoticeValue<String>, owners: [NoticeValue<String>]) {
            self.lot = lot
            self.name = name
            self.owners = owners
        }
    }

    public var source: String
    /// The line of the notice's root element: where a value the notice lacks is reported.
    public var rootLine: Int = 1
    public var sdkVersion: NoticeValue<String>
    public var noticeType: NoticeValue<String>
    public var kind: Kind
    public var legalBasis: NoticeValue<String>
    public var procedureIdentifier: NoticeValue<String>?
    public var internalReference: NoticeValue<String>?
    public var title: NoticeValue<String>?
    public var buyers: [Buyer]
    public var contractNature: NoticeValue<String>?
    public var estimatedValue: NoticeValue<NoticeAmount>?
    public var procedureType: NoticeValue<String>?
    public var dispatchDate: NoticeValue<Day>?
    /// The announced exclusion grounds as ESPD grounds (C1–C24), each at its code's line.
    public var exclusionGrounds: [NoticeValue<String>]
    /// Announced grounds without an ESPD criterion (defence grounds), as their codes.
    public var groundsWithoutCriterion: [NoticeValue<String>]
    public var exclusionGroundsSource: NoticeValue<String>?
    /// The procedure's main and additional CPV codes.
    public var cpv: [NoticeValue<String>]
    public var lots: [Lot]
    public var winners: [Winner]
    /// Fields the notice withholds (`FieldsPrivacy`, or an amount of -1): never read as data.
    public var withheld: [NoticeValue<String>]

    public init(
        source: String, sdkVersion: NoticeValue<String>, noticeType: NoticeValue<String>, kind: Kind, legalBasis: NoticeValue<String>,
        procedureIdentifier: NoticeValue<String>? = nil, internalReference: NoticeValue<String>? = nil, title: NoticeValue<String>? = nil,
        buyers: [Buyer] = [], contractNature: NoticeValue<String>? = nil, estimatedValue: NoticeValue<NoticeAmount>? = nil,
        procedureType: NoticeValue<String>? = nil, dispatchDate: NoticeValue<Day>? = nil, exclusionGrounds: [NoticeValue<String>] = [],
        groundsWithoutCriterion: [NoticeValue<String>] = [], exclusionGroundsSource: NoticeValue<String>? = nil,
        cpv: [NoticeValue<String>] = [], lots: [Lot] = [], winners: [Winner] = [], withheld: [NoticeValue<String>] = []
    ) {
        self.source = source
        self.sdkVersion = sdkVersion
        self.noticeType = noticeType
        self.kind = kind
        self.legalBasis = legalBasis
        self.procedureIdentifier = procedureIdentifier
        self.internalReference = internalReference
        self.title = title
        self.buyers = buyers
        self.contractNature = contractNature
        self.estimatedValue = estimatedValue
        self.procedureType = procedureType
        self.dispatchDate = dispatchDate
        self.exclusionGrounds = exclusionGrounds
        self.groundsWithoutCriterion = groundsWithoutCriterion
        self.exclusionGroundsSource = exclusionGroundsSource
        self.cpv = cpv
        self.lots = lots
        self.winners = winners
        self.withheld = withheld
    }

    /// The procedure's CPV codes and every lot's, each code once, in notice order.
    public var allCPV: [NoticeValue<String>] {
        var seen: Set<String> = []
        return (cpv + lots.flatMap(\.cpv)).filter { seen.insert($0.value).inserted }
    }

    /// The earliest deadline for tenders over the lots, else for requests to participate.
    public var earliestDeadline: NoticeValue<Day>? {
        let tenders = lots.compactMap(\.submissionDeadline)
        let requests = lots.compactMap(\.participationDeadline)
        return (tenders.isEmpty ? requests : tenders).min { $0.value < $1.value }
    }
}
