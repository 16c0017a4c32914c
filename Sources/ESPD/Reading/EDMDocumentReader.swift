import SafeXML

/// What differs between the EDM generations (v2.x, v3.x, v4.x) that share the
/// QualificationApplication structure. Each generation's reader file supplies one.
struct EDMConventions {
    enum InstanceEncoding {
        /// v2.x, v3.x: a repeated group is copied with new property ids; the instance is
        /// the occurrence of the group element among its same-id siblings.
        case repeatedGroupCopies
        /// v4.x: property ids are shared; the instance is the `/R<n>` after the property id
        /// in `TenderingCriterionResponse/cbc:ID` (`…/Q4/R2/R1` is instance 2).
        case responseIDSuffix
    }

    var instances: InstanceEncoding
    /// EORoleType (v2) or eo-role-type (v3+) code → model role.
    var roleNames: [String: String]
}

/// Reads a QualificationApplicationRequest/Response (EDM v2.0 and later).
/// Pairing follows shared/espd-formats.md §5.4: properties are collected from the
/// criterion tree, then each root-level `TenderingCriterionResponse` is resolved through
/// `ValidatedCriterionPropertyID`.
enum EDMDocumentReader {
    static func read(_ root: XMLElement, header: DocumentHeader, generation: Generation, conventions: EDMConventions,
                     request: XMLElement? = nil) -> ESPDDocument {
        let isResponse = header.kind == .response
        var warnings: [ReaderWarning] = []
        if header.namespaces == .other {
            warnings.append(ReaderWarning(code: "unexpected-namespace", message: "root element in namespace \(header.declared.rootNamespace ?? "(none)")", line: root.line))
        }

        // 1. Criteria and their questions, in document order.
        var assemblies: [CriterionAssembly] = []
        // Property id → where it is first declared: one lookup per answer (ids are 36-byte UUIDs,
        // and a criterion declares dozens).
        var owner: [String: (criterion: Int, question: Int)] = [:]
        var duplicateProperties = 0
        // A response without criteria is paired with the request's questions (formats §5.4 step 2):
        // criterion lines and paths then point into the request.
        var criterionElements = root.children(named: "TenderingCriterion")
        if criterionElements.isEmpty, isResponse, let request, let requestCriteria = Optional(request.children(named: "TenderingCriterion")), !requestCriteria.isEmpty {
            criterionElements = requestCriteria
            warnings.append(ReaderWarning(code: "criteria-from-request", message: "the response carries no criteria; the questions of \(request.document.sourceName) were used", line: nil))
        }
        for element in criterionElements {
            var assembly = criterionAssembly(element, isResponse: isResponse)
            if element.document !== root.document { assembly.criterion.source = element.document.sourceName }
            for (position, question) in assembly.questions.enumerated() {
                if owner[question.id] != nil { duplicateProperties += 1 } else { owner[question.id] = (assemblies.count, position) }
            }
            assemblies.append(assembly)
        }
        if duplicateProperties > 0 {
            warnings.append(ReaderWarning(code: "duplicate-property-ids", message: "\(duplicateProperties) criterion property ids occur more than once; answers go to the first", line: nil))
        }

        // 2. Root-level evidence, matched by id text only (scheme attributes differ).
        let evidence = root.children(named: "Evidence").compactMap(readEvidence)
        var evidenceByID: [String: Evidence] = [:]
        for item in evidence where evidenceByID[item.id] == nil { evidenceByID[item.id] = item }

        // 3. Answers.
        var unlinked: [Answer] = []
        var mismatches = 0
        var nonQuestions = 0
        if isResponse {
            let answerNames = AnswerNames(root.document)
            for response in root.children(named: "TenderingCriterionResponse") {
                let propertyID = response.child(named: "ValidatedCriterionPropertyID")?.text ?? ""
                let responseID = response.child(named: "ID")?.text ?? ""
                guard let (index, position) = owner[propertyID] else {
                    var answer = readAnswer(response, question: nil, instance: 1, evidence: evidenceByID, names: answerNames)
                    answer.property = propertyID.nonEmpty
                    unlinked.append(answer)
                    continue
                }
                let question = assemblies[index].questions[position]
                let instance: Int
                switch conventions.instances {
                case .responseIDSuffix: instance = instanceFromResponseID(responseID, propertyID: propertyID)
                case .repeatedGroupCopies: instance = question.instance
                }
                let answer = readAnswer(response, question: question, instance: instance, evidence: evidenceByID, names: answerNames)
                if question.typeCode != "QUESTION" { nonQuestions += 1 }
                if let expected = question.valueType, !answerMatches(answer, valueType: expected) { mismatches += 1 }
                assemblies[index].addAnswer(answer, gates: question.gates)
            }
        }
        if !unlinked.isEmpty {
            warnings.append(ReaderWarning(code: "unlinked-answers", message: "\(unlinked.count) answers name a property id that no criterion in this document declares", line: unlinked.first?.line))
        }
        if nonQuestions > 0 {
            warnings.append(ReaderWarning(code: "answer-to-non-question", message: "\(nonQuestions) answers validate a CAPTION or REQUIREMENT; kept", line: nil))
        }
        if mismatches > 0 {
            warnings.append(ReaderWarning(code: "value-type-mismatch", message: "\(mismatches) answers carry a value element other than the one their ValueDataTypeCode names; the value found was kept", line: nil))
        }

        // Finished in place: a copy of an assembly would copy its answers again.
        let criteria = assemblies.indices.map { assemblies[$0].finish(isResponse: isResponse) }
        return ESPDDocument(
            source: root.document.sourceName, generation: generation,
            version: header.version?.description, versionSource: header.versionSource,
            declared: header.declared, kind: header.kind, profile: header.profile, namespaces: header.namespaces,
            id: root.child(named: "ID")?.nonEmptyText, uuid: root.child(named: "UUID")?.nonEmptyText,
            issueDate: root.child(named: "IssueDate")?.nonEmptyText, issueTime: root.child(named: "IssueTime")?.nonEmptyText,
            contractFolderID: root.child(named: "ContractFolderID")?.nonEmptyText,
            contractingAuthority: root.child(path: "ContractingParty", "Party").map(PartyReader.party),
            procurement: PartyReader.procurement(root),
            economicOperator: isResponse ? economicOperator(root, conventions: conventions) : nil,
            criteria: criteria, unlinkedAnswers: unlinked, evidence: evidence,
            documentReferences: PartyReader.documentReferences(root), warnings: warnings)
    }

