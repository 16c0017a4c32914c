import DossierModel
import ESPD

/// C7/C8: a breach of tax or social-security obligations.
/// - Paid, or a binding arrangement entered into: not a ground (Aw 2012 art. 2.86(5); Dir. art. 57(2) last subpara.): info.
/// - Established by a final and binding judicial or administrative decision and not paid: mandatory
///   ground (Dir. 2014/24/EU art. 57(2) first subpara.; Aw 2012 art. 2.86(4)): blocker.
/// - Otherwise (established by other means, a decision not final, or not said): an optional ground
///   (57(2) second subpara.), usable only when announced: attention, saying which.
/// The sub-questions are read by the meaning the authority's structure (the request, or the
/// official structure of the release) gives them: a bidder who renames a question does not change
/// what its answer says. Only where no structure gives a meaning, the question's own text is used
/// ("final and binding", "means other than a judicial or administrative decision", "paying or
/// entering into a binding arrangement").
struct TaxSocialSecurityCheck: Check {
    let id = "exclusion.tax-social-security"
    let severity = Severity.blocker
    let legalBasis = "Dir. 2014/24/EU art. 57(2)-(3); Aw 2012 art. 2.86(4)-(5), 2.87"
    let summary =
        "Unpaid taxes or social-security contributions declared (C7/C8): blocker with a final and binding decision, else attention"
    let nationalLegalBasis: String? = LegalRegime.applying("Aw 2012 art. 2.86(4)-(5), 2.87")
    let dataFiles: [String] = []
    let dutchSummary =
        "Niet betaalde belastingen of sociale premies verklaard (C7/C8): blokkerend bij een onherroepelijke en bindende beslissing, anders aandacht"
    let dutchLegalEffect =
        "blokkerend alleen bij een onherroepelijke en bindende beslissing zonder betaling of betalingsregeling (Richtlijn 2014/24/EU art. 57 lid 2, eerste alinea); betaald: ter informatie; anders aandacht (een facultatieve grond, alleen te gebruiken als die is aangekondigd)"
    let legalEffect =
        "blocker only with a final and binding decision and no payment or arrangement (Dir. art. 57(2) first subpara.); paid: info; otherwise attention (an optional ground, usable only when announced)"
    let groundAtEntity: GroundAtEntity? = .mandatoryWhenBlocker
    let entities = EntityScope.everyEntity

    /// The yes/no answers of the criterion that ask `meaning`: by the authority's meaning, else by
    /// the question's text containing one of `phrases`.
    static func indicators(_ criterion: Criterion, _ meaning: QuestionMeaning, _ phrases: [String]) -> [Answer] {
        criterion.answers.filter { answer in
            guard answer.indicator != nil else { return false }
            if let given = answer.meaning { return given == meaning }
            let question = (answer.question ?? "").lowercased()
            return phrases.contains { question.contains($0) }
        }
    }

