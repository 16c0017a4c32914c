/// A bidder established outside the Netherlands cannot get a Justis GVA; the authority must
/// accept an equivalent document from its country (extract from the judicial record or a
/// declaration on oath).
struct ForeignBidderCheck: Check {
    let id = "gva.foreign-equivalent"
    let severity = Severity.info
    let legalBasis = "Aw 2012 art. 2.89(4) [V-2013]; Dir. 2014/24/EU art. 60(2)"
    let summary = "Foreign bidder: ask for the equivalent document (e-Certis), not a Justis GVA"
    let dataFiles: [String] = []

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let country = context.submission.country, country != "NL" else { return [] }
        let document = context.submission.bidder.equivalentDocument
        return [finding(
            nl: "Buitenlandse inschrijver (\(country)): vraag geen GVA maar een gelijkwaardig document uit \(country) (uittreksel strafregister of verklaring onder ede, zie e-Certis)\(document.map { "; aangeleverd: \($0.type)" } ?? "").",
            en: "Foreign bidder (\(country)): ask not for a GVA but for an equivalent document from \(country) (judicial-record extract or sworn declaration, see e-Certis)\(document.map { "; provided: \($0.type)" } ?? "").",
            evidence: [EvidencePointer(file: context.espd.source, line: context.espd.economicOperator?.line, path: context.espd.economicOperator?.path, excerpt: country)],
            details: ["country": country])]
    }

    var examples: CheckExamples {
        CheckExamples(triggering: { $0.submission.bidder.country = "DE" }, nonTriggering: { $0.submission.bidder.country = "NL" })
    }
}
