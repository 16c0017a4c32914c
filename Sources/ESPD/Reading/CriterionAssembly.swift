import SafeXML

/// An ONTRUE/ONFALSE condition: the group applies only when `controller` was answered `expected`.
struct Gate: Equatable {
    var controller: String
    var expected: Bool
}

/// A question as the criterion tree declares it (v2+ property, v1 requirement).
struct QuestionInfo {
    var id: String
    var description: String?
    /// QUESTION, REQUIREMENT or CAPTION.
    var typeCode: String
    var valueType: String?
    var gates: [Gate]
    var inSubCriterion: Bool
    /// The copy of a repeated group the question sits in (v2/v3 repeat whole groups).
    var instance: Int = 1
    /// The group element that holds it (a running number within the criterion), and that group's
    /// `cbc:ID` (a v2/v3 copy of a repeated group has the same id).
    var group: Int = 0
    var groupID: String = ""
    /// Where the question is declared (response copy, or the request).
    var line: Int = 0
    /// The groups it sits in, outermost first, with their gate codes as declared: where the
    /// question belongs in the official structure of its release (`OfficialStructure`).
    var steps: [GroupStep] = []
    /// 1-based place among the properties of its group element.
    var position: Int = 0
    /// What the question asks, when the authority's structure says so.
    var meaning: QuestionMeaning? = nil

    /// The official structure's key of its group: the group ids joined by "/".
    var structurePath: String { steps.map(\.key).joined(separator: "/") }
}

/// One group a question sits in, as the response's copy declares it.
struct GroupStep: Equatable {
    /// The group id as the official structure keys it: a v2/v3 UUID lowercased, or the last part
    /// of a v4 path id (`C1_EG_crime-org/QG1/QSG1` → `QSG1`).
    var key: String
    /// PropertyGroupTypeCode as declared (ON*, ONTRUE, ONFALSE, …).
    var code: String
    /// The running number of the group element (`QuestionInfo.group` of its own questions).
    var element: Int = 0

    static func key(ofGroupID id: String) -> String {
        if let slash = id.lastIndex(of: "/") { return String(id[id.index(after: slash)...]) }
        return id.lowercased()
    }
}

/// The question structure an authority asked for one criterion (from the tender's ESPD request),
/// against which the response's own copy of the criterion is compared.
struct AuthorityQuestions {
    var source: String
    /// The request's questions; empty when the request is of another EDM release (property ids
    /// are regenerated between releases, so only the criterion itself can be paired).
    var questions: [QuestionInfo]
    /// The request's text of the criterion (its `cbc:Description` lines): the wording that decides
    /// the polarity of "Your answer".
    var description: String? = nil
    var line: Int = 0
    /// Where `questions` come from, when not from `source` (the official structure of the release,
    /// for a request of another release or none).
    var questionSource: String? = nil

    var questionsFrom: String { questionSource ?? source }

    /// "in X (line N)" for the request, or "in X" for the official structure.
    func at(_ line: Int) -> String { questionSource == nil && line > 0 ? "in \(source) (line \(line))" : "in \(questionsFrom)" }
}

/// Collects one criterion's questions and answers, then derives what every generation
/// derives the same way: the "Your answer" indicator, gate applicability, self-cleaning,
/// polarity, criminal-data flags, conflicts and the count of unanswered questions.
///
/// Bidders write responses, so nothing here is first-wins: every answer to "Your answer" is a
/// reading, and the criterion's answer is the one under which the ground applies if any reading
/// says so (in ESPD-EDM a QUESTION has at most one response per instance).
struct CriterionAssembly {
    var criterion: Criterion
    var questions: [QuestionInfo] = []
    private var questionIDs: Set<String> = []  // for addQuestionOnce only
    var answerGates: [[Gate]] = []
    /// The response's own criterion text reads the answer the other way round than its release
    /// does: either reading may be the bidder's, so the ground applies whatever the answer.
    var polarityDisputed = false
    /// Numbers the group elements of the criterion as the walk enters them.
    var groupCount = 0
    /// Lines of properties that declare an id, type code or value type more than once.
    var repeatedFieldLines: [Int] = []
    /// The request's questions for this criterion, when the tender has a request.
    var authority: AuthorityQuestions?
    /// Answers that name no declared question but most likely belong to this criterion, with the
    /// id they name after invisible characters are removed.
    var unlinked: [(answer: Answer, normalisedID: String)] = []

