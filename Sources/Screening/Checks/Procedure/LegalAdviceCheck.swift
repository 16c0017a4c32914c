import DossierModel

/// From €50,000 (supplies and services) the unit Juridische Zaken, Inkoop en Besluitvorming
/// gives procurement and legal advice; works are guided by the afdeling Infrastructuur.
struct LegalAdviceCheck: Check {
    let id = "procedure.legal-advice"
    let severity = Severity.attention
    let legalBasis = "Inkoopbeleid 2023 Provincie Flevoland, Inkoopkader"
    let summary = "Supplies or services from €50,000 without recorded legal advice"
    let dataFiles = ["thresholds.yaml"]
    let dutchSummary = "Leveringen of diensten vanaf € 50.000 zonder vastgelegd juridisch advies"
    let dutchLegalEffect = "Inkoopkader: juridisch advies vanaf € 50.000"
    let legalEffect = "Inkoopkader: advice from €50,000"
    let subject = CheckSubject.tender

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let type = context.tender.type, [.leveringen, .diensten, .socialeDiensten].contains(type),
            let value = context.tender.estimatedValue, value >= context.rules.thresholds.legalAdviceFrom,
            context.tender.legalDepartmentConsulted != true
        else { return [] }
        return [
            finding(
                nl:
                    "Voor \(type.rawValue) van \(Euro.nl(value)) moet Juridische Zaken, Inkoop en Besluitvorming zijn geraadpleegd; dat is niet vastgelegd.",
                en: "For \(type.rawValue) worth \(Euro.en(value)) the legal department must have been consulted; that is not recorded.",
                evidence: [context.tenderPointer("legalDepartmentConsulted"), context.tenderPointer("estimatedValue")])
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("services of 80,000, legal department not consulted", at: "tender.yaml:17:legalDepartmentConsulted") {
                    $0.tender.type = .diensten
                    $0.tender.estimatedValue = 80_000
                    $0.tender.legalDepartmentConsulted = false
                },
                .fires("supplies of 200,000, consultation not recorded", at: "tender.yaml:17:legalDepartmentConsulted") {
                    $0.tender.type = .leveringen
                    $0.tender.estimatedValue = 200_000
                    $0.tender.legalDepartmentConsulted = nil
                },
            ],
            nonTriggering: [
                .quiet("consulted") {
                    $0.tender.type = .diensten
                    $0.tender.estimatedValue = 80_000
                    $0.tender.legalDepartmentConsulted = true
                },
                .quiet("below the value that requires it") {
                    $0.tender.type = .diensten
                    $0.tender.estimatedValue = $0.rules.thresholds.legalAdviceFrom - 1
                    $0.tender.legalDepartmentConsulted = false
                },
            ])
    }
}
