import DossierModel
import ESPD

/// A consortium or a bid relying on other entities needs one ESPD per entity
/// (EDM: "One Response = one EO"; PIANOo UEA aandachtspunten). An entity whose capacities are
/// relied upon (the ESPD's "relied on entities" answer, or `reliedUpon: true` in the bidder file's
/// subcontractors) must submit its own ESPD (Dir. 2014/24 art. 59(1) second subparagraph) and is
/// checked for exclusion grounds (art. 63(1)): missing is attention, and a blocker for the intended
/// winner at the award stage (its grounds cannot be verified before award). The same holds for the
/// ESPDs of the other members of a group (every member must be free of exclusion grounds, §9a).
struct MemberESPDMissingCheck: Check {
    let id = "espd.member-espd-missing"
    let severity = Severity.blocker
    let legalBasis = "Dir. 2014/24/EU art. 59(1), 63; PIANOo Aandachtspunten UEA"
    let summary = "Consortium members or relied-upon entities declared, but their own ESPDs are not in the submission"
    let nationalLegalBasis: String? = LegalRegime.applying("Aw 2012 art. 2.84")
    let dataFiles: [String] = []
    let dutchSummary =
        "Leden van een combinatie of entiteiten waarop een beroep wordt gedaan zijn opgegeven, maar hun eigen UEA's zitten niet in de inschrijving"
    let dutchLegalEffect =
        "het UEA van een lid of van een entiteit waarop een beroep wordt gedaan ontbreekt (Richtlijn 2014/24/EU art. 59 lid 1, 63 lid 1): aandacht; bij de beoogde winnaar bij de gunning: blokkerend (de uitsluitingsgronden van de entiteit zijn niet te controleren)"
    let legalEffect =
        "members' or relied-upon entities' ESPDs missing (Dir. 2014/24 art. 59(1), 63(1)): attention; for the intended winner at award: blocker (the entity's grounds cannot be verified)"

    /// "EO together with others" and "Relied on entities" (their v2/v3 UUID and v4 id).
    static let groupCriteria: Set<String> = ["ee51100f-8e3e-40c9-8f8b-57d5a15be1f2", "c59_ot_eo-group"]
    static let reliedCriteria: Set<String> = ["0d62c6ed-f074-4fcf-8e9f-f691351d52ad", "c60_ot_relied"]

