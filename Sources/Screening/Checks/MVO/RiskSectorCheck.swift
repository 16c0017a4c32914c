import DossierModel

/// The tender's CPV codes fall in one of the 13 MVO risk sectors of the province's policy:
/// the jurist considers ISV/due-diligence clauses. Information on the dossier, one per sector.
struct RiskSectorCheck: Check {
    let id = "mvo.risk-sector"
    let severity = Severity.info
    let legalBasis = "Inkoopbeleid 2023 Provincie Flevoland; KPMG MVO Sector Risico Analyse 2014"
    let summary = "The contract's CPV codes fall in an MVO risk sector: its risks and the clauses to consider"
    let dataFiles = ["cpv-sectors.csv", "mvo-sectors.yaml"]
    let dutchSummary = "De CPV-codes van de opdracht vallen in een MVO-risicosector: de risico's en de bepalingen om te overwegen"
    let dutchLegalEffect = "de risicosectoren van de CPV-codes en de bepalingen om te overwegen"
    let legalEffect = "the CPV's risk sectors and the clauses to consider"
    let subject = CheckSubject.tender

    func run(_ context: ScreeningContext) -> [Finding] {
        let mvo = context.rules.mvo
        return context.rules.sectors(forCPV: context.cpvCodes).compactMap { name in
            guard let sector = mvo.sectors.first(where: { $0.name == name }) else { return nil }
            let clauses = sector.clauses.compactMap { mvo.clauses[$0] }
            return finding(
                nl: "Risicosector \(sector.name): \(sector.risks.joined(separator: "; ")). Overweeg: \(clauses.joined(separator: " | ")).",
                en: "Risk sector \(sector.name): \(sector.risks.joined(separator: "; ")). Consider: \(clauses.joined(separator: " | ")).",
                evidence: [
                    context.tenderPointer("cpv", excerpt: context.cpvCodes.joined(separator: ", ")),
                    EvidencePointer(file: context.rules.displayPath("mvo-sectors.yaml"), path: "sectors[\(sector.name)]"),
                ],
                details: ["sector": sector.name])
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("clothing (CPV 18100000)", at: "tender.yaml:18:cpv") { $0.tender.cpv = ["18100000-0"] },
                .fires("clothing and computers: two sectors", at: "tender.yaml:18:cpv", "tender.yaml:18:cpv") {
                    $0.tender.cpv = ["18100000-0", "30213000-5"]
                },
            ],
            nonTriggering: [
                .quiet("software (CPV 48000000)") { $0.tender.cpv = ["48000000-8"] },
                .quiet("consultancy (CPV 79400000)") { $0.tender.cpv = ["79400000-8"] },
            ])
    }
}
