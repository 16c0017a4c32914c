import DossierModel

/// PV-08: manufacturers run separate lines for different markets; only batch or serial numbers
/// tie the delivered modules to the traced chain.
struct BatchLinkCheck: Check {
    let id = "solar.batch-link"
    let severity = Severity.attention
    let legalBasis = SolarScope.basis + "; SHU 'Over-Exposed' (2023)"
    let summary = "The module tier has no batch or serial link to the traced production line"
    let dataFiles: [String] = []
    let dutchSummary = "De schakel van de modules heeft geen koppeling via partij- of serienummer met de herleide productielijn"
    let dutchLegalEffect = "een leemte in de herleidbaarheid, voor een jurist"
    let legalEffect = "a traceability gap for a jurist"

    func run(_ context: ScreeningContext) -> [Finding] {
        // Every module tier: a declaration that lists the modules twice must not hide the one
        // without a link behind one with a link.
        (context.submission.supplyChain ?? []).filter { $0.tier == "module" && ($0.batchLink ?? "").trimmingBlanks().isEmpty }.map {
            module in
            finding(
                nl: "De modules (\(module.entity)) hebben geen batch- of serienummerkoppeling met de getraceerde productielijn.",
                en: "The modules (\(module.entity)) have no batch or serial link to the traced production line.",
                evidence: [SolarScope.pointer(context, module)])
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("the module tier without a batch link", at: "supply-chain.csv:7:tier=module") {
                    $0.tier("module") { $0.batchLink = nil }
                },
                .fires("a second module tier without one (the first has a link)", at: "supply-chain.csv:8:tier=module") { context in
                    guard var second = context.submission.supplyChain?.first(where: { $0.tier == "module" }) else { return }
                    second.entity = "Eemshaven Modules 2 B.V."
                    second.batchLink = nil
                    second.line += 1
                    context.submission.supplyChain?.append(second)
                },
            ],
            nonTriggering: [
                .quiet("a batch link given") { $0.tier("module") { $0.batchLink = "NZM-2026-LOT-117" } },
                .quiet("no supply-chain declaration (solar.declaration-missing)") { $0.submission.supplyChain = nil },
            ])
    }
}
