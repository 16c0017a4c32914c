import DossierModel
import ESPD

/// The response names another procedure than the tender being screened. Attention, not a
/// blocker: TenderNed references differ from the province's own, and `otherReferences` in
/// tender.yaml lists the references the tender also answers to; a jurist checks the rest.
struct OtherTenderCheck: Check {
    let id = "espd.other-tender"
    let severity = Severity.attention
    let legalBasis = "Aw 2012 art. 2.84"
    let summary = "The response's ContractFolderID is not this tender's reference"
    let dataFiles: [String] = []
    let dutchSummary = "Het kenmerk in het antwoord (ContractFolderID) is niet het kenmerk van deze aanbesteding"
    let dutchLegalEffect =
        "het kenmerk van een andere procedure: vaak een TenderNed-kenmerk van dezelfde aanbesteding (`otherReferences`), anders een verklaring voor een andere aanbesteding"
    let legalEffect =
        "another procedure's reference: often a TenderNed reference of the same tender (`otherReferences`), else a declaration for another tender"

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let expected = context.tender.id ?? context.request?.contractFolderID, let actual = context.espd.contractFolderID else {
            return []
        }
        let known = ([expected] + context.tender.otherReferences + [context.request?.contractFolderID].compactMap { $0 }).map(
            Self.normalise)
        guard !known.contains(Self.normalise(actual)) else { return [] }
        return [
            finding(
                nl:
                    "Het UEA noemt procedure '\(actual)', niet deze aanbesteding ('\(expected)'). Ga na of het een kenmerk van dezelfde aanbesteding is (bijvoorbeeld het TenderNed-kenmerk; leg dat dan vast onder otherReferences in tender.yaml) of een verklaring voor een andere aanbesteding.",
                en:
                    "The ESPD names procedure '\(actual)', not this tender ('\(expected)'). Check whether it is another reference of the same tender (the TenderNed reference, for example; then record it under otherReferences in tender.yaml) or a declaration for another tender.",
                evidence: [
                    EvidencePointer(file: context.espd.source, path: "ContractFolderID", excerpt: actual),
                    context.tenderPointer("id", excerpt: expected),
                ])
        ]
    }

    static func normalise(_ id: String) -> String { id.lowercased().filter { $0.isLetter || $0.isNumber } }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("an ESPD for another procedure", at: "uea.xml:ContractFolderID") { $0.tender.id = "PFL-1999-001" },
                .fires("no tender id, and the request names another procedure", at: "uea.xml:ContractFolderID") { context in
                    context.requestFromResponse { $0.contractFolderID = "PFL-1999-001" }
                    context.tender.id = nil
                },
            ],
            nonTriggering: [
                .quiet("the tender's own id in lower case with other separators") {
                    $0.tender.id = $0.espd.contractFolderID.map { $0.lowercased().replacingOccurrences(of: "-", with: " / ") }
                },
                .quiet("another reference of the same tender, recorded in otherReferences") { context in
                    context.tender.id = "PFL-1999-001"
                    context.tender.otherReferences = [context.espd.contractFolderID ?? ""]
                },
            ])
    }
}
