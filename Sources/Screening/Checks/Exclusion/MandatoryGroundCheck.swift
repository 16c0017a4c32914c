import DossierModel
import ESPD

/// A conviction ground (C1–C6) declared within the 5-year window: blocker.
/// Also when self-cleaning is claimed: the province may not award until it has assessed the
/// measures (Aw 2012 art. 2.87a; Vert Marine, C-472/19), and while an exclusion period set by the
/// judgment runs, self-cleaning is not available at all (Dir. 2014/24/EU art. 57(6), last subpara.).
/// Assumption: no conviction date = within the window (it cannot be shown to have expired).
struct MandatoryGroundCheck: Check {
    let id = "exclusion.mandatory-ground"
    let severity = Severity.blocker
    let legalBasis = "Dir. 2014/24/EU art. 57(1), 57(6), 57(7); Aw 2012 art. 2.86, 2.87a"
    let summary = "Mandatory exclusion ground (conviction, C1–C6) declared within the exclusion window"
    let nationalLegalBasis: String? = LegalRegime.applying("Aw 2012 art. 2.86, 2.87a")
    let dataFiles = ["evidence.yaml"]
    let dutchSummary = "Verplichte uitsluitingsgrond (veroordeling, C1–C6) verklaard binnen de uitsluitingstermijn"
    let dutchLegalEffect =
        "een veroordeling (C1–C6) binnen 5 jaar: blokkerend, **ook als zelfreiniging wordt aangevoerd** (geen gunning voordat de provincie die heeft beoordeeld, Aw 2012 art. 2.87a) en zolang een uitsluitingstermijn uit het vonnis loopt (dan geen zelfreiniging, Richtlijn 2014/24/EU art. 57 lid 6)"
    let legalEffect =
        "a conviction (C1–C6) within 5 years: blocker, **also when self-cleaning is claimed** (no award before the province has assessed it, Aw 2012 art. 2.87a) and while an exclusion period set by the judgment runs (no self-cleaning then, Dir. art. 57(6))"
    let groundAtEntity: GroundAtEntity? = .mandatoryWhenBlocker
    let entities = EntityScope.everyEntity

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
                evidence += lines.map {
                    EvidencePointer(
                        file: criterion.source ?? context.espd.source, line: $0, excerpt: "\(ground.ground) \(criterion.codeShort ?? "")")
                }
                details["readings"] = lines.map(String.init).joined(separator: ", ")
                return finding(
                    nl:
                        "Verplichte uitsluitingsgrond \(ground.ground) (\(ground.dutchName)): het UEA geeft geen eenduidig antwoord en ten minste één lezing bevestigt de grond (\(lines.count == 1 ? "regel" : "regels") \(Dutch.lines(lines))). Zo beoordeeld: niet gunnen totdat de inschrijver het antwoord heeft verduidelijkt en een jurist heeft beslist.",
                    en:
                        "Mandatory exclusion ground \(ground.ground) (\(ground.name)): the ESPD gives no single answer and at least one reading confirms the ground (line\(lines.count == 1 ? "" : "s") \(lines.map(String.init).joined(separator: ", "))). Assessed that way: do not award until the bidder has clarified the answer and a jurist has decided.",
                    evidence: evidence, details: details, criminalData: true)
            }
            if let periodEnd = facts.periodEnd, periodEnd >= context.referenceDate {
                details["exclusionPeriodEnd"] = periodEnd.description
                return finding(
                    nl:
                        "Verplichte uitsluitingsgrond \(ground.ground) (\(ground.dutchName)) is bevestigd, en de in het vonnis vastgestelde uitsluitingsperiode loopt tot \(periodEnd.dutch). Zolang die periode loopt, kan de inschrijver geen herstelmaatregelen aanvoeren: uitsluiten.",
                    en:
                        "Mandatory exclusion ground \(ground.ground) (\(ground.name)) is declared, and the exclusion period set by the judgment runs until \(periodEnd). While it runs, self-cleaning is not available: exclude.",
                    evidence: evidence, details: details, criminalData: true)
            }
            if criterion.selfCleaning == true {
                details["selfCleaning"] = "claimed"
                return finding(
                    nl:
                        "Verplichte uitsluitingsgrond \(ground.ground) (\(ground.dutchName)) is bevestigd binnen \(years) jaar, met herstelmaatregelen. De provincie mag niet gunnen voordat zij de maatregelen heeft beoordeeld en gemotiveerd heeft besloten dat ze volstaan (art. 2.87a Aw 2012).",
                    en:
                        "Mandatory exclusion ground \(ground.ground) (\(ground.name)) is declared within \(years) years, with self-cleaning measures. The province may not award until it has assessed the measures and decided, with reasons, that they suffice (Aw 2012 art. 2.87a).",
                    evidence: evidence, details: details, criminalData: true)
            }
            return finding(
                nl:
                    "Verplichte uitsluitingsgrond \(ground.ground) (\(ground.dutchName)) is bevestigd binnen \(years) jaar en er zijn geen herstelmaatregelen aangevoerd. De provincie sluit de inschrijver uit (artikel 2.86 Aanbestedingswet 2012); dat is geen keuze. Alleen als de inschrijver alsnog herstelmaatregelen aanvoert en de provincie die na beoordeling gemotiveerd toereikend acht (artikel 2.87a), vervalt de uitsluiting.",
                en:
                    "Mandatory exclusion ground \(ground.ground) (\(ground.name)) is declared within \(years) years and no self-cleaning is claimed. The province excludes the bidder (Aw 2012 art. 2.86); this is not a matter of discretion. Only if the bidder still puts forward self-cleaning measures and the province, after assessing them, decides with reasons that they suffice (art. 2.87a) does the exclusion lapse.",
                evidence: evidence, details: details, criminalData: true)
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires(
                    "C3 conviction of 2 years ago, no self-cleaning",
                    at: "uea.xml:171:/QualificationApplicationResponse[1]/cac:TenderingCriterion[3]"
                ) {
                    $0.declare(ground: "C3", applies: true, date: $0.referenceDate.adding(years: -2).description)
                },
                .fires(
                    "C1 conviction of a year ago, self-cleaning claimed",
                    at: "uea.xml:43:/QualificationApplicationResponse[1]/cac:TenderingCriterion[1]"
                ) {
                    $0.declare(ground: "C1", applies: true, date: $0.referenceDate.adding(years: -1).description, selfCleaning: true)
                },
            ],
            nonTriggering: [
                .quiet("C3 conviction of 6 years ago") {
                    $0.declare(ground: "C3", applies: true, date: $0.referenceDate.adding(years: -6).description)
                },
                .quiet("optional ground C12 answered yes (exclusion.optional-ground)") { $0.declare(ground: "C12", applies: true) },
            ])
    }
}
