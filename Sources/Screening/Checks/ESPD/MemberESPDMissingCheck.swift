import DossierModel
import ESPD

/// A consortium or a bid relying on other entities needs one ESPD per entity
/// (EDM: "One Response = one EO"; PIANOo UEA aandachtspunten).
struct MemberESPDMissingCheck: Check {
    let id = "espd.member-espd-missing"
    let severity = Severity.attention
    let legalBasis = "Dir. 2014/24/EU art. 59(1), 63; PIANOo Aandachtspunten UEA (one ESPD per participant)"
    let summary = "Consortium members or relied-upon entities declared, but their own ESPDs are not in the submission"
    let dataFiles: [String] = []
    let legalEffect = "members' or relied-upon entities' ESPDs missing (Dir. 2014/24 art. 59(1), 63)"

    /// "EO together with others" and "Relied on entities" (their v2/v3 UUID and v4 id).
    static let groupCriteria: Set<String> = ["ee51100f-8e3e-40c9-8f8b-57d5a15be1f2", "c59_ot_eo-group"]
    static let reliedCriteria: Set<String> = ["0d62c6ed-f074-4fcf-8e9f-f691351d52ad", "c60_ot_relied"]

    func run(_ context: ScreeningContext) -> [Finding] {
        let espd = context.espd
        let others = context.submission.otherESPDs.filter { $0.kind == .response }
        var findings: [Finding] = []
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
                    nl: "De inschrijver neemt deel als combinatie, maar de UEA's van de andere combinanten ontbreken.",
                    en: "The bidder takes part as a group, but the ESPDs of the other group members are missing.",
                    evidence: [pointer]))
        }
        if let relied = espd.criteria.first(where: { Self.reliedCriteria.contains($0.uuid.lowercased()) && $0.answer == true }),
            !others.contains(where: { $0.economicOperator?.role == "relied-upon" })
        {
            findings.append(
                finding(
                    nl: "De inschrijver beroept zich op de draagkracht van andere entiteiten, maar hun UEA's ontbreken.",
                    en: "The bidder relies on the capacities of other entities, but their ESPDs are missing.",
                    evidence: [context.pointer(relied)]))
        }
        return findings
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("the lead of a group without its members' ESPDs", at: "uea.xml:") {
                    $0.submission.espd.economicOperator?.role = "lead"
                    $0.submission.otherESPDs = []
                },
                .fires("a group name without the members' ESPDs", at: "uea.xml:") {
                    $0.submission.espd.economicOperator?.role = "sole"
                    $0.submission.espd.economicOperator?.groupName = "Combinatie Zon Noord"
                    $0.submission.otherESPDs = []
                },
            ],
            nonTriggering: [
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
