/// A GVA proves the absence of the conviction grounds only if it is not older than two years
/// when the bid is submitted, counted from its date of issue.
struct GVATooOldCheck: Check {
    let id = "gva.too-old"
    let severity = Severity.blocker
    let legalBasis = "Aw 2012 art. 2.89(2) [V-2013]"
    let summary = "Gedragsverklaring Aanbesteden older than two years at the reference date"
    let dataFiles = ["evidence.yaml"]

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let gva = context.submission.bidder.gva else { return [] }
        let years = context.rules.evidence.gvaMaxAgeYears
        let validUntil = gva.issueDate.adding(years: years)
        guard context.referenceDate > validUntil else { return [] }
        return [finding(
            nl: "De Gedragsverklaring Aanbesteden van \(gva.issueDate) is op de peildatum \(context.referenceDate) ouder dan \(years) jaar (geldig t/m \(validUntil)). Vraag een nieuwe GVA.",
            en: "The Gedragsverklaring Aanbesteden of \(gva.issueDate) is older than \(years) years at the reference date \(context.referenceDate) (valid until \(validUntil)). Ask for a new one.",
            evidence: [context.submission.bidderPointer("gva", excerpt: gva.issueDate.description)],
            details: ["issueDate": gva.issueDate.description, "validUntil": validUntil.description, "referenceDate": context.referenceDate.description])]
    }

    var examples: CheckExamples {
        CheckExamples(triggering: { $0.submission.bidder.gva?.issueDate = $0.referenceDate.adding(months: -25) },
                      nonTriggering: { $0.submission.bidder.gva?.issueDate = $0.referenceDate.adding(years: -2) })
    }
}
