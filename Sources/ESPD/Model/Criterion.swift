import Basics

public enum CriterionCategory: String, Codable, Sendable {
    case exclusion, selection, award, other, unknown
}

/// How "Your answer" = true must be read for an exclusion criterion (see Catalog/PolarityRules.swift).
public enum AnswerPolarity: String, Codable, Sendable {
    /// true = the exclusion situation applies (the EDM phrasing).
    case trueMeansGroundApplies = "true-means-ground-applies"
    /// true = the operator is compliant (Regulation 2016/7 phrasing, "met all its obligations").
    case trueMeansCompliant = "true-means-compliant"
    /// The wording and the producing service disagree; a person must read the answer.
    case ambiguous
}

public struct Criterion: Sendable, Equatable {
    /// `cbc:ID`: a UUID, or a v4 path id such as `C59_OT_eo-group`.
    public var uuid: String
    /// The type code as written (whitespace collapsed).
    public var code: String?
    /// The v1/v2 long code (`CRITERION.EXCLUSION.…`), from the file or the catalogue.
    public var codeLong: String?
    /// The v3/v4 short code (`crime-org`), from the file or the catalogue.
    public var codeShort: String?
    public var category: CriterionCategory
    /// C1…C24 for the 24 exclusion grounds.
    public var ground: String?
    public var name: String?
    public var description: String?
    public var lots: [String]
    public var line: Int
    public var path: String
    /// The file `line` and `path` point into when it is not the document itself (the request,
    /// for a response without criteria).
    public var source: String?
    /// Whether this came from a response (then `answer` is always encoded).
    public var inResponse: Bool
    /// The "Your answer" indicator: true, false, or nil when not answered.
    public var answer: Bool?
    public var polarity: AnswerPolarity?
    /// `answer` read through `polarity`: does the exclusion ground apply? nil when unknown.
    public var groundApplies: Bool?
    /// The self-cleaning indicator, when the criterion has one and it was answered.
    public var selfCleaning: Bool?
    public var selfCleaningDescription: String?
    /// Every answered question, in document order.
    public var answers: [Answer]
    /// National sub-criteria (Extended/SELFCONTAINED), by name.
    public var subCriteria: [String]
    /// Questions asked but not answered (ids), only for responses.
    public var unansweredQuestions: Int
    /// Where the response does not give one clear answer per question (duplicated, disagreeing,
    /// unreadable, re-typed or extra questions): never resolved silently. For "Your answer",
    /// `answer` is then the reading under which the ground applies, if any reading says so.
    public var conflicts: [AnswerConflict] = []
}

/// A question of a response that has no single clear answer, or whose structure differs from the
/// question the authority asked. Lines point at every element involved.
public struct AnswerConflict: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// More than one response element answers the question (same instance).
        case multipleResponses = "multiple-responses"
        /// One response element carries more than one value of a single-valued type.
        case multipleValues = "multiple-values"
        /// Values in more than one instance of a question that is not repeatable ("Your answer").
        case multipleInstances = "multiple-instances"
        /// The readings say different things.
        case disagreeingValues = "disagreeing-values"
        /// A value that is not in the lexical space of its type (`yes` for an indicator).
        case unreadableValue = "unreadable-value"
        /// A yes/no question in the answer group that the authority's structure does not have.
        case extraQuestion = "extra-question"
        /// A question of the authority's structure declared with another type code or value type.
        case changedType = "changed-type"
        /// "Your answer" is not where the authority's structure (request or catalogue) puts it.
        case renamedQuestion = "renamed-question"
        /// An answer that names no declared question but most likely answers this one.
        case unlinkedReading = "unlinked-reading"
        /// The criterion's type code names another exclusion ground than its id.
        case codeMismatch = "code-mismatch"
        /// A group's ONTRUE/ONFALSE gate differs from the authority's structure (request).
        case changedGate = "changed-gate"
        /// A question or criterion text that decides what an answer means differs from the
        /// authority's, or from what the release's own text says.
        case changedText = "changed-text"
        /// A question other than "Your answer" worded differently from the authority's: its answer
        /// is read for what the authority asks.
        case changedQuestion = "changed-question"
        /// Questions the response declares where the authority's structure has none (an unknown
        /// group, or more properties in a group than the official structure has).
        case unknownStructure = "unknown-structure"
    }

    public var kind: Kind
    /// The property (v2+) or requirement (v1) id concerned.
    public var property: String?
    /// What is wrong, in English, naming the elements by line.
    public var message: String
    /// The line of every element involved, in document order.
    public var lines: [Int]
    /// The indicator readings involved (`true`, `false`, `unreadable`); other values are not copied.
    public var values: [String]?

    public init(kind: Kind, property: String?, message: String, lines: [Int], values: [String]? = nil) {
        self.kind = kind
        self.property = property
        self.message = message
        self.lines = lines
        self.values = values
    }
}

