import DossierModel
import ESPD
import SafeXML

/// The ESPD file is not valid against the XML Schemas of the EDM release it declares (as the
/// official ESPD validator checks). Many real ESPDs from the EU service and national tools do not
/// validate: a schema error is evidence of a defect in the file, not of tampering, and the bidder
/// is never accused of it (domain §9b). The screening goes on; a jurist decides whether to ask for
/// clarification or a corrected UEA (Dir. 2014/24/EU art. 56(3)).
struct SchemaInvalidCheck: Check {
    let id = "espd.schema-invalid"
    let severity = Severity.attention
    let legalBasis = "Aw 2012 art. 2.84; Implementing Reg. (EU) 2016/7, Annex 2; Dir. 2014/24/EU art. 56(3), 59(1)"
    let summary = "The ESPD file is not valid against the XML Schemas of the EDM release it declares"
    let nationalLegalBasis: String? = LegalRegime.applying("Aw 2012 art. 2.84")
    let dataFiles: [String] = []
    let dutchSummary = "Het UEA-bestand is niet geldig volgens de XML-schema's van de EDM-versie die het opgeeft"
    let dutchLegalEffect =
        "het UEA-bestand is niet geldig volgens de XML-schema's van de EDM-versie die het opgeeft: een gebrek van het bestand, geen bewijs van manipulatie; de screening gaat door en een jurist beslist of om verduidelijking wordt gevraagd (Richtlijn 2014/24/EU art. 56 lid 3)"
    let legalEffect =
        "the ESPD file is not valid against the XML Schemas of the EDM release it declares: a defect of the file, not evidence of tampering; screening goes on and a jurist decides whether to ask for clarification (Dir. art. 56(3))"
    let entities = EntityScope.everyEntity

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let validation = context.espd.schemaValidation, !validation.valid else { return [] }
        let release = String(validation.release.set.dropFirst(4))
        let lines = validation.problems.map(\.line)
        let count = validation.total
        let evidence = validation.problems.map {
            EvidencePointer(file: context.espd.source, line: $0.line, excerpt: String($0.message.prefix(300)))
        }
        return [
            finding(
                nl:
                    "Het UEA voldoet niet aan het XML-schema van de versie die het zelf opgeeft (EDM \(release)): \(Dutch.number(count)) \(count == 1 ? "schemafout" : "schemafouten")"
                    + (lines.isEmpty ? "" : ", \(lines.count == 1 ? "op regel" : "onder meer op regels") \(Dutch.lines(lines))")
                    + ". Veel UEA's uit de Europese dienst en uit nationale programma's voldoen niet volledig aan het schema; een schemafout zegt iets over het bestand, niet over de inschrijver. De screening is doorgegaan. Een jurist beoordeelt of de inschrijver om verduidelijking of om een verbeterd UEA wordt gevraagd (artikel 56, lid 3, Richtlijn 2014/24/EU).",
                en:
                    "The ESPD is not valid against the XML Schema of the release it declares (EDM \(release)): \(count) schema \(count == 1 ? "error" : "errors")"
                    + (lines.isEmpty ? "" : ", at line\(lines.count == 1 ? "" : "s") \(lines.map(String.init).joined(separator: ", "))")
                    + ". Many ESPDs from the EU service and from national tools are not fully valid against the schema; a schema error says something about the file, not about the bidder. Screening went on. A jurist assesses whether to ask the bidder for clarification or a corrected ESPD (Directive 2014/24/EU art. 56(3)).",
                evidence: evidence.isEmpty ? [EvidencePointer(file: context.espd.source)] : evidence,
                details: ["release": validation.release.set, "schema": validation.release.file, "errors": String(count)])
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("one schema error", at: "uea.xml:14:") { context in
                    context.submission.espd.schemaValidation = ESPDSchemas.Validation(
                        file: context.submission.espd.source,
                        release: ESPDSchemas.Release(set: "edm-4.0.0", file: "maindoc/UBL-QualificationApplicationResponse-2.3.xsd"),
                        valid: false,
                        problems: [
                            XMLSchema.Problem(line: 14, message: "Element 'cbc:EconomicOperatorRoleCode': This element is not expected.")
                        ], total: 1)
                },
                .fires("seven errors, the first two as evidence: one finding", at: "uea.xml:30:") { context in
                    context.submission.espd.schemaValidation = ESPDSchemas.Validation(
                        file: context.submission.espd.source,
                        release: ESPDSchemas.Release(set: "edm-2.1.0", file: "maindoc/UBL-QualificationApplicationResponse-2.2.xsd"),
                        valid: false,
                        problems: [
                            XMLSchema.Problem(line: 30, message: "Element 'cac:ProcurementProjectLot': This element is not expected."),
                            XMLSchema.Problem(line: 41, message: "Element 'cbc:ID': Missing child element(s)."),
                        ], total: 7)
                },
            ],
            nonTriggering: [
                .quiet("valid") { context in
                    context.submission.espd.schemaValidation = ESPDSchemas.Validation(
                        file: context.submission.espd.source,
                        release: ESPDSchemas.Release(set: "edm-4.0.0", file: "maindoc/UBL-QualificationApplicationResponse-2.3.xsd"),
                        valid: true, problems: [], total: 0)
                },
                .quiet("valid against the v2.1.0 schemas") { context in
                    context.submission.espd.schemaValidation = ESPDSchemas.Validation(
                        file: context.submission.espd.source,
                        release: ESPDSchemas.Release(set: "edm-2.1.0", file: "maindoc/UBL-QualificationApplicationResponse-2.2.xsd"),
                        valid: true, problems: [], total: 0)
                },
            ])
    }
}
