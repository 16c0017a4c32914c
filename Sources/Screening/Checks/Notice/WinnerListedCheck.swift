import DossierModel
import EForms

/// An award notice names the winners and may publish their beneficial owners (BT-500-UBO). Each is
/// screened against the loaded sanctions lists as a party in a bid is (`sanctions.listed-party`):
/// a winner, or an owner who owns or controls it, at or above `freezeBlockScore` on the EU
/// asset-freeze list is a blocker, since no funds may be made available to a listed party directly
/// or indirectly (Reg. 269/2014 art. 2(2)); any other hit is attention with its list's basis. Every
/// hit is for a person to review (AVG art. 22).
struct WinnerListedCheck: Check {
    let id = "notice.winner-listed"
    let severity = Severity.blocker
    let legalBasis = "Council Regulation (EU) No 269/2014 art. 2; Council Regulation (EU) No 833/2014 art. 5k"
    let summary = "A winner or a winner's beneficial owner in the award notice matches an entry of a loaded sanctions list"
    let findsByNameMatch = true
    let dataFiles = ["sanctions.yaml", "name-matching.yaml", "eforms.yaml"]
    let dutchSummary =
        "Een winnaar of een uiteindelijk belanghebbende van een winnaar in de aankondiging van de gegunde opdracht komt overeen met een vermelding op een geladen sanctielijst"
    let dutchLegalEffect =
        "een winnaar of zijn uiteindelijk belanghebbende op of boven `freezeBlockScore` op de EU-lijst van bevroren tegoeden: blokkerend, geen betaling onder de opdracht tot een jurist de treffer heeft beoordeeld (Verordening (EU) nr. 269/2014 art. 2 lid 2: niet direct en niet indirect); elke andere treffer: aandacht, met de grondslag die `listEffects` voor de lijst geeft; alleen met een aankondiging van de gegunde opdracht als `notice:` en met geladen lijsten"
    let legalEffect =
        "a winner, or its beneficial owner, at or above `freezeBlockScore` on the EU asset-freeze list: blocker, no payment under the contract until a jurist has cleared it (Reg. 269/2014 art. 2(2): not directly or indirectly); any other hit: attention with the basis `listEffects` gives for its list; only with an award notice as `notice:` and lists loaded"
    let subject = CheckSubject.tender

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let notice = context.notice, let index = context.sanctions else { return [] }
        var subjects: [ListedPartyCheck.Subject] = []
        for winner in notice.winners {
            subjects.append(
                ListedPartyCheck.Subject(
                    name: winner.name.value, kind: .entity, role: "winner in the award notice", birthDate: nil, country: nil,
                    pointer: Self.pointer(notice, winner.name)))
            for owner in winner.owners {
                subjects.append(
                    ListedPartyCheck.Subject(
                        name: owner.value, kind: .person, role: "ubo", birthDate: nil, country: nil, pointer: Self.pointer(notice, owner)))
            }
        }
        var seen = Set<String>()
        return subjects.filter { seen.insert($0.name).inserted }.flatMap { subject in
            ListedPartyCheck.hits(of: subject, in: index, context).map {
                finding($0.severity, nl: $0.nl, en: $0.en, evidence: $0.evidence, details: $0.details, legalBasis: $0.legalBasis)
            }
        }
    }

    static func pointer(_ notice: NoticeTender, _ value: NoticeValue<String>) -> EvidencePointer {
        EvidencePointer(file: notice.notice.source, line: value.line, path: value.field, excerpt: value.value)
    }

    var examples: CheckExamples {
        func award(_ winner: String, owners: [String]) -> @Sendable (inout ScreeningContext) -> Void {
            { context in
                var notice = NoticeTender.example(for: context.tender)
                notice.notice.kind = .result
                notice.winners = [
                    TenderNotice.Winner(
                        lot: "LOT-0001", name: NoticeValue(winner, field: "BT-500-Organization-Company", line: 30),
                        owners: owners.enumerated().map { NoticeValue($1, field: "BT-500-UBO", line: 70 + 5 * $0) })
                ]
                context.notice = notice
            }
        }
        return CheckExamples(
            triggering: [
                .fires(
                    "a listed person as a winner's beneficial owner", at: "notice.xml:70:BT-500-UBO",
                    mutate: award("Polder Energie Combinatie", owners: ["Aleksandr Volkov"])),
                .fires(
                    "a listed company as the winner", at: "notice.xml:30:BT-500-Organization-Company",
                    mutate: award("Sibirsky Kremny LLC", owners: [])),
            ],
            nonTriggering: [
                .quiet("a winner and owners on no list", award("Polder Energie Combinatie", owners: ["Henk Smit", "Marieke Visser"])),
                .quiet("an owner with a listed person's surname only", award("Polder Energie Combinatie", owners: ["Pavel Volkov"])),
            ])
    }
}
