/// Art. 5k Reg. 833/2014: no award to Russian nationals or entities established in Russia, entities
/// more than 50% owned by them or acting on their behalf, including through subcontractors,
/// suppliers or relied-upon entities above 10% of the contract value.
struct RussiaInvolvementCheck: Check {
    let id = "sanctions.russia-involvement"
    let severity = Severity.blocker
    let legalBasis = "Council Regulation (EU) No 833/2014 art. 5k, as amended by Regulation (EU) 2022/576"
    let summary = "Russian involvement declared or visible (establishment, ownership, acting on behalf, subcontractors above 10%)"
    let dataFiles = ["sanctions.yaml"]

    func run(_ context: ScreeningContext) -> [Finding] {
        let s = context.submission
        var reasons: [(String, String, EvidencePointer)] = []
        if let d = s.bidder.russiaDeclaration {
            let pointer = s.bidderPointer("russiaDeclaration")
            if d.russianNationalOrEstablished { reasons.append(("verklaart Russisch onderdaan of in Rusland gevestigd te zijn", "declares to be Russian or established in Russia", pointer)) }
            if d.russianOwnershipOver50 { reasons.append(("verklaart voor meer dan 50% Russisch eigendom", "declares more than 50% Russian ownership", pointer)) }
            if d.actingOnBehalf { reasons.append(("verklaart namens een Russische partij te handelen", "declares to act on behalf of a Russian party", pointer)) }
            if d.russianSubcontractorsOver10Percent { reasons.append(("verklaart Russische onderaannemers/leveranciers boven 10%", "declares Russian subcontractors/suppliers above 10%", pointer)) }
        }
        for espd in [s.espd] + s.otherESPDs where espd.economicOperator?.country == "RU" {
            reasons.append(("\(espd.economicOperator?.name ?? "entiteit") is volgens het UEA in Rusland gevestigd", "\(espd.economicOperator?.name ?? "an entity") is established in Russia according to the ESPD",
                            EvidencePointer(file: espd.source, line: espd.economicOperator?.line, path: espd.economicOperator?.path, excerpt: "RU")))
        }
        for sub in s.bidder.subcontractors ?? [] where sub.country?.uppercased() == "RU" && (sub.share ?? 100) > context.rules.sanctions.subcontractorShareLimit {
            reasons.append(("onderaannemer \(sub.name) (RU) heeft \(Int(sub.share ?? 100))% van de opdrachtwaarde", "subcontractor \(sub.name) (RU) has \(Int(sub.share ?? 100))% of the contract value",
                            s.bidderPointer("subcontractors", excerpt: sub.name)))
        }
        guard !reasons.isEmpty else { return [] }
        return [finding(
            nl: "Russische betrokkenheid (art. 5k Vo. 833/2014): \(reasons.map(\.0).joined(separator: "; ")). Gunnen is verboden tenzij een uitzondering geldt; een jurist beslist.",
            en: "Russian involvement (art. 5k Reg. 833/2014): \(reasons.map(\.1).joined(separator: "; ")). Award is prohibited unless an exemption applies; a jurist decides.",
            evidence: reasons.map(\.2))]
    }

    var examples: CheckExamples {
        CheckExamples(triggering: { $0.submission.bidder.subcontractors = [.init(name: "Uralsk Panel OOO", country: "RU", share: 25, reliedUpon: false)] },
                      nonTriggering: { $0.submission.bidder.subcontractors = [.init(name: "Uralsk Panel OOO", country: "RU", share: 5, reliedUpon: false)] })
    }
}