    func run(_ context: ScreeningContext) -> [Finding] {
        context.espd.criteria.compactMap { criterion in
            guard let ground = criterion.ground.flatMap(ExclusionGrounds.ground(number:)), ground.part == "B",
                criterion.groundApplies == true
            else { return nil }
            let label = (nl: "\(ground.ground) (\(ground.dutchName))", en: "\(ground.ground) (\(ground.name))")
            var details = ["ground": ground.ground]
            // Every reading counts: "settled" only when every answer says so, "final" when any does.
            let settled = Self.indicators(criterion, .paidOrArrangement, ["binding arrangement", "fulfilled its obligations"])
            let final = Self.indicators(criterion, .finalAndBinding, ["final and binding"])
            let otherMeans = Self.indicators(criterion, .otherMeans, ["means other than", "other means than"])
            let pointers = [context.pointer(criterion)] + (settled + final + otherMeans).map { context.pointer($0) }
            if !settled.isEmpty, settled.allSatisfy({ $0.indicator == true }) {
                details["settled"] = "yes"
                return finding(
                    .info,
                    nl:
                        "\(label.nl): niet-nakoming gemeld, maar betaald of een bindende betalingsregeling getroffen; dit is geen uitsluitingsgrond.",
                    en:
                        "\(label.en): breach declared, but paid or a binding arrangement was entered into; this is not a ground for exclusion.",
                    evidence: pointers, details: details)
            }
            if final.contains(where: { $0.indicator == true }) {
                details["finalAndBinding"] = "yes"
                return finding(
                    nl:
                        "\(label.nl): niet-nakoming vastgesteld bij een onherroepelijke rechterlijke of bestuurlijke beslissing, zonder betaling of bindende regeling. Dit is een verplichte uitsluitingsgrond: niet gunnen, tenzij de inschrijver alsnog aantoont dat hij heeft betaald of een bindende regeling heeft getroffen.",
                    en:
                        "\(label.en): breach established by a final and binding judicial or administrative decision, without payment or binding arrangement. This is a mandatory exclusion ground: do not award unless the bidder shows it has paid or entered into a binding arrangement.",
                    evidence: pointers, details: details)
            }
            let why: (nl: String, en: String)
            if otherMeans.contains(where: { $0.indicator == true }) {
                why = (
                    "de niet-nakoming is met andere middelen dan een rechterlijke of bestuurlijke beslissing vastgesteld",
                    "the breach was established by other means than a judicial or administrative decision"
                )
                details["finalAndBinding"] = "no decision"
            } else if !final.isEmpty {
                why = ("de beslissing is niet onherroepelijk", "the decision is not final and binding")
                details["finalAndBinding"] = "no"
            } else {
                why = (
                    "het UEA zegt niet of een onherroepelijke beslissing de niet-nakoming vaststelt",
                    "the ESPD does not say whether a final and binding decision established the breach"
                )
                details["finalAndBinding"] = "not said"
            }
            let announced: (nl: String, en: String)
            switch Announcement.of(ground.ground, in: context) {
            case .announced(_, let nl, let en): announced = ("De grond is \(nl).", "The ground was \(en).")
            case .notAnnounced(_, let nl, let en):
                announced = (
                    "De grond is \(nl): als facultatieve grond mag hij dan niet worden toegepast.",
                    "The ground was \(en): as an optional ground it may then not be applied."
                )
            case .presumed:
                announced = (
                    "Ga na of de grond in de aanbestedingsstukken is aangekondigd.",
                    "Check whether the tender documents announced the ground."
                )
            }
            return finding(
                .attention,
                nl:
                    "\(label.nl): niet-nakoming gemeld zonder betaling of bindende regeling, maar \(why.nl). Dan is het geen verplichte uitsluitingsgrond, wel een facultatieve die alleen geldt als zij is aangekondigd. \(announced.nl) Een jurist beoordeelt de stukken.",
                en:
                    "\(label.en): breach declared without payment or binding arrangement, but \(why.en). It is then not a mandatory exclusion ground, but an optional one that applies only when announced. \(announced.en) A jurist assesses the documents.",
                evidence: pointers, details: details)
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires(
                    "taxes unpaid, established by a final decision",
                    at: "uea.xml:427:/QualificationApplicationResponse[1]/cac:TenderingCriterion[7]"
                ) {
                    $0.declare(ground: "C7", applies: true, paidOrArrangement: false, finalAndBinding: true)
                },
                .fires(
                    "social security unpaid, the ESPD silent on a decision",
                    at: "uea.xml:579:/QualificationApplicationResponse[1]/cac:TenderingCriterion[8]"
                ) { $0.declare(ground: "C8", applies: true) },
            ],
            nonTriggering: [
                .quiet("taxes answered no, with an explanation") {
                    $0.declare(ground: "C7", applies: false, description: "Alle aangiften zijn tijdig voldaan.")
                },
                .quiet("a conviction ground (part A) answered yes") {
                    $0.declare(ground: "C1", applies: true, date: $0.referenceDate.adding(years: -1).description)
                },
            ])
    }
}