    static func economicOperator(_ root: XMLElement, conventions: EDMConventions) -> EconomicOperator? {
        guard let eo = root.child(named: "EconomicOperatorParty") else { return nil }
        let party = eo.child(named: "Party")
        // Name, identifiers and address are read as for any UBL party.
        let basics = party.map(PartyReader.party)
        let roleCode = eo.child(path: "EconomicOperatorRole", "RoleCode")?.nonEmptyText
        let size = party?.child(named: "IndustryClassificationCode")?.nonEmptyText?.lowercased()
        let sme: Bool? = switch size {
        case "micro", "small", "medium", "sme": true
        case "large": false
        default: nil
        }
        let representatives = (party?.children(named: "PowerOfAttorney") ?? []).map {
            PartyReader.representative(powerOfAttorney: $0, role: nil, anchor: $0)
        }.filter { $0.firstName != nil || $0.familyName != nil }
        return EconomicOperator(
            name: basics?.name, identifiers: basics?.identifiers ?? [], country: basics?.country, city: basics?.city,
            website: party?.child(named: "WebsiteURI")?.nonEmptyText,
            sme: sme, size: size,
            role: roleCode.flatMap { conventions.roleNames[$0.uppercased()] ?? conventions.roleNames[$0.lowercased()] },
            roleCode: roleCode,
            groupName: root.child(named: "EconomicOperatorGroupName")?.nonEmptyText,
            representatives: representatives, line: eo.line, path: eo.path)
    }

    // MARK: Criteria

    static func criterionAssembly(_ element: XMLElement, isResponse: Bool) -> CriterionAssembly {
        let lots = element.children(named: "ProcurementProjectLotReference").compactMap { $0.child(named: "ID")?.nonEmptyText }
        var assembly = CriterionAssembly(element: element, codeElement: "CriterionTypeCode", lots: lots, isResponse: isResponse)
        walk(element, names: CriterionNames(element.document), gates: [], instance: 1, inSubCriterion: false, assembly: &assembly)
        return assembly
    }

    /// The names the criterion walk matches, looked up once per criterion instead of per element.
    struct CriterionNames {
        let id, description, typeCode, valueDataTypeCode, groupTypeCode, name: XMLName
        let property, group, subsidiaryGroup, subCriterion: XMLName
        init(_ document: XMLDocument) {
            id = document.name("ID"); description = document.name("Description"); typeCode = document.name("TypeCode")
            valueDataTypeCode = document.name("ValueDataTypeCode"); groupTypeCode = document.name("PropertyGroupTypeCode")
            name = document.name("Name"); property = document.name("TenderingCriterionProperty")
            group = document.name("TenderingCriterionPropertyGroup"); subsidiaryGroup = document.name("SubsidiaryTenderingCriterionPropertyGroup")
            subCriterion = document.name("SubTenderingCriterion")
        }
    }

