import DossierModel

/// Values of the supply-chain declaration that could not be used (a date that is no date, an
/// unknown tier or unit, a quantity with a thousands separator, a row without tier or entity):
/// the bidder is screened all the same, and each value is named by line for a jurist to ask about.
struct DeclarationProblemCheck: Check {
    let id = "solar.declaration-problem"
    let severity = Severity.attention
    let legalBasis = SolarScope.basis + "; Dir. 2014/24/EU art. 56(3)"
    let summary = "Values of the supply-chain declaration that could not be read"
    let dataFiles: [String] = []
    let dutchSummary = "Waarden in de ketenverklaring die niet te lezen zijn"
    let dutchLegalEffect =
        "een leemte in de herleidbaarheid, voor een jurist: waarden van de verklaring die niet bruikbaar zijn, met hun regel"
    let legalEffect = "a traceability gap for a jurist: values of the declaration that cannot be used, named by line"

    func run(_ context: ScreeningContext) -> [Finding] {
        let problems = context.submission.supplyChainProblems
        guard !problems.isEmpty, let path = context.submission.supplyChainPath else { return [] }
        return [
            finding(
                nl:
                    "De ketenverklaring bevat \(problems.count == 1 ? "een waarde" : "\(problems.count) waarden") die niet \(problems.count == 1 ? "kon" : "konden") worden gelezen (\(problems.count == 1 ? "regel" : "regels") \(Dutch.lines(problems.map(\.line)))). De rest van de verklaring is beoordeeld; vraag de inschrijver deze waarden te verduidelijken.",
                en: "The supply-chain declaration has \(problems.count) value\(problems.count == 1 ? "" : "s") that could not be read: "
                    + problems.prefix(10).map { "line \($0.line): \($0.message)" }.joined(separator: "; ")
                    + ". The rest was assessed; ask the bidder to clarify.",
                evidence: problems.prefix(20).map { EvidencePointer(file: path, line: $0.line, excerpt: String($0.message.prefix(60))) },
                details: ["problems": String(problems.count)])
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("one value that could not be read", at: "supply-chain.csv:3:") {
                    $0.submission.supplyChainProblems = [
                        .init(line: 3, message: "certificate_expiry '31-12-2027' is not a date (YYYY-MM-DD); read as no expiry date")
                    ]
                },
                .fires("three of them: one finding", at: "supply-chain.csv:3:") {
                    $0.submission.supplyChainProblems = [
                        .init(line: 3, message: "certificate_expiry '31-12-2027' is not a date"),
                        .init(line: 4, message: "quantity 'veel' is not a number"),
                        .init(line: 6, message: "unit 'stuks' is not kg, pcs or wp"),
                    ]
                },
            ],
            nonTriggering: [
                .quiet("a quantity of 0 is a value, not a reading problem") { $0.tier("cell") { $0.quantity = 0 } },
                .quiet("no declaration at all (solar.declaration-missing)") {
                    $0.submission.supplyChain = nil
                    $0.submission.supplyChainProblems = []
                },
            ])
    }
}
