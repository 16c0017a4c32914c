import Basics
import DossierModel

/// A bidder established outside the Netherlands cannot get a Justis GVA; the authority must
/// accept an equivalent document from its country (extract from the judicial record or a
/// declaration on oath; Dir. 2014/24/EU art. 60(2)). From an intended winner the tender asked it
/// from, the equivalent is demanded like a Dutch winner's GVA: missing, or issued in another country
/// than where the bidder is established (that document does not count), is a blocker at award;
/// older than evidence.yaml allows, attention (ask for a recent one). A declaration under oath counts
/// only where the country of establishment issues no extract (art. 60(2) second subpara.), which
/// e-Certis tells and the tool does not: from such a winner, attention (record that the country issues
/// none); so too when bidder.yaml does not say which kind the document is (`kind`), never read from
/// its name. At award without the winner or the requested documents recorded: attention. Other
/// foreign bidders: information.
struct ForeignEquivalentCheck: Check {
    let id = "gva.foreign-equivalent"
    let severity = Severity.blocker
    let legalBasis = "Dir. 2014/24/EU art. 60(2); Aw 2012 art. 2.89, 2.101-2.102"
    let summary = "Foreign bidder: the equivalent document (e-Certis) instead of a Justis GVA, its presence and age"
    let nationalLegalBasis: String? = EvidenceDuty.nationalLegalBasis
    let dataFiles = ["evidence.yaml"]
    let dutchSummary =
        "Buitenlandse inschrijver: het gelijkwaardige document (e-Certis) in plaats van een GVA van Justis, of het er is en hoe oud het is"
    let dutchLegalEffect =
        "een buitenlandse beoogde winnaar van wie het gelijkwaardige document is gevraagd, zonder zo'n document of met een document uit een ander land dan het land van vestiging: blokkerend (zoals een Nederlandse winnaar zonder GVA; Richtlijn 2014/24/EU art. 59 lid 4, 60 lid 2); een document ouder dan `evidence.yaml` toestaat, een verklaring onder ede (die telt alleen als het land geen uittreksel afgeeft: in e-Certis bevestigen), een document zonder `kind`, of een winnaar of gevraagde documenten die bij de gunning niet zijn vastgelegd: aandacht; andere buitenlandse inschrijvers: ter informatie"
    let legalEffect =
        "a foreign intended winner the equivalent was requested from, without one or with one from another country than where it is established: blocker (as a Dutch winner without its GVA; Dir. art. 59(4), 60(2)); one older than `evidence.yaml` allows, a declaration under oath (it counts only where the country issues no extract: confirm in e-Certis) or a document whose `kind` is not given, or winner/requested documents not recorded at award: attention; other foreign bidders: info"
    let entities = EntityScope.withOwnEvidence

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let country = context.submission.country, country != "NL" else { return [] }
        let document = context.submission.bidder.equivalentDocument
        let duty = EvidenceDuty.of("equivalentDocument", in: context)
        let months = context.rules.evidence.equivalentDocumentMaxAgeMonths
        let evidence = [
            EvidencePointer(
                file: context.espd.source, line: context.espd.economicOperator?.line, path: context.espd.economicOperator?.path,
                excerpt: context.espd.economicOperator?.country ?? country.alpha2),
            context.submission.bidderPointer("equivalentDocument"),
        ]
        var details = ["country": country.alpha2, "duty": "\(duty)"]
        if duty != .notRequired, document == nil {
            return [
                finding(
                    duty == .required ? .blocker : .attention,
                    nl:
                        "Buitenlandse inschrijver (\(country.dutchName)) zonder gelijkwaardig document. Vraag geen GVA maar een gelijkwaardig document uit \(country.dutchName) (uittreksel strafregister of verklaring onder ede, zie e-Certis). \(duty.explanation(("een gelijkwaardig document", "an equivalent document")).nl)"
                        + (duty == .required ? " Niet gunnen zolang het ontbreekt." : ""),
                    en:
                        "Foreign bidder (\(country.englishName)) without an equivalent document. Ask not for a GVA but for an equivalent document from \(country.englishName) (judicial-record extract or sworn declaration, see e-Certis). \(duty.explanation(("an equivalent document", "an equivalent document")).en)"
                        + (duty == .required ? " Do not award while it is missing." : ""),
                    evidence: evidence, details: details)
            ]
        }
        if duty != .notRequired, let document, let issued = document.issueDate, context.referenceDate > issued.adding(months: months) {
            details["issueDate"] = issued.description
            return [
                finding(
                    .attention,
                    nl:
                        "Het gelijkwaardige document (\(document.type)) van \(issued.dutch) is op de peildatum ouder dan \(months) maanden. Vraag een recent exemplaar.",
                    en:
                        "The equivalent document (\(document.type)) of \(issued) is older than \(months) months at the reference date. Ask for a recent one.",
                    evidence: evidence, details: details)
            ]
        }
        if duty != .notRequired, let document, let issuedIn = document.country, issuedIn != country {
            details["documentCountry"] = issuedIn.alpha2
            return [
                finding(
                    duty == .required ? .blocker : .attention,
                    nl:
                        "Het gelijkwaardige document (\(document.type)) komt uit \(issuedIn.dutchName); de inschrijver is gevestigd in \(country.dutchName). Een gelijkwaardig document komt van een bevoegde instantie in het land van herkomst of van vestiging (artikel 60, lid 2, Richtlijn 2014/24/EU); een document uit een ander land telt niet. Vraag een document uit \(country.dutchName) of, als dat land zo'n document niet afgeeft, een verklaring onder ede."
                        + (duty == .required ? " Niet gunnen zolang het ontbreekt." : ""),
                    en:
                        "The equivalent document (\(document.type)) is from \(issuedIn.englishName); the bidder is established in \(country.englishName). An equivalent document is issued by a competent authority of the country of origin or of establishment (Directive 2014/24/EU art. 60(2)); a document of another country does not count. Ask for a document from \(country.englishName) or, where that country issues none, a declaration under oath."
                        + (duty == .required ? " Do not award while it is missing." : ""),
                    evidence: evidence, details: details)
            ]
        }
        if duty != .notRequired, let document, document.kind != .extract {
            details["documentKind"] = document.kind?.rawValue ?? "unknown"
            let kind: (nl: String, en: String) =
                document.kind == .declarationUnderOath
                ? (
                    "Het gelijkwaardige document (\(document.type)) is een verklaring onder ede.",
                    "The equivalent document (\(document.type)) is a declaration under oath."
                )
                : (
                    "Uit het inschrijversbestand blijkt niet of het gelijkwaardige document (\(document.type)) een uittreksel is of een verklaring onder ede (veld `kind`).",
                    "The bidder file does not say whether the equivalent document (\(document.type)) is an extract or a declaration under oath (field `kind`)."
                )
            return [
                finding(
                    .attention,
                    nl: kind.nl
                        + " Een verklaring onder ede telt alleen als \(country.dutchName) geen uittreksel uit het strafregister of gelijkwaardig document afgeeft (artikel 60, lid 2, tweede alinea, Richtlijn 2014/24/EU). Ga in e-Certis na of dat zo is en leg dat vast; geeft \(country.dutchName) zo'n document wel af, vraag dan dat document.",
                    en: kind.en
                        + " A declaration under oath counts only where \(country.englishName) issues no extract from the judicial record or equivalent document (Directive 2014/24/EU art. 60(2), second subparagraph). Confirm this in e-Certis and record it; where \(country.englishName) does issue such a document, ask for that document.",
                    evidence: evidence, details: details)
            ]
        }
        return [
            finding(
                .info,
                nl:
                    "Buitenlandse inschrijver (\(country.dutchName)): geen GVA maar een gelijkwaardig document uit \(country.dutchName) (uittreksel strafregister of verklaring onder ede, zie e-Certis)\(document.map { "; aangeleverd: \($0.type)" } ?? "").",
                en:
                    "Foreign bidder (\(country.englishName)): not a GVA but an equivalent document from \(country.englishName) (judicial-record extract or sworn declaration, see e-Certis)\(document.map { "; provided: \($0.type)" } ?? "").",
                evidence: evidence, details: details)
        ]
    }

    var examples: CheckExamples {
        /// The sample bidder, established in Belgium, as the intended winner the equivalent was
        /// requested from, with `document` (type, kind, issuing country) issued a month ago.
        func belgianWinner(
            _ type: String, _ kind: BidderFile.EquivalentDocument.Kind?, from country: Country
        ) -> @Sendable (inout ScreeningContext) -> Void {
            { context in
                context.tender.stage = .award
                context.tender.intendedWinners = ["1-zonnebouw-flevoland"]
                context.tender.requested = ["equivalentDocument"]
                context.submission.bidder.country = "BE"
                context.submission.bidder.equivalentDocument = .init(
                    type: type, kind: kind, issueDate: context.referenceDate.adding(months: -1), country: country)
            }
        }
        return CheckExamples(
            triggering: [
                .fires("a German bidder", at: "uea.xml:22:/QualificationApplicationResponse[1]/cac:EconomicOperatorParty[1]") {
                    $0.submission.bidder.country = "DE"
                },
                .fires(
                    "a Belgian intended winner with a German extract: blocker, it does not count",
                    at: "uea.xml:22:/QualificationApplicationResponse[1]/cac:EconomicOperatorParty[1]",
                    mutate: belgianWinner("Führungszeugnis", .extract, from: "DE")),
                .fires(
                    "a Belgian intended winner with a declaration under oath: attention, it counts only where Belgium issues no extract",
                    at: "uea.xml:22:/QualificationApplicationResponse[1]/cac:EconomicOperatorParty[1]",
                    mutate: belgianWinner("Déclaration sur l'honneur", .declarationUnderOath, from: "BE")),
                .fires(
                    "a Belgian intended winner whose document's kind is not given: attention, never read from its name",
                    at: "uea.xml:22:/QualificationApplicationResponse[1]/cac:EconomicOperatorParty[1]",
                    mutate: belgianWinner("Uittreksel uit het strafregister", nil, from: "BE")),
                .fires(
                    "a Belgian intended winner with a recent Belgian extract: the information line only",
                    at: "uea.xml:22:/QualificationApplicationResponse[1]/cac:EconomicOperatorParty[1]",
                    mutate: belgianWinner("Uittreksel uit het strafregister", .extract, from: "BE")),
                .fires(
                    "a Belgian bidder with an equivalent document",
                    at: "uea.xml:22:/QualificationApplicationResponse[1]/cac:EconomicOperatorParty[1]"
                ) {
                    $0.submission.bidder.country = "BE"
                    $0.submission.bidder.equivalentDocument = .init(
                        type: "uittreksel strafregister", issueDate: $0.referenceDate.adding(months: -1), country: "BE")
                },
            ],
            nonTriggering: [
                .quiet("a Dutch intended winner (a GVA instead, `gva.missing`)") {
                    $0.tender.stage = .award
                    $0.tender.intendedWinners = ["1-zonnebouw-flevoland"]
                    $0.tender.requested = ["equivalentDocument"]
                },
                .quiet("a bidder file without a country, the ESPD writing the Netherlands as NLD (the EU vocabulary's code)") {
                    $0.submission.bidder.country = nil
                    $0.submission.espd.economicOperator?.country = "NLD"
                },
                .quiet("a Dutch bidder without a country in its bidder file (the ESPD's country counts)") {
                    $0.submission.bidder.country = nil
                },
            ])
    }
}
