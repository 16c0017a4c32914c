import DossierModel

/// A document cannot be issued, nor a declaration signed, after the day it is screened on, and a
/// company is not founded after the bid it submitted. A date like that is a typing error or a
/// document that is not what it claims to be; either way the evidence's age cannot be judged from
/// it (a GVA dated next year would pass `gva.too-old` for three years), so a jurist looks at it.
struct FutureDateCheck: Check {
    let id = "gva.future-date"
    let severity = Severity.attention
    let legalBasis = "Aw 2012 art. 2.89, 2.101-2.102"
    let summary = "A document of the bidder file is dated after the day of screening, or the company founded after the reference date"
    let nationalLegalBasis: String? = EvidenceDuty.nationalLegalBasis
    let dutchSummary =
        "Een document in het inschrijversbestand is gedateerd na de dag van de screening, of de onderneming is opgericht na de peildatum"
    let dutchLegalEffect =
        "aandacht: ouderdom en geldigheid van het bewijs zijn niet te beoordelen aan een datum die nog moet komen; een jurist vraagt het document op zoals het is afgegeven"
    let legalEffect =
        "attention: the evidence's age and validity cannot be judged from a date that has not come; a jurist asks for the document as issued"
    let dataFiles: [String] = []
    let entities = EntityScope.withOwnEvidence

    func run(_ context: ScreeningContext) -> [Finding] {
        let bidder = context.submission.bidder
        // Documents are asked from the intended winner after the deadline: bounded by today.
        let documents: [(key: String, nl: String, en: String, date: Day?)] = [
            ("gva", "De Gedragsverklaring Aanbesteden", "The Gedragsverklaring Aanbesteden", bidder.gva?.issueDate),
            ("equivalentDocument", "Het gelijkwaardige document", "The equivalent document", bidder.equivalentDocument?.issueDate),
            ("kvkExtract", "Het uittreksel uit het Handelsregister", "The trade-register extract", bidder.kvkExtract?.date),
            ("taxStatement", "De verklaring betalingsgedrag", "The statement of payment behaviour", bidder.taxStatement?.date),
            ("declaration", "De integriteitsverklaring", "The integrity declaration", bidder.declaration?.signed),
            (
                "russiaDeclaration", "De verklaring over Russische betrokkenheid", "The declaration on Russian involvement",
                bidder.russiaDeclaration?.signed
            ),
        ]
        var findings: [Finding] = []
        for document in documents {
            guard let date = document.date, date > context.today else { continue }
            findings.append(
                finding(
                    nl:
                        "\(document.nl) is gedateerd op \(date.dutch), na de dag van de screening (\(context.today.dutch)). Met die datum zijn ouderdom en geldigheid niet te beoordelen; vraag het document zoals het is afgegeven of ondertekend.",
                    en:
                        "\(document.en) is dated \(date), after the day of screening (\(context.today)). From that date its age and validity cannot be judged; ask for the document as issued or signed.",
                    evidence: [context.submission.bidderPointer(document.key, excerpt: date.description)],
                    details: ["field": document.key, "date": date.description, "today": context.today.description]))
        }
        if let founded = bidder.company?.founded, founded > context.referenceDate {
            findings.append(
                finding(
                    nl:
                        "De onderneming is volgens het inschrijversbestand opgericht op \(founded.dutch), na de peildatum \(context.referenceDate.dutch) waarop zij inschreef. Ga na welke onderneming heeft ingeschreven.",
                    en:
                        "According to the bidder file the company was founded on \(founded), after the reference date \(context.referenceDate) on which it bid. Check which company submitted the bid.",
                    evidence: [context.submission.bidderPointer("company", excerpt: founded.description)],
                    details: ["field": "company.founded", "date": founded.description, "referenceDate": context.referenceDate.description]))
        }
        return findings
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("a GVA dated a year after the day of screening", at: "bidder.yaml:4:gva") {
                    $0.submission.bidder.gva?.issueDate = $0.today.adding(years: 1)
                },
                .fires(
                    "a tax statement dated tomorrow and a company founded after the deadline", at: "bidder.yaml:13:taxStatement",
                    "bidder.yaml:22:company"
                ) {
                    $0.submission.bidder.taxStatement?.date = Day(ordinal: $0.today.ordinal + 1)
                    $0.submission.bidder.company?.founded = Day(ordinal: $0.referenceDate.ordinal + 1)
                },
            ],
            nonTriggering: [
                .quiet("a GVA issued today, after the submission deadline (asked from the intended winner)") {
                    $0.submission.bidder.gva?.issueDate = $0.today
                },
                .quiet("a company founded on the reference date") { $0.submission.bidder.company?.founded = $0.referenceDate },
            ])
    }
}
