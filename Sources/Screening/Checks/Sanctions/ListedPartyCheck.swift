import Basics
import DossierModel
import Names

/// The bidder, its representatives, UBOs, declared people, consortium members, relied-upon
/// entities, declared subcontractors and every supply-chain tier against the loaded sanctions lists. Every hit is for
/// human review (AVG art. 22); birth date and country confirm or weaken a hit. A hit at or above
/// `freezeBlockScore` on the EU asset-freeze list is a blocker until a jurist has cleared it: no
/// funds may be made available to a listed person, directly or indirectly (Reg. 269/2014 art. 2).
/// An entry of the province's own list whose `until` lies before the reference date is not matched
/// (domain §9b "Province's own exclusion list"). A hit on the US forced-labour lists of checklists/
/// (UFLPA, BIS Entity List, CBP WRO) is no sanction in the Netherlands: it is attention, with the
/// forced-labour policy as its basis (`usListBasis`), never the asset-freeze regulation; for a
/// supply-chain tier it is left to `solar.listed-entity`, which reports it with the tender's
/// knock-outs. A hit on any other list (UN, OFAC, US CSL, UK, OpenSanctions, an own list) is
/// attention, with the basis and the advice `listEffects` of checklists/sanctions.yaml gives for
/// that list's format. A party that is not listed itself but that a listed party owns or directs
/// (OpenSanctions ownership data) is named with its owners: an asset freeze reaches what a listed
/// party owns or controls.
struct ListedPartyCheck: Check {
    let id = "sanctions.listed-party"
    let severity = Severity.blocker
    let legalBasis =
        "Council Regulation (EU) No 269/2014 art. 2; Council Regulation (EU) No 833/2014 art. 5k"
    let summary = "A party in the bid matches an entry of a loaded sanctions list"
    let findsByNameMatch = true
    let dataFiles = ["sanctions.yaml", "name-matching.yaml"]
    let dutchSummary = "Een partij in de inschrijving komt overeen met een vermelding op een geladen sanctielijst"
    let dutchLegalEffect =
        "een treffer op of boven `freezeBlockScore` op de EU-lijst van bevroren tegoeden: blokkerend tot een jurist de treffer heeft beoordeeld (Verordening (EU) nr. 269/2014 art. 2); elke andere treffer: aandacht; een treffer op een Amerikaanse lijst over dwangarbeid: aandacht, met het beleid tegen dwangarbeid als grondslag (geen rechtsgevolg in Nederland); een treffer op de lijst van de VN, van OFAC, de Amerikaanse CSL, het Verenigd Koninkrijk, OpenSanctions of een eigen lijst: aandacht, met de grondslag die `listEffects` ervoor geeft; elke treffer wordt door een mens beoordeeld (AVG art. 22)"
    let legalEffect =
        "a hit at or above `freezeBlockScore` on the EU asset-freeze list: blocker until a jurist has cleared it (Reg. 269/2014 art. 2); any other hit: attention; a hit on a US forced-labour list: attention with the forced-labour policy as its basis (no legal effect in the Netherlands); a hit on the UN, OFAC, US CSL, UK, OpenSanctions or an own list: attention with the basis `listEffects` gives for it; every hit for human review (AVG art. 22)"

    /// The basis of a hit on a US forced-labour list: evidence of risk under the province's policy.
    static let usListBasis =
        "US forced-labour lists (UFLPA Entity List, BIS Entity List, CBP withhold release orders): no legal effect in the Netherlands, evidence of risk; "
        + SolarScope.basis

