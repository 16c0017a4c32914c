/// The KvK extract (bankruptcy/insolvency) and the Belastingdienst verklaring betalingsgedrag
/// (taxes) may be at most six months old when the bid is submitted.
struct EvidenceAgeCheck: Check {
    let id = "gva.evidence-too-old"
    let severity = Severity.blocker
    let legalBasis = "Aw 2012 art. 2.89(1) and (3) [V-2013]"
    let summary = "KvK extract or tax statement older than six months at the reference date"
    let dataFiles = ["evidence.yaml"]

    func run(_ context: ScreeningContext) -> [Finding] {
        let bidder = context.submission.bidder
        let rules = context.rules.evidence
        var items: [(String, Message, Day, Int)] = []
        if let extract = bidder.kvkExtract {
            items.append(("kvkExtract", Message(nl: "Het KvK-uittreksel", en: "The KvK extract"), extract.date, rules.kvkExtractMaxAgeMonths))
        }
        if let tax = bidder.taxStatement {
            items.append(("taxStatement", Message(nl: "De verklaring betalingsgedrag", en: "The tax payment statement"), tax.date, rules.taxStatementMaxAgeMonths))
        }
        return items.compactMap { key, label, date, months in
            let validUntil = date.adding(months: months)
            guard context.referenceDate > validUntil else { return nil }
            return finding(
                nl: "\(label.nl) van \(date) is op de peildatum \(context.referenceDate) ouder dan \(months) maanden. Vraag een recent exemplaar.",
                en: "\(label.en) of \(date) is older than \(months) months at the reference date \(context.referenceDate). Ask for a recent one.",
                evidence: [context.submission.bidderPointer(key, excerpt: date.description)],
                details: ["date": date.description, "validUntil": validUntil.description])
        }
    }

    var examples: CheckExamples {
        CheckExamples(triggering: { $0.submission.bidder.taxStatement = .init(date: $0.referenceDate.adding(months: -7)) },
                      nonTriggering: { $0.submission.bidder.taxStatement = .init(date: $0.referenceDate.adding(months: -6)) })
    }
}
