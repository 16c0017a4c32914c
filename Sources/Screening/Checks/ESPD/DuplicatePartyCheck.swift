import DossierModel
import ESPD

/// One party, one ESPD ("One Response = one EO"): two responses in one bid that name the same
/// economic operator (the same KvK or VAT number, or the same name without a differing number)
/// leave open which of them is the party's answer. Both are read: the second is screened as the
/// bidder's own (a ground in either applies to the bidder, `EntityInBid`), and the conflict is
/// reported here, so a decoy ESPD that sorts first cannot push the honest one aside as "another entity".
struct DuplicatePartyCheck: Check {
    let id = "espd.duplicate-party"
    let severity = Severity.attention
    let legalBasis = "Dir. 2014/24/EU art. 59(1); Aw 2012 art. 2.84"
    let summary = "Two ESPD responses in one bid name the same economic operator; both are read, a ground in either counts"
    let nationalLegalBasis: String? = LegalRegime.applying("Aw 2012 art. 2.84")
    let dataFiles: [String] = []
    let dutchSummary =
        "Twee UEA-antwoorden in één inschrijving noemen dezelfde ondernemer; beide worden gelezen en een uitsluitingsgrond in een van beide telt"
    let dutchLegalEffect =
        "twee antwoorden in één inschrijving noemen dezelfde partij (KvK- of btw-nummer, of dezelfde naam zonder afwijkend nummer): beide worden gelezen, het tweede als eigen UEA van de inschrijver, zodat een uitsluitingsgrond in een van beide telt (Richtlijn 2014/24/EU art. 59 lid 1)"
    let legalEffect =
        "two responses in one bid name the same party (KvK/VAT number, or the same name without a differing number): both are read, the second as the bidder's own, so a ground in either counts (Dir. 2014/24 art. 59(1))"

    func run(_ context: ScreeningContext) -> [Finding] {
        let responses = [context.espd] + context.submission.otherESPDs.filter { $0.kind == .response }
        var findings: [Finding] = []
        for (index, espd) in responses.enumerated() {
            let identity = PartyIdentity(espd)
            guard let earlier = responses[..<index].first(where: { PartyIdentity($0).isSameParty(as: identity) }) else { continue }
            let name = espd.economicOperator?.name ?? "?"
            findings.append(
                finding(
                    nl:
                        "Twee UEA's in deze inschrijving zijn van dezelfde partij (\(name)): \(PathText.lastComponent(earlier.source)) en \(PathText.lastComponent(espd.source)). "
                        + "Beide zijn gelezen; een uitsluitingsgrond in een van beide geldt. Vraag de inschrijver welke UEA geldt en waarom er twee zijn.",
                    en:
                        "Two ESPDs in this bid are of the same party (\(name)): \(PathText.lastComponent(earlier.source)) and \(PathText.lastComponent(espd.source)). "
                        + "Both were read; an exclusion ground in either applies. Ask the bidder which ESPD stands and why there are two.",
                    evidence: [
                        EvidencePointer(
                            file: espd.source, line: espd.economicOperator?.line, path: espd.economicOperator?.path, excerpt: name),
                        EvidencePointer(
                            file: earlier.source, line: earlier.economicOperator?.line, path: earlier.economicOperator?.path, excerpt: name),
                    ],
                    details: ["firstFile": earlier.source, "secondFile": espd.source]))
        }
        return findings
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires(
                    "a second response of the bidder itself, with the same KvK number, as a member",
                    at: "uea-2.xml:22:/QualificationApplicationResponse[1]/cac:EconomicOperatorParty[1]"
                ) { context in
                    var second = context.submission.espd
                    second.source = "uea-2.xml"
                    second.economicOperator?.role = "member"
                    context.submission.otherESPDs = [second]
                },
                .fires(
                    "a second response with the same name written otherwise and no number",
                    at: "decoy.xml:22:/QualificationApplicationResponse[1]/cac:EconomicOperatorParty[1]"
                ) { context in
                    var second = context.submission.espd
                    second.source = "decoy.xml"
                    second.economicOperator?.identifiers = []
                    second.economicOperator?.name = "ZONNEBOUW FLEVOLAND BV"
                    context.submission.otherESPDs = [second]
                },
            ],
            nonTriggering: [
                .quiet("a member with its own KvK number and name") { context in
                    var member = context.submission.espd
                    member.source = "lid.xml"
                    member.economicOperator?.role = "member"
                    member.economicOperator?.name = "Polder Installatie B.V."
                    member.renumber("12345678")
                    context.submission.otherESPDs = [member]
                },
                .quiet("a subcontractor of the same name but another KvK number") { context in
                    var other = context.submission.espd
                    other.source = "onderaannemer.xml"
                    other.economicOperator?.role = "subcontractor"
                    other.renumber("87654321")
                    context.submission.otherESPDs = [other]
                },
            ])
    }
}
