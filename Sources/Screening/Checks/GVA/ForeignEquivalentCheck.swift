import DossierModel

/// A bidder established outside the Netherlands cannot get a Justis GVA; the authority must
/// accept an equivalent document from its country (extract from the judicial record or a
/// declaration on oath; Dir. 2014/24/EU art. 60(2)). For an intended winner the equivalent is
/// demanded (attention when missing or older than evidence.yaml allows); otherwise information.
struct ForeignEquivalentCheck: Check {
    let id = "gva.foreign-equivalent"
    let severity = Severity.attention
    let legalBasis = "Dir. 2014/24/EU art. 60(2); Aw 2012 art. 2.89, 2.101-2.102"
    let summary = "Foreign bidder: the equivalent document (e-Certis) instead of a Justis GVA, its presence and age"
    let dataFiles = ["evidence.yaml"]
    let legalEffect =
        "a foreign intended winner without an equivalent document, or one older than `evidence.yaml` allows: attention; otherwise info (Dir. art. 60(2))"
    let entities = EntityScope.withOwnEvidence

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let country = context.submission.country, country != "NL" else { return [] }
        let document = context.submission.bidder.equivalentDocument
        let duty = EvidenceDuty.of("equivalentDocument", in: context)
        let months = context.rules.evidence.equivalentDocumentMaxAgeMonths
        let evidence = [
            EvidencePointer(
                file: context.espd.source, line: context.espd.economicOperator?.line, path: context.espd.economicOperator?.path,
                excerpt: country),
            context.submission.bidderPointer("equivalentDocument"),
        ]
        var details = ["country": country, "duty": "\(duty)"]
        if duty != .notRequired, document == nil {
            return [
                finding(
                    nl:
                        "Buitenlandse inschrijver (\(country)) zonder gelijkwaardig document. Vraag geen GVA maar een gelijkwaardig document uit \(country) (uittreksel strafregister of verklaring onder ede, zie e-Certis). \(duty.explanation(("een gelijkwaardig document", "an equivalent document")).nl)",
                    en:
                        "Foreign bidder (\(country)) without an equivalent document. Ask not for a GVA but for an equivalent document from \(country) (judicial-record extract or sworn declaration, see e-Certis). \(duty.explanation(("an equivalent document", "an equivalent document")).en)",
                    evidence: evidence, details: details)
            ]
        }
        if duty != .notRequired, let document, let issued = document.issueDate, context.referenceDate > issued.adding(months: months) {
            details["issueDate"] = issued.description
            return [
                finding(
                    nl:
                        "Het gelijkwaardige document (\(document.type)) van \(issued.dutch) is op de peildatum ouder dan \(months) maanden. Vraag een recent exemplaar.",
                    en:
                        "The equivalent document (\(document.type)) of \(issued) is older than \(months) months at the reference date. Ask for a recent one.",
                    evidence: evidence, details: details)
            ]
        }
        return [
            finding(
                .info,
                nl:
                    "Buitenlandse inschrijver (\(country)): geen GVA maar een gelijkwaardig document uit \(country) (uittreksel strafregister of verklaring onder ede, zie e-Certis)\(document.map { "; aangeleverd: \($0.type)" } ?? "").",
                en:
                    "Foreign bidder (\(country)): not a GVA but an equivalent document from \(country) (judicial-record extract or sworn declaration, see e-Certis)\(document.map { "; provided: \($0.type)" } ?? "").",
                evidence: evidence, details: details)
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("a German bidder", at: "uea.xml:") { $0.submission.bidder.country = "DE" },
                .fires("a Belgian bidder with an equivalent document", at: "uea.xml:") {
                    $0.submission.bidder.country = "BE"
                    $0.submission.bidder.equivalentDocument = .init(
                        type: "uittreksel strafregister", issueDate: $0.referenceDate.adding(months: -1), country: "BE")
                },
            ],
            nonTriggering: [
                .quiet("a Dutch bidder, country written in lower case") { $0.submission.bidder.country = "nl" },
                .quiet("a Dutch bidder without a country in its bidder file (the ESPD's country counts)") {
                    $0.submission.bidder.country = nil
                },
            ])
    }
}
