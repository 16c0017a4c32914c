/// What a question of an exclusion criterion asks, fixed by the official structure of its release
/// (`OfficialStructure`) or by the tender's request, never by the bidder's copy of the question:
/// checks read answers by meaning, so a renamed question cannot change what its answer says.
public enum QuestionMeaning: String, Codable, Sendable, CaseIterable {
    case yourAnswer = "your-answer"
    case convictionDate = "conviction-date"
    case convictionReason = "conviction-reason"
    case whoConvicted = "who-convicted"
    case exclusionPeriod = "exclusion-period"
    case selfCleaning = "self-cleaning"
    case selfCleaningDescription = "self-cleaning-description"
    /// C7/C8: was the decision that established the breach final and binding?
    case finalAndBinding = "final-and-binding"
    /// C7/C8: was the breach established by other means than a judicial or administrative decision?
    case otherMeans = "other-means"
    case otherMeansDescription = "other-means-description"
    /// C7/C8: the date of the conviction or decision.
    case decisionDate = "decision-date"
    /// C7/C8: has the operator paid or entered into a binding arrangement?
    case paidOrArrangement = "paid-or-arrangement"
    case amount = "amount"
    case country = "country"
    /// Reasons for being able to perform the contract nevertheless (insolvency, C-grounds of part C).
    case neverthelessReasons = "nevertheless-reasons"
    case evidenceOnline = "evidence-online"
    case evidenceIdentifier = "evidence-identifier"
    case caption = "caption"
    case other = "other"

    /// The meaning of a question by its official English text (the rule the shipped structure is
    /// generated with; applied to the authority's text only).
    public static func of(officialText text: String?, typeCode: String) -> QuestionMeaning {
        if typeCode == "CAPTION" { return .caption }
        let text = (text ?? "").lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let rules: [(String, QuestionMeaning)] = [
            ("your answer", .yourAnswer),
            ("date of conviction or decision", .decisionDate),
            ("date of conviction", .convictionDate),
            ("who has been convicted", .whoConvicted),
            ("length of the period", .exclusionPeriod),
            ("demonstrate your reliability", .selfCleaning),
            ("please describe them", .selfCleaningDescription),
            ("final and binding", .finalAndBinding),
            ("means other than", .otherMeans),
            ("describe which means", .otherMeansDescription),
            ("paying or entering into a binding arrangement", .paidOrArrangement),
            ("amount concerned", .amount),
            ("country or member state", .country),
            ("reasons for being nevertheless", .neverthelessReasons),
            ("is this information available", .evidenceOnline),
            ("evidence supplied", .evidenceIdentifier),
        ]
        if text == "reason" { return .convictionReason }
        if text == "url" { return .evidenceIdentifier }
        return rules.first { text.includes($0.0) }?.1 ?? .other
    }
}