    init(criterion: Criterion) { self.criterion = criterion }

    /// Starts a criterion from its element: id, type code (`TypeCode` in v1,
    /// `CriterionTypeCode` in v2+), classification, name and description lines.
    init(element: XMLElement, codeElement: String, lots: [String], isResponse: Bool) {
        let id = element.child(named: "ID")?.text ?? ""
        let code = element.child(named: codeElement)?.nonEmptyText
        let classification = CriterionClassifier.classify(id: id, code: code)
        self.init(
            criterion: Criterion(
                uuid: id, code: code, codeLong: classification.codeLong, codeShort: classification.codeShort,
                category: classification.category, ground: classification.ground?.ground,
                name: element.child(named: "Name")?.nonEmptyText,
                description: element.children(named: "Description").compactMap(\.nonEmptyText).joined(separator: " ").nonEmpty,
                lots: lots, line: element.line, path: element.path, source: nil, inResponse: isResponse,
                answer: nil, polarity: nil, groundApplies: nil, selfCleaning: nil, selfCleaningDescription: nil,
                answers: [], subCriteria: [], unansweredQuestions: 0))
        // A type code that names another ground than the id: the id decides, the difference is reported.
        if let ground = classification.ground, let code, let named = ExclusionGrounds.ground(code: code), named.ground != ground.ground {
            criterion.conflicts.append(
                AnswerConflict(
                    kind: .codeMismatch, property: nil,
                    message:
                        "criterion id \(id) is exclusion ground \(ground.ground), but its type code \(code) is ground \(named.ground) (line \(element.line)); read as \(ground.ground)",
                    lines: [element.line]))
        }
    }

    mutating func addQuestion(_ question: QuestionInfo) { questions.append(question) }

    /// Adds `question` unless one with the same id is there already.
    mutating func addQuestionOnce(_ question: QuestionInfo) {
        if questionIDs.insert(question.id).inserted { questions.append(question) }
    }

    mutating func addAnswer(_ answer: consuming Answer, gates: [Gate]) {
        var answer = answer
        answer.gatedBy = gates.last?.controller
        criterion.answers.append(answer)
        answerGates.append(gates)
    }

    /// "Your answer" by the catalogue rule, checked against every exclusion criterion of every
    /// taxonomy and example in the corpus (1,207 criteria): the first ungated property outside
    /// national sub-criteria described "Your answer" (as every generation words it); where no
    /// property is described so, the first ungated property with value type INDICATOR outside
    /// sub-criteria (inside one when there is no other; EDM 4.0.0 puts C7/C8's there). The two
    /// agree wherever both exist. Type codes are not trusted: a bidder can re-type it CAPTION or
    /// DESCRIPTION. `extras` are further ungated yes/no properties in its group or in a copy of it
    /// (a second "Your answer" in a repeated group is a second answer, not a second conviction).
    static func yourAnswer(in questions: [QuestionInfo]) -> (primary: QuestionInfo, extras: [QuestionInfo])? {
        let candidates = questions.filter { $0.gates.isEmpty && $0.valueType == "INDICATOR" }
        let described = questions.first { $0.gates.isEmpty && !$0.inSubCriterion && isYourAnswer($0.description) }
        guard let primary = described ?? candidates.first(where: { !$0.inSubCriterion }) ?? candidates.first else { return nil }
        // Every other ungated question described "Your answer" is a reading too, in whatever group:
        // a decoy group put before the real one must not decide alone.
        return (
            primary,
            questions.filter { question in
                guard question.id != primary.id, !question.inSubCriterion, question.gates.isEmpty else { return false }
                if isYourAnswer(question.description) { return true }
                return question.valueType == "INDICATOR"
                    && (question.group == primary.group || (!primary.groupID.isEmpty && question.groupID == primary.groupID))
            }
        )
    }

    /// "Your answer", "Your Answer?", "Uw antwoord" (white space collapsed, case ignored).
    static func isYourAnswer(_ text: String?) -> Bool {
        guard var text = text?.lowercased() else { return false }
        while text.hasSuffix("?") || text.hasSuffix(":") || text.hasSuffix(" ") { text.removeLast() }
        return text == "your answer" || text == "uw antwoord"
    }

