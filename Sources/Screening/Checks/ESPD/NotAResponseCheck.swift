import DossierModel
import ESPD

/// A bidder handed in the authority's request instead of its own response.
struct NotAResponseCheck: Check {
    let id = "espd.not-a-response"
    let severity = Severity.blocker
    let legalBasis = "Aw 2012 art. 2.84; Implementing Reg. (EU) 2016/7"
    let summary = "The bidder's ESPD is a request (no answers), not a response"
    let dataFiles: [String] = []
    let dutchSummary = "Het UEA van de inschrijver is een verzoek (zonder antwoorden), geen antwoord"
    let dutchLegalEffect = "een verzoek dat als inschrijving is ingediend, bevat geen verklaring (Aw 2012 art. 2.84)"
    let legalEffect = "a request handed in as a bid holds no declaration (Aw 2012 art. 2.84)"
    let entities = EntityScope.everyEntity

    func run(_ context: ScreeningContext) -> [Finding] {
        guard context.espd.kind == .request else { return [] }
        return [
            finding(
                nl:
                    "Het ingediende UEA is een verzoek (request) van de aanbestedende dienst, geen ingevuld antwoord van de inschrijver: er is niets verklaard.",
                en: "The ESPD handed in is the authority's request, not the bidder's response: nothing has been declared.",
                evidence: [
                    EvidencePointer(
                        file: context.espd.source, line: 1, path: "/" + context.espd.declared.rootElement,
                        excerpt: context.espd.declared.rootElement)
                ])
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("the authority's request handed in", at: "uea.xml:1:/QualificationApplicationResponse") {
                    $0.submission.espd.kind = .request
                },
                .fires("a request with the bidder's name filled in", at: "uea.xml:1:/QualificationApplicationResponse") {
                    $0.submission.espd.kind = .request
                    $0.submission.espd.economicOperator?.name = "Zonnebouw Flevoland B.V."
                },
            ],
            nonTriggering: [
                .quiet("a response without an economic operator") {
                    $0.submission.espd.kind = .response
                    $0.submission.espd.economicOperator = nil
                },
                .quiet("a response without any criteria (other checks report what is missing)") {
                    $0.submission.espd.kind = .response
                    $0.submission.espd.criteria = []
                },
            ])
    }
}
