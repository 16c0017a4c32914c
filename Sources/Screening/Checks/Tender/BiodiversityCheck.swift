import DossierModel

/// Biodiversity as a starting point of provincial policy, procurement included (motion of 28 April
/// 2021): a project on land (works, such as a solar park) should carry a biodiversity condition.
struct BiodiversityCheck: Check {
    let id = "tender.biodiversity"
    let severity = Severity.attention
    let legalBasis = "Motie biodiversiteit, Provinciale Staten Flevoland, 28 april 2021; Inkoopbeleid 2023 Provincie Flevoland"
    let summary = "A project on land without a biodiversity condition"
    let dataFiles = ["tender-duties.yaml"]
    let dutchSummary = "Een project op land zonder biodiversiteitsvoorwaarde"
    let dutchLegalEffect =
        "vraagt `biodiversity` bij een project op land, zoals werken (motie van 28 april 2021); bij `stage: preparation` vóór de publicatie opnemen, daarna vastleggen waarom de voorwaarde is weggelaten"
    let legalEffect =
        "asks for `biodiversity` for a project on land, such as works (motion of 28 April 2021); at `stage: preparation` include it before publication, afterwards record why it was left out"
    let subject = CheckSubject.tender

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let type = context.tender.type, context.rules.tenderDuties.biodiversityTypes.contains(type.rawValue),
            !TenderDuty.has(context, "biodiversity")
        else { return [] }
        let advice = TenderDuty.advice(context, condition: ("een biodiversiteitsvoorwaarde", "a biodiversity condition"))
        return [
            finding(
                nl:
                    "Project op land (\(type.rawValue)) zonder biodiversiteitsvoorwaarde; de motie maakt biodiversiteit een uitgangspunt van het provinciale beleid, inkoop inbegrepen. \(advice.nl)",
                en:
                    "Project on land (\(type.rawValue)) without a biodiversity condition; the motion makes biodiversity a starting point of provincial policy, procurement included. \(advice.en)",
                evidence: [
                    context.tenderPointer("contractConditions", excerpt: "biodiversity"),
                    context.tenderPointer("type", excerpt: type.rawValue),
                ])
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("works without a biodiversity condition", at: "tender.yaml:22:contractConditions") {
                    $0.tender.type = .werken
                    $0.tender.contractConditions = []
                },
                .fires("works with other conditions only", at: "tender.yaml:22:contractConditions") {
                    $0.tender.type = .werken
                    $0.tender.contractConditions = ["sroi", "isv"]
                },
            ],
            nonTriggering: [
                .quiet("works with the condition") {
                    $0.tender.type = .werken
                    $0.tender.contractConditions = ["biodiversity"]
                },
                .quiet("services (not on land)") {
                    $0.tender.type = .diensten
                    $0.tender.contractConditions = []
                },
            ])
    }
}