    mutating func finish(isResponse: Bool, generation: Generation) -> Criterion {
        criterion.inResponse = isResponse
        let ground = criterion.ground.flatMap(ExclusionGrounds.ground(number:))
        guard isResponse else {
            // A request is the authority's own text: its wording decides.
            if let ground { criterion.polarity = PolarityRules.polarity(ground: ground, criterionText: criterion.description) }
            criterion.answers = []
            return criterion
        }
        if let ground { criterion.polarity = responsePolarity(ground, generation: generation) }
        let isExclusion = criterion.category == .exclusion
        applyAuthorityStructure()
        var (readingProperties, primaryID) = isExclusion ? yourAnswerReadings() : ([], nil)
        if isExclusion {
            reportDatesUnderOtherTypes()
            readUnlinkedAnswers(into: &readingProperties, primaryID: primaryID)
        }
        let readingSet = Set(readingProperties)
        let readings = resolveYourAnswer(readingSet, isExclusion: isExclusion)
        // Phase 2: every property's indicator readings, per instance, for gates.
        let gates = GateReadings(
            answers: criterion.answers, readingSet: readingSet, readingValues: readings.values, readingsApply: readings.applies)
        applyPolarity()
        markApplicability(gates, ground: ground)
        reportRepeatedValues(readingSet)
        readSelfCleaning()
        countUnanswered(gates)
        criterion.conflicts.sort { ($0.lines.first ?? 0, $0.kind.rawValue) < ($1.lines.first ?? 0, $1.kind.rawValue) }
        return criterion
    }

