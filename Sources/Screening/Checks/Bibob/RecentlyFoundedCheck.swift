import DossierModel

/// BIB-R01: a company founded shortly before the bid, most of all when the contract is large
/// compared with its turnover.
struct RecentlyFoundedCheck: Check {
    let id = "bibob.recently-founded"
    let severity = Severity.attention
    let legalBasis = BibobText.basis
    let summary = "Company founded less than the configured months before the reference date"
    let dataFiles = ["bibob-red-flags.yaml"]
    let dutchSummary = "Onderneming opgericht minder dan het ingestelde aantal maanden vóór de peildatum"
    let dutchLegalEffect = BibobText.dutchEffect
    let legalEffect = BibobText.effect

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let founded = context.submission.bidder.company?.founded else { return [] }
        let months = context.rules.bibob.recentlyFoundedMonths
        guard founded.adding(months: months) > context.referenceDate else { return [] }
        var details = ["founded": founded.description, "months": String(months)]
        if let value = context.tender.estimatedValue, let turnover = context.submission.bidder.company?.annualTurnover, turnover > 0 {
            details["valueToTurnover"] = String(format: "%.1f", value / turnover)
        }
        return [
            finding(
                nl: "De onderneming is opgericht op \(founded.dutch), minder dan \(months) maanden voor de peildatum."
                    + BibobText.nl(context),
                en: "The company was founded on \(founded), less than \(months) months before the reference date." + BibobText.en(context),
                evidence: [context.submission.bidderPointer("company", excerpt: "founded \(founded)")], details: details)
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("founded 6 months before the reference date", at: "bidder.yaml:22:company") {
                    $0.submission.bidder.company?.founded = $0.referenceDate.adding(months: -6)
                },
                .fires("founded 23 months before (under 24)", at: "bidder.yaml:22:company") {
                    $0.submission.bidder.company?.founded = $0.referenceDate.adding(months: -23)
                },
            ],
            nonTriggering: [
                .quiet("founded 10 years before") { $0.submission.bidder.company?.founded = $0.referenceDate.adding(years: -10) },
                .quiet("founded exactly 24 months before") { $0.submission.bidder.company?.founded = $0.referenceDate.adding(months: -24) },
            ])
    }
}
