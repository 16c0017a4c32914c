import DossierModel

/// A contract in one of the 13 MVO risk sectors: the policy asks for international social
/// conditions (ISV) and due diligence in the tender documents, before publication (they cannot be
/// added after bidding). Attention per missing condition, with the sectors that ask for it.
struct ContractConditionsCheck: Check {
    let id = "tender.contract-conditions"
    let severity = Severity.attention
    let legalBasis = "Inkoopbeleid 2023 Provincie Flevoland; Dir. 2014/24/EU art. 70"
    let summary = "A risk-sector contract without ISV or due-diligence conditions in the tender documents"
    let dataFiles = ["cpv-sectors.csv", "mvo-sectors.yaml", "tender-duties.yaml"]
    let dutchSummary =
        "Een opdracht in een risicosector zonder ISV-voorwaarden of voorwaarden voor gepaste zorgvuldigheid in de aanbestedingsstukken"
    let dutchLegalEffect =
        "vraagt `isv` en `due-diligence` waar de CPV-codes in een van de 13 MVO-risicosectoren vallen (Inkoopbeleid 2023); bij `stage: preparation` vóór de publicatie opnemen, daarna vastleggen waarom de voorwaarden zijn weggelaten"
    let legalEffect =
        "asks for `isv` and `due-diligence` where the CPV codes fall in one of the 13 MVO risk sectors (Inkoopbeleid 2023); at `stage: preparation` include them before publication, afterwards record why they were left out"
    let subject = CheckSubject.tender

    func run(_ context: ScreeningContext) -> [Finding] {
        let sectors = context.rules.sectors(forCPV: context.cpvCodes)
        guard !sectors.isEmpty else { return [] }
        let missing = [
            ("isv", (nl: "de Internationale Sociale Voorwaarden (ISV)", en: "the international social conditions (ISV)")),
            (
                "due-diligence",
                (nl: "een due-diligence-verplichting voor de opdrachtnemer", en: "a due-diligence obligation for the contractor")
            ),
        ]
        .filter { !TenderDuty.has(context, $0.0) }
        return missing.map { key, condition in
            let advice = TenderDuty.advice(context, condition: condition)
            return finding(
                nl:
                    "De opdracht valt in de risicosector\(sectors.count == 1 ? "" : "en") \(sectors.joined(separator: ", ")), maar de aanbestedingsstukken bevatten geen \(condition.nl.replacingOccurrences(of: "een ", with: "")). \(advice.nl)",
                en:
                    "The contract falls in the risk sector\(sectors.count == 1 ? "" : "s") \(sectors.joined(separator: ", ")), but the tender documents contain no \(condition.en.replacingOccurrences(of: "a ", with: "").replacingOccurrences(of: "the ", with: "")). \(advice.en)",
                evidence: [
                    context.tenderPointer("contractConditions", excerpt: key),
                    context.tenderPointer("cpv", excerpt: context.cpvCodes.joined(separator: ", ")),
                ],
                details: ["condition": key, "sectors": sectors.joined(separator: ", "), "stage": context.tender.stage.rawValue])
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("a risk sector with ISV but no due diligence", at: "tender.yaml:22:contractConditions") {
                    $0.tender.cpv = ["18100000-0"]
                    $0.tender.contractConditions = ["isv"]
                },
                .fires(
                    "a risk sector with neither: two findings", at: "tender.yaml:22:contractConditions", "tender.yaml:22:contractConditions"
                ) {
                    $0.tender.cpv = ["18100000-0"]
                    $0.tender.contractConditions = []
                },
            ],
            nonTriggering: [
                .quiet("a risk sector with both") {
                    $0.tender.cpv = ["18100000-0"]
                    $0.tender.contractConditions = ["isv", "due-diligence"]
                },
                .quiet("no risk sector") {
                    $0.tender.cpv = ["79400000-8"]
                    $0.tender.contractConditions = []
                },
            ])
    }
}
