import ESPD

/// A conviction ground (C1–C6) declared within the 5-year window.
/// Assumptions: no conviction date = within the window (it cannot be shown to have expired);
/// self-cleaning claimed = attention, never a blocker: a jurist must assess it (Vert Marine, C-472/19).
struct MandatoryGroundCheck: Check {
    let id = "exclusion.mandatory-ground"
    let severity = Severity.blocker
    let legalBasis = "Dir. 2014/24/EU art. 57(1), 57(6), 57(7); Aw 2012 art. 2.86, 2.87a"
    let summary = "Mandatory exclusion ground (conviction, C1–C6) declared within the exclusion window"
    let dataFiles = ["evidence.yaml"]

    func run(_ context: ScreeningContext) -> [Finding] {
        let years = context.rules.evidence.mandatoryExclusionYears
        return ConvictionFacts.declared(in: context).compactMap { criterion, ground, facts in
            if facts.expired(at: context.referenceDate, years: years) { return nil }
            var details = ["ground": ground.ground, "windowYears": String(years), "referenceDate": context.referenceDate.description]
            details["convictionDate"] = facts.latestConviction?.description ?? "not given"
            let evidence = [context.pointer(criterion)] + (facts.pointer.map { [$0] } ?? [])
            if criterion.selfCleaning == true {
                return finding(.attention,
                    nl: "Verplichte uitsluitingsgrond \(ground.ground) (\(ground.name)) is bevestigd binnen \(years) jaar, met herstelmaatregelen (self-cleaning). Een jurist moet de maatregelen beoordelen voordat kan worden gegund.",
                    en: "Mandatory exclusion ground \(ground.ground) (\(ground.name)) is declared within \(years) years, with self-cleaning measures. A jurist must assess the measures before award.",
                    evidence: evidence, details: details, criminalData: true)
            }
            return finding(
                nl: "Verplichte uitsluitingsgrond \(ground.ground) (\(ground.name)) is bevestigd binnen \(years) jaar en er zijn geen herstelmaatregelen aangevoerd: uitsluiten tenzij een jurist anders besluit.",
                en: "Mandatory exclusion ground \(ground.ground) (\(ground.name)) is declared within \(years) years and no self-cleaning is claimed: exclude unless a jurist decides otherwise.",
                evidence: evidence, details: details, criminalData: true)
        }
    }

    var examples: CheckExamples {
        CheckExamples(triggering: { $0.declare(ground: "C3", applies: true, date: $0.referenceDate.adding(years: -2).description) },
                      nonTriggering: { $0.declare(ground: "C3", applies: true, date: $0.referenceDate.adding(years: -6).description) })
    }
}
