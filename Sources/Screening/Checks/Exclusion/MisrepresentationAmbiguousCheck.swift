import DossierModel
import ESPD

/// C23 (misrepresentation): in v1/v2 files the question reads "has NOT been guilty" while the
/// EU service changed the meaning of the answer in Nov 2016 (ESPD-Service #117, ESPD-EDM #246);
/// v3.0–v4.0 only say "Can the economic operator confirm that:". The tool will not guess.
struct MisrepresentationAmbiguousCheck: Check {
    let id = "exclusion.misrepresentation-ambiguous"
    let severity = Severity.attention
    let legalBasis = "Dir. 2014/24/EU art. 57(4)(h)-(i); Aw 2012 art. 2.87"
    let summary = "The misrepresentation answer (C23) cannot be read safely: its wording and meaning differ between producers"
    let nationalLegalBasis: String? = LegalRegime.applying("Aw 2012 art. 2.87")
    let dataFiles: [String] = []
    let dutchSummary =
        "Het antwoord over misleiding (C23) is niet betrouwbaar te lezen: formulering en betekenis verschillen tussen de systemen die het UEA opstellen"
    let dutchLegalEffect = "de formulering van C23 verschilt tussen de systemen die het UEA opstellen: het antwoord laten bevestigen"
    let legalEffect = "C23's wording differs between producers: confirm"
    let entities = EntityScope.everyEntity

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let criterion = context.criterion("C23"), criterion.polarity == .ambiguous, let answer = criterion.answer else { return [] }
        return [
            finding(
                nl:
                    "Het antwoord op uitsluitingsgrond C23 (misleiding) is '\(answer ? "ja" : "nee")', maar de vraagstelling in dit bestand laat twee lezingen toe. Vraag de inschrijver om bevestiging.",
                en:
                    "The answer to exclusion ground C23 (misrepresentation) is '\(answer ? "yes" : "no")', but the wording in this file allows two readings. Ask the bidder to confirm.",
                evidence: [context.pointer(criterion)], details: ["answer": String(answer), "generation": context.espd.generation.rawValue])
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires(
                    "C23 answered yes under a wording with two readings",
                    at: "uea.xml:1524:/QualificationApplicationResponse[1]/cac:TenderingCriterion[23]"
                ) {
                    $0.setC23(polarity: .ambiguous, answer: true)
                },
                .fires(
                    "C23 answered no under that wording", at: "uea.xml:1524:/QualificationApplicationResponse[1]/cac:TenderingCriterion[23]"
                ) { $0.setC23(polarity: .ambiguous, answer: false) },
            ],
            nonTriggering: [
                .quiet("C23 answered yes under a clear wording (exclusion.optional-ground)") {
                    $0.setC23(polarity: .trueMeansGroundApplies, answer: true)
                },
                .quiet("C23 not answered (espd.exclusion-unanswered)") { $0.setC23(polarity: .ambiguous, answer: nil) },
            ])
    }
}
