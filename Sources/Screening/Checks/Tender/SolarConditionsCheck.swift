import DossierModel

/// A PV tender: the solar motion asks the province to make a maximum effort against forced labour in
/// the production chain, which takes supply-chain conditions (transparency per tier, the right to
/// audit) in the tender documents; only announced conditions can later be enforced or block.
struct SolarConditionsCheck: Check {
    let id = "tender.solar-conditions"
    let severity = Severity.attention
    let legalBasis = SolarScope.basis + "; Dir. 2014/24/EU art. 70"
    let summary = "A PV tender without supply-chain conditions against forced labour"
    let dataFiles = ["solar.yaml", "tender-duties.yaml"]
    let dutchSummary = "Een aanbesteding van zonnepanelen zonder ketenvoorwaarden tegen dwangarbeid"
    let dutchLegalEffect =
        "vraagt `supply-chain-transparency` in een aanbesteding van zonnepanelen (de motie over zonnecellen van 9 juni 2021); bij `stage: preparation` vóór de publicatie opnemen, daarna vastleggen waarom de voorwaarde is weggelaten"
    let legalEffect =
        "asks for `supply-chain-transparency` in a PV tender (the solar-cell motion of 9 June 2021); at `stage: preparation` include it before publication, afterwards record why it was left out"
    let subject = CheckSubject.tender

    func run(_ context: ScreeningContext) -> [Finding] {
        guard SolarScope.isSolarTender(context), !TenderDuty.has(context, "supply-chain-transparency") else { return [] }
        let advice = TenderDuty.advice(
            context,
            condition: (
                "ketenvoorwaarden tegen dwangarbeid (herleidbaarheid per schakel, auditrecht)",
                "supply-chain conditions against forced labour (traceability per tier, right to audit)"
            ))
        return [
            finding(
                nl:
                    "Zonnepanelen-aanbesteding zonder ketenvoorwaarden; de motie zonnecellen vraagt maximale inspanning om dwangarbeid in de productieketen te voorkomen, en alleen aangekondigde voorwaarden kunnen later worden afgedwongen. \(advice.nl)",
                en:
                    "Solar-panel tender without supply-chain conditions; the solar-cell motion asks for maximum effort to prevent forced labour in the production chain, and only announced conditions can be enforced later. \(advice.en)",
                evidence: [
                    context.tenderPointer("contractConditions", excerpt: "supply-chain-transparency"),
                    context.tenderPointer("cpv", excerpt: context.cpvCodes.joined(separator: ", ")),
                ])
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("a solar tender without supply-chain conditions", at: "tender.yaml:22:contractConditions") {
                    $0.tender.solar = true
                    $0.tender.contractConditions = []
                },
                .fires("a PV CPV code (no solar: in the tender file) without them", at: "tender.yaml:22:contractConditions") {
                    $0.tender.solar = nil
                    $0.tender.cpv = ["09331200-0"]
                    $0.tender.contractConditions = ["sroi"]
                },
            ],
            nonTriggering: [
                .quiet("with the conditions") {
                    $0.tender.solar = true
                    $0.tender.contractConditions = ["supply-chain-transparency"]
                },
                .quiet("solar thermal (CPV 09331100), no PV") {
                    $0.tender.solar = nil
                    $0.tender.cpv = ["09331100-9"]
                    $0.tender.contractConditions = []
                },
            ])
    }
}