    /// Phase 1: which properties of an exclusion criterion are readings of "Your answer": the
    /// authority's question, its copies, the response's own (renamed, retyped or extra) and
    /// indicator answers to re-typed properties; each deviation is a conflict.
    private mutating func yourAnswerReadings() -> (properties: [String], primaryID: String?) {
        var readingProperties: [String] = []
        var primaryID: String?
        let own = Self.yourAnswer(in: questions)
        let asked = authority.flatMap { Self.yourAnswer(in: $0.questions) }
        primaryID = asked?.primary.id ?? own?.primary.id
        if let primaryID { readingProperties.append(primaryID) }
        // Every question the authority's structure places where "Your answer" is (a copy of the
        // answer group is a second instance of it) is a reading.
        for question in authority?.questions ?? []
        where question.id != primaryID && question.gates.isEmpty && !question.inSubCriterion
            && (question.meaning == .yourAnswer || (question.meaning == nil && Self.isYourAnswer(question.description)))
            && !readingProperties.contains(question.id)
        {
            readingProperties.append(question.id)
            criterion.conflicts.append(
                AnswerConflict(
                    kind: .extraQuestion, property: question.id,
                    message:
                        "a second copy of \"Your answer\" (\(question.id), line \(question.line)) stands where \(authority!.questionsFrom) asks it once; answers to each are read as answers to \"Your answer\"",
                    lines: [question.line]))
        }
        if let own {
            if own.primary.id != primaryID {
                readingProperties.append(own.primary.id)
                let reference = asked != nil ? authority!.questionsFrom : "the catalogue"
                criterion.conflicts.append(
                    AnswerConflict(
                        kind: .renamedQuestion, property: own.primary.id,
                        message:
                            "\"Your answer\" is declared as \(own.primary.id) (line \(own.primary.line)); \(reference) asks it as \(primaryID ?? "?"); answers to both are read",
                        lines: [own.primary.line]))
            }
            let askedIDs = Set((authority?.questions ?? []).map(\.id))
            for extra in own.extras where !askedIDs.contains(extra.id) || asked == nil {
                readingProperties.append(extra.id)
                // Without the request, which of the two is the authority's question cannot be
                // told: both are named.
                criterion.conflicts.append(
                    AnswerConflict(
                        kind: .extraQuestion, property: extra.id,
                        message: asked != nil
                            ? "an extra yes/no question \(extra.id) (line \(extra.line)) sits in the answer group beside \"Your answer\"; its answers are read as answers to \"Your answer\""
                            : "the answer group holds more than one yes/no question (\(own.primary.id) at line \(own.primary.line), \(extra.id) at line \(extra.line)); answers to each are read as answers to \"Your answer\"",
                        lines: asked != nil ? [extra.line] : [own.primary.line, extra.line]))
            }
            if own.primary.typeCode != "QUESTION" || own.primary.valueType != "INDICATOR" {
                criterion.conflicts.append(
                    AnswerConflict(
                        kind: .changedType, property: own.primary.id,
                        message:
                            "\"Your answer\" \(own.primary.id) is declared as \(own.primary.typeCode)/\(own.primary.valueType ?? "-") instead of QUESTION/INDICATOR (line \(own.primary.line)); its yes/no answers are read",
                        lines: [own.primary.line]))
            }
        } else if primaryID != nil {
            criterion.conflicts.append(
                AnswerConflict(
                    kind: .renamedQuestion, property: primaryID,
                    message:
                        "the response's copy of the criterion (line \(criterion.line)) has no yes/no question where \"Your answer\" belongs; answers to \(primaryID!) are read",
                    lines: [criterion.line]))
        }
        // Properties the authority asked with other types than the response declares.
        if let authority {
            var declared: [String: QuestionInfo] = [:]
            for question in questions where declared[question.id] == nil { declared[question.id] = question }
            for asked in authority.questions {
                guard let copy = declared[asked.id] else { continue }
                // A retyped "Your answer" is reported once, above.
                if copy.id == own?.primary.id, copy.typeCode != "QUESTION" || copy.valueType != "INDICATOR" { continue }
                if copy.typeCode != asked.typeCode || (copy.valueType ?? "") != (asked.valueType ?? "") {
                    criterion.conflicts.append(
                        AnswerConflict(
                            kind: .changedType, property: asked.id,
                            message:
                                "\(asked.id) is asked as \(asked.typeCode)/\(asked.valueType ?? "-") \(authority.at(asked.line)) but declared as \(copy.typeCode)/\(copy.valueType ?? "-") in the response (line \(copy.line))",
                            lines: [copy.line]))
                }
            }
        }
        // Indicator answers to re-typed properties (CAPTION, REQUIREMENT) before "Your answer" or
        // in its group are readings too: a re-typed "Your answer" must not fall out.
        let primaryPosition = own.flatMap { own in questions.firstIndex { $0.id == own.primary.id } } ?? questions.count
        for (position, question) in questions.enumerated()
        where question.gates.isEmpty
            && (position < primaryPosition || question.group == own?.primary.group)
            && !(question.typeCode == "QUESTION" && question.valueType == "INDICATOR") && !readingProperties.contains(question.id)
            && criterion.answers.contains(where: { $0.property == question.id && ($0.indicator != nil || $0.unreadable != nil) })
        {
            readingProperties.append(question.id)
            criterion.conflicts.append(
                AnswerConflict(
                    kind: .changedType, property: question.id,
                    message:
                        "\(question.id) is declared as \(question.typeCode)/\(question.valueType ?? "-") (line \(question.line)) but answered yes/no; read as an answer to \"Your answer\"",
                    lines: [question.line]))
        }
        return (readingProperties, primaryID)
    }

    /// A date delivered under a property declared (or asked) as something else is read as the
    /// date it is, and reported: a date property retyped DESCRIPTION must not hide a conviction date.
    private mutating func reportDatesUnderOtherTypes() {
        for answer in criterion.answers where answer.date != nil && answer.type != "DATE" {
            criterion.conflicts.append(
                AnswerConflict(
                    kind: .changedType, property: answer.property,
                    message:
                        "\(answer.property ?? "a property") is declared as \(answer.type ?? "-") but answered with a date at line \(answer.line); read as a date",
                    lines: [answer.line]))
        }
    }

