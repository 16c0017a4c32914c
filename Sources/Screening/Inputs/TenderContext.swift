import DossierModel
import Foundation
import RuleData

/// The tender a bidder is screened for (`tender.yaml`). Every field has a default the law
/// allows, so a bidder can be screened without one; the README documents each field.
public struct TenderContext: Codable, Sendable {
    /// The contracting authority's reference; must equal the ESPD's ContractFolderID.
    public var id: String?
    public var name: String?
    public var authority: Authority = Authority()
    /// leveringen, diensten, werken, concessie, sociale-diensten.
    public var type: ContractType?
    /// Estimated value in euro excl. VAT, including options and extensions (the raming).
    public var estimatedValue: Double?
    /// The procedure used: enkelvoudig-onderhands, meervoudig-onderhands, nationaal, europees.
    public var procedure: ProcedureKind?
    /// When the call for competition was sent; selects the EU thresholds.
    public var launchDate: Day?
    /// The reference date for evidence ages and exclusion windows.
    public var submissionDeadline: Day?
    /// preparation, submission, selection or award.
    public var stage: Stage = .submission
    /// Whether Juridische Zaken/Inkoop advised (required from €50,000 for supplies/services).
    public var legalDepartmentConsulted: Bool?
    public var cpv: [String] = []
    /// The lots of a tender divided into lots (eForms BT-137), each with its own CPV codes and, where
    /// the tender says so, whether it is a PV lot: a bid is screened for the lots its ESPD names.
    public var lots: [Lot] = []
    /// Optional exclusion grounds announced in the notice (C9–C24), e.g. [C9, C12, C18].
    public var optionalGrounds: [String] = []
    /// Whether `optionalGrounds` was written in the tender file at all (an empty list is a statement:
    /// none announced; an absent one is not).
    public var optionalGroundsGiven = false
    /// Check ids the tender documents made a knock-out (e.g. [solar.xinjiang]): only these checks of
    /// the forced-labour family may block.
    public var knockOuts: [String] = []
    /// The bidders the tender marks as intended winner(s) (bidder folder names or bidder names):
    /// supporting evidence is demanded from them only (Aw 2012 art. 2.101–2.102).
    public var intendedWinners: [String] = []
    /// Which supporting documents the tender documents request from the intended winner(s):
    /// gva, kvkExtract, taxStatement, equivalentDocument.
    public var requested: [String] = []
    /// Other references the ESPD may name for this tender (a TenderNed reference next to the province's own).
    public var otherReferences: [String] = []
    public var bibob: Bool = false
    /// Whether this is a PV (solar-panel) tender; when not said, the CPV codes decide (solar.yaml).
    public var solar: Bool?
    /// The conditions the tender documents contain: isv, due-diligence, sroi, biodiversity, bibob,
    /// supply-chain-transparency (the duties the province's policy and motions put on a tender).
    public var contractConditions: [String] = []
    /// Path of the ESPD request, relative to the tender file.
    public var espdRequest: String?
    /// Path of the tender's eForms notice, relative to the tender file (`init --notice` writes it):
    /// the tender dossier compares this file's values with it.
    public var notice: String?
    /// People who prepare or evaluate the tender, with declared relatives.
    public var people: [InvolvedPerson] = []
    /// Companies that advised on or prepared the tender.
    public var advisers: [Adviser] = []
    /// The accounts of the registered people who decide on this tender (`uea-screen team`): when
    /// given, the store refuses a decision, confirmation, award or cancellation on the tender by any
    /// other account, whatever roles it holds (domain §9b "Who may decide").
    public var team: [String]?

    public init() {}

    /// A lot of the tender (`lots:` in tender.yaml).
    public struct Lot: Codable, Sendable, Equatable {
        /// As the notice and the ESPDs name it (`LOT-0001`).
        public var id: String
        public var name: String?
        public var cpv: [String] = []
        /// Whether the lot is a PV (solar-panel) lot; when not said, its CPV codes decide.
        public var solar: Bool?

        public init(id: String, name: String? = nil, cpv: [String] = [], solar: Bool? = nil) {
            self.id = id
            self.name = name
            self.cpv = cpv
            self.solar = solar
        }

