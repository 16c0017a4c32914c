import DossierModel

/// A Bibob check is intended (`bibob: true`) but the tender documents carry no Bibob clause: a
/// Bibob questionnaire needs prior announcement in the documents.
struct BibobClauseCheck: Check {
    let id = "tender.bibob-clause"
    let severity = Severity.attention
    let legalBasis = "Wet Bibob art. 5; Inkoopbeleid 2023 Provincie Flevoland, Inkoopkader"
    let summary = "A Bibob check is intended without a Bibob clause in the tender documents"
    let dataFiles = ["tender-duties.yaml"]
    let dutchSummary = "Een Bibob-toets is voorgenomen zonder Bibob-bepaling in de aanbestedingsstukken"
    let dutchLegalEffect =
        "vraagt `bibob` waar `bibob: true` (een Bibob-vragenlijst moet vooraf zijn aangekondigd); bij `stage: preparation` vóór de publicatie opnemen, daarna vastleggen waarom de bepaling is weggelaten"
    let legalEffect =
        "asks for `bibob` where `bibob: true` (a Bibob questionnaire needs prior announcement); at `stage: preparation` include it before publication, afterwards record why it was left out"
    let subject = CheckSubject.tender

    func run(_ context: ScreeningContext) -> [Finding] {
        guard context.tender.bibob, !TenderDuty.has(context, "bibob") else { return [] }
        let advice = TenderDuty.advice(context, condition: ("een Bibob-clausule", "a Bibob clause"))
        return [
            finding(
                nl:
                    "Er is een Bibob-toets voorzien, maar de aanbestedingsstukken bevatten geen Bibob-clausule; een Bibob-vragenformulier vraagt een voorafgaande aankondiging. \(advice.nl)",
                en:
                    "A Bibob check is intended, but the tender documents contain no Bibob clause; a Bibob questionnaire needs prior announcement. \(advice.en)",
                evidence: [context.tenderPointer("bibob", excerpt: "true"), context.tenderPointer("contractConditions", excerpt: "bibob")])
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("a Bibob check intended, no clause", at: "tender.yaml:20:bibob") {
                    $0.tender.bibob = true
                    $0.tender.contractConditions = []
                },
                .fires("a Bibob check intended, other conditions only", at: "tender.yaml:20:bibob") {
                    $0.tender.bibob = true
                    $0.tender.contractConditions = ["isv", "sroi"]
                },
            ],
            nonTriggering: [
                .quiet("with the clause") {
                    $0.tender.bibob = true
                    $0.tender.contractConditions = ["bibob"]
                },
                .quiet("no Bibob check intended") {
                    $0.tender.bibob = false
                    $0.tender.contractConditions = []
                },
            ])
    }
}
