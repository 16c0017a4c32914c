import DossierModel

/// A solar-panel tender without a supply-chain declaration: origin cannot be assessed at all.
struct SolarDeclarationMissingCheck: Check {
    let id = "solar.declaration-missing"
    let severity = Severity.attention
    let legalBasis = SolarScope.basis
    let summary = "Solar-panel tender but no supply-chain declaration from the bidder"
    let dataFiles = ["solar.yaml"]
    let dutchSummary = "Aanbesteding van zonnepanelen, maar geen ketenverklaring van de inschrijver"
    let dutchLegalEffect = "een leemte in de herleidbaarheid, voor een jurist"
    let legalEffect = "a traceability gap for a jurist"

    func run(_ context: ScreeningContext) -> [Finding] {
        guard SolarScope.isSolarTender(context), context.submission.supplyChain == nil else { return [] }
        return [
            finding(
                nl:
                    "Dit is een aanbesteding met zonnepanelen, maar de inschrijver heeft geen ketenverklaring (kwartsiet tot module) aangeleverd.",
                en: "This tender involves solar panels, but the bidder provided no supply-chain declaration (quartzite to module).",
                evidence: [
                    context.tenderPointer("cpv", excerpt: context.cpvCodes.joined(separator: ", ")),
                    context.submission.bidderPointer("supplyChain"),
                ])
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("a PV CPV code without a declaration", at: "tender.yaml:18:cpv") {
                    $0.tender.cpv = ["09331200-0"]
                    $0.submission.supplyChain = nil
                },
                .fires("solar: true in the tender file, works CPV only", at: "tender.yaml:18:cpv") {
                    $0.tender.solar = true
                    $0.tender.cpv = ["45000000-7"]
                    $0.submission.supplyChain = nil
                },
            ],
            nonTriggering: [
                .quiet("no solar CPV code") {
                    $0.tender.cpv = ["72000000-5"]
                    $0.submission.supplyChain = nil
                },
                .quiet("solar: false in the tender file overrides a PV CPV code") {
                    $0.tender.solar = false
                    $0.tender.cpv = ["09331200-0"]
                    $0.submission.supplyChain = nil
                },
            ])
    }
}
