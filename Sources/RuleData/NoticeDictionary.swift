import DossierModel

/// `checklists/eforms.yaml`: which eForms fields are read and where (the SDK's own XPaths), the SDK
/// versions accepted, and what the codes of a notice mean for a tender file. Lawyers and
/// maintainers change this file when the SDK changes; the reader only follows it.
public struct NoticeDictionary: Codable, Sendable {
    public struct Versions: Codable, Sendable {
        public var from: Int
        public var to: Int
    }

    /// A repeating part of a notice (fields.json `xmlStructure`): a lot, an organisation, a result.
    public struct Node: Codable, Sendable {
        public var key: String
        public var node: String
        public var xpath: String
    }

    /// One field of the SDK: the key the reader asks for, the SDK's field id and its XPath.
    public struct Field: Codable, Sendable {
        public var key: String
        public var field: String
        public var xpath: String
    }

    public struct LegalBasis: Codable, Sendable {
        public var regime: String
        /// The procedure tender.yaml gets: europees under a directive, nationaal otherwise.
        public var procedure: String?
        /// A contract type the legal basis fixes (concessie under Directive 2014/23/EU).
        public var type: String?
        /// What uea-screen does not apply under this legal basis, said to the user.
        public var note: String?
    }

    public var source: String
    public var sdkMinorVersions: Versions
    public var exclusionGroundCodesFrom: Int
    public var namespaces: [String: String]
    public var nodes: [Node]
    public var fields: [Field]
    public var noticeKinds: [String: String]
    public var legalBases: [String: LegalBasis]
    public var contractNatures: [String: String]
    public var buyerLegalTypes: [String: String]
    /// exclusion-ground code → ESPD ground (C1–C24), or `none` for a ground without an ESPD criterion.
    public var exclusionGrounds: [String: String]

    public func field(_ key: String) -> Field? { fields.first { $0.key == key } }
    public func node(_ key: String) -> Node? { nodes.first { $0.key == key } }

    /// Refuses a dictionary whose parts do not fit together (a missing field, an unknown kind).
    public func validate(path: String) throws {
        let required = [
            "sdkVersion", "noticeType", "legalBasis", "procedureIdentifier", "internalReference", "title", "buyer",
            "organisationIdentifier", "organisationName", "buyerLegalType", "contractNature", "estimatedValue",
            "estimatedValueCurrency", "procedureType", "dispatchDate", "exclusionGround", "exclusionGroundsSource", "mainCPV",
            "additionalCPV", "lot", "lotNature", "lotEstimatedValue", "lotEstimatedValueCurrency", "lotMainCPV", "lotAdditionalCPV",
            "lotSubmissionDeadline", "lotParticipationDeadline", "lotResult", "lotResultStatus", "lotResultTender", "tender",
            "tenderParty", "tenderingParty", "tenderer", "organisationOwner", "owner", "ownerFamilyName", "ownerFirstName",
        ]
        for key in required where field(key) == nil {
            throw InputError(file: path, message: "fields: '\(key)' is missing; the notice reader needs it")
        }
        for key in ["buyer", "lot", "organisation", "owner", "lotResult", "tender", "tenderingParty"] where node(key) == nil {
            throw InputError(file: path, message: "nodes: '\(key)' is missing; the notice reader needs it")
        }
        for (code, kind) in noticeKinds where !["call", "result", "other"].contains(kind) {
            throw InputError(file: path, message: "noticeKinds: \(code): '\(kind)' is not call, result or other")
        }
        for (code, kind) in buyerLegalTypes where !["central", "sub-central"].contains(kind) {
            throw InputError(file: path, message: "buyerLegalTypes: \(code): '\(kind)' is not central or sub-central")
        }
        for (code, ground) in exclusionGrounds
        where ground != "none" && !(ground.hasPrefix("C") && Int(ground.dropFirst()).map { (1...24).contains($0) } == true) {
            throw InputError(file: path, message: "exclusionGrounds: \(code): '\(ground)' is not an ESPD ground C1–C24 or none")
        }
    }
}