    /// Unlinked yes/no answers that most likely belong to this exclusion criterion: read as
    /// answers to "Your answer" (an id renamed or hidden by the bidder must not drop a "yes").
    private mutating func readUnlinkedAnswers(into readingProperties: inout [String], primaryID: String?) {
        for entry in unlinked where (entry.answer.indicator != nil || entry.answer.unreadable != nil) {
            var entry = entry
            let readingID = primaryID ?? entry.normalisedID
            if !readingProperties.contains(readingID) { readingProperties.append(readingID) }
            entry.answer.property = readingID
            criterion.answers.append(entry.answer)
            answerGates.append([])
            criterion.conflicts.append(
                AnswerConflict(
                    kind: .unlinkedReading, property: entry.normalisedID,
                    message:
                        "the yes/no answer at line \(entry.answer.line) names a property that no question declares (\(Self.visible(entry.normalisedID))); it is read as an answer to \"Your answer\" (\(readingID))",
                    lines: [entry.answer.line]))
        }
    }

    /// Phase 3: "Your answer" from all its readings. Disagreeing readings of an exclusion
    /// criterion give the answer under which the ground applies; other criteria report values that
    /// disagree within one instance.
    private mutating func resolveYourAnswer(_ readingSet: Set<String>, isExclusion: Bool) -> (values: [Bool], applies: Bool?) {
        let readings = criterion.answers.filter { answer in answer.property.map { readingSet.contains($0) } ?? false }
        let readingValues = readings.compactMap(\.indicator)
        var readingsApply: Bool? = nil
        if isExclusion {
            if Set(readingValues).count == 1 {
                criterion.answer = readingValues[0]
            } else if Set(readingValues).count == 2 {
                // Disagreeing readings: the one under which the ground applies.
                switch criterion.polarity {
                case .trueMeansCompliant?: criterion.answer = false
                default: criterion.answer = true
                }
            }
            readingsApply = criterion.answer
            recordReadingConflicts(readings)
        } else if let yourAnswer = questions.first(where: {
            !$0.inSubCriterion && $0.typeCode == "QUESTION" && $0.valueType == "INDICATOR" && $0.gates.isEmpty
        }) {
            let values = criterion.answers.compactMap { $0.property == yourAnswer.id ? $0.indicator : nil }
            criterion.answer = Set(values).count == 1 ? values[0] : (values.isEmpty ? nil : true)
            // Selection and other criteria repeat their groups (references, years): only values
            // that disagree within one instance are a conflict here.
            let given = criterion.answers.filter { $0.property == yourAnswer.id }
            for instance in Set(given.map(\.instance)).sorted() {
                let same = given.filter { $0.instance == instance }
                if Set(same.compactMap(\.indicator)).count > 1 {
                    criterion.conflicts.append(
                        Self.conflict(same, subject: "\"\(yourAnswer.description ?? yourAnswer.id)\"", repeatable: true))
                }
            }
        }
        return (readingValues, readingsApply)
    }

    /// Whether the ground applies under the answer's polarity; a disputed polarity with an answer applies.
    private mutating func applyPolarity() {
        if let polarity = criterion.polarity {
            criterion.groundApplies = PolarityRules.groundApplies(answer: criterion.answer, polarity: polarity)
            if polarityDisputed, criterion.answer != nil { criterion.groundApplies = true }
        }
    }

    /// Phase 4: whether each answer applies (its gates open), and the conviction details about
    /// natural persons (Part III A) behind a gate, which are criminal-law data.
    private mutating func markApplicability(_ gates: GateReadings, ground: ExclusionGround?) {
        for index in criterion.answers.indices {
            criterion.answers[index].applicable = gates.allOpen(answerGates[index], instance: criterion.answers[index].instance)
            // Conviction details about natural persons (Part III A) are criminal-law data.
            if ground?.part == "A", !answerGates[index].isEmpty { criterion.answers[index].criminalData = true }
        }
    }

    /// Phase 5: other single-valued questions answered more than once in one instance, and
    /// values that are no boolean.
    private mutating func reportRepeatedValues(_ readingSet: Set<String>) {
        var seen: [String: [Int]] = [:]
        var order: [String] = []
        for index in criterion.answers.indices {
            let answer = criterion.answers[index]
            guard let property = answer.property, !readingSet.contains(property), answer.isSingleValued else { continue }
            let key = "\(property)#\(answer.instance)"
            if seen[key] == nil { order.append(key) }
            seen[key, default: []].append(index)
        }
        for key in order where seen[key]!.count > 1 {
            let group = seen[key]!.map { criterion.answers[$0] }
            criterion.conflicts.append(Self.conflict(group, subject: group[0].property ?? "?", repeatable: true))
        }
        for answer in criterion.answers where answer.unreadable != nil && !(answer.property.map { readingSet.contains($0) } ?? false) {
            criterion.conflicts.append(
                AnswerConflict(
                    kind: .unreadableValue, property: answer.property,
                    message:
                        "the value \"\(Self.visible(answer.unreadable!))\" at line \(answer.line) is not a boolean (true, false, 1 or 0)",
                    lines: [answer.line], values: ["unreadable"]))
        }
    }

