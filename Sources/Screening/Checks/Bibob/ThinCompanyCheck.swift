import DossierModel

/// BIB-R10 (and R01's size test): hardly any staff, or a contract far larger than the turnover.
struct ThinCompanyCheck: Check {
    let id = "bibob.thin-company"
    let severity = Severity.attention
    let legalBasis = BibobText.basis
    let summary = "Very few employees or a small turnover for the size of the contract"
    let dataFiles = ["bibob-red-flags.yaml"]
    let dutchSummary = "Zeer weinig werknemers of een kleine omzet voor de omvang van de opdracht"
    let dutchLegalEffect = BibobText.dutchEffect
    let legalEffect = BibobText.effect

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let company = context.submission.bidder.company, let value = context.tender.estimatedValue else { return [] }
        let rules = context.rules.bibob
        var reasons: [(String, String)] = []
        if let employees = company.employees, employees <= rules.thinCompanyMaxEmployees, value >= rules.thinCompanyMinValue {
            reasons.append(
                (
                    "\(Dutch.number(employees)) \(employees == 1 ? "werkzame persoon" : "werkzame personen")",
                    "\(employees) \(employees == 1 ? "employee" : "employees")"
                ))
        }
        if let turnover = company.annualTurnover, turnover > 0, value > turnover * rules.valueToTurnoverRatio {
            let ratio = (value / turnover * 10).rounded() / 10
            reasons.append(("opdrachtwaarde \(Dutch.decimal(ratio))× de jaaromzet", "contract value \(ratio)× annual turnover"))
        }
        guard !reasons.isEmpty else { return [] }
        return [
            finding(
                nl: "Dunne onderneming voor een opdracht van \(Euro.nl(value)): \(reasons.map(\.0).joined(separator: "; "))."
                    + BibobText.nl(context),
                en: "Thin company for a contract of \(Euro.en(value)): \(reasons.map(\.1).joined(separator: "; "))."
                    + BibobText.en(context),
                evidence: [context.submission.bidderPointer("company"), context.tenderPointer("estimatedValue")])
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("1 employee for a contract of 4 million", at: "bidder.yaml:22:company") {
                    $0.tender.estimatedValue = 4_000_000
                    $0.submission.bidder.company?.employees = 1
                },
                .fires("contract value more than 3 times the annual turnover", at: "bidder.yaml:22:company") {
                    $0.tender.estimatedValue = 4_000_000
                    $0.submission.bidder.company?.employees = 40
                    $0.submission.bidder.company?.annualTurnover = 1_000_000
                },
            ],
            nonTriggering: [
                .quiet("40 employees, turnover 20 million") {
                    $0.tender.estimatedValue = 4_000_000
                    $0.submission.bidder.company?.employees = 40
                    $0.submission.bidder.company?.annualTurnover = 20_000_000
                },
                .quiet("1 employee for a contract under 150,000") {
                    $0.tender.estimatedValue = 100_000
                    $0.submission.bidder.company?.employees = 1
                },
            ])
    }
}
