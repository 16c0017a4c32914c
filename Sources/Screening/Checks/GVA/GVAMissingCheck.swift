/// At the award stage the intended winner (open procedure) or the selected candidates must
/// hand in the supporting evidence; a Dutch bidder without a GVA then cannot be verified.
struct GVAMissingCheck: Check {
    let id = "gva.missing"
    let severity = Severity.attention
    let legalBasis = "Aw 2012 art. 2.85, 2.89, 2.101-2.102 [V-2013]"
    let summary = "No GVA at a stage where it is required (award verification) for a Dutch bidder"
    let dataFiles: [String] = []

    func run(_ context: ScreeningContext) -> [Finding] {
        guard context.tender.stage == .award, (context.submission.country ?? "NL") == "NL", context.submission.bidder.gva == nil else { return [] }
        return [finding(
            nl: "Er is geen Gedragsverklaring Aanbesteden aangeleverd, terwijl de aanbesteding in de gunningsfase is. Vraag de GVA op bij de beoogde winnaar.",
            en: "No Gedragsverklaring Aanbesteden was provided although the tender is at the award stage. Request it from the intended winner.",
            evidence: [context.tenderPointer("stage", excerpt: "award"), context.submission.bidderPointer("gva")])]
    }

    var examples: CheckExamples {
        CheckExamples(triggering: { $0.tender.stage = .award; $0.submission.bidder.country = "NL"; $0.submission.bidder.gva = nil },
                      nonTriggering: { $0.tender.stage = .submission; $0.submission.bidder.gva = nil })
    }
}
