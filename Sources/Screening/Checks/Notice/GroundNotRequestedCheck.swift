import DossierModel
import EForms
import ESPD

/// The notice announces an exclusion ground that the tender's ESPD request does not ask: bidders
/// declared nothing about it, so the screening has no answer to check and the authority cannot
/// rest an exclusion on the ESPD for that ground.
struct GroundNotRequestedCheck: Check {
    let id = "notice.ground-not-requested"
    let severity = Severity.attention
    let legalBasis = "Dir. 2014/24/EU art. 57 en art. 59(1); Aw 2012 art. 2.84, 2.86 en 2.87"
    let summary = "A ground the notice announces is not asked in the ESPD request"
    let dataFiles = ["eforms.yaml"]
    let dutchSummary = "Een uitsluitingsgrond die de aankondiging noemt, wordt in het UEA-verzoek niet gevraagd"
    let dutchLegalEffect =
        "één bevinding per grond in de lijst BT-67 van de aankondiging zonder criterium in het UEA-verzoek (`espdRequest`); alleen met `notice:` en `espdRequest:` in tender.yaml"
    let legalEffect =
        "one finding per ground of the notice's BT-67 list without a criterion in the ESPD request (`espdRequest`); only with `notice:` and `espdRequest:` in tender.yaml"
    let subject = CheckSubject.tender

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let notice = context.notice, let request = context.request else { return [] }
        return notice.groundsNotAsked(in: request).map { ground in
            let known = ExclusionGrounds.ground(number: ground.value)
            return finding(
                nl:
                    "De aankondiging kondigt uitsluitingsgrond \(ground.value) (\(known?.dutchName ?? ground.value)) aan (\(ground.field), regel \(ground.line)), maar het UEA-verzoek vraagt er niet naar: de inschrijvers hebben er niets over verklaard. Vraag de verklaring alsnog bij alle inschrijvers op, of leg vast waarom de grond in deze aanbesteding niet wordt toegepast.",
                en:
                    "The notice announces exclusion ground \(ground.value) (\(known?.name ?? ground.value)) (\(ground.field), line \(ground.line)), but the ESPD request does not ask it: the bidders declared nothing about it. Ask every bidder for the declaration, or record why the ground is not applied in this tender.",
                evidence: [
                    EvidencePointer(file: notice.notice.source, line: ground.line, path: ground.field, excerpt: ground.value),
                    EvidencePointer(file: request.source, path: "TenderingCriterion", excerpt: ground.value),
                ])
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("the request leaves out an announced ground", at: "notice.xml:112:BT-67(a)-Procedure") { context in
                    context.notice = .example(for: context.tender)
                    context.requestFromResponse { $0.criteria.removeAll { $0.ground == "C18" } }
                },
                .fires("the request leaves out two", at: "notice.xml:88:BT-67(a)-Procedure", "notice.xml:124:BT-67(a)-Procedure") {
                    context in
                    context.notice = .example(for: context.tender)
                    context.requestFromResponse { $0.criteria.removeAll { $0.ground == "C3" || $0.ground == "C21" } }
                },
            ],
            nonTriggering: [
                .quiet("the request asks every announced ground") { context in
                    context.notice = .example(for: context.tender)
                    context.requestFromResponse()
                },
                .quiet("no ESPD request to compare with") { context in
                    context.notice = .example(for: context.tender)
                    context.request = nil
                },
            ])
    }
}
