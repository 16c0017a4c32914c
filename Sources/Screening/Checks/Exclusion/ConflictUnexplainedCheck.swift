import DossierModel
import ESPD

/// C20 (conflict of interest) and C21 (involvement in preparation) answered yes without an explanation.
struct ConflictUnexplainedCheck: Check {
    let id = "exclusion.conflict-unexplained"
    let severity = Severity.attention
    let legalBasis = "Dir. 2014/24/EU art. 24, 41, 57(4)(e)-(f); Aw 2012 art. 1.10b, 2.51, 2.87(1)(e)-(f)"
    let summary = "Conflict of interest or prior involvement declared (C20/C21) without an explanation"
    let nationalLegalBasis: String? =
        "Aw 2012 art. 1.10b (conflict of interest, in every procedure); " + LegalRegime.kader
        + " (belangenscheiding after RWS Scheiding van Belang)"
    let dataFiles: [String] = []
    let dutchSummary = "Belangenconflict of voorafgaande betrokkenheid verklaard (C20/C21) zonder toelichting"
    let dutchLegalEffect = "belangenconflict zonder toelichting: Scheiding van Belang"
    let legalEffect = "conflict of interest without explanation: Scheiding van Belang"
    let entities = EntityScope.everyEntity

    func run(_ context: ScreeningContext) -> [Finding] {
        ["C20", "C21"].compactMap { number in
            guard let criterion = context.criterion(number), criterion.groundApplies == true else { return nil }
            let explained = criterion.answers.contains { $0.applicable && ($0.description?.isEmpty == false) }
            guard !explained else { return nil }
            let ground = ExclusionGrounds.ground(number: number)!
            let name = ground.name
            return finding(
                nl:
                    "\(number) (\(ground.dutchName)) is met 'ja' beantwoord zonder toelichting. Vraag om uitleg en om de maatregelen (Scheiding van Belang) voordat de inschrijving wordt beoordeeld.",
                en:
                    "\(number) (\(name)) is answered yes without an explanation. Ask for one and for the measures taken (separation of interests) before evaluating the bid.",
                evidence: [context.pointer(criterion)], details: ["ground": number])
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires(
                    "C21 answered yes without explanation",
                    at: "uea.xml:1426:/QualificationApplicationResponse[1]/cac:TenderingCriterion[21]"
                ) { $0.declare(ground: "C21", applies: true) },
                .fires(
                    "C20 answered yes without explanation",
                    at: "uea.xml:1400:/QualificationApplicationResponse[1]/cac:TenderingCriterion[20]"
                ) { $0.declare(ground: "C20", applies: true) },
            ],
            nonTriggering: [
                .quiet("C21 yes, explained") {
                    $0.declare(
                        ground: "C21", applies: true,
                        description: "Adviseur X werkte aan het programma van eisen; belangenbeschermingsplan bijgevoegd.")
                },
                .quiet("C21 answered no, with a remark") {
                    $0.declare(ground: "C21", applies: false, description: "Geen betrokkenheid bij de voorbereiding.")
                },
            ])
    }
}