    /// Walks property groups depth-first. A group's ONTRUE/ONFALSE gate refers to the nearest
    /// preceding INDICATOR question among the properties of its parent group.
    private static func walk(_ parent: XMLElement, names: CriterionNames, gates: [Gate], instance: Int, inSubCriterion: Bool, assembly: inout CriterionAssembly) {
        var lastIndicator: String?
        var occurrences: [String: Int] = [:]
        for child in parent.children {
            let kind = child.name
            if kind == names.property {
                // One pass over the property's fields; the first ID, TypeCode and ValueDataTypeCode count.
                var id: String?, typeCode: String?, valueType: String?
                var descriptions: [String] = []
                for field in child.children {
                    let name = field.name
                    if name == names.id { if id == nil { id = field.text } }
                    else if name == names.description { if let text = field.nonEmptyText { descriptions.append(text) } }
                    else if name == names.typeCode { if typeCode == nil { typeCode = field.text.uppercased() } }
                    else if name == names.valueDataTypeCode { if valueType == nil { valueType = field.text.uppercased() } }
                }
                let question = QuestionInfo(
                    id: id ?? "", description: descriptions.joined(separator: " ").nonEmpty, typeCode: typeCode ?? "QUESTION",
                    valueType: valueType?.nonEmpty, gates: gates, inSubCriterion: inSubCriterion, instance: instance)
                assembly.addQuestion(question)
                if question.typeCode == "QUESTION" && question.valueType == "INDICATOR" { lastIndicator = question.id }
            } else if kind == names.group || kind == names.subsidiaryGroup {
                let groupID = child.child(names.id)?.text ?? ""
                let occurrence = (occurrences[groupID] ?? 0) + 1
                occurrences[groupID] = occurrence
                var childGates = gates
                switch child.child(names.groupTypeCode)?.text.uppercased() {
                case "ONTRUE": if let lastIndicator { childGates.append(Gate(controller: lastIndicator, expected: true)) }
                case "ONFALSE": if let lastIndicator { childGates.append(Gate(controller: lastIndicator, expected: false)) }
                default: break
                }
                walk(child, names: names, gates: childGates, instance: occurrence > 1 ? occurrence : instance, inSubCriterion: inSubCriterion, assembly: &assembly)
            } else if kind == names.subCriterion {
                if let name = child.child(names.name)?.nonEmptyText ?? child.child(names.id)?.nonEmptyText {
                    assembly.criterion.subCriteria.append(name)
                }
                walk(child, names: names, gates: gates, instance: instance, inSubCriterion: true, assembly: &assembly)
            }
        }
    }

    // MARK: Answers

    /// `…/Q4/R2/R1` validating `…/Q4` is instance 2.
    static func instanceFromResponseID(_ responseID: String, propertyID: String) -> Int {
        // On the UTF-8 bytes in place: called for every answer, and ids are ASCII in practice.
        var responseID = responseID, propertyID = propertyID
        return responseID.withUTF8 { response in
            propertyID.withUTF8 { property in
                guard response.count > property.count + 2,
                      response[..<property.count].elementsEqual(property),
                      response[property.count] == UInt8(ascii: "/"), response[property.count + 1] == UInt8(ascii: "R") else { return 1 }
                var number = 0, digits = 0
                for byte in response[(property.count + 2)...] {
                    if byte == UInt8(ascii: "/") { break }
                    guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 9 else { return 1 }
                    number = number * 10 + Int(byte - UInt8(ascii: "0"))
                    digits += 1
                }
                return digits > 0 ? number : 1
            }
        }
    }

    /// The names the answer reader matches, looked up once per document.
    struct AnswerNames {
        let responseValue, indicator, date, amount, description, code, responseID, quantity, measure, numeric, uri: XMLName
        init(_ document: XMLDocument) {
            responseValue = document.name("ResponseValue"); indicator = document.name("ResponseIndicator"); date = document.name("ResponseDate")
            amount = document.name("ResponseAmount"); description = document.name("Description"); code = document.name("ResponseCode")
            responseID = document.name("ResponseID"); quantity = document.name("ResponseQuantity"); measure = document.name("ResponseMeasure")
            numeric = document.name("ResponseNumeric"); uri = document.name("ResponseURI")
        }
    }

