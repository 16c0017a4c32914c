/// The estimated value against the province's procedure table and the EU threshold in force
/// at the launch date: a lighter procedure than required needs a motivated deviation.
/// Assumption: a value equal to a threshold counts as at or above it (THR-03).
struct ProcedureThresholdCheck: Check {
    let id = "procedure.lighter-than-required"
    let severity = Severity.attention
    let legalBasis = "Inkoopbeleid 2023 Provincie Flevoland, Inkoopkader (CVDR702942); Aw 2012 art. 2.1; Delegated Reg. (EU) 2025/2152"
    let summary = "The procedure used is lighter than the value requires"
    let dataFiles = ["thresholds.yaml"]

    func required(_ context: ScreeningContext) -> (TenderContext.ProcedureKind, Double, RuleBook.ThresholdRules.EUPeriod)? {
        guard let type = context.tender.type, let value = context.tender.estimatedValue else { return nil }
        let period = context.rules.euThresholds(on: context.tender.launchDate ?? context.referenceDate)
        let province = context.rules.thresholds.province
        let (rows, eu): ([RuleBook.ThresholdRules.Row], Double) = switch type {
        case .leveringen: (province.leveringen, context.tender.authority.kind == .central ? period.suppliesServicesCentral : period.suppliesServicesSubCentral)
        case .diensten: (province.diensten, context.tender.authority.kind == .central ? period.suppliesServicesCentral : period.suppliesServicesSubCentral)
        case .werken: (province.werken, period.works)
        case .concessie: (province.concessie, period.concessions)
        case .socialeDiensten: (province.socialeDiensten, period.socialServices)
        }
        var result = TenderContext.ProcedureKind.enkelvoudig
        for row in rows {
            let from = row.from == "eu" ? eu : Double(row.from) ?? 0
            if value >= from { result = row.procedure }
        }
        return (result, eu, period)
    }

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let used = context.tender.procedure, let (needed, eu, period) = required(context), used < needed else { return [] }
        return [finding(
            nl: "De geraamde waarde € \(Int(context.tender.estimatedValue!)) vraagt om een \(needed.rawValue) procedure; gebruikt is \(used.rawValue). Afwijken mag alleen met een gemotiveerd besluit van de Secretaris na advies van een inkoopjurist (EU-drempel € \(Int(eu)), \(period.source)).",
            en: "The estimated value € \(Int(context.tender.estimatedValue!)) requires a \(needed.rawValue) procedure; \(used.rawValue) was used. Deviation needs a motivated decision by the Secretaris after a procurement lawyer's advice (EU threshold € \(Int(eu)), \(period.source)).",
            evidence: [context.tenderPointer("procedure", excerpt: used.rawValue), context.tenderPointer("estimatedValue")],
            details: ["required": needed.rawValue, "used": used.rawValue, "euThreshold": String(Int(eu))])]
    }

    var examples: CheckExamples {
        CheckExamples(triggering: { $0.tender.type = .werken; $0.tender.estimatedValue = 2_000_000; $0.tender.procedure = .meervoudig },
                      nonTriggering: { $0.tender.type = .werken; $0.tender.estimatedValue = 2_000_000; $0.tender.procedure = .nationaal })
    }
}
