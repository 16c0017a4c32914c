import DossierModel

/// BIB-R09: the bidder's registered activity (SBI) has nothing to do with what is bought (CPV),
/// e.g. a holding bidding for works. Compared through the MVO sectors both map to.
struct SbiUnrelatedCheck: Check {
    let id = "bibob.sbi-unrelated"
    let severity = Severity.attention
    let legalBasis = BibobText.basis
    let summary = "The bidder's SBI activity is unrelated to the CPV of the contract"
    let dataFiles = ["bibob-red-flags.yaml", "sbi-sectors.csv", "cpv-sectors.csv"]
    let dutchSummary = "De SBI-activiteit van de inschrijver houdt geen verband met de CPV-codes van de opdracht"
    let dutchLegalEffect = BibobText.dutchEffect
    let legalEffect = BibobText.effect

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let sbi = context.submission.bidder.company?.sbi, !sbi.isEmpty else { return [] }
        let cpvSectors = Set(context.rules.sectors(forCPV: context.cpvCodes))
        let holding = sbi.filter { code in context.rules.bibob.holdingSBI.contains { code.hasPrefix($0) } }
        let sbiSectors = Set(sbi.compactMap { context.rules.sbiSectors[String($0.prefix(2))] })
        let unrelated = !cpvSectors.isEmpty && !sbiSectors.isEmpty && sbiSectors.isDisjoint(with: cpvSectors)
        guard !holding.isEmpty || unrelated else { return [] }
        return [
            finding(
                nl:
                    "De ingeschreven activiteit (SBI \(sbi.joined(separator: ", "))) past niet bij het voorwerp van de opdracht (CPV \(context.cpvCodes.joined(separator: ", ")))."
                    + BibobText.nl(context),
                en:
                    "The registered activity (SBI \(sbi.joined(separator: ", "))) does not fit the subject of the contract (CPV \(context.cpvCodes.joined(separator: ", ")))."
                    + BibobText.en(context),
                evidence: [context.submission.bidderPointer("company", excerpt: "sbi"), context.tenderPointer("cpv")],
                details: [
                    "sbiSectors": sbiSectors.sorted().joined(separator: ", "), "cpvSectors": cpvSectors.sorted().joined(separator: ", "),
                ])
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("a holding (SBI 6420) bidding for works", at: "bidder.yaml:22:company") {
                    $0.tender.cpv = ["45261215-4"]
                    $0.submission.bidder.company?.sbi = ["6420"]
                },
                .fires("a textile company (SBI 1310) bidding for works", at: "bidder.yaml:22:company") {
                    $0.tender.cpv = ["45261215-4"]
                    $0.submission.bidder.company?.sbi = ["1310"]
                },
            ],
            nonTriggering: [
                .quiet("a roofing company (SBI 4321) for works") {
                    $0.tender.cpv = ["45261215-4"]
                    $0.submission.bidder.company?.sbi = ["4321"]
                },
                .quiet("no SBI code declared") {
                    $0.tender.cpv = ["45261215-4"]
                    $0.submission.bidder.company?.sbi = []
                },
            ])
    }
}
