import Basics

/// One ESPD/UEA document, normalised across every generation.
///
/// The JSON form of this type (`uea-screen inspect --format json`) is a public
/// interface: keys are stable and documented in README.md. Optional values
/// that are absent are left out, except `criteria[].answer` on responses,
/// which is always present (`true`, `false` or `null` for "not answered").
public struct ESPDDocument: Encodable, Sendable, Equatable {
    /// Schema tag of this JSON form.
    public var schema: String = "uea-screen/espd/1"
    /// The file as named by the user.
    public var source: String
    /// v1, v2.0, v2.1, v3, v4.
    public var generation: Generation
    /// The EDM version detected (e.g. "2.1.1", "4.1.0"); nil for v1 and when nothing says.
    public var version: String?
    /// Which header field the version came from.
    public var versionSource: String?
    /// The header values exactly as written.
    public var declared: DeclaredHeader
    public var kind: DocumentKind
    /// "basic" or "extended" where declared (REGULATED = basic, SELFCONTAINED = extended).
    public var profile: String?
    /// Which namespace family the root uses.
    public var namespaces: NamespaceFamily
    public var id: String?
    public var uuid: String?
    public var issueDate: String?
    public var issueTime: String?
    /// The contracting authority's file reference for the procedure.
    public var contractFolderID: String?
    public var contractingAuthority: Party?
    public var procurement: Procurement
    /// Only in responses: the one economic operator the response is about.
    public var economicOperator: EconomicOperator?
    public var criteria: [Criterion]
    /// Answers whose question could not be found in the document.
    public var unlinkedAnswers: [Answer]
    /// Root-level evidence records (v2+), by id.
    public var evidence: [Evidence]
    public var documentReferences: [DocumentReference]
    /// Things the reader noticed and worked around; never fatal.
    public var warnings: [ReaderWarning]
    /// The result of validating the file against its release's XML Schemas, when it was validated
    /// (`screen`, `validate`); nil otherwise.
    public var schemaValidation: ESPDSchemas.Validation? = nil
}

public enum Generation: String, Codable, Sendable, CaseIterable, Comparable {
    case v1
    // swift-format-ignore: AlwaysUseLowerCamelCase
    case v2_0 = "v2.0"
    // swift-format-ignore: AlwaysUseLowerCamelCase
    case v2_1 = "v2.1"
    case v3, v4

    public static func < (lhs: Generation, rhs: Generation) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

public enum DocumentKind: String, Codable, Sendable { case request, response }

public enum NamespaceFamily: String, Codable, Sendable {
    /// urn:grow:names:specification:ubl:schema:xsd:ESPDRequest-1 / ESPDResponse-1
    case espdV1 = "espd-v1"
    /// urn:X-test:UBL:Pre-award:* (EDM 2.0.x drafts)
    case preAward = "ubl-pre-award"
    /// urn:oasis:names:specification:ubl:schema:xsd:QualificationApplication*-2
    case oasis = "ubl-oasis"
    /// No namespace, or an unexpected one.
    case other
}

public struct DeclaredHeader: Codable, Sendable, Equatable {
    public var rootElement: String
    public var rootNamespace: String?
    public var ublVersionID: String?
    public var customizationID: String?
    public var profileID: String?
    public var profileExecutionID: String?
    public var versionID: String?
    public var versionSchemeVersionID: String?
    public var qualificationApplicationTypeCode: String?
    /// The `xmlns:espd="urn:com:grow:espd:X"` hint, if declared.
    public var espdNamespaceHint: String?
}

public struct Party: Codable, Sendable, Equatable {
    public var name: String?
    public var identifiers: [Identifier]
    /// ISO 3166 alpha-2 where the file's code could be mapped, else as written.
    public var country: String?
    public var city: String?
    public var line: Int
    public var path: String
}

public struct Representative: Codable, Sendable, Equatable {
    public var firstName: String?
    public var familyName: String?
    public var role: String?
    /// Personal data: only kept in the model for matching; the CLI prints it only on request.
    public var birthDate: String?
    public var line: Int
    public var path: String

    public var fullName: String {
        [firstName, familyName].compactMap { $0 }.joined(separator: " ")
    }
}

extension EconomicOperator {
    /// The country of establishment the ESPD gives, when its code reads as one.
    public var establishedIn: Country? { country.flatMap(Country.init(reading:)) }
}

public struct EconomicOperator: Codable, Sendable, Equatable {
    public var name: String?
    public var identifiers: [Identifier]
    /// ISO 3166 alpha-2 where the file's code reads as a country (`Country`), else as written.
    public var country: String?
    public var city: String?
    public var website: String?
    /// true for micro/small/medium/SME, false for large, nil when not said.
    public var sme: Bool?
    /// The size code as written, lower-cased (micro, small, medium, sme, large).
    public var size: String?
    /// sole, lead, member, relied-upon, subcontractor, other; nil when not said.
    public var role: String?
    /// The role code exactly as written.
    public var roleCode: String?
    /// Consortium name (`EconomicOperatorGroupName`).
    public var groupName: String?
    public var representatives: [Representative]
    public var line: Int
    public var path: String
}

public struct Procurement: Codable, Sendable, Equatable {
    public var name: String?
    public var description: String?
    /// WORKS, SUPPLIES, SERVICES, ... as written.
    public var typeCode: String?
    public var procedureCode: String?
    /// CPV codes of the project (main first).
    public var cpv: [String]
    public var lots: [String]
}

public struct DocumentReference: Codable, Sendable, Equatable {
    public var id: String?
    public var typeCode: String?
    public var title: String?
    public var uri: String?
    public var line: Int
}

public struct Evidence: Codable, Sendable, Equatable {
    public var id: String
    public var documentID: String?
    public var uri: String?
    public var issuer: String?
    public var confidentiality: String?
    public var line: Int
    public var path: String
}

public struct ReaderWarning: Codable, Sendable, Equatable {
    public var code: String
    public var message: String
    public var line: Int?

    public init(code: String, message: String, line: Int?) {
        self.code = code
        self.message = message
        self.line = line
    }
}

extension ESPDDocument {
    /// An empty document named `source`: what a context needs where no ESPD is read (the tender's
    /// own checks, without a request).
    public static func empty(source: String) -> ESPDDocument {
        ESPDDocument(
            source: source, generation: .v4, version: nil, versionSource: nil,
            declared: DeclaredHeader(rootElement: "", rootNamespace: nil), kind: .request, profile: nil, namespaces: .other,
            id: nil, uuid: nil, issueDate: nil, issueTime: nil, contractFolderID: nil, contractingAuthority: nil,
            procurement: Procurement(name: nil, description: nil, typeCode: nil, procedureCode: nil, cpv: [], lots: []),
            economicOperator: nil, criteria: [], unlinkedAnswers: [], evidence: [], documentReferences: [], warnings: [])
    }
}
