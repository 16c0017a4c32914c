import DossierModel
import ESPD

/// The role of each entity in the bid comes from the closed code list of its EDM release (sole,
/// group lead, group member, relied-upon entity, subcontractor). A code outside it (`group-member`
/// for `group-mem`), or no role at all beside the bidder's own ESPD, is reported here, and the
/// entity is read under the strictest role: a ground stands at its full weight (`EntityInBid`), it
/// is never lowered to what applies to a subcontractor.
struct UnknownRoleCheck: Check {
    let id = "espd.unknown-role"
    let severity = Severity.attention
    let legalBasis = "Dir. 2014/24/EU art. 59(1), 63, 71(6); ESPD-EDM, code list EOrole"
    let summary = "An entity's role code is not in the release's code list, or no role is given: read as the strictest role"
    let nationalLegalBasis: String? = LegalRegime.applying("Aw 2012 art. 2.84")
    let dataFiles: [String] = []
    let dutchSummary =
        "De rolcode van een entiteit staat niet in de codelijst van de versie, of er is geen rol opgegeven: gelezen als de strengste rol"
    let dutchLegalEffect =
        "de rolcode van een entiteit staat niet in de codelijst van de versie (of er is geen andere rol dan die van de inschrijver zelf): gelezen als de strengste rol, zodat een uitsluitingsgrond van de entiteit volledig telt (Richtlijn 2014/24/EU art. 59 lid 1, 63, 71 lid 6)"
    let legalEffect =
        "an entity's role code is not in the release's code list (or no role beside the bidder's own): read as the strictest role, its ground counts in full (Dir. 2014/24 art. 59(1), 63, 71(6))"

    func run(_ context: ScreeningContext) -> [Finding] {
        let others = context.submission.otherESPDs.filter { $0.kind == .response }
        var findings: [Finding] = []
        for espd in [context.espd] + others {
            guard let operatorParty = espd.economicOperator, operatorParty.role == nil else { continue }
            // The bidder's own ESPD of a bid alone may leave the role out (sole tenderer).
            if espd.source == context.espd.source && others.isEmpty && operatorParty.roleCode == nil { continue }
            let name = operatorParty.name ?? "?"
            let code = operatorParty.roleCode.map { "'\($0)'" }
            let whatNL =
                code.map { "De rolcode \($0) van \(name) staat niet in de codelijst van deze UEA-versie." }
                ?? "De UEA van \(name) noemt geen rol in de inschrijving."
            let whatEN =
                code.map { "The role code \($0) of \(name) is not in this ESPD release's code list." }
                ?? "The ESPD of \(name) gives no role in the bid."
            findings.append(
                finding(
                    nl: whatNL
                        + " De entiteit is gelezen met de strengste rol: een uitsluitingsgrond weegt volledig. Vraag de inschrijver de rol te bevestigen.",
                    en: whatEN
                        + " The entity was read under the strictest role: an exclusion ground counts in full. Ask the bidder to confirm the role.",
                    evidence: [
                        EvidencePointer(
                            file: espd.source, line: operatorParty.line, path: operatorParty.path, excerpt: operatorParty.roleCode)
                    ],
                    details: operatorParty.roleCode.map { ["roleCode": $0] }))
        }
        return findings
    }

    /// Another party in the bid (its own name and KvK number) with `role` as read from `code`.
    static func addEntity(_ context: inout ScreeningContext, role: String?, code: String) {
        var entity = context.submission.espd
        entity.source = "lid.xml"
        entity.economicOperator?.name = "Polder Installatie B.V."
        entity.renumber("12345678")
        entity.economicOperator?.role = role
        entity.economicOperator?.roleCode = code
        context.submission.otherESPDs = [entity]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires(
                    "an entity whose role code is not in the code list (group-member for group-mem)",
                    at: "lid.xml:22:/QualificationApplicationResponse[1]/cac:EconomicOperatorParty[1]"
                ) {
                    Self.addEntity(&$0, role: nil, code: "group-member")
                },
                .fires(
                    "the bidder's own role code unknown", at: "uea.xml:22:/QualificationApplicationResponse[1]/cac:EconomicOperatorParty[1]"
                ) { context in
                    context.submission.espd.economicOperator?.role = nil
                    context.submission.espd.economicOperator?.roleCode = "sole-tender"
                },
            ],
            nonTriggering: [
                .quiet("a member with the code list's group-mem") { Self.addEntity(&$0, role: "member", code: "group-mem") },
                .quiet("a subcontractor with the code list's subcont") { Self.addEntity(&$0, role: "subcontractor", code: "subcont") },
            ])
    }
}
