import DossierModel

/// Art. 5k Reg. 833/2014: no award to Russian nationals or entities established in Russia, entities
/// more than 50% owned by them or acting on their behalf, including through subcontractors,
/// suppliers or relied-upon entities above 10% of the contract value.
/// The prohibition covers contracts within the scope of the procurement directives (estimated
/// value at or above the EU threshold for the contract's type): there it is a blocker; below it
/// the tender is outside 5k (attention: the authority may still ask); when the value or type is
/// not known, attention to establish the scope. Exemptions (art. 5k(2)) need an authorisation of
/// the national competent authority, not a jurist's decision.
struct RussiaInvolvementCheck: Check {
    let id = "sanctions.russia-involvement"
    let severity = Severity.blocker
    let legalBasis = "Council Regulation (EU) No 833/2014 art. 5k(1)-(2), as amended by Regulation (EU) 2022/576; Dir. 2014/24/EU art. 4"
    let summary = "Russian involvement declared or visible (establishment, ownership, acting on behalf, subcontractors above 10%)"
    let dataFiles = ["sanctions.yaml"]
    let legalEffect =
        "art. 5k applies at or above the EU threshold: blocker (an exemption needs the national competent authority's authorisation); below it: attention, outside 5k's scope; value or type unknown: attention"

    func run(_ context: ScreeningContext) -> [Finding] {
        let s = context.submission
        var reasons: [(String, String, EvidencePointer)] = []
        if let d = s.bidder.russiaDeclaration {
            let pointer = s.bidderPointer("russiaDeclaration")
            if d.russianNationalOrEstablished {
                reasons.append(
                    (
                        "verklaart Russisch onderdaan of in Rusland gevestigd te zijn", "declares to be Russian or established in Russia",
                        pointer
                    ))
            }
            if d.russianOwnershipOver50 {
                reasons.append(("verklaart voor meer dan 50% Russisch eigendom", "declares more than 50% Russian ownership", pointer))
            }
            if d.actingOnBehalf {
                reasons.append(
                    ("verklaart namens een Russische partij te handelen", "declares to act on behalf of a Russian party", pointer))
            }
            if d.russianSubcontractorsOver10Percent {
                reasons.append(
                    (
                        "verklaart Russische onderaannemers/leveranciers boven 10%", "declares Russian subcontractors/suppliers above 10%",
                        pointer
                    ))
            }
        }
        for espd in [s.espd] + s.otherESPDs where espd.economicOperator?.establishedIn == "RU" {
            reasons.append(
                (
                    "\(espd.economicOperator?.name ?? "entiteit") is volgens het UEA in Rusland gevestigd",
                    "\(espd.economicOperator?.name ?? "an entity") is established in Russia according to the ESPD",
                    EvidencePointer(file: espd.source, line: espd.economicOperator?.line, path: espd.economicOperator?.path, excerpt: "RU")
                ))
        }
        for sub in s.bidder.subcontractors ?? []
        where sub.country == "RU" && (sub.share ?? 100) > context.rules.sanctions.subcontractorShareLimit {
            reasons.append(
                (
                    "onderaannemer \(sub.name) (RU) heeft \(Int(saturating: sub.share ?? 100))% van de opdrachtwaarde",
                    "subcontractor \(sub.name) (RU) has \(Int(saturating: sub.share ?? 100))% of the contract value",
                    s.bidderPointer("subcontractors", excerpt: sub.name)
                ))
        }
        // Suppliers in the chain count as well (5k(1)(c): suppliers above 10% of the value); the
        // declaration gives no share per tier, so a Russian tier is named for the jurist to weigh.
        for tier in s.supplyChain ?? [] where tier.country == "RU" {
            reasons.append(
                (
                    "schakel \(tier.tier) van de keten, \(tier.entity), is in Rusland gevestigd (aandeel in de opdrachtwaarde niet opgegeven)",
                    "supply-chain tier \(tier.tier), \(tier.entity), is established in Russia (share of the contract value not given)",
                    SolarScope.pointer(context, tier, excerpt: "RU")
                ))
        }
        guard !reasons.isEmpty else { return [] }
        let found = reasons.map(\.0).joined(separator: "; ")
        let foundEN = reasons.map(\.1).joined(separator: "; ")
        let evidence = reasons.map(\.2) + [context.tenderPointer("estimatedValue")]
        switch EUThreshold.reached(context) {
        case true?:
            let eu = EUThreshold.of(context)!
            return [
                finding(
                    nl:
                        "Russische betrokkenheid (art. 5k lid 1 Vo. 833/2014): \(found). De opdracht valt binnen de aanbestedingsrichtlijnen (raming op of boven de Europese drempel van \(Euro.nl(eu.value))): gunnen is verboden. Een uitzondering (art. 5k lid 2) vraagt een toestemming van de bevoegde nationale autoriteit; zonder die toestemming niet gunnen.",
                    en:
                        "Russian involvement (art. 5k(1) Reg. 833/2014): \(foundEN). The contract is within the scope of the procurement directives (estimate at or above the EU threshold of \(Euro.en(eu.value))): award is prohibited. An exemption (art. 5k(2)) needs an authorisation of the national competent authority; without it, do not award.",
                    evidence: evidence, details: ["scope": "within", "euThreshold": String(Int(saturating: eu.value))])
            ]
        case false?:
            let eu = EUThreshold.of(context)!
            return [
                finding(
                    .attention,
                    nl:
                        "Russische betrokkenheid gemeld: \(found). De raming van \(Euro.nl(context.tender.estimatedValue!)) ligt onder de Europese drempel van \(Euro.nl(eu.value)), dus het verbod van art. 5k Vo. 833/2014 geldt niet voor deze opdracht. Een jurist beoordeelt of de provincie toch nadere vragen stelt.",
                    en:
                        "Russian involvement declared: \(foundEN). The estimate of \(Euro.en(context.tender.estimatedValue!)) is below the EU threshold of \(Euro.en(eu.value)), so the prohibition of art. 5k Reg. 833/2014 does not apply to this contract. A jurist assesses whether the province asks further questions.",
                    evidence: evidence, details: ["scope": "outside", "euThreshold": String(Int(saturating: eu.value))])
            ]
        case nil:
            return [
                finding(
                    .attention,
                    nl:
                        "Russische betrokkenheid gemeld: \(found). Of het verbod van art. 5k Vo. 833/2014 geldt, hangt af van de geraamde waarde: op of boven de Europese drempel voor dit soort opdracht is gunnen verboden. Stel de raming en het soort opdracht vast.",
                    en:
                        "Russian involvement declared: \(foundEN). Whether the prohibition of art. 5k Reg. 833/2014 applies depends on the estimated value: at or above the EU threshold for the contract's type, award is prohibited. Establish the estimate and the contract type.",
                    evidence: evidence, details: ["scope": "unknown"])
            ]
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("a Russian subcontractor with 25 %", at: "bidder.yaml:subcontractors") {
                    $0.tender.estimatedValue = 6_000_000
                    $0.submission.bidder.subcontractors = [.init(name: "Uralsk Panel OOO", country: "RU", share: 25, reliedUpon: false)]
                },
                .fires("more than half Russian ownership declared", at: "bidder.yaml:russiaDeclaration") {
                    $0.submission.bidder.russiaDeclaration?.russianOwnershipOver50 = true
                },
            ],
            nonTriggering: [
                .quiet("a Russian subcontractor with 5 %") {
                    $0.submission.bidder.subcontractors = [.init(name: "Uralsk Panel OOO", country: "RU", share: 5, reliedUpon: false)]
                },
                .quiet("a Russian subcontractor with exactly 10 %") {
                    $0.submission.bidder.subcontractors = [.init(name: "Uralsk Panel OOO", country: "RU", share: 10, reliedUpon: false)]
                },
            ])
    }
}
