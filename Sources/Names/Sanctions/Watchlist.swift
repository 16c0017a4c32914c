import DossierModel
import Foundation

/// One entry of a sanctions or forced-labour list.
public struct WatchlistEntry: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case person, entity }
    public var id: String
    public var kind: Kind
    /// The primary name, then every alias (all scripts the list gives).
    public var names: [String]
    public var birthDates: [String]
    /// ISO alpha-2 citizenships (persons) or countries of address (entities).
    public var countries: [String]
    public var programme: String?
    public var listedOn: String?
    public var reference: String?
    /// The last day the listing applies (the province's own list): after it the entry is not matched.
    public var until: String? = nil
    /// Why the province may list this party (the province's own list; required for natural persons).
    public var legalBasis: String? = nil
    /// The decision that listed it (the province's own list; required for natural persons).
    public var sourceDecision: String? = nil

    public var primaryName: String { names.first ?? id }

    /// Whether the listing still applies on `day` (an entry without `until` always does).
    public func applies(on day: Day) -> Bool { until.flatMap(Day.init).map { day <= $0 } ?? true }

    public init(
        id: String, kind: Kind, names: [String], birthDates: [String], countries: [String], programme: String?, listedOn: String?,
        reference: String?
    ) {
        self.id = id
        self.kind = kind
        self.names = names
        self.birthDates = birthDates
        self.countries = countries
        self.programme = programme
        self.listedOn = listedOn
        self.reference = reference
    }
}

/// A loaded list with the facts a dossier must name: what it is, its date and its hash.
public struct Watchlist: Sendable {
    public enum Format: String, Codable, Sendable, CaseIterable {
        /// The EU consolidated financial sanctions list (FSF XML, `xmlFullSanctionsList_1_1`).
        case euFSF = "eu-fsf"
        /// A user's own CSV list (name, aliases, kind, birth_date, country, programme, listed_on, reference).
        case csv
        /// A list kept as rule data in checklists/ (forced-labour entities): versioned with the rule data.
        case checklist
    }

    public var name: String
    public var format: Format
    /// The date the list itself states (FSF `generationDate`), or the date given at import.
    public var listDate: Day?
    public var sha256: String
    /// The entries; empty when the list is screened through its persisted index (`entryCount` says how many).
    public var entries: [WatchlistEntry]
    public var entryCount: Int

    public init(name: String, format: Format, listDate: Day?, sha256: String, entries: [WatchlistEntry], entryCount: Int? = nil) {
        self.name = name
        self.format = format
        self.listDate = listDate
        self.sha256 = sha256
        self.entries = entries
        self.entryCount = entryCount ?? entries.count
    }

    /// The version line a dossier records.
    public var version: ListVersion {
        ListVersion(name: name, format: format.rawValue, listDate: listDate?.description, sha256: sha256, entries: entryCount)
    }

    public typealias ListVersion = WatchlistVersion
}