    /// Phase 6: self-cleaning is claimed only when every reading claims it.
    private mutating func readSelfCleaning() {
        let selfCleaningAnswers = criterion.answers.filter {
            $0.indicator != nil && ($0.meaning.map { $0 == .selfCleaning } ?? Self.isSelfCleaningQuestion($0.question))
        }
        if let first = selfCleaningAnswers.first {
            criterion.selfCleaning = selfCleaningAnswers.allSatisfy { $0.indicator == true }
            criterion.selfCleaningDescription =
                criterion.answers.first { $0.gatedBy == first.property && $0.description != nil }?.description
        }
    }

    /// The questions left unanswered whose gates are open.
    private mutating func countUnanswered(_ gates: GateReadings) {
        var answered = Set<String>()
        for index in criterion.answers.indices { if let property = criterion.answers[index].property { answered.insert(property) } }
        criterion.unansweredQuestions = questions.count { question in
            question.typeCode == "QUESTION" && question.valueType != "NONE" && !answered.contains(question.id)
                && gates.allOpen(question.gates, instance: 1)
        }
    }

    /// The polarity of "Your answer" in a response: the request's wording when the tender has one;
    /// otherwise the release's (`PolarityRules.releasePolarity`), and where the response's own
    /// wording says otherwise, ambiguous: a person reads it. The bidder's text never decides alone.
    private mutating func responsePolarity(_ ground: ExclusionGround, generation: Generation) -> AnswerPolarity {
        let own = PolarityRules.polarity(ground: ground, criterionText: criterion.description)
        if let authority, let text = authority.description {
            let asked = PolarityRules.polarity(ground: ground, criterionText: text)
            if asked != own {
                criterion.conflicts.append(
                    AnswerConflict(
                        kind: .changedText, property: nil,
                        message:
                            "the response's text of \(ground.ground) (line \(criterion.line)) reads as \(own.rawValue), the request's (\(authority.source), line \(authority.line)) as \(asked.rawValue); read as the request asks",
                        lines: [criterion.line]))
            }
            return asked
        }
        let release = PolarityRules.releasePolarity(ground: ground, generation: generation)
        guard own != release else { return release }
        if release == .ambiguous || own == .ambiguous {
            criterion.conflicts.append(
                AnswerConflict(
                    kind: .changedText, property: nil,
                    message:
                        "the response's text of \(ground.ground) (line \(criterion.line)) reads as \(own.rawValue), but ESPD \(generation.rawValue) asks it as \(release.rawValue); read as ambiguous",
                    lines: [criterion.line]))
            return .ambiguous
        }
        // The bidder's wording turns the question round: under one of the two readings the ground
        // applies whatever the answer, and the strictest reading counts.
        polarityDisputed = true
        criterion.conflicts.append(
            AnswerConflict(
                kind: .changedText, property: nil,
                message:
                    "the response's text of \(ground.ground) (line \(criterion.line)) reads as \(own.rawValue), but ESPD \(generation.rawValue) asks it as \(release.rawValue); under one of the two readings the ground applies, and it is read as applying",
                lines: [criterion.line]))
        return release
    }

