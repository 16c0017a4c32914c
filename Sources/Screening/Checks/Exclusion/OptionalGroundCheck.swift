import ESPD

/// C9–C24 (optional grounds): attention when the ground was announced in the tender and the
/// event is within 3 years; information otherwise (an unannounced ground may not be used).
/// Assumption: without a date the event counts as recent. C23 with ambiguous wording is left
/// to exclusion.misrepresentation-ambiguous.
struct OptionalGroundCheck: Check {
    let id = "exclusion.optional-ground"
    let severity = Severity.attention
    let legalBasis = "Dir. 2014/24/EU art. 57(4), 57(7); Aw 2012 art. 2.87; Gids Proportionaliteit 3.5A"
    let summary = "Optional exclusion ground declared: assess if announced in the tender and within 3 years"
    let dataFiles = ["evidence.yaml"]

    func run(_ context: ScreeningContext) -> [Finding] {
        let years = context.rules.evidence.optionalExclusionYears
        let announced = Set(context.tender.optionalGrounds.map { $0.uppercased() })
        return context.espd.criteria.compactMap { criterion in
            guard let ground = criterion.ground.flatMap(ExclusionGrounds.ground(number:)), !ground.mandatory,
                  criterion.groundApplies == true else { return nil }
            let eventDate = criterion.answers.compactMap { $0.date.flatMap(Day.init) }.max()
            var details = ["ground": ground.ground, "announced": announced.contains(ground.ground) ? "yes" : "no"]
            if let eventDate { details["eventDate"] = eventDate.description }
            let evidence = [context.pointer(criterion)]
            if !announced.contains(ground.ground) {
                return finding(.info,
                    nl: "Facultatieve grond \(ground.ground) (\(ground.dutchName)) is bevestigd, maar niet aangekondigd in de aanbesteding: niet uitsluiten op deze grond.",
                    en: "Optional ground \(ground.ground) (\(ground.name)) is declared but was not announced in the tender: it may not be used to exclude.",
                    evidence: evidence + [context.tenderPointer("optionalGrounds")], details: details)
            }
            if let eventDate, eventDate.adding(years: years) < context.referenceDate {
                return finding(.info,
                    nl: "Facultatieve grond \(ground.ground) (\(ground.dutchName)) is bevestigd, maar de gebeurtenis is ouder dan \(years) jaar.",
                    en: "Optional ground \(ground.ground) (\(ground.name)) is declared, but the event is older than \(years) years.",
                    evidence: evidence, details: details)
            }
            return finding(
                nl: "Facultatieve grond \(ground.ground) (\(ground.dutchName)) is bevestigd en aangekondigd: een jurist beoordeelt proportionaliteit en eventuele herstelmaatregelen.",
                en: "Optional ground \(ground.ground) (\(ground.name)) is declared and was announced: a jurist assesses proportionality and any self-cleaning.",
                evidence: evidence, details: details)
        }
    }

    var examples: CheckExamples {
        CheckExamples(triggering: { $0.tender.optionalGrounds = ["C12"]; $0.declare(ground: "C12", applies: true) },
                      nonTriggering: { $0.tender.optionalGrounds = ["C12"]; $0.declare(ground: "C12", applies: false) })
    }
}
