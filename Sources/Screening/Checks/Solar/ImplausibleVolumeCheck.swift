import DossierModel

/// Mass balance. Declared polysilicon (kg) against module output (Wp) times a g/W factor (solar.yaml,
/// with its source), and wafer count against cell count, one or two cells per wafer (half-cut cells).
struct ImplausibleVolumeCheck: Check {
    let id = "solar.implausible-volume"
    let severity = Severity.attention
    let legalBasis = SolarScope.basis + "; SSI material accounting"
    let summary = "Declared volumes do not balance between tiers"
    let dataFiles = ["solar.yaml"]
    let dutchSummary = "De opgegeven hoeveelheden van de schakels sluiten niet op elkaar aan"
    let dutchLegalEffect = "een leemte in de herleidbaarheid, voor een jurist (massabalans)"
    let legalEffect = "a traceability gap for a jurist (mass balance)"

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
                findings.append(
                    finding(
                        nl:
                            "Massabalans klopt niet: \(Dutch.number(Int(saturating: kg))) kg polysilicium voor \(Dutch.number(Int(saturating: wp))) Wp aan modules is \(Dutch.decimal((gramsPerWatt * 100).rounded() / 100)) g/W (verwacht \(Dutch.decimal(rules.polysiliconGramsPerWatt.min))–\(Dutch.decimal(rules.polysiliconGramsPerWatt.max)) g/W).",
                        en: String(
                            format:
                                "Mass balance does not hold: %.0f kg polysilicon for %.0f Wp of modules is %.2f g/W (expected %.1f–%.1f).",
                            kg, wp, gramsPerWatt, rules.polysiliconGramsPerWatt.min, rules.polysiliconGramsPerWatt.max),
                        evidence: [SolarScope.pointer(context, poly), SolarScope.pointer(context, module)],
                        details: ["gramsPerWatt": String(format: "%.2f", gramsPerWatt)]))
            }
        }
        if let (wafer, wafers) = quantity("wafer", "pcs"), let (cell, cells) = quantity("cell", "pcs"), cells > 0,
            !rules.cellsPerWafer.contains(where: { abs(wafers * $0 - cells) / cells <= rules.countTolerance })
        {
            findings.append(
                finding(
                    nl:
                        "Aantallen kloppen niet: \(Dutch.number(Int(saturating: wafers))) wafers tegenover \(Dutch.number(Int(saturating: cells))) cellen (ook bij halve cellen).",
                    en: String(format: "Counts do not match: %.0f wafers against %.0f cells (half-cut cells allowed for).", wafers, cells),
                    evidence: [SolarScope.pointer(context, wafer), SolarScope.pointer(context, cell)]))
        }
        return findings
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("100 kg of polysilicon for 15 MWp of modules", at: "supply-chain.csv:3:tier=polysilicon") {
                    $0.tier("polysilicon") {
                        $0.quantity = 100
                        $0.unit = "kg"
                    }
                },
                .fires("1 million wafers for 4.65 million cells", at: "supply-chain.csv:5:tier=wafer") {
                    $0.tier("wafer") { $0.quantity = 1_000_000 }
                },
            ],
            nonTriggering: [
                .quiet("40,000 kg for 15 MWp (2.7 g/W)") {
                    $0.tier("polysilicon") {
                        $0.quantity = 40_000
                        $0.unit = "kg"
                    }
                },
                .quiet("half-cut cells: twice as many cells as wafers") { $0.tier("cell") { $0.quantity = 9_400_000 } },
            ])
    }
}