    /// With the tender's request of the same release, every answer to a question the request asks
    /// is read under the request's gates, text and value type, and every gate of the response's copy
    /// that differs from the request's is reported: a group retyped ONTRUE → ONFALSE, or a
    /// sub-question renamed, must not change what an answer means.
    private mutating func applyAuthorityStructure() {
        guard let authority, !authority.questions.isEmpty else { return }
        var asked: [String: QuestionInfo] = [:]
        for question in authority.questions where asked[question.id] == nil { asked[question.id] = question }
        var reported = Set<String>()
        var changedGates: [(question: QuestionInfo, reference: QuestionInfo)] = []
        defer {
            // One conflict for every question behind another gate (a retyped group moves them all).
            if let first = changedGates.first {
                let lines = changedGates.map(\.question.line)
                let more =
                    changedGates.count > 1
                    ? " (and \(changedGates.count - 1) more question\(changedGates.count == 2 ? "" : "s") of the same kind, lines \(EDMDocumentReader.lineList(Array(lines.dropFirst()))))"
                    : ""
                criterion.conflicts.append(
                    AnswerConflict(
                        kind: .changedGate, property: first.question.id,
                        message:
                            "\(first.question.id) is asked \(Self.gateText(first.reference.gates)) \(authority.at(first.reference.line)) but the response's copy puts it \(Self.gateText(first.question.gates)) (line \(first.question.line))\(more); read as the authority asks",
                        lines: lines))
            }
        }
        for question in questions {
            guard let reference = asked[question.id], reported.insert(question.id).inserted else { continue }
            if question.gates != reference.gates { changedGates.append((question, reference)) }
            // A sub-question worded otherwise ("Your answer" itself is compared by the polarity rule).
            let meaning = reference.meaning ?? QuestionMeaning.of(officialText: reference.description, typeCode: reference.typeCode)
            if meaning != .yourAnswer, meaning != .caption, Self.comparable(question.description) != Self.comparable(reference.description)
            {
                criterion.conflicts.append(
                    AnswerConflict(
                        kind: .changedQuestion, property: question.id,
                        message:
                            "\(question.id) is asked as \"\(Self.visible(reference.description ?? ""))\" \(authority.at(reference.line)) but the response's copy words it \"\(Self.visible(question.description ?? ""))\" (line \(question.line)); its answers are read as answers to the question as asked",
                        lines: [question.line]))
            }
        }
        for index in criterion.answers.indices {
            guard let property = criterion.answers[index].property, let reference = asked[property] else { continue }
            answerGates[index] = reference.gates
            criterion.answers[index].gatedBy = reference.gates.last?.controller
            if let text = reference.description { criterion.answers[index].question = text }
            if let type = reference.valueType { criterion.answers[index].type = type }
            criterion.answers[index].meaning =
                reference.meaning ?? QuestionMeaning.of(officialText: reference.description, typeCode: reference.typeCode)
        }
    }

    static func gateText(_ gates: [Gate]) -> String {
        guard let gate = gates.last else { return "without a gate" }
        return "behind \(gate.controller) = \(gate.expected ? "true (ONTRUE)" : "false (ONFALSE)")"
    }

    /// Records the conflicts among the readings of "Your answer" (not repeatable).
    private mutating func recordReadingConflicts(_ readings: [Answer]) {
        for answer in readings where answer.unreadable != nil {
            criterion.conflicts.append(
                AnswerConflict(
                    kind: .unreadableValue, property: answer.property,
                    message:
                        "\"Your answer\" at line \(answer.line) reads \"\(Self.visible(answer.unreadable!))\", which is not a boolean (true, false, 1 or 0)",
                    lines: [answer.line], values: ["unreadable"]))
        }
        guard readings.count > 1 else { return }
        criterion.conflicts.append(Self.conflict(readings, subject: "\"Your answer\"", repeatable: false))
    }

    /// One conflict over several answers to one question.
    static func conflict(_ answers: [Answer], subject: String, repeatable: Bool) -> AnswerConflict {
        let lines = answers.map(\.line).sorted()
        let values = answers.map { $0.indicator.map { $0 ? "true" : "false" } ?? ($0.unreadable != nil ? "unreadable" : "other") }
        let indicatorValues = Set(answers.compactMap(\.indicator))
        let kind: AnswerConflict.Kind
        if indicatorValues.count > 1 {
            kind = .disagreeingValues
        } else if !repeatable && Set(answers.map(\.instance)).count > 1 {
            kind = .multipleInstances
        } else if Set(answers.map(\.responseLine)).count < answers.count {
            kind = .multipleValues
        } else {
            kind = .multipleResponses
        }
        let lineText = lines.map(String.init).joined(separator: ", ")
        let said =
            answers.contains { $0.indicator != nil || $0.unreadable != nil }
            ? " (\(zip(lines, values).map { "line \($0): \($1)" }.joined(separator: "; ")))" : ""
        let message: String
        switch kind {
        case .disagreeingValues: message = "\(subject) is answered \(answers.count) times with different values\(said)"
        case .multipleInstances:
            message =
                "\(subject) is not repeatable but has values in \(Set(answers.map(\.instance)).count) instances at lines \(lineText)\(said)"
        case .multipleValues: message = "\(subject) has more than one value in one response, at lines \(lineText)\(said)"
        default: message = "\(subject) is answered by \(answers.count) responses, at lines \(lineText)\(said)"
        }
        let property = answers.first?.property
        return AnswerConflict(
            kind: kind, property: property, message: message, lines: lines,
            values: answers.contains { $0.indicator != nil || $0.unreadable != nil } ? values : nil)
    }

