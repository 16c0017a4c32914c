import DossierModel

/// A GVA proves the absence of the conviction grounds only if it is not older than two years
/// when the bid is submitted, counted from its date of issue (Justis; Aw 2012 art. 2.89). Blocker
/// for an intended winner the tender asked for a GVA; attention when that is not recorded; for
/// other bidders information only.
struct GVATooOldCheck: Check {
    let id = "gva.too-old"
    let severity = Severity.blocker
    let legalBasis = "Aw 2012 art. 2.89, 2.101-2.102"
    let summary = "Gedragsverklaring Aanbesteden older than two years at the reference date"
    let nationalLegalBasis: String? = EvidenceDuty.nationalLegalBasis
    let dataFiles = ["evidence.yaml"]
    let dutchSummary = "Gedragsverklaring Aanbesteden op de peildatum ouder dan twee jaar"
    let dutchLegalEffect =
        "blokkerend bij een beoogde winnaar van wie de aanbesteding een GVA heeft gevraagd; aandacht als de beoogde winnaar of het verzoek om de GVA niet is vastgelegd; ter informatie bij andere inschrijvers (Aw 2012 art. 2.89, 2.101–2.102)"
    let legalEffect =
        "blocker for an intended winner the tender asked for a GVA; attention when intended winner or request is not recorded; info for other bidders (Aw 2012 art. 2.89, 2.101–2.102)"
    let entities = EntityScope.withOwnEvidence

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let gva = context.submission.bidder.gva else { return [] }
        let years = context.rules.evidence.gvaMaxAgeYears
        let validUntil = gva.issueDate.adding(years: years)
        guard context.referenceDate > validUntil else { return [] }
        let duty = EvidenceDuty.of("gva", in: context)
        let severity: Severity =
            switch duty {
            case .required: .blocker
            case .undetermined: .attention
            case .notRequired: .info
            }
        let why = duty.explanation(("een Gedragsverklaring Aanbesteden", "a Gedragsverklaring Aanbesteden"))
        return [
            finding(
                severity,
                nl:
                    "De Gedragsverklaring Aanbesteden van \(gva.issueDate.dutch) is op de peildatum \(context.referenceDate.dutch) ouder dan \(years) jaar (geldig tot en met \(validUntil.dutch)). \(why.nl)"
                    + (duty == .required ? " Vraag een nieuwe GVA; niet gunnen zolang die ontbreekt." : ""),
                en:
                    "The Gedragsverklaring Aanbesteden of \(gva.issueDate) is older than \(years) years at the reference date \(context.referenceDate) (valid until \(validUntil)). \(why.en)"
                    + (duty == .required ? " Ask for a new one; do not award while it is missing." : ""),
                evidence: [context.submission.bidderPointer("gva", excerpt: gva.issueDate.description)],
                details: [
                    "issueDate": gva.issueDate.description, "validUntil": validUntil.description,
                    "referenceDate": context.referenceDate.description, "duty": "\(duty)",
                ])
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("a GVA of 25 months (at most 2 years)", at: "bidder.yaml:4:gva") {
                    $0.submission.bidder.gva?.issueDate = $0.referenceDate.adding(months: -25)
                },
                .fires("a GVA of 2 years and a day", at: "bidder.yaml:4:gva") {
                    $0.submission.bidder.gva?.issueDate = Day(ordinal: $0.referenceDate.adding(years: -2).ordinal - 1)
                },
            ],
            nonTriggering: [
                .quiet("a GVA of exactly 2 years") { $0.submission.bidder.gva?.issueDate = $0.referenceDate.adding(years: -2) },
                .quiet("no GVA (gva.missing's concern)") { $0.submission.bidder.gva = nil },
            ])
    }
}
