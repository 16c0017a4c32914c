import SafeXML

/// What the root and the header elements say, before any reader runs.
/// The generation is decided from the root element's namespace, then the version fields (below).
public struct DocumentHeader: Sendable {
    public var declared: DeclaredHeader
    public var kind: DocumentKind
    public var namespaces: NamespaceFamily
    /// The EDM version read from the header, with where it came from.
    public var version: EDMVersion?
    public var versionSource: String?
    public var profile: String?
    /// true when criterion property ids are v4 path ids (`C1_EG_crime-org/QG1/Q1`).
    public var usesPathPropertyIDs: Bool
}

/// A dotted EDM version such as 2.1.1 or 4.1.0.
public struct EDMVersion: Sendable, Equatable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int

    public var description: String { "\(major).\(minor).\(patch)" }

    /// Parses `2.1.1`, `02.00.00`, `4.1`, `ESPD-EDMv2.0.1-REGULATED` style tokens.
    init?(parsing text: String) {
        let digits = text.split(whereSeparator: { !$0.isNumber && $0 != "." }).first { $0.contains(".") }
        guard let digits else { return nil }
        let parts = digits.split(separator: ".").compactMap { Int($0) }
        guard parts.count >= 2, parts.count <= 3, (1...9).contains(parts[0]) else { return nil }
        major = parts[0]
        minor = parts[1]
        patch = parts.count == 3 ? parts[2] : 0
    }

    init(major: Int, minor: Int, patch: Int) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }
}

/// Why a document is not read as an ESPD at all.
public struct NotAnESPDError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var rootElement: String
    public var rootNamespace: String?
    public var description: String {
        "\(file):\(line): not an ESPD/UEA document: root element is {\(rootNamespace ?? "")}\(rootElement), expected ESPDRequest, ESPDResponse, QualificationApplicationRequest or QualificationApplicationResponse"
    }
}

enum HeaderReader {
    static let v1Request = "urn:grow:names:specification:ubl:schema:xsd:ESPDRequest-1"
    static let v1Response = "urn:grow:names:specification:ubl:schema:xsd:ESPDResponse-1"

    static func read(_ root: XMLElement) throws(NotAnESPDError) -> DocumentHeader {
        let local = root.localName
        let namespace = root.namespaceURI
        let kind: DocumentKind
        switch local {
        case "ESPDRequest", "QualificationApplicationRequest": kind = .request
        case "ESPDResponse", "QualificationApplicationResponse": kind = .response
        default:
            throw NotAnESPDError(file: root.document.sourceName, line: root.line, rootElement: local, rootNamespace: namespace)
        }
        let family: NamespaceFamily
        if namespace == v1Request || namespace == v1Response {
            family = .espdV1
        } else if let namespace, namespace.hasPrefix("urn:X-test:UBL:Pre-award:") {
            family = .preAward
        } else if let namespace, namespace.hasPrefix("urn:oasis:names:specification:ubl:schema:xsd:QualificationApplication") {
            family = .oasis
        } else {
            family = .other
        }

        // Header children, first occurrence each (they are direct children of the root).
        var values: [String: XMLElement] = [:]
        for child in root.children {
            let name = child.localName
            if values[name] == nil { values[name] = child }
            if name == "TenderingCriterion" || name == "Criterion" { break }
        }
        var declared = DeclaredHeader(rootElement: local, rootNamespace: namespace)
        declared.ublVersionID = values["UBLVersionID"]?.nonEmptyText
        declared.customizationID = values["CustomizationID"]?.nonEmptyText
        declared.profileID = values["ProfileID"]?.nonEmptyText
        declared.profileExecutionID = values["ProfileExecutionID"]?.nonEmptyText
        declared.versionID = values["VersionID"]?.nonEmptyText
        declared.versionSchemeVersionID = values["VersionID"]?.attribute("schemeVersionID")
        let typeCode = values["QualificationApplicationTypeCode"]
        declared.qualificationApplicationTypeCode = typeCode?.nonEmptyText
        declared.espdNamespaceHint =
            root.namespaceDeclarations().first { $0.prefix == "espd" && $0.uri.hasPrefix("urn:com:grow:espd:") }?.uri

        var header = DocumentHeader(
            declared: declared, kind: kind, namespaces: family, version: nil, versionSource: nil,
            profile: nil, usesPathPropertyIDs: false)
        if local.hasPrefix("ESPD") { return header }  // v1: VersionID is the service release, not an EDM version

        // The version, in this order: ProfileExecutionID, VersionID, type-code list version, xmlns:espd, UBL version.
        if let pe = declared.profileExecutionID, pe.lowercased().contains("edm"), let v = EDMVersion(parsing: pe) {
            header.version = v
            header.versionSource = "ProfileExecutionID"
        } else if let sv = declared.versionSchemeVersionID, isDotted3(sv), let v = EDMVersion(parsing: sv) {
            header.version = v
            header.versionSource = "VersionID@schemeVersionID"
        } else if let vid = declared.versionID, isDotted3(vid), let v = EDMVersion(parsing: vid),
            v.major >= 2 && v.major <= 9 && v.minor < 20
        {
            header.version = v
            header.versionSource = "VersionID"
        } else if let lv = typeCode?.attribute("listVersionID"), let v = EDMVersion(parsing: lv) {
            header.version = v
            header.versionSource = "QualificationApplicationTypeCode@listVersionID"
        } else if let hint = declared.espdNamespaceHint, let v = EDMVersion(parsing: String(hint.dropFirst("urn:com:grow:espd:".count))) {
            header.version = v
            header.versionSource = "xmlns:espd"
        }
        header.usesPathPropertyIDs = firstPropertyIDIsPath(root)
        if header.version == nil {
            switch declared.ublVersionID {
            case "2.2":
                header.version = EDMVersion(major: 2, minor: family == .preAward ? 0 : 1, patch: 0)
                header.versionSource = "UBLVersionID (minor/patch unknown)"
            case "2.3":
                header.version = EDMVersion(major: header.usesPathPropertyIDs ? 4 : 3, minor: 0, patch: 0)
                header.versionSource = "UBLVersionID + property ids (minor/patch unknown)"
            default:
                if family == .preAward {
                    header.version = EDMVersion(major: 2, minor: 0, patch: 0)
                    header.versionSource = "pre-award namespace (minor/patch unknown)"
                }
            }
        }

        // The profile: REGULATED = basic, SELFCONTAINED = extended; also the ProfileExecutionID suffix.
        let profileSource = (declared.qualificationApplicationTypeCode ?? "") + " " + (declared.profileExecutionID ?? "")
        let upper = profileSource.uppercased()
        if upper.contains("REGULATED") || upper.contains("BASIC") { header.profile = "basic" }
        if upper.contains("SELFCONTAINED") || upper.contains("SELF-CONTAINED") || upper.contains("EXTENDED") { header.profile = "extended" }
        return header
    }

    private static func isDotted3(_ text: String) -> Bool {
        let parts = text.split(separator: ".")
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    /// v4 property ids are paths like `C1_EG_crime-org/QG1/Q1`; earlier ones are UUIDs.
    private static func firstPropertyIDIsPath(_ root: XMLElement) -> Bool {
        guard let criterion = root.child(named: "TenderingCriterion"),
            let group = criterion.child(named: "TenderingCriterionPropertyGroup"),
            let id = group.child(named: "ID")?.text
        else { return false }
        return id.contains("/") && id.hasPrefix("C")
    }
}
