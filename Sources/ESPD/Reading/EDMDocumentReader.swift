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
        let isResponse = header.kind == .response
        var warnings: [ReaderWarning] = []
        if header.namespaces == .other {
            warnings.append(
                ReaderWarning(
                    code: "unexpected-namespace", message: "root element in namespace \(header.declared.rootNamespace ?? "(none)")",
                    line: root.line))
        }

        // 1. Criteria and their questions, in document order.
        var assemblies: [CriterionAssembly] = []
        // Property id → where it is first declared: one lookup per answer (ids are 36-byte UUIDs,
        // and a criterion declares dozens). A property id declared again (an adversary's decoy, or
        // EDM 2.0.0/2.0.1 SELFCONTAINED files) also gets the answer: never first-wins.
        var owner: [String: (criterion: Int, question: Int)] = [:]
        var moreOwners: [String: [(criterion: Int, question: Int)]] = [:]
        var duplicateLines: [Int] = []
        // A response without criteria is paired with the request's questions:
        // criterion lines and paths then point into the request.
        var criterionElements = root.children(named: "TenderingCriterion")
        let requestCriteria = request?.children(named: "TenderingCriterion") ?? []
        var ownCriteria = true
        if criterionElements.isEmpty, isResponse, let request, !requestCriteria.isEmpty {
            criterionElements = requestCriteria
            ownCriteria = false
            warnings.append(
                ReaderWarning(
                    code: "criteria-from-request",
                    message: "the response carries no criteria; the questions of \(request.document.sourceName) were used", line: nil))
        }
        var criterionLines: [String: [Int]] = [:]
        for element in criterionElements {
            var assembly = criterionAssembly(element, isResponse: isResponse)
            if element.document !== root.document { assembly.criterion.source = element.document.sourceName }
            for (position, question) in assembly.questions.enumerated() {
                if owner[question.id] != nil {
                    moreOwners[question.id, default: []].append((assemblies.count, position))
                    // REQUIREMENTs repeat their id by design (one "LOT identifier" per lot, EDM 2.1.0
                    // SELFCONTAINED); a question declared twice is what can misroute an answer.
                    if question.typeCode == "QUESTION" { duplicateLines.append(question.line) }
                } else {
                    owner[question.id] = (assemblies.count, position)
                }
            }
            criterionLines[assembly.criterion.uuid.lowercased(), default: []].append(element.line)
            assemblies.append(assembly)
        }
        if !duplicateLines.isEmpty {
            warnings.append(
                ReaderWarning(
                    code: "duplicate-property-ids",
                    message:
                        "\(duplicateLines.count) question ids are declared more than once (lines \(Self.lineList(duplicateLines))); their answers are read for every declaration",
                    line: duplicateLines.first))
        }
        let repeatedFields = assemblies.flatMap(\.repeatedFieldLines)
        if !repeatedFields.isEmpty {
            warnings.append(
                ReaderWarning(
                    code: "repeated-property-fields",
                    message:
                        "\(repeatedFields.count) properties declare their id, type code or value type more than once (lines \(Self.lineList(repeatedFields))); the first of each was read",
                    line: repeatedFields.first))
        }
        for (uuid, lines) in criterionLines where lines.count > 1 {
            warnings.append(
                ReaderWarning(
                    code: "duplicate-criterion",
                    message: "criterion \(uuid) occurs \(lines.count) times (lines \(Self.lineList(lines))); each copy is read",
                    line: lines.first))
        }
        warnings.sort { ($0.line ?? 0) < ($1.line ?? 0) }

        // The authority's questions (the tender's request) for each criterion of the response's own copy.
        // Property ids are the same only within one EDM release (v2/v3 UUIDs are regenerated
        // between releases): a request of another version is no
        // reference for ids, and the catalogue rule alone decides.
        var authorityOwner: [String: Int] = [:]
        var sameRelease = false
        if isResponse, ownCriteria, let request, !requestCriteria.isEmpty {
            let requestHeader: DocumentHeader?
            do { requestHeader = try HeaderReader.read(request) } catch { requestHeader = nil }
            sameRelease = requestHeader?.version == header.version && requestHeader?.namespaces == header.namespaces
            if !sameRelease {
                warnings.append(
                    ReaderWarning(
                        code: "request-other-release",
                        message:
                            "the request \(request.document.sourceName) is EDM \(requestHeader?.version?.description ?? "unknown") and this response EDM \(header.version?.description ?? "unknown"): questions are identified by the catalogue, not by the request's ids",
                        line: nil))
            }
        }
        // The request decides for every criterion it asks, whatever release the response declares:
        // the criterion by its id (stable across releases) or its exclusion ground, its questions
        // by property id within one release only. A response that declares another release is
        // compared with the request all the same, never read more leniently for it.
        if isResponse, ownCriteria, let request, !requestCriteria.isEmpty {
            var byUUID: [String: [Int]] = [:]
            var byGround: [String: [Int]] = [:]
            for index in assemblies.indices {
                byUUID[assemblies[index].criterion.uuid.lowercased(), default: []].append(index)
                if let ground = assemblies[index].criterion.ground { byGround[ground, default: []].append(index) }
            }
            for element in requestCriteria {
                let asked = criterionAssembly(element, isResponse: false)
                let uuid = asked.criterion.uuid.lowercased()
                guard let indices = byUUID[uuid] ?? asked.criterion.ground.flatMap({ byGround[$0] }) else {
                    if sameRelease && asked.criterion.category == .exclusion {
                        warnings.append(
                            ReaderWarning(
                                code: "criterion-missing",
                                message:
                                    "exclusion criterion \(asked.criterion.ground ?? uuid) asked in \(request.document.sourceName) (line \(element.line)) is not in the response",
                                line: nil))
                    }
                    continue
                }
                for index in indices {
                    assemblies[index].authority = AuthorityQuestions(
                        source: request.document.sourceName, questions: sameRelease ? asked.questions : [],
                        description: asked.criterion.description, line: element.line)
                    guard sameRelease else { continue }
                    for question in asked.questions where authorityOwner[question.id] == nil { authorityOwner[question.id] = index }
                }
            }
        }

        // Without a request of the same release, the official structure of the response's release
        // is the authority's: gates, question texts, types and meanings come from it.
        if isResponse, ownCriteria {
            for index in assemblies.indices
            where assemblies[index].criterion.ground != nil && (assemblies[index].authority?.questions.isEmpty ?? true) {
                guard let official = assemblies[index].officialAuthority(declared: header.version?.description, generation: generation)
                else { continue }
                if var authority = assemblies[index].authority {
                    authority.questions = official.questions
                    authority.questionSource = official.source
                    assemblies[index].authority = authority
                } else {
                    assemblies[index].authority = official
                }
            }
        }

        // 2. Root-level evidence, matched by id text only (scheme attributes differ).
        let evidence = root.children(named: "Evidence").compactMap(readEvidence)
        var evidenceByID: [String: Evidence] = [:]
        for item in evidence where evidenceByID[item.id] == nil { evidenceByID[item.id] = item }

        // 3. Answers.
        var unlinked: [Answer] = []
        var mismatches = 0
        var nonQuestions = 0
        // The criterion of each response in document order (nil for an unlinked one), to place
        // unlinked answers between their neighbours.
        var sequence: [(criterion: Int?, unlinked: Int?)] = []
        // Responses and criteria belong at the root; one placed deeper (inside another element)
        // is read all the same and reported: a "yes" must not hide in an unexpected place.
        var responses = root.children(named: "TenderingCriterionResponse")
        for name in ["TenderingCriterionResponse", "TenderingCriterion"] {
            for element in root.document.elements(named: name) where !(element.parent.map { $0.isSame(as: root) } ?? true) {
                if name == "TenderingCriterion" && element.parent?.localName == "TenderingCriterionResponse" { continue }
                warnings.append(
                    ReaderWarning(
                        code: "misplaced-element",
                        message:
                            "\(name) at line \(element.line) is not at the document's root (\(element.path))\(name == "TenderingCriterionResponse" && isResponse ? "; it is read as an answer" : "; it was not read")",
                        line: element.line))
                if name == "TenderingCriterionResponse" { responses.append(element) }
            }
        }
        if isResponse {
            let answerNames = AnswerNames(root.document)
            for response in responses {
                let propertyElements = response.children(answerNames.validatedProperty)
                let propertyIDs = propertyElements.map(\.text)
                for element in propertyElements where IdentifierText.hasHiddenCharacters(element.text) {
                    warnings.append(
                        ReaderWarning(
                            code: "hidden-characters-in-id",
                            message:
                                "the answer at line \(response.line) names property \"\(CriterionAssembly.visible(element.text))\", which contains invisible or non-ASCII characters",
                            line: element.line))
                }
                if propertyIDs.count > 1 {
                    warnings.append(
                        ReaderWarning(
                            code: "several-property-ids",
                            message:
                                "the response at line \(response.line) names \(propertyIDs.count) properties; it is read as an answer to each",
                            line: response.line))
                }
                let responseID = response.child(named: "ID")?.text ?? ""
                for propertyID in propertyIDs.isEmpty ? [""] : propertyIDs {
                    guard let first = owner[propertyID] else {
                        for var answer in readAnswers(response, question: nil, instance: 1, evidence: evidenceByID, names: answerNames) {
                            answer.property = propertyID.nonEmpty
                            sequence.append((nil, unlinked.count))
                            unlinked.append(answer)
                        }
                        continue
                    }
                    sequence.append((first.criterion, nil))
                    for (index, position) in [first] + (moreOwners[propertyID] ?? []) {
                        let question = assemblies[index].questions[position]
                        let instance: Int
                        switch conventions.instances {
                        case .responseIDSuffix: instance = instanceFromResponseID(responseID, propertyID: propertyID)
                        case .repeatedGroupCopies: instance = question.instance
                        }
                        for answer in readAnswers(
                            response, question: question, instance: instance, evidence: evidenceByID, names: answerNames)
                        {
                            if question.typeCode != "QUESTION" { nonQuestions += 1 }
                            if let expected = question.valueType, !answerMatches(answer, valueType: expected) { mismatches += 1 }
                            assemblies[index].addAnswer(answer, gates: question.gates)
                        }
                    }
                }
            }
        }
        // Unlinked answers: reported one by one, and offered to the criterion they most likely
        // belong to (same id without invisible characters, the request's id, or the v4 path prefix).
        for index in unlinked.indices {
            let raw = unlinked[index].property ?? ""
            let normalised = IdentifierText.normalised(raw)
            let target =
                owner[normalised]?.criterion ?? authorityOwner[raw] ?? authorityOwner[normalised] ?? Self.v4Owner(
                    normalised, assemblies: assemblies)
                ?? Self.neighbourOwner(index, sequence: sequence, assemblies: assemblies)
            if let target {
                unlinked[index].belongsTo = assemblies[target].criterion.ground ?? assemblies[target].criterion.uuid
                assemblies[target].unlinked.append((unlinked[index], normalised))
            }
            warnings.append(
                ReaderWarning(
                    code: "unlinked-answer",
                    message:
                        "the answer at line \(unlinked[index].line) names property \"\(CriterionAssembly.visible(raw))\", which no criterion in this document declares\(unlinked[index].belongsTo.map { "; it most likely belongs to \($0)" } ?? "")",
                    line: unlinked[index].line))
        }
        if nonQuestions > 0 {
            warnings.append(
                ReaderWarning(
                    code: "answer-to-non-question", message: "\(nonQuestions) answers validate a CAPTION or REQUIREMENT; kept", line: nil))
        }
        if mismatches > 0 {
            warnings.append(
                ReaderWarning(
                    code: "value-type-mismatch",
                    message:
                        "\(mismatches) answers carry a value element other than the one their ValueDataTypeCode names; the value found was kept",
                    line: nil))
        }

        // Finished in place: a copy of an assembly would copy its answers again.
        let criteria = assemblies.indices.map { assemblies[$0].finish(isResponse: isResponse, generation: generation) }
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
