import DossierModel

/// BIB-R02 and BIB-R15: frequent changes of directors, statutory name or seat (stromannen, katvangers).
struct FrequentChangesCheck: Check {
    let id = "bibob.frequent-changes"
    let severity = Severity.attention
    let legalBasis = BibobText.basis
    let summary = "Many director, name or seat changes in the last 24 months"
    let dataFiles = ["bibob-red-flags.yaml"]
    let dutchSummary = "Veel wijzigingen van bestuurders, naam of vestigingsplaats in de laatste 24 maanden"
    let dutchLegalEffect = BibobText.dutchEffect
    let legalEffect = BibobText.effect

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let company = context.submission.bidder.company else { return [] }
        var findings: [Finding] = []
        if let changes = company.directorChanges24Months, changes >= context.rules.bibob.directorChangesIn24Months {
            findings.append(
                finding(
                    nl: "\(changes) bestuurderswisselingen in 24 maanden." + BibobText.nl(context),
                    en: "\(changes) changes of directors in 24 months." + BibobText.en(context),
                    evidence: [context.submission.bidderPointer("company", excerpt: "directorChanges24Months: \(changes)")]))
        }
        if let changes = company.nameOrSeatChanges24Months, changes >= context.rules.bibob.nameOrSeatChangesIn24Months {
            findings.append(
                finding(
                    nl: "\(changes) wijzigingen van statutaire naam of zetel in 24 maanden." + BibobText.nl(context),
                    en: "\(changes) changes of statutory name or seat in 24 months." + BibobText.en(context),
                    evidence: [context.submission.bidderPointer("company", excerpt: "nameOrSeatChanges24Months: \(changes)")]))
        }
        return findings
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("4 director changes in 24 months (3 or more)", at: "bidder.yaml:22:company") {
                    $0.submission.bidder.company?.directorChanges24Months = 4
                },
                .fires(
                    "3 director changes and 2 changes of name or seat: two findings", at: "bidder.yaml:22:company", "bidder.yaml:22:company"
                ) {
                    $0.submission.bidder.company?.directorChanges24Months = 3
                    $0.submission.bidder.company?.nameOrSeatChanges24Months = 2
                },
            ],
            nonTriggering: [
                .quiet("2 director changes") { $0.submission.bidder.company?.directorChanges24Months = 2 },
                .quiet("1 change of name or seat") { $0.submission.bidder.company?.nameOrSeatChanges24Months = 1 },
            ])
    }
}
