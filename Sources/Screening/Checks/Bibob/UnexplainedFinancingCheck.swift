import DossierModel

/// BIB-R07: financing from unknown or unusual sources that the bidder did not explain.
struct UnexplainedFinancingCheck: Check {
    let id = "bibob.unexplained-financing"
    let severity = Severity.attention
    let legalBasis = BibobText.basis + "; Wet Bibob art. 3(1)(a), 12(4)"
    let summary = "A financing source is not explained"
    let dataFiles: [String] = []
    let dutchSummary = "Een financieringsbron is niet toegelicht"
    let dutchLegalEffect = BibobText.dutchEffect
    let legalEffect = BibobText.effect

    func run(_ context: ScreeningContext) -> [Finding] {
        (context.submission.bidder.company?.financing ?? []).filter { $0.explained != true }.map { source in
            finding(
                nl: "Financieringsbron '\(source.source)' is niet toegelicht." + BibobText.nl(context),
                en: "Financing source '\(source.source)' is not explained." + BibobText.en(context),
                evidence: [context.submission.bidderPointer("company", excerpt: source.source)],
                details: source.amount.map { ["amount": String(format: "%.0f", $0)] })
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("a private loan not explained", at: "bidder.yaml:22:company") {
                    $0.submission.bidder.company?.financing = [.init(source: "private loan", amount: 250000, explained: false)]
                },
                .fires("two sources, neither explained: two findings", at: "bidder.yaml:22:company", "bidder.yaml:22:company") {
                    $0.submission.bidder.company?.financing = [
                        .init(source: "private loan", amount: 250000, explained: false),
                        .init(source: "foundation Curaçao", amount: nil, explained: nil),
                    ]
                },
            ],
            nonTriggering: [
                .quiet("a bank loan, explained") {
                    $0.submission.bidder.company?.financing = [.init(source: "bank", amount: 250000, explained: true)]
                },
                .quiet("no external financing") { $0.submission.bidder.company?.financing = [] },
            ])
    }
}
