import DossierModel

/// The KvK extract (bankruptcy/insolvency) and the Belastingdienst verklaring betalingsgedrag
/// (taxes) older than the age evidence.yaml sets (six months). No current statute fixes these ages
/// (the six months come from the 2013 text of Aw 2012 art. 2.89): it is the tender's own
/// requirement, so attention ("ask for a recent copy") for a bidder the documents are demanded
/// from, information for the others; never a blocker.
struct EvidenceTooOldCheck: Check {
    let id = "gva.evidence-too-old"
    let severity = Severity.attention
    let legalBasis = "Aw 2012 art. 2.101-2.102; aanbestedingsstukken"
    let summary = "KvK extract or tax statement older than the tender's maximum age at the reference date"
    let nationalLegalBasis: String? = EvidenceDuty.nationalLegalBasis
    let dataFiles = ["evidence.yaml"]
    let dutchSummary = "KvK-uittreksel of verklaring betalingsgedrag op de peildatum ouder dan de aanbesteding toestaat"
    let dutchLegalEffect =
        "de maximale ouderdom van KvK-uittreksel en verklaring betalingsgedrag is een eis van de aanbesteding zelf (geen geldend wettelijk voorschrift): aandacht bij de beoogde winnaar, ter informatie bij anderen; nooit blokkerend"
    let legalEffect =
        "KvK extract / tax statement ages are the tender's own requirement (no current statute): attention for the intended winner, info for others; never a blocker"
    let entities = EntityScope.withOwnEvidence

    func run(_ context: ScreeningContext) -> [Finding] {
        let bidder = context.submission.bidder
        let rules = context.rules.evidence
        var items: [(String, Message, Day, Int)] = []
        if let extract = bidder.kvkExtract {
            items.append(
                ("kvkExtract", Message(nl: "Het KvK-uittreksel", en: "The KvK extract"), extract.date, rules.kvkExtractMaxAgeMonths))
        }
        if let tax = bidder.taxStatement {
            items.append(
                (
                    "taxStatement", Message(nl: "De verklaring betalingsgedrag", en: "The tax payment statement"), tax.date,
                    rules.taxStatementMaxAgeMonths
                ))
        }
        return items.compactMap { key, label, date, months in
            let validUntil = date.adding(months: months)
            guard context.referenceDate > validUntil else { return nil }
            let duty = EvidenceDuty.of(key, in: context)
            return finding(
                duty == .notRequired ? .info : .attention,
                nl:
                    "\(label.nl) van \(date.dutch) is op de peildatum \(context.referenceDate.dutch) ouder dan \(months) maanden, de maximale leeftijd die de aanbesteding aanhoudt."
                    + (duty == .notRequired ? " Van deze inschrijver wordt het stuk niet gevraagd." : " Vraag een recent exemplaar."),
                en:
                    "\(label.en) of \(date) is older than \(months) months at the reference date \(context.referenceDate), the maximum age the tender applies."
                    + (duty == .notRequired ? " It is not demanded from this bidder." : " Ask for a recent copy."),
                evidence: [
                    context.submission.bidderPointer(key, excerpt: date.description),
                    EvidencePointer(
                        file: context.rules.displayPath("evidence.yaml"),
                        path: key == "kvkExtract" ? "kvkExtractMaxAgeMonths" : "taxStatementMaxAgeMonths"),
                ],
                details: ["date": date.description, "validUntil": validUntil.description, "duty": "\(duty)"])
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("a tax statement of 7 months (at most 6)", at: "bidder.yaml:13:taxStatement") {
                    $0.submission.bidder.taxStatement = .init(date: $0.referenceDate.adding(months: -7))
                },
                .fires(
                    "a KvK extract and a tax statement both too old: two findings", at: "bidder.yaml:9:kvkExtract",
                    "bidder.yaml:13:taxStatement"
                ) {
                    $0.submission.bidder.kvkExtract?.date = $0.referenceDate.adding(years: -1)
                    $0.submission.bidder.taxStatement = .init(date: $0.referenceDate.adding(years: -1))
                },
            ],
            nonTriggering: [
                .quiet("a tax statement of exactly 6 months") {
                    $0.submission.bidder.taxStatement = .init(date: $0.referenceDate.adding(months: -6))
                },
                .quiet("a KvK extract of a month") { $0.submission.bidder.kvkExtract?.date = $0.referenceDate.adding(months: -1) },
            ])
    }
}
