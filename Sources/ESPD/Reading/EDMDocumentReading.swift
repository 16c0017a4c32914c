import Basics
import SafeXML

extension EDMDocumentReader {
    /// One document being read, phase by phase (`EDMDocumentReader.read`): the criteria and their
    /// questions, the authority's questions for each (the request, else the official structure of
    /// the release), the root-level evidence, the answers, the unlinked answers placed with the
    /// criterion they most likely belong to, and the finished document.
    struct Reading {
        let root: XMLElement
        let header: DocumentHeader
        let generation: Generation
        let conventions: EDMConventions
        let request: XMLElement?
        let isResponse: Bool
        let requestCriteria: [XMLElement]
        var warnings: [ReaderWarning] = []
        var assemblies: [CriterionAssembly] = []
        // Property id → where it is first declared: one lookup per answer (ids are 36-byte UUIDs,
        // and a criterion declares dozens). A property id declared again (an adversary's decoy, or
        // EDM 2.0.0/2.0.1 SELFCONTAINED files) also gets the answer: never first-wins.
        var owner: [String: (criterion: Int, question: Int)] = [:]
        var moreOwners: [String: [(criterion: Int, question: Int)]] = [:]
        /// False when a response without criteria is read with the request's questions.
        var ownCriteria = true
        /// Property id of the request → the criterion it was paired with (same release only).
        var authorityOwner: [String: Int] = [:]
        var sameRelease = false
        var evidence: [Evidence] = []
        var evidenceByID: [String: Evidence] = [:]
        var unlinked: [Answer] = []
        var mismatches = 0
        var nonQuestions = 0
        // The criterion of each response in document order (nil for an unlinked one), to place
        // unlinked answers between their neighbours.
        var sequence: [(criterion: Int?, unlinked: Int?)] = []

        init(root: XMLElement, header: DocumentHeader, generation: Generation, conventions: EDMConventions, request: XMLElement?) {
            self.root = root
            self.header = header
            self.generation = generation
            self.conventions = conventions
            self.request = request
            isResponse = header.kind == .response
            requestCriteria = request?.children(named: "TenderingCriterion") ?? []
            if header.namespaces == .other {
                warnings.append(
                    ReaderWarning(
                        code: "unexpected-namespace", message: "root element in namespace \(header.declared.rootNamespace ?? "(none)")",
                        line: root.line))
            }
        }

        /// Phase 1: criteria and their questions, in document order, with the ids declared twice.
        mutating func readCriteria() {
            // 1. Criteria and their questions, in document order.
            // Property id → where it is first declared: one lookup per answer (ids are 36-byte UUIDs,
            // and a criterion declares dozens). A property id declared again (an adversary's decoy, or
            // EDM 2.0.0/2.0.1 SELFCONTAINED files) also gets the answer: never first-wins.
            var duplicateLines: [Int] = []
            // A response without criteria is paired with the request's questions:
            // criterion lines and paths then point into the request.
            var criterionElements = root.children(named: "TenderingCriterion")
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
                            "\(duplicateLines.count) question ids are declared more than once (lines \(EDMDocumentReader.lineList(duplicateLines))); their answers are read for every declaration",
                        line: duplicateLines.first))
            }
            let repeatedFields = assemblies.flatMap(\.repeatedFieldLines)
            if !repeatedFields.isEmpty {
                warnings.append(
                    ReaderWarning(
                        code: "repeated-property-fields",
                        message:
                            "\(repeatedFields.count) properties declare their id, type code or value type more than once (lines \(EDMDocumentReader.lineList(repeatedFields))); the first of each was read",
                        line: repeatedFields.first))
            }
            for (uuid, lines) in criterionLines where lines.count > 1 {
                warnings.append(
                    ReaderWarning(
                        code: "duplicate-criterion",
                        message:
                            "criterion \(uuid) occurs \(lines.count) times (lines \(EDMDocumentReader.lineList(lines))); each copy is read",
                        line: lines.first))
            }
            warnings.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        }

        /// Phase 2: the authority's questions (the tender's request) for each criterion of the response's own copy.
        mutating func pairWithRequest() {
            // The authority's questions (the tender's request) for each criterion of the response's own copy.
            // Property ids are the same only within one EDM release (v2/v3 UUIDs are regenerated
            // between releases): a request of another version is no
            // reference for ids, and the catalogue rule alone decides.
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
        }

        /// Phase 3: without a request of the same release, the official structure of the release.
        mutating func applyOfficialStructure() {
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
        }

        /// Phase 4: root-level evidence, matched by id text only (scheme attributes differ).
        mutating func readRootEvidence() {
            // 2. Root-level evidence, matched by id text only (scheme attributes differ).
            evidence = root.children(named: "Evidence").compactMap(readEvidence)
            for item in evidence where evidenceByID[item.id] == nil { evidenceByID[item.id] = item }
        }

        /// Phase 5: the answers, each to every declaration of its property.
        mutating func readResponses() {
            // 3. Answers.
            // The criterion of each response in document order (nil for an unlinked one), to place
            // unlinked answers between their neighbours.
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
                            for var answer in readAnswers(response, question: nil, instance: 1, evidence: evidenceByID, names: answerNames)
                            {
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
        }

        /// Phase 6: unlinked answers, reported, and placed with their most likely criterion.
        mutating func placeUnlinkedAnswers() {
            // Unlinked answers: reported one by one, and offered to the criterion they most likely
            // belong to (same id without invisible characters, the request's id, or the v4 path prefix).
            for index in unlinked.indices {
                let raw = unlinked[index].property ?? ""
                let normalised = IdentifierText.normalised(raw)
                let target =
                    owner[normalised]?.criterion ?? authorityOwner[raw] ?? authorityOwner[normalised] ?? EDMDocumentReader.v4Owner(
                        normalised, assemblies: assemblies)
                    ?? EDMDocumentReader.neighbourOwner(index, sequence: sequence, assemblies: assemblies)
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
                        code: "answer-to-non-question", message: "\(nonQuestions) answers validate a CAPTION or REQUIREMENT; kept",
                        line: nil))
            }
            if mismatches > 0 {
                warnings.append(
                    ReaderWarning(
                        code: "value-type-mismatch",
                        message:
                            "\(mismatches) answers carry a value element other than the one their ValueDataTypeCode names; the value found was kept",
                        line: nil))
            }
        }

        /// Phase 7: each criterion finished in place (a copy of an assembly would copy its answers
        /// again), and the document.
        mutating func document() -> ESPDDocument {
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
                economicOperator: isResponse ? EDMDocumentReader.economicOperator(root, conventions: conventions) : nil,
                criteria: criteria, unlinkedAnswers: unlinked, evidence: evidence,
                documentReferences: PartyReader.documentReferences(root), warnings: warnings)
        }
    }
}
