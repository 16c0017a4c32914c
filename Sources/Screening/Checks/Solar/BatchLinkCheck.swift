import DossierModel

/// PV-08: manufacturers run separate lines for different markets; only batch or serial numbers
/// tie the delivered modules to the traced chain.
struct BatchLinkCheck: Check {
    let id = "solar.batch-link"
    let severity = Severity.attention
    let legalBasis = SolarScope.basis + "; SHU 'Over-Exposed' (2023) on bifurcated supply chains"
    let summary = "The module tier has no batch or serial link to the traced production line"
    let dataFiles: [String] = []

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let chain = context.submission.supplyChain, let module = chain.first(where: { $0.tier == "module" }), module.batchLink == nil else { return [] }
        return [finding(
            nl: "De modules (\(module.entity)) hebben geen batch- of serienummerkoppeling met de getraceerde productielijn.",
            en: "The modules (\(module.entity)) have no batch or serial link to the traced production line.",
            evidence: [SolarScope.pointer(context, module)])]
    }

    var examples: CheckExamples {
        CheckExamples(triggering: { if let i = $0.submission.supplyChain?.firstIndex(where: { $0.tier == "module" }) { $0.submission.supplyChain?[i].batchLink = nil } },
                      nonTriggering: { _ in })
    }
}
