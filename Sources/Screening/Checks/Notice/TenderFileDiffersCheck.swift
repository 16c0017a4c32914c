import DossierModel
import EForms

/// A value of tender.yaml differs from what the tender's eForms notice publishes (or is left out
/// while the notice gives it): the reference, type, estimated value, procedure, dates, kind of
/// authority, CPV codes or announced optional grounds. A hand-typed value changes thresholds,
/// reference dates and announced grounds of every screening without a word; the published notice
/// is what bidders and the court read.
struct TenderFileDiffersCheck: Check {
    let id = "notice.tender-file-differs"
    let severity = Severity.attention
    let legalBasis = "Dir. 2014/24/EU art. 49, art. 51 en bijlage V deel C; Uitvoeringsverordening (EU) 2019/1780 (eForms)"
    let summary = "A value of the tender file differs from the tender's published eForms notice"
    let dataFiles = ["eforms.yaml"]
    let dutchSummary = "Een waarde in het aanbestedingsbestand wijkt af van de gepubliceerde eForms-aankondiging van de aanbesteding"
    let dutchLegalEffect =
        "één bevinding per afwijkende sleutel van tender.yaml (`id`, `type`, `estimatedValue`, `procedure`, `launchDate`, `submissionDeadline`, `authority.kind`, `cpv`, `lots`, `optionalGrounds`; per perceel), met beide waarden en het veld en de regel van de aankondiging; alleen met `notice:` in tender.yaml"
    let legalEffect =
        "one finding per differing key of tender.yaml (id, type, estimatedValue, procedure, launchDate, submissionDeadline, authority.kind, cpv, lots, optionalGrounds; per lot), naming both values and the notice's field and line; only with `notice:` in tender.yaml"
    let subject = CheckSubject.tender

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let notice = context.notice else { return [] }
        return notice.differences(from: context.tender).map { difference in
            let label = Self.labels[difference.key] ?? (difference.key, difference.key)
            return finding(
                nl:
                    "De aankondiging vermeldt bij \(label.nl) \(difference.noticeNL) (\(difference.field), regel \(difference.line)); tender.yaml vermeldt \(difference.tenderNL). Een afwijkende waarde verandert drempels, peildata en aangekondigde gronden van elke screening; stel vast welke waarde juist is en pas tender.yaml aan, of de aankondiging met een rectificatie.",
                en:
                    "The notice gives \(label.en) as \(difference.noticeEN) (\(difference.field), line \(difference.line)); tender.yaml gives \(difference.tenderEN). A differing value changes the thresholds, reference dates and announced grounds of every screening; establish which value is right and correct tender.yaml, or the notice by a corrigendum.",
                evidence: [
                    context.tenderPointer(String(difference.key.prefix { $0 != "." }), excerpt: difference.tenderEN),
                    EvidencePointer(
                        file: notice.notice.source, line: difference.line, path: difference.field, excerpt: difference.noticeEN),
                ])
        }
    }

    static let labels: [String: (nl: String, en: String)] = [
        "id": ("het kenmerk", "the reference"), "type": ("het soort opdracht", "the type of contract"),
        "estimatedValue": ("de geraamde waarde", "the estimated value"), "procedure": ("de procedure", "the procedure"),
        "launchDate": ("de datum van verzending", "the date of dispatch"),
        "submissionDeadline": ("de termijn voor inschrijving", "the deadline for tenders"),
        "authority.kind": ("het soort aanbestedende dienst", "the kind of contracting authority"),
        "cpv": ("de CPV-codes", "the CPV codes"),
        "lots": ("de percelen", "the lots"),
        "optionalGrounds": ("de facultatieve uitsluitingsgronden", "the optional exclusion grounds"),
    ]

    /// The example notice of `tender`, divided into a PV lot and a works lot.
    static func noticeWithLots(_ tender: TenderContext) -> NoticeTender {
        var notice = NoticeTender.example(for: tender)
        notice.notice.lots = [("LOT-0001", "09331200", 200), ("LOT-0002", "45261215", 300)].map { id, cpv, line in
            TenderNotice.Lot(
                id: NoticeValue(id, field: "BT-137-Lot", line: line), cpv: [NoticeValue(cpv, field: "BT-262-Lot", line: line + 30)])
        }
        return notice
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("a hand-typed estimated value below the published one", at: "tender.yaml:9:estimatedValue") {
                    $0.notice = .example(for: $0.tender)
                    $0.tender.estimatedValue = 485_000
                },
                .fires("another deadline and a national procedure", at: "tender.yaml:10:procedure", "tender.yaml:12:submissionDeadline") {
                    $0.notice = .example(for: $0.tender)
                    $0.tender.procedure = .nationaal
                    $0.tender.submissionDeadline = Day(year: 2026, month: 10, day: 1)
                },
                .fires("a ground announced in the notice missing from the tender file", at: "tender.yaml:19:optionalGrounds") {
                    $0.notice = .example(for: $0.tender)
                    $0.tender.optionalGrounds.removeAll { $0 == "C18" }
                },
                .fires(
                    "a lot with other CPV codes than the notice gives it (so the whole tender's codes differ too)",
                    at: "tender.yaml:18:cpv", "tender.yaml:lots"
                ) { context in
                    context.notice = Self.noticeWithLots(context.tender)
                    context.tender.lots = [
                        TenderContext.Lot(id: "LOT-0001", cpv: ["09331200-0"]), TenderContext.Lot(id: "LOT-0002", cpv: ["45112000-5"]),
                    ]
                },
                .fires("another reference", at: "tender.yaml:3:id") { context in
                    context.notice = .example(for: context.tender)
                    context.tender.id = "PFL-2026-099"
                },
            ],
            nonTriggering: [
                .quiet("a tender file as the notice publishes it, CPV codes with their check digit") {
                    $0.notice = .example(for: $0.tender)
                },
                .quiet("the notice's lots as tender.yaml lists them, in other spellings and with check digits") { context in
                    context.notice = Self.noticeWithLots(context.tender)
                    context.tender.lots = [
                        TenderContext.Lot(id: "Lot1", cpv: ["09331200-0"]), TenderContext.Lot(id: "lot 2", cpv: ["45261215-4"]),
                    ]
                },
                .quiet("the notice's identifier kept as another reference") { context in
                    context.notice = .example(for: context.tender)
                    context.notice?.id = NoticeValue("2ba7a2b4-1a7a-4b8e-9a70-5c7c4ad2e0f1", field: "BT-04-notice", line: 42)
                    context.tender.otherReferences = ["2ba7a2b4-1a7a-4b8e-9a70-5c7c4ad2e0f1"]
                },
            ])
    }
}
