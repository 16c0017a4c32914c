/// A GVA is personal to the legal person: one of a parent or sister company does not cover the
/// bidder. Name (fuzzy, legal forms ignored) and KvK number must match the ESPD and KvK extract.
struct GVAEntityMismatchCheck: Check {
    let id = "gva.entity-mismatch"
    let severity = Severity.blocker
    let legalBasis = "Aw 2012 art. 4.1; Aanbestedingsbesluit art. 2(1)(a) [V-2013]"
    let summary = "GVA or KvK extract issued to another entity than the one in the ESPD (name or KvK number)"
    let dataFiles = ["name-matching.yaml"]

    func run(_ context: ScreeningContext) -> [Finding] {
        let submission = context.submission
        var findings: [Finding] = []
        let espdName = submission.espd.economicOperator?.name
        let kvk = submission.kvk
        func compare(_ label: (nl: String, en: String), key: String, name: String?, number: String?) {
            var problems: [String] = []
            var details: [String: String] = [:]
            if let number, let kvk, Self.digits(number) != Self.digits(kvk) {
                problems.append("KvK \(number) ≠ \(kvk)"); details["kvk"] = "\(number) / \(kvk)"
            }
            if let name, let espdName {
                let match = context.matcher.matchCompany(name, espdName)
                if match.score < context.matcher.companyThreshold {
                    problems.append("'\(name)' ≠ '\(espdName)'"); details["nameScore"] = String(match.score)
                }
            }
            guard !problems.isEmpty else { return }
            findings.append(finding(
                nl: "\(label.nl) staat op een andere entiteit dan het UEA: \(problems.joined(separator: "; ")).",
                en: "\(label.en) is issued to another entity than the ESPD's: \(problems.joined(separator: "; ")).",
                evidence: [submission.bidderPointer(key), EvidencePointer(file: submission.espd.source, line: submission.espd.economicOperator?.line, path: submission.espd.economicOperator?.path)],
                details: details))
        }
        if let gva = submission.bidder.gva { compare(("De GVA", "The GVA"), key: "gva", name: gva.name, number: gva.kvk) }
        if let extract = submission.bidder.kvkExtract { compare(("Het KvK-uittreksel", "The KvK extract"), key: "kvkExtract", name: extract.name, number: extract.kvk) }
        return findings
    }

    static func digits(_ text: String) -> String { text.filter(\.isNumber) }

    var examples: CheckExamples {
        CheckExamples(triggering: { $0.submission.bidder.gva?.kvk = "99999999" },
                      nonTriggering: { context in let kvk = context.submission.kvk; context.submission.bidder.gva?.kvk = kvk })
    }
}
