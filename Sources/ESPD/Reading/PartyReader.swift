import Basics
import Foundation
import SafeXML

/// UBL party blocks are shaped the same in every generation (cac:Party with
/// PartyIdentification, PartyName, PostalAddress); only their wrappers differ.
enum PartyReader {
    static func identifiers(of party: XMLElement) -> [Identifier] {
        var result: [Identifier] = []
        for identification in party.children(named: "PartyIdentification") {
            guard let id = identification.child(named: "ID"), let value = id.nonEmptyText else { continue }
            let identifier = Identifier(value: value, scheme: id.attribute("schemeID") ?? id.attribute("schemeAgencyID"))
            if !result.contains(identifier) { result.append(identifier) }
        }
        if let endpoint = party.child(named: "EndpointID"), let value = endpoint.nonEmptyText,
            !result.contains(where: { $0.value == value })
        {
            result.append(Identifier(value: value, scheme: endpoint.attribute("schemeID") ?? endpoint.attribute("schemeAgencyID")))
        }
        return result
    }

    static func party(_ element: XMLElement) -> Party {
        let party = element.localName == "Party" ? element : (element.child(named: "Party") ?? element)
        return Party(
            name: party.child(path: "PartyName", "Name")?.nonEmptyText,
            identifiers: identifiers(of: party),
            country: party.child(path: "PostalAddress", "Country", "IdentificationCode")?.nonEmptyText.map {
                Country(reading: $0)?.alpha2 ?? $0
            },
            city: party.child(path: "PostalAddress", "CityName")?.nonEmptyText,
            line: element.line, path: element.path)
    }

    /// `cac:PowerOfAttorney` → representative (v1 wraps it in RepresentativeNaturalPerson).
    static func representative(powerOfAttorney: XMLElement, role: String?, anchor: XMLElement) -> Representative {
        let person = powerOfAttorney.child(path: "AgentParty", "Person")
        return Representative(
            firstName: person?.child(named: "FirstName")?.nonEmptyText,
            familyName: person?.child(named: "FamilyName")?.nonEmptyText,
            role: role ?? powerOfAttorney.child(named: "Description")?.nonEmptyText,
            birthDate: person?.child(named: "BirthDate")?.nonEmptyText,
            line: anchor.line, path: anchor.path)
    }

    /// ProcurementProject, lots and TED/request references (v1 and v2+ alike).
    static func procurement(_ root: XMLElement) -> Procurement {
        let project = root.child(named: "ProcurementProject")
        var cpv: [String] = []
        if let project {
            for name in ["MainCommodityClassification", "AdditionalCommodityClassification"] {
                for classification in project.children(named: name) {
                    if let code = classification.child(named: "ItemClassificationCode")?.nonEmptyText, !cpv.contains(code) {
                        cpv.append(code)
                    }
                }
            }
        }
        let lots = root.children(named: "ProcurementProjectLot").compactMap { $0.child(named: "ID")?.nonEmptyText }
        return Procurement(
            name: project?.child(named: "Name")?.nonEmptyText,
            description: project?.children(named: "Description").compactMap(\.nonEmptyText).joined(separator: " ").nonEmpty,
            typeCode: project?.child(named: "ProcurementTypeCode")?.nonEmptyText,
            procedureCode: root.child(named: "ProcedureCode")?.nonEmptyText,
            cpv: cpv, lots: lots)
    }

    static func documentReferences(_ root: XMLElement) -> [DocumentReference] {
        root.children(named: "AdditionalDocumentReference").map { reference in
            let external = reference.child(path: "Attachment", "ExternalReference")
            return DocumentReference(
                id: reference.child(named: "ID")?.nonEmptyText,
                typeCode: reference.child(named: "DocumentTypeCode")?.nonEmptyText,
                title: external?.child(named: "FileName")?.nonEmptyText,
                uri: external?.child(named: "URI")?.nonEmptyText,
                line: reference.line)
        }
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

/// XML Schema's boolean lexical space (after white space collapse): `true`, `false`, `1`, `0`.
/// Anything else (`yes`, `TRUE`) is not a boolean: the caller reports it, never guesses.
func parseBoolean(_ text: String?) -> Bool? {
    switch text {
    case "true", "1": return true
    case "false", "0": return false
    default: return nil
    }
}
