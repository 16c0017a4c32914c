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
            var evidence = [context.pointer(criterion)] + (facts.pointer.map { [$0] } ?? [])
            // A "yes" among conflicting readings: the ground is read as applying, and the message
            // names every element involved, so the jurist sees why.
            let disputed = criterion.conflicts.filter(\.concernsYourAnswer)
            if !disputed.isEmpty {
                let lines = Array(Set(disputed.flatMap(\.lines))).sorted()
                evidence += lines.map { EvidencePointer(file: criterion.source ?? context.espd.source, line: $0, excerpt: "\(ground.ground) \(criterion.codeShort ?? "")") }
                details["readings"] = lines.map(String.init).joined(separator: ", ")
                return finding(
                    nl: "Verplichte uitsluitingsgrond \(ground.ground) (\(ground.dutchName)): het UEA geeft geen eenduidig antwoord en ten minste één lezing bevestigt de grond (\(lines.count == 1 ? "regel" : "regels") \(AnswerConflict.dutchLines(lines))). Zo beoordeeld: niet gunnen totdat de inschrijver het antwoord heeft verduidelijkt en een jurist heeft beslist.",
                    en: "Mandatory exclusion ground \(ground.ground) (\(ground.name)): the ESPD gives no single answer and at least one reading confirms the ground (line\(lines.count == 1 ? "" : "s") \(lines.map(String.init).joined(separator: ", "))). Assessed that way: do not award until the bidder has clarified the answer and a jurist has decided.",
                    evidence: evidence, details: details, criminalData: true)
            }
            if criterion.selfCleaning == true {
                return finding(.attention,
                    nl: "Verplichte uitsluitingsgrond \(ground.ground) (\(ground.dutchName)) is bevestigd binnen \(years) jaar, met herstelmaatregelen (self-cleaning). Een jurist moet de maatregelen beoordelen voordat kan worden gegund.",
                    en: "Mandatory exclusion ground \(ground.ground) (\(ground.name)) is declared within \(years) years, with self-cleaning measures. A jurist must assess the measures before award.",
                    evidence: evidence, details: details, criminalData: true)
            }
            return finding(
                nl: "Verplichte uitsluitingsgrond \(ground.ground) (\(ground.dutchName)) is bevestigd binnen \(years) jaar en er zijn geen herstelmaatregelen aangevoerd: uitsluiten tenzij een jurist anders besluit.",
                en: "Mandatory exclusion ground \(ground.ground) (\(ground.name)) is declared within \(years) years and no self-cleaning is claimed: exclude unless a jurist decides otherwise.",
                evidence: evidence, details: details, criminalData: true)
        }
    }

    var examples: CheckExamples {
        CheckExamples(triggering: { $0.declare(ground: "C3", applies: true, date: $0.referenceDate.adding(years: -2).description) },
                      nonTriggering: { $0.declare(ground: "C3", applies: true, date: $0.referenceDate.adding(years: -6).description) })
    }
}