    /// Text safe to put in a message: invisible and control characters shown as `U+XXXX`.
    static func visible(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(80) {
            if IdentifierText.isInvisible(scalar) || scalar.value < 0x20 || scalar.value == 0x7F {
                out += "<U+\(String(scalar.value, radix: 16, uppercase: true))>"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isSelfCleaningQuestion(_ text: String?) -> Bool {
        guard let text = text?.lowercased() else { return false }
        return text.includes("self-cleaning") || text.includes("self cleaning") || text.includes("selfcleaning")
            || text.includes("demonstrate your reliability") || text.includes("demonstrate its reliability")
    }
}

/// Ids and codes are compared after white space collapse only; invisible characters in them are
/// a tampering signal, reported and removed only to tell which question was meant.
enum IdentifierText {
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value == 0x20 { return false }
        switch scalar.properties.generalCategory {
        case .format, .control, .lineSeparator, .paragraphSeparator, .spaceSeparator: return true
        default: return (0xFE00...0xFE0F).contains(value) || (0x180B...0x180F).contains(value) || value == 0x034F
        }
    }

    /// True when the id contains anything other than printable ASCII.
    static func hasHiddenCharacters(_ id: String) -> Bool { id.utf8.contains { $0 < 0x20 || $0 >= 0x7F } }

    /// The id without invisible characters (zero-width space, NBSP, soft hyphen, BOM, …).
    static func normalised(_ id: String) -> String {
        var out = ""
        for scalar in id.unicodeScalars where !isInvisible(scalar) { out.unicodeScalars.append(scalar) }
        return out
    }
}

extension Answer {
    /// Types of which a question takes one value per instance.
    var isSingleValued: Bool {
        switch type {
        case "INDICATOR"?, "DATE"?, "AMOUNT"?, "QUANTITY"?, "QUANTITY_INTEGER"?, "QUANTITY_YEAR"?, "PERCENTAGE"?, "URL"?: return true
        default: return false
        }
    }
}

/// The indicator readings of a criterion's properties, per instance, for its gates (phase 2 of
/// `CriterionAssembly.finish`). A gate is open when any reading of its controller (same
/// instance, else any) opens it: details behind a disputed "yes" are read, never dropped.
struct GateReadings {
    let readingSet: Set<String>
    let readingValues: [Bool]
    let readingsApply: Bool?
    private var indicators: [String: [(instance: Int, value: Bool)]] = [:]

    init(answers: [Answer], readingSet: Set<String>, readingValues: [Bool], readingsApply: Bool?) {
        self.readingSet = readingSet
        self.readingValues = readingValues
        self.readingsApply = readingsApply
        for answer in answers {
            if let property = answer.property, let value = answer.indicator {
                indicators[property, default: []].append((answer.instance, value))
            }
        }
    }

    func isOpen(_ gate: Gate, instance: Int) -> Bool {
        if readingSet.contains(gate.controller), let applies = readingsApply {
            return applies == gate.expected || readingValues.contains(gate.expected)
        }
        guard let given = indicators[gate.controller] else { return false }
        let sameInstance = given.filter { $0.instance == instance }
        return (sameInstance.isEmpty ? given : sameInstance).contains { $0.value == gate.expected }
    }

    func allOpen(_ gates: [Gate], instance: Int) -> Bool { gates.allSatisfy { isOpen($0, instance: instance) } }
}
