import DossierModel

/// The bidder's declaration on art. 5k says there is no Russian involvement of a kind, while its
/// own ESPDs or list of subcontractors show one: possible serious misrepresentation (Dir. 2014/24
/// art. 57(4)(h)). Attention: the bidder is heard and a jurist assesses; the art. 5k finding
/// itself comes from `sanctions.russia-involvement`.
struct RussiaDeclarationContradictedCheck: Check {
    let id = "sanctions.russia-declaration-contradicted"
    let severity = Severity.attention
    let legalBasis =
        "Dir. 2014/24/EU art. 57(4)(h); Aw 2012 art. 2.87; Council Regulation (EU) No 833/2014 art. 5k(1)"
    let summary = "The declaration on Russian involvement denies what the bidder's own ESPDs or list of subcontractors show"
    let nationalLegalBasis: String? = LegalRegime.applying("Aw 2012 art. 2.87")
    let dataFiles = ["sanctions.yaml"]
    let dutchSummary =
        "De verklaring over Russische betrokkenheid ontkent wat de eigen UEA's of de lijst van onderaannemers van de inschrijver laten zien"
    let dutchLegalEffect =
        "mogelijk ernstige misleiding (Richtlijn 2014/24/EU art. 57 lid 4 onder h): aandacht, de inschrijver wordt gehoord; het verbod zelf is `sanctions.russia-involvement`"
    let legalEffect =
        "possible serious misrepresentation (Dir. art. 57(4)(h)): attention, the bidder is heard; the prohibition itself is `sanctions.russia-involvement`"

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let declaration = context.submission.bidder.russiaDeclaration else { return [] }
        let limit = context.rules.sanctions.subcontractorShareLimit
        let parties = RussianParty.of(context)
        var findings: [Finding] = []
        let established = parties.filter { $0.ground == .party }
        if !declaration.russianNationalOrEstablished, !established.isEmpty {
            findings.append(
                contradiction(
                    context,
                    denied: Message(
                        nl: "dat de inschrijver en de leden van de combinatie niet in Rusland zijn gevestigd",
                        en: "that the bidder and the members of its group are not established in Russia"),
                    shown: established))
        }
        let aboveLimit = parties.filter { if case .shareAbove = $0.ground { return true } else { return false } }
        if !declaration.russianSubcontractorsOver10Percent, !aboveLimit.isEmpty {
            findings.append(
                contradiction(
                    context,
                    denied: Message(
                        nl:
                            "dat geen Russische onderaannemer of leverancier meer dan \(Dutch.percentage(limit)) van de opdrachtwaarde heeft",
                        en: "that no Russian subcontractor or supplier has more than \(English.percentage(limit)) of the contract value"),
                    shown: aboveLimit))
        }
        return findings
    }

    private func contradiction(_ context: ScreeningContext, denied: Message, shown: [RussianParty]) -> Finding {
        finding(
            nl:
                "De verklaring over Russische betrokkenheid zegt \(denied.nl), maar de eigen stukken van de inschrijver laten zien: \(shown.map(\.reason.nl).joined(separator: "; ")). Dat kan een ernstige misleiding zijn (artikel 57, lid 4, onder h, Richtlijn 2014/24/EU). Vraag de inschrijver om opheldering; een jurist beoordeelt het antwoord.",
            en:
                "The declaration on Russian involvement says \(denied.en), but the bidder's own documents show: \(shown.map(\.reason.en).joined(separator: "; ")). This may be serious misrepresentation (Directive 2014/24/EU art. 57(4)(h)). Ask the bidder to explain; a jurist assesses the answer.",
            evidence: [context.submission.bidderPointer("russiaDeclaration")] + shown.map(\.pointer))
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("declared no Russian subcontractor above 10 %, the list has one with 15 %", at: "bidder.yaml:35:russiaDeclaration") {
                    $0.submission.bidder.russiaDeclaration?.russianSubcontractorsOver10Percent = false
                    $0.submission.bidder.subcontractors = [.init(name: "Uralsk Panel OOO", country: "RU", share: 15, reliedUpon: false)]
                },
                .fires("declared not established in Russia, the ESPD says Russia", at: "bidder.yaml:35:russiaDeclaration") {
                    $0.submission.bidder.russiaDeclaration?.russianNationalOrEstablished = false
                    $0.submission.bidder.country = nil
                    $0.submission.espd.economicOperator?.country = "RU"
                },
            ],
            nonTriggering: [
                .quiet("declared no Russian subcontractor above 10 %, the list has one with exactly 10 %") {
                    $0.submission.bidder.russiaDeclaration?.russianSubcontractorsOver10Percent = false
                    $0.submission.bidder.subcontractors = [.init(name: "Uralsk Panel OOO", country: "RU", share: 10, reliedUpon: false)]
                },
                .quiet("declared a Russian subcontractor above 10 %, the list agrees") {
                    $0.submission.bidder.russiaDeclaration?.russianSubcontractorsOver10Percent = true
                    $0.submission.bidder.subcontractors = [.init(name: "Uralsk Panel OOO", country: "RU", share: 15, reliedUpon: false)]
                },
            ])
    }
}
