import DossierModel

/// The bidder (or a member, relied-upon entity or subcontractor in its bid, whether it has an ESPD
/// or is only named in the bidder file's subcontractors) is a company that advised on or prepared
/// this tender: prior involvement that may distort competition (voorkennis), wherever it appears
/// in the bid (Dir. 2014/24 art. 41; Aw 2012 art. 2.51).
struct AdviserCompanyCheck: Check {
    let id = "coi.adviser-company"
    let severity = Severity.attention
    let legalBasis = "Dir. 2014/24/EU art. 41, 57(4)(f); Aw 2012 art. 2.51, 2.87(1)(f); RWS Scheiding van Belang (2007)"
    let summary = "The bidder or an entity in its bid advised on or prepared the tender"
    let nationalLegalBasis: String? =
        "Aw 2012 art. 1.10b (conflict of interest, in every procedure); " + LegalRegime.kader
        + " (belangenscheiding after RWS Scheiding van Belang)"
    let dataFiles = ["name-matching.yaml"]
    let dutchSummary = "De inschrijver of een entiteit in zijn inschrijving heeft over de aanbesteding geadviseerd of die voorbereid"
    let dutchLegalEffect =
        "mogelijke belangenverstrengeling: de plicht die te voorkomen (Richtlijn 2014/24/EU art. 24; Aw 2012 art. 1.10b), nooit een automatische uitsluiting"
    let legalEffect =
        "possible conflict of interest: the duty to prevent it (Dir. art. 24; Aw 2012 art. 1.10b), never an automatic exclusion"

    func run(_ context: ScreeningContext) -> [Finding] {
        let s = context.submission
        var entities: [(name: String?, kvk: String?, pointer: EvidencePointer)] = [
            (
                s.espd.economicOperator?.name ?? s.bidder.name, s.kvk,
                EvidencePointer(file: s.espd.source, line: s.espd.economicOperator?.line, path: s.espd.economicOperator?.path)
            )
        ]
        for other in s.otherESPDs {
            entities.append(
                (
                    other.economicOperator?.name, other.economicOperator?.identifiers.first?.value,
                    EvidencePointer(file: other.source, line: other.economicOperator?.line, path: other.economicOperator?.path)
                ))
        }
        let withESPD = Set(entities.compactMap { $0.name.map(EntityName.key) })
        for sub in s.bidder.subcontractors ?? [] where !withESPD.contains(EntityName.key(sub.name)) {
            entities.append((sub.name, nil, s.bidderPointer("subcontractors", excerpt: sub.name)))
        }
        var findings: [Finding] = []
        for adviser in context.tender.advisers {
            for entity in entities {
                var why: [String] = []
                var score = 0.0
                if let a = adviser.kvk, let b = entity.kvk, a.filter(\.isNumber) == b.filter(\.isNumber), !a.isEmpty {
                    why.append("same KvK number \(a)")
                    score = 1
                }
                if let name = entity.name {
                    let match = context.matcher.matchCompany(name, adviser.name)
                    if match.score >= context.matcher.companyThreshold {
                        why += match.reasons
                        score = max(score, match.score)
                    }
                }
                guard !why.isEmpty else { continue }
                findings.append(
                    finding(
                        nl:
                            "\(entity.name ?? "Een entiteit in de inschrijving") is (of lijkt op) adviseur \(adviser.name)\(adviser.role.map { " (\($0))" } ?? ""). Vraag aan te tonen dat er geen voorsprong is (belangenbeschermingsplan) en deel de informatie met alle inschrijvers.",
                        en:
                            "\(entity.name ?? "An entity in the bid") is (or resembles) adviser \(adviser.name)\(adviser.role.map { " (\($0))" } ?? ""). Ask it to show there is no advantage (protection plan) and share the information with all bidders.",
                        evidence: [entity.pointer, context.tenderPointer("advisers", excerpt: adviser.name)],
                        details: ["score": String(score), "why": why.joined(separator: "; ")]))
            }
        }
        return findings
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires(
                    "an adviser with the bidder's name", at: "uea.xml:22:/QualificationApplicationResponse[1]/cac:EconomicOperatorParty[1]"
                ) {
                    $0.tender.advisers = [.init(name: $0.espd.economicOperator?.name ?? "", kvk: nil, role: "opsteller bestek")]
                },
                .fires(
                    "the adviser who wrote the specifications, a 15 % subcontractor in the bidder file", at: "bidder.yaml:41:subcontractors"
                ) {
                    $0.tender.advisers = [.init(name: "Ingenieursbureau Lepelaar B.V.", kvk: "11223344", role: "opsteller bestek")]
                    $0.submission.bidder.subcontractors = [
                        .init(name: "Ingenieursbureau Lepelaar BV", country: "NL", share: 15, reliedUpon: false)
                    ]
                },
                .fires(
                    "an adviser with the bidder's KvK number under another name",
                    at: "uea.xml:22:/QualificationApplicationResponse[1]/cac:EconomicOperatorParty[1]"
                ) {
                    $0.tender.advisers = [.init(name: "Advies Oost B.V.", kvk: $0.submission.kvk, role: "opsteller bestek")]
                },
            ],
            nonTriggering: [
                .quiet("an adviser that is not among the bid's entities (the subcontractors are other companies)") {
                    $0.tender.advisers = [.init(name: "Advies Oost B.V.", kvk: "11223344", role: "opsteller bestek")]
                    $0.submission.bidder.subcontractors = [
                        .init(name: "Noordzee Modules B.V.", country: "NL", share: 38, reliedUpon: false)
                    ]
                },
                .quiet("an unrelated adviser") {
                    $0.tender.advisers = [.init(name: "Ingenieursbureau Lepelaar B.V.", kvk: "11223344", role: "opsteller bestek")]
                },
                .quiet("an adviser whose name shares words but names another company") {
                    $0.tender.advisers = [.init(name: "Zonnebouw Friesland B.V.", kvk: "55667788", role: "opsteller bestek")]
                },
            ])
    }
}
