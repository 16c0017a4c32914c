import SafeXML

/// ESPD v1 (EDM 1.0.x, EU ESPD service 2015–2018, TenderNed UEA, Norwegian EHF ESPD):
/// roots `ESPDRequest`/`ESPDResponse`, criteria `ccv:Criterion` with answers inline in
/// `ccv:Requirement/ccv:Response` (shared/espd-formats.md §2.1, §5.1).
///
/// Assumptions:
/// - Requirement ids are not stable across v1 releases, so answers are paired by tree
///   position (the requirement that holds them), never by id alone.
/// - A repeated `ccv:RequirementGroup` with the same id is another instance (several convictions).
/// - `@pi="GROUP_FULFILLED.ON_TRUE|ON_FALSE"` gates a group on the nearest preceding
///   INDICATOR requirement of its parent group.
public enum V1Reader: GenerationReader {
    public static func accepts(_ header: DocumentHeader) -> Bool {
        header.declared.rootElement.hasPrefix("ESPD")
    }

    public static func read(_ root: XMLElement, header: DocumentHeader, request: XMLElement?) -> ESPDDocument {
        // v1 answers sit inside the criteria, so a request adds nothing.
        let isResponse = header.kind == .response
        var warnings: [ReaderWarning] = []
        if header.namespaces != .espdV1 {
            warnings.append(ReaderWarning(code: "unexpected-namespace", message: "v1 root element in namespace \(header.declared.rootNamespace ?? "(none)")", line: root.line))
        }
        var criteria: [Criterion] = []
        for element in root.children(named: "Criterion") {
            criteria.append(readCriterion(element, isResponse: isResponse))
        }
        return ESPDDocument(
            source: root.document.sourceName, generation: .v1, version: nil, versionSource: nil,
            declared: header.declared, kind: header.kind, profile: nil, namespaces: header.namespaces,
            id: root.child(named: "ID")?.nonEmptyText, uuid: root.child(named: "UUID")?.nonEmptyText,
            issueDate: root.child(named: "IssueDate")?.nonEmptyText, issueTime: root.child(named: "IssueTime")?.nonEmptyText,
            contractFolderID: root.child(named: "ContractFolderID")?.nonEmptyText,
            contractingAuthority: contractingAuthority(root),
            procurement: PartyReader.procurement(root),
            economicOperator: isResponse ? economicOperator(root) : nil,
            criteria: criteria, unlinkedAnswers: [], evidence: [],
            documentReferences: PartyReader.documentReferences(root), warnings: warnings)
    }

    static func contractingAuthority(_ root: XMLElement) -> Party? {
        guard let contracting = root.child(named: "ContractingParty"), let party = contracting.child(named: "Party") else { return nil }
        return PartyReader.party(party)
    }

    static func economicOperator(_ root: XMLElement) -> EconomicOperator? {
        guard let eo = root.child(named: "EconomicOperatorParty") else { return nil }
        let party = eo.child(named: "Party")
        // Name, identifiers and address are read as for any UBL party.
        let basics = party.map(PartyReader.party)
        let representatives = eo.children(named: "RepresentativeNaturalPerson").compactMap { person -> Representative? in
            guard let attorney = person.child(named: "PowerOfAttorney") else { return nil }
            return PartyReader.representative(powerOfAttorney: attorney, role: person.child(named: "NaturalPersonRoleDescription")?.nonEmptyText, anchor: person)
        }
        let roleCode = eo.child(named: "EconomicOperatorRoleCode")?.nonEmptyText
        return EconomicOperator(
            name: basics?.name, identifiers: basics?.identifiers ?? [], country: basics?.country, city: basics?.city,
            website: party?.child(named: "WebsiteURI")?.nonEmptyText,
            sme: parseBoolean(eo.child(named: "SMEIndicator")?.text),
            size: nil, role: roleCode.flatMap { roleNames[$0.uppercased()] }, roleCode: roleCode,
            groupName: root.child(named: "EconomicOperatorGroupName")?.nonEmptyText,
            representatives: representatives, line: eo.line, path: eo.path)
    }

