import ESPD

/// C7/C8: a breach of tax or social-security obligations. Not a ground when the operator
/// has paid or entered into a binding arrangement (Aw 2012 art. 2.86(5)).
/// Assumption: the "fulfilled its obligations by paying or entering into a binding arrangement"
/// indicator is recognised by its question text; polarity (breached vs met) comes from the reader.
struct TaxAndSocialSecurityCheck: Check {
    let id = "exclusion.tax-social-security"
    let severity = Severity.blocker
    let legalBasis = "Dir. 2014/24/EU art. 57(2); Aw 2012 art. 2.86(4)-(5)"
    let summary = "Unpaid taxes or social-security contributions declared (C7/C8) without payment or binding arrangement"
    let dataFiles: [String] = []

    func run(_ context: ScreeningContext) -> [Finding] {
        context.espd.criteria.compactMap { criterion in
            guard let ground = criterion.ground.flatMap(ExclusionGrounds.ground(number:)), ground.part == "B",
                  criterion.groundApplies == true else { return nil }
            let settled = criterion.answers.first { answer in
                let q = (answer.question ?? "").lowercased()
                return answer.indicator != nil && (q.contains("binding arrangement") || q.contains("fulfilled its obligations"))
            }
            if let settled, settled.indicator == true {
                return finding(.info,
                    nl: "\(ground.ground) (\(ground.dutchName)): schending gemeld, maar betaald of bindende betalingsregeling getroffen; dit is geen uitsluitingsgrond.",
                    en: "\(ground.ground) (\(ground.name)): breach declared, but paid or a binding arrangement was entered into; this is not a ground for exclusion.",
                    evidence: [context.pointer(criterion), context.pointer(settled)], details: ["ground": ground.ground])
            }
            return finding(
                nl: "\(ground.ground) (\(ground.dutchName)): niet-nakoming gemeld zonder betaling of bindende regeling. Verifieer het definitieve besluit; uitsluiten tenzij betaald.",
                en: "\(ground.ground) (\(ground.name)): breach declared without payment or binding arrangement. Verify the final decision; exclude unless paid.",
                evidence: [context.pointer(criterion)] + (settled.map { [context.pointer($0)] } ?? []), details: ["ground": ground.ground])
        }
    }

    var examples: CheckExamples {
        CheckExamples(triggering: { $0.declare(ground: "C7", applies: true, paidOrArrangement: false) },
                      nonTriggering: { $0.declare(ground: "C7", applies: false) })
    }
}
