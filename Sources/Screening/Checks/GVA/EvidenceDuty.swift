import DossierModel
import Foundation

/// Whether this bidder must supply a supporting document: only the intended winner(s) the tender
/// names, and only the documents the tender requested (Aw 2012 art. 2.101–2.102; Gids
/// Proportionaliteit 3.5A). Before award nothing is demanded; at award without named intended
/// winners, or without a list of requested documents, it cannot be told.
enum EvidenceDuty: Equatable {
    /// What the evidence checks cite below the EU thresholds, where the tender documents apply the
    /// rules on supporting documents (`LegalRegime`).
    static let nationalLegalBasis: String? = LegalRegime.applying(
        "the supporting documents of Aw 2012 art. 2.89 and 2.101-2.102 that the tender asks for")

    case required, notRequired, undetermined

    static func of(_ kind: String, in context: ScreeningContext) -> EvidenceDuty {
        let winners = context.tender.intendedWinners
        if winners.isEmpty { return context.tender.stage == .award ? .undetermined : .notRequired }
        guard isIntendedWinner(context) else { return .notRequired }
        if context.tender.requested.isEmpty { return .undetermined }
        return context.tender.requested.contains(kind) ? .required : .notRequired
    }

    /// Named in `intendedWinners` by its folder name or its name (case and spacing ignored).
    static func isIntendedWinner(_ context: ScreeningContext) -> Bool {
        let submission = context.submission
        let folder = URL(fileURLWithPath: submission.location).lastPathComponent
        let names = ([folder] + context.bidNames).map(EntityName.key)
        return context.tender.intendedWinners.contains { names.contains(EntityName.key($0)) }
    }

    /// The sentence that says why a document is or is not demanded here.
    func explanation(_ document: (nl: String, en: String)) -> (nl: String, en: String) {
        switch self {
        case .required:
            return (
                "De aanbestedingsstukken vragen \(document.nl) van de beoogde winnaar.",
                "The tender documents request \(document.en) from the intended winner."
            )
        case .notRequired:
            return (
                "\(document.nl.prefix(1).uppercased() + document.nl.dropFirst()) wordt alleen van de beoogde winnaar gevraagd, en alleen als de aanbestedingsstukken erom vragen; dat geldt hier niet.",
                "\(document.en.prefix(1).uppercased() + document.en.dropFirst()) is demanded only from the intended winner, and only when the tender documents request it; that is not the case here."
            )
        case .undetermined:
            return (
                "Leg in tender.yaml vast wie de beoogde winnaar is (intendedWinners) en welke bewijsstukken zijn gevraagd (requested): alleen dan is \(document.nl) vereist.",
                "Record in tender.yaml who the intended winner is (intendedWinners) and which documents were requested (requested): only then is \(document.en) required."
            )
        }
    }
}
