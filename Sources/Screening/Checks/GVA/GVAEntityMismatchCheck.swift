import DossierModel

/// A GVA is personal to the legal person: one of a parent or sister company does not cover the
/// bidder. A KvK number that differs from the bidder's is a blocker (another legal person); a
/// name that differs while the numbers agree or are absent is attention (a trade name, a renamed
/// company: a jurist checks).
struct GVAEntityMismatchCheck: Check {
    let id = "gva.entity-mismatch"
    let severity = Severity.blocker
    let legalBasis = "Aw 2012 art. 2.89; Aanbestedingsbesluit art. 2(1)(a)"
    let summary = "GVA or KvK extract issued to another entity than the one in the ESPD (name or KvK number)"
    let nationalLegalBasis: String? = EvidenceDuty.nationalLegalBasis
    let dataFiles = ["name-matching.yaml"]
    let dutchSummary = "GVA of KvK-uittreksel afgegeven aan een andere entiteit dan die in het UEA (naam of KvK-nummer)"
    let dutchLegalEffect = "een KvK-nummer van een andere rechtspersoon: blokkerend; alleen een andere naam: aandacht"
    let legalEffect = "a KvK number of another legal person: blocker; another name only: attention"
    let entities = EntityScope.withOwnEvidence

    func run(_ context: ScreeningContext) -> [Finding] {
        let submission = context.submission
        var findings: [Finding] = []
        let espdName = submission.espd.economicOperator?.name
        let kvk = submission.kvk
        func compare(_ label: (nl: String, en: String), key: String, name: String?, number: String?) {
            var problems: [String] = []
            var details: [String: String] = [:]
            var numberDiffers = false
            if let number, let kvk, Self.digits(number) != Self.digits(kvk) {
                problems.append("KvK \(number) ≠ \(kvk)")
                details["kvk"] = "\(number) / \(kvk)"
                numberDiffers = true
            }
            if let name, let espdName {
                let match = context.matcher.matchCompany(name, espdName)
                if match.score < context.matcher.companyThreshold {
                    problems.append("'\(name)' ≠ '\(espdName)'")
                    details["nameScore"] = String(match.score)
                }
            }
            guard !problems.isEmpty else { return }
            findings.append(
                finding(
                    numberDiffers ? .blocker : .attention,
                    nl: numberDiffers
                        ? "\(label.nl) staat op een andere rechtspersoon dan het UEA: \(problems.joined(separator: "; ")). Het stuk dekt deze inschrijver niet; vraag het stuk van de inschrijver zelf."
                        : "\(label.nl) noemt een andere naam dan het UEA: \(problems.joined(separator: "; ")). Ga na of het om dezelfde rechtspersoon gaat (handelsnaam, naamswijziging).",
                    en: numberDiffers
                        ? "\(label.en) is issued to another legal person than the ESPD's: \(problems.joined(separator: "; ")). It does not cover this bidder; ask for the bidder's own."
                        : "\(label.en) names another name than the ESPD: \(problems.joined(separator: "; ")). Check whether it is the same legal person (trade name, change of name).",
                    evidence: [
                        submission.bidderPointer(key),
                        EvidencePointer(
                            file: submission.espd.source, line: submission.espd.economicOperator?.line,
                            path: submission.espd.economicOperator?.path),
                    ],
                    details: details))
        }
        if let gva = submission.bidder.gva { compare(("De GVA", "The GVA"), key: "gva", name: gva.name, number: gva.kvk) }
        if let extract = submission.bidder.kvkExtract {
            compare(("Het KvK-uittreksel", "The KvK extract"), key: "kvkExtract", name: extract.name, number: extract.kvk)
        }
        return findings
    }

    static func digits(_ text: String) -> String { text.filter(\.isNumber) }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("a GVA issued to another KvK number", at: "bidder.yaml:4:gva") { $0.submission.bidder.gva?.kvk = "99999999" },
                .fires("a KvK extract in another name", at: "bidder.yaml:9:kvkExtract") {
                    $0.submission.bidder.kvkExtract?.name = "Polder Energie Techniek B.V."
                },
            ],
            nonTriggering: [
                .quiet("the bidder's own KvK number written with a space") { context in
                    let kvk = context.submission.kvk.map { "\($0.prefix(4)) \($0.dropFirst(4))" }
                    context.submission.bidder.gva?.kvk = kvk
                },
                .quiet("the name written without the legal form") { $0.submission.bidder.gva?.name = "Zonnebouw Flevoland" },
            ])
    }
}