    struct Subject {
        var name: String
        var kind: WatchlistEntry.Kind
        var role: String
        var birthDate: String?
        var country: Country?
        var pointer: EvidencePointer
        /// The role as a Dutch sentence names it.
        var roleNL: String {
            switch role {
            case "bidder": "inschrijver"
            case "lead", "member": "combinant"
            case "relied-upon", "relied-upon entity": "entiteit waarop de inschrijver zich beroept"
            case "subcontractor": "onderaannemer"
            case "entity in the bid", "other": "entiteit in de inschrijving"
            case "ubo": "uiteindelijk belanghebbende"
            case "representative": "vertegenwoordiger"
            case "declared person": "opgegeven persoon"
            case "winner in the award notice": "winnaar volgens de gunningsaankondiging"
            default:
                role.hasPrefix("supply-chain tier ")
                    ? "schakel " + SolarScope.dutchTier(String(role.dropFirst("supply-chain tier ".count))) + " van de keten" : role
            }
        }
    }

    static func subjects(_ context: ScreeningContext) -> [Subject] {
        let s = context.submission
        var subjects: [Subject] = []
        for espd in [s.espd] + s.otherESPDs {
            if let eo = espd.economicOperator, let name = eo.name, !PlaceholderCheck.isPlaceholder(name) {
                subjects.append(
                    Subject(
                        name: name, kind: .entity, role: espd.source == s.espd.source ? "bidder" : (eo.role ?? "entity in the bid"),
                        country: eo.establishedIn, pointer: EvidencePointer(file: espd.source, line: eo.line, path: eo.path)))
            }
        }
        for person in PersonMatchCheck.bidderPeople(context) {
            subjects.append(
                Subject(
                    name: person.name, kind: .person, role: person.role, birthDate: person.birthDate, country: nil, pointer: person.pointer)
            )
        }
        for sub in s.bidder.subcontractors ?? [] {
            subjects.append(
                Subject(
                    name: sub.name, kind: .entity, role: sub.reliedUpon == true ? "relied-upon entity" : "subcontractor",
                    country: sub.country, pointer: s.bidderPointer("subcontractors", excerpt: sub.name)))
        }
        // Every tier of the supply chain: a listed supplier is as much a party to the contract's money.
        for tier in s.supplyChain ?? [] where !tier.entity.isEmpty {
            subjects.append(
                Subject(
                    name: tier.entity, kind: .entity, role: "supply-chain tier \(tier.tier)", country: tier.country,
                    pointer: SolarScope.pointer(context, tier)))
        }
        return subjects
    }

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let index = context.sanctions else { return [] }
        return Self.subjects(context).flatMap { subject in
            Self.hits(of: subject, in: index, context).map {
                finding($0.severity, nl: $0.nl, en: $0.en, evidence: $0.evidence, details: $0.details, legalBasis: $0.legalBasis)
            }
        }
    }

    /// What a check makes of one subject's hit, before it is a finding of that check
    /// (`notice.winner-listed` reports the award notice's winners and owners the same way).
    struct Hit {
        var severity: Severity
        var nl: String
        var en: String
        var evidence: [EvidencePointer]
        var details: [String: String]
        /// nil: the check's own basis (the asset freeze).
        var legalBasis: String?
    }

    /// The best hit of `subject` on the loaded lists, with its severity and text: at or above
    /// `freezeBlockScore` on the EU asset-freeze list a blocker, any other hit attention; a US
    /// forced-labour list hit of a supply-chain tier is left to `solar.listed-entity`.
    static func hits(of subject: Subject, in index: SanctionsIndex, _ context: ScreeningContext) -> [Hit] {
        index.search(
            subject.name, kind: subject.kind, birthDate: subject.birthDate, country: subject.country, limit: 1, on: context.referenceDate
        ).compactMap { hit -> Hit? in
            let usList = hit.listFormat == Watchlist.Format.checklist.rawValue
            if usList && subject.role.hasPrefix("supply-chain tier ") { return nil }
            let freezes = hit.listFormat == Watchlist.Format.euFSF.rawValue && hit.score >= context.rules.sanctions.freezeBlockScore
            let programme = (nl: hit.programme.map { " (programma \($0))" } ?? "", en: hit.programme.map { " (programme \($0))" } ?? "")
            let listEffect = context.rules.sanctions.listEffects[hit.listFormat]
            let owners = (hit.ownedBy ?? []).joined(separator: "; ")
            let ownedBy =
                owners.isEmpty
                ? (nl: "", en: "")
                : (
                    nl:
                        " \(hit.listedName) staat niet zelf op de lijst; volgens de gegevens is het eigendom van of wordt het bestuurd door: \(owners). Een bevriezing reikt ook tot wat een geplaatste partij bezit of beheert.",
                    en:
                        " \(hit.listedName) is not listed itself; according to the data it is owned or directed by: \(owners). A freeze also reaches what a listed party owns or controls."
                )
            let effect =
                freezes
                ? (
                    nl:
                        "Voor iemand op deze lijst mogen geen tegoeden of economische middelen beschikbaar komen (art. 2 Vo. 269/2014): niet gunnen totdat een jurist heeft vastgesteld dat het om een andere partij gaat.",
                    en:
                        "No funds or economic resources may be made available to anyone on this list (Reg. 269/2014 art. 2): do not award until a jurist has established that this is another party."
                )
                : usList
                    ? (
                        nl:
                            "Deze Amerikaanse lijst heeft in Nederland geen rechtsgevolg; zij is een aanwijzing voor risico. Controleer handmatig; een jurist weegt het risico.",
                        en:
                            "This US list has no legal effect in the Netherlands; it is evidence of risk. Check by hand; a jurist weighs the risk."
                    )
                    : listEffect.map { (nl: $0.nl, en: $0.en) }
                        ?? (nl: "Controleer handmatig voordat er iets wordt besloten.", en: "Check by hand before anything is decided.")
            let related = NameMatcher.Relation.clause(hit.relation)
            return Hit(
                severity: freezes ? .blocker : .attention,
                nl:
                    "\(subject.name) (\(subject.roleNL)) lijkt op \(hit.listedName) op de lijst '\(hit.list)'\(programme.nl): score \(Dutch.decimal(hit.score)).\(related.nl)\(ownedBy.nl) \(effect.nl)",
                en:
                    "\(subject.name) (\(subject.role)) resembles \(hit.listedName) on the list '\(hit.list)'\(programme.en): score \(hit.score).\(related.en)\(ownedBy.en) \(effect.en)",
                evidence: [subject.pointer, EvidencePointer(file: hit.list, path: hit.entryID, excerpt: hit.matchedAlias)],
                details: [
                    "score": String(hit.score), "why": hit.reasons.joined(separator: "; "), "list": hit.list, "entry": hit.entryID,
                    "listedOn": hit.listedOn ?? "",
                    "assetFreeze": hit.listFormat == Watchlist.Format.euFSF.rawValue ? "yes" : "no",
                ].merging(owners.isEmpty ? [:] : ["ownedBy": owners]) { a, _ in a }
                    .merging(hit.relation.map { ["relation": $0.rawValue] } ?? [:]) { a, _ in a },
                legalBasis: usList ? Self.usListBasis : freezes ? nil : listEffect?.basis)
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("a listed company as subcontractor", at: "bidder.yaml:41:subcontractors") {
                    $0.submission.bidder.subcontractors = [.init(name: "Sibirsky Kremny LLC", country: "RU", share: 5, reliedUpon: false)]
                },
                .fires("a listed person among the declared people", at: "bidder.yaml:15:declaration") {
                    $0.submission.bidder.declaration = .init(people: [.init(name: "Aleksandr Volkov", role: "director")])
                },
            ],
            nonTriggering: [
                .quiet("an unlisted subcontractor") {
                    $0.submission.bidder.subcontractors = [
                        .init(name: "Noordzee Modules B.V.", country: "NL", share: 30, reliedUpon: false)
                    ]
                },
                .quiet("another person with a listed person's surname") {
                    $0.submission.bidder.declaration = .init(people: [.init(name: "Pavel Volkov", role: "director")])
                },
            ])
    }
}
