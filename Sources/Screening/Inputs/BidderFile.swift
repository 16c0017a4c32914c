/// What a bidder's folder adds to its ESPD (`bidder.yaml`). Every section is optional.
public struct BidderFile: Codable, Sendable {
    /// Display name; defaults to the ESPD's economic-operator name.
    public var name: String?
    /// KvK number (8 digits) of the bidder.
    public var kvk: String?
    /// ISO alpha-2 country of establishment; defaults to the ESPD's.
    public var country: String?
    /// Gedragsverklaring Aanbesteden.
    public var gva: GVA?
    /// Equivalent document of a foreign bidder (Aw 2012 art. 2.89(4)).
    public var equivalentDocument: EquivalentDocument?
    /// Uittreksel Handelsregister.
    public var kvkExtract: KvKExtract?
    /// Belastingdienst verklaring betalingsgedrag.
    public var taxStatement: TaxStatement?
    /// Belangenverstrengelings-/integriteitsverklaring.
    public var declaration: IntegrityDeclaration?
    /// Company facts and Bibob questionnaire answers.
    public var company: CompanyFacts?
    /// Supply-chain declaration CSV, relative to the folder.
    public var supplyChain: String?
    /// Russia/sanctions declaration (art. 5k Reg. 833/2014); read by later checks.
    public var sanctionsDeclaration: [String: String]?

    public init() {}

    public struct GVA: Codable, Sendable {
        public var issueDate: Day
        public var reference: String?
        public var name: String?
        public var kvk: String?
    }
    public struct EquivalentDocument: Codable, Sendable {
        public var type: String
        public var issueDate: Day?
        public var country: String?
    }
    public struct KvKExtract: Codable, Sendable {
        public var date: Day
        public var kvk: String?
        public var name: String?
    }
    public struct TaxStatement: Codable, Sendable {
        public var date: Day
    }
    public struct IntegrityDeclaration: Codable, Sendable {
        public var signed: Day?
        /// Directors, UBOs and key staff named on the bid.
        public var people: [DeclaredPerson]?
        /// Did the bidder (or a related undertaking) advise on or prepare this tender?
        public var priorInvolvement: Bool?
        public var priorInvolvementExplanation: String?
        /// Is a belangenbeschermingsplan (Scheiding van Belang) attached?
        public var protectionPlan: Bool?
        /// Staff who worked for the authority on this tender before.
        public var exStaff: [DeclaredPerson]?
    }
    public struct DeclaredPerson: Codable, Sendable {
        public var name: String
        /// director, ubo, key-staff, subcontractor-director, ...
        public var role: String?
        public var birthDate: Day?
    }
    public struct CompanyFacts: Codable, Sendable {
        public var founded: Day?
        public var directorChanges24Months: Int?
        public var nameOrSeatChanges24Months: Int?
        public var address: String?
        public var registrationsAtAddress: Int?
        public var ubos: [DeclaredPerson]?
        /// Only pseudo-UBOs (senior management) registered.
        public var pseudoUBOOnly: Bool?
        public var financing: [Financing]?
        public var sbi: [String]?
        public var employees: Int?
        public var annualTurnover: Double?
    }
    public struct Financing: Codable, Sendable {
        public var source: String
        public var amount: Double?
        public var explained: Bool?
    }
}
