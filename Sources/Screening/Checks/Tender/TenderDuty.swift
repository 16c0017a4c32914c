/// Shared wording of the tender-duty checks: before publication the condition can still be added;
/// after it, not any more (equal treatment, Dir. 2014/24/EU art. 70), so the file records why not.
enum TenderDuty {
    static func advice(_ context: ScreeningContext, condition: (nl: String, en: String)) -> (nl: String, en: String) {
        if context.tender.stage == .preparation {
            return (
                "Neem \(condition.nl) op in de aanbestedingsstukken voordat deze worden gepubliceerd.",
                "Include \(condition.en) in the tender documents before they are published."
            )
        }
        return (
            "De aanbestedingsstukken zijn gepubliceerd: \(condition.nl) alsnog opnemen is niet meer mogelijk (gelijke behandeling, artikel 70 Richtlijn 2014/24/EU). Leg vast waarom het is weggelaten.",
            "The tender documents are published: adding \(condition.en) is no longer possible (equal treatment, Directive 2014/24/EU art. 70). Record why it was left out."
        )
    }

    static func has(_ context: ScreeningContext, _ condition: String) -> Bool { context.tender.contractConditions.contains(condition) }
}