    func run(_ context: ScreeningContext) -> [Finding] {
        let espd = context.espd
        let others = context.submission.otherESPDs.filter { $0.kind == .response }
        var findings: [Finding] = []
        let atAward = context.tender.stage == .award && EvidenceDuty.isIntendedWinner(context)
        let consequence =
            atAward
            ? Message(
                nl:
                    " De inschrijver is de beoogde winnaar: niet gunnen zolang de UEA ontbreekt (artikel 59, lid 1, en 63, lid 1, Richtlijn 2014/24/EU).",
                en: " The bidder is the intended winner: do not award while the ESPD is missing (Directive 2014/24/EU art. 59(1), 63(1)).")
            : Message(
                nl:
                    " Vraag de UEA op; zonder die UEA kan niet worden nagegaan of voor de entiteit een uitsluitingsgrond geldt (artikel 63, lid 1, Richtlijn 2014/24/EU).",
                en:
                    " Ask for the ESPD; without it, whether an exclusion ground applies to the entity cannot be verified (Directive 2014/24/EU art. 63(1))."
            )
        let group = espd.criteria.first { Self.groupCriteria.contains($0.uuid.lowercased()) && $0.answer == true }
        let inGroup =
            group != nil || ["lead", "member"].contains(espd.economicOperator?.role ?? "") || espd.economicOperator?.groupName != nil
        if inGroup && !others.contains(where: { ["lead", "member"].contains($0.economicOperator?.role ?? "") }) {
            let pointer =
                group.map(context.pointer)
                ?? EvidencePointer(
                    file: espd.source, line: espd.economicOperator?.line, path: espd.economicOperator?.path,
                    excerpt: espd.economicOperator?.roleCode)
            findings.append(
                finding(
                    atAward ? .blocker : .attention,
                    nl: "De inschrijver neemt deel als combinatie, maar de UEA's van de andere combinanten ontbreken." + consequence.nl,
                    en: "The bidder takes part as a group, but the ESPDs of the other group members are missing." + consequence.en,
                    evidence: [pointer]))
        }
        let names = Set(others.compactMap { $0.economicOperator?.name.map(EntityName.key) })
        let unlisted = (context.submission.bidder.subcontractors ?? []).filter {
            $0.reliedUpon == true && !names.contains(EntityName.key($0.name))
        }
        if let relied = espd.criteria.first(where: { Self.reliedCriteria.contains($0.uuid.lowercased()) && $0.answer == true }),
            !others.contains(where: { $0.economicOperator?.role == "relied-upon" }), unlisted.isEmpty
        {
            findings.append(
                finding(
                    atAward ? .blocker : .attention,
                    nl: "De inschrijver beroept zich op de draagkracht van andere entiteiten, maar hun UEA's ontbreken." + consequence.nl,
                    en: "The bidder relies on the capacities of other entities, but their ESPDs are missing." + consequence.en,
                    evidence: [context.pointer(relied)]))
        }
        for entity in unlisted {
            findings.append(
                finding(
                    atAward ? .blocker : .attention,
                    nl: "De inschrijver beroept zich op de draagkracht van \(entity.name), maar de UEA van \(entity.name) ontbreekt."
                        + consequence.nl,
                    en: "The bidder relies on the capacities of \(entity.name), but the ESPD of \(entity.name) is missing."
                        + consequence.en,
                    evidence: [context.submission.bidderPointer("subcontractors", excerpt: entity.name)],
                    details: ["entity": entity.name, "stage": atAward ? "award" : "before-award"]))
        }
        return findings
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires(
                    "the lead of a group without its members' ESPDs",
                    at: "uea.xml:22:/QualificationApplicationResponse[1]/cac:EconomicOperatorParty[1]"
                ) {
                    $0.submission.espd.economicOperator?.role = "lead"
                    $0.submission.otherESPDs = []
                },
                .fires(
                    "the intended winner relies on an entity without its own ESPD: blocker at award", at: "bidder.yaml:41:subcontractors"
                ) {
                    $0.tender.stage = .award
                    $0.tender.intendedWinners = ["1-zonnebouw-flevoland"]
                    $0.submission.bidder.subcontractors = [
                        .init(name: "Noordzee Modules B.V.", country: "NL", share: 38, reliedUpon: true)
                    ]
                },
                .fires(
                    "a group name without the members' ESPDs",
                    at: "uea.xml:22:/QualificationApplicationResponse[1]/cac:EconomicOperatorParty[1]"
                ) {
                    $0.submission.espd.economicOperator?.role = "sole"
                    $0.submission.espd.economicOperator?.groupName = "Combinatie Zon Noord"
                    $0.submission.otherESPDs = []
                },
            ],
            nonTriggering: [
                .quiet("a relied-upon entity in the bidder file with its own ESPD") { context in
                    context.submission.espd.economicOperator?.role = "sole"
                    var entity = context.submission.espd
                    entity.source = "draagkracht.xml"
                    entity.economicOperator?.name = "Noordzee Modules B.V."
                    entity.economicOperator?.role = "relied-upon"
                    context.submission.otherESPDs = [entity]
                    context.submission.bidder.subcontractors = [
                        .init(name: "Noordzee Modules B.V.", country: "NL", share: 38, reliedUpon: true)
                    ]
                },
                .quiet("a sole bidder with a subcontractor's ESPD") { context in
                    context.submission.espd.economicOperator?.role = "sole"
                    var subcontractor = context.submission.espd
                    subcontractor.economicOperator?.role = "subcontractor"
                    context.submission.otherESPDs = [subcontractor]
                },
                .quiet("the lead with a member's ESPD") { context in
                    context.submission.espd.economicOperator?.role = "lead"
                    var member = context.submission.espd
                    member.economicOperator?.role = "member"
                    context.submission.otherESPDs = [member]
                },
            ])
    }
}
