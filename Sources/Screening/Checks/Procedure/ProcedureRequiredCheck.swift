import DossierModel

/// Records, for the file, which procedure the value requires under the province's table and
/// which EU threshold applied at the launch date, next to the procedure used.
struct ProcedureRequiredCheck: Check {
    let id = "procedure.required"
    let severity = Severity.info
    let legalBasis =
        "Inkoopbeleid 2023 Provincie Flevoland, Inkoopkader (CVDR702942); Dir. 2014/24/EU art. 4-5, 74-76; Delegated Reg. (EU) 2025/2152"
    let summary = "The procedure the estimated value requires and the EU threshold in force at launch"
    let dataFiles = ["thresholds.yaml"]
    let dutchSummary = "De procedure die de geraamde waarde vereist en de Europese drempel die bij de start gold"
    let dutchLegalEffect = "de vereiste procedure en de Europese drempel, vastgelegd in het dossier"
    let legalEffect = "the required procedure and EU threshold on record"
    let subject = CheckSubject.tender

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let (needed, eu) = LighterThanRequiredCheck().required(context), let value = context.tender.estimatedValue else { return [] }
        let used = context.tender.procedure
        // Social and other specific services at or above their threshold: the light regime, not a
        // European procedure (Dir. 2014/24/EU art. 74–76).
        let lightRegime = needed == .europees && context.tender.type == .socialeDiensten
        let requirement =
            lightRegime
            ? Message(
                nl:
                    "Raming \(Euro.nl(value)) (sociale en andere specifieke diensten): op of boven de drempel van \(Euro.nl(eu.value)) (\(eu.source)) geldt het lichte regime: Europese bekendmaking is verplicht, een volledige Europese procedure niet (artikel 74 tot en met 76 Richtlijn 2014/24/EU)",
                en:
                    "Estimate \(Euro.en(value)) (social and other specific services): at or above the threshold of \(Euro.en(eu.value)) (\(eu.source)) the light regime applies: publication at EU level is required, a full European procedure is not (Directive 2014/24/EU art. 74 to 76)"
            )
            : Message(
                nl:
                    "Raming \(Euro.nl(value)) (\(context.tender.type!.rawValue)): vereist is een \(needed.dutchName) procedure; Europese drempel \(Euro.nl(eu.value)) (\(eu.source))",
                en:
                    "Estimate \(Euro.en(value)) (\(context.tender.type!.rawValue)): \(needed.rawValue) is required; EU threshold \(Euro.en(eu.value)) (\(eu.source))"
            )
        return [
            finding(
                nl: requirement.nl + "; gebruikt: \(used.map { "een \($0.dutchName) procedure" } ?? "niet opgegeven").",
                en: requirement.en + "; used: \(used?.rawValue ?? "not given").",
                evidence: [context.tenderPointer("estimatedValue"), context.tenderPointer("procedure", excerpt: used?.rawValue)],
                details: ["required": lightRegime ? "light-regime" : needed.rawValue, "euThreshold": String(Int(saturating: eu.value))])
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("works of 900,000", at: "tender.yaml:9:estimatedValue") {
                    $0.tender.type = .werken
                    $0.tender.estimatedValue = 900_000
                },
                .fires("services of 50,000, no procedure given", at: "tender.yaml:9:estimatedValue") {
                    $0.tender.type = .diensten
                    $0.tender.estimatedValue = 50_000
                    $0.tender.procedure = nil
                },
            ],
            nonTriggering: [
                .quiet("no type and no value") {
                    $0.tender.type = nil
                    $0.tender.estimatedValue = nil
                },
                .quiet("a type without a value") {
                    $0.tender.type = .werken
                    $0.tender.estimatedValue = nil
                },
            ])
    }
}