    static func readAnswer(_ response: XMLElement, question: QuestionInfo?, instance: Int, evidence: [String: Evidence],
                           names: AnswerNames? = nil) -> Answer {
        let names = names ?? AnswerNames(response.document)
        var answer = Answer(property: question?.id, question: question?.description, type: question?.valueType, instance: instance,
                            applicable: true, gatedBy: nil, criminalData: false, line: response.line, path: response.path)
        var descriptions: [String] = []
        var codes: [String] = []
        var identifiers: [Identifier] = []
        // Tolerate values placed directly under the response (one EDM 2.1.0 proposal does this).
        let holders = response.children(names.responseValue) + [response]
        for holder in holders {
            let inResponseValue = holder.name == names.responseValue
            for value in holder.children {
                let name = value.name
                if name == names.indicator { answer.indicator = answer.indicator ?? parseBoolean(value.text) }
                else if name == names.date { answer.date = answer.date ?? value.nonEmptyText }
                else if name == names.amount {
                    if answer.amount == nil, let text = value.nonEmptyText { answer.amount = Amount(value: text, currency: value.attribute("currencyID")) }
                } else if name == names.description { if inResponseValue, let text = value.nonEmptyText { descriptions.append(text) } }
                else if name == names.code { if let text = value.nonEmptyText { codes.append(text) } }
                else if name == names.responseID {
                    if let text = value.nonEmptyText { identifiers.append(Identifier(value: text, scheme: value.attribute("schemeID") ?? value.attribute("schemeAgencyID"))) }
                } else if name == names.quantity || name == names.measure || name == names.numeric { answer.quantity = answer.quantity ?? value.nonEmptyText }
                else if name == names.uri { answer.url = answer.url ?? value.nonEmptyText }
            }
        }
        answer.description = descriptions.isEmpty ? nil : descriptions.joined(separator: "\n")
        answer.code = codes.isEmpty ? nil : codes.joined(separator: ", ")
        if let first = identifiers.first {
            answer.identifier = identifiers.count == 1 ? first : Identifier(value: identifiers.map(\.value).joined(separator: ", "), scheme: first.scheme)
        }
        if let period = response.child(named: "ApplicablePeriod") {
            let value = Period(start: period.child(named: "StartDate")?.nonEmptyText, end: period.child(named: "EndDate")?.nonEmptyText,
                               description: period.child(named: "Description")?.nonEmptyText)
            if value.start != nil || value.end != nil || value.description != nil { answer.period = value }
        }
        let supplied = response.children(named: "EvidenceSupplied").compactMap { $0.child(named: "ID")?.nonEmptyText }
        if !supplied.isEmpty {
            answer.evidence = supplied.map { EvidenceReference(id: $0, uri: evidence[$0]?.uri) }
        }
        return answer
    }

    static func answerMatches(_ answer: Answer, valueType: String) -> Bool {
        guard answer.hasValue else { return true }
        switch valueType {
        case "INDICATOR": return answer.indicator != nil
        case "DATE": return answer.date != nil
        case "AMOUNT": return answer.amount != nil
        case "DESCRIPTION": return answer.description != nil
        case "CODE", "CODE_COUNTRY": return answer.code != nil
        case "IDENTIFIER", "LOT_IDENTIFIER", "ECONOMIC_OPERATOR_IDENTIFIER", "QUAL_IDENTIFIER": return answer.identifier != nil
        case "QUANTITY", "QUANTITY_INTEGER", "QUANTITY_YEAR", "PERCENTAGE": return answer.quantity != nil
        case "URL": return answer.url != nil
        case "PERIOD": return answer.period != nil
        case "EVIDENCE_IDENTIFIER": return answer.evidence != nil
        default: return true
        }
    }

    static func readEvidence(_ element: XMLElement) -> Evidence? {
        guard let id = element.child(named: "ID")?.nonEmptyText else { return nil }
        let reference = element.child(named: "DocumentReference")
        return Evidence(id: id, documentID: reference?.child(named: "ID")?.nonEmptyText,
                        uri: reference?.child(path: "Attachment", "ExternalReference", "URI")?.nonEmptyText,
                        issuer: reference?.child(path: "IssuerParty", "PartyName", "Name")?.nonEmptyText,
                        confidentiality: element.child(named: "ConfidentialityLevelCode")?.nonEmptyText,
                        line: element.line, path: element.path)
    }
}
