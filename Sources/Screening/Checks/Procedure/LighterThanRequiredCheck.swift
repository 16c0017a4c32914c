import DossierModel
import RuleData

/// The procedure used against the one the estimated value requires.
/// - At or above the EU threshold only a European procedure is lawful: no internal decision can
///   authorise another, and the contract risks annulment (Aw 2012 art. 2.1, 4.15): blocker.
/// - Social and other specific services at or above their threshold (EUR 750,000, Dir. 2014/24 art.
///   4(d)) fall under the light regime (art. 74–76; Aw 2012 art. 2.38–2.39): EU publication is
///   required, a full European procedure is not. A lighter procedure: attention, verify that the
///   contract was published at EU level.
/// - Below it, a procedure lighter than the province's table is a deviation the Secretaris may
///   allow, motivated, after a procurement lawyer's advice, where the law allows: attention.
/// - No threshold period in thresholds.yaml for the launch date: attention naming the file (the
///   amounts of another period are never used).
/// Assumption: a value equal to a threshold counts as at or above it.
struct LighterThanRequiredCheck: Check {
    let id = "procedure.lighter-than-required"
    let severity = Severity.blocker
    let legalBasis =
        "Aw 2012 art. 2.1, 2.38-2.39, 4.15; Dir. 2014/24/EU art. 4, 74-76; Delegated Reg. (EU) 2025/2152; Inkoopbeleid 2023 Provincie Flevoland, Inkoopkader (CVDR702942)"
    let summary = "The procedure used is lighter than the value requires (blocker at or above the EU threshold)"
    let dataFiles = ["thresholds.yaml"]
    let dutchSummary = "De gevolgde procedure is lichter dan de waarde vereist (blokkerend bij of boven de Europese drempel)"
    let dutchLegalEffect =
        "bij of boven de Europese drempel elke andere procedure dan een Europese: blokkerend (geen intern besluit kan die toestaan; risico van vernietiging, Aw 2012 art. 4.15); sociale en andere specifieke diensten vanaf € 750.000 (het verlichte regime): aandacht, Europese bekendmaking vereist, geen volledige Europese procedure; onder de drempel lichter dan het Inkoopkader: aandacht (gemotiveerd afwijken is mogelijk); geen drempelperiode voor de datum: aandacht, met verwijzing naar `thresholds.yaml`"
    let legalEffect =
        "at or above the EU threshold anything but a European procedure: blocker (no internal decision can authorise it; annulment risk, Aw 2012 art. 4.15); social and other specific services at or above EUR 750,000 (light regime): attention, EU publication required, not a full European procedure; below it, lighter than the Inkoopkader: attention (a motivated deviation is possible); no threshold period for the date: attention naming `thresholds.yaml`"
    let subject = CheckSubject.tender

    func required(_ context: ScreeningContext) -> (TenderContext.ProcedureKind, EUThreshold)? {
        guard let type = context.tender.type, let value = context.tender.estimatedValue, let eu = EUThreshold.of(context) else {
            return nil
        }
        let province = context.rules.thresholds.province
        let rows: [RuleBook.ThresholdRules.Row] =
            switch type {
            case .leveringen: province.leveringen
            case .diensten: province.diensten
            case .werken: province.werken
            case .concessie: province.concessie
            case .socialeDiensten: province.socialeDiensten
            }
        var result = TenderContext.ProcedureKind.enkelvoudig
        for row in rows {
            let from = row.from == "eu" ? eu.value : Double(row.from) ?? 0
            if value >= from { result = row.procedure }
        }
        // At or above the EU threshold nothing but a European procedure, whatever the table says.
        if value >= eu.value { result = .europees }
        return (result, eu)
    }

