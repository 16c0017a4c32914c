extension ESPDDocument {
    /// The placeholder that replaces redacted personal data.
    public static let redacted = "[redacted: personal data, use --personal-data]"

    /// A copy without birth dates and without the free text of the exclusion grounds (Part III:
    /// who was convicted and why, what was done about it: the self-cleaning description
    /// included). Indicators and dates stay: findings need them.
    public func redactingPersonalData() -> ESPDDocument {
        var copy = self
        if var eo = copy.economicOperator {
            for index in eo.representatives.indices where eo.representatives[index].birthDate != nil {
                eo.representatives[index].birthDate = Self.redacted
            }
            copy.economicOperator = eo
        }
        for c in copy.criteria.indices {
            let partThree = copy.criteria[c].category == .exclusion
            if partThree && copy.criteria[c].selfCleaningDescription != nil { copy.criteria[c].selfCleaningDescription = Self.redacted }
            for a in copy.criteria[c].answers.indices where copy.criteria[c].answers[a].criminalData || partThree {
                if copy.criteria[c].answers[a].description != nil { copy.criteria[c].answers[a].description = Self.redacted }
            }
        }
        return copy
    }
}
