import DossierModel
import ESPD

/// C9–C24 (optional grounds): attention when the ground was announced in the tender and the
/// event is within 3 years; attention to check the tender documents when the announcement cannot
/// be established; information when the tender documents show it was not announced (it may not be
/// used) or the event is older. Conflict of interest (C20/C21) is attention whether announced or not.
/// Assumption: without a date the event counts as recent. C23 with ambiguous wording is left
/// to exclusion.misrepresentation-ambiguous.
struct OptionalGroundCheck: Check {
    let id = "exclusion.optional-ground"
    let severity = Severity.attention
    let legalBasis = "Dir. 2014/24/EU art. 57(4), 57(7), 24; Aw 2012 art. 2.87, 1.10b; Gids Proportionaliteit 3.5A"
    let summary = "Optional exclusion ground declared: assess if announced in the tender and within 3 years"
    let nationalLegalBasis: String? =
        LegalRegime.applying("the optional grounds of Aw 2012 art. 2.87 where announced")
        + "; Aw 2012 art. 1.10b; Gids Proportionaliteit 3.5A"
    let dataFiles = ["evidence.yaml"]
    let dutchSummary =
        "Facultatieve uitsluitingsgrond verklaard: beoordelen als die in de aanbesteding is aangekondigd en binnen 3 jaar valt"
    let dutchLegalEffect =
        "aangekondigd (aanbestedingsstukken of UEA-verzoek): aandacht; aantoonbaar niet aangekondigd: ter informatie (mag niet worden gebruikt); niet vast te stellen: aandacht, „nagaan of de grond is aangekondigd”; C20/C21 altijd aandacht (Richtlijn 2014/24/EU art. 24; Aw 2012 art. 1.10b)"
    let legalEffect =
        "announced (tender file or request): attention; shown not announced: info (may not be used); cannot be established: attention \"check whether announced\"; C20/C21 attention in every case (art. 24; Aw 2012 art. 1.10b)"
    let groundAtEntity: GroundAtEntity? = .optionalWhenAttention
    let entities = EntityScope.everyEntity

    func run(_ context: ScreeningContext) -> [Finding] {
        let years = context.rules.evidence.optionalExclusionYears
        return context.espd.criteria.compactMap { criterion in
            guard let ground = criterion.ground.flatMap(ExclusionGrounds.ground(number:)), !ground.mandatory,
                criterion.groundApplies == true
            else { return nil }
            let eventDate = criterion.answers.compactMap { $0.date.flatMap(Day.init) }.max()
            var details = ["ground": ground.ground]
            if let eventDate { details["eventDate"] = eventDate.description }
            var evidence = [context.pointer(criterion)]
            let label = (
                nl: "Facultatieve uitsluitingsgrond \(ground.ground) (\(ground.dutchName))",
                en: "Optional exclusion ground \(ground.ground) (\(ground.name))"
            )
            // Conflict of interest is never dismissed as unannounced: the duty to prevent it applies
            // regardless (Dir. 2014/24/EU art. 24; Aw 2012 art. 1.10b), and the province applies Scheiding van Belang.
            if ground.ground == "C20" || ground.ground == "C21" {
                details["announced"] = "not required"
                return finding(
                    nl:
                        "\(label.nl) is bevestigd. Een belangenconflict moet de provincie hoe dan ook voorkomen (art. 1.10b Aw 2012), of de grond nu is aangekondigd of niet: een jurist beoordeelt de maatregelen (Scheiding van Belang) voordat de inschrijving wordt beoordeeld.",
                    en:
                        "\(label.en) is declared. The province must prevent a conflict of interest whether or not the ground was announced (Dir. 2014/24/EU art. 24; Aw 2012 art. 1.10b): a jurist assesses the measures (separation of interests) before the bid is evaluated.",
                    evidence: evidence, details: details)
            }
            switch Announcement.of(ground.ground, in: context) {
            case .notAnnounced(let pointer, let nl, let en):
                details["announced"] = "no"
                return finding(
                    .info,
                    nl: "\(label.nl) is bevestigd, maar \(nl): de provincie mag de inschrijver op deze grond niet uitsluiten.",
                    en: "\(label.en) is declared, but \(en): the province may not exclude the bidder on this ground.",
                    evidence: evidence + [pointer], details: details)
            case .presumed:
                details["announced"] = "to be checked"
                return finding(
                    nl:
                        "\(label.nl) is bevestigd. Ga na of deze grond in de aanbestedingsstukken is aangekondigd (het UEA van de inschrijver noemt hem, en neemt de gronden over uit het UEA-verzoek); alleen dan kan hij worden toegepast, na een afweging van evenredigheid en eventuele herstelmaatregelen.",
                    en:
                        "\(label.en) is declared. Check whether the tender documents announced this ground (the bidder's ESPD lists it, copying the grounds from the ESPD request); only then can it be applied, after weighing proportionality and any self-cleaning.",
                    evidence: evidence, details: details)
            case .announced(let pointer, let nl, let en):
                details["announced"] = "yes"
                evidence.append(pointer)
                if let eventDate, eventDate.adding(years: years) < context.referenceDate {
                    return finding(
                        .info,
                        nl:
                            "\(label.nl) is bevestigd en \(nl), maar de gebeurtenis van \(eventDate.dutch) is ouder dan \(years) jaar: niet uitsluiten op deze grond.",
                        en:
                            "\(label.en) is declared and \(en), but the event of \(eventDate) is older than \(years) years: do not exclude on this ground.",
                        evidence: evidence, details: details)
                }
                return finding(
                    nl:
                        "\(label.nl) is bevestigd en \(nl): een jurist beoordeelt de evenredigheid en eventuele herstelmaatregelen voordat wordt besloten.",
                    en: "\(label.en) is declared and \(en): a jurist assesses proportionality and any self-cleaning before deciding.",
                    evidence: evidence, details: details)
            }
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires(
                    "announced optional ground C12 answered yes",
                    at: "uea.xml:914:/QualificationApplicationResponse[1]/cac:TenderingCriterion[12]"
                ) {
                    $0.tender.optionalGrounds = ["C12"]
                    $0.declare(ground: "C12", applies: true)
                },
                .fires(
                    "conflict of interest C21 answered yes, announced or not",
                    at: "uea.xml:1426:/QualificationApplicationResponse[1]/cac:TenderingCriterion[21]"
                ) {
                    $0.tender.optionalGrounds = []
                    $0.declare(ground: "C21", applies: true)
                },
            ],
            nonTriggering: [
                .quiet("C12 answered no") {
                    $0.tender.optionalGrounds = ["C12"]
                    $0.declare(ground: "C12", applies: false)
                },
                .quiet("mandatory ground C1 answered yes (exclusion.mandatory-ground)") {
                    $0.declare(ground: "C1", applies: true, date: $0.referenceDate.adding(years: -1).description)
                },
            ])
    }
}
