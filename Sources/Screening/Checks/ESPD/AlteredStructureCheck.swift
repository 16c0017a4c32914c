import DossierModel
import ESPD

/// The ESPD's XML differs from what a standard ESPD tool writes in ways that can hide an
/// answer: elements in foreign namespaces (not read), ids with invisible characters, a response
/// that names several questions, criteria or question ids declared twice. Reported as a tampering
/// signal for a jurist; the reader already read the document conservatively.
struct AlteredStructureCheck: Check {
    let id = "espd.altered-structure"
    let severity = Severity.attention
    let legalBasis = "Aw 2012 art. 2.84; Implementing Reg. (EU) 2016/7, Annex 2; Dir. 2014/24/EU art. 56(3)"
    let summary = "The ESPD contains foreign-namespace elements, hidden characters in ids or duplicated criteria or questions"
    let nationalLegalBasis: String? = LegalRegime.applying("Aw 2012 art. 2.84")
    let dataFiles: [String] = []
    let dutchSummary =
        "Het UEA bevat elementen uit een andere XML-naamruimte, verborgen tekens in identificatiecodes, of dubbele criteria of vragen"
    let dutchLegalEffect =
        "aanwijzingen van een bewerkt bestand (andere naamruimten, verborgen tekens, dubbelingen, elementen op een verkeerde plaats): een jurist beslist of om verduidelijking wordt gevraagd"
    let legalEffect =
        "signs of an edited file (foreign namespaces, hidden characters, duplicates, misplaced elements): a jurist decides whether to ask"
    let entities = EntityScope.everyEntity

    /// Reader warnings that are signals of an edited file, with their Dutch description.
    static let signals: [String: String] = [
        "foreign-element": "elementen in een vreemde naamruimte, die niet zijn gelezen",
        "hidden-characters-in-id": "verwijzingen met onzichtbare of niet-ASCII-tekens",
        "several-property-ids": "antwoorden die naar meer dan één vraag verwijzen",
        "duplicate-criterion": "criteria die meer dan eens voorkomen",
        "duplicate-property-ids": "vraagnummers die meer dan eens voorkomen",
        "repeated-property-fields": "vragen met een dubbel nummer, type of waardetype",
        "misplaced-element": "antwoorden of criteria op een onverwachte plaats in het bestand",
        "hidden-characters-in-name": "namen met stuur-, richtings- of onzichtbare tekens",
    ]

    func run(_ context: ScreeningContext) -> [Finding] {
        let warnings = context.espd.warnings.filter { Self.signals[$0.code] != nil }
        guard context.espd.kind == .response, !warnings.isEmpty else { return [] }
        let codes = Array(Set(warnings.map(\.code))).sorted()
        let lines = warnings.compactMap(\.line)
        let evidence = warnings.prefix(20).map { EvidencePointer(file: context.espd.source, line: $0.line, excerpt: $0.code) }
        return [
            finding(
                nl: "Het UEA wijkt af van wat een standaard UEA-programma schrijft: "
                    + codes.compactMap { Self.signals[$0] }.joined(separator: "; ")
                    + (lines.isEmpty ? "" : " (\(lines.count == 1 ? "regel" : "regels") \(Dutch.lines(lines)))")
                    + ". Dit kan wijzen op een bewerkt bestand; het UEA is voorzichtig gelezen. Een jurist beoordeelt of verduidelijking nodig is.",
                en: "The ESPD differs from what a standard ESPD tool writes: " + warnings.prefix(20).map(\.message).joined(separator: "; ")
                    + ". This can point to an edited file; the ESPD was read conservatively. A jurist assesses whether to ask for clarification.",
                evidence: Array(evidence), details: ["signals": codes.joined(separator: ", ")])
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("an element of a foreign namespace", at: "uea.xml:1148:") {
                    $0.submission.espd.warnings.append(
                        ReaderWarning(
                            code: "foreign-element",
                            message: "element ResponseIndicator in namespace urn:x is not part of this ESPD generation; it was not read",
                            line: 1148))
                },
                .fires("a duplicated criterion and an answer naming two questions: one finding", at: "uea.xml:220:") {
                    $0.submission.espd.warnings += [
                        ReaderWarning(code: "duplicate-criterion", message: "criterion C1 appears twice", line: 220),
                        ReaderWarning(code: "several-property-ids", message: "an answer names two questions", line: 231),
                    ]
                },
            ],
            nonTriggering: [
                .quiet("a reader note that is no sign of editing") {
                    $0.submission.espd.warnings.append(
                        ReaderWarning(code: "criteria-from-request", message: "the response carries no criteria", line: nil))
                },
                .quiet("a foreign element in a request (not a bidder's declaration)") {
                    $0.submission.espd.kind = .request
                    $0.submission.espd.warnings.append(
                        ReaderWarning(code: "foreign-element", message: "element X in namespace urn:x", line: 12))
                },
            ])
    }
}
