import Basics
import DossierModel
import ESPD

/// What a bidder's folder adds to its ESPD (`bidder.yaml`). Every section is optional.
public struct BidderFile: Codable, Sendable {
    /// Display name; defaults to the ESPD's economic-operator name.
    public var name: String?
    /// KvK number (8 digits) of the bidder.
    public var kvk: String?
    /// Country of establishment (any code or name `Country` reads); defaults to the ESPD's.
    public var country: Country?
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
    /// Declaration on Russian involvement (art. 5k Council Regulation (EU) No 833/2014).
    public var russiaDeclaration: RussiaDeclaration?
    /// Subcontractors, suppliers and relied-upon entities with their share of the contract value.
    public var subcontractors: [Subcontractor]?
    /// Evidence of the other entities of the bid (members, relied-upon entities), each found by its
    /// KvK number or name in their ESPDs.
    public var entities: [EntityEvidence]?
    /// The lots of the tender the bid was submitted for, as the authority registered them (TenderNed):
    /// the screening's lot scope. The ESPD's own list of lots is compared with it, never trusted alone.
    public var lots: [String]?

    public init() {}

    /// A member's or relied-upon entity's own supporting documents.
    public struct EntityEvidence: Codable, Sendable {
        public init() {}

        public var name: String?
        public var kvk: String?
        public var country: Country?
        public var gva: GVA?
        public var equivalentDocument: EquivalentDocument?
        public var kvkExtract: KvKExtract?
        public var taxStatement: TaxStatement?

        /// As a bidder file of its own, for the evidence checks run on the entity.
        public var asBidderFile: BidderFile {
            var file = BidderFile()
            file.name = name
            file.kvk = kvk
            file.country = country
            file.gva = gva
            file.equivalentDocument = equivalentDocument
            file.kvkExtract = kvkExtract
            file.taxStatement = taxStatement
            return file
        }
    }

    /// Refuses two entries for one entity (the same KvK number, or the same name): which of their
    /// documents counted would depend on the order of the file.
    public func checkEntitiesOnce(path: String, line: Int?) throws {
        var numbers: [String: Int] = [:]
        var names: [String: Int] = [:]
        for (index, entry) in (entities ?? []).enumerated() {
            if let kvk = entry.kvk?.filter(\.isNumber), !kvk.isEmpty {
                if let first = numbers[kvk] {
                    throw InputError(
                        file: path, line: line,
                        message:
                            "entities: entry \(index + 1) has the KvK number of entry \(first + 1) (\(kvk)); give each entity once, with all its documents"
                    )
                }
                numbers[kvk] = index
            }
            if let name = entry.name?.trimmingBlanks().lowercased(), !name.isEmpty {
                if let first = names[name] {
                    throw InputError(
                        file: path, line: line,
                        message:
                            "entities: entry \(index + 1) has the name of entry \(first + 1); give each entity once, with all its documents"
                    )
                }
                names[name] = index
            }
        }
    }

    /// The evidence entry of the entity whose ESPD is `espd`: same KvK number (digits), else same name (case ignored).
    public func evidence(for espd: ESPDDocument) -> EntityEvidence? {
        guard let entities else { return nil }
        let numbers = Set((espd.economicOperator?.identifiers ?? []).map { $0.value.filter(\.isNumber) }.filter { !$0.isEmpty })
        if let byNumber = entities.first(where: { entry in entry.kvk.map { numbers.contains($0.filter(\.isNumber)) } ?? false }) {
            return byNumber
        }
        let name = espd.economicOperator?.name?.lowercased()
        return entities.first { $0.name?.lowercased() == name && name != nil }
    }

    public struct GVA: Codable, Sendable {
        public var issueDate: Day
        public var reference: String?
        public var name: String?
        public var kvk: String?
    }
    public struct EquivalentDocument: Codable, Sendable {
        /// What the document is (Dir. 2014/24/EU art. 60(2)): an extract from the judicial record
        /// (or an equivalent document of a competent authority), or, failing one, a declaration
        /// under oath. Written in bidder.yaml as `extract` / `uittreksel` or
        /// `declaration-under-oath` / `verklaring-onder-ede`; anything else is refused at its line.
        public enum Kind: String, Codable, Sendable, CaseIterable {
            case extract
            case declarationUnderOath = "declaration-under-oath"

            public init(from decoder: any Decoder) throws {
                let text = try decoder.singleValueContainer().decode(String.self)
                switch text.trimmingCharacters(in: .whitespaces).lowercased() {
                case "extract", "uittreksel": self = .extract
                case "declaration-under-oath", "verklaring-onder-ede": self = .declarationUnderOath
                default:
                    throw DecodingError.dataCorruptedError(
                        in: try decoder.singleValueContainer(),
                        debugDescription:
                            "'\(text)' is not a kind of equivalent document; allowed: extract (uittreksel), declaration-under-oath (verklaring-onder-ede)"
                    )
                }
            }
        }
        /// The document's own name as written on it (free text: it is shown, never interpreted).
        public var type: String
        /// Nil when bidder.yaml does not say: the check then asks for it before award.
        public var kind: Kind? = nil
        public var issueDate: Day?
        public var country: Country?
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
    public struct RussiaDeclaration: Codable, Sendable {
        public var signed: Day?
        /// A Russian national, or a natural or legal person established in Russia (art. 5k(1)(a)).
        public var russianNationalOrEstablished: Bool
        /// More than 50% owned, directly or indirectly, by such a person (art. 5k(1)(b)).
        public var russianOwnershipOver50: Bool
        /// Acting on behalf or at the direction of such a person (art. 5k(1)(c)).
        public var actingOnBehalf: Bool
        /// Subcontractors, suppliers or relied-upon entities of that kind above 10% of the value (art. 5k(1)).
        public var russianSubcontractorsOver10Percent: Bool
    }
    public struct Subcontractor: Codable, Sendable {
        public var name: String
        public var country: Country?
        /// Percentage of the contract value, 0 to 100.
        public var share: Double?
        public var reliedUpon: Bool?

        public init(name: String, country: Country?, share: Double?, reliedUpon: Bool?) {
            self.name = name
            self.country = country
            self.share = share
            self.reliedUpon = reliedUpon
        }

        enum CodingKeys: String, CodingKey { case name, country, share, reliedUpon }

        /// A share below 0 % or above 100 % of the contract value cannot be: it is refused with its
        /// line, not compared with the art. 5k limit (a negative share would never exceed it).
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            country = try container.decodeIfPresent(Country.self, forKey: .country)
            reliedUpon = try container.decodeIfPresent(Bool.self, forKey: .reliedUpon)
            share = try container.decodeIfPresent(Double.self, forKey: .share)
            if let share, !(0...100).contains(share) {
                throw DecodingError.dataCorruptedError(
                    forKey: .share, in: container,
                    debugDescription: "\(share) is not a share of the contract value; write a percentage from 0 to 100")
            }
        }
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
