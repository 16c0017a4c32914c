import DossierModel

/// A Dutch intended winner without a GVA, where the tender requested one: blocker (the absence of
/// the conviction grounds cannot be verified). At award when the intended winner or the requested
/// documents are not recorded: attention. Other bidders are not asked for one.
struct GVAMissingCheck: Check {
    let id = "gva.missing"
    let severity = Severity.blocker
    let legalBasis = "Aw 2012 art. 2.89, 2.101-2.102; Dir. 2014/24/EU art. 59(4), 60(2)"
    let summary = "No GVA from a Dutch intended winner where the tender requested it"
    let nationalLegalBasis: String? = EvidenceDuty.nationalLegalBasis
    let dataFiles: [String] = []
    let dutchSummary = "Geen GVA van een Nederlandse beoogde winnaar terwijl de aanbesteding die heeft gevraagd"
    let dutchLegalEffect = "als `gva.too-old`, bij een Nederlandse beoogde winnaar zonder GVA"
    let legalEffect = "as `gva.too-old`, for a Dutch intended winner without a GVA"
    let entities = EntityScope.withOwnEvidence

    func run(_ context: ScreeningContext) -> [Finding] {
        guard (context.submission.country ?? "NL") == "NL", context.submission.bidder.gva == nil else { return [] }
        let duty = EvidenceDuty.of("gva", in: context)
        guard duty != .notRequired else { return [] }
        let why = duty.explanation(("een Gedragsverklaring Aanbesteden", "a Gedragsverklaring Aanbesteden"))
        return [
            finding(
                duty == .required ? .blocker : .attention,
                nl: "Er is geen Gedragsverklaring Aanbesteden aangeleverd. \(why.nl)"
                    + (duty == .required ? " Niet gunnen zolang de GVA ontbreekt." : ""),
                en: "No Gedragsverklaring Aanbesteden was provided. \(why.en)"
                    + (duty == .required ? " Do not award while it is missing." : ""),
                evidence: [context.tenderPointer(duty == .required ? "requested" : "stage"), context.submission.bidderPointer("gva")],
                details: ["duty": "\(duty)"])
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("the intended winner without a GVA, the tender asks for one", at: "tender.yaml:15:requested") {
                    $0.tender.stage = .award
                    $0.tender.intendedWinners = ["1-zonnebouw-flevoland"]
                    $0.tender.requested = ["gva"]
                    $0.submission.bidder.gva = nil
                },
                .fires("at award, no winner named: whether it is demanded is undetermined", at: "tender.yaml:13:stage") {
                    $0.tender.stage = .award
                    $0.tender.intendedWinners = []
                    $0.tender.requested = ["gva"]
                    $0.submission.bidder.gva = nil
                },
            ],
            nonTriggering: [
                .quiet("another bidder is the intended winner") {
                    $0.tender.stage = .award
                    $0.tender.intendedWinners = ["another bidder"]
                    $0.tender.requested = ["gva"]
                    $0.submission.bidder.gva = nil
                },
                .quiet("a foreign bidder (an equivalent document instead)") {
                    $0.submission.bidder.country = "DE"
                    $0.submission.bidder.gva = nil
                },
            ])
    }
}