        enum CodingKeys: String, CodingKey { case id, name, cpv, solar }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id).trimmingCharacters(in: .whitespaces)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            cpv = try c.decodeIfPresent([String].self, forKey: .cpv) ?? []
            solar = try c.decodeIfPresent(Bool.self, forKey: .solar)
            guard Self.key(id) != nil else {
                throw DecodingError.dataCorruptedError(
                    forKey: .id, in: c, debugDescription: "'\(id)' is not a lot; write the lot's id as the notice gives it, e.g. LOT-0001")
            }
        }

        /// One form of a lot's name for comparing: `LOT-0001`, `Lot1`, `lot 1` and `1` are the same lot.
        /// Nil for `LOT-0000` (the ESPD's "not divided into lots") and for an empty id.
        public static func key(_ id: String) -> String? {
            var text = id.lowercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "_" }
            for prefix in ["perceel", "lot"] where text.hasPrefix(prefix) { text = String(text.dropFirst(prefix.count)) }
            if !text.isEmpty, text.allSatisfy(\.isNumber) {
                let number = String(text.drop { $0 == "0" })
                return number.isEmpty ? nil : number
            }
            return text.isEmpty ? nil : text
        }
    }

    public struct Authority: Codable, Sendable {
        public var name: String?
        /// sub-central (provincie, gemeente, waterschap) or central.
        public var kind: AuthorityKind = .subCentral
        public init() {}
    }

    public enum AuthorityKind: String, Codable, Sendable, CaseIterable {
        case subCentral = "sub-central"
        case central
    }
    public enum ContractType: String, Codable, Sendable, CaseIterable {
        case leveringen, diensten, werken, concessie
        case socialeDiensten = "sociale-diensten"
    }
    public typealias ProcedureKind = RuleData.ProcedureKind
    /// preparation: the tender documents are not yet published (conditions can still be added).
    public enum Stage: String, Codable, Sendable, CaseIterable { case preparation, submission, selection, award }

    public struct InvolvedPerson: Codable, Sendable {
        public var name: String
        public var role: String?
        public var organisation: String?
        public var relatives: [String]?
    }

    public struct Adviser: Codable, Sendable {
        public var name: String
        public var kvk: String?
        public var role: String?
    }

    enum CodingKeys: String, CodingKey {
        case id, name, authority, type, estimatedValue, procedure, launchDate, submissionDeadline, stage
        case legalDepartmentConsulted, cpv, optionalGrounds, bibob, espdRequest, people, advisers
        case knockOuts, intendedWinners, requested, otherReferences, solar, contractConditions, notice, team, lots
    }

    /// The values `contractConditions` may name.
    public static let conditionKinds = ["isv", "due-diligence", "sroi", "biodiversity", "bibob", "supply-chain-transparency"]

    /// The evidence kinds `requested` may name.
    public static let evidenceKinds = ["gva", "kvkExtract", "taxStatement", "equivalentDocument"]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        authority = try c.decodeIfPresent(Authority.self, forKey: .authority) ?? Authority()
        type = try c.decodeIfPresent(ContractType.self, forKey: .type)
        estimatedValue = try c.decodeIfPresent(Double.self, forKey: .estimatedValue)
        if let value = estimatedValue, value < 0 || value > 1e13 {
            throw DecodingError.dataCorruptedError(
                forKey: .estimatedValue, in: c, debugDescription: "'\(value)' is not an estimated value in euros (0 to 10,000,000,000,000)")
        }
        procedure = try c.decodeIfPresent(ProcedureKind.self, forKey: .procedure)
        launchDate = try c.decodeIfPresent(Day.self, forKey: .launchDate)
        submissionDeadline = try c.decodeIfPresent(Day.self, forKey: .submissionDeadline)
        stage = try c.decodeIfPresent(Stage.self, forKey: .stage) ?? .submission
        legalDepartmentConsulted = try c.decodeIfPresent(Bool.self, forKey: .legalDepartmentConsulted)
        cpv = try c.decodeIfPresent([String].self, forKey: .cpv) ?? []
        lots = try c.decodeIfPresent([Lot].self, forKey: .lots) ?? []
        let keys = lots.compactMap { Lot.key($0.id) }
        if Set(keys).count != keys.count {
            throw DecodingError.dataCorruptedError(forKey: .lots, in: c, debugDescription: "a lot is listed twice; list each lot once")
        }
        optionalGrounds = try c.decodeIfPresent([String].self, forKey: .optionalGrounds) ?? []
        optionalGroundsGiven = c.contains(.optionalGrounds)
        knockOuts = try c.decodeIfPresent([String].self, forKey: .knockOuts) ?? []
        intendedWinners = try c.decodeIfPresent([String].self, forKey: .intendedWinners) ?? []
        requested = try c.decodeIfPresent([String].self, forKey: .requested) ?? []
        otherReferences = try c.decodeIfPresent([String].self, forKey: .otherReferences) ?? []
        solar = try c.decodeIfPresent(Bool.self, forKey: .solar)
        contractConditions = try c.decodeIfPresent([String].self, forKey: .contractConditions) ?? []
        bibob = try c.decodeIfPresent(Bool.self, forKey: .bibob) ?? false
        espdRequest = try c.decodeIfPresent(String.self, forKey: .espdRequest)
        notice = try c.decodeIfPresent(String.self, forKey: .notice)
        people = try c.decodeIfPresent([InvolvedPerson].self, forKey: .people) ?? []
        advisers = try c.decodeIfPresent([Adviser].self, forKey: .advisers) ?? []
        team = try c.decodeIfPresent([String].self, forKey: .team)
        if let team {
            let accounts = team.map { $0.trimmingCharacters(in: .whitespaces) }
            guard !accounts.isEmpty, !accounts.contains(where: \.isEmpty), Set(accounts).count == accounts.count else {
                throw DecodingError.dataCorruptedError(
                    forKey: .team, in: c,
                    debugDescription: "team lists the accounts of the people who decide on this tender, each once, none empty")
            }
            self.team = accounts
        }
    }
}