extension Criterion: Encodable {
    enum CodingKeys: String, CodingKey {
        case uuid, code, codeLong, codeShort, category, ground, name, description, lots, line, path, source
        case answer, polarity, groundApplies, selfCleaning, selfCleaningDescription, answers, subCriteria, unansweredQuestions
        case conflicts
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(uuid, forKey: .uuid)
        try c.encodeIfPresent(code, forKey: .code)
        try c.encodeIfPresent(codeLong, forKey: .codeLong)
        try c.encodeIfPresent(codeShort, forKey: .codeShort)
        try c.encode(category, forKey: .category)
        try c.encodeIfPresent(ground, forKey: .ground)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encodeIfPresent(description, forKey: .description)
        if !lots.isEmpty { try c.encode(lots, forKey: .lots) }
        try c.encode(line, forKey: .line)
        try c.encode(path, forKey: .path)
        try c.encodeIfPresent(source, forKey: .source)
        if inResponse {
            // Always present on responses: null means "not answered".
            try c.encode(answer, forKey: .answer)
            try c.encode(answers, forKey: .answers)
            try c.encode(unansweredQuestions, forKey: .unansweredQuestions)
            try c.encodeIfPresent(groundApplies, forKey: .groundApplies)
            try c.encodeIfPresent(selfCleaning, forKey: .selfCleaning)
            try c.encodeIfPresent(selfCleaningDescription, forKey: .selfCleaningDescription)
        }
        try c.encodeIfPresent(polarity, forKey: .polarity)
        if !subCriteria.isEmpty { try c.encode(subCriteria, forKey: .subCriteria) }
        if !conflicts.isEmpty { try c.encode(conflicts, forKey: .conflicts) }
    }
}

/// One answered question.
public struct Answer: Codable, Sendable, Equatable {
    /// The property id (v2+) or requirement id (v1) the answer belongs to.
    public var property: String?
    /// The question text (`cbc:Description` of the property/requirement).
    public var question: String?
    /// The data type (ValueDataTypeCode / responseDataType), e.g. INDICATOR, DATE.
    public var type: String?
    /// 1-based instance of a repeated group (several convictions, several years).
    public var instance: Int
    /// false when the answer sits in a group whose ONTRUE/ONFALSE gate is closed.
    public var applicable: Bool
    /// The property id of the indicator that gates this answer's group, if any.
    public var gatedBy: String?
    /// Conviction details about natural persons are criminal-law data (AVG art. 10).
    public var criminalData: Bool
    public var indicator: Bool?
    public var date: String?
    public var amount: Amount?
    public var description: String?
    public var code: String?
    public var identifier: Identifier?
    public var quantity: String?
    public var url: String?
    public var period: Period?
    public var evidence: [EvidenceReference]?
    /// A value that could not be read as its type (an indicator other than true/false/1/0), as
    /// written (at most 40 characters); the answer then has no value of that type.
    public var unreadable: String?
    /// For an answer that names no declared question: the criterion it most likely belongs to
    /// (exclusion ground `C1`…, else the criterion id), when one can be told.
    public var belongsTo: String?
    public var line: Int
    public var path: String
    /// What the question asks, from the authority's structure (request or official taxonomy).
    public var meaning: QuestionMeaning?
    /// The line of the response element the value came from (several values of one response
    /// become several answers; this tells them apart from several responses). Not encoded.
    var responseLine: Int = 0

    enum CodingKeys: String, CodingKey {
        case property, question, type, instance, applicable, gatedBy, criminalData, indicator, date, amount, description
        case code, identifier, quantity, url, period, evidence, unreadable, belongsTo, line, path, meaning
    }

    public init(
        property: String?, question: String?, type: String?, instance: Int, applicable: Bool, gatedBy: String?,
        criminalData: Bool, indicator: Bool? = nil, date: String? = nil, amount: Amount? = nil, description: String? = nil,
        code: String? = nil, identifier: Identifier? = nil, quantity: String? = nil, url: String? = nil, period: Period? = nil,
        evidence: [EvidenceReference]? = nil, line: Int, path: String
    ) {
        self.property = property
        self.question = question
        self.type = type
        self.instance = instance
        self.applicable = applicable
        self.gatedBy = gatedBy
        self.criminalData = criminalData
        self.indicator = indicator
        self.date = date
        self.amount = amount
        self.description = description
        self.code = code
        self.identifier = identifier
        self.quantity = quantity
        self.url = url
        self.period = period
        self.evidence = evidence
        self.line = line
        self.path = path
        self.responseLine = line
    }

    public var hasValue: Bool {
        unreadable != nil || indicator != nil || date != nil || amount != nil || description != nil || code != nil
            || identifier != nil || quantity != nil || url != nil || period != nil || !(evidence ?? []).isEmpty
    }
}

public struct Amount: Codable, Sendable, Equatable {
    public var value: String
    public var currency: String?
}

public struct Period: Codable, Sendable, Equatable {
    public var start: String?
    public var end: String?
    public var description: String?

    public init(start: String?, end: String?, description: String?) {
        self.start = start
        self.end = end
        self.description = description
    }
}

public struct EvidenceReference: Codable, Sendable, Equatable {
    public var id: String?
    public var uri: String?
}
