import Basics
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
/// Pairing: properties are collected from the
/// criterion tree, then each root-level `TenderingCriterionResponse` is resolved through
/// `ValidatedCriterionPropertyID`.
enum EDMDocumentReader {
    static func read(
        _ root: XMLElement, header: DocumentHeader, generation: Generation, conventions: EDMConventions,
        request: XMLElement? = nil
    ) -> ESPDDocument {
        var reading = Reading(root: root, header: header, generation: generation, conventions: conventions, request: request)
        reading.readCriteria()
        reading.pairWithRequest()
        reading.applyOfficialStructure()
        reading.readRootEvidence()
        reading.readResponses()
        reading.placeUnlinkedAnswers()
        return reading.document()
    }

    static func economicOperator(_ root: XMLElement, conventions: EDMConventions) -> EconomicOperator? {
        guard let eo = root.child(named: "EconomicOperatorParty") else { return nil }
        let party = eo.child(named: "Party")
        // Name, identifiers and address are read as for any UBL party.
        let basics = party.map(PartyReader.party)
        let roleCode = eo.child(path: "EconomicOperatorRole", "RoleCode")?.nonEmptyText
        let size = party?.child(named: "IndustryClassificationCode")?.nonEmptyText?.lowercased()
        let sme: Bool? =
            switch size {
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

    /// "12, 40, 73" (at most 20 lines, then "and N more").
    static func lineList(_ lines: [Int]) -> String {
        let shown = lines.prefix(20).map(String.init).joined(separator: ", ")
        return lines.count > 20 ? "\(shown) and \(lines.count - 20) more" : shown
    }

    /// v4 property ids are paths that start with the criterion's own prefix (`C1_EG_crime-org/…`):
    /// the criterion whose declared ids share that prefix.
    static func v4Owner(_ id: String, assemblies: [CriterionAssembly]) -> Int? {
        guard let slash = id.firstIndex(of: "/"), id.hasPrefix("C") else { return nil }
        let prefix = id[..<slash] + "/"
        return assemblies.firstIndex { $0.questions.contains { $0.id.hasPrefix(prefix) } }
    }

    /// Last resort for an unlinked answer (a v2/v3 UUID renamed in the criterion copy): the
    /// exclusion criterion of a neighbouring response (responses follow criterion order) whose
    /// "Your answer" has no answer of its own: where the missing answer would be.
    static func neighbourOwner(_ unlinkedIndex: Int, sequence: [(criterion: Int?, unlinked: Int?)], assemblies: [CriterionAssembly]) -> Int?
    {
        guard let position = sequence.firstIndex(where: { $0.unlinked == unlinkedIndex }) else { return nil }
        let before = sequence[..<position].last { $0.criterion != nil }?.criterion ?? -1
        let after = sequence[(position + 1)...].first { $0.criterion != nil }?.criterion ?? assemblies.count
        guard before <= after else { return nil }
        // The exclusion criteria from the one answered before to the one answered after, whose
        // "Your answer" is unanswered: exactly one, or no guess.
        let candidates = (max(before, 0)..<min(after + 1, assemblies.count)).filter { index in
            let assembly = assemblies[index]
            guard assembly.criterion.category == .exclusion,
                let yourAnswer = CriterionAssembly.yourAnswer(in: assembly.questions)?.primary.id
            else { return false }
            return !assembly.criterion.answers.contains { $0.property == yourAnswer }
        }
        return candidates.count == 1 ? candidates[0] : nil
    }

    // MARK: Criteria

    static func criterionAssembly(_ element: XMLElement, isResponse: Bool) -> CriterionAssembly {
        let lots = element.children(named: "ProcurementProjectLotReference").compactMap { $0.child(named: "ID")?.nonEmptyText }
        var assembly = CriterionAssembly(element: element, codeElement: "CriterionTypeCode", lots: lots, isResponse: isResponse)
        walk(
            element, names: CriterionNames(element.document), gates: [], steps: [], instance: 1, inSubCriterion: false, group: 0,
            groupID: "", assembly: &assembly)
        return assembly
    }

    /// The names the criterion walk matches, looked up once per criterion instead of per element.
    struct CriterionNames {
        let id, description, typeCode, valueDataTypeCode, groupTypeCode, name: XMLName
        let property, group, subsidiaryGroup, subCriterion: XMLName
        init(_ document: XMLDocument) {
            id = document.name("ID")
            description = document.name("Description")
            typeCode = document.name("TypeCode")
            valueDataTypeCode = document.name("ValueDataTypeCode")
            groupTypeCode = document.name("PropertyGroupTypeCode")
            name = document.name("Name")
            property = document.name("TenderingCriterionProperty")
            group = document.name("TenderingCriterionPropertyGroup")
            subsidiaryGroup = document.name("SubsidiaryTenderingCriterionPropertyGroup")
            subCriterion = document.name("SubTenderingCriterion")
        }
    }

    /// Walks property groups depth-first. A group's ONTRUE/ONFALSE gate refers to the nearest
    /// preceding INDICATOR question among the properties of its parent group.
    private static func walk(
        _ parent: XMLElement, names: CriterionNames, gates: [Gate], steps: [GroupStep], instance: Int, inSubCriterion: Bool, group: Int,
        groupID: String, assembly: inout CriterionAssembly
    ) {
        var lastIndicator: String?
        var occurrences: [String: Int] = [:]
        var propertyCount = 0
        for child in parent.children {
            let kind = child.name
            if kind == names.property {
                // One pass over the property's fields; the first ID, TypeCode and ValueDataTypeCode count.
                var id: String?
                var typeCode: String?
                var valueType: String?
                var descriptions: [String] = []
                var repeated = false
                for field in child.children {
                    let name = field.name
                    if name == names.id {
                        if id == nil { id = field.text } else { repeated = true }
                    } else if name == names.description {
                        if let text = field.nonEmptyText { descriptions.append(text) }
                    } else if name == names.typeCode {
                        if typeCode == nil { typeCode = field.text.uppercased() } else { repeated = true }
                    } else if name == names.valueDataTypeCode {
                        if valueType == nil { valueType = field.text.uppercased() } else { repeated = true }
                    }
                }
                // The first of each counts (the schema allows one); a second is a sign of editing.
                if repeated { assembly.repeatedFieldLines.append(child.line) }
                let question = QuestionInfo(
                    id: id ?? "", description: descriptions.joined(separator: " ").nonEmpty, typeCode: typeCode ?? "QUESTION",
                    valueType: valueType?.nonEmpty, gates: gates, inSubCriterion: inSubCriterion, instance: instance,
                    group: group, groupID: groupID, line: child.line, steps: steps, position: propertyCount + 1)
                propertyCount += 1
                assembly.addQuestion(question)
                if question.typeCode == "QUESTION" && question.valueType == "INDICATOR" { lastIndicator = question.id }
            } else if kind == names.group || kind == names.subsidiaryGroup {
                let childGroupID = child.child(names.id)?.text ?? ""
                let occurrence = (occurrences[childGroupID] ?? 0) + 1
                occurrences[childGroupID] = occurrence
                var childGates = gates
                let code = child.child(names.groupTypeCode)?.text.uppercased() ?? ""
                var step = GroupStep(key: GroupStep.key(ofGroupID: childGroupID), code: code)
                switch code {
                case "ONTRUE": if let lastIndicator { childGates.append(Gate(controller: lastIndicator, expected: true)) }
                case "ONFALSE": if let lastIndicator { childGates.append(Gate(controller: lastIndicator, expected: false)) }
                default: break
                }
                assembly.groupCount += 1
                step.element = assembly.groupCount
                walk(
                    child, names: names, gates: childGates, steps: steps + [step], instance: occurrence > 1 ? occurrence : instance,
                    inSubCriterion: inSubCriterion,
                    group: assembly.groupCount, groupID: groupID == "" ? childGroupID : groupID + "/" + childGroupID, assembly: &assembly)
            } else if kind == names.subCriterion {
                if let name = child.child(names.name)?.nonEmptyText ?? child.child(names.id)?.nonEmptyText {
                    assembly.criterion.subCriteria.append(name)
                }
                walk(
                    child, names: names, gates: gates, steps: steps, instance: instance, inSubCriterion: true, group: group,
                    groupID: groupID, assembly: &assembly)
            }
        }
    }

    // MARK: Answers

    /// `…/Q4/R2/R1` validating `…/Q4` is instance 2.
    static func instanceFromResponseID(_ responseID: String, propertyID: String) -> Int {
        // On the UTF-8 bytes in place: called for every answer, and ids are ASCII in practice.
        var responseID = responseID
        var propertyID = propertyID
        return responseID.withUTF8 { response in
            propertyID.withUTF8 { property in
                guard response.count > property.count + 2,
                    response[..<property.count].elementsEqual(property),
                    response[property.count] == UInt8(ascii: "/"), response[property.count + 1] == UInt8(ascii: "R")
                else { return 1 }
                var number = 0
                var digits = 0
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
        let validatedProperty: XMLName
        init(_ document: XMLDocument) {
            responseValue = document.name("ResponseValue")
            indicator = document.name("ResponseIndicator")
            date = document.name("ResponseDate")
            amount = document.name("ResponseAmount")
            description = document.name("Description")
            code = document.name("ResponseCode")
            responseID = document.name("ResponseID")
            quantity = document.name("ResponseQuantity")
            measure = document.name("ResponseMeasure")
            numeric = document.name("ResponseNumeric")
            uri = document.name("ResponseURI")
            validatedProperty = document.name("ValidatedCriterionPropertyID")
        }
    }

    /// The answers one `TenderingCriterionResponse` gives. A question takes one value of a
    /// single-valued type (indicator, date, amount, quantity, URL) per instance: a second value in
    /// the same response becomes an answer of its own (at the value's line), so the criterion sees
    /// every value and reports the conflict instead of keeping the first. Lists (descriptions,
    /// codes, identifiers) stay one answer.
    static func readAnswers(
        _ response: XMLElement, question: QuestionInfo?, instance: Int, evidence: [String: Evidence],
        names: AnswerNames
    ) -> [Answer] {
        var answer = Answer(
            property: question?.id, question: question?.description, type: question?.valueType, instance: instance,
            applicable: true, gatedBy: nil, criminalData: false, line: response.line, path: response.path)
        var descriptions: [String] = []
        var codes: [String] = []
        var identifiers: [Identifier] = []
        // Single-valued values with the element each came from.
        var indicators: [(value: Bool?, raw: String, element: XMLElement)] = []
        var dates: [(String, XMLElement)] = []
        var amounts: [(Amount, XMLElement)] = []
        var quantities: [(String, XMLElement)] = []
        var urls: [(String, XMLElement)] = []
        // Tolerate values placed directly under the response (one EDM 2.1.0 proposal does this).
        let holders = response.children(names.responseValue) + [response]
        for holder in holders {
            let inResponseValue = holder.name == names.responseValue
            for value in holder.children {
                let name = value.name
                if name == names.indicator {
                    let raw = value.text
                    if !raw.isEmpty { indicators.append((parseBoolean(raw), raw, value)) }
                } else if name == names.date {
                    if let text = value.nonEmptyText { dates.append((text, value)) }
                } else if name == names.amount {
                    if let text = value.nonEmptyText {
                        amounts.append((Amount(value: text, currency: value.attribute("currencyID")), value))
                    }
                } else if name == names.description {
                    if inResponseValue, let text = value.nonEmptyText { descriptions.append(text) }
                } else if name == names.code {
                    if let text = value.nonEmptyText { codes.append(text) }
                } else if name == names.responseID {
                    if let text = value.nonEmptyText {
                        identifiers.append(
                            Identifier(value: text, scheme: value.attribute("schemeID") ?? value.attribute("schemeAgencyID")))
                    }
                } else if name == names.quantity || name == names.measure || name == names.numeric {
                    if let text = value.nonEmptyText { quantities.append((text, value)) }
                } else if name == names.uri {
                    if let text = value.nonEmptyText { urls.append((text, value)) }
                }
            }
        }
        answer.description = descriptions.isEmpty ? nil : descriptions.joined(separator: "\n")
        answer.code = codes.isEmpty ? nil : codes.joined(separator: ", ")
        if let first = identifiers.first {
            answer.identifier =
                identifiers.count == 1 ? first : Identifier(value: identifiers.map(\.value).joined(separator: ", "), scheme: first.scheme)
        }
        if let period = response.child(named: "ApplicablePeriod") {
            let value = Period(
                start: period.child(named: "StartDate")?.nonEmptyText, end: period.child(named: "EndDate")?.nonEmptyText,
                description: period.child(named: "Description")?.nonEmptyText)
            if value.start != nil || value.end != nil || value.description != nil { answer.period = value }
        }
        let supplied = response.children(named: "EvidenceSupplied").compactMap { $0.child(named: "ID")?.nonEmptyText }
        if !supplied.isEmpty {
            answer.evidence = supplied.map { EvidenceReference(id: $0, uri: evidence[$0]?.uri) }
        }
        let count = max(indicators.count, dates.count, amounts.count, quantities.count, urls.count)
        var answers = [answer]
        answers.reserveCapacity(max(1, count))
        for slot in 0..<count {
            var element: XMLElement? = nil
            var target =
                slot == 0
                ? answer
                : Answer(
                    property: question?.id, question: question?.description, type: question?.valueType, instance: instance,
                    applicable: true, gatedBy: nil, criminalData: false, line: response.line, path: response.path)
            if slot < indicators.count {
                target.indicator = indicators[slot].value
                if indicators[slot].value == nil { target.unreadable = String(indicators[slot].raw.prefix(40)) }
                element = indicators[slot].element
            }
            if slot < dates.count {
                target.date = dates[slot].0
                element = element ?? dates[slot].1
            }
            if slot < amounts.count {
                target.amount = amounts[slot].0
                element = element ?? amounts[slot].1
            }
            if slot < quantities.count {
                target.quantity = quantities[slot].0
                element = element ?? quantities[slot].1
            }
            if slot < urls.count {
                target.url = urls[slot].0
                element = element ?? urls[slot].1
            }
            // Several values, or one that cannot be read: each answer points at its own value element.
            if let element, count > 1 || target.unreadable != nil {
                target.line = element.line
                target.path = element.path
            }
            if slot == 0 {
                answers[0] = target
                continue
            }
            target.responseLine = response.line
            answers.append(target)
        }
        return answers
    }

    static func answerMatches(_ answer: Answer, valueType: String) -> Bool {
        guard answer.hasValue else { return true }
        switch valueType {
        case "INDICATOR": return answer.indicator != nil || answer.unreadable != nil
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
        return Evidence(
            id: id, documentID: reference?.child(named: "ID")?.nonEmptyText,
            uri: reference?.child(path: "Attachment", "ExternalReference", "URI")?.nonEmptyText,
            issuer: reference?.child(path: "IssuerParty", "PartyName", "Name")?.nonEmptyText,
            confidentiality: element.child(named: "ConfidentialityLevelCode")?.nonEmptyText,
            line: element.line, path: element.path)
    }
}