extension TenderContext.Authority {
    enum CodingKeys: String, CodingKey { case name, kind }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        kind = try c.decodeIfPresent(TenderContext.AuthorityKind.self, forKey: .kind) ?? .subCentral
    }
}

/// The tender file of a tender folder: `tender.yaml`, and nothing else under another spelling.
public enum TenderFile {
    public static let name = "tender.yaml"
    /// Spellings that would otherwise be passed over without a word.
    static let otherSpellings = ["tender.yml", "Tender.yaml", "Tender.yml", "TENDER.YAML", "TENDER.YML", "tender.YAML"]

    /// `folder/tender.yaml` when it exists; nil when the folder has no tender file; an error for
    /// a tender file under another name (`tender.yml`), which would otherwise be ignored.
    public static func inFolder(_ folder: String) throws -> String? {
        let path = PathText.child(folder, name)
        if FileManager.default.fileExists(atPath: path) { return path }
        for other in otherSpellings where FileManager.default.fileExists(atPath: PathText.child(folder, other)) {
            throw InputError(
                file: PathText.child(folder, other), message: "a tender file is read only as tender.yaml; rename it to tender.yaml")
        }
        return nil
    }

    /// A tender file must say which tender it is: an empty file, or one without `id`, is refused
    /// (it would screen as a tender without a name, and no ESPD's ContractFolderID could be compared).
    public static func requireIdentity(_ tender: TenderContext, text: String, path: String) throws {
        let hasContent = text.split(separator: "\n").contains { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return !trimmed.isEmpty && !trimmed.hasPrefix("#") && trimmed != "---"
        }
        guard hasContent else {
            throw InputError(
                file: path, line: 1,
                message: "the tender file is empty; it needs at least id (the tender's reference), and should give name, type, "
                    + "estimatedValue, procedure and submissionDeadline (`uea-screen init DIR` writes a commented one)")
        }
        guard tender.id?.trimmingCharacters(in: .whitespaces).isEmpty == false else {
            throw InputError(
                file: path, line: 1,
                message: "id is missing; a tender file needs id: the tender's reference, as the ESPD's ContractFolderID gives it")
        }
    }

    /// The tender id a user means: a tender folder (its tender.yaml), a tender file, or the id itself.
    public static func id(named argument: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else { return argument }
        let path: String
        if isDirectory.boolValue {
            guard let found = try inFolder(argument) else {
                throw InputError(
                    file: argument, message: "is a folder without tender.yaml; give a tender folder, its tender.yaml or the tender id")
            }
            path = found
        } else {
            path = argument
        }
        let text = try TextFile.read(path)
        let tender = try YAMLFile.decode(TenderContext.self, text: text, path: path)
        try requireIdentity(tender, text: text, path: path)
        return tender.id ?? argument
    }
}
