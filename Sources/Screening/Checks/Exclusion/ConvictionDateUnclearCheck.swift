import DossierModel
import ESPD

/// The date of a declared conviction (C1–C6) is where the window runs from, so it must be one
/// clear date: this check reports a date not written as YYYY-MM-DD, a date after the reference date,
/// a date in a group the answers make not applicable (a gate retyped ONTRUE → ONFALSE), and more
/// than one date for one conviction. The window is measured from the most recent plausible date,
/// and a date after the reference date or a value that is no date means the conviction cannot be
/// shown to have expired (`ConvictionFacts`): an unclear date never shortens the window.
struct ConvictionDateUnclearCheck: Check {
    let id = "exclusion.conviction-date-unclear"
    let severity = Severity.attention
    let legalBasis = "Dir. 2014/24/EU art. 57(7); Aw 2012 art. 2.86"
    let summary = "A declared conviction's date is not one clear YYYY-MM-DD date on or before the reference date"
    let nationalLegalBasis: String? = LegalRegime.applying("Aw 2012 art. 2.86")
    let dataFiles: [String] = []
    let dutchSummary = "De datum van een verklaarde veroordeling is niet één duidelijke datum (JJJJ-MM-DD) op of vóór de peildatum"
    let dutchLegalEffect =
        "de datum van een verklaarde veroordeling is niet als JJJJ-MM-DD geschreven, ligt na de peildatum of staat achter een vraag die de antwoorden afsluiten, of één veroordeling heeft meer dan één datum; de termijn wordt daardoor nooit korter (Richtlijn 2014/24/EU art. 57 lid 7)"
    let legalEffect =
        "a declared conviction's date not written as YYYY-MM-DD, after the reference date, behind a gate the answers close, or more than one date for one conviction; the window never shortens for it (Dir. art. 57(7))"
    let entities = EntityScope.everyEntity

    func run(_ context: ScreeningContext) -> [Finding] {
        ConvictionFacts.declared(in: context).compactMap { criterion, ground, facts in
            guard !facts.unclear.isEmpty else { return nil }
            let counted = facts.latestConviction
            return finding(
                nl: "Uitsluitingsgrond \(ground.ground) (\(ground.dutchName)): de datum van de veroordeling is niet eenduidig: "
                    + facts.unclear.map(\.nl).joined(separator: "; ") + ". "
                    + (facts.hasImplausibleDate || counted == nil
                        ? "Omdat niet vaststaat dat de termijn is verstreken, geldt de veroordeling als binnen de termijn."
                        : "De termijn is berekend vanaf de meest recente aannemelijke datum, \(counted!.dutch).")
                    + " Vraag de inschrijver de datum van het vonnis te bevestigen.",
                en: "Exclusion ground \(ground.ground) (\(ground.name)): the date of the conviction is not clear: "
                    + facts.unclear.map(\.en).joined(separator: "; ") + ". "
                    + (facts.hasImplausibleDate || counted == nil
                        ? "As the period cannot be shown to have passed, the conviction counts as within it."
                        : "The period was counted from the most recent plausible date, \(counted!).")
                    + " Ask the bidder to confirm the date of the judgment.",
                evidence: [context.pointer(criterion)] + facts.unclear.map { context.pointer($0.answer) },
                details: ["ground": ground.ground, "convictionDate": counted?.description ?? "not given"], criminalData: true)
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires(
                    "C1 with the date written 01-06-2025", at: "uea.xml:43:/QualificationApplicationResponse[1]/cac:TenderingCriterion[1]"
                ) {
                    $0.declare(ground: "C1", applies: true, date: "01-06-2025")
                },
                .fires(
                    "C3 with a date after the reference date",
                    at: "uea.xml:171:/QualificationApplicationResponse[1]/cac:TenderingCriterion[3]"
                ) {
                    $0.declare(ground: "C3", applies: true, date: $0.referenceDate.adding(years: 1).description)
                },
            ],
            nonTriggering: [
                .quiet("C1 with one ISO date two years back") {
                    $0.declare(ground: "C1", applies: true, date: $0.referenceDate.adding(years: -2).description)
                },
                .quiet("C3 answered no, with a stray date") { $0.declare(ground: "C3", applies: false, date: "01-06-2025") },
            ])
    }
}