    func run(_ context: ScreeningContext) -> [Finding] {
        if context.tender.type != nil, context.tender.estimatedValue != nil, EUThreshold.of(context) == nil {
            let date = EUThreshold.date(context)
            return [
                finding(
                    .attention,
                    nl:
                        "Voor de datum \(date.dutch) staan geen Europese drempelbedragen in checklists/thresholds.yaml. Vul de regeldata aan met de drempels die dan gelden; tot dan kan de vereiste procedure niet worden vastgesteld.",
                    en:
                        "checklists/thresholds.yaml has no EU thresholds for \(date). Add the thresholds in force then; until then the required procedure cannot be established.",
                    evidence: [
                        EvidencePointer(file: "checklists/thresholds.yaml", path: "euThresholds"),
                        context.tenderPointer(context.tender.launchDate != nil ? "launchDate" : "submissionDeadline"),
                    ],
                    details: ["date": date.description])
            ]
        }
        guard let used = context.tender.procedure, let value = context.tender.estimatedValue, let (needed, eu) = required(context),
            used < needed
        else { return [] }
        let details = [
            "required": needed.rawValue, "used": used.rawValue, "euThreshold": String(Int(saturating: eu.value)),
            "estimatedValue": String(Int(saturating: value)),
        ]
        let evidence = [context.tenderPointer("procedure", excerpt: used.rawValue), context.tenderPointer("estimatedValue")]
        if needed == .europees, context.tender.type == .socialeDiensten {
            return [
                finding(
                    .attention,
                    nl:
                        "Sociale en andere specifieke diensten met een geraamde waarde van \(Euro.nl(value)), op of boven de drempel van \(Euro.nl(eu.value)) (\(eu.source)): het lichte regime geldt (artikel 74 tot en met 76 Richtlijn 2014/24/EU; artikel 2.38 en 2.39 Aanbestedingswet 2012). Een Europese bekendmaking (aankondiging van de opdracht of vooraankondiging) is verplicht; een volledige Europese procedure niet. Gebruikt is een \(used.dutchName) procedure: ga na of de opdracht Europees is bekendgemaakt. Zonder die bekendmaking niet gunnen.",
                    en:
                        "Social and other specific services with an estimated value of \(Euro.en(value)), at or above the threshold of \(Euro.en(eu.value)) (\(eu.source)): the light regime applies (Directive 2014/24/EU art. 74 to 76; Aw 2012 art. 2.38 and 2.39). Publication at EU level (a contract notice or a prior information notice) is required; a full European procedure is not. A \(used.rawValue) procedure was used: verify that the contract was published at EU level. Without that publication, do not award.",
                    evidence: evidence, details: details.merging(["regime": "light"]) { $1 })
            ]
        }
        if needed == .europees {
            return [
                finding(
                    nl:
                        "De geraamde waarde van \(Euro.nl(value)) ligt op of boven de Europese drempel van \(Euro.nl(eu.value)) (\(eu.source)); dan is alleen een Europese procedure rechtmatig, maar gebruikt is \(used.dutchName). Geen intern besluit kan dit toestaan: de overeenkomst loopt het risico te worden vernietigd. Niet gunnen; de procedure moet Europees worden overgedaan.",
                    en:
                        "The estimated value of \(Euro.en(value)) is at or above the EU threshold of \(Euro.en(eu.value)) (\(eu.source)); only a European procedure is lawful, but \(used.rawValue) was used. No internal decision can authorise this and the contract risks annulment. Do not award; the procedure must be run again at European level.",
                    evidence: evidence, details: details)
            ]
        }
        return [
            finding(
                .attention,
                nl:
                    "De geraamde waarde van \(Euro.nl(value)) vraagt volgens het Inkoopkader om een \(needed.dutchName) procedure; gebruikt is \(used.dutchName). Afwijken mag alleen met een gemotiveerd besluit van de Secretaris na advies van een inkoopjurist, en alleen waar de wet dat toelaat (Europese drempel \(Euro.nl(eu.value)), \(eu.source)).",
                en:
                    "Under the Inkoopkader the estimated value of \(Euro.en(value)) requires a \(needed.rawValue) procedure; \(used.rawValue) was used. Deviation needs a motivated decision by the Secretaris after a procurement lawyer's advice, and only where the law allows (EU threshold \(Euro.en(eu.value)), \(eu.source)).",
                evidence: evidence, details: details)
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("services at the EU threshold, multiple quotation used", at: "tender.yaml:10:procedure") {
                    $0.tender.type = .diensten
                    $0.tender.estimatedValue = 216_000
                    $0.tender.procedure = .meervoudig
                },
                .fires("works of 6 million, national procedure used", at: "tender.yaml:10:procedure") {
                    $0.tender.type = .werken
                    $0.tender.estimatedValue = 6_000_000
                    $0.tender.procedure = .nationaal
                },
            ],
            nonTriggering: [
                .quiet("works of 2 million, national procedure") {
                    $0.tender.type = .werken
                    $0.tender.estimatedValue = 2_000_000
                    $0.tender.procedure = .nationaal
                },
                .quiet("social services of 600,000 (under EUR 750,000), multiple quotation") {
                    $0.tender.type = .socialeDiensten
                    $0.tender.estimatedValue = 600_000
                    $0.tender.procedure = .meervoudig
                },
                .quiet("services at the EU threshold, European procedure") {
                    $0.tender.type = .diensten
                    $0.tender.estimatedValue = 216_000
                    $0.tender.procedure = .europees
                },
            ])
    }
}

extension TenderContext.ProcedureKind {
    /// As a Dutch sentence names it.
    var dutchName: String {
        switch self {
        case .enkelvoudig: "enkelvoudig onderhandse"
        case .meervoudig: "meervoudig onderhandse"
        case .nationaal: "nationale"
        case .europees: "Europese"
        }
    }
}
