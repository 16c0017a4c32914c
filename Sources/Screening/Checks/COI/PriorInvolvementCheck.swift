import DossierModel

/// The bidder declares it advised on or prepared the tender (or employs people who did for the
/// authority): it may take part only if it shows there is no distortion (Scheiding van Belang).
struct PriorInvolvementCheck: Check {
    let id = "coi.prior-involvement"
    let severity = Severity.attention
    let legalBasis =
        "Dir. 2014/24/EU art. 41, 57(4)(f); Aw 2012 art. 2.51; Inkoopbeleid 2023 (Scheiding van Belang); ECLI:NL:RBSGR:2009:BK0706"
    let summary = "Declared prior involvement or ex-staff of the authority without a protection plan"
    let dataFiles: [String] = []
    let dutchSummary = "Voorafgaande betrokkenheid of oud-medewerkers van de aanbestedende dienst verklaard zonder plan van maatregelen"
    let dutchLegalEffect =
        "voorafgaande betrokkenheid zonder plan van maatregelen: de plicht het voordeel te neutraliseren (Richtlijn 2014/24/EU art. 41; Aw 2012 art. 2.51), nooit een automatische uitsluiting"
    let legalEffect =
        "prior involvement without a protection plan: the duty to neutralise the advantage (Dir. art. 41; Aw 2012 art. 2.51), never an automatic exclusion"

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let declaration = context.submission.bidder.declaration else { return [] }
        var findings: [Finding] = []
        if declaration.priorInvolvement == true && declaration.protectionPlan != true {
            findings.append(
                finding(
                    nl:
                        "De inschrijver verklaart betrokken te zijn geweest bij de voorbereiding, zonder belangenbeschermingsplan. De provincie gaat uit van Scheiding van Belang: de inschrijver moet aantonen dat er geen belangenverstrengeling is.",
                    en:
                        "The bidder declares it was involved in preparing the tender, without a protection plan. Under separation of interests the bidder must show there is no conflict.",
                    evidence: [context.submission.bidderPointer("declaration", excerpt: declaration.priorInvolvementExplanation)]))
        }
        for person in declaration.exStaff ?? [] {
            findings.append(
                finding(
                    nl:
                        "\(person.name) werkte eerder voor de aanbestedende dienst aan deze opdracht en is nu betrokken bij de inschrijver. Beoordeel voorkennis.",
                    en:
                        "\(person.name) previously worked for the authority on this contract and is now with the bidder. Assess prior knowledge.",
                    evidence: [context.submission.bidderPointer("declaration", excerpt: person.name)]))
        }
        return findings
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("involved in preparing the tender, no protection plan", at: "bidder.yaml:15:declaration") {
                    $0.submission.bidder.declaration = .init(priorInvolvement: true, protectionPlan: false)
                },
                .fires("a former member of the authority's team now with the bidder", at: "bidder.yaml:15:declaration") {
                    $0.submission.bidder.declaration = .init(
                        priorInvolvement: false, protectionPlan: false, exStaff: [.init(name: "Karin de Wit", role: "projectleider")])
                },
            ],
            nonTriggering: [
                .quiet("involved, with a protection plan") {
                    $0.submission.bidder.declaration = .init(priorInvolvement: true, protectionPlan: true)
                },
                .quiet("not involved") { $0.submission.bidder.declaration = .init(priorInvolvement: false, protectionPlan: false) },
            ])
    }
}
