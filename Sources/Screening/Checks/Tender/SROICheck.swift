import DossierModel

/// Social return as a fixed part of procurement (motion of 9 November 2022): works and services
/// from the value tender-duties.yaml sets should carry an SROI condition. The motion names no
/// amounts: the value limits are the province's own policy choice and the message says so (domain
/// §9b), never that the motion sets them.
struct SROICheck: Check {
    let id = "tender.sroi"
    let severity = Severity.attention
    let legalBasis = "Motie SROI, Provinciale Staten Flevoland, 9 november 2022; Inkoopbeleid 2023 Provincie Flevoland"
    let summary = "Works or services from the SROI value without a social-return condition"
    let dataFiles = ["tender-duties.yaml"]
    let dutchSummary = "Werken of diensten vanaf de SROI-waarde zonder SROI-voorwaarde"
    let dutchLegalEffect =
        "vraagt `sroi` bij werken of diensten vanaf de waarde in `tender-duties.yaml` (een eigen keuze van de provincie; de motie van 9 november 2022 noemt geen bedragen); bij `stage: preparation` vóór de publicatie opnemen, daarna vastleggen waarom de voorwaarde is weggelaten"
    let legalEffect =
        "asks for `sroi` for works or services from the value in `tender-duties.yaml` (the province's own choice; the motion of 9 November 2022 names no amounts); at `stage: preparation` include it before publication, afterwards record why it was left out"
    let subject = CheckSubject.tender

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let type = context.tender.type, let value = context.tender.estimatedValue, !TenderDuty.has(context, "sroi") else { return [] }
        let rules = context.rules.tenderDuties.sroiFrom
        let from: Double
        switch type {
        case .werken: from = rules.werken
        case .diensten, .socialeDiensten: from = rules.diensten
        default: return []
        }
        guard value >= from else { return [] }
        let advice = TenderDuty.advice(context, condition: ("een SROI-voorwaarde (social return)", "a social-return (SROI) condition"))
        return [
            finding(
                nl:
                    "Opdracht (\(type.rawValue)) van \(Euro.nl(value)) zonder SROI-voorwaarde. De motie SROI van 9 november 2022 maakt social return een vast onderdeel van het inkoopbeleid, maar noemt geen bedragen; de provincie vraagt als eigen beleidskeuze een SROI-voorwaarde vanaf \(Euro.nl(from)) voor dit soort opdracht. \(advice.nl)",
                en:
                    "Contract (\(type.rawValue)) of \(Euro.en(value)) without an SROI condition. The SROI motion of 9 November 2022 makes social return a fixed part of the procurement policy but names no amounts; as its own policy choice the province asks for an SROI condition from \(Euro.en(from)) for this type of contract. \(advice.en)",
                evidence: [
                    context.tenderPointer("contractConditions", excerpt: "sroi"),
                    EvidencePointer(file: context.rules.displayPath("tender-duties.yaml"), path: "sroiFrom"),
                ],
                details: ["from": String(Int(saturating: from)), "source": rules.source])
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("works of 2 million without SROI", at: "tender.yaml:22:contractConditions") {
                    $0.tender.type = .werken
                    $0.tender.estimatedValue = 2_000_000
                    $0.tender.contractConditions = []
                },
                .fires("services at the SROI threshold", at: "tender.yaml:22:contractConditions") {
                    $0.tender.type = .diensten
                    $0.tender.estimatedValue = $0.rules.tenderDuties.sroiFrom.diensten
                    $0.tender.contractConditions = []
                },
            ],
            nonTriggering: [
                .quiet("works of 2 million with SROI") {
                    $0.tender.type = .werken
                    $0.tender.estimatedValue = 2_000_000
                    $0.tender.contractConditions = ["sroi"]
                },
                .quiet("services just under the threshold") {
                    $0.tender.type = .diensten
                    $0.tender.estimatedValue = $0.rules.tenderDuties.sroiFrom.diensten - 1
                    $0.tender.contractConditions = []
                },
            ])
    }
}
