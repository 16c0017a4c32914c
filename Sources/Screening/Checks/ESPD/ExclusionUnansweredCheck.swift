import DossierModel
import ESPD

/// Every exclusion criterion in a response must carry a "Your answer".
struct ExclusionUnansweredCheck: Check {
    let id = "espd.exclusion-unanswered"
    let severity = Severity.attention
    let legalBasis = "Aw 2012 art. 2.84; Implementing Reg. (EU) 2016/7, Annex 2 Part III"
    let summary = "An exclusion criterion of the response has no answer"
    let nationalLegalBasis: String? = LegalRegime.applying("Aw 2012 art. 2.84")
    let dataFiles: [String] = []
    let dutchSummary = "Een uitsluitingscriterium in het antwoord is niet beantwoord"
    let dutchLegalEffect =
        "een onbeantwoorde of onleesbare uitsluitingsgrond: de inschrijver vragen die aan te vullen of te verduidelijken (Richtlijn 2014/24/EU art. 56 lid 3)"
    let legalEffect = "an unanswered or unreadable ground: ask the bidder to complete or clarify (Dir. 2014/24 art. 56(3))"
    let entities = EntityScope.everyEntity

    func run(_ context: ScreeningContext) -> [Finding] {
        guard context.espd.kind == .response else { return [] }
        return context.espd.criteria.filter { $0.category == .exclusion && $0.answer == nil && $0.polarity != nil }.map { criterion in
            let ground = criterion.ground.flatMap(ExclusionGrounds.ground(number:))
            let label = ground.map { "\($0.ground) (\($0.name))" } ?? criterion.uuid
            let labelNL = ground.map { "\($0.ground) (\($0.dutchName))" } ?? criterion.uuid
            let unreadable = criterion.conflicts.filter { $0.kind == .unreadableValue && $0.concernsYourAnswer }.flatMap(\.lines)
            if !unreadable.isEmpty {
                return finding(
                    nl:
                        "Het antwoord op uitsluitingsgrond \(labelNL) is onleesbaar (\(unreadable.count == 1 ? "regel" : "regels") \(Dutch.lines(unreadable))): geen geldige ja/nee-waarde. Vraag de inschrijver het antwoord te verduidelijken.",
                    en:
                        "The answer to exclusion ground \(label) cannot be read (line\(unreadable.count == 1 ? "" : "s") \(unreadable.map(String.init).joined(separator: ", "))): not a boolean. Ask the bidder to clarify the answer.",
                    evidence: [context.pointer(criterion)]
                        + unreadable.map {
                            EvidencePointer(file: criterion.source ?? context.espd.source, line: $0, excerpt: criterion.ground)
                        },
                    details: criterion.ground.map { ["ground": $0] })
            }
            return finding(
                nl:
                    "Uitsluitingsgrond \(labelNL) is niet beantwoord. Vraag de inschrijver het UEA aan te vullen (herstel van een kennelijke omissie).",
                en: "Exclusion ground \(label) is not answered. Ask the bidder to complete the ESPD.",
                evidence: [context.pointer(criterion)], details: criterion.ground.map { ["ground": $0] })
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("C5 not answered", at: "uea.xml:299:/QualificationApplicationResponse[1]/cac:TenderingCriterion[5]") {
                    $0.declare(ground: "C5", applies: nil)
                },
                .fires(
                    "C1 and C5 not answered: two findings", at: "uea.xml:43:/QualificationApplicationResponse[1]/cac:TenderingCriterion[1]",
                    "uea.xml:299:/QualificationApplicationResponse[1]/cac:TenderingCriterion[5]"
                ) {
                    $0.declare(ground: "C1", applies: nil)
                    $0.declare(ground: "C5", applies: nil)
                },
            ],
            nonTriggering: [
                .quiet("C5 without an answer in a request (nothing is declared there)") {
                    $0.submission.espd.kind = .request
                    $0.declare(ground: "C5", applies: nil)
                },
                .quiet("C5 answered yes (the exclusion checks weigh it)") {
                    $0.declare(ground: "C5", applies: true, date: $0.referenceDate.adding(years: -1).description)
                },
            ])
    }
}
