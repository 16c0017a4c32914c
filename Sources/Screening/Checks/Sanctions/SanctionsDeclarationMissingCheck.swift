import DossierModel

/// Dutch tenders ask every bidder to declare on art. 5k; without it the prohibition cannot be verified.
struct SanctionsDeclarationMissingCheck: Check {
    let id = "sanctions.declaration-missing"
    let severity = Severity.attention
    let legalBasis = "Council Regulation (EU) No 833/2014 art. 5k"
    let summary = "No declaration on Russian involvement (art. 5k) from the bidder"
    let dataFiles: [String] = []
    let dutchSummary = "Geen verklaring van de inschrijver over Russische betrokkenheid (art. 5k)"
    let dutchLegalEffect = "controle onvolledig"
    let legalEffect = "verification incomplete"

    func run(_ context: ScreeningContext) -> [Finding] {
        guard context.submission.bidder.russiaDeclaration == nil else { return [] }
        return [
            finding(
                nl: "De inschrijver heeft geen verklaring over Russische betrokkenheid (art. 5k Vo. 833/2014) afgegeven.",
                en: "The bidder gave no declaration on Russian involvement (art. 5k Reg. 833/2014).",
                evidence: [context.submission.bidderPointer("russiaDeclaration")])
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("no declaration", at: "bidder.yaml:35:russiaDeclaration") { $0.submission.bidder.russiaDeclaration = nil },
                .fires("a foreign bidder without one", at: "bidder.yaml:35:russiaDeclaration") {
                    $0.submission.bidder.country = "DE"
                    $0.submission.bidder.russiaDeclaration = nil
                },
            ],
            nonTriggering: [
                .quiet("declared: nothing Russian") {
                    $0.submission.bidder.russiaDeclaration = .init(
                        russianNationalOrEstablished: false, russianOwnershipOver50: false, actingOnBehalf: false,
                        russianSubcontractorsOver10Percent: false)
                },
                .quiet("declared: Russian ownership (sanctions.russia-involvement weighs it)") {
                    $0.submission.bidder.russiaDeclaration = .init(
                        russianNationalOrEstablished: false, russianOwnershipOver50: true, actingOnBehalf: false,
                        russianSubcontractorsOver10Percent: false)
                },
            ])
    }
}
