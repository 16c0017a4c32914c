import DossierModel

/// BIB-R05: many companies registered at the bidder's address (post box, virtual office, trust office).
struct SharedAddressCheck: Check {
    let id = "bibob.shared-address"
    let severity = Severity.attention
    let legalBasis = BibobText.basis
    let summary = "The business address is shared with many registered companies"
    let dataFiles = ["bibob-red-flags.yaml"]
    let dutchSummary = "Het bedrijfsadres wordt gedeeld met veel ingeschreven ondernemingen"
    let dutchLegalEffect = BibobText.dutchEffect
    let legalEffect = BibobText.effect

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let count = context.submission.bidder.company?.registrationsAtAddress,
            count >= context.rules.bibob.registrationsAtAddress
        else { return [] }
        return [
            finding(
                nl: "Op het vestigingsadres zijn \(count) ondernemingen ingeschreven." + BibobText.nl(context),
                en: "\(count) companies are registered at the business address." + BibobText.en(context),
                evidence: [context.submission.bidderPointer("company", excerpt: "registrationsAtAddress: \(count)")])
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("45 companies at the address", at: "bidder.yaml:22:company") {
                    $0.submission.bidder.company?.registrationsAtAddress = 45
                },
                .fires("20 companies at the address (the threshold)", at: "bidder.yaml:22:company") {
                    $0.submission.bidder.company?.registrationsAtAddress = 20
                },
            ],
            nonTriggering: [
                .quiet("2 companies") { $0.submission.bidder.company?.registrationsAtAddress = 2 },
                .quiet("19 companies") { $0.submission.bidder.company?.registrationsAtAddress = 19 },
            ])
    }
}
