import DossierModel
import ESPD

/// A response that leaves out a mandatory exclusion ground (C1–C8) altogether, or has no
/// exclusion criteria at all. Unanswered grounds that are present are `espd.exclusion-unanswered`;
/// grounds the tender's request asks for are also `espd.request-mismatch`. This check does not
/// need the request: without one, a response stripped of its exclusion criteria would otherwise
/// read as clean.
struct ExclusionMissingCheck: Check {
    let id = "espd.exclusion-missing"
    let severity = Severity.attention
    let legalBasis = "Aw 2012 art. 2.84, 2.86; Dir. 2014/24/EU art. 57(1)-(2), 59(1); Implementing Reg. (EU) 2016/7, Annex 2 Part III"
    let summary = "A mandatory exclusion ground (C1–C8) is missing from the response, or the response has no exclusion criteria"
    let nationalLegalBasis: String? = LegalRegime.applying("Aw 2012 art. 2.84")
    let dataFiles: [String] = []
    let dutchSummary = "Een verplichte uitsluitingsgrond (C1–C8) ontbreekt in het antwoord, of het antwoord bevat geen uitsluitingscriteria"
    let dutchLegalEffect =
        "een verplichte uitsluitingsgrond (C1–C8) ontbreekt, of het antwoord bevat helemaal geen uitsluitingscriteria: om een volledig UEA vragen"
    let legalEffect = "a mandatory ground (C1–C8) missing from the response, or no exclusion criteria at all: ask for a complete ESPD"
    let entities = EntityScope.everyEntity

    func run(_ context: ScreeningContext) -> [Finding] {
        let espd = context.espd
        guard espd.kind == .response else { return [] }
        let document = EvidencePointer(file: espd.source, line: espd.economicOperator?.line, path: espd.economicOperator?.path)
        let present = Set(espd.criteria.compactMap(\.ground))
        if !espd.criteria.contains(where: { $0.category == .exclusion }) {
            return [
                finding(
                    nl:
                        "Het UEA bevat geen enkel uitsluitingscriterium: niet één van de verplichte uitsluitingsgronden (C1 tot en met C8) is beantwoord. Vraag de inschrijver een volledig UEA in te dienen.",
                    en:
                        "The ESPD contains no exclusion criterion at all: none of the mandatory exclusion grounds (C1 to C8) is answered. Ask the bidder for a complete ESPD.",
                    evidence: [document], details: ["missing": "C1–C8"])
            ]
        }
        return ExclusionGrounds.all.filter { $0.mandatory && !present.contains($0.ground) }.map { ground in
            finding(
                nl:
                    "Verplichte uitsluitingsgrond \(ground.ground) (\(ground.dutchName)) ontbreekt in het UEA en is dus niet beantwoord. Vraag de inschrijver het UEA aan te vullen.",
                en:
                    "Mandatory exclusion ground \(ground.ground) (\(ground.name)) is missing from the ESPD and so is not answered. Ask the bidder to complete the ESPD.",
                evidence: [document], details: ["ground": ground.ground])
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("mandatory ground C4 left out", at: "uea.xml:22:/QualificationApplicationResponse[1]/cac:EconomicOperatorParty[1]") {
                    $0.submission.espd.criteria.removeAll { $0.ground == "C4" }
                },
                .fires(
                    "every exclusion criterion left out: one finding",
                    at: "uea.xml:22:/QualificationApplicationResponse[1]/cac:EconomicOperatorParty[1]"
                ) {
                    $0.submission.espd.criteria.removeAll { $0.category == .exclusion }
                },
            ],
            nonTriggering: [
                .quiet("optional ground C12 left out") { $0.submission.espd.criteria.removeAll { $0.ground == "C12" } },
                .quiet("C4 left out of a request") {
                    $0.submission.espd.kind = .request
                    $0.submission.espd.criteria.removeAll { $0.ground == "C4" }
                },
            ])
    }
}
