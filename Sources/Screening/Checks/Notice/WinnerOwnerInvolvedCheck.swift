import DossierModel
import EForms

/// An award notice publishes a winner's beneficial owners (BT-500-UBO): each is compared with the
/// people who prepare or evaluate the tender and their declared relatives. A hit is for review,
/// never a decision (AVG art. 22).
struct WinnerOwnerInvolvedCheck: Check {
    let id = "notice.winner-owner-involved"
    let severity = Severity.attention
    let legalBasis = "Dir. 2014/24/EU art. 24, 57(4)(e); Aw 2012 art. 1.10b, 2.87(1)(e)"
    let summary = "A winner's beneficial owner in the award notice matches someone involved in the tender"
    let nationalLegalBasis: String? = "Aw 2012 art. 1.10b (conflict of interest, in every procedure); " + LegalRegime.kader
    let findsByNameMatch = true
    let dataFiles = ["name-matching.yaml", "eforms.yaml"]
    let dutchSummary =
        "Een uiteindelijk belanghebbende van een winnaar in de aankondiging van de gegunde opdracht komt overeen met iemand die bij de aanbesteding betrokken is"
    let dutchLegalEffect =
        "mogelijke belangenverstrengeling bij de gunning: de plicht die te voorkomen (Richtlijn 2014/24/EU art. 24; Aw 2012 art. 1.10b); alleen met een aankondiging van de gegunde opdracht als `notice:`"
    let legalEffect =
        "possible conflict of interest at the award: the duty to prevent it (Dir. art. 24; Aw 2012 art. 1.10b); only with an award notice as `notice:`"
    let subject = CheckSubject.tender

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let notice = context.notice else { return [] }
        let involved = PersonMatchCheck.involvedPeople(context.tender)
        var findings: [Finding] = []
        var seen = Set<String>()
        for winner in notice.winners {
            for owner in winner.owners {
                for other in involved {
                    let match = context.matcher.matchPerson(owner.value, other.name)
                    guard match.score >= context.matcher.personThreshold, seen.insert(owner.value + "|" + other.name).inserted else {
                        continue
                    }
                    findings.append(
                        finding(
                            nl:
                                "\(owner.value), volgens de gunningsaankondiging uiteindelijk belanghebbende van winnaar \(winner.name.value) (\(owner.field), regel \(owner.line)), lijkt op \(other.name) (\(other.labelNL), aanbestedende dienst): score \(Dutch.decimal(match.score)). Onderzoek of er belangenverstrengeling is en leg de maatregelen vast.",
                            en:
                                "\(owner.value), according to the award notice a beneficial owner of winner \(winner.name.value) (\(owner.field), line \(owner.line)), resembles \(other.name) (\(other.labelEN), contracting authority): score \(match.score). Investigate whether there is a conflict of interest and record the measures.",
                            evidence: [
                                EvidencePointer(file: notice.notice.source, line: owner.line, path: owner.field, excerpt: owner.value),
                                context.tenderPointer("people", excerpt: other.name),
                            ]))
                }
            }
        }
        return findings
    }

    var examples: CheckExamples {
        func award(_ owners: [String]) -> @Sendable (inout ScreeningContext) -> Void {
            { context in
                var notice = NoticeTender.example(for: context.tender)
                notice.notice.kind = .result
                notice.winners = [
                    TenderNotice.Winner(
                        lot: "LOT-0001", name: NoticeValue("Polder Energie Combinatie", field: "BT-500-Organization-Company", line: 30),
                        owners: owners.enumerated().map { NoticeValue($1, field: "BT-500-UBO", line: 70 + 5 * $0) })
                ]
                context.notice = notice
            }
        }
        return CheckExamples(
            triggering: [
                .fires("a beneficial owner who evaluates the tender", at: "notice.xml:70:BT-500-UBO", mutate: award(["Eva Jansen"])),
                .fires(
                    "a relative of an evaluator and the project leader", at: "notice.xml:70:BT-500-UBO", "notice.xml:75:BT-500-UBO",
                    mutate: award(["Peter de Vries", "Joost Bakker"])),
            ],
            nonTriggering: [
                .quiet("beneficial owners unknown to the tender", award(["Henk Smit", "Marieke Visser"])),
                .quiet("an award notice without published owners", award([])),
            ])
    }
}
