import DossierModel
import EForms

/// The ESPD request names another procedure than the notice publishes: the request may belong to
/// another tender, and every response copies its reference.
struct RequestReferenceCheck: Check {
    let id = "notice.request-reference"
    let severity = Severity.attention
    let legalBasis = "Dir. 2014/24/EU art. 59(1); Aw 2012 art. 2.84"
    let summary = "The ESPD request names another procedure than the notice"
    let dataFiles = ["eforms.yaml"]
    let dutchSummary = "Het UEA-verzoek noemt een andere procedure dan de aankondiging"
    let dutchLegalEffect =
        "de ContractFolderID van het verzoek is geen van deze: het procedurekenmerk van de aankondiging (BT-04), het interne kenmerk (BT-22), het kenmerk van de aanbesteding (`id`) en `otherReferences`; alleen met `notice:` en `espdRequest:` in tender.yaml"
    let legalEffect =
        "the request's ContractFolderID is none of the notice's procedure identifier (BT-04), internal reference (BT-22), the tender's id and `otherReferences`; only with `notice:` and `espdRequest:` in tender.yaml"
    let subject = CheckSubject.tender

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let notice = context.notice, let request = context.request, let actual = request.contractFolderID else { return [] }
        let published = [notice.notice.procedureIdentifier, notice.notice.internalReference].compactMap { $0 }
        guard let first = published.first else { return [] }
        let known = (published.map(\.value) + [context.tender.id].compactMap { $0 } + context.tender.otherReferences).map(
            OtherTenderCheck.normalise)
        guard !known.contains(OtherTenderCheck.normalise(actual)) else { return [] }
        let list = published.map { "'\($0.value)'" }.joined(separator: ", ")
        return [
            finding(
                nl:
                    "Het UEA-verzoek noemt procedure '\(actual)'; de aankondiging publiceert \(list) (\(first.field), regel \(first.line)). Ga na of het verzoek bij deze aanbesteding hoort; is '\(actual)' een ander kenmerk ervan, leg het dan vast onder otherReferences in tender.yaml.",
                en:
                    "The ESPD request names procedure '\(actual)'; the notice publishes \(list) (\(first.field), line \(first.line)). Check whether the request belongs to this tender; when '\(actual)' is another reference of it, record it under otherReferences in tender.yaml.",
                evidence: [
                    EvidencePointer(file: request.source, path: "ContractFolderID", excerpt: actual),
                    EvidencePointer(file: notice.notice.source, line: first.line, path: first.field, excerpt: first.value),
                ])
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("a request of another procedure", at: "uea.xml:ContractFolderID") { context in
                    context.notice = .example(for: context.tender)
                    context.requestFromResponse { $0.contractFolderID = "PFL-2025-004" }
                },
                .fires("a request of the same tender number a year earlier", at: "uea.xml:ContractFolderID") {
                    context in
                    context.notice = .example(for: context.tender)
                    context.requestFromResponse { $0.contractFolderID = "PFL-2025-017" }
                },
            ],
            nonTriggering: [
                .quiet("the request names the published reference") { context in
                    context.notice = .example(for: context.tender)
                    context.requestFromResponse()
                },
                .quiet("the request names a reference the tender file lists") { context in
                    context.notice = .example(for: context.tender)
                    context.requestFromResponse { $0.contractFolderID = "TN-482913" }
                    context.tender.otherReferences = ["TN-482913"]
                },
            ])
    }
}
