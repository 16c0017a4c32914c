/// PV-06: mass balance. Declared polysilicon (kg) against module output (Wp) times a g/W factor,
/// and wafer count against cell count. The factor is a parameter [U].
struct VolumeCheck: Check {
    let id = "solar.implausible-volume"
    let severity = Severity.attention
    let legalBasis = SolarScope.basis + "; SSI material accounting"
    let summary = "Declared volumes do not balance between tiers"
    let dataFiles = ["solar.yaml"]

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let chain = context.submission.supplyChain else { return [] }
        func quantity(_ tier: String, _ unit: String) -> (SupplyChainTier, Double)? {
            chain.first { $0.tier == tier && $0.unit == unit }.flatMap { t in t.quantity.map { (t, $0) } }
        }
        var findings: [Finding] = []
        let rules = context.rules.solar
        if let (poly, kg) = quantity("polysilicon", "kg"), let (module, wp) = quantity("module", "wp"), wp > 0 {
            let gramsPerWatt = kg * 1000 / wp
            if gramsPerWatt < rules.polysiliconGramsPerWatt.min || gramsPerWatt > rules.polysiliconGramsPerWatt.max {
                findings.append(finding(
                    nl: String(format: "Massabalans klopt niet: %.0f kg polysilicium voor %.0f Wp modules is %.2f g/W (verwacht %.1f–%.1f).", kg, wp, gramsPerWatt, rules.polysiliconGramsPerWatt.min, rules.polysiliconGramsPerWatt.max),
                    en: String(format: "Mass balance does not hold: %.0f kg polysilicon for %.0f Wp of modules is %.2f g/W (expected %.1f–%.1f).", kg, wp, gramsPerWatt, rules.polysiliconGramsPerWatt.min, rules.polysiliconGramsPerWatt.max),
                    evidence: [SolarScope.pointer(context, poly), SolarScope.pointer(context, module)],
                    details: ["gramsPerWatt": String(format: "%.2f", gramsPerWatt)]))
            }
        }
        if let (wafer, wafers) = quantity("wafer", "pcs"), let (cell, cells) = quantity("cell", "pcs"), cells > 0,
           abs(wafers - cells) / cells > rules.countTolerance {
            findings.append(finding(
                nl: String(format: "Aantallen kloppen niet: %.0f wafers tegenover %.0f cellen.", wafers, cells),
                en: String(format: "Counts do not match: %.0f wafers against %.0f cells.", wafers, cells),
                evidence: [SolarScope.pointer(context, wafer), SolarScope.pointer(context, cell)]))
        }
        return findings
    }

    var examples: CheckExamples {
        CheckExamples(triggering: { if let i = $0.submission.supplyChain?.firstIndex(where: { $0.tier == "polysilicon" }) { $0.submission.supplyChain?[i].quantity = 100; $0.submission.supplyChain?[i].unit = "kg" } },
                      nonTriggering: { _ in })
    }
}
