import DossierModel
import ESPD

/// Template values left in the operator's identity (`__EoName`, `DUMMY_…`, `[Reason provided by the EO]`, `DV`):
/// the document was never filled in for real (the EU ESPD service and the EDM samples write these).
struct PlaceholderCheck: Check {
    let id = "espd.placeholder"
    let severity = Severity.attention
    let legalBasis = "Aw 2012 art. 2.84; Aanbestedingsbesluit art. 2(1)(a)"
    let summary = "Placeholder values instead of the operator's real name or identifiers"
    let dataFiles: [String] = []
    let dutchSummary = "Opvulwaarden in plaats van de echte naam of identificatienummers van de ondernemer"
    let dutchLegalEffect = "een opvulwaarde in plaats van de gegevens van de ondernemer: de verklaring is onvolledig"
    let legalEffect = "placeholder instead of the operator's data: the declaration is incomplete"
    let entities = EntityScope.everyEntity

    static func isPlaceholder(_ value: String?) -> Bool {
        guard let value = value?.trimmingBlanks(), !value.isEmpty else { return false }
        let upper = value.uppercased()
        return value.hasPrefix("__") || value.hasPrefix("_Eo") || upper.contains("DUMMY") || upper == "DV"
            || (value.hasPrefix("[") && value.hasSuffix("]"))
    }

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let eo = context.espd.economicOperator else { return [] }
        var values: [(String, String)] = []
        if let name = eo.name { values.append(("name", name)) }
        values += eo.identifiers.map { ("identifier", $0.value) }
        values += eo.representatives.compactMap { r in r.familyName.map { ("representative", $0) } }
        let hits = values.filter { Self.isPlaceholder($0.1) }
        guard !hits.isEmpty else { return [] }
        return [
            finding(
                nl:
                    "Het UEA bevat invulvoorbeelden in plaats van echte gegevens van de inschrijver (\(hits.map(\.0).joined(separator: ", "))).",
                en: "The ESPD holds template placeholders instead of the bidder's real data (\(hits.map(\.0).joined(separator: ", "))).",
                evidence: [
                    EvidencePointer(file: context.espd.source, line: eo.line, path: eo.path, excerpt: hits.map(\.1).joined(separator: "; "))
                ])
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("the name is a template field", at: "uea.xml:22:/QualificationApplicationResponse[1]/cac:EconomicOperatorParty[1]") {
                    $0.submission.espd.economicOperator?.name = "__EoName"
                },
                .fires(
                    "the name is a bracketed placeholder",
                    at: "uea.xml:22:/QualificationApplicationResponse[1]/cac:EconomicOperatorParty[1]"
                ) {
                    $0.submission.espd.economicOperator?.name = "[Naam onderneming]"
                },
            ],
            nonTriggering: [
                .quiet("a real name with brackets inside") {
                    $0.submission.espd.economicOperator?.name = "Zonnebouw (Flevoland) [NL] B.V."
                },
                .quiet("a real name with an underscore inside") {
                    $0.submission.espd.economicOperator?.name = "Bouw_Combinatie Noord B.V."
                },
            ])
    }
}
