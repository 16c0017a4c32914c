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
}

/// Collects one criterion's questions and answers, then derives what every generation
/// derives the same way: the "Your answer" indicator, gate applicability, self-cleaning,
/// polarity, criminal-data flags and the count of unanswered questions.
struct CriterionAssembly {
    var criterion: Criterion
    var questions: [QuestionInfo] = []
    private var questionIDs: Set<String> = []  // for addQuestionOnce only
    var answerGates: [[Gate]] = []

    init(criterion: Criterion) { self.criterion = criterion }

    /// Starts a criterion from its element: id, type code (`TypeCode` in v1,
    /// `CriterionTypeCode` in v2+), classification, name and description lines.
    init(element: XMLElement, codeElement: String, lots: [String], isResponse: Bool) {
        let id = element.child(named: "ID")?.text ?? ""
        let code = element.child(named: codeElement)?.nonEmptyText
        let classification = CriterionClassifier.classify(id: id, code: code)
        self.init(criterion: Criterion(
            uuid: id, code: code, codeLong: classification.codeLong, codeShort: classification.codeShort,
            category: classification.category, ground: classification.ground?.ground,
            name: element.child(named: "Name")?.nonEmptyText,
            description: element.children(named: "Description").compactMap(\.nonEmptyText).joined(separator: " ").nonEmpty,
            lots: lots, line: element.line, path: element.path, source: nil, inResponse: isResponse,
            answer: nil, polarity: nil, groundApplies: nil, selfCleaning: nil, selfCleaningDescription: nil,
            answers: [], subCriteria: [], unansweredQuestions: 0))
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

    mutating func finish(isResponse: Bool) -> Criterion {
        criterion.inResponse = isResponse
        let ground = criterion.ground.flatMap(ExclusionGrounds.ground(number:))
        if let ground {
            let polarity = PolarityRules.polarity(ground: ground, criterionText: criterion.description)
            criterion.polarity = polarity
        }
        guard isResponse else {
            criterion.answers = []
            return criterion
        }
        // The indicators given, per property and in document order, looked up for every gate
        // (a criterion has dozens of answers; scanning them per gate copied every answer).
        var indicators: [String: [(instance: Int, value: Bool)]] = [:]
        for index in criterion.answers.indices {
            if let property = criterion.answers[index].property, let value = criterion.answers[index].indicator {
                indicators[property, default: []].append((criterion.answers[index].instance, value))
            }
        }
        /// The indicator given for `property`, preferring the same instance.
        func indicator(for property: String, instance: Int) -> Bool? {
            guard let given = indicators[property] else { return nil }
            return (given.first { $0.instance == instance } ?? given.first)?.value
        }
        func gatesOpen(_ gates: [Gate], instance: Int) -> Bool {
            gates.allSatisfy { indicator(for: $0.controller, instance: instance) == $0.expected }
        }
        for index in criterion.answers.indices {
            criterion.answers[index].applicable = gatesOpen(answerGates[index], instance: criterion.answers[index].instance)
            // Conviction details about natural persons (Part III A) are criminal-law data.
            if ground?.part == "A", !answerGates[index].isEmpty { criterion.answers[index].criminalData = true }
        }
        // "Your answer": the first INDICATOR question of the criterion's own groups.
        if let yourAnswer = questions.first(where: { !$0.inSubCriterion && $0.typeCode == "QUESTION" && $0.valueType == "INDICATOR" && $0.gates.isEmpty }) {
            criterion.answer = indicators[yourAnswer.id]?.first?.value
        }
        if let polarity = criterion.polarity {
            criterion.groundApplies = PolarityRules.groundApplies(answer: criterion.answer, polarity: polarity)
        }
        if let selfCleaning = criterion.answers.first(where: { $0.indicator != nil && Self.isSelfCleaningQuestion($0.question) }) {
            criterion.selfCleaning = selfCleaning.indicator
            criterion.selfCleaningDescription = criterion.answers.first { $0.gatedBy == selfCleaning.property && $0.description != nil }?.description
        }
        var answered = Set<String>()
        for index in criterion.answers.indices { if let property = criterion.answers[index].property { answered.insert(property) } }
        criterion.unansweredQuestions = questions.count { question in
            question.typeCode == "QUESTION" && question.valueType != "NONE" && !answered.contains(question.id) && gatesOpen(question.gates, instance: 1)
        }
        return criterion
    }

    private static func isSelfCleaningQuestion(_ text: String?) -> Bool {
        guard let text = text?.lowercased() else { return false }
        return text.includes("self-cleaning") || text.includes("self cleaning") || text.includes("selfcleaning")
            || text.includes("demonstrate your reliability") || text.includes("demonstrate its reliability")
    }
}
