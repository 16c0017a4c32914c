import DossierModel

/// Art. 5k Reg. 833/2014: no award to Russian nationals or entities established in Russia, entities
/// more than 50% owned by them or acting on their behalf, including through subcontractors,
/// suppliers or relied-upon entities above 10% of the contract value. A subcontractor at or below
/// 10 % is outside 5k(1)(c) and gives no finding; one whose share is not known gives attention
/// (establish the share), never a blocker; its share is printed exactly (10,1%, not 10%).
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
    let dutchSummary = "Russische betrokkenheid verklaard of zichtbaar (vestiging, eigendom, optreden namens, onderaannemers boven 10 %)"
    let dutchLegalEffect =
        "art. 5k geldt bij of boven de Europese drempel: blokkerend (een uitzondering vereist een vergunning van de nationale bevoegde autoriteit); een onderaannemer, leverancier of entiteit waarop een beroep wordt gedaan telt alleen boven 10 % van de waarde (tot en met 10 %: geen bevinding; aandeel onbekend: aandacht); onder de drempel: aandacht, buiten de reikwijdte van art. 5k; waarde of soort opdracht onbekend: aandacht"
    let legalEffect =
        "art. 5k applies at or above the EU threshold: blocker (an exemption needs the national competent authority's authorisation); a subcontractor, supplier or relied-upon entity counts only above 10 % of the value (at or below: no finding; share unknown: attention); below the threshold: attention, outside 5k's scope; value or type unknown: attention"

    func run(_ context: ScreeningContext) -> [Finding] {
        let declared = declaredReasons(context)
        let parties = RussianParty.of(context)
        let prohibited = declared + parties.filter { $0.ground != .shareUnknown }.map { ($0.reason, $0.pointer) }
        let shareUnknown = parties.filter { $0.ground == .shareUnknown }.map { ($0.reason, $0.pointer) }
        guard !prohibited.isEmpty || !shareUnknown.isEmpty else { return [] }
        let all = prohibited + shareUnknown
        let found = all.map(\.0.nl).joined(separator: "; ")
        let foundEN = all.map(\.0.en).joined(separator: "; ")
        let evidence = all.map(\.1) + [context.tenderPointer("estimatedValue")]
        switch EUThreshold.reached(context) {
        case true? where !prohibited.isEmpty:
            let eu = EUThreshold.of(context)!
            return [
                finding(
                    nl:
                        "Russische betrokkenheid (artikel 5k, lid 1, Verordening (EU) nr. 833/2014): \(found). De opdracht valt binnen de aanbestedingsrichtlijnen (raming op of boven de Europese drempel van \(Euro.nl(eu.value))): gunnen is verboden. Een uitzondering (artikel 5k, lid 2) vraagt een toestemming van de bevoegde nationale autoriteit; zonder die toestemming niet gunnen.",
                    en:
                        "Russian involvement (art. 5k(1) Regulation (EU) No 833/2014): \(foundEN). The contract is within the scope of the procurement directives (estimate at or above the EU threshold of \(Euro.en(eu.value))): award is prohibited. An exemption (art. 5k(2)) needs an authorisation of the national competent authority; without it, do not award.",
                    evidence: evidence, details: ["scope": "within", "euThreshold": String(Int(saturating: eu.value))])
            ]
        case true?:
            let eu = EUThreshold.of(context)!
            return [
                finding(
                    .attention,
                    nl:
                        "Russische betrokkenheid gemeld: \(found). De opdracht valt binnen de aanbestedingsrichtlijnen (raming op of boven de Europese drempel van \(Euro.nl(eu.value))). Een onderaannemer, leverancier of entiteit op wier draagkracht een beroep wordt gedaan, valt alleen onder het verbod van artikel 5k, lid 1, onder c, Verordening (EU) nr. 833/2014 als zij voor meer dan \(Dutch.percentage(context.rules.sanctions.subcontractorShareLimit)) van de opdrachtwaarde staat. Stel dat aandeel vast voordat wordt gegund.",
                    en:
                        "Russian involvement declared: \(foundEN). The contract is within the scope of the procurement directives (estimate at or above the EU threshold of \(Euro.en(eu.value))). A subcontractor, supplier or entity relied upon falls under the prohibition of art. 5k(1)(c) Regulation (EU) No 833/2014 only when it accounts for more than \(English.percentage(context.rules.sanctions.subcontractorShareLimit)) of the contract value. Establish that share before award.",
                    evidence: evidence, details: ["scope": "within", "share": "unknown", "euThreshold": String(Int(saturating: eu.value))])
            ]
        case false?:
            let eu = EUThreshold.of(context)!
            return [
                finding(
                    .attention,
                    nl:
                        "Russische betrokkenheid gemeld: \(found). De raming van \(Euro.nl(context.tender.estimatedValue!)) ligt onder de Europese drempel van \(Euro.nl(eu.value)), dus het verbod van artikel 5k Verordening (EU) nr. 833/2014 geldt niet voor deze opdracht. Een jurist beoordeelt of de provincie toch nadere vragen stelt.",
                    en:
                        "Russian involvement declared: \(foundEN). The estimate of \(Euro.en(context.tender.estimatedValue!)) is below the EU threshold of \(Euro.en(eu.value)), so the prohibition of art. 5k Regulation (EU) No 833/2014 does not apply to this contract. A jurist assesses whether the province asks further questions.",
                    evidence: evidence, details: ["scope": "outside", "euThreshold": String(Int(saturating: eu.value))])
            ]
        case nil:
            return [
                finding(
                    .attention,
                    nl:
                        "Russische betrokkenheid gemeld: \(found). Of het verbod van artikel 5k Verordening (EU) nr. 833/2014 geldt, hangt af van de geraamde waarde: op of boven de Europese drempel voor dit soort opdracht is gunnen verboden. Stel de raming en het soort opdracht vast.",
                    en:
                        "Russian involvement declared: \(foundEN). Whether the prohibition of art. 5k Regulation (EU) No 833/2014 applies depends on the estimated value: at or above the EU threshold for the contract's type, award is prohibited. Establish the estimate and the contract type.",
                    evidence: evidence, details: ["scope": "unknown"])
            ]
        }
    }

    /// What the bidder's own declaration on art. 5k says applies to it.
    private func declaredReasons(_ context: ScreeningContext) -> [(Message, EvidencePointer)] {
        guard let declaration = context.submission.bidder.russiaDeclaration else { return [] }
        let pointer = context.submission.bidderPointer("russiaDeclaration")
        let limit = context.rules.sanctions.subcontractorShareLimit
        var reasons: [Message] = []
        if declaration.russianNationalOrEstablished {
            reasons.append(
                Message(
                    nl: "verklaart Russisch onderdaan of in Rusland gevestigd te zijn",
                    en: "declares to be Russian or established in Russia"))
        }
        if declaration.russianOwnershipOver50 {
            reasons.append(Message(nl: "verklaart voor meer dan 50% Russisch eigendom", en: "declares more than 50% Russian ownership"))
        }
        if declaration.actingOnBehalf {
            reasons.append(
                Message(nl: "verklaart namens een Russische partij te handelen", en: "declares to act on behalf of a Russian party"))
        }
        if declaration.russianSubcontractorsOver10Percent {
            reasons.append(
                Message(
                    nl: "verklaart Russische onderaannemers of leveranciers boven \(Dutch.percentage(limit)) van de opdrachtwaarde",
                    en: "declares Russian subcontractors or suppliers above \(English.percentage(limit)) of the contract value"))
        }
        return reasons.map { ($0, pointer) }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("a Russian subcontractor with 25 %", at: "bidder.yaml:41:subcontractors") {
                    $0.tender.estimatedValue = 6_000_000
                    $0.submission.bidder.subcontractors = [.init(name: "Uralsk Panel OOO", country: "RU", share: 25, reliedUpon: false)]
                },
                .fires("more than half Russian ownership declared", at: "bidder.yaml:35:russiaDeclaration") {
                    $0.submission.bidder.russiaDeclaration?.russianOwnershipOver50 = true
                },
                .fires("a Russian subcontractor with 10.1 %, printed exactly", at: "bidder.yaml:41:subcontractors") {
                    $0.tender.estimatedValue = 6_000_000
                    $0.submission.bidder.subcontractors = [.init(name: "Uralsk Panel OOO", country: "RU", share: 10.1, reliedUpon: false)]
                },
                .fires("a Russian subcontractor without a share: attention, establish the share", at: "bidder.yaml:41:subcontractors") {
                    $0.tender.estimatedValue = 6_000_000
                    $0.submission.bidder.subcontractors = [.init(name: "Uralsk Panel OOO", country: "RU", share: nil, reliedUpon: false)]
                },
            ],
            nonTriggering: [
                .quiet("a Russian subcontractor with 5 %") {
                    $0.submission.bidder.subcontractors = [.init(name: "Uralsk Panel OOO", country: "RU", share: 5, reliedUpon: false)]
                },
                .quiet("a Russian subcontractor with exactly 10 %") {
                    $0.submission.bidder.subcontractors = [.init(name: "Uralsk Panel OOO", country: "RU", share: 10, reliedUpon: false)]
                },
                .quiet("a subcontractor with 5 % whose own ESPD says it is established in Russia") { context in
                    context.tender.estimatedValue = 6_000_000
                    var subcontractor = context.submission.espd
                    subcontractor.source = "onderaannemer.xml"
                    subcontractor.economicOperator?.name = "Uralsk Panel OOO"
                    subcontractor.economicOperator?.country = "RU"
                    subcontractor.economicOperator?.role = "subcontractor"
                    context.submission.otherESPDs = [subcontractor]
                    context.submission.bidder.subcontractors = [.init(name: "Uralsk Panel OOO", country: nil, share: 5, reliedUpon: false)]
                },
            ])
    }
}
