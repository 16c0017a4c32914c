import DossierModel
import ESPD

/// Every entity of a bid answers the exclusion grounds for itself: each member of a combination,
/// each entity whose capacities are relied upon, each subcontractor that filed an ESPD (Dir.
/// 2014/24/EU art. 57, 63(1), 71(6); Aw 2012 art. 2.86–2.89). Their ESPDs go through the same
/// ESPD and exclusion checks as the bidder's own, and the findings name the entity, its role and
/// what the ground means for the bid:
/// - a member or lead: a ground at one member bars award to the combination (the severity stands);
/// - a relied-upon entity: a mandatory ground means the entity must be replaced before award
///   (blocker, art. 63(1) first subpara.); an optional one, that the province may require it (attention);
/// - a subcontractor that is not relied upon: the province may require its replacement (art. 71(6)(b)),
///   so a mandatory ground is attention.
///
/// What the bidder's file says about an entity's role is the bidder's word: a second ESPD of the
/// bidder itself (same KvK/VAT number or name) counts as the bidder's own, and an entity whose role
/// is missing or not a code of the release is read under the strictest role (the severity stands),
/// never as a subcontractor whose blocker drops to attention (`espd.duplicate-party`, `espd.unknown-role`).
struct EntityInBid {
    enum Role { case member, reliedUpon, subcontractor, sameParty, unknown }

    var name: String
    var role: Role
    var source: String

    init(_ espd: ESPDDocument, bidder: ESPDDocument) {
        name = espd.economicOperator?.name ?? espd.source
        source = espd.source
        if PartyIdentity(espd).isSameParty(as: PartyIdentity(bidder)) {
            role = .sameParty
            return
        }
        role =
            switch espd.economicOperator?.role {
            case "lead"?, "member"?: .member
            case "relied-upon"?: .reliedUpon
            case "subcontractor"?: .subcontractor
            default: .unknown
            }
    }

    var label: (nl: String, en: String) {
        switch role {
        case .member: ("Combinant \(name)", "Group member \(name)")
        case .reliedUpon: ("Entiteit waarop de inschrijver zich beroept (\(name))", "Entity relied upon (\(name))")
        case .subcontractor: ("Onderaannemer \(name)", "Subcontractor \(name)")
        case .sameParty: ("Tweede UEA van de inschrijver zelf (\(name))", "Second ESPD of the bidder itself (\(name))")
        case .unknown: ("Entiteit met een onbekende rol in de inschrijving (\(name))", "Entity with an unknown role in the bid (\(name))")
        }
    }

    var roleName: String {
        switch role {
        case .member: "member"
        case .reliedUpon: "relied-upon"
        case .subcontractor: "subcontractor"
        case .sameParty: "bidder"
        case .unknown: "unknown"
        }
    }

    /// Whether a check of this scope runs on this entity's ESPD.
    func isScreened(by scope: EntityScope) -> Bool {
        switch scope {
        case .bidderOnly: false
        case .everyEntity: true
        // Members and relied-upon entities also answer for their own supporting documents
        // (bidder.yaml `entities`, by KvK number or name); subcontractors are not asked for them.
        case .withOwnEvidence: role == .member || role == .reliedUpon || role == .sameParty
        }
    }

    /// The finding of a check run on this entity's ESPD, as the bid's dossier states it; `ground`
    /// is the exclusion ground it establishes for the entity, as the check describes it. Under the
    /// national regime (`national`: the finding already cites the tender documents and the
    /// Inkoopkader, which apply the same rule about entities) the directive's article on replacing
    /// an entity is not cited; under the EU regime it is.
    func relabel(_ finding: Finding, ground: EntityGround?, national: Bool = false) -> Finding {
        var finding = finding
        var details = finding.details ?? [:]
        details["entity"] = name
        details["entityRole"] = roleName
        details["entityFile"] = source
        finding.details = details
        var nl = label.nl + ": " + finding.message.nl
        var en = label.en + ": " + finding.message.en
        let mandatory = ground == .mandatory
        let isGround = ground != nil
        switch role {
        case .member where mandatory:
            nl += " Een uitsluitingsgrond bij één combinant staat in de weg aan gunning aan de combinatie."
            en += " An exclusion ground at one member of the group bars award to the group."
        case .reliedUpon where mandatory:
            nl += " De inschrijver moet deze entiteit vervangen voordat kan worden gegund."
            en += " The bidder must replace this entity before award."
            if !national { finding.legalBasis += "; Dir. 2014/24/EU art. 63(1)" }
        case .reliedUpon where isGround:
            nl += " De provincie kan verlangen dat de inschrijver deze entiteit vervangt."
            en += " The province may require the bidder to replace this entity."
            if !national { finding.legalBasis += "; Dir. 2014/24/EU art. 63(1)" }
        case .sameParty where isGround:
            nl += " Een uitsluitingsgrond in een van de UEA's van de inschrijver geldt voor de inschrijver."
            en += " An exclusion ground in any of the bidder's ESPDs applies to the bidder."
        case .unknown where isGround:
            nl += " De rol van deze entiteit is niet vast te stellen; de grond weegt daarom zoals bij een combinant."
            en += " This entity's role cannot be established; the ground therefore weighs as for a group member."
        case .subcontractor where isGround:
            if finding.severity == .blocker { finding.severity = .attention }
            nl += " De provincie kan verlangen dat deze onderaannemer wordt vervangen."
            en += " The province may require this subcontractor to be replaced."
            if !national { finding.legalBasis += "; Dir. 2014/24/EU art. 71(6)(b)" }
        default:
            break
        }
        finding.message = Message(nl: nl, en: en)
        return finding
    }
}
