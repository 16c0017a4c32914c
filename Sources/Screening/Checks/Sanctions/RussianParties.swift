import Basics
import DossierModel
import ESPD

/// The parties of a bid that are Russian in the sense of art. 5k(1) Reg. 833/2014, each with the
/// point of 5k it falls under. Read from the ESPDs (country of establishment) and from the bidder
/// file's list of subcontractors, suppliers and relied-upon entities with their shares, and from
/// the supply-chain declaration. Shared by the art. 5k check and the check on a contradicted
/// declaration, so that both read one list.
struct RussianParty {
    enum Ground: Equatable {
        /// The bidder or a member of its group (5k(1)(a)).
        case party
        /// A subcontractor, supplier or relied-upon entity above the share limit (5k(1)(c)).
        case shareAbove(Double)
        /// A subcontractor, supplier or relied-upon entity whose share is not known: whether 5k
        /// applies depends on it.
        case shareUnknown
    }

    var name: String
    var ground: Ground
    var pointer: EvidencePointer
    /// Where it was read: the ESPD, the bidder file or the supply chain.
    var source: Source
    enum Source { case espd, bidderFile, supplyChain }

    /// The Russian parties of the submission. A subcontractor at or below the limit is left out: it
    /// is not a 5k prohibition (domain §9b). A subcontractor named both in an ESPD and in the
    /// bidder file is listed once.
    static func of(_ context: ScreeningContext) -> [RussianParty] {
        let submission = context.submission
        let limit = context.rules.sanctions.subcontractorShareLimit
        var parties: [RussianParty] = []
        var named = Set<String>()
        for espd in [submission.espd] + submission.otherESPDs where espd.economicOperator?.establishedIn == "RU" {
            let name = espd.economicOperator?.name ?? ""
            let pointer = EvidencePointer(
                file: espd.source, line: espd.economicOperator?.line, path: espd.economicOperator?.path,
                excerpt: espd.economicOperator?.country)
            let listed = subcontractor(named: name, in: submission.bidder)
            let role = espd.economicOperator?.role
            let bySharedCapacity = role == "subcontractor" || role == "relied-upon" || (role == nil && listed != nil)
            named.insert(EntityName.key(name))
            guard espd.source != submission.espd.source, bySharedCapacity else {
                parties.append(RussianParty(name: name, ground: .party, pointer: pointer, source: .espd))
                continue
            }
            switch listed?.share {
            case let share? where share > limit:
                parties.append(RussianParty(name: name, ground: .shareAbove(share), pointer: pointer, source: .espd))
            case _?: continue
            case nil: parties.append(RussianParty(name: name, ground: .shareUnknown, pointer: pointer, source: .espd))
            }
        }
        for sub in submission.bidder.subcontractors ?? [] where sub.country == "RU" && !named.contains(EntityName.key(sub.name)) {
            let pointer = submission.bidderPointer("subcontractors", excerpt: sub.name)
            switch sub.share {
            case let share? where share > limit:
                parties.append(RussianParty(name: sub.name, ground: .shareAbove(share), pointer: pointer, source: .bidderFile))
            case _?: continue
            case nil: parties.append(RussianParty(name: sub.name, ground: .shareUnknown, pointer: pointer, source: .bidderFile))
            }
        }
        // Suppliers in the chain count as well (5k(1)(c): suppliers above 10 % of the value); the
        // declaration gives no share per tier, so whether 5k applies depends on that share.
        for tier in submission.supplyChain ?? [] where tier.country == "RU" {
            parties.append(
                RussianParty(
                    name: tier.entity, ground: .shareUnknown, pointer: SolarScope.pointer(context, tier, excerpt: "RU"),
                    source: .supplyChain))
        }
        return parties
    }

    /// The bidder file's entry for an entity, by name (case and spacing ignored).
    static func subcontractor(named name: String, in bidder: BidderFile) -> BidderFile.Subcontractor? {
        guard !EntityName.key(name).isEmpty else { return nil }
        return bidder.subcontractors?.first { EntityName.key($0.name) == EntityName.key(name) }
    }

    /// The reason as the finding states it, in Dutch and English.
    var reason: Message {
        switch (ground, source) {
        case (.party, _):
            return Message(
                nl: "\(name.isEmpty ? "een entiteit van de inschrijving" : name) is volgens het UEA in Rusland gevestigd",
                en: "\(name.isEmpty ? "an entity of the bid" : name) is established in Russia according to the ESPD")
        case (.shareAbove(let share), _):
            return Message(
                nl:
                    "onderaannemer of leverancier \(name) is in Rusland gevestigd en heeft \(Dutch.percentage(share)) van de opdrachtwaarde",
                en: "subcontractor or supplier \(name) is established in Russia and has \(English.percentage(share)) of the contract value")
        case (.shareUnknown, .supplyChain):
            return Message(
                nl: "schakel \(name) van de keten is in Rusland gevestigd; het aandeel in de opdrachtwaarde is niet opgegeven",
                en: "supply-chain tier \(name) is established in Russia; its share of the contract value is not given")
        case (.shareUnknown, _):
            return Message(
                nl: "onderaannemer of leverancier \(name) is in Rusland gevestigd; het aandeel in de opdrachtwaarde is niet opgegeven",
                en: "subcontractor or supplier \(name) is established in Russia; its share of the contract value is not given")
        }
    }
}
