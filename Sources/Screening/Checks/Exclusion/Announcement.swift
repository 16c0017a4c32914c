import DossierModel
import ESPD

/// Whether the tender documents announced an optional exclusion ground, established from them
/// rather than assumed (Dir. 2014/24/EU art. 57(4): usable only when announced):
/// - listed in tender.yaml `optionalGrounds`, or present in the tender's ESPD request: announced;
/// - otherwise, when the tender file lists its grounds or a request is given: not announced;
/// - with neither: the bidder's ESPD, which copies the request, lists it: presumably announced,
///   and a jurist checks the tender documents.
enum Announcement {
    case announced(EvidencePointer, nl: String, en: String)
    case notAnnounced(EvidencePointer, nl: String, en: String)
    case presumed

    static func of(_ ground: String, in context: ScreeningContext) -> Announcement {
        let listed = Set(context.tender.optionalGrounds.map { $0.uppercased() })
        if listed.contains(ground) {
            return .announced(
                context.tenderPointer("optionalGrounds", excerpt: ground), nl: "aangekondigd in de aanbestedingsstukken",
                en: "announced in the tender documents")
        }
        if let request = context.request, let asked = request.criteria.first(where: { $0.ground == ground }) {
            return .announced(
                EvidencePointer(file: request.source, line: asked.line, path: asked.path, excerpt: ground),
                nl: "gevraagd in het UEA-verzoek van de aanbestedende dienst", en: "asked in the authority's ESPD request")
        }
        if context.tender.optionalGroundsGiven {
            return .notAnnounced(
                context.tenderPointer("optionalGrounds"), nl: "niet aangekondigd in de aanbestedingsstukken",
                en: "not announced in the tender documents")
        }
        if let request = context.request {
            return .notAnnounced(
                EvidencePointer(file: request.source, path: "TenderingCriterion", excerpt: ground), nl: "niet gevraagd in het UEA-verzoek",
                en: "not asked in the ESPD request")
        }
        return .presumed
    }
}