    /// TendererRole code list of EDM 1.0.2 (note: v1 `SC` is a subcontractor; in v2 it is a sole contractor).
    static let roleNames: [String: String] = [
        "MT": "sole", "SC": "subcontractor", "CL": "lead", "CM": "member", "JV": "member", "SME": "other", "OTH": "other",
    ]

    static func readCriterion(_ element: XMLElement, isResponse: Bool) -> Criterion {
        var assembly = CriterionAssembly(element: element, codeElement: "TypeCode", lots: [], isResponse: isResponse)
        walkGroups(in: element, gates: [], instance: 1, assembly: &assembly)
        return assembly.finish(isResponse: isResponse)
    }

    private static func walkGroups(in parent: XMLElement, gates: [Gate], instance: Int, assembly: inout CriterionAssembly) {
        var lastIndicator: String?
        var occurrences: [String: Int] = [:]
        for child in parent.children {
            if child.isNamed("Requirement") {
                let requirementID = child.child(named: "ID")?.text ?? ""
                // Requirement ids repeat between instances; the key includes the tree position.
                let key = requirementID.isEmpty ? child.path : requirementID
                let type = child.attribute("responseDataType")?.uppercased()
                let question = QuestionInfo(id: key, description: child.child(named: "Description")?.nonEmptyText,
                                            typeCode: "QUESTION", valueType: type, gates: gates, inSubCriterion: false)
                assembly.addQuestionOnce(question)
                if type == "INDICATOR" { lastIndicator = key }
                if let response = child.child(named: "Response"), let answer = answer(from: response, question: question, instance: instance) {
                    assembly.addAnswer(answer, gates: gates)
                }
            } else if child.isNamed("RequirementGroup") {
                let groupID = child.child(named: "ID")?.text ?? ""
                let occurrence = (occurrences[groupID] ?? 0) + 1
                occurrences[groupID] = occurrence
                var childGates = gates
                switch child.attribute("pi")?.uppercased() {
                case "GROUP_FULFILLED.ON_TRUE": if let lastIndicator { childGates.append(Gate(controller: lastIndicator, expected: true)) }
                case "GROUP_FULFILLED.ON_FALSE": if let lastIndicator { childGates.append(Gate(controller: lastIndicator, expected: false)) }
                default: break
                }
                walkGroups(in: child, gates: childGates, instance: max(instance, occurrence), assembly: &assembly)
            }
        }
    }

    /// `ccv:Response` holds exactly one value element; an empty Response means "not answered".
    static func answer(from response: XMLElement, question: QuestionInfo, instance: Int) -> Answer? {
        var answer = Answer(property: question.id, question: question.description, type: question.valueType, instance: instance,
                            applicable: true, gatedBy: nil, criminalData: false, line: response.line, path: response.path)
        for value in response.children {
            switch value.localName {
            case "Indicator": answer.indicator = parseBoolean(value.text)
            case "Date": answer.date = value.nonEmptyText
            case "Description": answer.description = value.nonEmptyText
            case "Amount": if let text = value.nonEmptyText { answer.amount = Amount(value: text, currency: value.attribute("currencyID")) }
            case "Code": answer.code = value.nonEmptyText
            case "Quantity": answer.quantity = value.nonEmptyText
            case "Percent": answer.quantity = value.nonEmptyText
            case "Period":
                let period = Period(start: value.child(named: "StartDate")?.nonEmptyText, end: value.child(named: "EndDate")?.nonEmptyText,
                                    description: value.child(named: "Description")?.nonEmptyText)
                if period.start != nil || period.end != nil || period.description != nil { answer.period = period }
            case "Evidence":
                let references = value.children(named: "EvidenceDocumentReference").map { reference in
                    EvidenceReference(id: reference.child(named: "ID")?.nonEmptyText,
                                      uri: reference.child(path: "Attachment", "ExternalReference", "URI")?.nonEmptyText)
                }
                answer.evidence = (answer.evidence ?? []) + references.filter { $0.id != nil || $0.uri != nil }
            default: break
            }
        }
        return answer.hasValue ? answer : nil
    }
}
