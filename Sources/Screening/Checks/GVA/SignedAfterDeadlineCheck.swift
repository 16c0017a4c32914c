import DossierModel

/// The declarations that make up the bid are made by the deadline: the ESPD response (its
/// IssueDate), the integrity declaration and the declaration on Russian involvement. One dated
/// after the deadline was either supplemented or clarified at the authority's request (allowed,
/// Dir. 2014/24/EU art. 56(3), Aw 2012 art. 2.102), or the bid was changed after the deadline,
/// which equal treatment forbids; a jurist checks which from the file. Documents the authority
/// asks from the intended winner later (GVA, extract, tax statement) are not declarations of the
/// bid: their dates are `gva.future-date`'s. Without a deadline in tender.yaml nothing is compared.
struct SignedAfterDeadlineCheck: Check {
    let id = "gva.signed-after-deadline"
    let severity = Severity.attention
    let legalBasis = "Dir. 2014/24/EU art. 56(3), art. 59(1); Aw 2012 art. 2.84, 2.102"
    let summary =
        "A declaration of the bid (the ESPD response, the integrity declaration, the declaration on Russian involvement) is dated after the submission deadline"
    let dutchSummary =
        "Een verklaring bij de inschrijving (het UEA, de integriteitsverklaring, de verklaring over Russische betrokkenheid) is gedateerd na de uiterste inschrijfdatum"
    let dutchLegalEffect =
        "aandacht: een aanvulling of verduidelijking op verzoek van de aanbestedende dienst mag, een inschrijving wijzigen na de sluiting niet (gelijke behandeling); een jurist stelt vast welke van de twee het is"
    let legalEffect =
        "attention: a supplement or clarification at the authority's request is allowed, changing a bid after the deadline is not (equal treatment); a jurist establishes which it is"
    let dataFiles: [String] = []
    let entities = EntityScope.withOwnEvidence

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let deadline = context.tender.submissionDeadline else { return [] }
        let bidder = context.submission.bidder
        var dated: [(nl: String, en: String, date: Day, pointer: EvidencePointer)] = []
        if let text = context.espd.issueDate, let date = Day(String(text.prefix(10))) {
            dated.append(
                ("Het UEA", "The ESPD response", date, EvidencePointer(file: context.espd.source, path: "IssueDate", excerpt: text)))
        }
        if let date = bidder.declaration?.signed {
            dated.append(
                (
                    "De integriteitsverklaring", "The integrity declaration", date,
                    context.submission.bidderPointer("declaration", excerpt: date.description)
                ))
        }
        if let date = bidder.russiaDeclaration?.signed {
            dated.append(
                (
                    "De verklaring over Russische betrokkenheid", "The declaration on Russian involvement", date,
                    context.submission.bidderPointer("russiaDeclaration", excerpt: date.description)
                ))
        }
        return dated.filter { $0.date > deadline }.map { document in
            finding(
                nl:
                    "\(document.nl) is gedateerd op \(document.date.dutch), na de uiterste inschrijfdatum \(deadline.dutch). Ga na of de aanbestedende dienst om een aanvulling of verduidelijking heeft gevraagd; zo niet, dan is de inschrijving na de sluiting gewijzigd.",
                en:
                    "\(document.en) is dated \(document.date), after the submission deadline \(deadline). Check whether the authority asked for a supplement or clarification; if not, the bid was changed after the deadline.",
                evidence: [document.pointer, context.tenderPointer("submissionDeadline", excerpt: deadline.description)],
                details: ["date": document.date.description, "deadline": deadline.description])
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("an integrity declaration signed the day after the deadline", at: "bidder.yaml:15:declaration") {
                    $0.submission.bidder.declaration?.signed = $0.tender.submissionDeadline.map { Day(ordinal: $0.ordinal + 1) }
                },
                .fires("an ESPD response issued a week after the deadline", at: "uea.xml:IssueDate") {
                    $0.submission.espd.issueDate = $0.tender.submissionDeadline.map { Day(ordinal: $0.ordinal + 7).description }
                },
            ],
            nonTriggering: [
                .quiet("declarations signed on the deadline") {
                    $0.submission.bidder.declaration?.signed = $0.tender.submissionDeadline
                    $0.submission.espd.issueDate = $0.tender.submissionDeadline?.description
                },
                .quiet("no deadline in tender.yaml, so nothing to compare with") {
                    $0.tender.submissionDeadline = nil
                    $0.submission.bidder.declaration?.signed = $0.today
                },
            ])
    }
}
