import DossierModel

/// Before award the intended winner submits the supporting documents the tender asked for (Dir.
/// 2014/24 art. 59(4); Aw 2012 art. 2.102). A requested KvK extract or tax payment statement that is
/// missing is a blocker for the intended winner at the award stage: the absence of the grounds it
/// proves cannot be verified. At award without the winner or the requested documents recorded:
/// attention. Bidders the documents are not demanded from: nothing. (The GVA and a foreign
/// bidder's equivalent have their own checks, `gva.missing` and `gva.foreign-equivalent`.)
struct EvidenceMissingCheck: Check {
    let id = "gva.evidence-missing"
    let severity = Severity.blocker
    let legalBasis = "Dir. 2014/24/EU art. 59(4), 60(2); Aw 2012 art. 2.101-2.102"
    let summary = "The intended winner has not submitted a requested KvK extract or tax payment statement"
    let nationalLegalBasis: String? = EvidenceDuty.nationalLegalBasis
    let dataFiles: [String] = []
    let dutchSummary = "De beoogde winnaar heeft een gevraagd KvK-uittreksel of een gevraagde verklaring betalingsgedrag niet ingediend"
    let dutchLegalEffect =
        "een gevraagd document van de beoogde winnaar ontbreekt bij de gunning: blokkerend (Richtlijn 2014/24/EU art. 59 lid 4); winnaar of gevraagde documenten bij de gunning niet vastgelegd: aandacht; andere inschrijvers: geen bevinding"
    let legalEffect =
        "a requested document missing from the intended winner at award: blocker (Dir. art. 59(4)); winner or requested documents not recorded at award: attention; other bidders: none"
    let entities = EntityScope.withOwnEvidence

    func run(_ context: ScreeningContext) -> [Finding] {
        let bidder = context.submission.bidder
        let foreign = (context.submission.country ?? "NL") != "NL"
        /// Each document with and without its article: "een uittreksel" / "geen uittreksel".
        var missing: [(key: String, document: Message, bare: Message)] = []
        if bidder.kvkExtract == nil {
            let nl =
                foreign ? "uittreksel uit het handelsregister van het land van vestiging" : "uittreksel uit het Handelsregister van de KvK"
            let en = foreign ? "extract from the trade register of the country of establishment" : "extract from the KvK trade register"
            missing.append(("kvkExtract", Message(nl: "een " + nl, en: "an " + en), Message(nl: nl, en: en)))
        }
        if bidder.taxStatement == nil {
            let nl =
                foreign
                ? "verklaring van de belastingdienst van het land van vestiging over het betalen van belastingen en premies"
                : "verklaring betalingsgedrag van de Belastingdienst"
            let en =
                foreign
                ? "statement of the tax authority of the country of establishment on the payment of taxes and contributions"
                : "Belastingdienst statement of payment behaviour (verklaring betalingsgedrag)"
            missing.append(("taxStatement", Message(nl: "een " + nl, en: "a " + en), Message(nl: nl, en: en)))
        }
        return missing.compactMap { key, document, bare in
            let duty = EvidenceDuty.of(key, in: context)
            guard duty != .notRequired else { return nil }
            let why = duty.explanation((document.nl, document.en))
            return finding(
                duty == .required ? .blocker : .attention,
                nl: "Er is geen \(bare.nl) aangeleverd. \(why.nl)" + (duty == .required ? " Niet gunnen zolang het ontbreekt." : ""),
                en: "No \(bare.en) was provided. \(why.en)" + (duty == .required ? " Do not award while it is missing." : ""),
                evidence: [context.tenderPointer(duty == .required ? "requested" : "stage"), context.submission.bidderPointer(key)],
                details: ["document": key, "duty": "\(duty)"])
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires(
                    "the intended winner without the requested KvK extract and tax statement: two blockers", at: "tender.yaml:15:requested",
                    "tender.yaml:15:requested"
                ) {
                    $0.tender.stage = .award
                    $0.tender.intendedWinners = ["1-zonnebouw-flevoland"]
                    $0.tender.requested = ["kvkExtract", "taxStatement"]
                    $0.submission.bidder.kvkExtract = nil
                    $0.submission.bidder.taxStatement = nil
                },
                .fires("at award, no winner named, no tax statement: attention", at: "tender.yaml:13:stage") {
                    $0.tender.stage = .award
                    $0.tender.intendedWinners = []
                    $0.tender.requested = ["taxStatement"]
                    $0.submission.bidder.taxStatement = nil
                },
            ],
            nonTriggering: [
                .quiet("the intended winner without a tax statement the tender did not ask for") {
                    $0.tender.stage = .award
                    $0.tender.intendedWinners = ["1-zonnebouw-flevoland"]
                    $0.tender.requested = ["kvkExtract"]
                    $0.submission.bidder.taxStatement = nil
                },
                .quiet("another bidder is the intended winner") {
                    $0.tender.stage = .award
                    $0.tender.intendedWinners = ["another bidder"]
                    $0.tender.requested = ["kvkExtract", "taxStatement"]
                    $0.submission.bidder.kvkExtract = nil
                },
            ])
    }
}
