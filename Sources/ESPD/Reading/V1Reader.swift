import SafeXML

/// ESPD v1 (EDM 1.0.x, EU ESPD service 2015–2018, TenderNed UEA, Norwegian EHF ESPD):
/// roots `ESPDRequest`/`ESPDResponse`, criteria `ccv:Criterion` with answers inline in
/// `ccv:Requirement/ccv:Response`.
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
            warnings.append(
                ReaderWarning(
                    code: "unexpected-namespace", message: "v1 root element in namespace \(header.declared.rootNamespace ?? "(none)")",
                    line: root.line))
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
            return PartyReader.representative(
                powerOfAttorney: attorney, role: person.child(named: "NaturalPersonRoleDescription")?.nonEmptyText, anchor: person)
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
        walkGroups(in: element, gates: [], instance: 1, group: 0, groupID: "", assembly: &assembly)
        return assembly.finish(isResponse: isResponse, generation: .v1)
    }

    private static func walkGroups(
        in parent: XMLElement, gates: [Gate], instance: Int, group: Int, groupID: String, assembly: inout CriterionAssembly
    ) {
        var lastIndicator: String?
        var occurrences: [String: Int] = [:]
        for child in parent.children {
            if child.isNamed("Requirement") {
                let requirementID = child.child(named: "ID")?.text ?? ""
                // Requirement ids repeat between instances; the key includes the tree position.
                let key = requirementID.isEmpty ? child.path : requirementID
                let type = child.attribute("responseDataType")?.uppercased()
                let question = QuestionInfo(
                    id: key, description: child.child(named: "Description")?.nonEmptyText,
                    typeCode: "QUESTION", valueType: type, gates: gates, inSubCriterion: false,
                    group: group, groupID: groupID, line: child.line)
                assembly.addQuestionOnce(question)
                if type == "INDICATOR" { lastIndicator = key }
                // Every Response is read: a second one is a conflict to report, not to skip.
                for response in child.children(named: "Response") {
                    for answer in answers(from: response, question: question, instance: instance) {
                        assembly.addAnswer(answer, gates: gates)
                    }
                }
            } else if child.isNamed("RequirementGroup") {
                let childGroupID = child.child(named: "ID")?.text ?? ""
                let occurrence = (occurrences[childGroupID] ?? 0) + 1
                occurrences[childGroupID] = occurrence
                var childGates = gates
                switch child.attribute("pi")?.uppercased() {
                case "GROUP_FULFILLED.ON_TRUE": if let lastIndicator { childGates.append(Gate(controller: lastIndicator, expected: true)) }
                case "GROUP_FULFILLED.ON_FALSE":
                    if let lastIndicator { childGates.append(Gate(controller: lastIndicator, expected: false)) }
                default: break
                }
                assembly.groupCount += 1
                walkGroups(
                    in: child, gates: childGates, instance: max(instance, occurrence), group: assembly.groupCount,
                    groupID: groupID == "" ? childGroupID : groupID + "/" + childGroupID, assembly: &assembly)
            }
        }
    }

    /// `ccv:Response` holds one value element; an empty Response means "not answered". A second
    /// value of the same kind becomes an answer of its own at its own line (a conflict to report).
    static func answers(from response: XMLElement, question: QuestionInfo, instance: Int) -> [Answer] {
        func blank(_ line: Int, _ path: String) -> Answer {
            var answer = Answer(
                property: question.id, question: question.description, type: question.valueType, instance: instance,
                applicable: true, gatedBy: nil, criminalData: false, line: line, path: path)
            answer.responseLine = response.line
            return answer
        }
        var result = [blank(response.line, response.path)]
        var firstValue: XMLElement? = nil
        /// The answer that takes the next value of a kind: the first one without it, else a new one.
        func slot(_ has: (Answer) -> Bool, _ value: XMLElement) -> Int {
            if let index = result.firstIndex(where: { !has($0) }) {
                if index == 0, firstValue == nil { firstValue = value }
                return index
            }
            result.append(blank(value.line, value.path))
            return result.count - 1
        }
        for value in response.children {
            switch value.localName {
            case "Indicator":
                let raw = value.text
                guard !raw.isEmpty else { continue }
                let index = slot({ $0.indicator != nil || $0.unreadable != nil }, value)
                if let parsed = parseBoolean(raw) {
                    result[index].indicator = parsed
                } else {
                    result[index].unreadable = String(raw.prefix(40))
                    result[index].line = value.line
                    result[index].path = value.path
                }
            case "Date": if let text = value.nonEmptyText { result[slot({ $0.date != nil }, value)].date = text }
            case "Description":
                if let text = value.nonEmptyText {
                    result[0].description = [result[0].description, text].compactMap { $0 }.joined(separator: "\n")
                }
            case "Amount":
                if let text = value.nonEmptyText {
                    result[slot({ $0.amount != nil }, value)].amount = Amount(value: text, currency: value.attribute("currencyID"))
                }
            case "Code":
                if let text = value.nonEmptyText { result[0].code = [result[0].code, text].compactMap { $0 }.joined(separator: ", ") }
            case "Quantity", "Percent": if let text = value.nonEmptyText { result[slot({ $0.quantity != nil }, value)].quantity = text }
            case "Period":
                let period = Period(
                    start: value.child(named: "StartDate")?.nonEmptyText, end: value.child(named: "EndDate")?.nonEmptyText,
                    description: value.child(named: "Description")?.nonEmptyText)
                if period.start != nil || period.end != nil || period.description != nil { result[0].period = period }
            case "Evidence":
                let references = value.children(named: "EvidenceDocumentReference").map { reference in
                    EvidenceReference(
                        id: reference.child(named: "ID")?.nonEmptyText,
                        uri: reference.child(path: "Attachment", "ExternalReference", "URI")?.nonEmptyText)
                }
                result[0].evidence = (result[0].evidence ?? []) + references.filter { $0.id != nil || $0.uri != nil }
            default: break
            }
        }
        // Several values: the first answer points at its own value element too.
        if result.count > 1, let firstValue, result[0].unreadable == nil {
            result[0].line = firstValue.line
            result[0].path = firstValue.path
        }
        return result.filter(\.hasValue)
    }
}
