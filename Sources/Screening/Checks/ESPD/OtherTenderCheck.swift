import ESPD

/// The response names another procedure than the tender being screened.
struct OtherTenderCheck: Check {
    let id = "espd.other-tender"
    let severity = Severity.blocker
    let legalBasis = "Aw 2012 art. 2.84 (eigen verklaring for this procedure)"
    let summary = "The response's ContractFolderID is not this tender's reference"
    let dataFiles: [String] = []

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let expected = context.tender.id ?? context.request?.contractFolderID,
              let actual = context.espd.contractFolderID, Self.normalise(actual) != Self.normalise(expected) else { return [] }
        return [finding(
            nl: "Het UEA hoort bij procedure '\(actual)', niet bij deze aanbesteding ('\(expected)'). Het is een verklaring voor een andere aanbesteding.",
            en: "The ESPD belongs to procedure '\(actual)', not to this tender ('\(expected)'). It is a declaration for another tender.",
            evidence: [EvidencePointer(file: context.espd.source, path: "ContractFolderID", excerpt: actual), context.tenderPointer("id", excerpt: expected)])]
    }

    static func normalise(_ id: String) -> String { id.lowercased().filter { $0.isLetter || $0.isNumber } }

    var examples: CheckExamples {
        CheckExamples(triggering: { $0.tender.id = "PFL-1999-001" }, nonTriggering: { $0.tender.id = $0.espd.contractFolderID })
    }
}
