import DossierModel
import ESPD

/// A conviction ground answered yes whose window has passed: kept in the dossier as information.
struct ExpiredConvictionCheck: Check {
    let id = "exclusion.expired-conviction"
    let severity = Severity.info
    let legalBasis = "Dir. 2014/24/EU art. 57(7); Aw 2012 art. 2.86"
    let summary = "Conviction declared, but older than the exclusion window and no period set in it still runs"
    let nationalLegalBasis: String? = LegalRegime.applying("Aw 2012 art. 2.86")
    let dataFiles = ["evidence.yaml"]
    let dutchSummary = "Veroordeling verklaard, maar ouder dan de uitsluitingstermijn, en geen termijn uit het vonnis loopt nog"
    let dutchLegalEffect = "ouder dan de termijn: geen uitsluiting, vastgelegd in het dossier"
    let legalEffect = "older than the window: no exclusion, on file"
    let entities = EntityScope.everyEntity

    func run(_ context: ScreeningContext) -> [Finding] {
        let years = context.rules.evidence.mandatoryExclusionYears
        return ConvictionFacts.declared(in: context).compactMap { criterion, ground, facts in
            guard facts.expired(at: context.referenceDate, years: years), let date = facts.latestConviction else { return nil }
            return finding(
                nl:
                    "Uitsluitingsgrond \(ground.ground) (\(ground.dutchName)) is bevestigd, maar de veroordeling is ouder dan \(years) jaar: geen uitsluiting, wel vastleggen.",
                en:
                    "Exclusion ground \(ground.ground) (\(ground.name)) is declared, but the conviction is older than \(years) years: no exclusion, keep on file.",
                evidence: [context.pointer(criterion)] + (facts.pointer.map { [$0] } ?? []),
                details: ["ground": ground.ground, "convictionDate": date.description, "referenceDate": context.referenceDate.description],
                criminalData: true)
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("C1 conviction of 6 years ago", at: "uea.xml:43:/QualificationApplicationResponse[1]/cac:TenderingCriterion[1]") {
                    $0.declare(ground: "C1", applies: true, date: $0.referenceDate.adding(years: -6).description)
                },
                .fires("C3 conviction of 10 years ago", at: "uea.xml:171:/QualificationApplicationResponse[1]/cac:TenderingCriterion[3]") {
                    $0.declare(ground: "C3", applies: true, date: $0.referenceDate.adding(years: -10).description)
                },
            ],
            nonTriggering: [
                .quiet("C1 conviction of 4 years ago (exclusion.mandatory-ground)") {
                    $0.declare(ground: "C1", applies: true, date: $0.referenceDate.adding(years: -4).description)
                },
                .quiet("C1 answered no, an old date left in the form") {
                    $0.declare(ground: "C1", applies: false, date: $0.referenceDate.adding(years: -9).description)
                },
            ])
    }
}
