import ESPD

/// Every exclusion criterion in a response must carry a "Your answer".
struct ExclusionUnansweredCheck: Check {
    let id = "espd.exclusion-unanswered"
    let severity = Severity.attention
    let legalBasis = "Aw 2012 art. 2.84; Implementing Reg. (EU) 2016/7, Annex 2 Part III"
    let summary = "An exclusion criterion of the response has no answer"
    let dataFiles: [String] = []

    func run(_ context: ScreeningContext) -> [Finding] {
        guard context.espd.kind == .response else { return [] }
        return context.espd.criteria.filter { $0.category == .exclusion && $0.answer == nil && $0.polarity != nil }.map { criterion in
            let label = criterion.ground.map { "\($0) (\(ExclusionGrounds.ground(number: $0)!.name))" } ?? criterion.uuid
            return finding(
                nl: "Uitsluitingsgrond \(label) is niet beantwoord. Vraag de inschrijver het UEA aan te vullen (herstel van een kennelijke omissie).",
                en: "Exclusion ground \(label) is not answered. Ask the bidder to complete the ESPD.",
                evidence: [context.pointer(criterion)], details: criterion.ground.map { ["ground": $0] })
        }
    }

    var examples: CheckExamples {
        CheckExamples(triggering: { $0.declare(ground: "C5", applies: nil) }, nonTriggering: { $0.declare(ground: "C5", applies: false) })
    }
}
