import DossierModel
import Names

/// A name or place in the bid written with characters a reader does not see (zero-width space,
/// soft hyphen, word joiner, bidirectional controls, control characters). Such characters defeat
/// matching against sanctions and forced-labour lists and against the tender's people; the
/// matcher removes them, and this finding records that they were there, because an honest
/// declaration has no reason for them. A jurist assesses whether the bidder gave misleading
/// information. A word that mixes Latin letters with Cyrillic or Greek ones (a Cyrillic "о" in
/// "Hoshine") is reported for the same reason. Names in the ESPD itself are reported by
/// `espd.altered-structure`.
struct HiddenCharactersCheck: Check {
    let id = "names.hidden-characters"
    let severity = Severity.attention
    let legalBasis = "Aw 2012 art. 2.87; Dir. 2014/24/EU art. 57(4)(h)-(i); Council Regulation (EU) No 269/2014 art. 2"
    let summary =
        "A name or place in the bid contains invisible, bidirectional-control or control characters, or mixes Latin with Cyrillic or Greek look-alike letters, which hide it from matching"
    let dataFiles: [String] = []
    let dutchSummary =
        "Een naam of plaats in de inschrijving bevat onzichtbare tekens, tekens die de schrijfrichting sturen of stuurtekens, of mengt Latijnse letters met Cyrillische of Griekse letters die erop lijken, waardoor de naam aan de vergelijking ontsnapt"
    let dutchLegalEffect =
        "een naam of plaats in `bidder.yaml` of in de keten, geschreven met onzichtbare tekens, tekens die de schrijfrichting sturen of stuurtekens, of met een woord dat Latijnse letters mengt met Cyrillische, Griekse of andere letters die erop lijken: vergeleken zonder de onzichtbare tekens, en een jurist beoordeelt of de informatie misleidend is (Aw 2012 art. 2.87; namen in het UEA: `espd.altered-structure`)"
    let legalEffect =
        "a name or place in `bidder.yaml` or the supply chain written with invisible, bidirectional-control or control characters, or with a word mixing Latin letters with Cyrillic, Greek or other look-alike letters: matched without the invisible ones, and a jurist assesses whether the information is misleading (Aw 2012 art. 2.87; names in the ESPD: `espd.altered-structure`)"

    func run(_ context: ScreeningContext) -> [Finding] {
        let s = context.submission
        let espdFiles = Set(([s.espd] + s.otherESPDs).map(\.source))
        // `what`: the Dutch phrase follows "In", the English one starts the sentence.
        var subjects: [(text: String, what: (nl: String, en: String), pointer: EvidencePointer)] = []
        for subject in ListedPartyCheck.subjects(context) where !espdFiles.contains(subject.pointer.file) {
            subjects.append((subject.name, ("de naam van \(subject.roleNL)", "The name of the \(subject.role)"), subject.pointer))
        }
        for tier in s.supplyChain ?? [] {
            for alias in tier.aliases {
                subjects.append(
                    (
                        alias, ("een andere naam van schakel \(SolarScope.dutchTier(tier.tier))", "An alias of tier \(tier.tier)"),
                        SolarScope.pointer(context, tier)
                    ))
            }
            for (field, nl, en) in [
                (tier.facilityAddress, "het adres", "The address"), (tier.city, "de plaats", "The city"),
                (tier.region, "de regio", "The region"),
            ] {
                if let field {
                    subjects.append(
                        (
                            field, ("\(nl) van schakel \(SolarScope.dutchTier(tier.tier))", "\(en) of tier \(tier.tier)"),
                            SolarScope.pointer(context, tier)
                        ))
                }
            }
        }
        return subjects.compactMap { subject in
            let codes = NameText.hiddenCharacters(subject.text)
            let mixed = NameText.mixedScriptWords(subject.text)
            guard !codes.isEmpty || !mixed.isEmpty else { return nil }
            let shown = NameText.normalised(subject.text)
            if codes.isEmpty {
                let words = mixed.map { "'\($0)'" }.joined(separator: ", ")
                return finding(
                    severity,
                    nl:
                        "In \(subject.what.nl) ('\(shown)') staan woorden die Latijnse letters mengen met Cyrillische of Griekse die er hetzelfde uitzien (\(words)); zo'n naam kan aan de controle tegen lijsten ontsnappen. Beoordeel of de inschrijver misleidende informatie heeft gegeven.",
                    en:
                        "\(subject.what.en) ('\(shown)') has words that mix Latin letters with Cyrillic or Greek look-alikes (\(words)); such a name can escape matching against lists. Assess whether the bidder gave misleading information.",
                    evidence: [subject.pointer], details: ["mixedScript": mixed.joined(separator: ", "), "name": shown])
            }
            let list = codes.joined(separator: ", ")
            return finding(
                severity,
                nl:
                    "In \(subject.what.nl) ('\(shown)') staan onzichtbare tekens of stuurtekens (\(list)) die de naam aan de controle tegen lijsten kunnen onttrekken. De naam is zonder die tekens gecontroleerd; beoordeel of de inschrijver misleidende informatie heeft gegeven.",
                en:
                    "\(subject.what.en) ('\(shown)') contains invisible or control characters (\(list)) that can hide it from matching against lists. It was matched without them; assess whether the bidder gave misleading information.",
                evidence: [subject.pointer], details: ["characters": list, "name": shown])
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("a zero-width space in a subcontractor's name", at: "bidder.yaml:41:subcontractors") {
                    $0.submission.bidder.subcontractors = [
                        .init(name: "Sibir\u{200B}sky Kremny LLC", country: "RU", share: 5, reliedUpon: false)
                    ]
                },
                .fires("a Cyrillic а among Latin letters in a tier's city", at: "supply-chain.csv:3:tier=polysilicon") {
                    $0.tier("polysilicon") { $0.city = "Burgh\u{0430}usen" }
                },
            ],
            nonTriggering: [
                .quiet("German and Turkish letters with diacritics") {
                    $0.submission.bidder.subcontractors = [
                        .init(name: "Müller Çelik Öztürk GmbH", country: "DE", share: 30, reliedUpon: false)
                    ]
                },
                .quiet("a city written in Chinese characters") { $0.tier("polysilicon") { $0.city = "石河子" } },
            ])
    }
}
